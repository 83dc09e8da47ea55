//! The fitted topic model: prediction, abstention, explanation, saving and
//! loading.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use serde::{Deserialize, Serialize};

use super::features::{FeatureParams, Vocabulary};
use super::report::TrainingReport;
use crate::analysis::{AnalysisSettings, Analyzer, Document};
use crate::error::{Error, Result};

/// The `format` field of a model file.
pub const FORMAT: &str = "jianbao-topic-model";
/// The model file version this build reads and writes.
pub const FORMAT_VERSION: u32 = 2;
/// Model files larger than this are refused; no more than this (and one
/// byte) is ever read from a file.
pub const MAX_MODEL_BYTES: u64 = 64 * 1024 * 1024;
/// A model may have at most this many labels (prediction costs a weight
/// row per label).
pub const MAX_LABELS: usize = 256;
/// A model may have at most this many features.
pub const MAX_FEATURES: usize = 1 << 20;
/// The probability below which the shipped model abstains, unless told
/// otherwise ([`TopicModel::with_min_probability`]).
pub const DEFAULT_MIN_PROBABILITY: f64 = 0.4;

/// Which linfa model a [`TopicModel`] was trained with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ModelKind {
    /// Multinomial naive Bayes over the TF-IDF vector, its weights
    /// computed in closed form from the class totals (the same numbers
    /// `linfa-bayes` gives; a test holds the two together).
    #[serde(rename = "nb")]
    NaiveBayes,
    /// Multinomial logistic regression (`linfa-logistic`).
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
            other => Err(Error::invalid("model", other, "nb or logreg")),
        }
    }
}

/// Why a [`Prediction`] gives no label.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Abstention {
    /// The text (and headline) is empty or only whitespace and punctuation.
    NoText,
    /// The text has no Chinese character.
    NoChinese,
    /// None of the text's words or character pairs is in the model's
    /// vocabulary.
    NoKnownFeature,
    /// The best label's probability is below the model's minimum.
    LowConfidence {
        /// The minimum in force ([`TopicModel::min_probability`]).
        min_probability: f64,
    },
}

impl std::fmt::Display for Abstention {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Abstention::NoText => f.write_str("no text"),
            Abstention::NoChinese => f.write_str("no Chinese text"),
            Abstention::NoKnownFeature => f.write_str("no word the model knows"),
            Abstention::LowConfidence { min_probability } => {
                write!(f, "no topic reaches probability {min_probability}")
            }
        }
    }
}

/// A predicted topic with the probability of every label.
///
/// `label` is `None` when the model abstains, and `abstention` says why;
/// the probabilities are given either way (for a text with nothing to go
/// on they are the model's prior).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// The most probable label, or `None` when no topic fits.
    pub label: Option<String>,
    /// The most probable label's probability.
    pub probability: f64,
    /// Probability of every label (they sum to 1), calibrated on held-out
    /// folds when the model was trained.
    pub scores: BTreeMap<String, f64>,
    /// Why there is no label (`None` when there is one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abstention: Option<Abstention>,
}

impl Prediction {
    /// The label, or `-` when the model abstained.
    pub fn label_or_dash(&self) -> &str {
        self.label.as_deref().unwrap_or("-")
    }
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
/// Prediction is a sparse dot product per label and a softmax: no dense
/// matrix, no loading per call. The shipped model is parsed once per
/// process.
///
/// ```
/// use jianbao::classify::TopicModel;
/// let model = TopicModel::shipped().unwrap();
/// let p = model.predict_text(None, "市委常委会召开会议，传达学习全会精神，研究部署全面从严治党工作。");
/// assert_eq!(p.label.as_deref(), Some("governance"));
/// assert!((p.scores.values().sum::<f64>() - 1.0).abs() < 1e-9);
/// // Nothing to go on: no label, and the reason.
/// assert_eq!(model.predict_text(None, "Hello, world!").label, None);
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
    /// Logits are divided by this before the softmax (fitted on held-out
    /// folds so that probabilities match how often the model is right).
    temperature: f64,
    /// Below this probability the model abstains.
    min_probability: f64,
    /// The analysis its texts were cut with; it predicts with the same.
    #[serde(default)]
    analysis: AnalysisSettings,
    /// Where it was trained and how it did in cross-validation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    report: Option<TrainingReport>,
    /// The analyzer of `analysis`, built when the model is made or loaded.
    #[serde(skip)]
    analyzer: Analyzer,
}

