//! Trains a topic model with linfa: cross-validates the candidate options,
//! keeps the best, calibrates it and writes it.
//!
//! The shipped model is rebuilt with the command in `models/README.md`.

use clap::Parser;
use jianbao::classify::{Corpus, ModelKind, Selection, TrainParams};
use jianbao::jsonl::BadLines;

#[derive(Parser)]
#[command(version, about = "Train a topic model with linfa")]
struct Args {
    /// A training file of `{"id","title"?,"text","label"}` lines, as
    /// `FILE` or `FILE:WEIGHT` (each text counts WEIGHT times); repeatable.
    #[arg(long, required = true)]
    data: Vec<String>,
    /// Where to write the model (JSON); checked before training starts.
    #[arg(long)]
    out: Option<String>,
    /// Train only this kind (default: every candidate of both kinds).
    #[arg(long)]
    model: Option<ModelKind>,
    /// Logistic-regression penalties to try instead of the default ones, comma-separated.
    #[arg(long, value_delimiter = ',')]
    l2: Vec<f64>,
    /// How many times a headline's features count (default: the feature default, 3).
    #[arg(long)]
    title_weight: Option<u32>,
    /// Folds of cross-validation.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Shuffling seed for the folds.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Choose on the out-of-fold scores of this source (a file's stem).
    #[arg(long)]
    choose_on: Option<String>,
    /// Skip malformed lines instead of stopping.
    #[arg(long)]
    skip_bad: bool,
    #[command(flatten)]
    analysis: jianbao::cli::AnalysisArgs,
}

fn main() -> std::process::ExitCode {
    jianbao::cli::main(|| {
        let args = Args::parse();
        if let Some(out) = &args.out {
            jianbao::check_writable(out)?;
        }
        let bad = if args.skip_bad {
            BadLines::Skip
        } else {
            BadLines::Fail
        };
        let mut corpus = Corpus::default();
        for spec in &args.data {
            corpus.add_spec(spec, bad)?;
        }
        let analyzer = args.analysis.analyzer()?;
        let mut candidates = Selection::default_candidates();
        if !args.l2.is_empty() {
            candidates.retain(|c| c.model_kind() != ModelKind::LogisticRegression);
            candidates.extend(args.l2.iter().map(|&l2| TrainParams::default().l2(l2)));
        }
        let candidates: Vec<TrainParams> = candidates
            .into_iter()
            .filter(|c| args.model.is_none_or(|k| c.model_kind() == k))
            .map(|c| {
                let mut features = c.feature_params().clone();
                features.title_weight = args.title_weight.unwrap_or(features.title_weight);
                c.analyzer(analyzer.clone()).features(features)
            })
            .collect();
        let mut selection = Selection::default()
            .folds(args.folds)
            .seed(args.seed)
            .candidates(candidates);
        if let Some(source) = &args.choose_on {
            selection = selection.choose_on(source.clone());
        }
        let chosen = selection.run(&corpus, |name| eprintln!("cross-validating {name}"))?;
        if let Some(report) = chosen.model.report() {
            jianbao::batch::print(&report.to_table())?;
        }
        if let Some(out) = &args.out {
            chosen.model.save(out)?;
            eprintln!("wrote {out} ({} features)", chosen.model.feature_count());
        }
        Ok(())
    })
}
