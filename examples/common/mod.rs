//! What the example programs share: reading input, JSON Lines batches,
//! reporting errors.

#![allow(dead_code)]

use std::io::{BufRead, Read, Write};

use jianbao::{Error, Result};
use serde::Deserialize;

/// Reads a whole file, or standard input for `None` / `-`.
pub fn read_input(path: Option<&str>) -> Result<String> {
    match path {
        None | Some("-") => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io("standard input", e))?;
            jianbao::decode_utf8("standard input", bytes)
        }
        Some(p) => jianbao::read_text_file(p),
    }
}

/// One input line of a `--jsonl` batch.
#[derive(Deserialize)]
pub struct BatchItem {
    /// The caller's id, echoed back as given (string or number).
    #[serde(default)]
    pub id: serde_json::Value,
    /// The text to work on.
    pub text: String,
    /// A headline, if the caller has one.
    #[serde(default)]
    pub title: Option<String>,
}

/// Opens a batch input: a file, or standard input for `None` / `-`.
/// Returns the reader and the name errors should use.
pub fn open_input(path: Option<&str>) -> Result<(Box<dyn BufRead>, String)> {
    match path {
        None | Some("-") => Ok((Box::new(std::io::stdin().lock()), "standard input".into())),
        Some(p) => {
            let f = jianbao::open_file(p)?;
            Ok((Box::new(std::io::BufReader::new(f)), p.to_string()))
        }
    }
}

/// Parses one line of a batch (1-based `line` for errors): invalid UTF-8,
/// a line that is not JSON and a line without `text` are errors naming the
/// input and the line.
pub fn parse_line(name: &str, line: usize, bytes: Vec<u8>) -> Result<BatchItem> {
    let text = jianbao::decode_utf8(format!("{name}:{line}"), bytes)?;
    serde_json::from_str::<BatchItem>(&text).map_err(|e| Error::BadRecord {
        path: name.into(),
        line,
        reason: e.to_string(),
    })
}

/// The non-blank lines of a batch input, each with its 1-based number.
pub fn batch_lines(
    reader: Box<dyn BufRead>,
    name: &str,
) -> impl Iterator<Item = Result<(usize, Vec<u8>)>> {
    let name = name.to_string();
    reader
        .split(b'\n')
        .enumerate()
        .map(move |(i, line)| {
            line.map(|l| (i + 1, l))
                .map_err(|e| Error::io(name.clone(), e))
        })
        .filter(|r| !matches!(r, Ok((_, l)) if l.iter().all(u8::is_ascii_whitespace)))
}

/// Lines handed to the worker threads at a time: enough to keep both cores
/// busy, few enough that memory stays bounded whatever the input's size.
const CHUNK_LINES: usize = 256;

/// Runs `work` on each line of a JSON Lines input, writing one output line
/// per input line, in input order. Lines are read a chunk at a time and
/// parsed, worked on and serialised on the worker threads (all cores unless
/// [`BatchOptions::set_threads`] said otherwise); the main thread only reads
/// and writes.
/// A bad line (invalid UTF-8, not JSON, no `text`) stops the run with its
/// line number, or with `skip_bad` is reported on stderr and counted.
/// Returns the number of lines skipped.
pub fn run_jsonl<T: serde::Serialize>(
    path: Option<&str>,
    skip_bad: bool,
    work: impl Fn(BatchItem) -> T + Sync,
) -> Result<usize> {
    run_batch(path, skip_bad, None, |item| json_line(&work(item)))
}

/// `value` as one line of JSON, newline included.
pub fn json_line<T: serde::Serialize>(value: &T) -> Result<Vec<u8>> {
    let mut json = serde_json::to_vec(value).map_err(|e| Error::io("standard output", e.into()))?;
    json.push(b'\n');
    Ok(json)
}

