//! Extractive summaries: score sentences, pick a few, keep their order.
//!
//! Four methods share one pipeline (document → vectors → scores →
//! selection):
//!
//! - [`Method::Learned`] (default): the probability that a sentence belongs
//!   to the best extractive summary, by a logistic regression fitted on
//!   real articles and their human summaries ([`SentenceScorer`]) over
//!   position, length, TextRank and TF-IDF, likeness to the headline and
//!   the whole text, quotations, words that point back, and the article's
//!   length and kind. In a long article the scores then spread over the
//!   sentence graph (PageRank restarting where the scorer puts them).
//! - [`Method::TextRank`]: PageRank over the sentence similarity graph,
//!   personalised so that the random surfer restarts mostly near the lead
//!   of the story and at sentences like the headline. News puts its news
//!   first; a graph method that ignores that loses to plain Lead on real
//!   data (see the README's summary table).
//! - [`Method::TfIdf`]: a sentence's mean TF-IDF weight, times the same
//!   position and headline prior.
//! - [`Method::Lead`]: the first sentences, the baseline to beat.
//!
//! Selection is maximal marginal relevance: a sentence too similar to one
//! already chosen loses to a fresher one, and a sentence that opens by
//! pointing back ([`points_back`]: `因此`, `这`, `他`…) is only taken with
//! the sentence before it. The summary comes back in the original order,
//! each sentence with its span and score.

mod coherence;
mod learned;
mod score;
mod select;

pub use coherence::points_back;
pub use learned::{
    SENTENCE_FEATURES, SENTENCE_SCORER_FORMAT, SENTENCE_SCORER_VERSION, SentenceScorer,
};
#[cfg(all(feature = "train", feature = "eval"))]
pub use learned::{SentenceSet, fit_sentence_scorer};

use std::sync::Arc;

use serde::Serialize;

use crate::Span;
use crate::analysis::{Document, Idf};
use crate::error::{Error, Result};
use crate::rank::{PageRank, Similarity, similarity_graph};

/// A sentence with fewer distinct terms than this is too thin to stand for
/// an article, and its score is scaled down in proportion.
pub const MIN_INFORMATIVE_TERMS: f64 = 5.0;

/// The summary length every summary gets unless told otherwise (the
/// [`Summarizer`]'s default, and so the digest's and the examples').
pub const DEFAULT_BUDGET: Budget = Budget::Sentences(2);

/// How sentences are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    #[default]
    /// The learned scorer (default): the probability, by logistic regression over
    /// position, length, TextRank and TF-IDF, likeness to the headline and
    /// the whole text, quotations and words that point back, and the
    /// article's length and kind, that the best extractive summary holds a
    /// sentence ([`SentenceScorer`]).
    Learned,
    /// PageRank over the sentence graph with a lead and headline prior.
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
            "learned" => Ok(Method::Learned),
            "textrank" => Ok(Method::TextRank),
            "tfidf" | "tf-idf" => Ok(Method::TfIdf),
            "lead" => Ok(Method::Lead),
            other => Err(Error::invalid(
                "method",
                other,
                "learned, textrank, tfidf or lead",
            )),
        }
    }
}

/// How long a summary may be.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Budget {
    /// At most this many sentences (at least 1).
    Sentences(usize),
    /// This share of the sentences, rounded up (at least one when there is
    /// one); in `(0, 1]`.
    Ratio(f64),
    /// At most this many characters in all (at least 1); never exceeded,
    /// so a text whose every sentence is longer gives an empty summary.
    Chars(usize),
}

impl Default for Budget {
    fn default() -> Self {
        DEFAULT_BUDGET
    }
}

impl Budget {
    /// Checks the budget's number.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] naming `sentences`, `ratio` or `chars`.
    pub fn check(&self) -> Result<()> {
        match *self {
            Budget::Sentences(0) => Err(Error::invalid("sentences", 0, "at least 1")),
            Budget::Chars(0) => Err(Error::invalid("chars", 0, "at least 1")),
            Budget::Ratio(r) if !(r > 0.0 && r <= 1.0) => {
                Err(Error::invalid("ratio", r, "a share in (0, 1]"))
            }
            _ => Ok(()),
        }
    }
}

/// A chosen sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummarySentence {
    /// The sentence.
    pub text: String,
    /// Its index among the text's sentences.
    pub index: usize,
    /// Where it lies in the summarised text.
    pub span: Span,
    /// Its score (higher is more central); comparable within one text only.
    pub score: f64,
}

