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
            let (path, weight) = match spec.rsplit_once(':') {
                Some((p, w)) if !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) => (
                    p,
                    w.parse().map_err(|_| {
                        jianbao::Error::invalid("data", spec, "FILE or FILE:WEIGHT")
                    })?,
                ),
                _ => (spec.as_str(), 1),
            };
            corpus.add_jsonl(path, weight, bad)?;
        }
        let analyzer = args.analysis.analyzer()?;
        let candidates: Vec<TrainParams> = Selection::default_candidates()
            .into_iter()
            .filter(|c| args.model.is_none_or(|k| c.model_kind() == k))
            .map(|c| c.analyzer(analyzer.clone()))
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
