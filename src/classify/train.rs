//! Training topic models: logistic regression with `linfa-logistic`, naive
//! Bayes in closed form.

use linfa::prelude::*;
use linfa_logistic::MultiLogisticRegression;
use ndarray::{Array1, Array2};
use rayon::prelude::*;

use super::corpus::Corpus;
use super::features::{FeatureParams, Interner, RawCounts, Vocabulary, raw_counts};
use super::model::{ModelKind, TopicModel};
use crate::analysis::Analyzer;
use crate::error::{Error, Result};

/// Options for training a [`TopicModel`], in linfa's style: set the
/// options, then [`fit`](Self::fit) a corpus.
///
/// | option | default | range |
/// |---|---|---|
/// | [`analyzer`](Self::analyzer) | [`Analyzer::default`] | |
/// | [`kind`](Self::kind) | logistic regression | |
/// | [`features`](Self::features) | [`FeatureParams::default`] | see there |
/// | [`smoothing`](Self::smoothing) (naive Bayes) | 0.1 | > 0 |
/// | [`l2`](Self::l2) (logistic regression) | 0.1 | ≥ 0 |
/// | [`max_iterations`](Self::max_iterations) (logistic regression) | 300 | ≥ 1 |
/// | [`balance`](Self::balance) | `true` | |
///
/// ```
/// use jianbao::classify::{ModelKind, TrainParams};
/// let p = TrainParams::default().kind(ModelKind::NaiveBayes).smoothing(0.5);
/// assert_eq!(p.model_kind(), ModelKind::NaiveBayes);
/// ```
#[derive(Debug, Clone)]
pub struct TrainParams {
    analyzer: Analyzer,
    kind: ModelKind,
    features: FeatureParams,
    smoothing: f64,
    l2: f64,
    max_iterations: u64,
    balance: bool,
}

impl Default for TrainParams {
    fn default() -> Self {
        TrainParams {
            analyzer: Analyzer::default(),
            kind: ModelKind::LogisticRegression,
            features: FeatureParams::default(),
            smoothing: 0.1,
            l2: 0.1,
            max_iterations: 300,
            balance: true,
        }
    }
}

impl TrainParams {
    /// The analysis the texts are cut with (default: [`Analyzer::default`]);
    /// the model saves its settings and predicts with the same.
    pub fn analyzer(mut self, analyzer: Analyzer) -> Self {
        self.analyzer = analyzer;
        self
    }

    /// Naive Bayes or logistic regression (default).
    pub fn kind(mut self, kind: ModelKind) -> Self {
        self.kind = kind;
        self
    }

    /// Feature options.
    pub fn features(mut self, features: FeatureParams) -> Self {
        self.features = features;
        self
    }

    /// Naive Bayes additive smoothing (default 0.1).
    pub fn smoothing(mut self, alpha: f64) -> Self {
        self.smoothing = alpha;
        self
    }

    /// Logistic regression L2 penalty: `alpha` of `linfa-logistic`, whose
    /// loss sums over the texts (default 0.1).
    pub fn l2(mut self, alpha: f64) -> Self {
        self.l2 = alpha;
        self
    }

    /// Logistic regression iteration cap (default 300).
    pub fn max_iterations(mut self, n: u64) -> Self {
        self.max_iterations = n;
        self
    }

    /// Predict as if every label were equally common (default `true`): the
    /// intercepts lose what the training texts' label shares put in them.
    /// Sources differ in their mix of topics, and the news the model will
    /// read has a mix of its own; a label that is common in the corpus
    /// should not win close calls for that alone.
    pub fn balance(mut self, on: bool) -> Self {
        self.balance = on;
        self
    }

    /// The model kind.
    pub fn model_kind(&self) -> ModelKind {
        self.kind
    }

    /// The feature options.
    pub fn feature_params(&self) -> &FeatureParams {
        &self.features
    }

    /// The options in words, for reports: `logreg l2=0.1 title×3`.
    pub fn describe(&self) -> String {
        let model = match self.kind {
            ModelKind::LogisticRegression => format!("logreg l2={}", self.l2),
            ModelKind::NaiveBayes => format!("nb smoothing={}", self.smoothing),
        };
        format!(
            "{model} title×{}{}{}",
            self.features.title_weight,
            if self.features.char_bigrams {
                ""
            } else {
                " no-bigrams"
            },
            if self.balance { "" } else { " unbalanced" },
        )
    }

