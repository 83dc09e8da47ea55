//! Scoring a topic model on labelled texts.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::ClassificationReport;
use crate::classify::TopicModel;

/// One line of a labelled set: `{"id"?, "title"?, "text", "label"}`.
#[derive(Debug, Clone, Deserialize)]
pub struct LabeledRow {
    /// The headline, when the set gives one (it is given to the model).
    #[serde(default)]
    pub title: Option<String>,
    /// The text.
    pub text: String,
    /// Its topic.
    pub label: String,
}

/// The figures of a model on a set.
#[derive(Debug, Clone, Serialize)]
pub struct TopicScores {
    /// Per-label figures and confusion; a text the model gave no label
    /// counts as predicted `-` (an error).
    pub report: ClassificationReport,
    /// Texts the model gave no label.
    pub abstained: usize,
    /// Labels of the set the model does not have (their texts are always
    /// errors).
    pub unknown_labels: Vec<String>,
    /// Characters classified per second, on every core.
    pub chars_per_second: f64,
}

impl std::fmt::Display for TopicScores {
    /// The counts, then the report's table.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n: usize = self.report.confusion.iter().flatten().sum();
        write!(
            f,
            "{n} documents, {} without a label, {:.0} chars/s\n{}",
            self.abstained,
            self.chars_per_second,
            self.report.to_table()
        )
    }
}

/// Classifies every row (title and text) with `model` and scores it.
pub fn score_topics(rows: &[LabeledRow], model: &TopicModel) -> TopicScores {
    let started = std::time::Instant::now();
    let predicted: Vec<Option<String>> = rows
        .par_iter()
        .map(|r| model.predict_text(r.title.as_deref(), &r.text).label)
        .collect();
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    let chars: usize = rows.iter().map(|r| r.text.chars().count()).sum();
    let report = ClassificationReport::from_pairs(
        rows.iter()
            .zip(&predicted)
            .map(|(r, p)| (r.label.as_str(), p.as_deref().unwrap_or("-"))),
    );
    let mut unknown_labels: Vec<String> = rows
        .iter()
        .map(|r| r.label.clone())
        .filter(|l| !model.labels().contains(l))
        .collect();
    unknown_labels.sort();
    unknown_labels.dedup();
    TopicScores {
        report,
        unknown_labels,
        abstained: predicted.iter().filter(|p| p.is_none()).count(),
        chars_per_second: chars as f64 / secs,
    }
}
