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
    let text = jianbao::decode_utf8(&format!("{name}:{line}"), bytes)?;
    serde_json::from_str::<BatchItem>(&text).map_err(|e| Error::BadRecord {
        path: name.to_string(),
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

/// Runs `work` on each line of a JSON Lines input, writing one output line
/// per input line. A bad line (invalid UTF-8, not JSON, no `text`) stops the
/// run with its line number, or with `skip_bad` is reported on stderr and
/// counted. Returns the number of lines skipped.
pub fn run_jsonl(
    path: Option<&str>,
    skip_bad: bool,
    mut work: impl FnMut(BatchItem) -> serde_json::Value,
) -> Result<usize> {
    let (reader, name) = open_input(path)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut skipped = 0;
    let mut seen = 0;
    for line in batch_lines(reader, &name) {
        let (number, bytes) = line?;
        seen += 1;
        match parse_line(&name, number, bytes) {
            Ok(item) => {
                let value = work(item);
                if let Err(e) = writeln!(out, "{value}") {
                    // A closed pipe (`… | head`) ends the batch quietly.
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        return Ok(skipped);
                    }
                    return Err(Error::io("standard output", e));
                }
            }
            Err(e) if skip_bad => {
                eprintln!("skipped: {e}");
                skipped += 1;
            }
            Err(e) => return Err(e),
        }
    }
    out.flush().map_err(|e| Error::io("standard output", e))?;
    if seen == 0 {
        return Err(Error::EmptyData(format!("{name} has no JSON lines")));
    }
    if skipped > 0 {
        eprintln!("{skipped} bad line(s) skipped");
    }
    Ok(skipped)
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