    /// Checks every option against the ranges in the table above.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] naming the first option out of range.
    pub fn check(&self) -> Result<()> {
        self.features.check()?;
        if !(self.smoothing > 0.0 && self.smoothing.is_finite()) {
            return Err(Error::invalid(
                "smoothing",
                self.smoothing,
                "a positive number",
            ));
        }
        if !(self.l2 >= 0.0 && self.l2.is_finite()) {
            return Err(Error::invalid("l2", self.l2, "a non-negative number"));
        }
        if self.max_iterations == 0 {
            return Err(Error::invalid("max_iterations", 0, "at least 1"));
        }
        Ok(())
    }

    /// Trains a model on every text of `corpus` (each counted as often as
    /// its source's weight says).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for options out of range,
    /// [`Error::EmptyData`] for a corpus with fewer than two labels or a
    /// label with a single text, [`Error::Model`] if linfa fails.
    ///
    /// ```
    /// use jianbao::classify::{Corpus, TrainParams};
    /// let corpus = Corpus::from_pairs([
    ///     ("市委常委会召开会议研究部署工作", "governance"),
    ///     ("市政府常务会议研究部署安全生产", "governance"),
    ///     ("城市马拉松鸣枪开跑万名跑者参赛", "culture"),
    ///     ("非遗展演活动开幕市民观看演出", "culture"),
    /// ]);
    /// let model = TrainParams::default().fit(&corpus).unwrap();
    /// assert_eq!(model.predict_text(None, "常委会会议部署工作").label.as_deref(), Some("governance"));
    /// ```
    pub fn fit(&self, corpus: &Corpus) -> Result<TopicModel> {
        self.check()?;
        check_corpus(corpus)?;
        let prepared = Prepared::new(corpus, self);
        let all: Vec<usize> = (0..corpus.len()).collect();
        prepared.fit(&all, self)
    }
}

impl TrainParams {
    /// For a model fitted on a dense matrix (logistic regression): the
    /// matrix's byte budget and the most features it may have.
    pub(crate) fn dense_matrix_budget(&self) -> Option<(usize, usize)> {
        (self.kind == ModelKind::LogisticRegression)
            .then_some((self.features.max_matrix_bytes, self.features.max_features))
    }
}

/// Refuses a corpus no model can be trained on.
pub(crate) fn check_corpus(corpus: &Corpus) -> Result<()> {
    if corpus.is_empty() {
        return Err(Error::EmptyData("the training corpus has no texts".into()));
    }
    let counts = corpus.label_counts();
    if counts.len() < 2 {
        return Err(Error::EmptyData(format!(
            "a topic model needs at least 2 labels, the corpus has {}",
            counts.len()
        )));
    }
    if let Some((label, n)) = counts.iter().find(|(_, n)| **n < 2) {
        return Err(Error::EmptyData(format!(
            "label `{label}` has {n} example; every label needs at least 2"
        )));
    }
    Ok(())
}

/// A corpus's features, extracted once for every fit of a cross-validation.
pub(crate) struct Prepared<'c> {
    pub(crate) corpus: &'c Corpus,
    /// The analysis and features the texts were extracted with.
    analyzer: Analyzer,
    features: FeatureParams,
    interner: Interner,
    raw: Vec<RawCounts>,
    /// The corpus's labels, sorted; `y[i]` indexes them.
    pub(crate) labels: Vec<String>,
    pub(crate) y: Vec<usize>,
}

/// Texts whose features are extracted side by side before they are
/// interned (bounds the strings held at once).
const EXTRACT_CHUNK: usize = 1024;

impl<'c> Prepared<'c> {
    pub(crate) fn new(corpus: &'c Corpus, params: &TrainParams) -> Self {
        let (analyzer, features) = (&params.analyzer, &params.features);
        let mut interner = Interner::default();
        let mut raw = Vec::with_capacity(corpus.len());
        for chunk in corpus.items.chunks(EXTRACT_CHUNK) {
            // Cut on every core, intern on this one.
            let strings: Vec<Vec<(String, u32)>> = chunk
                .par_iter()
                .map(|it| {
                    let mut local = Interner::default();
                    let counts = raw_counts(
                        it.title.as_deref(),
                        &it.text,
                        analyzer,
                        features,
                        &mut local,
                    );
                    counts
                        .into_iter()
                        .map(|(id, n)| (local.string(id).to_string(), n))
                        .collect()
                })
                .collect();
            for doc in strings {
                let mut counts: RawCounts =
                    doc.iter().map(|(s, n)| (interner.intern(s), *n)).collect();
                counts.sort_unstable_by_key(|&(id, _)| id);
                raw.push(counts);
            }
        }
        let labels = corpus.labels();
        let y = corpus
            .items
            .iter()
            .map(|it| labels.binary_search(&it.label).unwrap_or(0))
            .collect();
        Prepared {
            corpus,
            analyzer: analyzer.clone(),
            features: features.clone(),
            interner,
            raw,
            labels,
            y,
        }
    }

