//! Fits the learned scorers shipped in `models/` on sets of real news with
//! human references (never their text: the files hold weights only). The
//! commands that made the shipped files are in `models/README.md`.
//!
//! ```sh
//! cargo run --release --example fit -- keywords --data headlines.jsonl --data other.jsonl:title --part first --out models/keywords.json
//! ```

use clap::{Args, Parser};
use jianbao::eval::{self, Part};
use jianbao::jsonl::BadLines;
use jianbao::keywords::KeywordExtractor;

#[derive(Parser)]
#[command(
    version,
    about = "Fit the learned keyword and sentence scorers on real news"
)]
enum Cli {
    /// `{"text","summary"|"title"}` lines: which terms are headline words.
    Keywords(KeywordArgs),
    /// `{"text","summary","title"?}` lines: which sentences the oracle summary holds.
    Summaries(SummaryArgs),
}

#[derive(Args)]
struct SummaryArgs {
    /// A set, as `FILE:K` (oracle summaries of K sentences) or
    /// `FILE:K:title` (its headlines given too); repeatable.
    #[arg(long, required = true)]
    data: Vec<String>,
    /// The part of each file to fit on: first (half), second or all.
    #[arg(long, default_value = "first")]
    part: Part,
    /// linfa's L2 penalty.
    #[arg(long, default_value_t = 1.0)]
    l2: f64,
    /// How many times each oracle sentence counts as an example.
    #[arg(long, default_value_t = 2)]
    positive_weight: usize,
    /// Where to write the scorer; checked before fitting.
    #[arg(long)]
    out: String,
    #[command(flatten)]
    analysis: jianbao::cli::AnalysisArgs,
}

#[derive(Args)]
struct KeywordArgs {
    /// A set, as `FILE:FIELD:K`: the headline in `FIELD` (summary or title),
    /// scored by P@K; repeatable.
    #[arg(long, required = true)]
    data: Vec<String>,
    /// The part of each file to fit on: first (half), second or all.
    #[arg(long, default_value = "first")]
    part: Part,
    /// linfa's L2 penalties to choose among, comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = [0.1, 1.0, 10.0, 100.0])]
    l2: Vec<f64>,
    /// Folds of cross-validation (within the part fitted on) that choose `l2`.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Parts of speech a candidate may have, comma-separated; `all` keeps
    /// every one (default: the extractor's).
    #[arg(long, value_delimiter = ',')]
    pos: Vec<String>,
    /// Where to write the scorer; checked before fitting.
    #[arg(long)]
    out: String,
    #[command(flatten)]
    analysis: jianbao::cli::AnalysisArgs,
}

