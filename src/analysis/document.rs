//! A text cut once into sentences and terms, read by every stage.

use serde::Serialize;

use super::merge::{MergeKind, Merges};
use super::{Analyzer, Idf, smooth_idf};
use crate::Span;
use crate::text::sentence::{Sentence, split_sentences};
use crate::util::sparse::{Rows, id_runs, normalize};
use crate::util::wordmap::WordIndex;

/// A word of a text with its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token<'a> {
    /// The word.
    pub word: &'a str,
    /// Where it lies in the text.
    pub span: Span,
}

/// A text (and its headline) cut once into sentences and terms.
///
/// Terms get small integer ids local to the document (a term's id is its
/// index in [`terms`](Self::terms)), so every later stage works on short
/// sorted lists of `(id, weight)` and no stage hashes a string twice.
///
/// ```
/// use jianbao::analysis::Analyzer;
/// let doc = Analyzer::default().analyze("公交开通了。村民乘公交进城。");
/// assert_eq!(doc.sentences().len(), 2);
/// let id = doc.term_id("公交").unwrap();
/// assert_eq!(doc.sentence_frequency()[id as usize], 2);
/// assert_eq!(doc.row(1).len(), doc.analyzer().terms("村民乘公交进城。").len());
/// ```
#[derive(Debug, Clone)]
pub struct Document<'a> {
    text: &'a str,
    title: Option<&'a str>,
    sentences: Vec<Sentence<'a>>,
    /// The distinct terms; a term's id is its index here.
    terms: Vec<&'a str>,
    /// Per sentence, the count of each of its terms, sorted by term id.
    counts: Rows<(u32, u32)>,
    /// Per term id, the number of sentences it occurs in.
    sentence_frequency: Vec<u32>,
    /// Every term occurrence in text order: `(term id, byte offset)`.
    occurrences: Vec<(u32, usize)>,
    /// The headline's terms, in order.
    title_terms: Vec<&'a str>,
    /// The terms merged from pieces, with the rule that merged them, by id.
    merged: Vec<(u32, MergeKind)>,
    /// Every distinct word seen, with its term id before merging (`None`:
    /// not a term).
    index: WordIndex<'a, Option<u32>>,
    /// The term id, after merging, of each id in `index` ([`UNSEEN`]: a
    /// piece that no longer stands alone); empty when nothing merged.
    renumbered: Vec<u32>,
    /// Byte offsets in the text where a section head stood, ascending.
    section_starts: Vec<usize>,
    /// Per section head, the ids of the body's terms it holds, sorted.
    section_terms: Vec<Vec<u32>>,
    analyzer: Analyzer,
}

impl<'a> Document<'a> {
    /// Splits `text` into sentences and cuts it into terms.
    pub(crate) fn build(analyzer: &Analyzer, title: Option<&'a str>, text: &'a str) -> Self {
        let sentences = split_sentences(text);
        // jieba's own tokens, read as they come (a conversion to
        // `Token`s would rewrite every one).
        let tokens = analyzer.jieba().cut(text, analyzer.hmm());
        // Every distinct word is looked up once: `None` marks a word that is
        // no term (stop word, punctuation), so repeats cost one hash probe.
        // About one token in four or five is a new word: room for twice that.
        let mut words: WordIndex<'a, Option<u32>> = WordIndex::with_capacity(tokens.len() / 2);
        // A news article has about one distinct term per three tokens: room
        // for that up front saves the list's regrowths (capped, since a
        // very long text repeats its words far more).
        let mut terms = Vec::with_capacity((tokens.len() / 3).min(1 << 12));
        let mut occurrences = Vec::with_capacity(tokens.len());
        for t in tokens {
            let start = t.byte_start;
            let id = words.get_or_insert_at(text, start, t.word, |key| {
                analyzer.is_term_keyed(t.word, key).then(|| {
                    terms.push(t.word);
                    terms.len() as u32 - 1
                })
            });
            if let Some(id) = id {
                occurrences.push((id, start));
            }
        }
        let mut merged = Vec::new();
        let mut renumbered = Vec::new();
        if analyzer.merges_words() {
            let merges = super::merge::find(text, &terms, &occurrences, |w| {
                words.get(w).flatten().is_some()
            });
            if !merges.is_empty() {
                (merged, renumbered) =
                    apply_merges(text, &merges, &mut terms, &mut occurrences, &mut words);
            }
        }
        // Occurrences come in text order, so each sentence's are a run of
        // them: `row_end[s]` is where sentence `s`'s run ends. A term
        // between sentences (only whitespace ever is) belongs to none.
        let mut row_end = vec![0usize; sentences.len()];
        let mut kept = 0;
        let mut s = 0;
        for i in 0..occurrences.len() {
            let start = occurrences[i].1;
            while s < sentences.len() && sentences[s].span.end <= start {
                s += 1;
            }
            if s == sentences.len() {
                break;
            }
            if start < sentences[s].span.start {
                continue;
            }
            occurrences[kept] = occurrences[i];
            kept += 1;
            row_end[s] = kept;
        }
        occurrences.truncate(kept);
        let mut sentence_frequency = vec![0u32; terms.len()];
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
        let title_terms = title.map_or_else(Vec::new, |t| merged_title(t, analyzer, &merged));
        Document {
            text,
            title,
            sentences,
            terms,
            counts: Rows::from_parts(offsets, entries),
            sentence_frequency,
            occurrences,
            title_terms,
            merged: {
                let mut by_id: Vec<(u32, MergeKind)> =
                    merged.into_iter().map(|m| (m.id, m.kind)).collect();
                by_id.sort_unstable_by_key(|&(id, _)| id);
                by_id
            },
            index: words,
            renumbered,
            section_starts: Vec::new(),
            section_terms: Vec::new(),
            analyzer: analyzer.clone(),
        }
    }

