//! Sentence graphs and PageRank.
//!
//! Sentences are nodes; an edge joins two sentences that share terms, its
//! weight their similarity ([`Similarity`]). Edges are found through an
//! inverted index (term → sentences), never by comparing every pair, and on
//! long texts only within a window of neighbouring sentences, so the cost
//! stays linear in the length of the text. [`PageRank`] then runs power
//! iteration on `ndarray` vectors, optionally personalised (a teleport
//! distribution that favours, say, the lead of a news story).

use ndarray::Array1;

use crate::analysis::{Document, Rows};
use crate::error::{Error, Result};

/// How similar two sentences are.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Similarity {
    /// Cosine of TF-IDF vectors.
    #[default]
    Cosine,
    /// Okapi BM25 of one sentence as a query against the other, averaged
    /// over both directions (as SnowNLP and HanLP weigh their graphs).
    Bm25 {
        /// Term-frequency saturation (usually 1.2–2.0).
        k1: f32,
        /// Length normalisation (0 = none, 1 = full).
        b: f32,
    },
}

/// A weighted, undirected sentence graph in compressed rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    /// `offsets[i]..offsets[i+1]` indexes node `i`'s edges.
    offsets: Vec<usize>,
    /// `(neighbour, weight)` of every edge, by node.
    edges: Vec<(u32, f32)>,
}

impl Graph {
    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Has the graph no nodes?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Edges of node `i`.
    pub fn neighbors(&self, i: usize) -> &[(u32, f32)] {
        &self.edges[self.offsets[i]..self.offsets[i + 1]]
    }

    /// Number of edges (each undirected edge counted from both ends).
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }
}

/// Builds the sentence graph of `doc`.
///
/// `vectors` are the TF-IDF rows of the sentences (for cosine) and `idf` the
/// term weights (for BM25). With `window = Some(w)` only sentences at most
/// `w` apart are compared.
///
/// ```
/// use jianbao::analysis::{Analyzer, Idf};
/// use jianbao::rank::{Similarity, similarity_graph};
/// let doc = Analyzer::default().analyze("社区医院开诊。医院开诊后很忙。公交开通。");
/// let idf = doc.idf(Idf::Sentences);
/// let g = similarity_graph(&doc, &doc.tfidf_vectors(&idf), &idf, Similarity::Cosine, None);
/// assert_eq!(g.neighbors(0).len(), 1); // only the second sentence shares terms
/// assert!(g.neighbors(2).is_empty());
/// ```
pub fn similarity_graph(
    doc: &Document<'_>,
    vectors: &Rows<(u32, f32)>,
    idf: &[f32],
    similarity: Similarity,
    window: Option<usize>,
) -> Graph {
    let dense = doc.sentences().len() <= DENSE_GRAPH_MAX;
    graph_of(doc, vectors, idf, similarity, window, dense)
}

/// [`similarity_graph`], the short-text (`dense`) or long-text way.
fn graph_of(
    doc: &Document<'_>,
    vectors: &Rows<(u32, f32)>,
    idf: &[f32],
    similarity: Similarity,
    window: Option<usize>,
    dense: bool,
) -> Graph {
    let n = doc.sentences().len();
    let postings = Postings::new(doc, vectors, similarity);
    // Sentence lengths (in terms) only matter to BM25.
    let lengths: Vec<f32> = match similarity {
        Similarity::Cosine => Vec::new(),
        Similarity::Bm25 { .. } => (0..n).map(|i| doc.sentence_length(i) as f32).collect(),
    };
    let avg_len = (lengths.iter().sum::<f32>() / n.max(1) as f32).max(1.0);
    // What term `t` adds to the weight of sentences `i < j`, given the
    // term's values `here` in `i` and `there` in `j`. Every addition is at
    // least the smallest positive number, so a pair that shares a term
    // always gets an edge.
    let pair_weight = |t: u32, i: usize, here: f32, j: usize, there: f32| {
        match similarity {
            Similarity::Cosine => here * there,
            Similarity::Bm25 { k1, b } => {
                let w = idf[t as usize];
                let sat =
                    |f: f32, len: f32| f * (k1 + 1.0) / (f + k1 * (1.0 - b + b * len / avg_len));
                0.5 * w * (sat(there, lengths[j]) + sat(here, lengths[i]))
            }
        }
        .max(f32::MIN_POSITIVE)
    };
    let window = window.unwrap_or(usize::MAX);
    // Both ways add a pair's terms in increasing term id, so they give the
    // same weights, bit for bit (a test holds them to it).
    let max_forward = if n <= UNCAPPED_GRAPH_MAX {
        usize::MAX
    } else {
        MAX_FORWARD_EDGES
    };
    if dense {
        dense_graph(n, window, max_forward, &postings, pair_weight)
    } else {
        sparse_graph(doc, window, max_forward, &postings, pair_weight)
    }
}

