//! Keywords and key phrases of Chinese news.
//!
//! ```sh
//! cargo run --release --example keywords -- article.txt --top 8
//! cargo run --release --example keywords -- --jsonl articles.jsonl > keywords.jsonl
//! ```

use clap::Parser;
use jianbao::cli::{AnalysisArgs, BatchArgs};
use jianbao::keywords::{DEFAULT_TOP, KeywordExtractor, KeywordMethod, NEWS_POS};
use jianbao::text::layout::parse_article;

#[derive(Parser)]
#[command(version, about = "Keywords and key phrases of Chinese news")]
struct Args {
    /// Input file; `-` or nothing reads standard input.
    path: Option<String>,
    /// learned (the scorer fitted on real headlines), tfidf or textrank.
    #[arg(long, default_value = "learned")]
    method: KeywordMethod,
    /// How many keywords (and phrases).
    #[arg(long, default_value_t = DEFAULT_TOP)]
    top: usize,
    /// Parts of speech to keep, comma-separated (jieba's tags); `all` keeps every one.
    #[arg(long, value_delimiter = ',', default_values_t = NEWS_POS.iter().map(|s| s.to_string()))]
    pos: Vec<String>,
    #[command(flatten)]
    batch: BatchArgs,
    #[command(flatten)]
    analysis: AnalysisArgs,
}

fn main() -> std::process::ExitCode {
    jianbao::cli::main(|| {
        let args = Args::parse();
        let extractor = jianbao::cli::with_pos(
            KeywordExtractor::builder()
                .method(args.method)
                .top(args.top),
            &args.pos,
        )
        .build()?;
        let analyzer = args.analysis.analyzer()?;
        let extract = |text: &str| {
            let article = parse_article(text);
            extractor.extract(&analyzer.analyze_article(None, &article))
        };
        if args.batch.jsonl {
            return args.batch.run(args.path.as_deref(), |r| extract(&r.text));
        }
        let (text, _) = jianbao::batch::read_input(args.path.as_deref())?;
        let k = extract(&text);
        if args.batch.json {
            return jianbao::cli::print_json(&k);
        }
        let mut out: String = k
            .words
            .iter()
            .map(|w| format!("{}\t{:.4}\t{}\n", w.word, w.weight, w.tag))
            .collect();
        if !k.phrases.is_empty() {
            out += "--\n";
            out.extend(
                k.phrases
                    .iter()
                    .map(|p| format!("{}\t{:.4}\t×{}\n", p.phrase, p.weight, p.count)),
            );
        }
        jianbao::batch::print(&out)
    })
}