    /// How a merged term was made (`None`: jieba cut it as it is).
    #[cfg_attr(not(feature = "keywords"), allow(dead_code))]
    pub(crate) fn merge_kind(&self, id: u32) -> Option<MergeKind> {
        self.merged
            .binary_search_by_key(&id, |&(m, _)| m)
            .ok()
            .map(|i| self.merged[i].1)
    }

    /// Notes the section heads of the text: where each stood (a byte
    /// offset; out of range ones are dropped) and which of the body's
    /// terms its text holds.
    pub(crate) fn set_sections<'h>(&mut self, heads: impl IntoIterator<Item = (usize, &'h str)>) {
        let len = self.text.len();
        let mut sections: Vec<(usize, Vec<u32>)> = heads
            .into_iter()
            .filter(|&(s, _)| s < len)
            .map(|(s, head)| {
                let mut ids: Vec<u32> = self
                    .analyzer
                    .cut(head)
                    .iter()
                    .filter_map(|t| self.term_id(t.word))
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                (s, ids)
            })
            .collect();
        sections.sort_by_key(|&(s, _)| s);
        sections.dedup_by_key(|&mut (s, _)| s);
        (self.section_starts, self.section_terms) = sections.into_iter().unzip();
    }

    /// Per section head (in the order of
    /// [`section_starts`](Self::section_starts)), the ids of the body's
    /// terms its text holds, sorted.
    #[cfg_attr(not(feature = "keywords"), allow(dead_code))]
    pub(crate) fn section_terms(&self) -> &[Vec<u32>] {
        &self.section_terms
    }

    /// Byte offsets in the text where a section head stood (in-text heads
    /// the layout took out of the body), ascending; empty unless the
    /// document came from [`Analyzer::analyze_article`].
    pub fn section_starts(&self) -> &[usize] {
        &self.section_starts
    }

    /// The text analysed (the body).
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The headline, if one was given.
    pub fn title(&self) -> Option<&'a str> {
        self.title
    }

    /// The analyzer that cut it.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Its sentences, with spans into [`text`](Self::text).
    pub fn sentences(&self) -> &[Sentence<'a>] {
        &self.sentences
    }

    /// The distinct terms of the body; a term's id is its index.
    pub fn terms(&self) -> &[&'a str] {
        &self.terms
    }

    /// The id of a term of the body.
    pub fn term_id(&self, word: &str) -> Option<u32> {
        let id = self.index.get(word).flatten()?;
        if self.renumbered.is_empty() {
            return Some(id);
        }
        Some(self.renumbered[id as usize]).filter(|&id| id != UNSEEN)
    }

    /// The terms of the headline, in order (empty with no headline).
    pub fn title_terms(&self) -> &[&'a str] {
        &self.title_terms
    }

    /// Sentence `i`'s terms with their counts, sorted by term id.
    pub fn row(&self, i: usize) -> &[(u32, u32)] {
        &self.counts[i]
    }

    /// Every sentence's row, in order.
    pub fn rows(&self) -> &Rows<(u32, u32)> {
        &self.counts
    }

    /// Per term id, the number of sentences it occurs in.
    pub fn sentence_frequency(&self) -> &[u32] {
        &self.sentence_frequency
    }

    /// Every term occurrence in text order: its term id and span.
    pub fn occurrences(&self) -> impl ExactSizeIterator<Item = (u32, Span)> + '_ {
        self.occurrences
            .iter()
            .map(|&(id, start)| (id, Span::new(start, start + self.terms[id as usize].len())))
    }

    /// Term ids of the occurrences, in text order.
    #[cfg_attr(not(any(feature = "keywords", feature = "topics")), allow(dead_code))]
    pub(crate) fn occurrence_ids(&self) -> impl ExactSizeIterator<Item = u32> + '_ {
        self.occurrences.iter().map(|&(id, _)| id)
    }

    /// Occurrences as `(term id, start)`, for stages that walk them.
    #[cfg_attr(not(any(feature = "keywords", feature = "topics")), allow(dead_code))]
    pub(crate) fn raw_occurrences(&self) -> &[(u32, usize)] {
        &self.occurrences
    }

    /// Number of term occurrences (with repeats) in sentence `i`.
    pub fn sentence_length(&self, i: usize) -> u32 {
        self.counts[i].iter().map(|&(_, c)| c).sum()
    }

    /// The IDF of every term (by id) under `idf`.
    pub fn idf(&self, idf: Idf) -> Vec<f32> {
        match idf {
            Idf::Sentences => {
                let n = self.sentences.len();
                // Sentence frequencies are small integers (at most the
                // number of sentences), most of them 1: each distinct one
                // takes one logarithm.
                let mut by_df: Vec<Option<f32>> = vec![None; n + 1];
                self.sentence_frequency
                    .iter()
                    .map(|&df| {
                        *by_df[df as usize].get_or_insert_with(|| smooth_idf(n, df as usize))
                    })
                    .collect()
            }
            Idf::Corpus => self.corpus_idfs().into_iter().map(|x| x as f32).collect(),
        }
    }

    /// The corpus IDF of every term (by id), from the analyzer's table:
    /// jieba's general table (its median for words it lacks), or the
    /// user's.
    pub fn corpus_idfs(&self) -> Vec<f64> {
        match self.analyzer.corpus_idf() {
            super::CorpusIdf::Table(table) => {
                self.terms.iter().map(|w| table.get(w) as f64).collect()
            }
            super::CorpusIdf::Jieba => {
                let mut idf = vec![super::lexicon::median_idf(); self.terms.len()];
                super::lexicon::word_infos(self.terms.iter().copied(), |i, info| idf[i] = info.idf);
                idf
            }
        }
    }

    /// TF-IDF vectors of every sentence, L2-normalised.
    pub fn tfidf_vectors(&self, idf: &[f32]) -> Rows<(u32, f32)> {
        let mut entries: Vec<(u32, f32)> = self
            .counts
            .entries()
            .iter()
            .map(|&(id, c)| (id, c as f32 * idf[id as usize]))
            .collect();
        let offsets = self.counts.offsets().to_vec();
        for w in offsets.windows(2) {
            normalize(&mut entries[w[0]..w[1]]);
        }
        Rows::from_parts(offsets, entries)
    }
}

