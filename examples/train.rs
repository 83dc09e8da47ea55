//! Trains a topic model on a JSON Lines corpus and reports cross-validation.
//!
//! The shipped model is rebuilt with:
//!
//! ```sh
//! cargo run --release --example train -- --data models/corpus/topics.jsonl --out models/topic.json --cv 5
//! ```

#[macro_use]
mod common;

use std::process::ExitCode;

use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jianbao::classify::{
    Corpus, FeatureParams, ModelKind, TopicModel, TrainParams, cross_validate,
};
use jianbao::jsonl::BadLines;

#[derive(Parser)]
#[command(about = "Train a topic model with linfa")]
struct Args {
    /// Training corpus: `{"id","text","label"}` lines.
    #[arg(long)]
    data: String,
    /// Where to write the model (JSON).
    #[arg(long)]
    out: Option<String>,
    /// nb (naive Bayes) or logreg (logistic regression); default: whichever
    /// scores the higher cross-validated macro-F1.
    #[arg(long)]
    model: Option<ModelKind>,
    /// Folds of stratified cross-validation (0 skips it).
    #[arg(long, default_value_t = 5)]
    cv: usize,
    /// Shuffling seed for the folds.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Leave out character-bigram features.
    #[arg(long)]
    no_bigrams: bool,
    /// Naive Bayes smoothing.
    #[arg(long)]
    smoothing: Option<f64>,
    /// Logistic regression L2 penalty.
    #[arg(long)]
    l2: Option<f64>,
    /// Skip malformed corpus lines instead of stopping.
    #[arg(long)]
    skip_bad: bool,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => common::fail(&e),
    }
}

fn run(args: Args) -> jianbao::Result<()> {
    let bad = if args.skip_bad {
        BadLines::Skip
    } else {
        BadLines::Fail
    };
    let corpus = Corpus::read_jsonl(&args.data, bad)?;
    eprintln!(
        "corpus: {} texts, {:?}",
        corpus.len(),
        corpus.label_counts()
    );
    let features = FeatureParams {
        char_bigrams: !args.no_bigrams,
        ..FeatureParams::default()
    };
    let params_for = |kind: ModelKind| {
        let mut p = TrainParams::default().kind(kind).features(features.clone());
        if let Some(s) = args.smoothing {
            p = p.smoothing(s);
        }
        if let Some(l) = args.l2 {
            p = p.l2(l);
        }
        p
    };
    let kinds = match args.model {
        Some(k) => vec![k],
        None => vec![ModelKind::NaiveBayes, ModelKind::LogisticRegression],
    };
    if args.cv == 0 && kinds.len() > 1 {
        return Err(jianbao::Error::InvalidOption {
            option: "cv",
            reason: "choosing the model needs cross-validation; give --model or --cv ≥ 2".into(),
        });
    }
    let mut best: Option<(ModelKind, jianbao::classify::TrainingReport)> = None;
    if args.cv > 0 {
        for &kind in &kinds {
            let bar =
                ProgressBar::with_draw_target(Some(args.cv as u64), ProgressDrawTarget::stderr());
            if let Ok(style) =
                ProgressStyle::with_template("{msg} {bar:30} fold {pos}/{len} {elapsed}")
            {
                bar.set_style(style);
            }
            bar.set_message(format!("{kind:?}"));
            let report = cross_validate(&corpus, &params_for(kind), args.cv, args.seed, |_| {
                bar.inc(1)
            })?;
            bar.finish_and_clear();
            if args.json {
                outln!("{}", serde_json::json!({"model": kind, "report": report}));
            } else {
                outln!(
                    "== {kind:?}: {}-fold cross-validation (seed {})",
                    report.folds,
                    report.seed
                );
                outln!(
                    "fold macro-F1: {}",
                    report
                        .fold_macro_f1
                        .iter()
                        .map(|f| format!("{f:.3}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                );
                outln!("{}", report.pooled.to_table());
            }
            if best
                .as_ref()
                .is_none_or(|(_, b)| report.pooled.macro_f1 > b.pooled.macro_f1)
            {
                best = Some((kind, report));
            }
        }
    }
    let kind = best.as_ref().map_or(kinds[0], |(k, _)| *k);
    eprintln!("training {kind:?} on all {} texts", corpus.len());
    let mut model = TopicModel::train(&corpus, &params_for(kind))?;
    if let Some((_, report)) = best {
        model = model.with_report(report);
    }
    eprintln!(
        "{} features, labels {:?}",
        model.feature_count(),
        model.labels()
    );
    if let Some(out) = &args.out {
        model.save(out)?;
        eprintln!("wrote {out}");
    }
    Ok(())
}