/// A summary: chosen sentences in their original order.
///
/// In JSON: `{"method", "summary" (the sentences joined), "sentences": [{"text",
/// "index", "span": {"start", "end"}, "score"}]}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The method that chose them.
    pub method: Method,
    /// The sentences, in text order.
    pub sentences: Vec<SummarySentence>,
}

impl Serialize for Summary {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Summary", 3)?;
        st.serialize_field("method", &self.method)?;
        st.serialize_field("summary", &self.text())?;
        st.serialize_field("sentences", &self.sentences)?;
        st.end()
    }
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

/// The options of a [`Summarizer`], held by its builder and by the
/// summarizer it builds.
#[derive(Debug, Clone)]
struct Config {
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
    scorer: Option<Arc<SentenceScorer>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            method: Method::Learned,
            budget: DEFAULT_BUDGET,
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
            scorer: None,
        }
    }
}

impl Config {
    fn check(&self) -> Result<()> {
        self.budget.check()?;
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
        Ok(())
    }
}

/// Chooses the sentences of a summary.
///
/// ```
/// use jianbao::analysis::Analyzer;
/// use jianbao::summarize::{Budget, Summarizer};
///
/// let text = "11月26日，全市186个行政村全部通上公交，票价统一为2元。\
///             过去村民进城要先步行到镇上，再换乘班车，单程要两个多小时。\
///             如今新能源公交直通村口，村民用手机就能查询车辆位置。\
///             市交通运输局表示，将根据客流优化公交线路和班次。";
/// let doc = Analyzer::default().analyze_titled(Some("全市行政村全部通公交"), text);
/// let s = Summarizer::builder().budget(Budget::Sentences(2)).build().unwrap();
/// let summary = s.summarize(&doc);
/// assert_eq!(summary.sentences.len(), 2);
/// assert!(summary.text().starts_with("11月26日，全市186个行政村全部通上公交"));
/// for x in &summary.sentences {
///     assert_eq!(&text[x.span.range()], x.text);
/// }
/// ```
#[derive(Debug, Clone)]
pub struct Summarizer {
    config: Config,
    pagerank: PageRank,
    /// The learned method's scorer.
    scorer: Arc<SentenceScorer>,
    /// `(1 + i)^-position_decay` for the first sentences, worked out once
    /// (a power per sentence per article showed in profiles).
    position_weights: Arc<[f64]>,
}

/// Sentences whose position weight a [`Summarizer`] keeps ready.
const POSITION_WEIGHTS: usize = 256;

impl Default for Summarizer {
    fn default() -> Self {
        SummarizerBuilder::default()
            .build()
            .expect("the default options are valid")
    }
}

/// Options of a [`Summarizer`], with defaults chosen by ROUGE on real news.
///
/// | option | default | range |
/// |---|---|---|
/// | [`method`](Self::method) | learned | |
/// | [`budget`](Self::budget) | [`DEFAULT_BUDGET`] (2 sentences) | see [`Budget`] |
/// | [`similarity`](Self::similarity) | cosine | BM25 with `k1 > 0`, `b` in `[0, 1]` |
/// | [`damping`](Self::damping) | 0.7 | `[0, 1)` |
/// | [`tolerance`](Self::tolerance) | 1e-4 | > 0 |
/// | [`max_iterations`](Self::max_iterations) | 100 | ≥ 1 |
/// | [`position_decay`](Self::position_decay) | 1 | ≥ 0 |
/// | [`title_weight`](Self::title_weight) | 4 | ≥ 0 |
/// | [`length_weight`](Self::length_weight) | 0.5 | ≥ 0 |
/// | [`mmr_lambda`](Self::mmr_lambda) | 0.5 | `(0, 1]` |
/// | [`window`](Self::window) | 200 | ≥ 1 |
/// | [`idf`](Self::idf) | the document's sentences | |
///
/// # Errors
///
/// [`build`](Self::build) gives [`Error::InvalidOption`] naming the first
/// option out of range.
#[derive(Debug, Clone, Default)]
pub struct SummarizerBuilder {
    config: Config,
}

impl SummarizerBuilder {
    /// The scoring method.
    pub fn method(mut self, method: Method) -> Self {
        self.config.method = method;
        self
    }

    /// The length of the summary.
    pub fn budget(mut self, budget: Budget) -> Self {
        self.config.budget = budget;
        self
    }

