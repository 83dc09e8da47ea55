//! From sentences to sparse term vectors: the start of the numeric core.
//!
//! A text is cut by jieba once ([`Document::analyze`]); every later stage
//! (similarity, scores, keywords, topic features) reuses those tokens. Terms
//! get small integer ids local to the document, so vectors are short sorted
//! lists of `(id, weight)` and no stage hashes strings twice.

use std::collections::HashMap;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::text::sentence::{Sentence, split_sentences};
use crate::tokenize::Tokenizer;
use crate::wordmap::WordIndex;

/// A sparse vector: `(term id, weight)` pairs sorted by id.
pub type SparseVec = Vec<(u32, f32)>;

/// Rows of entries stored end to end (one allocation for all of them):
/// row `i` is `rows[i]`, a slice. A document keeps one row per sentence.
///
/// ```
/// use jianbao::{tokenize::Tokenizer, vectorize::Document};
/// let doc = Document::analyze("医院开诊。医院很忙。", &Tokenizer::default());
/// assert_eq!(doc.counts.len(), 2);
/// assert!(doc.counts.iter().all(|row| !row.is_empty()));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rows<T> {
    /// Row `i` is `entries[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<usize>,
    entries: Vec<T>,
}

impl<T> Rows<T> {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Are there no rows?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows in order.
    pub fn iter(&self) -> RowsIter<'_, T> {
        RowsIter {
            rows: self,
            next: 0,
        }
    }
}

/// The rows of a [`Rows`], in order.
#[derive(Debug, Clone)]
pub struct RowsIter<'r, T> {
    rows: &'r Rows<T>,
    next: usize,
}

impl<'r, T> Iterator for RowsIter<'r, T> {
    type Item = &'r [T];

    fn next(&mut self) -> Option<&'r [T]> {
        (self.next < self.rows.len()).then(|| {
            self.next += 1;
            &self.rows[self.next - 1]
        })
    }
}

impl<'r, T> IntoIterator for &'r Rows<T> {
    type Item = &'r [T];
    type IntoIter = RowsIter<'r, T>;

    fn into_iter(self) -> RowsIter<'r, T> {
        self.iter()
    }
}

impl<T> std::ops::Index<usize> for Rows<T> {
    type Output = [T];

    fn index(&self, i: usize) -> &[T] {
        &self.entries[self.offsets[i]..self.offsets[i + 1]]
    }
}

/// A text cut once into sentences and terms.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    /// The text analysed.
    pub text: &'a str,
    /// Its sentences, with byte spans into `text`.
    pub sentences: Vec<Sentence<'a>>,
    /// The distinct terms; a term's id is its index here.
    pub vocabulary: Vec<&'a str>,
    /// Per sentence, the count of each of its terms, sorted by term id.
    pub counts: Rows<(u32, u32)>,
    /// Per term id, the number of sentences it occurs in.
    pub sentence_frequency: Vec<u32>,
    /// Every term occurrence in text order: `(term id, byte offset)`.
    pub occurrences: Vec<(u32, usize)>,
    /// Every distinct word seen, with its term id (`None`: not a term).
    index: WordIndex<'a, Option<u32>>,
}

