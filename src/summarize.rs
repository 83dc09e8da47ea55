//! Extractive summaries: score sentences, pick a few, keep their order.
//!
//! Three methods share one pipeline (text → sentences → terms → vectors →
//! scores → selection):
//!
//! - [`Method::TextRank`] (default): PageRank over the sentence similarity
//!   graph, personalised so that the random surfer restarts mostly near the
//!   lead of the story and at sentences like the headline. News puts its
//!   news first; a graph method that ignores that loses to plain Lead on real
//!   data (see `BASELINES.md`), while one that combines both beats it.
//! - [`Method::TfIdf`]: a sentence's mean TF-IDF weight, times the same
//!   position and headline prior.
//! - [`Method::Lead`]: the first sentences, the baseline to beat.
//!
//! Selection is maximal marginal relevance: a sentence too similar to one
//! already chosen loses to a fresher one. The summary comes back in the
//! original order, each sentence with its byte span and score.

use std::collections::BinaryHeap;

use ndarray::Array1;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::rank::{Graph, PageRank, Similarity, similarity_graph};
use crate::text::layout::Article;
use crate::tokenize::Tokenizer;
use crate::vectorize::{Document, Idf, Rows, SparseVec, dot, normalize, sum_duplicates};

/// A sentence with fewer distinct terms than this is too thin to stand for
/// an article, and its score is scaled down in proportion.
pub const MIN_INFORMATIVE_TERMS: f64 = 5.0;

/// How sentences are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// PageRank over the sentence graph with a lead and headline prior.
    #[default]
    TextRank,
    /// Mean TF-IDF weight with the same prior.
    TfIdf,
    /// The first sentences.
    Lead,
}

impl std::str::FromStr for Method {
    type Err = Error;

    /// Parses `textrank`, `tfidf` or `lead` (any case).
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "textrank" => Ok(Method::TextRank),
            "tfidf" | "tf-idf" => Ok(Method::TfIdf),
            "lead" => Ok(Method::Lead),
            other => Err(Error::invalid("method", other, "textrank, tfidf or lead")),
        }
    }
}

/// How long a summary may be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Budget {
    /// At most this many sentences.
    Sentences(usize),
    /// This share of the sentences, rounded up (at least one when there is one).
    Ratio(f64),
    /// At most this many characters in all; never exceeded, so a text whose
    /// every sentence is longer gives an empty summary.
    Chars(usize),
}

impl Default for Budget {
    fn default() -> Self {
        Budget::Sentences(3)
    }
}

/// A chosen sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummarySentence {
    /// The sentence.
    pub text: String,
    /// Its index among the text's sentences.
    pub index: usize,
    /// Byte offset in the summarised text.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// Its score (higher is more central); comparable within one text only.
    pub score: f64,
}

/// A summary: chosen sentences in their original order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The method that chose them.
    pub method: Method,
    /// The sentences, in text order.
    pub sentences: Vec<SummarySentence>,
}

impl Summary {
    /// The sentences joined into one text.
    pub fn text(&self) -> String {
        self.sentences.iter().map(|s| s.text.as_str()).collect()
    }

    /// Number of characters in all chosen sentences.
    pub fn char_count(&self) -> usize {
        self.sentences.iter().map(|s| s.text.chars().count()).sum()
    }
}

/// Chooses the sentences of a summary.
///
/// ```
/// use jianbao::summarize::{Budget, Summarizer};
///
/// let text = "11月26日，全市186个行政村全部通上公交，票价统一为2元。\
///             过去村民进城要先步行到镇上，再换乘班车，单程要两个多小时。\
///             如今新能源公交直通村口，村民用手机就能查询车辆位置。\
///             市交通运输局表示，将根据客流优化公交线路和班次。";
/// let s = Summarizer::builder().budget(Budget::Sentences(2)).build().unwrap();
/// let summary = s.summarize_titled(text, Some("全市行政村全部通公交"));
/// assert_eq!(summary.sentences.len(), 2);
/// assert!(summary.text().starts_with("11月26日，全市186个行政村全部通上公交"));
/// for x in &summary.sentences {
///     assert_eq!(&text[x.start..x.end], x.text);
/// }
/// ```
#[derive(Debug, Clone)]
pub struct Summarizer {
    method: Method,
    budget: Budget,
    similarity: Similarity,
    pagerank: PageRank,
    position_decay: f64,
    /// `(1 + i)^-position_decay` for the first sentences, worked out once
    /// (a power per sentence per article showed in profiles).
    position_weights: std::sync::Arc<[f64]>,
    title_weight: f64,
    length_weight: f64,
    mmr_lambda: f64,
    window: usize,
    idf: Idf,
    tokenizer: Tokenizer,
}

/// Sentences whose position weight a [`Summarizer`] keeps ready.
const POSITION_WEIGHTS: usize = 256;

