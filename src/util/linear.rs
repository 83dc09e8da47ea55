//! A logistic scorer saved as named weights: what the learned keyword and
//! sentence scorers are, fitted by `linfa-logistic`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Weights over named features and a bias; a score is the logistic of
/// their dot product with the features.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct LinearModel {
    format: String,
    version: u32,
    /// The feature names the weights are for.
    features: Vec<String>,
    weights: Vec<f64>,
    bias: f64,
    /// Where it was fitted: each set's name and its number of texts.
    #[serde(default)]
    trained_on: Vec<(String, usize)>,
}

/// What a file of a given kind must hold: its format name, its version,
/// the features this build computes.
pub(crate) struct Kind {
    pub(crate) format: &'static str,
    pub(crate) version: u32,
    pub(crate) features: &'static [&'static str],
}

impl LinearModel {
    #[cfg(feature = "train")]
    pub(crate) fn new(
        kind: &Kind,
        weights: Vec<f64>,
        bias: f64,
        trained_on: Vec<(String, usize)>,
    ) -> Self {
        LinearModel {
            format: kind.format.into(),
            version: kind.version,
            features: kind.features.iter().map(|s| s.to_string()).collect(),
            weights,
            bias,
            trained_on,
        }
    }

    /// The sets it was fitted on, with their sizes.
    pub(crate) fn trained_on(&self) -> &[(String, usize)] {
        &self.trained_on
    }

    /// The logistic of the weights' dot product with `features`.
    pub(crate) fn probability(&self, features: &[f64]) -> f64 {
        let z = self.bias
            + self
                .weights
                .iter()
                .zip(features)
                .map(|(w, x)| w * x)
                .sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Parses a model of `kind`; `path` names it in errors.
    pub(crate) fn from_json(path: &Path, json: &str, kind: &Kind) -> Result<Self> {
        let bad = |reason: String| Error::model(path, reason);
        let m: LinearModel = serde_json::from_str(json)
            .map_err(|e| bad(format!("not a {} file ({e})", kind.format)))?;
        if m.format != kind.format {
            return Err(bad(format!(
                "format {:?} is not {:?}",
                m.format, kind.format
            )));
        }
        if m.version != kind.version {
            return Err(Error::ModelVersion {
                path: path.to_path_buf(),
                found: m.version.to_string(),
                expected: kind.version,
            });
        }
        if m.features
            .iter()
            .map(String::as_str)
            .ne(kind.features.iter().copied())
            || m.weights.len() != kind.features.len()
        {
            return Err(bad(
                "its features are not the ones this build computes".into()
            ));
        }
        if !m.weights.iter().chain([&m.bias]).all(|w| w.is_finite()) {
            return Err(bad("weights contain NaN or infinite values".into()));
        }
        Ok(m)
    }

    /// The text of a scorer file: a regular file of at most 1 MB.
    pub(crate) fn read(path: &Path) -> Result<String> {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if !meta.is_file() || meta.len() > 1 << 20 {
            return Err(Error::model(path, "not a regular file of at most 1 MB"));
        }
        crate::read_text_file(path)
    }
}

/// Writes a scorer (a model and whatever it adds) as pretty JSON.
pub(crate) fn save_json(path: &Path, scorer: &impl Serialize) -> Result<()> {
    let json =
        serde_json::to_string_pretty(scorer).map_err(|e| Error::model(path, e.to_string()))?;
    std::fs::write(path, json + "\n").map_err(|e| Error::io(path, e))
}

/// Fits binary logistic regression (`linfa-logistic`) on rows of features
/// and their labels; returns the weights and bias that give the
/// probability of `true`.
#[cfg(feature = "train")]
pub(crate) fn fit_logistic(
    rows: &[(Vec<f64>, bool)],
    width: usize,
    l2: f64,
) -> Result<(Vec<f64>, f64)> {
    use linfa::prelude::{Dataset, Fit};
    if rows.iter().all(|(_, y)| *y) || rows.iter().all(|(_, y)| !*y) {
        return Err(Error::EmptyData("the examples have one label only".into()));
    }
    let x = ndarray::Array2::from_shape_fn((rows.len(), width), |(i, j)| rows[i].0[j]);
    let y: ndarray::Array1<bool> = rows.iter().map(|(_, y)| *y).collect();
    let fitted = linfa_logistic::LogisticRegression::default()
        .alpha(l2)
        .max_iterations(500)
        .fit(&Dataset::new(x, y))
        .map_err(|e| Error::model("<logistic regression>", e.to_string()))?;
    // linfa gives the probability of its `pos` label; make it `true`'s.
    let sign = if fitted.labels().pos.class { 1.0 } else { -1.0 };
    Ok((
        fitted.params().iter().map(|w| sign * w).collect(),
        sign * fitted.intercept(),
    ))
}