    /// The edge weight of the sentence graph.
    pub fn similarity(mut self, similarity: Similarity) -> Self {
        self.config.similarity = similarity;
        self
    }

    /// PageRank damping: with 0.7 the lead and headline prior gets 30 % of
    /// the mass.
    pub fn damping(mut self, damping: f64) -> Self {
        self.config.damping = damping;
        self
    }

    /// PageRank stops when the L1 change falls below this (scores only
    /// need to rank sentences; ROUGE on the evaluation sets is the same as
    /// at 1e-6).
    pub fn tolerance(mut self, tolerance: f64) -> Self {
        self.config.tolerance = tolerance;
        self
    }

    /// PageRank iteration cap.
    pub fn max_iterations(mut self, n: usize) -> Self {
        self.config.max_iterations = n;
        self
    }

    /// How fast the lead prior falls: sentence `i` gets `1/(1+i)^decay`;
    /// 0 turns the prior off (plain TextRank).
    pub fn position_decay(mut self, decay: f64) -> Self {
        self.config.position_decay = decay;
        self
    }

    /// How much similarity to the headline adds to the prior, when the
    /// document has a headline (0 ignores it).
    pub fn title_weight(mut self, weight: f64) -> Self {
        self.config.title_weight = weight;
        self
    }

    /// Penalty for long sentences: scores are divided by
    /// `max(chars/40, 1)^length_weight` (0 turns it off). Short, dense
    /// sentences make better briefings than long catalogues.
    pub fn length_weight(mut self, weight: f64) -> Self {
        self.config.length_weight = weight;
        self
    }

    /// Maximal marginal relevance trade-off: 1 picks by score alone, lower
    /// values avoid sentences similar to those already chosen.
    pub fn mmr_lambda(mut self, lambda: f64) -> Self {
        self.config.mmr_lambda = lambda;
        self
    }

    /// Sentences further apart than this are not compared (keeps long texts
    /// linear).
    pub fn window(mut self, window: usize) -> Self {
        self.config.window = window;
        self
    }

    /// Where the term weights' IDF comes from.
    pub fn idf(mut self, idf: Idf) -> Self {
        self.config.idf = idf;
        self
    }

    /// The learned method's scorer (default: the shipped one,
    /// [`SentenceScorer::shipped`]).
    pub fn scorer(mut self, scorer: SentenceScorer) -> Self {
        self.config.scorer = Some(Arc::new(scorer));
        self
    }

