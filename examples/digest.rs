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

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jianbao::digest::Digest;
use jianbao::summarize::{Budget, Method};
use jianbao::{Error, Result};
use rayon::prelude::*;

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
    /// In --jsonl mode, skip bad lines (reported and counted on stderr).
    #[arg(long)]
    skip_bad: bool,
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
    /// Worker threads for --jsonl (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
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
    if let Some(n) = args.threads
        && let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
    {
        eprintln!("error: cannot set up {n} threads: {e}");
        return ExitCode::FAILURE;
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
        batch(&digest, args.path.as_deref(), args.skip_bad)
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

/// Reads the whole batch, then parses, briefs and serialises the pages on
/// every core (a chunk at a time, so memory stays bounded), and writes one
/// line per page in input order.
fn batch(digest: &Digest, path: Option<&str>, skip_bad: bool) -> Result<()> {
    let (reader, name) = common::open_input(path)?;
    let mut lines: Vec<(usize, Vec<u8>)> =
        common::batch_lines(reader, &name).collect::<Result<_>>()?;
    if lines.is_empty() {
        return Err(Error::EmptyData(format!("{name} has no JSON lines")));
    }
    let bar = ProgressBar::with_draw_target(Some(lines.len() as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} pages {elapsed}") {
        bar.set_style(style);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut skipped = 0;
    for chunk in lines.chunks_mut(256) {
        let count = chunk.len() as u64;
        // Each line becomes its finished output line (or its error).
        let done: Vec<Result<Vec<u8>>> = chunk
            .par_iter_mut()
            .map(|(number, bytes)| {
                let item = common::parse_line(&name, *number, std::mem::take(bytes))?;
                let page = digest.page(&item.text);
                let line = BatchLine {
                    id: &item.id,
                    articles: &page.articles,
                };
                let mut json = serde_json::to_vec(&line)
                    .map_err(|e| Error::io("standard output", e.into()))?;
                json.push(b'\n');
                Ok(json)
            })
            .collect();
        for line in done {
            match line {
                Ok(json) => {
                    if let Err(e) = out.write_all(&json) {
                        // A closed pipe (`… | head`) ends the batch quietly.
                        if e.kind() == std::io::ErrorKind::BrokenPipe {
                            return Ok(());
                        }
                        return Err(Error::io("standard output", e));
                    }
                }
                Err(e) if skip_bad && !matches!(e, Error::Io { .. }) => {
                    bar.suspend(|| eprintln!("skipped: {e}"));
                    skipped += 1;
                }
                Err(e) => return Err(e),
            }
        }
        bar.inc(count);
    }
    bar.finish_and_clear();
    out.flush().map_err(|e| Error::io("standard output", e))?;
    if skipped > 0 {
        eprintln!("{skipped} bad line(s) skipped");
    }
    Ok(())
}
