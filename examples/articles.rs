//! Shows how a page was read: its articles, their headings and metadata,
//! and the sentences of each body with their spans.
//!
//! ```sh
//! cargo run --release --example articles -- examples/data/page_front.md
//! ```

use clap::Parser;
use jianbao::text::{parse_page, split_sentences};

#[derive(Parser)]
#[command(version, about = "Show the articles and sentences a page is read into")]
struct Args {
    /// The page; `-` or nothing reads standard input.
    path: Option<String>,
    /// Print the articles as JSON.
    #[arg(long)]
    json: bool,
}

fn main() -> std::process::ExitCode {
    jianbao::cli::main(|| {
        let args = Args::parse();
        let (page, _) = jianbao::batch::read_input(args.path.as_deref())?;
        let articles = parse_page(&page);
        if args.json {
            return jianbao::cli::print_json(&articles);
        }
        let mut out = String::new();
        for (i, a) in articles.iter().enumerate() {
            out += &format!(
                "== article {} (page bytes {}..{})\n",
                i + 1,
                a.source.start,
                a.source.end
            );
            for (what, v) in [("kicker", &a.kicker), ("title", &a.title)] {
                if let Some(v) = v {
                    out += &format!("{what}: {v}\n");
                }
            }
            for s in &a.subtitles {
                out += &format!("subtitle: {s}\n");
            }
            for (what, list) in [
                ("byline", &a.metadata.bylines),
                ("credit", &a.metadata.credits),
                ("caption", &a.metadata.captions),
                ("continuation", &a.metadata.continuations),
            ] {
                for v in list {
                    out += &format!("{what}: {v}\n");
                }
            }
            for h in &a.sections {
                out += &format!("section at {}: {}\n", h.span.start, h.text);
            }
            if a.markup_removed > 0 {
                out += &format!("markup removed: {}\n", a.markup_removed);
            }
            for s in split_sentences(&a.body) {
                out += &format!("  [{}..{}] {}\n", s.span.start, s.span.end, s.text);
            }
        }
        jianbao::batch::print(&out)
    })
}