/// A term made by merging, and the pieces it was made of.
struct Merged<'a> {
    id: u32,
    kind: MergeKind,
    pieces: Vec<&'a str>,
}

/// Marks a word of the index whose term no longer stands alone.
const UNSEEN: u32 = u32::MAX;

/// Rewrites the occurrences with the merges applied (a chain of merging
/// pairs becomes one term), gives the merged terms ids, and drops from the
/// terms every piece that no longer occurs on its own (ids are renumbered
/// in order of first occurrence kept). Returns the merged terms and, for
/// each id of `words`, the term's new id ([`UNSEEN`] for a piece gone):
/// the index keeps its ids, so that nothing in it has to be rewritten, and
/// merged words that were no term before join it with ids after the old.
fn apply_merges<'a>(
    text: &'a str,
    merges: &Merges,
    terms: &mut Vec<&'a str>,
    occurrences: &mut Vec<(u32, usize)>,
    words: &mut WordIndex<'a, Option<u32>>,
) -> (Vec<Merged<'a>>, Vec<u32>) {
    let old_terms = std::mem::take(terms);
    let end = |&(id, start): &(u32, usize)| start + old_terms[id as usize].len();
    let mut renumbered = vec![UNSEEN; old_terms.len()];
    let mut merged: Vec<Merged<'a>> = Vec::new();
    let mut merged_ids: rustc_hash::FxHashSet<u32> = Default::default();
    let old = std::mem::take(occurrences);
    occurrences.reserve(old.len());
    let mut i = 0;
    while i < old.len() {
        let start = old[i].1;
        let mut j = i;
        let mut kind = None;
        while j + 1 < old.len() && end(&old[j]) == old[j + 1].1 {
            let Some(k) = merges.kind(old[j].0, old[j + 1].0) else {
                break;
            };
            // A place wins over a person, a person over a plain sequence.
            let chain = match (kind, k) {
                (Some(MergeKind::Place), _) | (_, MergeKind::Place) => MergeKind::Place,
                (Some(MergeKind::Person), _) | (_, MergeKind::Person) => MergeKind::Person,
                _ => MergeKind::Sequence,
            };
            if text[start..end(&old[j + 1])].chars().count() > chain.max_chars() {
                break;
            }
            kind = Some(chain);
            j += 1;
        }
        // The occurrence's id in the index: its own, or a merged word's
        // (which may be a term cut whole elsewhere, or new to the index).
        let word = &text[start..end(&old[j])];
        let index_id = match kind {
            None => old[i].0,
            Some(_) => match words.get(word).flatten() {
                Some(k) => k,
                None => {
                    let k = renumbered.len() as u32;
                    renumbered.push(UNSEEN);
                    words.set(word, Some(k));
                    k
                }
            },
        };
        let slot = &mut renumbered[index_id as usize];
        if *slot == UNSEEN {
            terms.push(word);
            *slot = terms.len() as u32 - 1;
        }
        let id = *slot;
        if let Some(kind) = kind
            && merged_ids.insert(id)
        {
            merged.push(Merged {
                id,
                kind,
                pieces: old[i..=j]
                    .iter()
                    .map(|&(id, _)| old_terms[id as usize])
                    .collect(),
            });
        }
        occurrences.push((id, start));
        i = j + 1;
    }
    (merged, renumbered)
}

