//! Training topic models with linfa, and stratified cross-validation.

use linfa::prelude::*;
use linfa_bayes::MultinomialNb;
use linfa_logistic::MultiLogisticRegression;
use ndarray::{Array1, Array2};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::corpus::Corpus;
use super::features::{FeatureParams, Vocabulary, raw_features};
use super::model::{ModelKind, TopicModel};
use crate::error::{Error, Result};
use crate::eval::ClassificationReport;
use crate::tokenize::Tokenizer;

/// Options for training a [`TopicModel`].
///
/// ```
/// use jianbao::classify::{ModelKind, TrainParams};
/// let p = TrainParams::default().kind(ModelKind::NaiveBayes).smoothing(0.5);
/// assert_eq!(p.model_kind(), ModelKind::NaiveBayes);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainParams {
    kind: ModelKind,
    features: FeatureParams,
    /// Naive Bayes additive smoothing.
    smoothing: f64,
    /// Logistic regression L2 penalty.
    l2: f64,
    /// Logistic regression iteration cap.
    max_iterations: u64,
}

impl Default for TrainParams {
    fn default() -> Self {
        TrainParams {
            kind: ModelKind::LogisticRegression,
            features: FeatureParams::default(),
            smoothing: 0.1,
            l2: 0.01,
            max_iterations: 200,
        }
    }
}

impl TrainParams {
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

    /// Logistic regression L2 penalty (default 0.01).
    pub fn l2(mut self, alpha: f64) -> Self {
        self.l2 = alpha;
        self
    }

    /// Logistic regression iteration cap (default 200).
    pub fn max_iterations(mut self, n: u64) -> Self {
        self.max_iterations = n;
        self
    }

    /// The model kind.
    pub fn model_kind(&self) -> ModelKind {
        self.kind
    }

    fn check(&self) -> Result<()> {
        self.features.check()?;
        if !(self.smoothing > 0.0 && self.smoothing.is_finite()) {
            return Err(Error::option("smoothing", "must be a positive number"));
        }
        if !(self.l2 >= 0.0 && self.l2.is_finite()) {
            return Err(Error::option("l2", "must be a non-negative number"));
        }
        if self.max_iterations == 0 {
            return Err(Error::option("max_iterations", "must be at least 1"));
        }
        Ok(())
    }
}

/// Cross-validation figures of a training run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingReport {
    /// Number of folds.
    pub folds: usize,
    /// The shuffling seed.
    pub seed: u64,
    /// Macro-F1 of each fold.
    pub fold_macro_f1: Vec<f64>,
    /// Accuracy, macro-F1, per-label figures and confusion over all folds' predictions.
    pub pooled: ClassificationReport,
}

impl TopicModel {
    /// Trains a model on `corpus`.
    ///
    /// Needs at least two labels and at least two texts per label.
    ///
    /// ```
    /// use jianbao::classify::{Corpus, TopicModel, TrainParams};
    /// let corpus = Corpus::from_pairs([
    ///     ("市委常委会召开会议研究部署工作", "governance"),
    ///     ("市政府常务会议研究部署安全生产", "governance"),
    ///     ("城市马拉松鸣枪开跑万名跑者参赛", "culture"),
    ///     ("非遗展演活动开幕市民观看演出", "culture"),
    /// ]);
    /// let model = TopicModel::train(&corpus, &TrainParams::default()).unwrap();
    /// assert_eq!(model.predict("常委会会议部署工作").label, "governance");
    /// ```
    pub fn train(corpus: &Corpus, params: &TrainParams) -> Result<TopicModel> {
        params.check()?;
        check_corpus(corpus)?;
        fit(corpus, &corpus_features(corpus, params), params)
    }
}

/// The raw features of every text of the corpus, on all cores.
fn corpus_features(corpus: &Corpus, params: &TrainParams) -> Vec<Vec<String>> {
    let tokenizer = Tokenizer::default();
    corpus
        .items
        .par_iter()
        .map(|it| raw_features(&it.text, &tokenizer, params.features.char_bigrams))
        .collect()
}