impl<'a> Document<'a> {
    /// Splits `text` into sentences and cuts it into terms with `tokenizer`.
    ///
    /// ```
    /// use jianbao::{tokenize::Tokenizer, vectorize::Document};
    /// let doc = Document::analyze("公交开通了。村民乘公交进城。", &Tokenizer::default());
    /// assert_eq!(doc.sentences.len(), 2);
    /// let id = doc.vocabulary.iter().position(|w| *w == "公交").unwrap();
    /// assert_eq!(doc.sentence_frequency[id], 2);
    /// ```
    pub fn analyze(text: &'a str, tokenizer: &Tokenizer) -> Self {
        let sentences = split_sentences(text);
        // jieba's own tokens, read as they come (a conversion to
        // [`Token`](crate::tokenize::Token)s would rewrite every one).
        let tokens = tokenizer.jieba().cut(text, tokenizer.hmm());
        // Every distinct word is looked up once: `None` marks a word that is
        // no term (stop word, punctuation), so repeats cost one hash probe.
        // About one token in four or five is a new word: room for twice that.
        let mut words: WordIndex<'a, Option<u32>> = WordIndex::with_capacity(tokens.len() / 2);
        // A news article has about one distinct term per three tokens: room
        // for that up front saves the list's regrowths (capped, since a
        // very long text repeats its words far more).
        let mut vocabulary = Vec::with_capacity((tokens.len() / 3).min(1 << 12));
        let mut occurrences = Vec::with_capacity(tokens.len());
        // Occurrences come in text order, so each sentence's are a run of
        // them: `row_end[s]` is where sentence `s`'s run ends.
        let mut row_end = vec![0usize; sentences.len()];
        let mut s = 0;
        for t in tokens {
            let start = t.byte_start;
            let id = words.get_or_insert_at(text, start, t.word, |key| {
                tokenizer.is_term_keyed(t.word, key).then(|| {
                    vocabulary.push(t.word);
                    vocabulary.len() as u32 - 1
                })
            });
            let Some(id) = id else { continue };
            while s < sentences.len() && sentences[s].end <= start {
                s += 1;
            }
            if s == sentences.len() {
                break;
            }
            if start < sentences[s].start {
                continue; // between sentences (only whitespace ever is)
            }
            occurrences.push((id, start));
            row_end[s] = occurrences.len();
        }
        let mut sentence_frequency = vec![0u32; vocabulary.len()];
        let mut offsets = Vec::with_capacity(sentences.len() + 1);
        offsets.push(0);
        let mut entries: Vec<(u32, u32)> = Vec::with_capacity(occurrences.len());
        // A sentence's row: one entry per distinct term id, with its count.
        let mut ids: Vec<u32> = Vec::new();
        let mut row_start = 0;
        for &end in &row_end {
            let end = end.max(row_start);
            ids.clear();
            ids.extend(occurrences[row_start..end].iter().map(|&(id, _)| id));
            row_start = end;
            for (id, count) in id_runs(&mut ids) {
                entries.push((id, count as u32));
                sentence_frequency[id as usize] += 1;
            }
            offsets.push(entries.len());
        }
        let counts = Rows { offsets, entries };
        Document {
            text,
            sentences,
            vocabulary,
            counts,
            sentence_frequency,
            occurrences,
            index: words,
        }
    }

    /// The id of a term of this document.
    pub fn term_id(&self, word: &str) -> Option<u32> {
        self.index.get(word).flatten()
    }

    /// Number of terms (with repeats) in sentence `i`.
    pub fn sentence_length(&self, i: usize) -> u32 {
        self.counts[i].iter().map(|&(_, c)| c).sum()
    }

    /// The IDF of every term of this document under `idf`.
    pub fn idf(&self, idf: &Idf) -> Vec<f32> {
        match idf {
            Idf::Sentences => {
                let n = self.sentences.len() as f32;
                // Sentence frequencies are small integers (at most the
                // number of sentences), most of them 1: each distinct one
                // takes one logarithm.
                let idf_of = |df: usize| ((1.0 + n) / (1.0 + df as f32)).ln() + 1.0;
                let mut by_df: Vec<Option<f32>> = vec![None; self.sentences.len() + 1];
                self.sentence_frequency
                    .iter()
                    .map(|&df| {
                        let df = df as usize;
                        // A frequency past the sentence count (the field is
                        // public, so it may have been changed) is worked out
                        // on its own rather than indexing out of bounds.
                        match by_df.get_mut(df) {
                            Some(memo) => *memo.get_or_insert_with(|| idf_of(df)),
                            None => idf_of(df),
                        }
                    })
                    .collect()
            }
            Idf::Table(table) => self.vocabulary.iter().map(|w| table.get(w)).collect(),
        }
    }

    /// TF-IDF vectors of every sentence, L2-normalised.
    pub fn tfidf_vectors(&self, idf: &[f32]) -> Rows<(u32, f32)> {
        let mut entries: Vec<(u32, f32)> = self
            .counts
            .entries
            .iter()
            .map(|&(id, c)| (id, c as f32 * idf[id as usize]))
            .collect();
        for w in self.counts.offsets.windows(2) {
            normalize(&mut entries[w[0]..w[1]]);
        }
        Rows {
            offsets: self.counts.offsets.clone(),
            entries,
        }
    }
}

/// Each distinct id of `ids` with the number of times it occurs, in
/// increasing id order. `ids` is sorted in place: plain numbers sort
/// faster than `(id, count)` pairs would.
pub(crate) fn id_runs(ids: &mut [u32]) -> impl Iterator<Item = (u32, usize)> + '_ {
    ids.sort_unstable();
    ids.chunk_by(|a, b| a == b).map(|run| (run[0], run.len()))
}

/// Sorts `(id, value)` pairs by id and adds up the values of repeated ids,
/// turning a list of occurrences into a sparse vector.
///
/// ```
/// let mut v = vec![(3, 1.0), (1, 2.0), (3, 0.5)];
/// jianbao::vectorize::sum_duplicates(&mut v);
/// assert_eq!(v, vec![(1, 2.0), (3, 1.5)]);
/// ```
pub fn sum_duplicates<T: std::ops::AddAssign + Copy>(v: &mut Vec<(u32, T)>) {
    v.sort_unstable_by_key(|&(id, _)| id);
    let mut kept = 0;
    for k in 0..v.len() {
        if kept > 0 && v[kept - 1].0 == v[k].0 {
            let value = v[k].1;
            v[kept - 1].1 += value;
        } else {
            v[kept] = v[k];
            kept += 1;
        }
    }
    v.truncate(kept);
}