static SHIPPED: LazyLock<Result<Arc<TopicModel>>> = LazyLock::new(|| {
    TopicModel::from_json("<shipped>", include_str!("../../models/topic.json")).map(Arc::new)
});

impl TopicModel {
    #[cfg(feature = "train")]
    pub(crate) fn from_parts(
        analyzer: &Analyzer,
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
            temperature: 1.0,
            min_probability: DEFAULT_MIN_PROBABILITY,
            analysis: analyzer.settings().clone(),
            report: None,
            analyzer: analyzer.clone(),
        }
    }

    /// The model that ships with the crate (parsed once per process).
    ///
    /// # Errors
    ///
    /// [`Error::Model`] only if the built-in file is damaged (a build
    /// problem, never the caller's input).
    pub fn shipped() -> Result<&'static TopicModel> {
        Self::shipped_shared().map(|m| &**m)
    }

    /// The shipped model as a shared handle (no copy).
    pub(crate) fn shipped_shared() -> Result<&'static Arc<TopicModel>> {
        match &*SHIPPED {
            Ok(m) => Ok(m),
            Err(e) => Err(Error::model("<shipped>", e.to_string())),
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

    /// The analysis it was trained with and predicts with.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The feature options it was trained with.
    pub fn feature_params(&self) -> &FeatureParams {
        &self.features
    }

    /// Number of features.
    pub fn feature_count(&self) -> usize {
        self.vocabulary.len()
    }

    /// The softmax temperature fitted on held-out folds (1 if none was).
    pub fn temperature(&self) -> f64 {
        self.temperature
    }

    /// The probability below which the model gives no label.
    pub fn min_probability(&self) -> f64 {
        self.min_probability
    }

    /// The same model with another minimum probability: 0 never abstains
    /// for lack of confidence (texts with nothing to go on still get no
    /// label).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for a value outside `[0, 1]`.
    ///
    /// ```
    /// let model = jianbao::classify::TopicModel::shipped().unwrap().clone();
    /// let certain = model.with_min_probability(1.0).unwrap();
    /// let p = certain.predict_text(None, "今天的新闻");
    /// assert!(p.label.is_none());
    /// assert!(matches!(p.abstention, Some(jianbao::classify::Abstention::LowConfidence { .. })));
    /// ```
    pub fn with_min_probability(mut self, p: f64) -> Result<Self> {
        if !(0.0..=1.0).contains(&p) {
            return Err(Error::invalid(
                "min_probability",
                p,
                "a probability in [0, 1]",
            ));
        }
        self.min_probability = p;
        Ok(self)
    }

    #[cfg(feature = "train")]
    pub(crate) fn set_temperature(&mut self, t: f64) {
        self.temperature = t;
    }

    /// The training report saved with the model, if any.
    pub fn report(&self) -> Option<&TrainingReport> {
        self.report.as_ref()
    }

    /// Attaches a training report, saved with the model.
    pub fn with_report(mut self, report: TrainingReport) -> Self {
        self.report = Some(report);
        self
    }

    /// The columns of a text's known features, headline weighted.
    fn ids(&self, title: Option<&str>, body: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        let bigrams = self.features.char_bigrams;
        self.vocabulary
            .text_ids(body, &self.analyzer, bigrams, 1, &mut ids);
        if let Some(t) = title {
            self.vocabulary.text_ids(
                t,
                &self.analyzer,
                bigrams,
                self.features.title_weight,
                &mut ids,
            );
        }
        ids
    }

    /// Predicts the topic of an analysed document (its headline's words
    /// count [`FeatureParams::title_weight`] times).
    ///
    /// A document cut by an analyzer with this model's settings is read as
    /// it is (no second cut); any other is cut again with the model's own
    /// analysis, so the model always sees the terms it was trained on.
    ///
    /// A text with nothing to go on (empty, no Chinese, no known word)
    /// gets no label, with the reason; so does one whose best label is
    /// less probable than [`min_probability`](Self::min_probability).
    ///
    /// ```
    /// use jianbao::{analysis::Analyzer, classify::TopicModel};
    /// let model = TopicModel::shipped().unwrap();
    /// let body = "区人民医院开设老年病专科门诊，方便老年患者就医。";
    /// let doc = Analyzer::default().analyze_titled(Some("老人看病更方便"), body);
    /// let p = model.predict(&doc);
    /// assert_eq!(p.label.as_deref(), Some("public_services"));
    /// assert_eq!(p, model.predict_text(Some("老人看病更方便"), body));
    /// ```
    pub fn predict(&self, doc: &Document<'_>) -> Prediction {
        if !doc.analyzer().same_as(&self.analyzer) {
            return self.predict_text(doc.title(), doc.text());
        }
        let mut ids = Vec::with_capacity(doc.raw_occurrences().len() * 3);
        // Each distinct term is looked up once, then every occurrence counts.
        let columns = self.vocabulary.term_ids_of(doc.terms());
        ids.extend(doc.occurrence_ids().filter_map(|t| columns[t as usize]));
        if self.features.char_bigrams {
            self.vocabulary.bigram_ids(doc.text(), &mut ids);
        }
        if let Some(t) = doc.title()
            && self.features.title_weight > 0
        {
            let before = ids.len();
            let mut lower = String::new();
            ids.extend(
                doc.title_terms()
                    .iter()
                    .filter_map(|w| self.vocabulary.term_id(w, &mut lower)),
            );
            if self.features.char_bigrams {
                self.vocabulary.bigram_ids(t, &mut ids);
            }
            let once = ids[before..].to_vec();
            for _ in 1..self.features.title_weight {
                ids.extend_from_slice(&once);
            }
        }
        let x = self.vocabulary.vector(&mut ids);
        self.prediction(&self.logits(&x), || {
            doc.title()
                .into_iter()
                .chain([doc.text()])
                .map(str::to_string)
                .collect()
        })
    }

    /// Predicts the topic of a text (and its headline, if known), cut with
    /// the model's own analysis.
    ///
    /// ```
    /// let model = jianbao::classify::TopicModel::shipped().unwrap();
    /// let p = model.predict_text(Some("两市签署友好城市协议"), "双方将在经贸、教育等领域开展交流。");
    /// assert_eq!(p.label.as_deref(), Some("cooperation"));
    /// ```
    pub fn predict_text(&self, title: Option<&str>, body: &str) -> Prediction {
        let title = title.filter(|t| !t.trim().is_empty());
        let mut ids = self.ids(title, body);
        let x = self.vocabulary.vector(&mut ids);
        self.prediction(&self.logits(&x), || {
            title
                .into_iter()
                .chain([body])
                .map(str::to_string)
                .collect()
        })
    }

    /// The raw score of every label (before temperature and softmax).
    pub(crate) fn logits(&self, x: &[(u32, f32)]) -> Vec<f64> {
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

    /// The logits of a vector of a training text, for calibration.
    #[cfg(feature = "train")]
    pub(crate) fn logits_titled(&self, title: Option<&str>, body: &str) -> (Vec<f64>, bool) {
        let mut ids = self.ids(title, body);
        let known = !ids.is_empty();
        (self.logits(&self.vocabulary.vector(&mut ids)), known)
    }

    /// Predicts many texts, using every core; results are in input order.
    pub fn predict_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Prediction> {
        use rayon::prelude::*;
        texts
            .par_iter()
            .map(|t| self.predict_text(None, t.as_ref()))
            .collect()
    }

    /// Softmax of the tempered logits, and the label or the reason there is
    /// none. `texts` gives the text read (only asked for when no feature
    /// was known, to tell which reason applies).
    fn prediction(&self, logits: &[f64], texts: impl FnOnce() -> Vec<String>) -> Prediction {
        let probs = softmax(logits, self.temperature);
        let (best, &probability) = probs
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(&a.0)))
            .unwrap_or((0, &0.0));
        let bias_only = logits.iter().zip(&self.bias).all(|(l, &b)| *l == b as f64);
        let abstention = if bias_only {
            let texts = texts();
            Some(
                if !texts
                    .iter()
                    .any(|t| t.chars().any(crate::text::clean::is_word_char))
                {
                    Abstention::NoText
                } else if !texts
                    .iter()
                    .any(|t| t.chars().any(crate::text::clean::is_han))
                {
                    Abstention::NoChinese
                } else {
                    Abstention::NoKnownFeature
                },
            )
        } else if probability < self.min_probability {
            Some(Abstention::LowConfidence {
                min_probability: self.min_probability,
            })
        } else {
            None
        };
        Prediction {
            label: abstention.is_none().then(|| self.labels[best].clone()),
            probability,
            scores: self.labels.iter().cloned().zip(probs).collect(),
            abstention,
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
                    term: self.vocabulary.terms()[j].clone(),
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

    /// Why a text (and its headline) got its label: the prediction and the
    /// `k` features of the text that pushed hardest towards the most
    /// probable label.
    ///
    /// ```
    /// let model = jianbao::classify::TopicModel::shipped().unwrap();
    /// let (p, terms) = model.explain(None, "区人民医院与社区卫生服务中心组建医联体，方便居民就医。", 3);
    /// assert_eq!(p.label.as_deref(), Some("public_services"));
    /// assert_eq!(terms.len(), 3);
    /// ```
    pub fn explain(
        &self,
        title: Option<&str>,
        text: &str,
        k: usize,
    ) -> (Prediction, Vec<TermWeight>) {
        let p = self.predict_text(title, text);
        let mut ids = self.ids(title.filter(|t| !t.trim().is_empty()), text);
        let x = self.vocabulary.vector(&mut ids);
        let best = p
            .scores
            .iter()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(l, _)| l.as_str());
        let c = self
            .labels
            .iter()
            .position(|l| Some(l.as_str()) == best)
            .unwrap_or(0);
        let mut terms: Vec<TermWeight> = x
            .iter()
            .map(|&(j, v)| TermWeight {
                term: self.vocabulary.terms()[j as usize].clone(),
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
    ///
    /// # Errors
    ///
    /// [`Error::Io`] naming the path.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let json = serde_json::to_string(self).map_err(|e| Error::model(path, e.to_string()))?;
        std::fs::write(path, json).map_err(|e| Error::io(path, e))
    }

    /// Reads a model file written by [`save`](Self::save).
    ///
    /// Only a regular file is read (a device, a FIFO or a socket may never
    /// end, or never start), and never more than [`MAX_MODEL_BYTES`].
    ///
    /// # Errors
    ///
    /// [`Error::Io`] for a file that cannot be opened or read (or is not a
    /// regular file), [`Error::ModelVersion`] for a file of another format
    /// version, and [`Error::Model`] saying which for one that is too
    /// large, truncated, not a jianbao model, or whose parts do not agree
    /// (see [`from_json`](Self::from_json)).
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        use std::io::Read;
        let path = path.as_ref();
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if !meta.is_file() {
            let what = if meta.is_dir() {
                "is a directory, not a file"
            } else {
                "is not a regular file (a device, FIFO or socket)"
            };
            return Err(Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::InvalidInput, what),
            ));
        }
        // A regular file's length is known: a file too large is refused
        // before a byte is read. The read is bounded all the same, for a
        // file that grows while it is read.
        if meta.len() > MAX_MODEL_BYTES {
            return Err(Error::model(
                path,
                format!(
                    "{} bytes is larger than the {MAX_MODEL_BYTES}-byte limit",
                    meta.len()
                ),
            ));
        }
        let file = crate::open_file(path)?;
        let mut bytes = Vec::new();
        file.take(MAX_MODEL_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, e))?;
        if bytes.len() as u64 > MAX_MODEL_BYTES {
            return Err(Error::model(
                path,
                format!("the file is larger than the {MAX_MODEL_BYTES}-byte limit"),
            ));
        }
        let text = crate::decode_utf8(path, bytes)?;
        Self::from_json(path, &text)
    }

    /// Parses a model from JSON text; `path` names it in errors.
    ///
    /// # Errors
    ///
    /// [`Error::ModelVersion`] for another format version; [`Error::Model`]
    /// for text that is empty, truncated, not a jianbao model, or whose
    /// labels, vocabulary, weights and kind do not agree: at most
    /// [`MAX_LABELS`] distinct labels and [`MAX_FEATURES`] distinct
    /// features, a weight row per label and a weight per feature, finite
    /// numbers, positive IDFs, and for naive Bayes rows of
    /// log-probabilities.
    pub fn from_json(path: impl AsRef<Path>, json: &str) -> Result<Self> {
        let path = path.as_ref();
        let bad = |reason: String| Error::model(path, reason);
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
        match &env.version {
            Some(v) if v.as_u64() == Some(FORMAT_VERSION as u64) => {}
            found => {
                return Err(Error::ModelVersion {
                    path: path.to_path_buf(),
                    found: found
                        .as_ref()
                        .map_or_else(|| "missing".to_string(), |v| v.to_string()),
                    expected: FORMAT_VERSION,
                });
            }
        }
        let raw: TopicModel =
            serde_json::from_str(json).map_err(|e| bad(format!("malformed model ({e})")))?;
        let mut model = raw.validated().map_err(bad)?;
        model.analyzer = Analyzer::from_settings(&model.analysis)
            .map_err(|e| bad(format!("analysis settings: {e}")))?;
        Ok(model)
    }

    fn validated(self) -> std::result::Result<Self, String> {
        let k = self.labels.len();
        let v = self.vocabulary.terms().len();
        if !(2..=MAX_LABELS).contains(&k) {
            return Err(format!(
                "a model needs 2 to {MAX_LABELS} labels, this one has {k}"
            ));
        }
        if v == 0 || v > MAX_FEATURES {
            return Err(format!(
                "a model needs 1 to {MAX_FEATURES} features, this one has {v}"
            ));
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
        if self.weights.iter().any(|row| row.len() != v) || self.vocabulary.idf().len() != v {
            return Err(format!("weights or IDF do not match the {v} features"));
        }
        let finite = |x: &f32| x.is_finite();
        if !self.weights.iter().flatten().all(finite) || !self.bias.iter().all(finite) {
            return Err("weights contain NaN or infinite values".into());
        }
        if !self
            .vocabulary
            .idf()
            .iter()
            .all(|x| x.is_finite() && *x > 0.0)
        {
            return Err("every IDF must be a positive finite number".into());
        }
        if !(self.temperature.is_finite() && self.temperature > 0.0) {
            return Err(format!("temperature {} is not positive", self.temperature));
        }
        if !(0.0..=1.0).contains(&self.min_probability) {
            return Err(format!(
                "min_probability {} is not in [0, 1]",
                self.min_probability
            ));
        }
        if self.kind == ModelKind::NaiveBayes {
            // Each row is the log-probability of every feature given the
            // label: at most 0, and their probabilities sum to 1.
            for (label, row) in self.labels.iter().zip(&self.weights) {
                let total: f64 = row.iter().map(|&w| (w as f64).exp()).sum();
                if row.iter().any(|&w| w > 0.0) || (total - 1.0).abs() > 1e-3 {
                    return Err(format!(
                        "the row of `{label}` is not naive-Bayes log-probabilities (they sum to {total:.4}); is the kind right?"
                    ));
                }
            }
        }
        self.features
            .check()
            .map_err(|e| format!("feature options: {e}"))?;
        let vocabulary = Vocabulary::new(
            self.vocabulary.terms().to_vec(),
            self.vocabulary.idf().to_vec(),
        );
        if vocabulary.distinct() != v {
            return Err("the vocabulary lists a feature twice".into());
        }
        Ok(TopicModel { vocabulary, ..self })
    }
}

/// The softmax of `logits / temperature`.
pub(crate) fn softmax(logits: &[f64], temperature: f64) -> Vec<f64> {
    let max = logits.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let exp: Vec<f64> = logits
        .iter()
        .map(|l| ((l - max) / temperature).exp())
        .collect();
    let total: f64 = exp.iter().sum();
    exp.iter().map(|e| e / total).collect()
}
