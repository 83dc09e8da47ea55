//! Scores jianbao on labelled sets: summaries (ROUGE beside Lead and the
//! oracle), keywords (P@k and fragments against headlines), topics (F1).
//!
//! ```sh
//! cargo run --release --example evaluate -- summarize --data lcsts_part3.jsonl --sentences 1
//! cargo run --release --example evaluate -- keywords --data thucnews_headlines.jsonl --top 5
//! cargo run --release --example evaluate -- classify --data thucnews_sample.jsonl
//! ```

use clap::{Args, Parser};
use jianbao::eval::{self, LabeledRow, Part, SummaryRow};
use jianbao::jsonl::BadLines;
use jianbao::keywords::{KeywordExtractor, KeywordMethod};

#[derive(Parser)]
#[command(
    version,
    about = "Score summaries, keywords or topics on labelled data"
)]
enum Cli {
    /// `{"text","summary","title"?}` lines: ROUGE against `summary`.
    Summarize(SummarizeArgs),
    /// `{"text","summary"|"title"}` lines: keywords against the headline.
    Keywords(KeywordsArgs),
    /// `{"text","label","title"?}` lines: topics against `label`.
    Classify(ClassifyArgs),
}

#[derive(Args)]
struct Data {
    /// JSON Lines file to score on.
    #[arg(long)]
    data: String,
    /// all, first (half, by line order) or second.
    #[arg(long, default_value = "all")]
    part: Part,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Skip malformed lines instead of stopping at the first.
    #[arg(long)]
    skip_bad: bool,
    #[command(flatten)]
    analysis: jianbao::cli::AnalysisArgs,
}

impl Data {
    fn rows<T: serde::de::DeserializeOwned>(&self) -> jianbao::Result<Vec<T>> {
        let bad = if self.skip_bad {
            BadLines::Skip
        } else {
            BadLines::Fail
        };
        let (rows, skipped) = eval::read_rows(&self.data, self.part, bad)?;
        for e in &skipped {
            eprintln!("skipped: {e}");
        }
        Ok(rows)
    }
}

#[derive(Args)]
struct SummarizeArgs {
    #[command(flatten)]
    data: Data,
    #[command(flatten)]
    summary: jianbao::cli::SummaryArgs,
    /// Give the summarizer each row's `title`.
    #[arg(long)]
    with_title: bool,
}

#[derive(Args)]
struct KeywordsArgs {
    #[command(flatten)]
    data: Data,
    /// The headline field: summary or title.
    #[arg(long = "ref", default_value = "summary")]
    reference: String,
    /// Keywords scored per article.
    #[arg(long, default_value_t = 5)]
    top: usize,
    /// learned (the scorer fitted on real headlines), tfidf or textrank.
    #[arg(long, default_value = "learned")]
    method: KeywordMethod,
    /// Parts of speech to keep, comma-separated; `all` keeps every one (default: the extractor's).
    #[arg(long, value_delimiter = ',')]
    pos: Vec<String>,
    /// A keyword scorer file (from `fit keywords`) for the learned method
    /// instead of the shipped one.
    #[arg(long, value_name = "FILE")]
    scorer: Option<String>,
}

#[derive(Args)]
struct ClassifyArgs {
    #[command(flatten)]
    data: Data,
    /// Model file (default: the shipped model).
    #[arg(long)]
    model: Option<String>,
}

fn main() -> std::process::ExitCode {
    jianbao::cli::main(|| match Cli::parse() {
        Cli::Summarize(a) => {
            let rows: Vec<SummaryRow> = a.data.rows()?;
            let (analyzer, summarizer) = (a.data.analysis.analyzer()?, a.summary.summarizer()?);
            report(
                a.data.json,
                &eval::score_summaries(&rows, &analyzer, &summarizer, a.with_title),
            )
        }
        Cli::Keywords(a) => {
            let pairs = eval::headline_pairs(&a.data.rows()?, &a.reference);
            let mut builder = jianbao::cli::with_pos(
                KeywordExtractor::builder().method(a.method).top(a.top),
                &a.pos,
            );
            if let Some(p) = &a.scorer {
                builder = builder.scorer(jianbao::keywords::KeywordScorer::load(p)?);
            }
            let extractor = builder.build()?;
            let pairs = pairs.iter().map(|(t, h)| (t.as_str(), h.as_str()));
            report(
                a.data.json,
                &eval::score_keywords(pairs, &a.data.analysis.analyzer()?, &extractor, a.top),
            )
        }
        Cli::Classify(a) => {
            let rows: Vec<LabeledRow> = a.data.rows()?;
            let model = match &a.model {
                Some(p) => jianbao::classify::TopicModel::load(p)?,
                None => jianbao::classify::TopicModel::shipped()?.clone(),
            };
            let s = eval::score_topics(&rows, &model);
            if !s.unknown_labels.is_empty() {
                eprintln!(
                    "note: labels the model does not know (always errors): {:?}",
                    s.unknown_labels
                );
            }
            report(a.data.json, &s)
        }
    })
}

/// Prints the scores as JSON or as text.
fn report<T: serde::Serialize + std::fmt::Display>(json: bool, scores: &T) -> jianbao::Result<()> {
    if json {
        jianbao::cli::print_json(scores)
    } else {
        jianbao::batch::print(&scores.to_string())
    }
}
