//! Accuracy, macro-F1, per-label scores and the confusion matrix of a
//! classifier's predictions.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Precision, recall and F1 of one label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelScore {
    /// The label.
    pub label: String,
    /// Of the items predicted as this label, the share that are.
    pub precision: f64,
    /// Of the items that are this label, the share predicted so.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
    /// Number of items whose true label this is.
    pub support: usize,
}

/// Accuracy, macro-F1, per-label scores and the confusion matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassificationReport {
    /// Labels in row/column order of [`confusion`](Self::confusion).
    pub labels: Vec<String>,
    /// `confusion[i][j]`: items of true label `i` predicted as label `j`.
    pub confusion: Vec<Vec<usize>>,
    /// Share of items predicted right.
    pub accuracy: f64,
    /// Mean F1 over the labels that occur as true labels.
    pub macro_f1: f64,
    /// Scores of every label (true or predicted).
    pub per_label: Vec<LabelScore>,
}

impl ClassificationReport {
    /// Builds the report from pairs of (true label, predicted label).
    ///
    /// Labels that are only ever predicted (never true) get a row and
    /// column, count against precision and accuracy, but are left out of
    /// the macro mean, as scikit-learn does with `labels=` the true ones.
    ///
    /// ```
    /// use jianbao::eval::ClassificationReport;
    /// let pairs = [("culture", "culture"), ("culture", "governance"), ("governance", "governance")];
    /// let r = ClassificationReport::from_pairs(pairs);
    /// assert!((r.accuracy - 2.0 / 3.0).abs() < 1e-12);
    /// assert_eq!(r.confusion, vec![vec![1, 1], vec![0, 1]]);
    /// ```
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
        let mut index: BTreeMap<&str, usize> = BTreeMap::new();
        for (t, p) in &pairs {
            index.entry(t).or_insert(0);
            index.entry(p).or_insert(0);
        }
        let labels: Vec<String> = index.keys().map(|s| s.to_string()).collect();
        for (i, v) in index.values_mut().enumerate() {
            *v = i;
        }
        let k = labels.len();
        let mut confusion = vec![vec![0usize; k]; k];
        for (t, p) in &pairs {
            confusion[index[t]][index[p]] += 1;
        }
        let correct: usize = (0..k).map(|i| confusion[i][i]).sum();
        let per_label: Vec<LabelScore> = (0..k)
            .map(|i| {
                let tp = confusion[i][i] as f64;
                let predicted: usize = (0..k).map(|r| confusion[r][i]).sum();
                let support: usize = confusion[i].iter().sum();
                let precision = if predicted > 0 {
                    tp / predicted as f64
                } else {
                    0.0
                };
                let recall = if support > 0 {
                    tp / support as f64
                } else {
                    0.0
                };
                let f1 = if precision + recall > 0.0 {
                    2.0 * precision * recall / (precision + recall)
                } else {
                    0.0
                };
                LabelScore {
                    label: labels[i].clone(),
                    precision,
                    recall,
                    f1,
                    support,
                }
            })
            .collect();
        let true_labels: Vec<&LabelScore> = per_label.iter().filter(|l| l.support > 0).collect();
        let macro_f1 = if true_labels.is_empty() {
            0.0
        } else {
            true_labels.iter().map(|l| l.f1).sum::<f64>() / true_labels.len() as f64
        };
        ClassificationReport {
            accuracy: if pairs.is_empty() {
                0.0
            } else {
                correct as f64 / pairs.len() as f64
            },
            labels,
            confusion,
            macro_f1,
            per_label,
        }
    }

    /// A plain-text table: per-label figures, then the confusion matrix.
    pub fn to_table(&self) -> String {
        let mut s = format!(
            "accuracy {:.3}  macro-F1 {:.3}\n\n{:<18} {:>9} {:>9} {:>9} {:>8}\n",
            self.accuracy, self.macro_f1, "label", "precision", "recall", "f1", "support"
        );
        for l in &self.per_label {
            s += &format!(
                "{:<18} {:>9.3} {:>9.3} {:>9.3} {:>8}\n",
                l.label, l.precision, l.recall, l.f1, l.support
            );
        }
        s += "\nconfusion (rows: true, columns: predicted)\n";
        s += &format!("{:<18}", "");
        for l in &self.labels {
            s += &format!(" {:>16}", l);
        }
        s += "\n";
        for (l, row) in self.labels.iter().zip(&self.confusion) {
            s += &format!("{l:<18}");
            for c in row {
                s += &format!(" {c:>16}");
            }
            s += "\n";
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn report_per_label_and_macro() {
        let pairs = [("a", "a"), ("a", "a"), ("a", "b"), ("b", "b"), ("b", "c")];
        let r = ClassificationReport::from_pairs(pairs);
        assert_eq!(r.labels, vec!["a", "b", "c"]);
        let a = &r.per_label[0];
        assert!(close(a.precision, 1.0) && close(a.recall, 2.0 / 3.0));
        let b = &r.per_label[1];
        assert!(close(b.precision, 0.5) && close(b.recall, 0.5));
        // c is never a true label: out of the macro mean.
        assert!(close(r.macro_f1, (0.8 + 0.5) / 2.0));
        assert!(close(r.accuracy, 0.6));
    }
}
