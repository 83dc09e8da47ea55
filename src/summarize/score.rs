//! Scoring sentences: the lead and headline prior, TextRank over the
//! sentence graph, mean TF-IDF weight, and the penalty for sentences too
//! long or too thin to stand for an article.

use ndarray::Array1;

use super::{MIN_INFORMATIVE_TERMS, Summarizer};
use crate::analysis::{Document, Rows};
use crate::rank::Graph;
use crate::util::sparse::{SparseVec, dot, normalize, sum_duplicates};

/// The lead prior's weight of sentence `i` before normalisation.
pub(super) fn position_weight(i: usize, decay: f64) -> f64 {
    (1.0 + i as f64).powf(-decay)
}

impl Summarizer {
    /// The lead and headline prior of every sentence (sums to 1); `title`
    /// is the headline's [`title_vector`].
    pub(super) fn prior(
        &self,
        n: usize,
        title: &[(u32, f32)],
        vectors: &Rows<(u32, f32)>,
    ) -> Array1<f64> {
        let decay = self.config.position_decay;
        let mut p = Array1::from_shape_fn(n, |i| match self.position_weights.get(i) {
            Some(&w) => w,
            None => position_weight(i, decay),
        });
        p /= p.sum();
        let title_weight = self.config.title_weight;
        if title_weight > 0.0 && !title.is_empty() {
            {
                let sims = Array1::from_shape_fn(n, |i| dot(title, &vectors[i]) as f64);
                let total = sims.sum();
                if total > 0.0 {
                    p = (p + sims / total * title_weight) / (1.0 + title_weight);
                }
            }
        }
        p
    }

    /// Long sentences pay `length_weight`; sentences with very few terms
    /// (`会议还研究了其他事项。`) pay in proportion, however central their
    /// few words make them in the graph. `chars` is the sentence's length
    /// in characters.
    fn length_factor(&self, doc: &Document<'_>, i: usize, chars: usize) -> f64 {
        let terms = doc.row(i).len() as f64;
        let thin = (terms / MIN_INFORMATIVE_TERMS).min(1.0);
        let weight = self.config.length_weight;
        if weight == 0.0 {
            return thin;
        }
        let long = (chars.max(1) as f64 / 40.0).max(1.0);
        // 1 to any power is 1: most sentences need no `powf`.
        if long == 1.0 {
            return thin;
        }
        thin * long.powf(-weight)
    }

    /// PageRank over the sentence graph from the prior, times the length
    /// factor.
    pub(super) fn textrank_scores(
        &self,
        doc: &Document<'_>,
        prior: &Array1<f64>,
        graph: &Graph,
        chars: &[usize],
    ) -> Vec<f64> {
        let rank = self.pagerank.rank(graph, Some(prior));
        (0..rank.len())
            .map(|i| rank[i] * self.length_factor(doc, i, chars[i]))
            .collect()
    }

    /// A sentence's TF-IDF weight over the square root of its length, times
    /// the prior and the length factor.
    pub(super) fn tfidf_scores(
        &self,
        doc: &Document<'_>,
        idf: &[f32],
        prior: &Array1<f64>,
        chars: &[usize],
    ) -> Vec<f64> {
        (0..doc.sentences().len())
            .map(|i| {
                let len = doc.sentence_length(i).max(1) as f64;
                let weight: f64 = doc
                    .row(i)
                    .iter()
                    .map(|&(t, c)| c as f64 * idf[t as usize] as f64)
                    .sum();
                (weight / len.sqrt()) * prior[i] * self.length_factor(doc, i, chars[i])
            })
            .collect()
    }
}

/// The headline as a TF-IDF vector over the document's own terms.
pub(super) fn title_vector(doc: &Document<'_>, idf: &[f32]) -> SparseVec {
    let mut v: SparseVec = doc
        .title_terms()
        .iter()
        .filter_map(|w| doc.term_id(w))
        .map(|id| (id, idf[id as usize]))
        .collect();
    sum_duplicates(&mut v);
    normalize(&mut v);
    v
}