    /// Checks the options and builds the summarizer.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] naming the first option out of range;
    /// [`Error::Model`] if the shipped sentence scorer is damaged.
    pub fn build(self) -> Result<Summarizer> {
        let c = self.config;
        c.check()?;
        let scorer = match &c.scorer {
            Some(s) => Arc::clone(s),
            None => Arc::new(SentenceScorer::shipped()?.clone()),
        };
        Ok(Summarizer {
            scorer,
            pagerank: PageRank::new(c.damping, c.tolerance, c.max_iterations)?,
            position_weights: (0..POSITION_WEIGHTS)
                .map(|i| score::position_weight(i, c.position_decay))
                .collect(),
            config: c,
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
        self.config.method
    }

    /// The budget in use.
    pub fn budget(&self) -> Budget {
        self.config.budget
    }

    /// The same summarizer with another budget.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for a budget out of range.
    pub fn with_budget(&self, budget: Budget) -> Result<Summarizer> {
        budget.check()?;
        let mut s = self.clone();
        s.config.budget = budget;
        Ok(s)
    }

    /// The learned scorer's features of every sentence of `doc` (what it
    /// is fitted on).
    #[cfg_attr(not(all(feature = "train", feature = "eval")), allow(dead_code))]
    pub(crate) fn sentence_features(
        &self,
        doc: &Document<'_>,
    ) -> Vec<[f64; learned::N_SENTENCE_FEATURES]> {
        if doc.sentences().is_empty() {
            return Vec::new();
        }
        let chars = sentence_chars(doc);
        let g = self.sentence_graph(doc);
        let text_chars = doc.text().chars().count();
        let mut rows = Vec::with_capacity(chars.len());
        self.features_of(doc, &g, &chars, text_chars, |f| rows.push(*f));
        rows
    }

    /// The IDF, TF-IDF rows and sentence graph of `doc` that every method
    /// but Lead reads.
    fn sentence_graph(&self, doc: &Document<'_>) -> SentenceGraph {
        let idf = doc.idf(self.config.idf);
        let vectors = doc.tfidf_vectors(&idf);
        let graph = similarity_graph(
            doc,
            &vectors,
            &idf,
            self.config.similarity,
            Some(self.config.window),
        );
        SentenceGraph {
            idf,
            vectors,
            graph,
        }
    }

    /// Hands `each` the features of each sentence in turn, from the
    /// document's vectors and graph (`text_chars`: the characters of the
    /// whole text).
    fn features_of(
        &self,
        doc: &Document<'_>,
        g: &SentenceGraph,
        chars: &[usize],
        text_chars: usize,
        each: impl FnMut(&[f64; learned::N_SENTENCE_FEATURES]),
    ) {
        let SentenceGraph {
            idf,
            vectors,
            graph,
        } = g;
        let title = score::title_vector(doc, idf);
        let prior = self.prior(doc.sentences().len(), &title, vectors);
        let textrank = self.textrank_scores(doc, &prior, graph, chars);
        let degree: Vec<f64> = (0..graph.len())
            .map(|i| graph.neighbors(i).iter().map(|&(_, w)| w as f64).sum())
            .collect();
        let tfidf = self.tfidf_scores(doc, idf, &prior, chars);
        learned::for_each_sentence(
            doc,
            &learned::Signals {
                vectors,
                textrank: &textrank,
                degree: &degree,
                tfidf: &tfidf,
                title: &title,
                chars,
                text_chars,
            },
            each,
        )
    }

    /// The same summarizer with another method.
    pub fn with_method(&self, method: Method) -> Summarizer {
        let mut s = self.clone();
        s.config.method = method;
        s
    }

    /// Summarises an analysed document; its headline, if it has one, is
    /// the headline the prior favours. Spans index into the document's
    /// text.
    pub fn summarize(&self, doc: &Document<'_>) -> Summary {
        let n = doc.sentences().len();
        let method = self.config.method;
        if n == 0 {
            return Summary {
                method,
                sentences: Vec::new(),
            };
        }
        let chars = sentence_chars(doc);
        let (scores, chosen) = match method {
            Method::Lead => {
                let scores: Vec<f64> = (0..n).map(|i| 1.0 / (1.0 + i as f64)).collect();
                (scores, self.select_lead(&chars))
            }
            Method::TfIdf | Method::TextRank | Method::Learned => {
                let g = self.sentence_graph(doc);
                let SentenceGraph {
                    idf,
                    vectors,
                    graph,
                } = &g;
                let prior = || self.prior(n, &score::title_vector(doc, idf), vectors);
                let scores = match method {
                    Method::TfIdf => self.tfidf_scores(doc, idf, &prior(), &chars),
                    Method::TextRank => self.textrank_scores(doc, &prior(), graph, &chars),
                    _ => {
                        let text_chars = doc.text().chars().count();
                        let mut learned = Vec::with_capacity(n);
                        self.features_of(doc, &g, &chars, text_chars, |f| {
                            learned.push(self.scorer.score(f))
                        });
                        // A long feature is read as a whole: its scores
                        // spread over the sentence graph from where the
                        // scorer puts them. A report's stand as they are.
                        if text_chars > learned::LONG_ARTICLE_CHARS {
                            let prior = ndarray::Array1::from(learned);
                            self.pagerank.rank(graph, Some(&prior)).to_vec()
                        } else {
                            learned
                        }
                    }
                };
                let chosen = self.select(doc, &scores, &chars, vectors, graph);
                (scores, chosen)
            }
        };
        Summary {
            method,
            sentences: chosen
                .into_iter()
                .map(|i| {
                    let s = &doc.sentences()[i];
                    SummarySentence {
                        text: s.text.to_string(),
                        index: s.index,
                        span: s.span,
                        score: scores[i],
                    }
                })
                .collect(),
        }
    }
}

/// What every method but Lead reads of a document: its IDF, its
/// sentences' TF-IDF rows and their similarity graph.
struct SentenceGraph {
    idf: Vec<f32>,
    vectors: crate::analysis::Rows<(u32, f32)>,
    graph: crate::rank::Graph,
}

/// Each sentence's length in characters.
fn sentence_chars(doc: &Document<'_>) -> Vec<usize> {
    doc.sentences()
        .iter()
        .map(|s| s.text.chars().count())
        .collect()
}