/// The lead prior's weight of sentence `i` before normalisation.
fn position_weight(i: usize, decay: f64) -> f64 {
    (1.0 + i as f64).powf(-decay)
}

impl Default for Summarizer {
    fn default() -> Self {
        SummarizerBuilder::default()
            .build()
            .expect("the default options are valid")
    }
}

/// Options of a [`Summarizer`], with defaults chosen by ROUGE on real news.
#[derive(Debug, Clone)]
pub struct SummarizerBuilder {
    method: Method,
    budget: Budget,
    similarity: Similarity,
    damping: f64,
    tolerance: f64,
    max_iterations: usize,
    position_decay: f64,
    title_weight: f64,
    length_weight: f64,
    mmr_lambda: f64,
    window: usize,
    idf: Idf,
    tokenizer: Option<Tokenizer>,
}

impl Default for SummarizerBuilder {
    fn default() -> Self {
        SummarizerBuilder {
            method: Method::TextRank,
            budget: Budget::default(),
            similarity: Similarity::Cosine,
            // Chosen on the first half of each real evaluation set (see the
            // README's summary table); the second halves confirm them.
            damping: 0.7,
            tolerance: 1e-4,
            max_iterations: 100,
            position_decay: 1.0,
            title_weight: 4.0,
            length_weight: 0.5,
            mmr_lambda: 0.5,
            window: 200,
            idf: Idf::Sentences,
            tokenizer: None,
        }
    }
}

impl SummarizerBuilder {
    /// The scoring method (default TextRank).
    pub fn method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    /// The length of the summary (default 3 sentences).
    pub fn budget(mut self, budget: Budget) -> Self {
        self.budget = budget;
        self
    }

    /// The edge weight of the TextRank graph (default cosine of TF-IDF).
    pub fn similarity(mut self, similarity: Similarity) -> Self {
        self.similarity = similarity;
        self
    }

    /// PageRank damping in `[0, 1)` (default 0.7: the lead and headline
    /// prior gets 30% of the mass).
    pub fn damping(mut self, damping: f64) -> Self {
        self.damping = damping;
        self
    }

    /// PageRank stops when the L1 change falls below this (default 1e-4: scores only need to rank sentences; ROUGE on the evaluation sets is the same as at 1e-6).
    pub fn tolerance(mut self, tolerance: f64) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// PageRank iteration cap (default 100).
    pub fn max_iterations(mut self, n: usize) -> Self {
        self.max_iterations = n;
        self
    }

    /// How fast the lead prior falls: sentence `i` gets `1/(1+i)^decay`
    /// (default 1). 0 turns the prior off (plain TextRank).
    pub fn position_decay(mut self, decay: f64) -> Self {
        self.position_decay = decay;
        self
    }

    /// How much similarity to the headline adds to the prior, when a
    /// headline is given (default 4; 0 ignores it).
    pub fn title_weight(mut self, weight: f64) -> Self {
        self.title_weight = weight;
        self
    }

    /// Penalty for long sentences: scores are divided by
    /// `max(chars/40, 1)^length_weight` (default 0.5; 0 turns it off). Short,
    /// dense sentences make better briefings than long catalogues.
    pub fn length_weight(mut self, weight: f64) -> Self {
        self.length_weight = weight;
        self
    }

    /// Maximal marginal relevance trade-off in `(0, 1]`: 1 picks by score
    /// alone, lower values avoid sentences similar to those already chosen
    /// (default 0.5).
    pub fn mmr_lambda(mut self, lambda: f64) -> Self {
        self.mmr_lambda = lambda;
        self
    }

    /// Sentences further apart than this are not compared (keeps long texts
    /// linear; default 200).
    pub fn window(mut self, window: usize) -> Self {
        self.window = window;
        self
    }

    /// Where IDF comes from (default: the text's own sentences).
    pub fn idf(mut self, idf: Idf) -> Self {
        self.idf = idf;
        self
    }

    /// The tokenizer (default: shared jieba dictionary, team stop words).
    pub fn tokenizer(mut self, tokenizer: Tokenizer) -> Self {
        self.tokenizer = Some(tokenizer);
        self
    }

