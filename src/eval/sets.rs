//! The labelled sets the learned scorers are fitted on, as a command line
//! names them: `FILE:K` or `FILE:K:title` for the sentence scorer (oracle
//! summaries of K sentences, with or without the headlines given), and
//! `FILE:FIELD:K` for the keyword scorer (the headline in `FIELD`, scored
//! by P@K). A set's name is its file's stem.

use std::path::Path;

use serde_json::Value;

use super::Part;
use crate::jsonl::BadLines;
use crate::{Error, Result};

/// Articles with reference summaries, to fit a sentence scorer on.
#[derive(Debug, Clone, PartialEq)]
pub struct SummarySet {
    /// The file's stem, with ` (with headlines)` when they are given.
    pub name: String,
    /// `(text, reference, headline)` of each article read.
    pub rows: Vec<(String, String, Option<String>)>,
    /// Sentences in the oracle summaries.
    pub k: usize,
}

impl SummarySet {
    /// Reads `part` of the `{"text","summary","title"?}` lines that `spec`
    /// (`FILE:K` or `FILE:K:title`) names.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for a spec of another shape, and the errors
    /// of [`read_rows`](super::read_rows).
    pub fn read(spec: &str, part: Part) -> Result<Self> {
        let mut parts = spec.split(':');
        let (path, k, title) = (
            parts.next().unwrap_or(""),
            parts.next().and_then(|k| k.parse::<usize>().ok()),
            parts.next(),
        );
        let (Some(k), true) = (k, title.is_none_or(|t| t == "title")) else {
            return Err(Error::invalid("data", spec, "FILE:K or FILE:K:title"));
        };
        let (rows, _) = super::read_rows::<Value>(path, part, BadLines::Fail)?;
        let titled = title.is_some();
        Ok(SummarySet {
            name: format!(
                "{}{}",
                stem(path),
                if titled { " (with headlines)" } else { "" }
            ),
            rows: rows
                .iter()
                .map(|r| {
                    (
                        field(r, "text").unwrap_or_default(),
                        field(r, "summary").unwrap_or_default(),
                        if titled { field(r, "title") } else { None },
                    )
                })
                .collect(),
            k,
        })
    }

    /// The set as [`fit_sentence_scorer`](crate::summarize::fit_sentence_scorer) takes it.
    #[cfg(feature = "train")]
    pub fn borrowed(&self) -> crate::summarize::SentenceSet<'_> {
        (
            self.name.clone(),
            self.rows
                .iter()
                .map(|(t, r, h)| (t.as_str(), r.as_str(), h.as_deref()))
                .collect(),
            self.k,
        )
    }
}

/// Articles with headlines, to fit a keyword scorer on.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadlineSet {
    /// The file's stem.
    pub name: String,
    /// `(text, headline)` of each article read.
    pub pairs: Vec<(String, String)>,
    /// The `k` of its P@k.
    pub k: usize,
}

impl HeadlineSet {
    /// Reads `part` of the lines that `spec` (`FILE:FIELD:K`) names: each
    /// line's `text` and its headline in `FIELD` (missing fields read as
    /// empty).
    ///
    /// ```no_run
    /// use jianbao::eval::{HeadlineSet, Part};
    /// let set = HeadlineSet::read("headlines.jsonl:title:5", Part::First)?;
    /// assert_eq!((set.name.as_str(), set.k), ("headlines", 5));
    /// # Ok::<(), jianbao::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for a spec of another shape, and the errors
    /// of [`read_rows`](super::read_rows).
    pub fn read(spec: &str, part: Part) -> Result<Self> {
        let mut parts = spec.rsplitn(3, ':');
        let (k, headline, path) = (parts.next(), parts.next(), parts.next());
        let (Some(k), Some(headline), Some(path)) =
            (k.and_then(|k| k.parse::<usize>().ok()), headline, path)
        else {
            return Err(Error::invalid("data", spec, "FILE:FIELD:K"));
        };
        let (rows, _) = super::read_rows::<Value>(path, part, BadLines::Fail)?;
        Ok(HeadlineSet {
            name: stem(path),
            pairs: headline_pairs(&rows, headline),
            k,
        })
    }

