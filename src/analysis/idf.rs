//! Inverse document frequencies: the one smoothing formula, tables fitted
//! on a corpus or read from a file, and where a stage takes its IDF from.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The IDF of a word found in `df` of `n` documents (or sentences):
/// `ln((1 + n) / (1 + df)) + 1`, scikit-learn's smoothed IDF. Every IDF
/// the crate fits (a document's sentences, a corpus table, a topic
/// model's vocabulary) is this one.
///
/// ```
/// use jianbao::analysis::smooth_idf;
/// assert_eq!(smooth_idf(9, 9), 1.0);
/// assert!(smooth_idf(100, 1) > smooth_idf(100, 10));
/// ```
pub fn smooth_idf(n: usize, df: usize) -> f32 {
    ((1.0 + n as f32) / (1.0 + df as f32)).ln() + 1.0
}

/// Where a summary's term weights take their IDF from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Idf {
    /// Fitted on the document's own sentences with [`smooth_idf`]. Needs
    /// nothing but the text, and it is what scores best on real news (see
    /// the README's summary table).
    #[default]
    Sentences,
    /// The analyzer's corpus table: jieba's general table of Chinese, or
    /// the one given to [`AnalyzerBuilder::idf_table`](super::AnalyzerBuilder::idf_table).
    Corpus,
}

/// Inverse document frequencies of words, fitted on a corpus or read from
/// a file in jieba's IDF format.
///
/// ```
/// use jianbao::analysis::{Analyzer, IdfTable};
/// let docs = ["社区的医院开诊", "社区公交开通", "非遗工坊开课"];
/// let table = IdfTable::fit(docs, &Analyzer::default()).unwrap();
/// assert!(table.get("医院") > table.get("社区"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdfTable {
    idf: HashMap<String, f32>,
    /// IDF given to words the table has never seen.
    unknown: f32,
}

impl IdfTable {
    /// Fits [`smooth_idf`] over documents cut by `analyzer` (its terms:
    /// stop words and punctuation left out); words it never saw get the
    /// IDF of a word seen once.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyData`] for no documents.
    pub fn fit<'t>(
        docs: impl IntoIterator<Item = &'t str>,
        analyzer: &super::Analyzer,
    ) -> Result<Self> {
        let mut df: HashMap<String, usize> = HashMap::new();
        let mut n = 0;
        for doc in docs {
            n += 1;
            let d = analyzer.analyze(doc);
            for w in d.terms() {
                *df.entry(w.to_string()).or_insert(0) += 1;
            }
        }
        if n == 0 {
            return Err(Error::EmptyData(
                "no documents to fit an IDF table on".into(),
            ));
        }
        Ok(IdfTable {
            idf: df.into_iter().map(|(w, d)| (w, smooth_idf(n, d))).collect(),
            unknown: smooth_idf(n, 1),
        })
    }

    /// Parses `word idf` lines (jieba's IDF file format). Words the table
    /// lacks get its median IDF, as jieba gives them; change that with
    /// [`with_unknown`](Self::with_unknown). `name` labels errors.
    ///
    /// # Errors
    ///
    /// [`Error::BadRecord`] naming the line of a line that is not
    /// `word idf` or whose IDF is not a finite, non-negative number;
    /// [`Error::EmptyData`] for a table with no line.
    ///
    /// ```
    /// let t = jianbao::analysis::IdfTable::parse("mine.idf", "医院 8.5\n社区 4.0\n公交 6.0\n").unwrap();
    /// assert_eq!(t.get("医院"), 8.5);
    /// assert_eq!(t.get("未知"), 6.0); // the median
    /// assert!(jianbao::analysis::IdfTable::parse("mine.idf", "医院 很高\n").is_err());
    /// ```
    pub fn parse(name: impl AsRef<Path>, text: &str) -> Result<Self> {
        let name = name.as_ref();
        let mut idf = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let bad = |reason: &str| Error::BadRecord {
                path: name.to_path_buf(),
                line: i + 1,
                reason: reason.into(),
            };
            let (w, v) = line
                .rsplit_once(char::is_whitespace)
                .ok_or_else(|| bad("expected `word idf`"))?;
            let v: f32 = v.parse().map_err(|_| bad("the IDF is not a number"))?;
            if !v.is_finite() || v < 0.0 {
                return Err(bad("the IDF must be a finite, non-negative number"));
            }
            idf.insert(w.trim().to_string(), v);
        }
        if idf.is_empty() {
            return Err(Error::EmptyData(format!(
                "{} has no `word idf` line",
                name.display()
            )));
        }
        let mut values: Vec<f32> = idf.values().copied().collect();
        values.sort_unstable_by(f32::total_cmp);
        let unknown = values[values.len() / 2];
        Ok(IdfTable { idf, unknown })
    }

    /// Reads a file of `word idf` lines (see [`parse`](Self::parse)).
    ///
    /// # Errors
    ///
    /// As [`parse`](Self::parse), and [`Error::Io`] / [`Error::InvalidUtf8`]
    /// naming the file.
    pub fn read(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        Self::parse(path, &crate::read_text_file(path)?)
    }

    /// The same table giving `idf` to words it lacks.
    pub fn with_unknown(mut self, idf: f32) -> Self {
        self.unknown = idf;
        self
    }

    /// The IDF of `word`.
    pub fn get(&self, word: &str) -> f32 {
        self.idf.get(word).copied().unwrap_or(self.unknown)
    }

    /// The IDF of `word`, if the table has it.
    pub fn lookup(&self, word: &str) -> Option<f32> {
        self.idf.get(word).copied()
    }

    /// The IDF given to words the table lacks.
    pub fn unknown(&self) -> f32 {
        self.unknown
    }

    /// Number of words in the table.
    pub fn len(&self) -> usize {
        self.idf.len()
    }

    /// Is the table empty?
    pub fn is_empty(&self) -> bool {
        self.idf.is_empty()
    }
}

/// The corpus IDF an analyzer gives keywords (and summaries that ask for
/// [`Idf::Corpus`]): jieba's general table, or a user's.
#[derive(Debug, Clone, Default)]
pub(crate) enum CorpusIdf {
    /// jieba's table, compiled into the library.
    #[default]
    Jieba,
    /// A table the user gave.
    Table(Arc<IdfTable>),
}
