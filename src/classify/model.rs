//! The fitted topic model: prediction, explanation, saving and loading.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use serde::{Deserialize, Serialize};

use super::features::{FeatureParams, Vocabulary};
use super::train::TrainingReport;
use crate::error::{Error, Result};
use crate::tokenize::Tokenizer;
use crate::vectorize::Document;

/// The `format` field of a model file.
pub const FORMAT: &str = "jianbao-topic-model";
/// The model file version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;
/// Model files larger than this are refused before they are read.
pub const MAX_MODEL_BYTES: u64 = 64 * 1024 * 1024;

/// Which linfa model a [`TopicModel`] was trained with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ModelKind {
    /// Multinomial naive Bayes (`linfa-bayes`) over term counts.
    #[serde(rename = "nb")]
    NaiveBayes,
    /// Multinomial logistic regression (`linfa-logistic`) over sublinear,
    /// L2-normalised TF-IDF.
    #[default]
    #[serde(rename = "logreg")]
    LogisticRegression,
}

impl std::str::FromStr for ModelKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "nb" | "naive-bayes" | "naivebayes" => Ok(ModelKind::NaiveBayes),
            "logreg" | "logistic" | "lr" => Ok(ModelKind::LogisticRegression),
            other => Err(Error::option(
                "model",
                format!("`{other}` is not nb or logreg"),
            )),
        }
    }
}

/// A predicted topic with the probability of every label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// The most probable label.
    pub label: String,
    /// Its probability.
    pub probability: f64,
    /// Probability of every label (they sum to 1).
    pub scores: BTreeMap<String, f64>,
}

/// A feature and how much it weighs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermWeight {
    /// The feature: a word, or `_` and two characters for a character bigram.
    pub term: String,
    /// Its weight (for [`TopicModel::top_terms`]) or contribution to the
    /// predicted label over the others (for [`TopicModel::explain`]).
    pub weight: f64,
}

/// A trained topic model.
///
/// ```
/// use jianbao::classify::TopicModel;
/// let model = TopicModel::shipped().unwrap();
/// let p = model.predict("市委常委会召开会议，传达学习全会精神，研究部署全面从严治党工作。");
/// assert_eq!(p.label, "governance");
/// assert!((p.scores.values().sum::<f64>() - 1.0).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TopicModel {
    format: String,
    version: u32,
    kind: ModelKind,
    labels: Vec<String>,
    features: FeatureParams,
    vocabulary: Vocabulary,
    /// One row per label, one weight per feature.
    weights: Vec<Vec<f32>>,
    bias: Vec<f32>,
    /// The cross-validation report of its training run, if one was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    report: Option<TrainingReport>,
    #[serde(skip)]
    tokenizer: Tokenizer,
}

static SHIPPED: LazyLock<Result<Arc<TopicModel>>> = LazyLock::new(|| {
    TopicModel::from_json("the shipped model", include_str!("../../models/topic.json"))
        .map(Arc::new)
});

impl TopicModel {
    pub(crate) fn from_parts(
        kind: ModelKind,
        labels: Vec<String>,
        features: FeatureParams,
        vocabulary: Vocabulary,
        weights: Vec<Vec<f32>>,
        bias: Vec<f32>,
    ) -> Self {
        TopicModel {
            format: FORMAT.to_string(),
            version: FORMAT_VERSION,
            kind,
            labels,
            features,
            vocabulary,
            weights,
            bias,
            report: None,
            tokenizer: Tokenizer::default(),
        }
    }

