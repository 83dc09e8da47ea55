//! Choosing sentences within the budget: Lead, and maximal marginal
//! relevance over the scores.

use std::collections::BinaryHeap;

use super::{Budget, Summarizer};
use crate::analysis::{Document, Idf, Rows};
use crate::rank::{Graph, Similarity};
use crate::util::sparse::dot;

impl Summarizer {
    /// How many sentences and characters the budget allows for `n` sentences.
    pub(super) fn limits(&self, n: usize) -> (usize, usize) {
        match self.config.budget {
            Budget::Sentences(k) => (k.min(n), usize::MAX),
            Budget::Ratio(r) => (((r * n as f64).ceil() as usize).clamp(1, n), usize::MAX),
            Budget::Chars(c) => (n, c),
        }
    }

    /// The Lead baseline: the first sentences that fit the budget.
    pub(super) fn select_lead(&self, chars: &[usize]) -> Vec<usize> {
        let (max_sentences, max_chars) = self.limits(chars.len());
        let mut used = 0usize;
        let mut chosen = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            if chosen.len() == max_sentences {
                break;
            }
            if used + c <= max_chars {
                used += c;
                chosen.push(i);
            }
        }
        chosen
    }

    /// Maximal-marginal-relevance selection within the budget; returns
    /// sentence indices in text order. A sentence that points back to
    /// the one before it is chosen only after that one: until then it
    /// waits, and comes back as a candidate once that one is chosen.
    ///
    /// A lazy max-heap holds each open sentence's MMR value; choosing a
    /// sentence can only lower the values of its graph neighbours (the
    /// sentences sharing terms with it), so only they are re-pushed. The
    /// cost is linear in the number of graph edges, whatever the budget.
    pub(super) fn select(
        &self,
        doc: &Document<'_>,
        scores: &[f64],
        chars: &[usize],
        vectors: &Rows<(u32, f32)>,
        graph: &Graph,
    ) -> Vec<usize> {
        let n = scores.len();
        let (max_sentences, max_chars) = self.limits(n);
        let top = scores.iter().cloned().fold(f64::MIN, f64::max);
        let norm = if top > 0.0 { top } else { 1.0 };
        let lambda = self.config.mmr_lambda;
        let value =
            |i: usize, redundancy: f64| lambda * scores[i] / norm - (1.0 - lambda) * redundancy;
        // A cosine graph's edge weight is the dot product of the two
        // vectors, summed over the shared terms in the same order as `dot`
        // sums them, so it is the same number. (The graph raises a product
        // below `f32::MIN_POSITIVE` to it, which only a corpus IDF table
        // with zero weights could produce: with such a table, recompute.)
        let edges_are_cosines =
            self.config.similarity == Similarity::Cosine && self.config.idf == Idf::Sentences;
        let mut redundancy = vec![0f64; n];
        let mut version = vec![0u32; n];
        let mut closed = vec![false; n];
        // Sentences that point back, set aside until their predecessor is
        // chosen.
        let mut waiting = vec![false; n];
        let mut heap: BinaryHeap<Candidate> = (0..n)
            .filter(|&i| chars[i] <= max_chars)
            .map(|i| Candidate {
                value: value(i, 0.0),
                index: i,
                version: 0,
            })
            .collect();
        let mut chosen: Vec<usize> = Vec::new();
        let mut used_chars = 0usize;
        while chosen.len() < max_sentences {
            let Some(c) = heap.pop() else { break };
            let i = c.index;
            if closed[i] || c.version != version[i] {
                continue;
            }
            if used_chars + chars[i] > max_chars {
                closed[i] = true;
                continue; // it will not fit later either
            }
            // A sentence that points back (`因此…`, `他说…`) reads wrongly
            // without the one before it: it loses to the next candidate.
            if i > 0 && !chosen.contains(&(i - 1)) && super::points_back(doc.sentences()[i].text) {
                waiting[i] = true;
                continue;
            }
            closed[i] = true;
            chosen.push(i);
            used_chars += chars[i];
            if i + 1 < n && waiting[i + 1] {
                waiting[i + 1] = false;
                requeue(
                    &mut heap,
                    &mut version,
                    i + 1,
                    value(i + 1, redundancy[i + 1]),
                );
            }
            for &(j, weight) in graph.neighbors(i) {
                let j = j as usize;
                if closed[j] {
                    continue;
                }
                let sim = if edges_are_cosines {
                    weight as f64
                } else {
                    dot(&vectors[i], &vectors[j]) as f64
                };
                if sim > redundancy[j] {
                    redundancy[j] = sim;
                    requeue(&mut heap, &mut version, j, value(j, sim));
                }
            }
        }
        chosen.sort_unstable();
        chosen
    }
}

/// Puts sentence `i` back in the heap with a new value; its older entries
/// go stale.
fn requeue(heap: &mut BinaryHeap<Candidate>, version: &mut [u32], i: usize, value: f64) {
    version[i] += 1;
    heap.push(Candidate {
        value,
        index: i,
        version: version[i],
    });
}

/// A sentence waiting in the MMR heap: higher value first, then earlier
/// sentence first, so ties resolve the same way on every run.
struct Candidate {
    value: f64,
    index: usize,
    version: u32,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value
            .total_cmp(&other.value)
            .then_with(|| other.index.cmp(&self.index))
    }
}