/// Scales a sparse vector to unit length (a zero vector stays zero).
pub fn normalize(v: &mut [(u32, f32)]) {
    let norm = v.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= norm;
        }
    }
}

/// Dot product of two sparse vectors sorted by id.
///
/// ```
/// use jianbao::vectorize::dot;
/// assert_eq!(dot(&[(0, 1.0), (2, 2.0)], &[(2, 3.0), (5, 1.0)]), 6.0);
/// ```
pub fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Where inverse document frequencies come from.
#[derive(Debug, Clone, Default)]
pub enum Idf {
    /// Fitted on the document's own sentences: `ln((1+N)/(1+df)) + 1`.
    /// Needs nothing but the text, and it is what scored best on real news
    /// (see the README's summary table).
    #[default]
    Sentences,
    /// From a table fitted on a corpus or loaded from a file.
    Table(Arc<IdfTable>),
}

/// Inverse document frequencies of words, fitted on a corpus.
///
/// ```
/// use jianbao::{tokenize::Tokenizer, vectorize::IdfTable};
/// let docs = ["社区的医院开诊", "社区公交开通", "非遗工坊开课"];
/// let table = IdfTable::fit(docs, &Tokenizer::default()).unwrap();
/// assert!(table.get("医院") > table.get("社区"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdfTable {
    idf: HashMap<String, f32>,
    /// IDF given to words the table has never seen.
    unknown: f32,
}

impl IdfTable {
    /// Fits `ln((1+N)/(1+df)) + 1` over documents; unseen words get the IDF
    /// of a word seen once.
    pub fn fit<'t>(docs: impl IntoIterator<Item = &'t str>, tokenizer: &Tokenizer) -> Result<Self> {
        let mut df: HashMap<String, u32> = HashMap::new();
        let mut n = 0u32;
        for doc in docs {
            n += 1;
            let mut seen: Vec<&str> = tokenizer.terms(doc).into_iter().map(|t| t.word).collect();
            seen.sort_unstable();
            seen.dedup();
            for w in seen {
                *df.entry(w.to_string()).or_insert(0) += 1;
            }
        }
        if n == 0 {
            return Err(Error::EmptyData(
                "no documents to fit an IDF table on".into(),
            ));
        }
        let f = |d: u32| ((1.0 + n as f32) / (1.0 + d as f32)).ln() + 1.0;
        Ok(IdfTable {
            idf: df.into_iter().map(|(w, d)| (w, f(d))).collect(),
            unknown: f(1),
        })
    }

    /// Reads `word idf` lines (the jieba IDF file format).
    ///
    /// ```
    /// let t = jianbao::vectorize::IdfTable::parse("医院 8.5\n社区 4.0\n", 10.0).unwrap();
    /// assert_eq!(t.get("医院"), 8.5);
    /// assert_eq!(t.get("未知"), 10.0);
    /// ```
    pub fn parse(text: &str, unknown: f32) -> Result<Self> {
        let mut idf = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let bad = |reason: &str| Error::BadRecord {
                path: "IDF table".into(),
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
        Ok(IdfTable { idf, unknown })
    }

    /// The IDF of `word`.
    pub fn get(&self, word: &str) -> f32 {
        self.idf.get(word).copied().unwrap_or(self.unknown)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_merge_repeats_and_skip_stop_words() {
        let tok = Tokenizer::default();
        let doc = Document::analyze("医院的医院。", &tok);
        assert_eq!(doc.vocabulary, vec!["医院"]);
        assert_eq!(doc.counts.iter().collect::<Vec<_>>(), vec![&[(0, 2)][..]]);
        assert_eq!(doc.sentence_length(0), 2);
    }

    #[test]
    fn tfidf_vectors_are_unit_length() {
        let tok = Tokenizer::default();
        let doc = Document::analyze("社区医院开诊。公交线路开通。医院扩建。", &tok);
        let v = doc.tfidf_vectors(&doc.idf(&Idf::Sentences));
        for row in &v {
            assert!((dot(row, row) - 1.0).abs() < 1e-5);
        }
    }

    #[test]
    fn empty_text_has_no_sentences() {
        let doc = Document::analyze("", &Tokenizer::default());
        assert!(doc.sentences.is_empty() && doc.vocabulary.is_empty());
    }
}
