//! Trains a topic model with linfa: cross-validates the candidate options,
//! keeps the best, calibrates it and writes it.
//!
//! The shipped model is rebuilt with the command in `models/README.md`.

#[macro_use]
mod common;

use std::process::ExitCode;

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
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => common::fail(&e),
    }
}

fn run(args: Args) -> jianbao::Result<()> {
    if let Some(out) = &args.out {
        common::check_writable(out)?;
    }
    let bad = if args.skip_bad {
        BadLines::Skip
    } else {
        BadLines::Fail
    };
    let mut corpus = Corpus::default();
    for spec in &args.data {
        let (path, weight) = common::file_and_weight(spec)?;
        corpus.add_jsonl(path, weight, bad)?;
    }
    for s in corpus.sources() {
        eprintln!("source {}: {} texts, weight {}", s.name, s.count, s.weight);
    }
    let mut selection = Selection::default().folds(args.folds).seed(args.seed);
    if let Some(kind) = args.model {
        let only: Vec<TrainParams> = Selection::default_candidates()
            .into_iter()
            .filter(|c| c.model_kind() == kind)
            .collect();
        selection = selection.candidates(only);
    }
    if let Some(source) = &args.choose_on {
        selection = selection.choose_on(source.clone());
    }
    let chosen = selection.run(&corpus, |name| eprintln!("cross-validating {name}"))?;
    if let Some(report) = chosen.model.report() {
        outln!("{}", common::training_summary(report));
    }
    if let Some(out) = &args.out {
        chosen.model.save(out)?;
        eprintln!("wrote {out} ({} features)", chosen.model.feature_count());
    }
    Ok(())
}
