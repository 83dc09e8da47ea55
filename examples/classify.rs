//! Classifies news by topic with the shipped model (or one you trained).
//!
//! ```sh
//! cargo run --release --example classify -- article.txt
//! cargo run --release --example classify -- --jsonl batch.jsonl > topics.jsonl
//! ```

#[macro_use]
mod common;

use std::process::ExitCode;

use clap::Parser;
use jianbao::classify::{Prediction, TopicModel};
use serde_json::json;

#[derive(Parser)]
#[command(about = "Topic of Chinese news: governance, culture, public_services, cooperation")]
struct Args {
    /// Input file; `-` or nothing reads standard input.
    path: Option<String>,
    /// Model file (default: the model shipped with jianbao).
    #[arg(long)]
    model: Option<String>,
    /// Print `{"label","probability","scores"}` JSON.
    #[arg(long, conflicts_with = "jsonl")]
    json: bool,
    /// Batch: each input line `{"id","text"}` gives `{"id","label","probability","scores"}`.
    #[arg(long)]
    jsonl: bool,
    #[command(flatten)]
    batch: common::BatchOptions,
    /// Also print the terms that weighed most for the label.
    #[arg(long)]
    explain: bool,
}

fn prediction_json(p: &Prediction) -> serde_json::Value {
    json!(p)
}

fn main() -> ExitCode {
    let args = Args::parse();
    if let Err(e) = args.batch.set_threads() {
        return common::fail(&e);
    }
    let owned;
    let model = match &args.model {
        Some(path) => match TopicModel::load(path) {
            Ok(m) => {
                owned = m;
                &owned
            }
            Err(e) => return common::fail(&e),
        },
        None => match TopicModel::shipped() {
            Ok(m) => m,
            Err(e) => return common::fail(&e),
        },
    };
    if args.jsonl {
        let run = common::run_jsonl(args.path.as_deref(), args.batch.skip_bad, |item| {
            let mut v = prediction_json(&model.predict(&item.text));
            v["id"] = item.id;
            v
        });
        return match run {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => common::fail(&e),
        };
    }
    let text = match common::read_input(args.path.as_deref()) {
        Ok(t) => t,
        Err(e) => return common::fail(&e),
    };
    let (p, terms) = model.explain(&text, 8);
    if args.json {
        let mut v = prediction_json(&p);
        if args.explain {
            v["terms"] = json!(terms);
        }
        outln!("{v}");
    } else {
        outln!("{}\t{:.3}", p.label_or_dash(), p.probability);
        for (label, prob) in &p.scores {
            outln!("  {label:<16} {prob:.3}");
        }
        if args.explain {
            let words: Vec<String> = terms
                .iter()
                .map(|t| format!("{}({:.2})", t.term, t.weight))
                .collect();
            outln!("because: {}", words.join(" "));
        }
    }
    ExitCode::SUCCESS
}
