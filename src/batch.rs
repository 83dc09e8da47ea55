//! JSON Lines in, JSON Lines out: the streaming stage every `--jsonl`
//! example is, for a shell pipeline or a batch engine (a Spark `RDD.pipe`,
//! `xargs`, a queue consumer).
//!
//! Each input line is a [`Record`] (`{"id"?, "title"?, "text"}`); each output
//! line is `{"line": N, "id": …, …}`: the input's line number, its `id`
//! exactly as given (a 23-digit number keeps its digits, a string stays a
//! string, `null` stays `null`; a line without `id` gets no `id`), and the
//! fields of the result. Lines are worked on by several threads and
//! written in input order, each as soon as it and every line before it are
//! done, so a slow or live input sees its answers come back line by line.
//!
//! ```
//! use jianbao::batch::{BatchOptions, run};
//! let input = "{\"id\": 12345678901234567890123, \"text\": \"全市召开会议。\"}\n{\"text\": \"第二行。\"}\n";
//! let mut out = Vec::new();
//! let report = run("input", std::io::Cursor::new(input), &mut out, &BatchOptions::default(), |r| {
//!     serde_json::json!({"chars": r.text.chars().count()})
//! }, |_| {}).unwrap();
//! assert_eq!(report.written, 2);
//! let out = String::from_utf8(out).unwrap();
//! assert_eq!(out.lines().next(), Some(r#"{"line":1,"id":12345678901234567890123,"chars":7}"#));
//! assert_eq!(out.lines().nth(1), Some(r#"{"line":2,"chars":4}"#));
//! ```

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::error::{Error, Result};

/// The most worker threads a batch may ask for.
pub const MAX_THREADS: usize = 256;

/// Lines read ahead of the last line written, per worker: bounds the
/// memory a batch holds whatever its input.
const WINDOW_PER_THREAD: usize = 2 * MAX_CHUNK;

/// The longest an answer waits in the output buffer before it is flushed
/// (when no further answer is ready).
const FLUSH_AFTER: Duration = Duration::from_millis(20);

/// One input line of a batch.
#[derive(Debug, Deserialize)]
pub struct Record {
    /// The 1-based line number in the input.
    #[serde(skip)]
    pub line: usize,
    /// The caller's id, as written (`None`: the line had no `id`).
    #[serde(default, deserialize_with = "present")]
    pub id: Option<Box<RawValue>>,
    /// A headline, if the caller has one.
    #[serde(default)]
    pub title: Option<String>,
    /// The text to work on.
    pub text: String,
}

/// `Some` for any value given, `null` included: a missing field stays
/// `None` through `#[serde(default)]`.
fn present<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Box<RawValue>>, D::Error> {
    Box::<RawValue>::deserialize(d).map(Some)
}

impl Record {
    /// Parses one line; errors name `input` and the line.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidUtf8`] or [`Error::BadRecord`] (not JSON, no `text`).
    pub fn parse(input: &Path, line: usize, bytes: Vec<u8>) -> Result<Record> {
        let text = crate::decode_utf8(format!("{}:{line}", input.display()), bytes)?;
        let mut record: Record = serde_json::from_str(&text).map_err(|e| Error::BadRecord {
            path: input.to_path_buf(),
            line,
            reason: e.to_string(),
        })?;
        record.line = line;
        Ok(record)
    }
}

/// How a batch runs.
///
/// | option | default | range |
/// |---|---|---|
/// | [`threads`](Self::threads) | every core | 1 to [`MAX_THREADS`] |
/// | [`skip_bad`](Self::skip_bad) | `false`: the first bad line ends the batch | |
#[derive(Debug, Clone)]
pub struct BatchOptions {
    threads: usize,
    skip_bad: bool,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            skip_bad: false,
        }
    }
}

impl BatchOptions {
    /// Worker threads.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for 0 or more than [`MAX_THREADS`].
    pub fn threads(mut self, n: usize) -> Result<Self> {
        if !(1..=MAX_THREADS).contains(&n) {
            return Err(Error::invalid("threads", n, format!("1 to {MAX_THREADS}")));
        }
        self.threads = n;
        Ok(self)
    }