    /// Checks the options and builds the summarizer.
    pub fn build(self) -> Result<Summarizer> {
        match self.budget {
            Budget::Ratio(r) if !(r > 0.0 && r <= 1.0) => {
                return Err(Error::invalid("ratio", r, "a share in (0, 1]"));
            }
            _ => {}
        }
        let finite_non_negative = |name: &'static str, v: f64| {
            if v.is_finite() && v >= 0.0 {
                Ok(())
            } else {
                Err(Error::invalid(name, v, "a finite, non-negative number"))
            }
        };
        finite_non_negative("position_decay", self.position_decay)?;
        finite_non_negative("title_weight", self.title_weight)?;
        finite_non_negative("length_weight", self.length_weight)?;
        if !(self.mmr_lambda > 0.0 && self.mmr_lambda <= 1.0) {
            return Err(Error::invalid(
                "mmr_lambda",
                self.mmr_lambda,
                "a number in (0, 1]",
            ));
        }
        if self.window == 0 {
            return Err(Error::invalid("window", 0, "at least 1"));
        }
        if let Similarity::Bm25 { k1, b } = self.similarity
            && !(k1 > 0.0 && (0.0..=1.0).contains(&b))
        {
            return Err(Error::invalid(
                "similarity",
                format!("bm25 k1={k1} b={b}"),
                "k1 > 0 and b in [0, 1]",
            ));
        }
        Ok(Summarizer {
            method: self.method,
            budget: self.budget,
            similarity: self.similarity,
            pagerank: PageRank::new(self.damping, self.tolerance, self.max_iterations)?,
            position_decay: self.position_decay,
            position_weights: (0..POSITION_WEIGHTS)
                .map(|i| position_weight(i, self.position_decay))
                .collect(),
            title_weight: self.title_weight,
            length_weight: self.length_weight,
            mmr_lambda: self.mmr_lambda,
            window: self.window,
            idf: self.idf,
            tokenizer: self.tokenizer.unwrap_or_default(),
        })
    }
}

impl Summarizer {
    /// Options with their defaults.
    pub fn builder() -> SummarizerBuilder {
        SummarizerBuilder::default()
    }

    /// The method in use.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The tokenizer in use.
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// Summarises a text with no headline. Spans index into `text`.
    pub fn summarize(&self, text: &str) -> Summary {
        self.summarize_titled(text, None)
    }

    /// Summarises a text whose headline is known: sentences that say what
    /// the headline says are favoured (by `title_weight`).
    pub fn summarize_titled(&self, text: &str, title: Option<&str>) -> Summary {
        let doc = Document::analyze(text, &self.tokenizer);
        self.summarize_document(&doc, title)
    }

    /// Summarises an article from [`parse_page`](crate::text::parse_page),
    /// using its headline and sub-headlines. Spans index into `article.body`.
    pub fn summarize_article(&self, article: &Article) -> Summary {
        self.summarize_titled(&article.body, Some(&article.headline()))
    }

    /// Summarises an analysed document (reuse one analysis for summary,
    /// keywords and topic).
    pub fn summarize_document(&self, doc: &Document<'_>, title: Option<&str>) -> Summary {
        let n = doc.sentences.len();
        if n == 0 {
            return Summary {
                method: self.method,
                sentences: Vec::new(),
            };
        }
        let idf = doc.idf(&self.idf);
        let vectors = doc.tfidf_vectors(&idf);
        let chars: Vec<usize> = doc
            .sentences
            .iter()
            .map(|s| s.text.chars().count())
            .collect();
        let (scores, chosen) = match self.method {
            Method::Lead => {
                let scores: Vec<f64> = (0..n).map(|i| 1.0 / (1.0 + i as f64)).collect();
                (scores, self.select_lead(&chars))
            }
            Method::TfIdf | Method::TextRank => {
                let graph =
                    similarity_graph(doc, &vectors, &idf, self.similarity, Some(self.window));
                let scores = if self.method == Method::TfIdf {
                    self.tfidf_scores(doc, &idf, title, &vectors, &chars)
                } else {
                    self.textrank_scores(doc, &idf, title, &vectors, &graph, &chars)
                };
                let chosen = self.select(&scores, &chars, &vectors, &graph);
                (scores, chosen)
            }
        };
        Summary {
            method: self.method,
            sentences: chosen
                .into_iter()
                .map(|i| {
                    let s = &doc.sentences[i];
                    SummarySentence {
                        text: s.text.to_string(),
                        index: s.index,
                        start: s.start,
                        end: s.end,
                        score: scores[i],
                    }
                })
                .collect(),
        }
    }

    /// The lead and headline prior of every sentence (sums to 1).
    fn prior(
        &self,
        doc: &Document<'_>,
        idf: &[f32],
        title: Option<&str>,
        vectors: &Rows<(u32, f32)>,
    ) -> Array1<f64> {
        let n = doc.sentences.len();
        let mut p = Array1::from_shape_fn(n, |i| match self.position_weights.get(i) {
            Some(&w) => w,
            None => position_weight(i, self.position_decay),
        });
        p /= p.sum();
        if let Some(title) = title.filter(|_| self.title_weight > 0.0) {
            let t = self.title_vector(doc, idf, title);
            if !t.is_empty() {
                let sims = Array1::from_shape_fn(n, |i| dot(&t, &vectors[i]) as f64);
                let total = sims.sum();
                if total > 0.0 {
                    p = (p + sims / total * self.title_weight) / (1.0 + self.title_weight);
                }
            }
        }
        p
    }

