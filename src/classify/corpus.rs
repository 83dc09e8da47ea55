//! Labelled texts for training and scoring topic models.

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
    /// The text.
    pub text: String,
    /// Its topic.
    pub label: String,
}

/// A set of labelled texts. Labels are data: any label set works.
///
/// ```
/// use jianbao::classify::Corpus;
/// let corpus = Corpus::from_pairs([("全市召开常委会会议。", "governance"), ("马拉松开跑。", "culture")]);
/// assert_eq!(corpus.labels(), vec!["culture", "governance"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Corpus {
    /// The texts, in file order.
    pub items: Vec<LabeledText>,
}

impl Corpus {
    /// Reads `{"id","text","label"}` lines. Malformed lines are an error
    /// naming the line, or skipped with [`BadLines::Skip`].
    pub fn read_jsonl(path: impl AsRef<Path>, bad: BadLines) -> Result<Self> {
        let path = path.as_ref();
        let read = read_jsonl::<LabeledText>(path, bad)?;
        let mut items = Vec::with_capacity(read.records.len());
        for r in read.records {
            if r.record.label.trim().is_empty() {
                let err = Error::BadRecord {
                    path: path.display().to_string(),
                    line: r.line,
                    reason: "empty label".into(),
                };
                match bad {
                    BadLines::Fail => return Err(err),
                    BadLines::Skip => continue,
                }
            }
            items.push(r.record);
        }
        Ok(Corpus { items })
    }

    /// Builds a corpus from `(text, label)` pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Corpus {
            items: pairs
                .into_iter()
                .enumerate()
                .map(|(i, (t, l))| LabeledText {
                    id: serde_json::Value::from(i),
                    text: t.to_string(),
                    label: l.to_string(),
                })
                .collect(),
        }
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

    /// A corpus of the texts at `indices`.
    pub fn subset(&self, indices: &[usize]) -> Corpus {
        Corpus {
            items: indices.iter().map(|&i| self.items[i].clone()).collect(),
        }
    }
}
