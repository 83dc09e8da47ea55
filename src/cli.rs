//! What the example programs share: the flags that configure the analysis,
//! the summary budget and a `--jsonl` batch, and the way errors are
//! reported. Behind the `cli` feature (it brings `clap`).

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::analysis::Analyzer;
use crate::batch::{BatchOptions, Event, Record};
use crate::error::Result;
use crate::keywords::KeywordExtractorBuilder;
use crate::summarize::{Budget, Method, Summarizer};

/// Flags that configure the analysis every stage reads.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct AnalysisArgs {
    /// A user dictionary in jieba's format (`word [freq] [tag]` per line); repeatable.
    #[arg(long = "user-dict", value_name = "FILE")]
    pub user_dict: Vec<PathBuf>,
    /// Stop words, one per line, instead of the built-in list.
    #[arg(long = "stop-words", value_name = "FILE")]
    pub stop_words: Option<PathBuf>,
    /// An IDF table (`word idf` per line) for keywords instead of jieba's.
    #[arg(long, value_name = "FILE")]
    pub idf: Option<PathBuf>,
    /// Turn off jieba's HMM for words its dictionary lacks.
    #[arg(long)]
    pub no_hmm: bool,
    /// Keep the pieces of names apart instead of merging them.
    #[arg(long)]
    pub no_merge: bool,
}

impl AnalysisArgs {
    /// The analyzer these flags ask for.
    ///
    /// # Errors
    ///
    /// The errors of [`AnalyzerBuilder::build`](crate::analysis::AnalyzerBuilder::build),
    /// naming the file and line at fault.
    pub fn analyzer(&self) -> Result<Analyzer> {
        let mut b = Analyzer::builder()
            .hmm(!self.no_hmm)
            .merge_words(!self.no_merge);
        for d in &self.user_dict {
            b = b.user_dictionary(d);
        }
        if let Some(p) = &self.stop_words {
            b = b.stop_words_file(p);
        }
        if let Some(p) = &self.idf {
            b = b.idf_file(p);
        }
        b.build()
    }
}

/// Flags that choose the summary: its method and its length (at most one
/// of `--sentences`, `--ratio`, `--chars`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SummaryArgs {
    /// Summary method: learned, textrank, tfidf or lead.
    #[arg(long, default_value = "learned")]
    pub method: Method,
    /// Maximal-marginal-relevance trade-off in (0, 1] (default: the summarizer's, 0.5).
    #[arg(long)]
    pub mmr_lambda: Option<f64>,
    /// Sentences per summary.
    #[arg(long, conflicts_with_all = ["ratio", "chars"])]
    pub sentences: Option<usize>,
    /// Share of the sentences per summary, in (0, 1].
    #[arg(long, conflicts_with = "chars")]
    pub ratio: Option<f64>,
    /// Characters per summary (never exceeded).
    #[arg(long)]
    pub chars: Option<usize>,
    /// A sentence scorer file (from `fit summaries`) for the learned method
    /// instead of the shipped one.
    #[arg(long, value_name = "FILE")]
    pub scorer: Option<std::path::PathBuf>,
}

impl SummaryArgs {
    /// The summarizer these flags ask for (the default budget when none is
    /// given).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`](crate::Error::InvalidOption) for a budget
    /// out of range, naming its flag; the errors of
    /// [`SentenceScorer::load`](crate::summarize::SentenceScorer::load) for
    /// `--scorer`.
    pub fn summarizer(&self) -> Result<Summarizer> {
        let mut b = Summarizer::builder().method(self.method);
        if let Some(p) = &self.scorer {
            b = b.scorer(crate::summarize::SentenceScorer::load(p)?);
        }
        if let Some(l) = self.mmr_lambda {
            b = b.mmr_lambda(l);
        }
        let budget = match (self.sentences, self.ratio, self.chars) {
            (Some(k), _, _) => Some(Budget::Sentences(k)),
            (_, Some(r), _) => Some(Budget::Ratio(r)),
            (_, _, Some(c)) => Some(Budget::Chars(c)),
            _ => None,
        };
        if let Some(budget) = budget {
            b = b.budget(budget);
        }
        b.build()
    }
}

