//! Turning texts into feature vectors for topic models.
//!
//! Features are jieba terms (stop words dropped, lower-cased) and, by
//! default, bigrams of adjacent Chinese characters, which catch words jieba
//! cuts differently in different contexts. A headline's features count
//! [`title_weight`](FeatureParams::title_weight) times: a headline says in
//! ten characters what a long article is about.
//!
//! Every model reads the same vector: sublinear term frequency times IDF,
//! scaled to unit length, so a 150-character brief and a 3 000-character
//! feature land on the same scale. `linfa-preprocessing`'s vectorizers split
//! on a regex meant for space-separated languages, so the vocabulary is
//! built here over jieba's cuts instead.

#[cfg(feature = "train")]
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::analysis::Analyzer;
#[cfg(feature = "train")]
use crate::analysis::smooth_idf;
use crate::error::{Error, Result};
use crate::text::clean::is_han;
use crate::util::wordmap::{KeyTable, WordMap};

/// How texts become features.
///
/// | field | default | range |
/// |---|---|---|
/// | `char_bigrams` | `true` | |
/// | `title_weight` | 3 | 0 (headline ignored) to 100 |
/// | `min_df` | 2 | at least 1 |
/// | `max_df` | 0.5 | (0, 1] |
/// | `max_features` | 30 000 | at least 1 |
/// | `max_matrix_bytes` | 1 GiB | at least 1 MiB |
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureParams {
    /// Add bigrams of adjacent Chinese characters as features.
    pub char_bigrams: bool,
    /// How many times a headline's features count.
    #[serde(default = "default_title_weight")]
    pub title_weight: u32,
    /// A feature must occur in at least this many training texts.
    pub min_df: usize,
    /// A feature in more than this share of training texts is dropped.
    pub max_df: f64,
    /// Keep at most this many features (the most frequent by document count).
    pub max_features: usize,
    /// Logistic regression trains on a dense `texts × features` matrix of
    /// `f32`: when the corpus is so large that `max_features` columns would
    /// take more than this many bytes, fewer features are kept (the most
    /// frequent), so training memory stays bounded whatever the corpus size.
    #[serde(default = "default_matrix_bytes")]
    pub max_matrix_bytes: usize,
}

fn default_title_weight() -> u32 {
    3
}

fn default_matrix_bytes() -> usize {
    1 << 30
}

/// The largest headline weight [`FeatureParams::check`] accepts.
pub const MAX_TITLE_WEIGHT: u32 = 100;

impl Default for FeatureParams {
    fn default() -> Self {
        FeatureParams {
            char_bigrams: true,
            title_weight: default_title_weight(),
            min_df: 2,
            max_df: 0.5,
            max_features: 30_000,
            max_matrix_bytes: default_matrix_bytes(),
        }
    }
}

impl FeatureParams {
    /// Checks every field against the ranges in the table above.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] naming the first field out of range.
    pub fn check(&self) -> Result<()> {
        if self.min_df == 0 {
            return Err(Error::invalid("min_df", 0, "at least 1"));
        }
        if !(self.max_df > 0.0 && self.max_df <= 1.0) {
            return Err(Error::invalid("max_df", self.max_df, "a share in (0, 1]"));
        }
        if self.max_features == 0 {
            return Err(Error::invalid("max_features", 0, "at least 1"));
        }
        if self.title_weight > MAX_TITLE_WEIGHT {
            return Err(Error::invalid(
                "title_weight",
                self.title_weight,
                format!("0 to {MAX_TITLE_WEIGHT}"),
            ));
        }
        if self.max_matrix_bytes < 1 << 20 {
            return Err(Error::invalid(
                "max_matrix_bytes",
                self.max_matrix_bytes,
                "at least 1 MiB (1048576)",
            ));
        }
        Ok(())
    }
}

#[cfg(feature = "train")]
/// Feature strings of a text, with repeats: terms, then character bigrams
/// (prefixed by `_` so they never collide with a term). Calls `emit` for
/// each.
pub(crate) fn for_each_feature(
    text: &str,
    analyzer: &Analyzer,
    char_bigrams: bool,
    mut emit: impl FnMut(&str),
) {
    let mut lower = String::new();
    for t in analyzer.terms(text) {
        if has_upper(t.word) {
            lower.clear();
            lower.extend(t.word.chars().flat_map(char::to_lowercase));
            emit(&lower);
        } else {
            emit(t.word);
        }
    }
    if char_bigrams {
        let mut s = String::with_capacity(7);
        for (a, b) in han_bigrams(text) {
            s.clear();
            s.push('_');
            s.push(a);
            s.push(b);
            emit(&s);
        }
    }
}

/// Pairs of adjacent Chinese characters of `text` (a non-Chinese character
/// breaks the chain): the character-bigram features.
fn han_bigrams(text: &str) -> impl Iterator<Item = (char, char)> + '_ {
    let mut prev: Option<char> = None;
    text.chars().filter_map(move |c| {
        if !is_han(c) {
            prev = None;
            return None;
        }
        prev.replace(c).map(|p| (p, c))
    })
}

