//! Keywords and key phrases of a text: a file, standard input, or a JSON Lines batch.
//!
//! ```sh
//! cargo run --release --example keywords -- examples/data/page_front.md --top 10
//! ```

#[macro_use]
mod common;

use std::process::ExitCode;

use clap::Parser;
use jianbao::keywords::{KeywordExtractor, KeywordMethod};
use serde_json::json;

#[derive(Parser)]
#[command(about = "Keywords and key phrases of Chinese text")]
struct Args {
    /// Input file; `-` or nothing reads standard input.
    path: Option<String>,
    /// tfidf (default) or textrank.
    #[arg(long, default_value = "tfidf")]
    method: KeywordMethod,
    /// How many keywords and phrases.
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Parts of speech to keep, comma-separated jieba tags (`n,ns,vn`); `all` keeps every tag.
    #[arg(long)]
    pos: Option<String>,
    /// Print JSON.
    #[arg(long, conflicts_with = "jsonl")]
    json: bool,
    /// Batch: each input line `{"id","text"}` gives `{"id","keywords","phrases"}`.
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
    let mut builder = KeywordExtractor::builder()
        .method(args.method)
        .top_k(args.top);
    match args.pos.as_deref() {
        Some("all") => builder = builder.allowed_pos(Vec::<String>::new()),
        Some(list) => builder = builder.allowed_pos(list.split(',').map(str::trim)),
        None => {}
    }
    let extractor = match builder.build() {
        Ok(x) => x,
        Err(e) => return common::fail(&e),
    };
    let extract = |text: &str| {
        let body = jianbao::text::layout::parse_article(text).body;
        let (words, phrases) = extractor.keywords_and_phrases(&body);
        let words: Vec<_> = words
            .into_iter()
            .map(|k| json!({"word": k.word, "weight": k.weight, "tag": k.tag}))
            .collect();
        let phrases: Vec<_> = phrases
            .into_iter()
            .map(|p| json!({"phrase": p.phrase, "weight": p.weight, "count": p.count}))
            .collect();
        (words, phrases)
    };
    if args.jsonl {
        let run = common::run_jsonl(args.path.as_deref(), args.batch.skip_bad, |item| {
            let (k, p) = extract(&item.text);
            json!({"id": item.id, "keywords": k, "phrases": p})
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
    let (words, phrases) = extract(&text);
    if args.json {
        outln!("{}", json!({"keywords": words, "phrases": phrases}));
    } else {
        for w in &words {
            outln!(
                "{}\t{:.4}\t{}",
                w["word"].as_str().unwrap_or(""),
                w["weight"].as_f64().unwrap_or(0.0),
                w["tag"].as_str().unwrap_or("")
            );
        }
        if !phrases.is_empty() {
            outln!("--");
            for p in &phrases {
                outln!(
                    "{}\t{:.4}\t×{}",
                    p["phrase"].as_str().unwrap_or(""),
                    p["weight"].as_f64().unwrap_or(0.0),
                    p["count"]
                );
            }
        }
    }
    ExitCode::SUCCESS
}