    /// Were these features extracted as `params` asks?
    pub(crate) fn extracted_as(&self, params: &TrainParams) -> bool {
        self.features == params.features && self.analyzer.same_as(&params.analyzer)
    }

    /// Trains on the texts at `indices`, each repeated as its source's
    /// weight says.
    pub(crate) fn fit(&self, indices: &[usize], params: &TrainParams) -> Result<TopicModel> {
        let rows: Vec<usize> = indices
            .iter()
            .flat_map(|&i| std::iter::repeat_n(i, self.corpus.weight_of(i) as usize))
            .collect();
        let docs: Vec<&RawCounts> = rows.iter().map(|&i| &self.raw[i]).collect();
        let (vocabulary, columns) = Vocabulary::fit(&docs, &self.interner, &params.features)?;
        let vectors: Vec<Vec<(u32, f32)>> = docs
            .par_iter()
            .map(|d| vocabulary.vector_of_raw(d, &columns))
            .collect();
        let y: Vec<usize> = rows.iter().map(|&i| self.y[i]).collect();
        let k = self.labels.len();
        let (weights, mut bias) = match params.kind {
            ModelKind::LogisticRegression => {
                logistic_regression(&vectors, &y, k, vocabulary.len(), params)?
            }
            ModelKind::NaiveBayes => {
                naive_bayes(&vectors, &y, k, vocabulary.len(), params.smoothing)
            }
        };
        if params.balance {
            let mut counts = vec![0usize; k];
            for &c in &y {
                counts[c] += 1;
            }
            for (b, &n) in bias.iter_mut().zip(&counts) {
                let share = n.max(1) as f64 / y.len() as f64;
                *b -= (share * k as f64).ln() as f32;
            }
        }
        Ok(TopicModel::from_parts(
            &self.analyzer,
            params.kind,
            self.labels.clone(),
            params.features.clone(),
            vocabulary,
            weights,
            bias,
        ))
    }
}

/// Multinomial logistic regression by `linfa-logistic` on a dense `f32`
/// matrix (its size is bounded by [`FeatureParams::max_matrix_bytes`]).
fn logistic_regression(
    vectors: &[Vec<(u32, f32)>],
    y: &[usize],
    k: usize,
    v: usize,
    params: &TrainParams,
) -> Result<(Vec<Vec<f32>>, Vec<f32>)> {
    let mut x = Array2::<f32>::zeros((vectors.len(), v));
    for (i, row) in vectors.iter().enumerate() {
        for &(j, val) in row {
            x[[i, j as usize]] = val;
        }
    }
    let dataset = Dataset::new(x, Array1::from(y.to_vec()));
    let fitted = MultiLogisticRegression::<f32>::default()
        .alpha(params.l2 as f32)
        .max_iterations(params.max_iterations)
        .fit(&dataset)
        .map_err(|e| Error::model("<training>", e.to_string()))?;
    // params(): features × classes; classes() maps columns to label indices.
    let w = fitted.params();
    let mut weights = vec![vec![0f32; v]; k];
    let mut bias = vec![0f32; k];
    for (col, &class) in fitted.classes().iter().enumerate() {
        for j in 0..v {
            weights[class][j] = w[[j, col]];
        }
        bias[class] = fitted.intercept()[col];
    }
    Ok((weights, bias))
}