    /// Skip bad lines (each reported to the caller) instead of stopping at
    /// the first.
    pub fn skip_bad(mut self, on: bool) -> Self {
        self.skip_bad = on;
        self
    }

    /// The worker threads in use.
    pub fn thread_count(&self) -> usize {
        self.threads
    }
}

/// What a batch did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BatchReport {
    /// Non-blank lines read.
    pub lines: usize,
    /// Lines answered.
    pub written: usize,
    /// Bad lines skipped (with [`BatchOptions::skip_bad`]).
    pub skipped: usize,
    /// The reader of the output went away (`… | head`): the batch ended
    /// early, quietly.
    pub closed: bool,
}

/// What a batch tells its caller as it goes.
#[derive(Debug)]
pub enum Event<'a> {
    /// A line was answered (its 1-based number).
    Written(usize),
    /// A bad line was skipped.
    Skipped(&'a Error),
}

/// One output line: the line number, the id as given, the result's fields.
#[derive(Serialize)]
struct OutputLine<'a, T: Serialize> {
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a RawValue>,
    #[serde(flatten)]
    result: &'a T,
}

/// Runs `work` on every line of `input` (named `name` in errors), writing
/// one output line per input line to `output`, in input order (see the
/// module docs). Blank lines are skipped; `\n`, `\r\n` and `\r` end lines;
/// a byte-order mark at the start is dropped. `events` hears of every line
/// written and every bad line skipped.
///
/// `work` must give a value that serialises as a JSON object (a struct
/// or a map): its fields follow `line` and `id`.
///
/// # Errors
///
/// The first bad line ([`Error::BadRecord`], [`Error::InvalidUtf8`],
/// naming the input and line) unless `skip_bad`; [`Error::Io`] for input or
/// output that fails; [`Error::EmptyData`] for an input with no line, or
/// whose every line was bad.
pub fn run<R, W, T, F>(
    name: impl AsRef<Path>,
    input: R,
    output: W,
    options: &BatchOptions,
    work: F,
    mut events: impl FnMut(Event<'_>),
) -> Result<BatchReport>
where
    R: Read + Send + 'static,
    W: Write,
    T: Serialize,
    F: Fn(&Record) -> T + Sync,
{
    let name = name.as_ref().to_path_buf();
    let threads = options.threads;
    let window = std::sync::Arc::new(Window::new(threads * WINDOW_PER_THREAD));
    let (line_tx, line_rx) = sync_channel::<Vec<Line>>(threads * 2);
    let (done_tx, done_rx) = sync_channel::<Vec<Answer>>(threads * 2);
    let (read_tx, read_rx) = sync_channel::<Result<usize>>(1);
    // The reader is not joined: a batch that fails on a bad line ends at
    // once, even while a live input has nothing more to read.
    {
        let (name, window) = (name.clone(), std::sync::Arc::clone(&window));
        std::thread::spawn(move || {
            let read = read_lines(&name, input, line_tx, &window);
            read_tx.send(read).ok();
        });
    }
    let line_rx = Mutex::new(line_rx);
    let mut out = std::io::BufWriter::new(output);
    std::thread::scope(|s| {
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let (line_rx, name, work, window) = (&line_rx, &name, &work, &*window);
            s.spawn(move || worker(name, window, line_rx, done_tx, work));
        }
        drop(done_tx);
        let written = write_in_order(&mut out, &done_rx, &window, options.skip_bad, &mut events);
        if written.is_err() || written.as_ref().is_ok_and(|r| r.closed) {
            // No more lines are read; the workers finish what they hold.
            window.close();
            for _ in done_rx.iter() {}
        }
        let mut report = written?;
        if report.closed {
            return Ok(report);
        }
        report.lines = read_rx.recv().unwrap_or_else(|_| {
            Err(Error::io(
                &name,
                std::io::Error::other("the reader stopped"),
            ))
        })?;
        if report.lines == 0 {
            return Err(Error::EmptyData(format!(
                "{} has no JSON lines",
                name.display()
            )));
        }
        if report.written == 0 && report.skipped > 0 {
            return Err(Error::EmptyData(format!(
                "{}: every one of its {} lines was bad",
                name.display(),
                report.skipped
            )));
        }
        Ok(report)
    })
}

