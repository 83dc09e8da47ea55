//! What a training run reports: where the texts came from, how each
//! candidate did in cross-validation, and what was chosen.

use serde::{Deserialize, Serialize};

use super::corpus::Source;
use crate::eval::ClassificationReport;

/// How one set of training options did in cross-validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateReport {
    /// The options, in words (`logreg l2=0.1 title×3`).
    pub name: String,
    /// Macro-F1 of the out-of-fold predictions of the texts of the source
    /// the choice is made on (or of all texts).
    pub score: f64,
    /// Macro-F1 of each fold (over the same texts).
    pub fold_scores: Vec<f64>,
}

/// Cross-validation of one source's texts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceReport {
    /// The source's name.
    pub source: String,
    /// Its texts' out-of-fold predictions against their labels.
    pub report: ClassificationReport,
}

/// Cross-validation figures of a training run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingReport {
    /// The sources trained on, with their counts and weights.
    pub sources: Vec<Source>,
    /// Number of folds.
    pub folds: usize,
    /// The shuffling seed.
    pub seed: u64,
    /// The source the options were chosen on (`None`: all texts).
    pub chosen_on: Option<String>,
    /// Every candidate tried, best first.
    pub candidates: Vec<CandidateReport>,
    /// The chosen candidate's name.
    pub chosen: String,
    /// The chosen candidate's out-of-fold predictions, per source.
    pub per_source: Vec<SourceReport>,
    /// The chosen candidate's out-of-fold predictions of all texts.
    pub pooled: ClassificationReport,
    /// The softmax temperature fitted on the out-of-fold logits.
    pub temperature: f64,
    /// Mean negative log-likelihood of the true labels out of fold, before
    /// and after the temperature.
    pub log_loss: (f64, f64),
    /// Expected calibration error (10 bins of the top probability) out of
    /// fold, before and after the temperature.
    pub calibration_error: (f64, f64),
}
