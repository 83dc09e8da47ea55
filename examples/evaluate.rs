//! Scores jianbao on labelled data.
//!
//! ```sh
//! cargo run --release --example evaluate -- summarize --data ../shared/data/summ/lcsts_part3.jsonl --sentences 1
//! cargo run --release --example evaluate -- classify --data ../shared/data/cls/thucnews_sample.jsonl
//! ```

#[macro_use]
mod common;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jianbao::classify::TopicModel;
use jianbao::eval::{ClassificationReport, RougeMean, rouge};
use jianbao::jsonl::{BadLines, JsonLines, read_jsonl};
use jianbao::rank::Similarity;
use jianbao::summarize::{Budget, Method, Summarizer};
use jianbao::text::layout::parse_article;
use serde::Deserialize;

#[derive(Parser)]
#[command(about = "Score summaries with character ROUGE, or topics with F1")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Summarise each `{"id","text","summary","title"?}` line and score it against `summary`.
    Summarize(SummarizeArgs),
    /// Classify each `{"id","text","label"}` line and score it against `label`.
    Classify(ClassifyArgs),
}

#[derive(Args)]
struct Common {
    /// JSON Lines file to score on.
    #[arg(long)]
    data: String,
    /// Skip malformed lines (reported on stderr, counted at the end) instead of stopping.
    #[arg(long)]
    skip_bad: bool,
    /// Score only part of the file, by line order: the first or the second half.
    #[arg(long, value_enum, default_value_t = Part::All)]
    part: Part,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Part {
    All,
    First,
    Second,
}

#[derive(Args)]
struct SummarizeArgs {
    #[command(flatten)]
    common: Common,
    /// textrank, tfidf or lead.
    #[arg(long, default_value = "textrank")]
    method: Method,
    /// Sentences per summary.
    #[arg(long, conflicts_with_all = ["chars", "ratio"])]
    sentences: Option<usize>,
    /// Characters per summary (never exceeded).
    #[arg(long, conflicts_with = "ratio")]
    chars: Option<usize>,
    /// Share of sentences per summary.
    #[arg(long)]
    ratio: Option<f64>,
    /// Graph edge weight: cosine or bm25.
    #[arg(long, default_value = "cosine")]
    similarity: String,
    /// Override the lead prior's decay.
    #[arg(long)]
    position_decay: Option<f64>,
    /// Override the headline weight.
    #[arg(long)]
    title_weight: Option<f64>,
    /// Override PageRank damping.
    #[arg(long)]
    damping: Option<f64>,
    /// Override the MMR trade-off.
    #[arg(long)]
    mmr_lambda: Option<f64>,
    /// Override the long-sentence penalty.
    #[arg(long)]
    length_weight: Option<f64>,
    /// Give each text its reference as the headline. This reproduces the
    /// held-out page protocol (headline given, scored against headline and
    /// sub-headline) on data that has only a headline; it is for tuning the
    /// headline weight, never a score to report as headline-free.
    #[arg(long)]
    title_from_summary: bool,
    /// IDF table (`word idf` lines, the jieba format) instead of the text's own sentences.
    #[arg(long)]
    idf: Option<String>,
}

#[derive(Args)]
struct ClassifyArgs {
    #[command(flatten)]
    common: Common,
    /// Model file (default: the shipped model).
    #[arg(long)]
    model: Option<String>,
}

#[derive(Deserialize)]
struct SummaryRow {
    text: String,
    summary: String,
    title: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.task {
        Task::Summarize(a) => summarize(a),
        Task::Classify(a) => classify(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn load<T: for<'de> Deserialize<'de>>(c: &Common) -> jianbao::Result<Vec<T>> {
    let bad = if c.skip_bad {
        BadLines::Skip
    } else {
        BadLines::Fail
    };
    let JsonLines { records, skipped } = read_jsonl::<T>(&c.data, bad)?;
    for e in &skipped {
        eprintln!("skipped: {e}");
    }
    if !skipped.is_empty() {
        eprintln!("{} bad line(s) skipped", skipped.len());
    }
    let mut rows: Vec<T> = records.into_iter().map(|r| r.record).collect();
    let half = rows.len() / 2;
    match c.part {
        Part::All => {}
        Part::First => rows.truncate(half),
        Part::Second => {
            rows.drain(..half);
        }
    }
    if rows.is_empty() {
        return Err(jianbao::Error::EmptyData(format!(
            "{}: nothing to score",
            c.data
        )));
    }
    Ok(rows)
}

fn progress(n: usize) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed}") {
        bar.set_style(style);
    }
    bar
}

fn summarize(a: SummarizeArgs) -> jianbao::Result<()> {
    let rows: Vec<SummaryRow> = load(&a.common)?;
    let budget = match (a.sentences, a.chars, a.ratio) {
        (_, Some(c), _) => Budget::Chars(c),
        (_, _, Some(r)) => Budget::Ratio(r),
        (Some(k), _, _) => Budget::Sentences(k),
        _ => Budget::Sentences(2),
    };
    let mut b = Summarizer::builder().method(a.method).budget(budget);
    b = match a.similarity.as_str() {
        "cosine" => b.similarity(Similarity::Cosine),
        "bm25" => b.similarity(Similarity::Bm25 { k1: 1.5, b: 0.75 }),
        other => {
            return Err(jianbao::Error::invalid(
                "similarity",
                other,
                "cosine or bm25",
            ));
        }
    };
    if let Some(v) = a.position_decay {
        b = b.position_decay(v);
    }
    if let Some(v) = a.title_weight {
        b = b.title_weight(v);
    }
    if let Some(v) = a.damping {
        b = b.damping(v);
    }
    if let Some(v) = a.mmr_lambda {
        b = b.mmr_lambda(v);
    }
    if let Some(v) = a.length_weight {
        b = b.length_weight(v);
    }
    if let Some(path) = &a.idf {
        let table = jianbao::vectorize::IdfTable::parse(&jianbao::read_text_file(path)?, 10.0)?;
        b = b.idf(jianbao::vectorize::Idf::Table(std::sync::Arc::new(table)));
    }
    let summarizer = b.build()?;
    let bar = progress(rows.len());
    let mut mean = RougeMean::default();
    let started = std::time::Instant::now();
    let mut chars = 0usize;
    for row in &rows {
        let article = parse_article(&row.text);
        let title = if a.title_from_summary {
            Some(row.summary.as_str())
        } else {
            row.title.as_deref().or(article.title.as_deref())
        };
        let summary = summarizer.summarize_titled(&article.body, title);
        mean.add(&rouge(&summary.text(), &row.summary));
        chars += row.text.chars().count();
        bar.inc(1);
    }
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    let m = mean.mean();
    if a.common.json {
        let out = serde_json::json!({
            "data": a.common.data, "documents": mean.count(), "method": summarizer.method(),
            "rouge1": m.rouge1, "rouge2": m.rouge2, "rougeL": m.rouge_l,
            "chars_per_second": chars as f64 / secs,
        });
        outln!("{out}");
    } else {
        outln!(
            "{:<10} n={} R1-F {:.3} R2-F {:.3} RL-F {:.3}  (P/R R1 {:.3}/{:.3})  {:.0} chars/s",
            format!("{:?}", summarizer.method()).to_lowercase(),
            mean.count(),
            m.rouge1.f1,
            m.rouge2.f1,
            m.rouge_l.f1,
            m.rouge1.precision,
            m.rouge1.recall,
            chars as f64 / secs
        );
    }
    Ok(())
}

#[derive(Deserialize)]
struct LabelRow {
    #[serde(default)]
    title: Option<String>,
    text: String,
    label: String,
}

fn classify(a: ClassifyArgs) -> jianbao::Result<()> {
    let rows: Vec<LabelRow> = load(&a.common)?;
    let owned;
    let model = match &a.model {
        Some(path) => {
            owned = TopicModel::load(path)?;
            &owned
        }
        None => TopicModel::shipped()?,
    };
    let unknown: std::collections::BTreeSet<&str> = rows
        .iter()
        .map(|r| r.label.as_str())
        .filter(|l| !model.labels().iter().any(|m| m == l))
        .collect();
    if !unknown.is_empty() {
        eprintln!(
            "note: labels in the data that the model does not know (always counted as errors): {unknown:?}"
        );
    }
    let bar = progress(rows.len());
    let started = std::time::Instant::now();
    let texts: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
    let mut predicted = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(64) {
        use rayon::prelude::*;
        let p: Vec<String> = chunk
            .par_iter()
            .map(|r| {
                model
                    .predict_titled(r.title.as_deref(), &r.text)
                    .label_or_dash()
                    .to_string()
            })
            .collect();
        predicted.extend(p);
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    let report = ClassificationReport::from_pairs(
        rows.iter()
            .zip(&predicted)
            .map(|(r, p)| (r.label.as_str(), p.as_str())),
    );
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    if a.common.json {
        outln!(
            "{}",
            serde_json::json!({"data": a.common.data, "documents": rows.len(), "report": report,
                "chars_per_second": chars as f64 / secs})
        );
    } else {
        outln!(
            "{} documents, {:.0} chars/s\n{}",
            rows.len(),
            chars as f64 / secs,
            report.to_table()
        );
    }
    Ok(())
}