    /// The headline as a TF-IDF vector over the document's own terms.
    fn title_vector(&self, doc: &Document<'_>, idf: &[f32], title: &str) -> SparseVec {
        let mut v: SparseVec = Vec::new();
        for t in self.tokenizer.terms(title) {
            if let Some(id) = doc.term_id(t.word) {
                v.push((id, idf[id as usize]));
            }
        }
        sum_duplicates(&mut v);
        normalize(&mut v);
        v
    }

    /// Long sentences pay `length_weight`; sentences with very few terms
    /// (`会议还研究了其他事项。`) pay in proportion, however central their
    /// few words make them in the graph.
    /// `chars` is the sentence's length in characters.
    fn length_factor(&self, doc: &Document<'_>, i: usize, chars: usize) -> f64 {
        let terms = doc.counts[i].len() as f64;
        let thin = (terms / MIN_INFORMATIVE_TERMS).min(1.0);
        if self.length_weight == 0.0 {
            return thin;
        }
        let chars = chars.max(1) as f64;
        let long = (chars / 40.0).max(1.0);
        // 1 to any power is 1: most sentences need no `powf`.
        if long == 1.0 {
            return thin;
        }
        thin * long.powf(-self.length_weight)
    }

    fn textrank_scores(
        &self,
        doc: &Document<'_>,
        idf: &[f32],
        title: Option<&str>,
        vectors: &Rows<(u32, f32)>,
        graph: &Graph,
        chars: &[usize],
    ) -> Vec<f64> {
        let prior = self.prior(doc, idf, title, vectors);
        let rank = self.pagerank.rank(graph, Some(&prior));
        (0..rank.len())
            .map(|i| rank[i] * self.length_factor(doc, i, chars[i]))
            .collect()
    }

    fn tfidf_scores(
        &self,
        doc: &Document<'_>,
        idf: &[f32],
        title: Option<&str>,
        vectors: &Rows<(u32, f32)>,
        chars: &[usize],
    ) -> Vec<f64> {
        let prior = self.prior(doc, idf, title, vectors);
        (0..doc.sentences.len())
            .map(|i| {
                let row = &doc.counts[i];
                let len = doc.sentence_length(i).max(1) as f64;
                let weight: f64 = row
                    .iter()
                    .map(|&(t, c)| c as f64 * idf[t as usize] as f64)
                    .sum();
                (weight / len.sqrt()) * prior[i] * self.length_factor(doc, i, chars[i])
            })
            .collect()
    }

    /// How many sentences and characters the budget allows for `n` sentences.
    fn limits(&self, n: usize) -> (usize, usize) {
        match self.budget {
            Budget::Sentences(k) => (k.min(n), usize::MAX),
            Budget::Ratio(r) => (((r * n as f64).ceil() as usize).clamp(1, n), usize::MAX),
            Budget::Chars(c) => (n, c),
        }
    }

    /// The Lead baseline: the first sentences that fit the budget.
    fn select_lead(&self, chars: &[usize]) -> Vec<usize> {
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
    /// sentence indices in text order.
    ///
    /// A lazy max-heap holds each open sentence's MMR value; choosing a
    /// sentence can only lower the values of its graph neighbours (the
    /// sentences sharing terms with it), so only they are re-pushed. The
    /// cost is linear in the number of graph edges, whatever the budget.
    fn select(
        &self,
        scores: &[f64],
        chars: &[usize],
        vectors: &Rows<(u32, f32)>,
        graph: &Graph,
    ) -> Vec<usize> {
        let n = scores.len();
        let (max_sentences, max_chars) = self.limits(n);
        let top = scores.iter().cloned().fold(f64::MIN, f64::max);
        let norm = if top > 0.0 { top } else { 1.0 };
        let lambda = self.mmr_lambda;
        let value =
            |i: usize, redundancy: f64| lambda * scores[i] / norm - (1.0 - lambda) * redundancy;
        // A cosine graph's edge weight is the dot product of the two
        // vectors, summed over the shared terms in the same order as `dot`
        // sums them, so it is the same number. (The graph raises a product
        // below `f32::MIN_POSITIVE` to it, which only a corpus IDF table
        // with zero weights could produce: with such a table, recompute.)
        let edges_are_cosines =
            self.similarity == Similarity::Cosine && matches!(self.idf, Idf::Sentences);
        let mut redundancy = vec![0f64; n];
        let mut version = vec![0u32; n];
        let mut closed = vec![false; n];
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
            closed[i] = true;
            if used_chars + chars[i] > max_chars {
                continue; // it will not fit later either
            }
            chosen.push(i);
            used_chars += chars[i];
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
                    version[j] += 1;
                    heap.push(Candidate {
                        value: value(j, sim),
                        index: j,
                        version: version[j],
                    });
                }
            }
        }
        chosen.sort_unstable();
        chosen
    }
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