/// A line of input: its place among the non-blank lines, its 1-based
/// number in the input, its bytes.
type Line = (usize, usize, Vec<u8>);

/// A line's answer: its place and its output bytes (or its error).
type Answer = (usize, Result<Vec<u8>>);

/// Lines handed to a worker at once, at most: as many as the input has
/// ready, so a fast input costs a few hand-overs per hundred lines and a
/// slow one a hand-over per line.
const MAX_CHUNK: usize = 64;

/// How much is read from the input at a time.
const READ_SIZE: usize = 64 * 1024;

/// Reads the non-blank lines, numbered, into the work queue in chunks of
/// the lines already read (never waiting for more input to fill a chunk),
/// holding a place in the window for each line. `\n`, `\r\n` and `\r` end
/// lines; a byte-order mark at the start is dropped. Returns how many lines
/// it read.
fn read_lines<R: Read>(
    name: &Path,
    mut input: R,
    queue: SyncSender<Vec<Line>>,
    window: &Window,
) -> Result<usize> {
    let mut buf: Vec<u8> = Vec::with_capacity(READ_SIZE);
    // `buf[start..]` is unread; no line end lies in `buf[start..scanned]`.
    let (mut start, mut scanned) = (0usize, 0usize);
    let (mut seq, mut number) = (0usize, 0usize);
    let (mut eof, mut pending_cr) = (false, false);
    loop {
        let ready = memchr::memchr2(b'\n', b'\r', &buf[scanned.max(start)..]).is_some();
        if !ready && !eof {
            scanned = buf.len();
            buf.drain(..start);
            scanned -= start;
            start = 0;
            let old = buf.len();
            buf.resize(old + READ_SIZE, 0);
            let n = loop {
                match input.read(&mut buf[old..]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(Error::io(name, e)),
                }
            };
            buf.truncate(old + n);
            eof = n == 0;
            continue;
        }
        if start >= buf.len() {
            return Ok(seq); // the end, every line read
        }
        let granted = window.enter_up_to(MAX_CHUNK);
        if granted == 0 {
            return Ok(seq); // the batch ended early
        }
        let mut chunk = Vec::new();
        while chunk.len() < granted && start < buf.len() {
            if std::mem::take(&mut pending_cr) {
                // `\r\n` is one line end.
                start += usize::from(buf[start] == b'\n');
                continue;
            }
            let rest = &buf[start..];
            let (line, used) = match memchr::memchr2(b'\n', b'\r', rest) {
                Some(i) => {
                    pending_cr = rest[i] == b'\r';
                    (&rest[..i], i + 1)
                }
                None if eof => (rest, rest.len()),
                None => break,
            };
            number += 1;
            let line = if number == 1 {
                line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line)
            } else {
                line
            };
            if !line.iter().all(u8::is_ascii_whitespace) {
                chunk.push((seq, number, line.to_vec()));
                seq += 1;
            }
            start += used;
        }
        window.give_back(granted - chunk.len());
        if !chunk.is_empty() && queue.send(chunk).is_err() {
            return Ok(seq);
        }
    }
}

