//! Prints the articles and sentences found on a page.
//!
//! `cargo run --example articles -- examples/data/page_front.md`

use std::process::ExitCode;

#[macro_use]
mod common;

use clap::Parser;
use jianbao::text::{parse_page, split_sentences};

/// Show how jianbao reads a newspaper page: articles, metadata, sentences.
#[derive(Parser)]
struct Args {
    /// The page (Markdown-style headings); `-` or nothing reads standard input.
    path: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let text = match common::read_input(args.path.as_deref()) {
        Ok(t) => t,
        Err(e) => return common::fail(&e),
    };
    let articles = parse_page(&text);
    if args.json {
        let out: Vec<_> = articles
            .iter()
            .map(|a| serde_json::json!({"article": a, "sentences": split_sentences(&a.body)}))
            .collect();
        outln!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        return ExitCode::SUCCESS;
    }
    for (i, a) in articles.iter().enumerate() {
        outln!("== article {} ==", i + 1);
        if let Some(k) = &a.kicker {
            outln!("kicker:   {k}");
        }
        outln!("title:    {}", a.title_or_empty());
        for s in &a.subtitles {
            outln!("subtitle: {s}");
        }
        for b in &a.metadata.bylines {
            outln!("byline:   {b}");
        }
        for c in &a.metadata.credits {
            outln!("credit:   {c}");
        }
        for c in &a.metadata.continuations {
            outln!("marker:   {c}");
        }
        for s in &a.sections {
            outln!("section:  {} (at byte {})", s.text, s.offset);
        }
        for s in split_sentences(&a.body) {
            outln!("  [{}] {}..{} {}", s.index, s.start, s.end, s.text);
        }
    }
    ExitCode::SUCCESS
}