/// In a text of more than [`UNCAPPED_GRAPH_MAX`] sentences, each sentence
/// keeps at most this many links to later sentences (its strongest, the
/// nearer on a tie), so that a text whose every sentence shares a word
/// with every other (a list, a table, spam) gets a graph of bounded
/// degree: memory and PageRank time stay in proportion to the text. News
/// articles seldom come near that many sentences, so their summaries do
/// not move with it.
pub const MAX_FORWARD_EDGES: usize = 8;

/// A text of up to this many sentences keeps every link (its graph has at
/// most this number squared of edges, about 1 MB, anyway).
pub const UNCAPPED_GRAPH_MAX: usize = 256;

/// Texts of up to this many sentences (nearly every article) accumulate
/// their pair weights in an `n × n` table, at most 16 KB.
const DENSE_GRAPH_MAX: usize = 64;

/// An inverted index in compressed form: the sentences of term `t` are
/// `list[start[t]..start[t + 1]]`, in sentence order, each with what the
/// similarity needs of the term there (its TF-IDF weight for cosine, its
/// count for BM25), so no pair has to search a row. Only terms shared by
/// two sentences or more join any pair: the rest (most of a text's terms)
/// get no list at all.
struct Postings {
    start: Vec<usize>,
    list: Vec<(u32, f32)>,
}

impl Postings {
    fn new(doc: &Document<'_>, vectors: &Rows<(u32, f32)>, similarity: Similarity) -> Self {
        let v = doc.terms().len();
        let mut start = vec![0usize; v + 1];
        for row in doc.rows().iter() {
            for &(t, _) in row {
                start[t as usize + 1] += 1;
            }
        }
        for t in 0..v {
            if start[t + 1] < 2 {
                start[t + 1] = 0;
            }
            start[t + 1] += start[t];
        }
        let mut fill = start.clone();
        let mut list = vec![(0u32, 0f32); start[v]];
        for (s, (row, weights)) in doc.rows().iter().zip(vectors).enumerate() {
            for (&(t, c), &(_, weight)) in row.iter().zip(weights) {
                let t = t as usize;
                if start[t + 1] == start[t] {
                    continue;
                }
                let value = match similarity {
                    Similarity::Cosine => weight,
                    Similarity::Bm25 { .. } => c as f32,
                };
                list[fill[t]] = (s as u32, value);
                fill[t] += 1;
            }
        }
        Postings { start, list }
    }

    /// The sentences of term `t` (empty unless two or more have it).
    fn of(&self, t: usize) -> &[(u32, f32)] {
        &self.list[self.start[t]..self.start[t + 1]]
    }

    /// Number of terms.
    fn terms(&self) -> usize {
        self.start.len() - 1
    }
}