fn main() -> std::process::ExitCode {
    jianbao::cli::main(|| match Cli::parse() {
        Cli::Summaries(a) => {
            jianbao::check_writable(&a.out)?;
            let mut sets = Vec::new();
            for spec in &a.data {
                let mut parts = spec.split(':');
                let (path, k, title) = (
                    parts.next().unwrap_or(""),
                    parts.next().and_then(|k| k.parse::<usize>().ok()),
                    parts.next(),
                );
                let (Some(k), true) = (k, title.is_none_or(|t| t == "title")) else {
                    return Err(jianbao::Error::invalid(
                        "data",
                        spec,
                        "FILE:K or FILE:K:title",
                    ));
                };
                let (rows, _) = eval::read_rows::<serde_json::Value>(path, a.part, BadLines::Fail)?;
                let name = std::path::Path::new(path)
                    .file_stem()
                    .map_or(path.to_string(), |s| s.to_string_lossy().into());
                sets.push((
                    format!(
                        "{name}{}",
                        if title.is_some() {
                            " (with headlines)"
                        } else {
                            ""
                        }
                    ),
                    rows,
                    k,
                    title.is_some(),
                ));
            }
            let field = |v: &'_ serde_json::Value, k: &str| v[k].as_str().map(str::to_string);
            // Each set's name, rows (text, reference, headline) and K.
            type OwnedRow = (String, String, Option<String>);
            let owned: Vec<(String, Vec<OwnedRow>, usize)> = sets
                .iter()
                .map(|(n, rows, k, titled)| {
                    let row = |r| {
                        (
                            field(r, "text").unwrap_or_default(),
                            field(r, "summary").unwrap_or_default(),
                            if *titled { field(r, "title") } else { None },
                        )
                    };
                    (n.clone(), rows.iter().map(row).collect(), *k)
                })
                .collect();
            let borrowed: Vec<jianbao::summarize::SentenceSet<'_>> = owned
                .iter()
                .map(|(n, rows, k)| {
                    (
                        n.clone(),
                        rows.iter()
                            .map(|(t, r, h)| (t.as_str(), r.as_str(), h.as_deref()))
                            .collect(),
                        *k,
                    )
                })
                .collect();
            let summarizer = jianbao::summarize::Summarizer::default();
            let scorer = jianbao::summarize::fit_sentence_scorer(
                &borrowed,
                &a.analysis.analyzer()?,
                &summarizer,
                a.l2,
                a.positive_weight,
            )?;
            scorer.save(&a.out)?;
            eprintln!("wrote {} (fitted on {:?})", a.out, scorer.trained_on());
            Ok(())
        }
        Cli::Keywords(a) => {
            jianbao::check_writable(&a.out)?;
            let mut sets = Vec::new();
            for spec in &a.data {
                let mut parts = spec.rsplitn(3, ':');
                let (k, field, path) = (parts.next(), parts.next(), parts.next());
                let (Some(k), Some(field), Some(path)) =
                    (k.and_then(|k| k.parse::<usize>().ok()), field, path)
                else {
                    return Err(jianbao::Error::invalid("data", spec, "FILE:FIELD:K"));
                };
                let (rows, _) = eval::read_rows::<serde_json::Value>(path, a.part, BadLines::Fail)?;
                let name = std::path::Path::new(path)
                    .file_stem()
                    .map_or(path.to_string(), |s| s.to_string_lossy().into());
                let text = |v: &serde_json::Value, f: &str| v[f].as_str().unwrap_or("").to_string();
                sets.push((
                    name,
                    rows.iter()
                        .map(|r| (text(r, "text"), text(r, field)))
                        .collect::<Vec<_>>(),
                    k,
                ));
            }
            let cv: Vec<jianbao::keywords::ScorerSet<'_>> = sets
                .iter()
                .map(|(n, pairs, k)| {
                    (
                        n.clone(),
                        pairs
                            .iter()
                            .map(|(t, h)| (t.as_str(), h.as_str()))
                            .collect(),
                        *k,
                    )
                })
                .collect();
            let extractor = jianbao::cli::with_pos(KeywordExtractor::builder(), &a.pos).build()?;
            let analyzer = a.analysis.analyzer()?;
            let mut best: Option<(f64, f64)> = None;
            for &l2 in &a.l2 {
                let p = jianbao::keywords::cross_validate_scorer(
                    &cv, &analyzer, &extractor, l2, a.folds,
                )?;
                let mean = p.iter().sum::<f64>() / p.len() as f64;
                eprintln!("l2 {l2}: cross-validated P@k {p:.3?} (mean {mean:.4})");
                if best.is_none_or(|(m, _)| mean > m) {
                    best = Some((mean, l2));
                }
            }
            let l2 = best.map_or(1.0, |(_, l2)| l2);
            let all: Vec<(String, Vec<(&str, &str)>)> =
                cv.into_iter().map(|(n, p, _)| (n, p)).collect();
            let scorer = jianbao::keywords::fit_scorer(&all, &analyzer, &extractor, l2)?;
            eprintln!("chose l2 {l2}");
            scorer.save(&a.out)?;
            eprintln!("wrote {} (fitted on {:?})", a.out, scorer.trained_on());
            Ok(())
        }
    })
}
