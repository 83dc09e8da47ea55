//! The page briefing: every article of a newspaper page with its topic,
//! keywords and summary.
//!
//! ```sh
//! cargo run --release --example digest -- examples/data/page_front.md
//! cargo run --release --example digest -- examples/data/page_front.md --json
//! cargo run --release --example digest -- --jsonl pages.jsonl > digests.jsonl
//! ```

#[macro_use]
mod common;

use std::process::ExitCode;

use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jianbao::Result;
use jianbao::digest::Digest;
use jianbao::summarize::{Budget, Method};

#[derive(Parser)]
#[command(about = "Brief a Chinese newspaper page: topic, keywords and summary of every article")]
struct Args {
    /// The page (Markdown-style headings); `-` or nothing reads standard input.
    path: Option<String>,
    /// Print the briefing as JSON.
    #[arg(long, conflicts_with = "jsonl")]
    json: bool,
    /// Batch: each input line `{"id","text"}` is a page; each output line `{"id","articles":[…]}`.
    #[arg(long)]
    jsonl: bool,
    #[command(flatten)]
    batch: common::BatchOptions,
    /// Summary sentences per article.
    #[arg(long, default_value_t = 2, conflicts_with = "chars")]
    sentences: usize,
    /// Summary characters per article (never exceeded) instead of sentences.
    #[arg(long)]
    chars: Option<usize>,
    /// Summary method: textrank, tfidf or lead.
    #[arg(long, default_value = "textrank")]
    method: Method,
    /// Keywords per article.
    #[arg(long, default_value_t = 5)]
    keywords: usize,
}

/// One line of `--jsonl` output: the caller's id and the page's articles.
/// `PageDigest` serialises to exactly the documented JSON
/// (`{"articles":[{"title","kicker","subtitle","byline","topic","keywords","summary",…}]}`),
/// so it is written straight from the structs with no intermediate tree.
#[derive(serde::Serialize)]
struct BatchLine<'a> {
    id: &'a serde_json::Value,
    articles: &'a [jianbao::digest::ArticleDigest],
}

fn main() -> ExitCode {
    let args = Args::parse();
    if let Err(e) = args.batch.set_threads() {
        return common::fail(&e);
    }
    let budget = match args.chars {
        Some(c) => Budget::Chars(c),
        None => Budget::Sentences(args.sentences),
    };
    let digest = match Digest::builder()
        .method(args.method)
        .budget(budget)
        .keywords(args.keywords)
        .build()
    {
        Ok(d) => d,
        Err(e) => return common::fail(&e),
    };
    let run = if args.jsonl {
        batch(&digest, args.path.as_deref(), args.batch.skip_bad)
    } else {
        common::read_input(args.path.as_deref()).map(|text| {
            let page = digest.page(&text);
            if args.json {
                match serde_json::to_string(&page) {
                    Ok(json) => outln!("{json}"),
                    Err(e) => eprintln!("error: cannot write JSON: {e}"),
                }
            } else {
                out!("{}", page.to_markdown());
            }
        })
    };
    match run {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => common::fail(&e),
    }
}

/// Briefs a batch of pages on every core; one output line per page, in
/// input order.
fn batch(digest: &Digest, path: Option<&str>, skip_bad: bool) -> Result<()> {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{pos} pages {elapsed} {per_sec}") {
        bar.set_style(style);
    }
    common::run_batch(path, skip_bad, Some(&bar), |item| {
        let page = digest.page(&item.text);
        let line = BatchLine {
            id: &item.id,
            articles: &page.articles,
        };
        common::json_line(&line)
    })?;
    bar.finish_and_clear();
    Ok(())
}