/// The graph of a short text: every term adds to each pair of its
/// sentences in an `n × n` table (upper triangle), then each row lists its
/// non-zero entries.
fn dense_graph(
    n: usize,
    window: usize,
    max_forward: usize,
    postings: &Postings,
    pair_weight: impl Fn(u32, usize, f32, usize, f32) -> f32,
) -> Graph {
    let mut table = vec![0f32; n * n];
    for t in 0..postings.terms() {
        let list = postings.of(t);
        for (a, &(i, here)) in list.iter().enumerate() {
            let (i, reach) = (i as usize, (i as usize).saturating_add(window));
            for &(j, there) in &list[a + 1..] {
                let j = j as usize;
                if j > reach {
                    break;
                }
                table[i * n + j] += pair_weight(t as u32, i, here, j, there);
            }
        }
    }
    // Each sentence keeps its strongest links forward, as in the long-text
    // way.
    let mut forward: Vec<u32> = Vec::new();
    for x in (0..n).take_while(|_| max_forward < n) {
        let row = &mut table[x * n..(x + 1) * n];
        forward.clear();
        forward.extend((x + 1..n).filter(|&y| row[y] != 0.0).map(|y| y as u32));
        if forward.len() > max_forward {
            forward.select_nth_unstable_by(max_forward - 1, |&a, &b| {
                row[b as usize].total_cmp(&row[a as usize]).then(a.cmp(&b))
            });
            for &y in &forward[max_forward..] {
                row[y as usize] = 0.0;
            }
        }
    }
    // Row x: edges to lower nodes (column x of the upper triangle), then
    // to higher nodes (row x), so each row comes out sorted. Pairs beyond
    // the window were never added to, so their zeros need no test of their
    // own. Every pair is written to the next free place and kept only if
    // it has a weight: a branch on the weight, which about half the pairs
    // pass, would be mispredicted half the time.
    let mut offsets = Vec::with_capacity(n + 1);
    let mut edges = vec![(0u32, 0f32); n * n];
    let mut kept = 0;
    offsets.push(0);
    for x in 0..n {
        for y in 0..x {
            let w = table[y * n + x];
            edges[kept] = (y as u32, w);
            kept += usize::from(w != 0.0);
        }
        for y in x + 1..n {
            let w = table[x * n + y];
            edges[kept] = (y as u32, w);
            kept += usize::from(w != 0.0);
        }
        offsets.push(kept);
    }
    edges.truncate(kept);
    Graph { offsets, edges }
}

/// The graph of a long text: sentence by sentence, the weights to the
/// sentences after it (within the window) gather in one accumulator row;
/// only the sentences touched are read out and reset.
fn sparse_graph(
    doc: &Document<'_>,
    window: usize,
    max_forward: usize,
    postings: &Postings,
    pair_weight: impl Fn(u32, usize, f32, usize, f32) -> f32,
) -> Graph {
    let n = doc.sentences().len();
    // Upper-triangle edges (i < j) in one flat list, then mirrored; room
    // for the most there can be, so that the list never doubles.
    let mut upper: Vec<(u32, u32, f32)> = Vec::with_capacity(n * max_forward.min(window).min(n));
    let mut acc = vec![0f32; n];
    let mut touched: Vec<u32> = Vec::new();
    // Sentences are visited in order, so sentence `i`'s entry in the list of
    // each of its terms is the next one: a cursor per term finds it.
    let mut cursor = vec![0usize; postings.terms()];
    for i in 0..n {
        let hi = i.saturating_add(window).min(n - 1);
        for &(t, _) in doc.row(i) {
            let t = t as usize;
            let list = postings.of(t);
            if list.is_empty() {
                continue;
            }
            let at = cursor[t];
            cursor[t] += 1;
            let (_, here) = list[at];
            for &(j, there) in &list[at + 1..] {
                let j = j as usize;
                if j > hi {
                    break;
                }
                if acc[j] == 0.0 {
                    touched.push(j as u32);
                }
                acc[j] += pair_weight(t as u32, i, here, j, there);
            }
        }
        // A sentence keeps its strongest links forward.
        if touched.len() > max_forward {
            touched.select_nth_unstable_by(max_forward - 1, |&a, &b| {
                acc[b as usize].total_cmp(&acc[a as usize]).then(a.cmp(&b))
            });
            for &j in &touched[max_forward..] {
                acc[j as usize] = 0.0;
            }
            touched.truncate(max_forward);
        }
        // The touched sentences in order: within a short reach, by looking
        // at each (cheaper than sorting them); otherwise by sorting.
        if hi - i <= 4 * touched.len() {
            for (j, a) in acc.iter_mut().enumerate().take(hi + 1).skip(i + 1) {
                if *a != 0.0 {
                    upper.push((i as u32, j as u32, *a));
                    *a = 0.0;
                }
            }
        } else {
            touched.sort_unstable();
            for &j in &touched {
                upper.push((i as u32, j, acc[j as usize]));
                acc[j as usize] = 0.0;
            }
        }
        touched.clear();
    }
    Graph::from_upper(n, &upper)
}