fn check_corpus(corpus: &Corpus) -> Result<()> {
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

/// Fits on precomputed raw features (shared by training and cross-validation).
fn fit(corpus: &Corpus, raw: &[Vec<String>], params: &TrainParams) -> Result<TopicModel> {
    let labels = corpus.labels();
    let vocabulary = Vocabulary::fit(raw, &params.features)?;
    let n = raw.len();
    let v = vocabulary.len();
    let mut x = Array2::<f64>::zeros((n, v));
    for (i, doc) in raw.iter().enumerate() {
        let counts = vocabulary.counts(doc);
        let row = match params.kind {
            ModelKind::NaiveBayes => counts,
            ModelKind::LogisticRegression => vocabulary.tfidf(&counts),
        };
        for (j, val) in row {
            x[[i, j as usize]] = val as f64;
        }
    }
    let y: Array1<usize> = corpus
        .items
        .iter()
        .map(|it| labels.iter().position(|l| *l == it.label).unwrap_or(0))
        .collect();
    let dataset = Dataset::new(x, y);
    let linfa_err = |e: String| Error::Model {
        what: "training".into(),
        reason: e,
    };
    let (weights, bias) = match params.kind {
        ModelKind::LogisticRegression => {
            let fitted = MultiLogisticRegression::default()
                .alpha(params.l2)
                .max_iterations(params.max_iterations)
                .fit(&dataset)
                .map_err(|e| linfa_err(e.to_string()))?;
            // params(): features × classes, classes() maps columns to label indices.
            let w = fitted.params();
            let mut weights = vec![vec![0f32; v]; labels.len()];
            let mut bias = vec![0f32; labels.len()];
            for (col, &class) in fitted.classes().iter().enumerate() {
                for j in 0..v {
                    weights[class][j] = w[[j, col]] as f32;
                }
                bias[class] = fitted.intercept()[col] as f32;
            }
            (weights, bias)
        }
        ModelKind::NaiveBayes => {
            let fitted = MultinomialNb::params()
                .alpha(params.smoothing)
                .fit(&dataset)
                .map_err(|e| linfa_err(e.to_string()))?;
            nb_weights(&fitted, labels.len(), v).map_err(linfa_err)?
        }
    };
    Ok(TopicModel::from_parts(
        params.kind,
        labels,
        params.features.clone(),
        vocabulary,
        weights,
        bias,
    ))
}

/// Reads the log-probabilities and priors out of a fitted linfa naive Bayes
/// model. linfa keeps them private but serialises them (its `serde`
/// feature); the unit test below checks the result against linfa's own
/// predictions.
fn nb_weights(
    model: &MultinomialNb<f64, usize>,
    k: usize,
    v: usize,
) -> std::result::Result<(Vec<Vec<f32>>, Vec<f32>), String> {
    let value = serde_json::to_value(model).map_err(|e| e.to_string())?;
    let info = value
        .get("class_info")
        .and_then(|c| c.as_object())
        .ok_or("linfa naive Bayes model has no class_info")?;
    let mut weights = vec![vec![0f32; v]; k];
    let mut bias = vec![f32::NEG_INFINITY; k];
    for (class, hist) in info {
        let c: usize = class
            .parse()
            .map_err(|_| format!("unexpected class key {class}"))?;
        let prior = hist
            .get("prior")
            .and_then(|p| p.as_f64())
            .ok_or("no prior")?;
        let data = hist
            .get("feature_log_prob")
            .and_then(|f| f.get("data"))
            .and_then(|d| d.as_array())
            .ok_or("no feature_log_prob")?;
        if c >= k || data.len() != v {
            return Err(format!(
                "class {c} has {} log-probabilities for {v} features",
                data.len()
            ));
        }
        for (j, x) in data.iter().enumerate() {
            weights[c][j] = x.as_f64().ok_or("non-numeric log-probability")? as f32;
        }
        bias[c] = prior.ln() as f32;
    }
    if bias.iter().any(|b| !b.is_finite()) {
        return Err("a class has no prior".into());
    }
    Ok((weights, bias))
}

/// Splits indices into `k` stratified folds, shuffled by `seed`.
fn stratified_folds(corpus: &Corpus, k: usize, seed: u64) -> Vec<Vec<usize>> {
    let mut rng = SplitMix64(seed);
    let mut folds = vec![Vec::new(); k];
    let mut next = 0;
    for label in corpus.labels() {
        let mut idx: Vec<usize> = (0..corpus.len())
            .filter(|&i| corpus.items[i].label == label)
            .collect();
        for i in (1..idx.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            idx.swap(i, j);
        }
        for i in idx {
            folds[next % k].push(i);
            next += 1;
        }
    }
    for f in &mut folds {
        f.sort_unstable();
    }
    folds
}

/// A small, seedable generator for shuffling folds reproducibly.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Stratified k-fold cross-validation: trains on k−1 folds, predicts the
/// held-out fold, and pools the predictions. Deterministic for a seed.
/// `on_fold` is called after each fold (for progress).
///
/// Each fold's vocabulary is fitted on its own training part, so nothing of
/// the held-out texts leaks into training.
pub fn cross_validate(
    corpus: &Corpus,
    params: &TrainParams,
    k: usize,
    seed: u64,
    mut on_fold: impl FnMut(usize),
) -> Result<TrainingReport> {
    params.check()?;
    check_corpus(corpus)?;
    let smallest = corpus.label_counts().values().copied().min().unwrap_or(0);
    if k < 2 || k > smallest {
        return Err(Error::option(
            "cv",
            format!("{k} folds need 2 ≤ k ≤ {smallest} (the smallest label's count)"),
        ));
    }
    let raw = corpus_features(corpus, params);
    let folds = stratified_folds(corpus, k, seed);
    let mut pairs: Vec<(String, String)> = Vec::with_capacity(corpus.len());
    let mut fold_macro_f1 = Vec::with_capacity(k);
    for (f, test) in folds.iter().enumerate() {
        let train: Vec<usize> = (0..corpus.len())
            .filter(|i| test.binary_search(i).is_err())
            .collect();
        let train_raw: Vec<Vec<String>> = train.iter().map(|&i| raw[i].clone()).collect();
        let model = fit(&corpus.subset(&train), &train_raw, params)?;
        let fold_pairs: Vec<(String, String)> = test
            .iter()
            .map(|&i| {
                (
                    corpus.items[i].label.clone(),
                    model.predict(&corpus.items[i].text).label,
                )
            })
            .collect();
        let report = ClassificationReport::from_pairs(
            fold_pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())),
        );
        fold_macro_f1.push(report.macro_f1);
        pairs.extend(fold_pairs);
        on_fold(f + 1);
    }
    Ok(TrainingReport {
        folds: k,
        seed,
        fold_macro_f1,
        pooled: ClassificationReport::from_pairs(
            pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use linfa_bayes::NaiveBayes;

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
    fn naive_bayes_weights_reproduce_linfa_predictions() {
        let corpus = toy();
        let params = TrainParams::default().kind(ModelKind::NaiveBayes);
        let tokenizer = Tokenizer::default();
        let raw: Vec<Vec<String>> = corpus
            .items
            .iter()
            .map(|it| raw_features(&it.text, &tokenizer, true))
            .collect();
        let vocab = Vocabulary::fit(&raw, &params.features).unwrap();
        let labels = corpus.labels();
        let mut x = Array2::<f64>::zeros((raw.len(), vocab.len()));
        for (i, d) in raw.iter().enumerate() {
            for (j, c) in vocab.counts(d) {
                x[[i, j as usize]] = c as f64;
            }
        }
        let y: Array1<usize> = corpus
            .items
            .iter()
            .map(|it| labels.iter().position(|l| *l == it.label).unwrap())
            .collect();
        let ds = Dataset::new(x.clone(), y);
        let nb = MultinomialNb::params().alpha(0.1).fit(&ds).unwrap();
        let (w, b) = nb_weights(&nb, labels.len(), vocab.len()).unwrap();
        let (linfa_log_proba, classes) = nb.predict_log_proba(x.view());
        for i in 0..x.nrows() {
            let ours: Vec<f64> = (0..labels.len())
                .map(|c| {
                    b[c] as f64
                        + (0..vocab.len())
                            .map(|j| x[[i, j]] * w[c][j] as f64)
                            .sum::<f64>()
                })
                .collect();
            let lse = ours.iter().map(|l| l.exp()).sum::<f64>().ln();
            for (col, class) in classes.iter().enumerate() {
                assert!((ours[**class] - lse - linfa_log_proba[[i, col]]).abs() < 1e-4);
            }
        }
    }

    #[test]
    fn folds_are_stratified_and_seeded() {
        let corpus = toy();
        let a = stratified_folds(&corpus, 3, 7);
        assert_eq!(a, stratified_folds(&corpus, 3, 7));
        for f in &a {
            assert_eq!(f.len(), 3);
            let labels: std::collections::BTreeSet<&str> =
                f.iter().map(|&i| corpus.items[i].label.as_str()).collect();
            assert_eq!(labels.len(), 3);
        }
    }

    #[test]
    fn bad_corpora_are_refused() {
        let empty = Corpus::default();
        assert!(TopicModel::train(&empty, &TrainParams::default()).is_err());
        let one_label = Corpus::from_pairs([("会议", "governance"), ("会议召开", "governance")]);
        assert!(TopicModel::train(&one_label, &TrainParams::default()).is_err());
        let singleton = Corpus::from_pairs([
            ("会议", "governance"),
            ("会议召开", "governance"),
            ("马拉松", "culture"),
        ]);
        let err = TopicModel::train(&singleton, &TrainParams::default()).unwrap_err();
        assert!(err.to_string().contains("culture"));
    }
}