/// The engine of [`run_jsonl`]: `work` turns a parsed line into its
/// finished output bytes. `progress` counts lines as they are written.
///
/// While the workers are on one chunk, the main thread writes the results
/// of the chunk before and reads the chunk after, so the workers never
/// wait for input or output (with two cores that wait was a tenth of the
/// run).
pub fn run_batch(
    path: Option<&str>,
    skip_bad: bool,
    progress: Option<&indicatif::ProgressBar>,
    work: impl Fn(BatchItem) -> Result<Vec<u8>> + Sync,
) -> Result<usize> {
    use rayon::prelude::*;

    let (reader, name) = open_input(path)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut lines = batch_lines(reader, &name);
    let mut read_chunk =
        || -> Result<Vec<(usize, Vec<u8>)>> { lines.by_ref().take(CHUNK_LINES).collect() };
    let process = |mut chunk: Vec<(usize, Vec<u8>)>| -> Vec<Result<Vec<u8>>> {
        chunk
            .par_iter_mut()
            .map(|(number, bytes)| work(parse_line(&name, *number, std::mem::take(bytes))?))
            .collect()
    };
    let mut written = Written::default();
    let mut chunk = read_chunk()?;
    let mut done: Vec<Result<Vec<u8>>> = Vec::new();
    while !chunk.is_empty() {
        written.seen += chunk.len();
        let (results, next, flow) = std::thread::scope(|s| {
            let worker = s.spawn(|| process(chunk));
            let flow = written.write(&mut out, std::mem::take(&mut done), skip_bad, progress);
            let next = read_chunk();
            match worker.join() {
                Ok(results) => (results, next, flow),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        });
        match flow? {
            Flow::Go => {}
            Flow::Stop => return Ok(written.skipped),
        }
        done = results;
        chunk = match next {
            Ok(next) => next,
            Err(e) => {
                // The lines before the unreadable one are still written.
                if let Flow::Go = written.write(&mut out, done, skip_bad, progress)? {
                    out.flush().map_err(|e| Error::io("standard output", e))?;
                }
                return Err(e);
            }
        };
    }
    if let Flow::Stop = written.write(&mut out, done, skip_bad, progress)? {
        return Ok(written.skipped);
    }
    out.flush().map_err(|e| Error::io("standard output", e))?;
    if written.seen == 0 {
        return Err(Error::EmptyData(format!("{name} has no JSON lines")));
    }
    if written.skipped > 0 {
        eprintln!("{} bad line(s) skipped", written.skipped);
    }
    Ok(written.skipped)
}

/// Whether a batch goes on after writing a chunk.
enum Flow {
    Go,
    /// The reader of the output went away (`… | head`): end quietly.
    Stop,
}

/// What a batch has read and skipped so far.
#[derive(Default)]
struct Written {
    seen: usize,
    skipped: usize,
}

impl Written {
    /// Writes a chunk's results in order; a bad line is an error, or with
    /// `skip_bad` is reported and counted.
    fn write(
        &mut self,
        out: &mut impl Write,
        results: Vec<Result<Vec<u8>>>,
        skip_bad: bool,
        progress: Option<&indicatif::ProgressBar>,
    ) -> Result<Flow> {
        let lines = results.len() as u64;
        for result in results {
            match result {
                Ok(bytes) => {
                    if let Err(e) = out.write_all(&bytes) {
                        if e.kind() == std::io::ErrorKind::BrokenPipe {
                            return Ok(Flow::Stop);
                        }
                        return Err(Error::io("standard output", e));
                    }
                }
                Err(e) if skip_bad && !matches!(e, Error::Io { .. }) => {
                    let report = || eprintln!("skipped: {e}");
                    match progress {
                        Some(bar) => bar.suspend(report),
                        None => report(),
                    }
                    self.skipped += 1;
                }
                Err(e) => return Err(e),
            }
        }
        if let Some(bar) = progress {
            bar.inc(lines);
        }
        Ok(Flow::Go)
    }
}

/// The options of every example that reads a `--jsonl` batch.
#[derive(clap::Args)]
pub struct BatchOptions {
    /// In --jsonl mode, skip bad lines (reported and counted on stderr).
    #[arg(long)]
    pub skip_bad: bool,
    /// Worker threads for --jsonl (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

impl BatchOptions {
    /// Sets up the worker threads (all cores unless `--threads` says otherwise).
    pub fn set_threads(&self) -> Result<()> {
        let Some(n) = self.threads else { return Ok(()) };
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .map_err(|e| Error::io("thread pool", std::io::Error::other(e)))
    }
}

/// Prints an error the way every example does and gives the exit code.
pub fn fail(e: &Error) -> std::process::ExitCode {
    eprintln!("error: {e}");
    std::process::ExitCode::FAILURE
}

/// Writes to standard output. A closed pipe (`… | head`) ends the program
/// quietly with success, as command-line tools do; any other write error
/// is reported and fails the program.
pub fn write_stdout(args: std::fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: standard output: {e}");
        std::process::exit(1);
    }
}

/// `println!` that survives a closed pipe (see [`write_stdout`]).
#[allow(unused_macros)]
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::common::write_stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` that survives a closed pipe (see [`write_stdout`]).
#[allow(unused_macros)]
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::common::write_stdout(format_args!($($arg)*))
    };
}

/// Fails now, before any long work, if `path` cannot be written: its
/// directory must exist and the file must be creatable.
pub fn check_writable(path: &str) -> Result<()> {
    let p = std::path::Path::new(path);
    let existed = p.exists();
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(p)
        .map_err(|e| Error::io(p, e))?;
    if !existed {
        std::fs::remove_file(p).map_err(|e| Error::io(p, e))?;
    }
    Ok(())
}

/// `FILE` or `FILE:WEIGHT` (a whole number of at least 1).
pub fn file_and_weight(spec: &str) -> Result<(&str, u32)> {
    match spec.rsplit_once(':') {
        Some((file, w)) if !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()) => {
            let weight: u32 = w
                .parse()
                .map_err(|_| Error::invalid("data", spec, "FILE or FILE:WEIGHT"))?;
            Ok((file, weight))
        }
        _ => Ok((spec, 1)),
    }
}

/// The cross-validation report of a training run, as text.
pub fn training_summary(r: &jianbao::classify::TrainingReport) -> String {
    let mut s = format!(
        "{}-fold cross-validation (seed {}), chosen on {}\n",
        r.folds,
        r.seed,
        r.chosen_on.as_deref().unwrap_or("all texts")
    );
    for c in &r.candidates {
        let folds: Vec<String> = c.fold_scores.iter().map(|f| format!("{f:.3}")).collect();
        s += &format!(
            "  {:<36} macro-F1 {:.3}  folds {}\n",
            c.name,
            c.score,
            folds.join(" ")
        );
    }
    s += &format!("chosen: {}\n", r.chosen);
    for src in &r.per_source {
        let per: Vec<String> = src
            .report
            .per_label
            .iter()
            .filter(|l| l.support > 0)
            .map(|l| format!("{} {:.3}", l.label, l.f1))
            .collect();
        s += &format!(
            "  {:<24} accuracy {:.3} macro-F1 {:.3}  ({})\n",
            src.source,
            src.report.accuracy,
            src.report.macro_f1,
            per.join(", ")
        );
    }
    s += &format!(
        "pooled: accuracy {:.3} macro-F1 {:.3}\ntemperature {:.3}: log-loss {:.3} -> {:.3}, calibration error {:.3} -> {:.3}",
        r.pooled.accuracy,
        r.pooled.macro_f1,
        r.temperature,
        r.log_loss.0,
        r.log_loss.1,
        r.calibration_error.0,
        r.calibration_error.1
    );
    s
}
