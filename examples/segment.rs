//! Segments text with jieba-rs and nothing else: the floor every other job
//! is measured against (`--jsonl` reads `{"id","text"}` lines like the
//! other examples, so whole-process times compare like for like).
//!
//! ```sh
//! time cargo run --release --example segment -- --jsonl articles.jsonl > /dev/null
//! ```

#[macro_use]
mod common;

use std::process::ExitCode;

use clap::Parser;
use jianbao::tokenize::shared_jieba;
use serde_json::json;

#[derive(Parser)]
#[command(about = "Cut Chinese text into words with jieba-rs (HMM on)")]
struct Args {
    /// Input file; `-` or nothing reads standard input.
    path: Option<String>,
    /// Batch: each input line `{"id","text"}` gives `{"id","words"}` (the number of words).
    #[arg(long)]
    jsonl: bool,
    #[command(flatten)]
    batch: common::BatchOptions,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if let Err(e) = args.batch.set_threads() {
        return common::fail(&e);
    }
    let jieba = shared_jieba();
    if args.jsonl {
        return match common::run_jsonl(
            args.path.as_deref(),
            args.batch.skip_bad,
            |item| json!({"id": item.id, "words": jieba.cut(&item.text, true).len()}),
        ) {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => common::fail(&e),
        };
    }
    match common::read_input(args.path.as_deref()) {
        Ok(text) => {
            let words: Vec<&str> = jieba.cut(&text, true).into_iter().map(|t| t.word).collect();
            outln!("{}", words.join(" "));
            ExitCode::SUCCESS
        }
        Err(e) => common::fail(&e),
    }
}
