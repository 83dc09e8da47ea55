//! Summarises an article: a file, standard input, or a JSON Lines batch.
//!
//! ```sh
//! cargo run --release --example summarize -- article.txt --sentences 2
//! cargo run --release --example summarize -- --jsonl batch.jsonl --sentences 2 > summaries.jsonl
//! ```
//!
//! The input goes through the page parser first, so bylines, photo credits
//! and lines broken by the layout are handled; spans in the output index
//! into the cleaned text (the parser's article body).

#[macro_use]
mod common;

use std::process::ExitCode;

use clap::Parser;
use jianbao::summarize::{Budget, Method, Summarizer, Summary};
use jianbao::text::layout::parse_article;
use serde::Serialize;
use serde_json::json;

#[derive(Parser)]
#[command(about = "Extractive summary of Chinese news")]
struct Args {
    /// Input file; `-` or nothing reads standard input.
    path: Option<String>,
    /// textrank (default), tfidf or lead.
    #[arg(long, default_value = "textrank")]
    method: Method,
    /// Number of sentences (default 3).
    #[arg(long, conflicts_with_all = ["ratio", "chars"])]
    sentences: Option<usize>,
    /// Share of the sentences, in (0, 1].
    #[arg(long, conflicts_with = "chars")]
    ratio: Option<f64>,
    /// Maximum number of characters (never exceeded).
    #[arg(long)]
    chars: Option<usize>,
    /// The article's headline (favours sentences that say the same).
    #[arg(long)]
    title: Option<String>,
    /// Print `{"method","sentences":[…]}` JSON.
    #[arg(long, conflicts_with = "jsonl")]
    json: bool,
    /// Batch: each input line `{"id","text","title"?}` gives `{"id","summary","sentences"}`.
    #[arg(long)]
    jsonl: bool,
    #[command(flatten)]
    batch: common::BatchOptions,
}

/// A chosen sentence as the JSON output shows it (fields in name order,
/// written straight from the struct with no intermediate tree).
#[derive(Serialize)]
struct SentenceJson<'a> {
    end: usize,
    index: usize,
    score: f64,
    start: usize,
    text: &'a str,
}

fn sentences_json(summary: &Summary) -> Vec<SentenceJson<'_>> {
    summary
        .sentences
        .iter()
        .map(|s| SentenceJson {
            end: s.end,
            index: s.index,
            score: s.score,
            start: s.start,
            text: &s.text,
        })
        .collect()
}

/// One output line of a batch.
#[derive(Serialize)]
struct BatchLine<'a> {
    id: &'a serde_json::Value,
    sentences: Vec<SentenceJson<'a>>,
    summary: String,
}

fn summarize(s: &Summarizer, text: &str, title: Option<&str>) -> Summary {
    let article = parse_article(text);
    let title = title.or(article.title.as_deref());
    s.summarize_titled(&article.body, title)
}

fn main() -> ExitCode {
    let args = Args::parse();
    if let Err(e) = args.batch.set_threads() {
        return common::fail(&e);
    }
    let budget = match (args.sentences, args.ratio, args.chars) {
        (_, _, Some(c)) => Budget::Chars(c),
        (_, Some(r), _) => Budget::Ratio(r),
        (Some(n), _, _) => Budget::Sentences(n),
        _ => Budget::Sentences(3),
    };
    let summarizer = match Summarizer::builder()
        .method(args.method)
        .budget(budget)
        .build()
    {
        Ok(s) => s,
        Err(e) => return common::fail(&e),
    };
    if args.jsonl {
        let run = common::run_batch(args.path.as_deref(), args.batch.skip_bad, None, |item| {
            let summary = summarize(&summarizer, &item.text, item.title.as_deref());
            common::json_line(&BatchLine {
                id: &item.id,
                sentences: sentences_json(&summary),
                summary: summary.text(),
            })
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
    let summary = summarize(&summarizer, &text, args.title.as_deref());
    if args.json {
        outln!(
            "{}",
            json!({"method": summary.method, "sentences": sentences_json(&summary)})
        );
    } else {
        for s in &summary.sentences {
            outln!("{}", s.text);
        }
    }
    ExitCode::SUCCESS
}