/// Has `word` a capital letter? Chinese has no case: only other letters
/// are checked (the Unicode case tables are slow to ask about every
/// character).
fn has_upper(word: &str) -> bool {
    word.chars().any(|c| {
        if c.is_ascii() {
            c.is_ascii_uppercase()
        } else {
            !is_han(c) && c.is_uppercase()
        }
    })
}

#[cfg(feature = "train")]
/// Feature strings seen in training, each given a number once, so that a
/// text's features are kept as `(number, count)` pairs rather than strings
/// (a corpus of 50 000 news articles holds about 30 million feature
/// occurrences).
#[derive(Debug, Default)]
pub(crate) struct Interner {
    ids: HashMap<String, u32>,
    strings: Vec<String>,
}

#[cfg(feature = "train")]
impl Interner {
    /// The number of `s`, given it if it has none yet.
    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.ids.insert(s.to_string(), id);
        self.strings.push(s.to_string());
        id
    }

    pub(crate) fn string(&self, id: u32) -> &str {
        &self.strings[id as usize]
    }
}

#[cfg(feature = "train")]
/// The features of one training text: `(interned id, count)`, sorted by id.
pub(crate) type RawCounts = Vec<(u32, u32)>;

#[cfg(feature = "train")]
/// The features of a labelled text (headline weighted), interned.
pub(crate) fn raw_counts(
    title: Option<&str>,
    text: &str,
    analyzer: &Analyzer,
    params: &FeatureParams,
    interner: &mut Interner,
) -> RawCounts {
    let mut ids = Vec::new();
    for_each_feature(text, analyzer, params.char_bigrams, |f| {
        ids.push(interner.intern(f))
    });
    if let Some(title) = title.filter(|_| params.title_weight > 0) {
        let before = ids.len();
        for_each_feature(title, analyzer, params.char_bigrams, |f| {
            ids.push(interner.intern(f))
        });
        let once = ids[before..].to_vec();
        for _ in 1..params.title_weight {
            ids.extend_from_slice(&once);
        }
    }
    crate::util::sparse::id_runs(&mut ids)
        .map(|(id, n)| (id, n as u32))
        .collect()
}

/// The vocabulary and IDF of a fitted model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vocabulary {
    /// Feature strings; a feature's index is its column.
    terms: Vec<String>,
    /// IDF of each feature, `ln((1+N)/(1+df)) + 1`.
    idf: Vec<f32>,
    #[serde(skip)]
    index: WordMap<u32>,
    /// Character bigrams by their two code points, so that looking one up
    /// needs neither a string nor a byte comparison.
    #[serde(skip)]
    bigrams: KeyTable<u64, u32>,
}

/// The key of a character bigram in [`Vocabulary::bigrams`].
fn bigram_key(a: char, b: char) -> u64 {
    ((a as u64) << 32) | b as u64
}

