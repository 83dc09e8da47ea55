//! Extractive summary of Chinese news.
//!
//! ```sh
//! cargo run --release --example summarize -- article.txt --sentences 2
//! cargo run --release --example summarize -- --jsonl articles.jsonl > summaries.jsonl
//! ```

use clap::Parser;
use jianbao::cli::{AnalysisArgs, BatchArgs, SummaryArgs};
use jianbao::text::layout::parse_article;

#[derive(Parser)]
#[command(version, about = "Extractive summary of Chinese news")]
struct Args {
    /// Input file (an article, or a page read as one article); `-` or nothing reads standard input.
    path: Option<String>,
    #[command(flatten)]
    summary: SummaryArgs,
    #[command(flatten)]
    batch: BatchArgs,
    #[command(flatten)]
    analysis: AnalysisArgs,
}

fn main() -> std::process::ExitCode {
    jianbao::cli::main(|| {
        let args = Args::parse();
        let summarizer = args.summary.summarizer()?;
        let analyzer = args.analysis.analyzer()?;
        // A text is cleaned of bylines and layout breaks first; its own
        // headline (or the one given) guides the summary.
        let summarize = |title: Option<&str>, text: &str| {
            let article = parse_article(text);
            let title = title.or(article.title.as_deref());
            summarizer.summarize(&analyzer.analyze_article(title, &article))
        };
        if args.batch.jsonl {
            return args.batch.run(args.path.as_deref(), |r| {
                summarize(r.title.as_deref(), &r.text)
            });
        }
        let (text, _) = jianbao::batch::read_input(args.path.as_deref())?;
        let summary = summarize(None, &text);
        if args.batch.json {
            return jianbao::cli::print_json(&summary);
        }
        let lines: String = summary
            .sentences
            .iter()
            .map(|s| format!("{}\n", s.text))
            .collect();
        jianbao::batch::print(&lines)
    })
}