/// Parses, works on and serialises lines, a chunk at a time, until the
/// queue closes or the batch ends.
fn worker<T: Serialize>(
    name: &Path,
    window: &Window,
    lines: &Mutex<Receiver<Vec<Line>>>,
    done: SyncSender<Vec<Answer>>,
    work: &(impl Fn(&Record) -> T + Sync),
) {
    loop {
        let next = match lines.lock() {
            Ok(rx) => rx.recv_timeout(FLUSH_AFTER),
            Err(_) => return,
        };
        let chunk = match next {
            Ok(chunk) => chunk,
            // A batch that ended early stops its workers, whatever the
            // reader is still waiting for.
            Err(RecvTimeoutError::Timeout) if window.is_closed() => return,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        let answers = chunk
            .into_iter()
            .map(|(seq, number, bytes)| {
                let answer = Record::parse(name, number, bytes).and_then(|record| {
                    let result = work(&record);
                    let line = OutputLine {
                        line: record.line,
                        id: record.id.as_deref(),
                        result: &result,
                    };
                    let mut json = serde_json::to_vec(&line)
                        .map_err(|e| Error::io("standard output", e.into()))?;
                    json.push(b'\n');
                    Ok(json)
                });
                (seq, answer)
            })
            .collect();
        if done.send(answers).is_err() {
            return;
        }
    }
}

/// Writes the answers in input order as they come, flushing whenever no
/// further answer is ready within [`FLUSH_AFTER`].
fn write_in_order<W: Write>(
    out: &mut W,
    answers: &Receiver<Vec<Answer>>,
    window: &Window,
    skip_bad: bool,
    events: &mut impl FnMut(Event<'_>),
) -> Result<BatchReport> {
    let mut report = BatchReport::default();
    let mut waiting: BTreeMap<usize, Result<Vec<u8>>> = BTreeMap::new();
    let mut next = 0;
    let mut dirty = false;
    loop {
        let chunk = match answers.recv_timeout(FLUSH_AFTER) {
            Ok(a) => a,
            Err(RecvTimeoutError::Timeout) => {
                if dirty {
                    if let Err(e) = flush(out) {
                        return stop(e, report);
                    }
                    dirty = false;
                }
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => break,
        };
        waiting.extend(chunk);
        while let Some(answer) = waiting.remove(&next) {
            next += 1;
            window.give_back(1);
            match answer {
                Ok(bytes) => {
                    if let Err(e) = out.write_all(&bytes) {
                        return stop(e, report);
                    }
                    dirty = true;
                    report.written += 1;
                    events(Event::Written(report.written));
                }
                Err(e) if skip_bad && !matches!(e, Error::Io { .. }) => {
                    report.skipped += 1;
                    events(Event::Skipped(&e));
                }
                Err(e) => {
                    // The lines before the bad one are written.
                    flush(out).ok();
                    return Err(e);
                }
            }
        }
    }
    if let Err(e) = flush(out) {
        return stop(e, report);
    }
    Ok(report)
}

fn flush<W: Write>(out: &mut W) -> std::io::Result<()> {
    out.flush()
}

/// A write that failed: a closed pipe ends the batch quietly, anything
/// else is an error.
fn stop(e: std::io::Error, mut report: BatchReport) -> Result<BatchReport> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        report.closed = true;
        Ok(report)
    } else {
        Err(Error::io("standard output", e))
    }
}

/// A counting semaphore: how many lines may be read beyond the last one
/// written.
struct Window {
    state: Mutex<(usize, bool)>,
    changed: Condvar,
}

impl Window {
    fn new(places: usize) -> Self {
        Window {
            state: Mutex::new((places, false)),
            changed: Condvar::new(),
        }
    }

    /// Waits for at least one place and takes up to `n`; 0 once the
    /// window is closed.
    fn enter_up_to(&self, n: usize) -> usize {
        let Ok(mut s) = self.state.lock() else {
            return 0;
        };
        while s.0 == 0 && !s.1 {
            s = match self.changed.wait(s) {
                Ok(s) => s,
                Err(_) => return 0,
            };
        }
        if s.1 {
            return 0;
        }
        let taken = s.0.min(n);
        s.0 -= taken;
        taken
    }

    /// Gives back `n` places.
    fn give_back(&self, n: usize) {
        if n == 0 {
            return;
        }
        if let Ok(mut s) = self.state.lock() {
            s.0 += n;
            self.changed.notify_one();
        }
    }

    fn is_closed(&self) -> bool {
        self.state.lock().map_or(true, |s| s.1)
    }

    fn close(&self) {
        if let Ok(mut s) = self.state.lock() {
            s.1 = true;
            self.changed.notify_all();
        }
    }
}

/// Reads a whole input as text: a file, or standard input for `None` or
/// `-` (a leading byte-order mark dropped). Returns the text and the name
/// errors use.
///
/// # Errors
///
/// [`Error::Io`] (a missing file, a directory) and
/// [`Error::InvalidUtf8`], naming the input.
pub fn read_input(path: Option<&str>) -> Result<(String, PathBuf)> {
    use std::io::Read;
    match path {
        None | Some("-") => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io("standard input", e))?;
            Ok((
                crate::decode_utf8("standard input", bytes)?,
                "standard input".into(),
            ))
        }
        Some(p) => Ok((crate::read_text_file(p)?, p.into())),
    }
}