    /// The model that ships with the crate (parsed once per process).
    pub fn shipped() -> Result<&'static TopicModel> {
        Self::shipped_shared().map(|m| &**m)
    }

    /// The shipped model as a shared handle (no copy).
    pub(crate) fn shipped_shared() -> Result<&'static Arc<TopicModel>> {
        match &*SHIPPED {
            Ok(m) => Ok(m),
            Err(e) => Err(Error::Model {
                what: "shipped".into(),
                reason: e.to_string(),
            }),
        }
    }

    /// The labels, in the order of [`Prediction::scores`]' keys.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Which linfa model this is.
    pub fn kind(&self) -> ModelKind {
        self.kind
    }

    /// The feature options it was trained with.
    pub fn feature_params(&self) -> &FeatureParams {
        &self.features
    }

    /// Number of features.
    pub fn feature_count(&self) -> usize {
        self.vocabulary.len()
    }

    /// The cross-validation report saved with the model, if any.
    pub fn report(&self) -> Option<&TrainingReport> {
        self.report.as_ref()
    }

    /// Attaches a cross-validation report, saved with the model.
    pub fn with_report(mut self, report: TrainingReport) -> Self {
        self.report = Some(report);
        self
    }

    /// Feature vector of a text, as the model's kind wants it.
    fn vector(&self, text: &str) -> Vec<(u32, f32)> {
        let mut ids = Vec::new();
        let terms = self.tokenizer.terms(text);
        self.vocabulary
            .term_ids(terms.iter().map(|t| t.word), &mut ids);
        if self.features.char_bigrams {
            self.vocabulary.bigram_ids(text, &mut ids);
        }
        self.weigh(&mut ids)
    }

    fn weigh(&self, ids: &mut [u32]) -> Vec<(u32, f32)> {
        let counts = Vocabulary::counts_from_ids(ids);
        match self.kind {
            ModelKind::NaiveBayes => counts,
            ModelKind::LogisticRegression => self.vocabulary.tfidf(&counts),
        }
    }

    /// Predicts the topic of an article already analysed for its summary
    /// (so the body is not cut again), with its headline lines in
    /// `heading`. Gives the same prediction as [`predict`](Self::predict)
    /// on `heading + "\n" + body` when `doc` was cut with the default
    /// tokenizer.
    ///
    /// ```
    /// use jianbao::{classify::TopicModel, tokenize::Tokenizer, vectorize::Document};
    /// let model = TopicModel::shipped().unwrap();
    /// let body = "区人民医院开设老年病专科门诊，方便老年患者就医。";
    /// let doc = Document::analyze(body, &Tokenizer::default());
    /// let p = model.predict_document(&doc, "老人看病更方便");
    /// assert_eq!(p, model.predict("老人看病更方便\n区人民医院开设老年病专科门诊，方便老年患者就医。"));
    /// ```
    pub fn predict_document(&self, doc: &Document<'_>, heading: &str) -> Prediction {
        let mut ids = Vec::with_capacity(doc.occurrences.len() * 3);
        if !heading.is_empty() {
            let terms = self.tokenizer.terms(heading);
            self.vocabulary
                .term_ids(terms.iter().map(|t| t.word), &mut ids);
        }
        // Each distinct term is looked up once, then every occurrence counts.
        let columns = self.vocabulary.term_ids_of(&doc.vocabulary);
        ids.extend(
            doc.occurrences
                .iter()
                .filter_map(|&(t, _)| columns[t as usize]),
        );
        if self.features.char_bigrams {
            self.vocabulary.bigram_ids(heading, &mut ids);
            self.vocabulary.bigram_ids(doc.text, &mut ids);
        }
        let x = self.weigh(&mut ids);
        self.prediction(&self.logits(&x))
    }

    fn logits(&self, x: &[(u32, f32)]) -> Vec<f64> {
        self.weights
            .iter()
            .zip(&self.bias)
            .map(|(w, &b)| {
                b as f64
                    + x.iter()
                        .map(|&(j, v)| v as f64 * w[j as usize] as f64)
                        .sum::<f64>()
            })
            .collect()
    }

    /// Predicts the topic of a text. A text with no known feature (empty,
    /// no Chinese) gets the prior of the training labels.
    pub fn predict(&self, text: &str) -> Prediction {
        let logits = self.logits(&self.vector(text));
        self.prediction(&logits)
    }

    /// Predicts many texts, using both cores; results are in input order.
    pub fn predict_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Prediction> {
        use rayon::prelude::*;
        texts.par_iter().map(|t| self.predict(t.as_ref())).collect()
    }

    fn prediction(&self, logits: &[f64]) -> Prediction {
        let max = logits.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let exp: Vec<f64> = logits.iter().map(|l| (l - max).exp()).collect();
        let total: f64 = exp.iter().sum();
        let probs: Vec<f64> = exp.iter().map(|e| e / total).collect();
        let (best, &probability) = probs
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(&a.0)))
            .unwrap_or((0, &0.0));
        Prediction {
            label: self.labels[best].clone(),
            probability,
            scores: self.labels.iter().cloned().zip(probs).collect(),
        }
    }

    /// The `k` features that most favour `label` over the other labels
    /// (weight minus the mean weight of the others), or `None` for an
    /// unknown label.
    pub fn top_terms(&self, label: &str, k: usize) -> Option<Vec<TermWeight>> {
        let c = self.labels.iter().position(|l| l == label)?;
        let margin = |j: usize| self.margin(c, j, 1.0);
        let mut idx: Vec<usize> = (0..self.vocabulary.len()).collect();
        idx.sort_by(|&a, &b| margin(b).total_cmp(&margin(a)).then(a.cmp(&b)));
        Some(
            idx.into_iter()
                .take(k)
                .map(|j| TermWeight {
                    term: self.vocabulary.terms[j].clone(),
                    weight: margin(j),
                })
                .collect(),
        )
    }

    fn margin(&self, c: usize, j: usize, x: f64) -> f64 {
        let k = self.labels.len();
        let own = self.weights[c][j] as f64;
        let others: f64 = (0..k)
            .filter(|&o| o != c)
            .map(|o| self.weights[o][j] as f64)
            .sum::<f64>()
            / (k.max(2) - 1) as f64;
        x * (own - others)
    }

    /// Why a text got its label: the prediction and the `k` features of the
    /// text that pushed hardest towards it.
    ///
    /// ```
    /// let model = jianbao::classify::TopicModel::shipped().unwrap();
    /// let (p, terms) = model.explain("区人民医院与社区卫生服务中心组建医联体，方便居民就医。", 3);
    /// assert_eq!(p.label, "public_services");
    /// assert_eq!(terms.len(), 3);
    /// ```
    pub fn explain(&self, text: &str, k: usize) -> (Prediction, Vec<TermWeight>) {
        let x = self.vector(text);
        let p = self.prediction(&self.logits(&x));
        let c = self.labels.iter().position(|l| *l == p.label).unwrap_or(0);
        let mut terms: Vec<TermWeight> = x
            .iter()
            .map(|&(j, v)| TermWeight {
                term: self.vocabulary.terms[j as usize].clone(),
                weight: self.margin(c, j as usize, v as f64),
            })
            .collect();
        terms.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then_with(|| a.term.cmp(&b.term))
        });
        terms.truncate(k);
        (p, terms)
    }

    /// Writes the model as versioned JSON.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let json = serde_json::to_string(self).map_err(|e| Error::Model {
            what: path.display().to_string(),
            reason: e.to_string(),
        })?;
        std::fs::write(path, json).map_err(|e| Error::io(path, e))
    }

    /// Reads a model file written by [`save`](Self::save). A file that is
    /// too large, truncated, not a jianbao model, of another format
    /// version, or whose weights do not fit its labels and features gives
    /// [`Error::Model`] saying which.
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let what = path.display().to_string();
        let file = crate::open_file(path)?;
        let meta = file.metadata().map_err(|e| Error::io(path, e))?;
        if meta.len() > MAX_MODEL_BYTES {
            return Err(Error::Model {
                what,
                reason: format!(
                    "{} bytes is larger than the {MAX_MODEL_BYTES}-byte limit",
                    meta.len()
                ),
            });
        }
        let text = crate::error::read_opened(path, file)?;
        Self::from_json(&what, &text)
    }

    /// Parses a model from JSON text; `what` names it in errors.
    pub fn from_json(what: &str, json: &str) -> Result<Self> {
        let bad = |reason: String| Error::Model {
            what: what.to_string(),
            reason,
        };
        if json.trim().is_empty() {
            return Err(bad("the file is empty".into()));
        }
        // Check the envelope first, so that a foreign or newer file says so
        // rather than failing on some field deep inside.
        #[derive(Deserialize)]
        struct Envelope {
            format: Option<String>,
            version: Option<serde_json::Value>,
        }
        let env: Envelope = serde_json::from_str(json).map_err(|e| {
            if e.is_eof() {
                bad(format!("the file is truncated ({e})"))
            } else {
                bad(format!("not a JSON model file ({e})"))
            }
        })?;
        if env.format.as_deref() != Some(FORMAT) {
            return Err(bad(format!(
                "not a jianbao topic model (format {:?}, expected {FORMAT:?})",
                env.format.unwrap_or_default()
            )));
        }
        let version = env.version.and_then(|v| v.as_u64());
        if version != Some(FORMAT_VERSION as u64) {
            return Err(bad(format!(
                "format version {} is not supported (this build reads version {FORMAT_VERSION}); retrain or use a matching jianbao",
                version.map_or("missing".to_string(), |v| v.to_string())
            )));
        }
        let raw: TopicModel =
            serde_json::from_str(json).map_err(|e| bad(format!("malformed model ({e})")))?;
        raw.validated().map_err(bad)
    }

    fn validated(self) -> std::result::Result<Self, String> {
        let k = self.labels.len();
        let v = self.vocabulary.terms.len();
        if k < 2 {
            return Err(format!("a model needs at least 2 labels, this one has {k}"));
        }
        let mut sorted = self.labels.clone();
        sorted.sort();
        sorted.dedup();
        if sorted.len() != k || self.labels.iter().any(|l| l.trim().is_empty()) {
            return Err("labels must be distinct and non-empty".into());
        }
        if self.weights.len() != k || self.bias.len() != k {
            return Err(format!(
                "{} weight rows and {} biases for {k} labels",
                self.weights.len(),
                self.bias.len()
            ));
        }
        if self.weights.iter().any(|row| row.len() != v) || self.vocabulary.idf.len() != v {
            return Err(format!("weights or IDF do not match the {v} features"));
        }
        let finite = |x: &f32| x.is_finite();
        if !self.weights.iter().flatten().all(finite)
            || !self.bias.iter().all(finite)
            || !self.vocabulary.idf.iter().all(finite)
        {
            return Err("weights contain NaN or infinite values".into());
        }
        self.features
            .check()
            .map_err(|e| format!("feature options: {e}"))?;
        Ok(TopicModel {
            vocabulary: Vocabulary::new(self.vocabulary.terms, self.vocabulary.idf),
            ..self
        })
    }
}
