//! Labelled texts for training and scoring topic models, from one or more
//! sources.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::jsonl::{BadLines, read_jsonl};

/// One labelled text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabeledText {
    /// The caller's id (free-form).
    #[serde(default)]
    pub id: serde_json::Value,
    /// The headline, if the text has one. Its words weigh more (see
    /// [`FeatureParams::title_weight`](super::FeatureParams::title_weight)).
    #[serde(default)]
    pub title: Option<String>,
    /// The text (the body, without the headline).
    pub text: String,
    /// Its topic.
    pub label: String,
    /// Index of its source in [`Corpus::sources`].
    #[serde(skip)]
    pub source: usize,
}

/// Where some of a corpus's texts came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// A short name: the file's stem (`topics` for `models/corpus/topics.jsonl`).
    pub name: String,
    /// How many times each of its texts counts in training (at least 1).
    pub weight: u32,
    /// How many texts it gave.
    pub count: usize,
}

/// A set of labelled texts, perhaps from several sources. Labels are data:
/// any label set works.
///
/// ```
/// use jianbao::classify::Corpus;
/// let corpus = Corpus::from_pairs([("全市召开常委会会议。", "governance"), ("马拉松开跑。", "culture")]);
/// assert_eq!(corpus.labels(), vec!["culture", "governance"]);
/// assert_eq!(corpus.sources()[0].count, 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Corpus {
    /// The texts, source by source, each in file order.
    pub items: Vec<LabeledText>,
    sources: Vec<Source>,
}

impl Corpus {
    /// Reads `{"id","title"?,"text","label"}` lines as one source whose
    /// weight is 1. Malformed lines are an error naming the line, or
    /// skipped with [`BadLines::Skip`].
    ///
    /// # Errors
    ///
    /// [`Error::Io`] for a file that cannot be read, [`Error::BadRecord`]
    /// for a bad line (under [`BadLines::Fail`]) or an empty label,
    /// [`Error::EmptyData`] for a file with no lines.
    pub fn read_jsonl(path: impl AsRef<Path>, bad: BadLines) -> Result<Self> {
        let mut corpus = Corpus::default();
        corpus.add_jsonl(path, 1, bad)?;
        Ok(corpus)
    }

    /// Adds the source a command line names as `FILE` or `FILE:WEIGHT`
    /// (`news.jsonl:2`: each text counts twice), as
    /// [`add_jsonl`](Self::add_jsonl) does. A colon followed by anything
    /// but digits is part of the path.
    ///
    /// ```no_run
    /// use jianbao::classify::Corpus;
    /// use jianbao::jsonl::BadLines;
    /// let mut corpus = Corpus::default();
    /// corpus.add_spec("team.jsonl", BadLines::Fail)?;
    /// corpus.add_spec("real.jsonl:2", BadLines::Fail)?;
    /// # Ok::<(), jianbao::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] naming the spec for a weight of 0 or one
    /// too large for a `u32`, and the errors of [`add_jsonl`](Self::add_jsonl).
    pub fn add_spec(&mut self, spec: &str, bad: BadLines) -> Result<()> {
        let invalid = || Error::invalid("data", spec, "FILE or FILE:WEIGHT, a weight of 1 or more");
        let (path, weight) = match spec.rsplit_once(':') {
            Some((p, w)) if !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) => {
                (p, w.parse().ok().filter(|&w| w > 0).ok_or_else(invalid)?)
            }
            _ => (spec, 1),
        };
        self.add_jsonl(path, weight, bad)
    }

    /// Adds a JSON Lines file as a further source whose texts count
    /// `weight` times in training (a weight of 2 is the same as giving the
    /// file twice). Cross-validation still scores each text once.
    ///
    /// # Errors
    ///
    /// As [`read_jsonl`](Self::read_jsonl), and [`Error::InvalidOption`]
    /// for a weight of 0.
    pub fn add_jsonl(&mut self, path: impl AsRef<Path>, weight: u32, bad: BadLines) -> Result<()> {
        let path = path.as_ref();
        if weight == 0 {
            return Err(Error::invalid("weight", 0, "a whole number of at least 1"));
        }
        let read = read_jsonl::<LabeledText>(path, bad)?;
        let source = self.sources.len();
        let before = self.items.len();
        for r in read.records {
            if r.record.label.trim().is_empty() {
                let err = Error::BadRecord {
                    path: path.to_path_buf(),
                    line: r.line,
                    reason: "empty label".into(),
                };
                match bad {
                    BadLines::Fail => return Err(err),
                    BadLines::Skip => continue,
                }
            }
            self.items.push(LabeledText { source, ..r.record });
        }
        let name = path.file_stem().map_or_else(
            || path.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        self.sources.push(Source {
            name,
            weight,
            count: self.items.len() - before,
        });
        Ok(())
    }

    /// Builds a one-source corpus (named `pairs`) from `(text, label)` pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let items: Vec<LabeledText> = pairs
            .into_iter()
            .enumerate()
            .map(|(i, (t, l))| LabeledText {
                id: serde_json::Value::from(i),
                title: None,
                text: t.to_string(),
                label: l.to_string(),
                source: 0,
            })
            .collect();
        let sources = vec![Source {
            name: "pairs".into(),
            weight: 1,
            count: items.len(),
        }];
        Corpus { items, sources }
    }

    /// The sources, in the order they were added.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// Sets how many times each text of source `source` counts in training.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for a weight of 0 or a source that does not exist.
    pub fn set_weight(&mut self, source: usize, weight: u32) -> Result<()> {
        if weight == 0 {
            return Err(Error::invalid("weight", 0, "a whole number of at least 1"));
        }
        let n = self.sources.len();
        let s = self
            .sources
            .get_mut(source)
            .ok_or_else(|| Error::invalid("source", source, format!("a source index below {n}")))?;
        s.weight = weight;
        Ok(())
    }

    /// The index of the source called `name`.
    pub fn source_index(&self, name: &str) -> Option<usize> {
        self.sources.iter().position(|s| s.name == name)
    }

    /// Number of texts.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Is the corpus empty?
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The distinct labels, sorted.
    pub fn labels(&self) -> Vec<String> {
        self.label_counts().into_keys().collect()
    }

    /// How many texts each label has.
    pub fn label_counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for it in &self.items {
            *counts.entry(it.label.clone()).or_insert(0) += 1;
        }
        counts
    }

    /// How many times text `i` counts in training (its source's weight).
    pub fn weight_of(&self, i: usize) -> u32 {
        self.sources
            .get(self.items[i].source)
            .map_or(1, |s| s.weight)
    }
}
