//! Reading whole JSON Lines files (corpora, evaluation sets) with errors
//! that name the file and line. `\n`, `\r\n` and `\r` end lines; a
//! leading byte-order mark is dropped.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// One record of a JSON Lines file with its 1-based line number.
#[derive(Debug, Clone, PartialEq)]
pub struct Numbered<T> {
    /// 1-based line number in the file.
    pub line: usize,
    /// The record.
    pub record: T,
}

/// What to do with a line that cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BadLines {
    /// Stop at the first bad line with its error (default).
    #[default]
    Fail,
    /// Skip bad lines; they are returned beside the records.
    Skip,
}

/// Records read, and the errors of lines skipped.
#[derive(Debug)]
pub struct JsonLines<T> {
    /// The records, in file order.
    pub records: Vec<Numbered<T>>,
    /// One error per skipped line (empty under [`BadLines::Fail`]).
    pub skipped: Vec<Error>,
}

/// Parses JSON Lines text. Blank lines are ignored; `name` labels errors.
///
/// ```
/// use jianbao::jsonl::{BadLines, parse_jsonl};
/// #[derive(serde::Deserialize)]
/// struct Row { text: String }
/// let input = "{\"text\":\"一\"}\nnot json\n{\"text\":\"二\"}\n";
/// assert!(parse_jsonl::<Row>("in.jsonl", input, BadLines::Fail).is_err());
/// let read = parse_jsonl::<Row>("in.jsonl", input, BadLines::Skip).unwrap();
/// assert_eq!(read.records.len(), 2);
/// assert_eq!(read.skipped[0].to_string().split(':').nth(1), Some("2"));
/// ```
pub fn parse_jsonl<T: DeserializeOwned>(
    name: impl AsRef<Path>,
    text: &str,
    bad: BadLines,
) -> Result<JsonLines<T>> {
    let mut records = Vec::new();
    let mut skipped = Vec::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, (_, line)) in crate::text::lines(text).enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<T>(line) {
            Ok(record) => records.push(Numbered {
                line: i + 1,
                record,
            }),
            Err(e) => {
                let err = Error::BadRecord {
                    path: name.as_ref().to_path_buf(),
                    line: i + 1,
                    reason: e.to_string(),
                };
                match bad {
                    BadLines::Fail => return Err(err),
                    BadLines::Skip => skipped.push(err),
                }
            }
        }
    }
    Ok(JsonLines { records, skipped })
}

/// Reads and parses a JSON Lines file. An empty file (no records and no bad
/// lines) is an error that says so.
pub fn read_jsonl<T: DeserializeOwned>(
    path: impl AsRef<Path>,
    bad: BadLines,
) -> Result<JsonLines<T>> {
    let path = path.as_ref();
    let text = crate::read_text_file(path)?;
    let read = parse_jsonl(path, &text, bad)?;
    if read.records.is_empty() && read.skipped.is_empty() {
        return Err(Error::EmptyData(format!(
            "{} has no JSON lines",
            path.display()
        )));
    }
    Ok(read)
}
