//! Fits the learned scorers shipped in `models/` on sets of real news with
//! human references (never their text: the files hold weights only). The
//! commands that made the shipped files are in `models/README.md`.
//!
//! ```sh
//! cargo run --release --example fit -- keywords --data headlines.jsonl --data other.jsonl:title --part first --out models/keywords.json
//! ```

use clap::{Args, Parser};
use jianbao::eval::{HeadlineSet, Part, SummarySet};
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
            let sets = a
                .data
                .iter()
                .map(|spec| SummarySet::read(spec, a.part))
                .collect::<Result<Vec<_>, _>>()?;
            let borrowed: Vec<_> = sets.iter().map(SummarySet::borrowed).collect();
            let scorer = jianbao::summarize::fit_sentence_scorer(
                &borrowed,
                &a.analysis.analyzer()?,
                &jianbao::summarize::Summarizer::default(),
                a.l2,
                a.positive_weight,
            )?;
            scorer.save(&a.out)?;
            eprintln!("wrote {} (fitted on {:?})", a.out, scorer.trained_on());
            Ok(())
        }
        Cli::Keywords(a) => {
            jianbao::check_writable(&a.out)?;
            let sets = a
                .data
                .iter()
                .map(|spec| HeadlineSet::read(spec, a.part))
                .collect::<Result<Vec<_>, _>>()?;
            let borrowed: Vec<_> = sets.iter().map(HeadlineSet::borrowed).collect();
            let extractor = jianbao::cli::with_pos(KeywordExtractor::builder(), &a.pos).build()?;
            let (scorer, l2) = jianbao::keywords::choose_and_fit_scorer(
                &borrowed,
                &a.analysis.analyzer()?,
                &extractor,
                &a.l2,
                a.folds,
                |l2, p| {
                    let mean = p.iter().sum::<f64>() / p.len() as f64;
                    eprintln!("l2 {l2}: cross-validated P@k {p:.3?} (mean {mean:.4})");
                },
            )?;
            eprintln!("chose l2 {l2}");
            scorer.save(&a.out)?;
            eprintln!("wrote {} (fitted on {:?})", a.out, scorer.trained_on());
            Ok(())
        }
    })
}