/// The headline's terms, with the document's merges applied to adjacent
/// pieces (so `陈` `海涛` in the headline is `陈海涛` as in the body).
fn merged_title<'a>(title: &'a str, analyzer: &Analyzer, merged: &[Merged<'_>]) -> Vec<&'a str> {
    let tokens = analyzer.terms(title);
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let found = merged.iter().find_map(|m| {
            let n = m.pieces.len();
            let run = tokens.get(i..i + n)?;
            let contiguous = run.windows(2).all(|w| w[0].span.end == w[1].span.start);
            (contiguous && run.iter().zip(&m.pieces).all(|(t, p)| t.word == *p)).then_some(n)
        });
        match found {
            Some(n) => {
                out.push(&title[tokens[i].span.start..tokens[i + n - 1].span.end]);
                i += n;
            }
            None => {
                out.push(tokens[i].word);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::sparse::dot;

    #[test]
    fn counts_merge_repeats_and_skip_stop_words() {
        let doc = Analyzer::default().analyze("医院的医院。");
        assert_eq!(doc.terms(), ["医院"]);
        assert_eq!(doc.rows().iter().collect::<Vec<_>>(), vec![&[(0, 2)][..]]);
        assert_eq!(doc.sentence_length(0), 2);
    }

    #[test]
    fn tfidf_vectors_are_unit_length() {
        let doc = Analyzer::default().analyze("社区医院开诊。公交线路开通。医院扩建。");
        let v = doc.tfidf_vectors(&doc.idf(Idf::Sentences));
        for row in &v {
            assert!((dot(row, row) - 1.0).abs() < 1e-5);
        }
    }

    #[test]
    fn empty_text_has_no_sentences() {
        let doc = Analyzer::default().analyze("");
        assert!(doc.sentences().is_empty() && doc.terms().is_empty());
    }

    #[test]
    fn occurrence_spans_point_into_the_text() {
        let text = "社区医院开诊。医院扩建。";
        let doc = Analyzer::default().analyze_titled(Some("医院新闻"), text);
        for (id, span) in doc.occurrences() {
            assert_eq!(&text[span.range()], doc.terms()[id as usize]);
        }
        assert_eq!(doc.title_terms(), ["医院", "新闻"]);
    }
}
