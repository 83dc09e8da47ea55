//! The page briefing: every article of a newspaper page with its topic,
//! keywords and summary.
//!
//! ```sh
//! cargo run --release --example digest -- examples/data/page_front.md
//! cargo run --release --example digest -- examples/data/page_front.md --json
//! cargo run --release --example digest -- --jsonl pages.jsonl > digests.jsonl
//! ```
//!
//! With `--jsonl`, a line's `text` is a page; a line that also has a
//! `title` is one article under that headline.

use clap::Parser;
use jianbao::cli::{AnalysisArgs, BatchArgs, SummaryArgs};
use jianbao::digest::{Digest, PageDigest, PageFormat};
use jianbao::keywords::{DEFAULT_TOP, KeywordExtractor};

#[derive(Parser)]
#[command(
    version,
    about = "Brief a Chinese newspaper page: topic, keywords and summary of every article"
)]
struct Args {
    /// The page (Markdown-style headings); `-` or nothing reads standard input.
    path: Option<String>,
    #[command(flatten)]
    batch: BatchArgs,
    #[command(flatten)]
    summary: SummaryArgs,
    /// Keywords per article.
    #[arg(long, default_value_t = DEFAULT_TOP)]
    top: usize,
    #[command(flatten)]
    analysis: AnalysisArgs,
}

fn main() -> std::process::ExitCode {
    jianbao::cli::main(|| {
        let args = Args::parse();
        let digest = Digest::builder()
            .analyzer(args.analysis.analyzer()?)
            .summarizer(args.summary.summarizer()?)
            .keywords(KeywordExtractor::builder().top(args.top).build()?)
            .build()?;
        if args.batch.jsonl {
            // A line with a headline (`title`) is that one article; a line
            // without is a page.
            return args.batch.run(args.path.as_deref(), |r| {
                match r.title.as_deref().filter(|t| !t.trim().is_empty()) {
                    Some(title) => PageDigest {
                        articles: vec![digest.article(Some(title), &r.text)],
                    },
                    None => digest.page(&r.text),
                }
            });
        }
        args.batch.use_threads()?;
        let (text, _) = jianbao::batch::read_input(args.path.as_deref())?;
        let markup: usize = jianbao::text::lines(&text)
            .map(|(_, line)| jianbao::text::strip_markup(line).1)
            .sum();
        if markup > 0 {
            eprintln!("warning: {markup} HTML tags and character references removed");
        }
        let format = if args.batch.json {
            PageFormat::Json
        } else {
            PageFormat::Markdown
        };
        digest.write_page(&text, format, jianbao::batch::print)
    })
}