impl Graph {
    /// The graph of `n` nodes whose edges are `upper`: `(i, j, weight)`
    /// with `i < j`, sorted by `i` then `j`; each is stored from both ends.
    pub(crate) fn from_upper(n: usize, upper: &[(u32, u32, f32)]) -> Graph {
        let mut offsets = vec![0usize; n + 1];
        for &(i, j, _) in upper {
            offsets[i as usize + 1] += 1;
            offsets[j as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut fill = offsets.clone();
        let mut edges = vec![(0u32, 0f32); offsets[n]];
        // Rows come out sorted: for node x, edges to lower nodes arrive first
        // (while i < x is scanned), then edges to higher nodes in order.
        for &(i, j, w) in upper {
            edges[fill[i as usize]] = (j, w);
            fill[i as usize] += 1;
            edges[fill[j as usize]] = (i, w);
            fill[j as usize] += 1;
        }
        Graph { offsets, edges }
    }
}

/// PageRank by power iteration.
///
/// ```
/// use jianbao::rank::PageRank;
/// let pr = PageRank::default();
/// assert_eq!(pr.damping(), 0.85);
/// assert!(PageRank::new(1.5, 1e-6, 100).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageRank {
    damping: f64,
    tolerance: f64,
    max_iterations: usize,
}

impl Default for PageRank {
    fn default() -> Self {
        PageRank {
            damping: 0.85,
            tolerance: 1e-6,
            max_iterations: 100,
        }
    }
}

impl PageRank {
    /// Damping in `[0, 1)`, tolerance (L1 change that stops iteration) > 0,
    /// and an iteration cap of at least 1.
    pub fn new(damping: f64, tolerance: f64, max_iterations: usize) -> Result<Self> {
        if !(0.0..1.0).contains(&damping) {
            return Err(Error::invalid("damping", damping, "a number in [0, 1)"));
        }
        if !(tolerance > 0.0 && tolerance.is_finite()) {
            return Err(Error::invalid("tolerance", tolerance, "a positive number"));
        }
        if max_iterations == 0 {
            return Err(Error::invalid("max_iterations", 0, "at least 1"));
        }
        Ok(PageRank {
            damping,
            tolerance,
            max_iterations,
        })
    }

    /// The damping factor.
    pub fn damping(&self) -> f64 {
        self.damping
    }