    /// The set as [`choose_and_fit_scorer`](crate::keywords::choose_and_fit_scorer) takes it.
    #[cfg(feature = "train")]
    pub fn borrowed(&self) -> crate::keywords::ScorerSet<'_> {
        (
            self.name.clone(),
            self.pairs
                .iter()
                .map(|(t, h)| (t.as_str(), h.as_str()))
                .collect(),
            self.k,
        )
    }
}

/// Each row's `text` and its headline in the field `headline` (a field
/// missing or not a string reads as empty): what keywords are scored
/// against, and fitted on.
///
/// ```
/// let rows = [serde_json::json!({"text": "医院开诊。", "title": "医院"}), serde_json::json!({"text": "公交开通。"})];
/// assert_eq!(
///     jianbao::eval::headline_pairs(&rows, "title"),
///     [("医院开诊。".to_string(), "医院".to_string()), ("公交开通。".to_string(), String::new())]
/// );
/// ```
pub fn headline_pairs(rows: &[Value], headline: &str) -> Vec<(String, String)> {
    rows.iter()
        .map(|r| {
            (
                field(r, "text").unwrap_or_default(),
                field(r, headline).unwrap_or_default(),
            )
        })
        .collect()
}

/// A file's stem (its name without directory or extension).
fn stem(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map_or(path.to_string(), |s| s.to_string_lossy().into())
}

/// A string field of a JSON row.
fn field(row: &Value, name: &str) -> Option<String> {
    row[name].as_str().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_of_the_wrong_shape_name_the_option() {
        for spec in ["x.jsonl", "x.jsonl:k", "x.jsonl:3:headline"] {
            let e = SummarySet::read(spec, Part::All).unwrap_err();
            assert!(matches!(e, Error::InvalidOption { .. }), "{spec}: {e}");
        }
        for spec in ["x.jsonl", "x.jsonl:title", "x.jsonl:title:k"] {
            let e = HeadlineSet::read(spec, Part::All).unwrap_err();
            assert!(matches!(e, Error::InvalidOption { .. }), "{spec}: {e}");
        }
    }

    #[test]
    fn sets_read_their_fields_and_part() {
        let stem = format!("jianbao-sets-{}", std::process::id());
        let path = std::env::temp_dir().join(format!("{stem}.jsonl"));
        std::fs::write(
            &path,
            "{\"text\":\"甲。\",\"summary\":\"甲\",\"title\":\"标题甲\"}\n\
             {\"text\":\"乙。\",\"summary\":\"乙\"}\n\
             {\"text\":\"丙。\",\"summary\":\"丙\",\"title\":\"标题丙\"}\n\
             {\"text\":\"丁。\",\"summary\":\"丁\"}\n",
        )
        .unwrap();
        let p = path.to_str().unwrap();
        let s = SummarySet::read(&format!("{p}:3:title"), Part::First).unwrap();
        assert_eq!(s.name, format!("{stem} (with headlines)"));
        assert_eq!(s.k, 3);
        assert_eq!(
            s.rows,
            [
                ("甲。".into(), "甲".into(), Some("标题甲".into())),
                ("乙。".into(), "乙".into(), None)
            ]
        );
        let s = SummarySet::read(&format!("{p}:1"), Part::Second).unwrap();
        assert_eq!(s.name, stem);
        assert_eq!(s.rows[0], ("丙。".into(), "丙".into(), None));
        let h = HeadlineSet::read(&format!("{p}:title:5"), Part::All).unwrap();
        assert_eq!((h.name.as_str(), h.k, h.pairs.len()), (stem.as_str(), 5, 4));
        assert_eq!(h.pairs[1], ("乙。".into(), String::new()));
        std::fs::remove_file(&path).ok();
    }
}
