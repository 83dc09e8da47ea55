//! Turning texts into feature vectors for topic models.
//!
//! Features are jieba terms (stop words dropped) and, optionally, bigrams of
//! adjacent Chinese characters, which catch words jieba cuts differently in
//! different contexts. `linfa-preprocessing`'s vectorizers split on a regex
//! meant for space-separated languages, so the vocabulary is built here over
//! jieba's cuts instead.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::text::clean::is_han;
use crate::tokenize::Tokenizer;
use crate::wordmap::{KeyTable, WordMap};

/// How texts become features.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureParams {
    /// Add bigrams of adjacent Chinese characters as features.
    pub char_bigrams: bool,
    /// A feature must occur in at least this many training texts.
    pub min_df: usize,
    /// A feature in more than this share of training texts is dropped.
    pub max_df: f64,
    /// Keep at most this many features (the most frequent by document count).
    pub max_features: usize,
}

impl Default for FeatureParams {
    fn default() -> Self {
        FeatureParams {
            char_bigrams: true,
            min_df: 2,
            max_df: 0.5,
            max_features: 30_000,
        }
    }
}

impl FeatureParams {
    pub(crate) fn check(&self) -> Result<()> {
        if self.min_df == 0 {
            return Err(Error::option("min_df", "must be at least 1"));
        }
        if !(self.max_df > 0.0 && self.max_df <= 1.0) {
            return Err(Error::option(
                "max_df",
                format!("{} is not in (0, 1]", self.max_df),
            ));
        }
        if self.max_features == 0 {
            return Err(Error::option("max_features", "must be at least 1"));
        }
        Ok(())
    }
}

/// Raw feature strings of a text, with repeats: terms, then character
/// bigrams (prefixed so they never collide with a term).
pub(crate) fn raw_features(text: &str, tokenizer: &Tokenizer, char_bigrams: bool) -> Vec<String> {
    let mut out: Vec<String> = tokenizer
        .terms(text)
        .into_iter()
        .map(|t| t.word.to_lowercase())
        .collect();
    if char_bigrams {
        out.extend(han_bigrams(text).map(|(a, b)| format!("_{a}{b}")));
    }
    out
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

/// The vocabulary and IDF of a fitted model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vocabulary {
    /// Feature strings; a feature's index is its column.
    pub terms: Vec<String>,
    /// IDF of each feature, `ln((1+N)/(1+df)) + 1`.
    pub idf: Vec<f32>,
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
    /// Builds the vocabulary from the raw features of training texts.
    pub(crate) fn fit(docs: &[Vec<String>], params: &FeatureParams) -> Result<Self> {
        let n = docs.len();
        let mut df: HashMap<&str, usize> = HashMap::new();
        for d in docs {
            let mut seen: Vec<&str> = d.iter().map(String::as_str).collect();
            seen.sort_unstable();
            seen.dedup();
            for f in seen {
                *df.entry(f).or_insert(0) += 1;
            }
        }
        let max_df = (params.max_df * n as f64).floor().max(1.0) as usize;
        let mut kept: Vec<(&str, usize)> = df
            .into_iter()
            .filter(|&(_, c)| c >= params.min_df && c <= max_df)
            .collect();
        kept.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        kept.truncate(params.max_features);
        kept.sort_unstable_by(|a, b| a.0.cmp(b.0));
        if kept.is_empty() {
            return Err(Error::EmptyData(format!(
                "no feature occurs in at least {} of the {n} training texts",
                params.min_df
            )));
        }
        let idf = kept
            .iter()
            .map(|&(_, c)| ((1.0 + n as f32) / (1.0 + c as f32)).ln() + 1.0)
            .collect();
        let terms: Vec<String> = kept.into_iter().map(|(t, _)| t.to_string()).collect();
        Ok(Vocabulary::new(terms, idf))
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

    /// Is the vocabulary empty?
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Column of a feature string.
    pub fn get(&self, feature: &str) -> Option<u32> {
        self.index.get(feature)
    }

    /// Columns of the known terms among `words` (jieba terms, in any case),
    /// appended to `ids`. Looks words up without building feature strings.
    pub(crate) fn term_ids<'w>(&self, words: impl Iterator<Item = &'w str>, ids: &mut Vec<u32>) {
        let mut lower = String::new();
        ids.extend(words.filter_map(|w| self.term_id(w, &mut lower)));
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

    /// Sparse counts from a list of columns (sorted in place).
    pub(crate) fn counts_from_ids(ids: &mut [u32]) -> Vec<(u32, f32)> {
        crate::vectorize::id_runs(ids)
            .map(|(column, count)| (column, count as f32))
            .collect()
    }

    /// Sparse counts of known features, sorted by column.
    pub(crate) fn counts(&self, raw: &[String]) -> Vec<(u32, f32)> {
        let mut ids: Vec<u32> = raw.iter().filter_map(|f| self.get(f)).collect();
        Self::counts_from_ids(&mut ids)
    }

    /// Sublinear TF-IDF, L2-normalised.
    pub(crate) fn tfidf(&self, counts: &[(u32, f32)]) -> Vec<(u32, f32)> {
        let mut v: Vec<(u32, f32)> = counts
            .iter()
            .map(|&(id, c)| (id, (1.0 + c.ln()) * self.idf[id as usize]))
            .collect();
        crate::vectorize::normalize(&mut v);
        v
    }
}