impl Vocabulary {
    #[cfg(feature = "train")]
    /// Builds the vocabulary from the interned features of training texts
    /// (`docs`). Returns it with, for each interned id, its column.
    pub(crate) fn fit(
        docs: &[&RawCounts],
        interner: &Interner,
        params: &FeatureParams,
    ) -> Result<(Self, HashMap<u32, u32>)> {
        let n = docs.len();
        let mut df: HashMap<u32, usize> = HashMap::new();
        for d in docs {
            for &(f, _) in d.iter() {
                *df.entry(f).or_insert(0) += 1;
            }
        }
        let max_df = (params.max_df * n as f64).floor().max(1.0) as usize;
        let mut kept: Vec<(&str, u32, usize)> = df
            .into_iter()
            .filter(|&(_, c)| c >= params.min_df && c <= max_df)
            .map(|(f, c)| (interner.string(f), f, c))
            .collect();
        kept.sort_unstable_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(b.0)));
        // The dense training matrix holds `n × features` f32s.
        let fit_in_memory = params.max_matrix_bytes / (4 * n.max(1));
        kept.truncate(params.max_features.min(fit_in_memory.max(1)));
        kept.sort_unstable_by(|a, b| a.0.cmp(b.0));
        if kept.is_empty() {
            return Err(Error::EmptyData(format!(
                "no feature occurs in at least {} of the {n} training texts",
                params.min_df
            )));
        }
        let columns = kept
            .iter()
            .enumerate()
            .map(|(col, &(_, f, _))| (f, col as u32))
            .collect();
        let idf = kept.iter().map(|&(_, _, c)| smooth_idf(n, c)).collect();
        let terms = kept.into_iter().map(|(t, _, _)| t.to_string()).collect();
        Ok((Vocabulary::new(terms, idf), columns))
    }

    /// A vocabulary from stored parts (the index is rebuilt).
    pub(crate) fn new(terms: Vec<String>, idf: Vec<f32>) -> Self {
        let index = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), i as u32))
            .collect();
        let bigrams = terms
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let mut chars = t.strip_prefix('_')?.chars();
                let (a, b) = (chars.next()?, chars.next()?);
                chars
                    .next()
                    .is_none()
                    .then_some((bigram_key(a, b), i as u32))
            })
            .collect();
        Vocabulary {
            terms,
            idf,
            index,
            bigrams,
        }
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Number of distinct feature strings (less than [`len`](Self::len)
    /// only for a damaged vocabulary that lists one twice).
    pub(crate) fn distinct(&self) -> usize {
        self.index.len()
    }

    /// Is the vocabulary empty?
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The feature strings, by column.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// The IDF of each feature, by column.
    pub fn idf(&self) -> &[f32] {
        &self.idf
    }

    /// Column of a feature string.
    pub fn get(&self, feature: &str) -> Option<u32> {
        self.index.get(feature)
    }

    /// Columns of the known features of `text` (terms, then bigrams when
    /// `char_bigrams`), appended to `ids` `times` times.
    pub(crate) fn text_ids(
        &self,
        text: &str,
        analyzer: &Analyzer,
        char_bigrams: bool,
        times: u32,
        ids: &mut Vec<u32>,
    ) {
        if times == 0 || text.is_empty() {
            return;
        }
        let before = ids.len();
        let terms = analyzer.terms(text);
        let mut lower = String::new();
        ids.extend(
            terms
                .iter()
                .filter_map(|t| self.term_id(t.word, &mut lower)),
        );
        if char_bigrams {
            self.bigram_ids(text, ids);
        }
        let once = ids[before..].to_vec();
        for _ in 1..times {
            ids.extend_from_slice(&once);
        }
    }

    /// The column of a jieba term, in any case (`lower` is scratch space).
    pub(crate) fn term_id(&self, word: &str, lower: &mut String) -> Option<u32> {
        if has_upper(word) {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            self.get(lower)
        } else {
            self.get(word)
        }
    }

    /// [`term_id`](Self::term_id) of every word of `words`, looked up as a
    /// group (see `WordMap::get_many`).
    pub(crate) fn term_ids_of(&self, words: &[&str]) -> Vec<Option<u32>> {
        let mut columns = vec![None; words.len()];
        self.index
            .get_many(words.iter().copied(), |i, column| columns[i] = column);
        let mut lower = String::new();
        for (column, word) in columns.iter_mut().zip(words) {
            if has_upper(word) {
                *column = self.term_id(word, &mut lower);
            }
        }
        columns
    }

    /// Columns of the known character bigrams of `text`, appended to `ids`.
    pub(crate) fn bigram_ids(&self, text: &str, ids: &mut Vec<u32>) {
        let keys = han_bigrams(text).map(|(a, b)| bigram_key(a, b)).enumerate();
        self.bigrams.get_many(keys, |_, column| ids.extend(column));
    }

    /// Sublinear TF-IDF of counted columns, L2-normalised: the vector every
    /// model reads. `ids` is sorted in place.
    pub(crate) fn vector(&self, ids: &mut [u32]) -> Vec<(u32, f32)> {
        let mut v: Vec<(u32, f32)> = crate::util::sparse::id_runs(ids)
            .map(|(id, c)| (id, self.weigh(id, c as u32)))
            .collect();
        crate::util::sparse::normalize(&mut v);
        v
    }

    #[cfg(feature = "train")]
    /// The vector of a training text's interned counts (`columns` maps
    /// interned ids to this vocabulary's columns).
    pub(crate) fn vector_of_raw(
        &self,
        raw: &RawCounts,
        columns: &HashMap<u32, u32>,
    ) -> Vec<(u32, f32)> {
        let mut v: Vec<(u32, f32)> = raw
            .iter()
            .filter_map(|&(f, c)| columns.get(&f).map(|&col| (col, self.weigh(col, c))))
            .collect();
        v.sort_unstable_by_key(|&(col, _)| col);
        crate::util::sparse::normalize(&mut v);
        v
    }

    fn weigh(&self, column: u32, count: u32) -> f32 {
        (1.0 + (count as f32).ln()) * self.idf[column as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_counts_title_weight_times() {
        let tok = Analyzer::default();
        let mut interner = Interner::default();
        let params = FeatureParams {
            char_bigrams: false,
            ..FeatureParams::default()
        };
        let raw = raw_counts(Some("医院"), "医院开诊", &tok, &params, &mut interner);
        let count_of = |w: &str| {
            raw.iter()
                .find(|&&(f, _)| interner.string(f) == w)
                .map(|&(_, c)| c)
        };
        assert_eq!(count_of("医院"), Some(1 + params.title_weight));
        assert_eq!(count_of("开诊"), Some(1));
    }

    #[test]
    fn out_of_range_parameters_are_named() {
        let bad = FeatureParams {
            max_df: 1.5,
            ..FeatureParams::default()
        };
        let err = bad.check().unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidOption {
                option: "max_df",
                ..
            }
        ));
    }
}