/// Flags of a program that reads one text or, with `--jsonl`, a batch.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct BatchArgs {
    /// Print the result as one JSON object: the fields every `--jsonl`
    /// output line has (the result's own type documents them).
    #[arg(long, conflicts_with = "jsonl")]
    pub json: bool,
    /// Batch: each input line `{"id","title"?,"text"}` gives one output line
    /// `{"line","id",…}` (the same fields `--json` prints).
    #[arg(long)]
    pub jsonl: bool,
    /// Worker threads, 1 to 256 (default: every core): the lines of
    /// `--jsonl` go side by side, and so do a page's articles in `digest`.
    #[arg(long)]
    pub threads: Option<usize>,
    /// With `--jsonl`, skip bad lines (each reported on stderr) instead of stopping.
    #[arg(long)]
    pub skip_bad: bool,
}

impl BatchArgs {
    /// Keeps the library's own parallelism (a page's articles) within the
    /// threads asked for, if any: call it before working on a page (a
    /// batch, [`run`](Self::run), calls it itself). A pool set up already
    /// stays.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`](crate::Error::InvalidOption) for `--threads`
    /// out of range.
    pub fn use_threads(&self) -> Result<()> {
        if let Some(n) = self.threads {
            BatchOptions::default().threads(n)?;
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build_global()
                .ok();
        }
        Ok(())
    }

    /// Runs `work` on every line of the input (a file, or standard input
    /// for `None` or `-`), writing JSON Lines to standard output, on the
    /// threads asked for (the page-level parallelism of the library's
    /// stages gets as many).
    ///
    /// # Errors
    ///
    /// The errors of [`batch::run`](crate::batch::run), and
    /// [`Error::InvalidOption`](crate::Error::InvalidOption) for `--threads`
    /// out of range.
    pub fn run<T: Serialize>(
        &self,
        path: Option<&str>,
        work: impl Fn(&Record) -> T + Sync,
    ) -> Result<()> {
        let mut options = BatchOptions::default().skip_bad(self.skip_bad);
        if let Some(n) = self.threads {
            options = options.threads(n)?;
        }
        self.use_threads()?;
        let (input, name) = crate::batch::open_input(path)?;
        let report = crate::batch::run(
            &name,
            input,
            std::io::stdout().lock(),
            &options,
            work,
            |e| {
                if let Event::Skipped(e) = e {
                    eprintln!("skipped: {e}");
                }
            },
        )?;
        if report.skipped > 0 {
            eprintln!("{} bad line(s) skipped", report.skipped);
        }
        Ok(())
    }
}

/// Applies a `--pos` flag to a keyword extractor's options: the tags
/// given, where `all` keeps every tag; no tags leave the builder's filter
/// as it is.
///
/// ```
/// use jianbao::keywords::KeywordExtractor;
/// use jianbao::cli::with_pos;
/// // The tags given reach the builder, which checks them.
/// assert!(with_pos(KeywordExtractor::builder(), &["zzz".into()]).build().is_err());
/// assert!(with_pos(KeywordExtractor::builder(), &["all".into()]).build().is_ok());
/// assert!(with_pos(KeywordExtractor::builder(), &[]).build().is_ok());
/// ```
pub fn with_pos(builder: KeywordExtractorBuilder, pos: &[String]) -> KeywordExtractorBuilder {
    if pos.is_empty() {
        return builder;
    }
    builder.allowed_pos(pos.iter().filter(|p| *p != "all"))
}

/// Prints `value` as one line of JSON on standard output.
///
/// # Errors
///
/// [`Error::Io`](crate::Error::Io) for a failed write (a closed pipe is no error).
pub fn print_json<T: Serialize>(value: &T) -> Result<()> {
    crate::batch::print(&format!("{}\n", to_json(value)?))
}

/// `value` as one line of JSON, as [`print_json`] writes it.
pub fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| crate::Error::io("standard output", e.into()))
}

/// Runs a program's body and turns its error into a message on stderr
/// (an invalid option named as its flag) and a failing exit code.
pub fn main(body: impl FnOnce() -> Result<()>) -> ExitCode {
    match body() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", crate::batch::cli_message(&e));
            ExitCode::FAILURE
        }
    }
}