/// Opens a batch input: a file, or standard input for `None` or `-`.
/// Returns the reader and the name errors use.
///
/// # Errors
///
/// [`Error::Io`] for a file that cannot be opened or is a directory.
pub fn open_input(path: Option<&str>) -> Result<(Box<dyn Read + Send>, PathBuf)> {
    match path {
        None | Some("-") => Ok((Box::new(std::io::stdin()), "standard input".into())),
        Some(p) => Ok((Box::new(crate::open_file(p)?), p.into())),
    }
}

/// Writes `text` to standard output. A closed pipe (`… | head`) is no
/// error: the text is dropped, as command-line tools do.
///
/// # Errors
///
/// [`Error::Io`] for any other failed write.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::io("standard output", e))
        }
        _ => Ok(()),
    }
}

/// An error as a command line reports it: an invalid option is named as
/// its flag (`--sentences 0: expected at least 1`).
pub fn cli_message(e: &Error) -> String {
    match e {
        Error::InvalidOption {
            option,
            value,
            expected,
        } => format!(
            "--{} {value}: expected {expected}",
            option.replace('_', "-")
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on(input: &str, options: &BatchOptions) -> (Result<BatchReport>, String) {
        let mut out = Vec::new();
        let input = std::io::Cursor::new(input.as_bytes().to_vec());
        let r = run(
            "in",
            input,
            &mut out,
            options,
            |r: &Record| serde_json::json!({ "n": r.text.len() }),
            |_| {},
        );
        (r, String::from_utf8(out).unwrap())
    }

    #[test]
    fn ids_come_back_exactly_and_missing_ids_stay_missing() {
        let input = "{\"id\":1.50,\"text\":\"a\"}\n{\"id\":null,\"text\":\"b\"}\n{\"text\":\"c\"}\n{\"id\":\"x\",\"text\":\"d\"}\n";
        let (r, out) = run_on(input, &BatchOptions::default());
        assert_eq!(r.unwrap().written, 4);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], r#"{"line":1,"id":1.50,"n":1}"#);
        assert_eq!(lines[1], r#"{"line":2,"id":null,"n":1}"#);
        assert_eq!(lines[2], r#"{"line":3,"n":1}"#);
        assert_eq!(lines[3], r#"{"line":4,"id":"x","n":1}"#);
    }

    #[test]
    fn order_is_kept_with_many_threads_and_line_endings_of_every_kind() {
        let input: String = (0..500)
            .map(|i| {
                format!(
                    "{{\"id\":{i},\"text\":\"{}\"}}{}",
                    "字".repeat(i % 7),
                    ["\n", "\r\n", "\r"][i % 3]
                )
            })
            .collect();
        let input = format!("\u{feff}{input}");
        let (r, out) = run_on(&input, &BatchOptions::default().threads(4).unwrap());
        assert_eq!(r.unwrap().written, 500);
        for (i, line) in out.lines().enumerate() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["id"], i);
        }
    }

    #[test]
    fn bad_lines_stop_or_are_skipped_and_all_bad_is_an_error() {
        let input = "{\"text\":\"a\"}\nnot json\n{\"text\":\"c\"}\n";
        let (r, out) = run_on(input, &BatchOptions::default());
        assert!(matches!(r, Err(Error::BadRecord { line: 2, .. })));
        assert_eq!(out.lines().count(), 1);
        let skip = BatchOptions::default().skip_bad(true);
        let (r, out) = run_on(input, &skip);
        assert_eq!(r.unwrap().skipped, 1);
        assert_eq!(out.lines().count(), 2);
        let (r, _) = run_on("nope\n{}\n", &skip);
        assert!(matches!(r, Err(Error::EmptyData(_))));
        let (r, _) = run_on("\n  \n", &skip);
        assert!(matches!(r, Err(Error::EmptyData(_))));
    }

    #[test]
    fn thread_counts_are_bounded() {
        assert!(BatchOptions::default().threads(0).is_err());
        assert!(BatchOptions::default().threads(MAX_THREADS + 1).is_err());
        assert_eq!(
            cli_message(&BatchOptions::default().threads(0).unwrap_err()),
            format!("--threads 0: expected 1 to {MAX_THREADS}")
        );
    }
}