/// Multinomial naive Bayes in closed form over the feature vectors:
/// `weight[c][j] = ln((x_cj + α) / (Σ_j x_cj + α·V))` where `x_cj` sums
/// feature `j` over the texts of label `c`, and `bias[c] = ln(n_c / n)`.
/// It is what `linfa-bayes` computes (a test holds the two together);
/// fitting it needs no dense matrix, only the class totals.
fn naive_bayes(
    vectors: &[Vec<(u32, f32)>],
    y: &[usize],
    k: usize,
    v: usize,
    alpha: f64,
) -> (Vec<Vec<f32>>, Vec<f32>) {
    let mut totals = vec![vec![0f64; v]; k];
    let mut counts = vec![0usize; k];
    for (row, &c) in vectors.iter().zip(y) {
        counts[c] += 1;
        for &(j, val) in row {
            totals[c][j as usize] += val as f64;
        }
    }
    let n = y.len() as f64;
    let weights = totals
        .iter()
        .map(|t| {
            let denominator = (t.iter().sum::<f64>() + alpha * v as f64).ln();
            t.iter()
                .map(|&x| ((x + alpha).ln() - denominator) as f32)
                .collect()
        })
        .collect();
    let bias = counts
        .iter()
        .map(|&c| (c.max(1) as f64 / n).ln() as f32)
        .collect();
    (weights, bias)
}

#[cfg(test)]
mod tests {
    use super::*;
    use linfa_bayes::{MultinomialNb, NaiveBayes};

    fn toy() -> Corpus {
        Corpus::from_pairs([
            ("市委常委会召开会议研究部署工作", "governance"),
            ("市政府常务会议研究部署安全生产", "governance"),
            ("纪委监委通报违纪案件强化监督", "governance"),
            ("城市马拉松鸣枪开跑万名跑者参赛", "culture"),
            ("非遗展演活动开幕市民观看演出", "culture"),
            ("博物馆推出文物特展吸引游客参观", "culture"),
            ("社区医院开诊居民就医更方便", "public_services"),
            ("新学期中小学新增学位方便入学", "public_services"),
            ("养老服务中心为老人提供助餐", "public_services"),
        ])
    }

    #[test]
    fn closed_form_naive_bayes_is_linfas() {
        let corpus = toy();
        let params = TrainParams::default()
            .kind(ModelKind::NaiveBayes)
            .balance(false);
        let prepared = Prepared::new(&corpus, &params);
        let docs: Vec<&RawCounts> = prepared.raw.iter().collect();
        let (vocab, columns) =
            Vocabulary::fit(&docs, &prepared.interner, &params.features).unwrap();
        let vectors: Vec<Vec<(u32, f32)>> = docs
            .iter()
            .map(|d| vocab.vector_of_raw(d, &columns))
            .collect();
        let mut x = Array2::<f64>::zeros((vectors.len(), vocab.len()));
        for (i, row) in vectors.iter().enumerate() {
            for &(j, val) in row {
                x[[i, j as usize]] = val as f64;
            }
        }
        let ds = Dataset::new(x.clone(), Array1::from(prepared.y.clone()));
        let nb = MultinomialNb::params().alpha(0.1).fit(&ds).unwrap();
        let (w, b) = naive_bayes(&vectors, &prepared.y, 3, vocab.len(), 0.1);
        let linfa = nb.joint_log_likelihood(x.view());
        for (class, jll) in linfa {
            for i in 0..x.nrows() {
                let ours = b[*class] as f64
                    + (0..vocab.len())
                        .map(|j| x[[i, j]] * w[*class][j] as f64)
                        .sum::<f64>();
                assert!((ours - jll[i]).abs() < 1e-3, "{ours} vs {}", jll[i]);
            }
        }
    }

    #[test]
    fn a_weight_of_two_is_the_file_twice() {
        let one = toy();
        let mut twice = toy();
        twice.items.extend(one.items.clone());
        let mut weighted = toy();
        // The same texts, counted twice through the source's weight.
        weighted.set_weight(0, 2).unwrap();
        let params = TrainParams::default().kind(ModelKind::NaiveBayes);
        let a = params.fit(&twice).unwrap();
        let b = params.fit(&weighted).unwrap();
        for text in ["常委会会议", "马拉松开跑", "社区医院"] {
            assert_eq!(a.predict_text(None, text), b.predict_text(None, text));
        }
    }

    #[test]
    fn bad_corpora_are_refused() {
        let empty = Corpus::default();
        assert!(TrainParams::default().fit(&empty).is_err());
        let one_label = Corpus::from_pairs([("会议", "governance"), ("会议召开", "governance")]);
        assert!(TrainParams::default().fit(&one_label).is_err());
        let singleton = Corpus::from_pairs([
            ("会议", "governance"),
            ("会议召开", "governance"),
            ("马拉松", "culture"),
        ]);
        let err = TrainParams::default().fit(&singleton).unwrap_err();
        assert!(err.to_string().contains("culture"));
    }
}
