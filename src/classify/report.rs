//! What a training run reports: where the texts came from, how each
//! candidate did in cross-validation, and what was chosen.

use serde::{Deserialize, Serialize};

use super::corpus::Source;
use super::metrics::ClassificationReport;

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

impl TrainingReport {
    /// The report as text: the sources, every candidate's score, the
    /// chosen one's figures per source, its calibration.
    pub fn to_table(&self) -> String {
        let mut s = String::new();
        for src in &self.sources {
            s += &format!(
                "source {}: {} texts, weight {}\n",
                src.name, src.count, src.weight
            );
        }
        s += &format!(
            "{}-fold cross-validation (seed {}), chosen on {}\n",
            self.folds,
            self.seed,
            self.chosen_on.as_deref().unwrap_or("all texts")
        );
        for c in &self.candidates {
            let folds: Vec<String> = c.fold_scores.iter().map(|f| format!("{f:.3}")).collect();
            s += &format!(
                "  {:<36} macro-F1 {:.3}  folds {}\n",
                c.name,
                c.score,
                folds.join(" ")
            );
        }
        s += &format!("chosen: {}\n", self.chosen);
        for src in &self.per_source {
            let per: Vec<String> = src
                .report
                .per_label
                .iter()
                .filter(|l| l.support > 0)
                .map(|l| format!("{} {:.3}", l.label, l.f1))
                .collect();
            s += &format!(
                "  {:<24} accuracy {:.3} macro-F1 {:.3}  ({})\n",
                src.source,
                src.report.accuracy,
                src.report.macro_f1,
                per.join(", ")
            );
        }
        s += &format!(
            "pooled: accuracy {:.3} macro-F1 {:.3}\ntemperature {:.3}: log-loss {:.3} -> {:.3}, calibration error {:.3} -> {:.3}\n",
            self.pooled.accuracy,
            self.pooled.macro_f1,
            self.temperature,
            self.log_loss.0,
            self.log_loss.1,
            self.calibration_error.0,
            self.calibration_error.1
        );
        s
    }
}