    /// Ranks the nodes of `graph`. `teleport` is where a random surfer
    /// restarts (it is normalised to sum to 1; uniform if `None` or all
    /// zero). Scores sum to 1.
    ///
    /// ```
    /// use jianbao::analysis::{Analyzer, Idf};
    /// use jianbao::rank::{PageRank, Similarity, similarity_graph};
    /// let doc = Analyzer::default().analyze("医院开诊。医院很忙。公交开通。");
    /// let idf = doc.idf(Idf::Sentences);
    /// let g = similarity_graph(&doc, &doc.tfidf_vectors(&idf), &idf, Similarity::Cosine, None);
    /// let r = PageRank::default().rank(&g, None);
    /// assert!((r.sum() - 1.0).abs() < 1e-9);
    /// assert!(r[0] > r[2]);
    /// ```
    pub fn rank(&self, graph: &Graph, teleport: Option<&Array1<f64>>) -> Array1<f64> {
        let n = graph.len();
        if n == 0 {
            return Array1::zeros(0);
        }
        let p = match teleport {
            Some(t)
                if t.len() == n
                    && t.iter().all(|x| x.is_finite() && *x >= 0.0)
                    && t.sum() > 0.0 =>
            {
                t / t.sum()
            }
            _ => Array1::from_elem(n, 1.0 / n as f64),
        };
        let out_weight: Vec<f64> = (0..n)
            .map(|i| graph.neighbors(i).iter().map(|&(_, w)| w as f64).sum())
            .collect();
        let dangling_nodes: Vec<usize> = (0..n).filter(|&i| out_weight[i] <= 0.0).collect();
        let d = self.damping;
        let p = p.to_vec();
        let mut r = p.clone();
        let mut next = vec![0f64; n];
        let mut share = vec![0f64; n];
        // The edges widened once, not on every pass: the same products.
        let edges: Vec<(usize, f64)> = graph
            .edges
            .iter()
            .map(|&(i, w)| (i as usize, w as f64))
            .collect();
        for _ in 0..self.max_iterations {
            let dangling: f64 = dangling_nodes.iter().map(|&i| r[i]).sum();
            for ((s, &ri), &out) in share.iter_mut().zip(&r).zip(&out_weight) {
                *s = if out > 0.0 { ri / out } else { 0.0 };
            }
            // The graph is symmetric with sorted rows, so gathering into
            // node j over its neighbours adds the same terms in the same
            // order as scattering from every node would.
            gather(&graph.offsets, &edges, &share, &mut next);
            let mut change = 0.0;
            for ((x, &pi), &old) in next.iter_mut().zip(&p).zip(&r) {
                *x = d * (*x + dangling * pi) + (1.0 - d) * pi;
                change += (*x - old).abs();
            }
            std::mem::swap(&mut r, &mut next);
            if change < self.tolerance {
                break;
            }
        }
        Array1::from(r)
    }
}

/// `next[j]` = the sum over node j's edges (`edges[offsets[j]..]` up to
/// `offsets[j + 1]`), in row order, of `share[i] * weight`. Two nodes are
/// summed side by side: each sum is a chain of additions that must keep
/// its order, and two independent chains keep the adder busy where one
/// would wait on every addition.
fn gather(offsets: &[usize], edges: &[(usize, f64)], share: &[f64], next: &mut [f64]) {
    let row = |j: usize| &edges[offsets[j]..offsets[j + 1]];
    let add = |sum: f64, &(i, w): &(usize, f64)| {
        debug_assert!(i < share.len());
        // SAFETY: every neighbour of a `Graph` is one of its nodes (graphs
        // are built only in this module: `from_upper` indexes its row
        // counts by each end, so an end past the last node panics there,
        // and the dense builder's ends run over `0..n`), and `share` holds
        // one value per node. The hot loop of PageRank runs
        // this once per edge and pass; a bounds check here costs a tenth of
        // the summary's ranking.
        sum + unsafe { *share.get_unchecked(i) } * w
    };
    let n = next.len();
    let mut pairs = next.chunks_exact_mut(2);
    for (k, pair) in pairs.by_ref().enumerate() {
        let (ea, eb) = (row(2 * k), row(2 * k + 1));
        let common = ea.len().min(eb.len());
        let (mut sa, mut sb) = (0.0, 0.0);
        for m in 0..common {
            sa = add(sa, &ea[m]);
            sb = add(sb, &eb[m]);
        }
        pair[0] = ea[common..].iter().fold(sa, add);
        pair[1] = eb[common..].iter().fold(sb, add);
    }
    if let [last] = pairs.into_remainder() {
        *last = row(n - 1).iter().fold(0.0, add);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Analyzer, Idf};
    use proptest::prelude::*;

    /// The cosine graph of a document, with no window.
    fn cosine_graph(doc: &Document<'_>) -> Graph {
        let idf = doc.idf(Idf::Sentences);
        similarity_graph(
            doc,
            &doc.tfidf_vectors(&idf),
            &idf,
            Similarity::Cosine,
            None,
        )
    }

    /// A graph's rows and weights, bit for bit (not merely close).
    fn graph_bits(g: &Graph) -> (Vec<usize>, Vec<(u32, u32)>) {
        let weights = g.edges.iter().map(|&(j, w)| (j, w.to_bits())).collect();
        (g.offsets.clone(), weights)
    }

    /// Made-up texts of up to 80 sentences of a few words each, words the
    /// sentences share often (and a stop word, a comma, a Latin word).
    fn texts() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::collection::vec(
                prop_oneof![
                    Just("医院"),
                    Just("公交"),
                    Just("乡村"),
                    Just("学校"),
                    Just("社区"),
                    Just("开通"),
                    Just("建设"),
                    Just("今年"),
                    Just("全市"),
                    Just("的"),
                    Just("，"),
                    Just("数字"),
                    Just("服务"),
                    Just("老人"),
                    Just("GDP"),
                ],
                1..12,
            ),
            0..80,
        )
        .prop_map(|sentences| sentences.iter().map(|s| s.concat() + "。").collect())
    }

    proptest! {
        #[test]
        fn both_ways_agree_on_random_texts(
            text in texts(),
            window in prop_oneof![Just(None), (0usize..6).prop_map(Some)],
            bm25 in any::<bool>(),
        ) {
            let doc = Analyzer::default().analyze(&text);
            let idf = doc.idf(Idf::Sentences);
            let v = doc.tfidf_vectors(&idf);
            let similarity = if bm25 { Similarity::Bm25 { k1: 1.2, b: 0.75 } } else { Similarity::Cosine };
            prop_assert_eq!(
                graph_bits(&graph_of(&doc, &v, &idf, similarity, window, true)),
                graph_bits(&graph_of(&doc, &v, &idf, similarity, window, false))
            );
        }
    }

    /// PageRank as the textbook writes it: no widening, no side-by-side
    /// sums, every index checked.
    fn plain_pagerank(graph: &Graph, p: &[f64], d: f64, tolerance: f64, rounds: usize) -> Vec<f64> {
        let n = graph.len();
        let out: Vec<f64> = (0..n)
            .map(|i| graph.neighbors(i).iter().map(|&(_, w)| w as f64).sum())
            .collect();
        let mut r = p.to_vec();
        for _ in 0..rounds {
            let dangling: f64 = (0..n).filter(|&i| out[i] <= 0.0).map(|i| r[i]).sum();
            let next: Vec<f64> = (0..n)
                .map(|j| {
                    let sum = graph.neighbors(j).iter().fold(0.0, |sum, &(i, w)| {
                        let i = i as usize;
                        sum + (if out[i] > 0.0 { r[i] / out[i] } else { 0.0 }) * w as f64
                    });
                    d * (sum + dangling * p[j]) + (1.0 - d) * p[j]
                })
                .collect();
            let change: f64 = next.iter().zip(&r).map(|(x, o)| (x - o).abs()).sum();
            r = next;
            if change < tolerance {
                break;
            }
        }
        r
    }

    proptest! {
        #[test]
        fn pagerank_gives_the_plain_iteration_bit_for_bit(text in texts(), dense in any::<bool>()) {
            let doc = Analyzer::default().analyze(&text);
            let idf = doc.idf(Idf::Sentences);
            let v = doc.tfidf_vectors(&idf);
            let graph = graph_of(&doc, &v, &idf, Similarity::Cosine, None, dense);
            let n = graph.len();
            let teleport = Array1::from_iter((0..n).map(|i| 1.0 / (1.0 + i as f64)));
            let p = (&teleport / teleport.sum()).to_vec();
            let fast = PageRank::default().rank(&graph, Some(&teleport));
            let plain = plain_pagerank(&graph, &p, 0.85, 1e-6, 100);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            prop_assert_eq!(bits(fast.as_slice().unwrap()), bits(&plain));
        }
    }

    #[test]
    fn window_limits_edges() {
        let doc = Analyzer::default().analyze("医院开诊。医院很忙。医院扩建。医院招聘。");
        let idf = doc.idf(Idf::Sentences);
        let v = doc.tfidf_vectors(&idf);
        let full = similarity_graph(&doc, &v, &idf, Similarity::Cosine, None);
        let near = similarity_graph(&doc, &v, &idf, Similarity::Cosine, Some(1));
        assert_eq!(full.edge_count(), 12);
        assert_eq!(near.edge_count(), 6);
    }

    #[test]
    fn short_and_long_text_ways_give_the_same_graph() {
        let tok = Analyzer::default();
        let mut pages: Vec<String> = ["page_front.md", "page_livelihood.md", "page_region.md"]
            .iter()
            .map(|f| std::fs::read_to_string(format!("examples/data/{f}")).unwrap())
            .collect();
        // A text past the dense limit, too.
        pages.push(pages.concat());
        for page in &pages {
            let doc = tok.analyze(page);
            let idf = doc.idf(Idf::Sentences);
            let v = doc.tfidf_vectors(&idf);
            for similarity in [Similarity::Cosine, Similarity::Bm25 { k1: 1.5, b: 0.75 }] {
                for window in [None, Some(3), Some(0)] {
                    let dense = graph_of(&doc, &v, &idf, similarity, window, true);
                    let sparse = graph_of(&doc, &v, &idf, similarity, window, false);
                    assert!(dense.edge_count() > 0 || window == Some(0));
                    assert_eq!(
                        graph_bits(&dense),
                        graph_bits(&sparse),
                        "{similarity:?} {window:?}"
                    );
                }
            }
        }
        assert!(tok.analyze(&pages[3]).sentences().len() > DENSE_GRAPH_MAX);
    }

    #[test]
    fn a_text_whose_sentences_all_alike_gets_a_graph_of_bounded_degree() {
        // Every sentence shares its words with every other: uncapped, the
        // graph would have n·(n−1) edges.
        let n = 2_000;
        let text = "社区医院今天正式开诊了。".repeat(n);
        let doc = Analyzer::default().analyze(&text);
        assert_eq!(doc.sentences().len(), n);
        let idf = doc.idf(Idf::Sentences);
        let v = doc.tfidf_vectors(&idf);
        let g = similarity_graph(&doc, &v, &idf, Similarity::Cosine, None);
        assert!(
            g.edge_count() <= 2 * MAX_FORWARD_EDGES * n,
            "{}",
            g.edge_count()
        );
        // Every sentence still has its links (they are not dropped wholesale).
        assert!((0..n).all(|i| !g.neighbors(i).is_empty()));
        // A short text keeps them all.
        let short_text = "社区医院今天正式开诊了。".repeat(40);
        let short = Analyzer::default().analyze(&short_text);
        assert_eq!(cosine_graph(&short).edge_count(), 40 * 39);
    }

    #[test]
    fn bm25_graph_is_symmetric() {
        let doc = Analyzer::default().analyze("医院开诊。医院很忙很忙。公交开通。");
        let idf = doc.idf(Idf::Sentences);
        let v = doc.tfidf_vectors(&idf);
        let g = similarity_graph(&doc, &v, &idf, Similarity::Bm25 { k1: 1.5, b: 0.75 }, None);
        assert_eq!(g.neighbors(0)[0].1, g.neighbors(1)[0].1);
    }

    #[test]
    fn teleport_pulls_rank_towards_the_lead() {
        let doc = Analyzer::default().analyze("医院开诊。医院很忙。医院扩建。");
        let g = cosine_graph(&doc);
        let lead = Array1::from(vec![1.0, 0.0, 0.0]);
        let r = PageRank::default().rank(&g, Some(&lead));
        assert!(r[0] > r[1] && r[0] > r[2]);
    }
}
