//! Choosing a model: cross-validation that never lets an article into both
//! sides of a fold, calibration of the chosen model's probabilities, and the
//! policy that picks among candidate options.

use std::collections::HashMap;

use rayon::prelude::*;

use super::corpus::Corpus;
use super::metrics::ClassificationReport;
use super::model::{ModelKind, TopicModel, softmax};
use super::report::{CandidateReport, SourceReport, TrainingReport};
use super::train::{Prepared, TrainParams, check_corpus};
use crate::error::{Error, Result};

/// How a model is chosen: the candidates, and the cross-validation that
/// scores them.
///
/// | option | default | range |
/// |---|---|---|
/// | [`folds`](Self::folds) | 5 | 2 to the smallest label's count |
/// | [`seed`](Self::seed) | 42 | |
/// | [`choose_on`](Self::choose_on) | all texts | a source of the corpus |
/// | [`candidates`](Self::candidates) | [`Selection::default_candidates`] | at least one |
///
/// ```no_run
/// use jianbao::classify::{Corpus, Selection};
/// use jianbao::jsonl::BadLines;
/// let mut corpus = Corpus::read_jsonl("models/corpus/topics.jsonl", BadLines::Fail).unwrap();
/// corpus.add_jsonl("real_articles.jsonl", 2, BadLines::Fail).unwrap();
/// let chosen = Selection::default().choose_on("real_articles").run(&corpus, |_| {}).unwrap();
/// chosen.model.save("topic.json").unwrap();
/// ```
#[derive(Debug, Clone)]
pub struct Selection {
    folds: usize,
    seed: u64,
    choose_on: Option<String>,
    candidates: Vec<TrainParams>,
}

impl Default for Selection {
    fn default() -> Self {
        Selection {
            folds: 5,
            seed: 42,
            choose_on: None,
            candidates: Self::default_candidates(),
        }
    }
}

/// The chosen model and the report of how it was chosen.
#[derive(Debug, Clone)]
pub struct Chosen {
    /// The model, trained on the whole corpus with the winning options,
    /// its probabilities calibrated and its report attached.
    pub model: TopicModel,
    /// The winning options.
    pub params: TrainParams,
}

impl Selection {
    /// Logistic regression at four strengths of L2 penalty and naive Bayes,
    /// all with the default features.
    pub fn default_candidates() -> Vec<TrainParams> {
        let mut c: Vec<TrainParams> = [0.03, 0.1, 0.3, 1.0]
            .into_iter()
            .map(|l2| TrainParams::default().l2(l2))
            .collect();
        c.push(TrainParams::default().kind(ModelKind::NaiveBayes));
        c
    }

    /// Folds of cross-validation (default 5).
    pub fn folds(mut self, k: usize) -> Self {
        self.folds = k;
        self
    }

    /// The seed that shuffles texts into folds (default 42).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Score candidates on the out-of-fold predictions of this source's
    /// texts only (every source is still trained on and folded). Use it to
    /// choose for real news when the corpus mixes real and written texts.
    pub fn choose_on(mut self, source: impl Into<String>) -> Self {
        self.choose_on = Some(source.into());
        self
    }

    /// The options to choose among (default [`default_candidates`](Self::default_candidates)).
    pub fn candidates(mut self, candidates: Vec<TrainParams>) -> Self {
        self.candidates = candidates;
        self
    }

    /// Cross-validates every candidate, trains the best on the whole corpus,
    /// fits its temperature on its out-of-fold logits and attaches the
    /// report. `progress` is told each candidate's name as it starts.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for no candidates, a bad candidate, a
    /// fold count out of range or an unknown `choose_on` source; the errors
    /// of [`TrainParams::fit`].
    pub fn run(&self, corpus: &Corpus, mut progress: impl FnMut(&str)) -> Result<Chosen> {
        if self.candidates.is_empty() {
            return Err(Error::invalid(
                "candidates",
                "none",
                "at least one set of options",
            ));
        }
        for c in &self.candidates {
            c.check()?;
        }
        check_corpus(corpus)?;
        let scored_source = match &self.choose_on {
            Some(name) => Some(corpus.source_index(name).ok_or_else(|| {
                let names: Vec<&str> = corpus.sources().iter().map(|s| s.name.as_str()).collect();
                Error::invalid("choose_on", name, format!("one of the sources {names:?}"))
            })?),
            None => None,
        };
        let folds = folds(corpus, self.folds, self.seed)?;
        let mut tried: Vec<(CandidateReport, OutOfFold, TrainParams)> = Vec::new();
        // Candidates with the same features share one extraction.
        let mut prepared: Vec<Prepared<'_>> = Vec::new();
        for params in &self.candidates {
            progress(&params.describe());
            let at = prepared_for(&mut prepared, corpus, params);
            let prep = &prepared[at];
            let oof = out_of_fold(prep, &folds, params)?;
            let scored = |i: usize| scored_source.is_none_or(|s| corpus.items[i].source == s);
            let fold_scores = folds
                .iter()
                .map(|f| {
                    oof.report(prep, f.iter().copied().filter(|&i| scored(i)))
                        .macro_f1
                })
                .collect();
            let score = oof
                .report(prep, (0..corpus.len()).filter(|&i| scored(i)))
                .macro_f1;
            tried.push((
                CandidateReport {
                    name: params.describe(),
                    score,
                    fold_scores,
                },
                oof,
                params.clone(),
            ));
        }
        // Best first; ties keep the earlier candidate.
        let mut order: Vec<usize> = (0..tried.len()).collect();
        order.sort_by(|&a, &b| {
            tried[b]
                .0
                .score
                .total_cmp(&tried[a].0.score)
                .then(a.cmp(&b))
        });
        let best = order[0];
        let (_, oof, params) = &tried[best];
        let at = prepared_for(&mut prepared, corpus, params);
        let prep = &prepared[at];
        let temperature = fit_temperature(&oof.logits, &prep.y);
        let per_source = corpus
            .sources()
            .iter()
            .enumerate()
            .map(|(s, source)| SourceReport {
                source: source.name.clone(),
                report: oof.report(
                    prep,
                    (0..corpus.len()).filter(|&i| corpus.items[i].source == s),
                ),
            })
            .collect();
        let report = TrainingReport {
            sources: corpus.sources().to_vec(),
            folds: self.folds,
            seed: self.seed,
            chosen_on: self.choose_on.clone(),
            candidates: order.iter().map(|&i| tried[i].0.clone()).collect(),
            chosen: params.describe(),
            per_source,
            pooled: oof.report(prep, 0..corpus.len()),
            temperature,
            log_loss: (
                log_loss(&oof.logits, &prep.y, 1.0),
                log_loss(&oof.logits, &prep.y, temperature),
            ),
            calibration_error: (
                calibration_error(&oof.logits, &prep.y, 1.0),
                calibration_error(&oof.logits, &prep.y, temperature),
            ),
        };
        let all: Vec<usize> = (0..corpus.len()).collect();
        let mut model = prep.fit(&all, params)?;
        model.set_temperature(temperature);
        Ok(Chosen {
            model: model.with_report(report),
            params: params.clone(),
        })
    }
}

/// The index in `prepared` of the features `params` asks for, extracting
/// them if no earlier candidate did.
fn prepared_for<'c>(
    prepared: &mut Vec<Prepared<'c>>,
    corpus: &'c Corpus,
    params: &TrainParams,
) -> usize {
    match prepared.iter().position(|p| p.extracted_as(params)) {
        Some(p) => p,
        None => {
            prepared.push(Prepared::new(corpus, params));
            prepared.len() - 1
        }
    }
}

/// The logits every text got from the model of the fold that held it out.
struct OutOfFold {
    logits: Vec<Vec<f64>>,
}

impl OutOfFold {
    /// The report of the texts at `indices` (argmax labels).
    fn report(
        &self,
        prep: &Prepared<'_>,
        indices: impl Iterator<Item = usize>,
    ) -> ClassificationReport {
        let pairs: Vec<(&str, &str)> = indices
            .map(|i| {
                let best = argmax(&self.logits[i]);
                (prep.labels[prep.y[i]].as_str(), prep.labels[best].as_str())
            })
            .collect();
        ClassificationReport::from_pairs(pairs)
    }
}

fn argmax(v: &[f64]) -> usize {
    v.iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(&a.0)))
        .map_or(0, |(i, _)| i)
}

/// A fold's held-out texts with their logits.
type HeldOut = Vec<(usize, Vec<f64>)>;

/// Trains on all folds but one, on every core, and records the held-out
/// texts' logits. Folds are fitted side by side only as many at a time as
/// their dense training matrices fit together in
/// [`FeatureParams::max_matrix_bytes`](crate::classify::FeatureParams), so
/// the budget bounds the whole cross-validation, not each fold (50 000
/// texts: 2.5 GB with two folds at once, about half with one); the result
/// is the same either way.
fn out_of_fold(
    prep: &Prepared<'_>,
    folds: &[Vec<usize>],
    params: &TrainParams,
) -> Result<OutOfFold> {
    let n = prep.corpus.len();
    let at_once = folds_at_once(prep, folds, params);
    let per_fold: Vec<Result<HeldOut>> = folds
        .chunks(at_once)
        .flat_map(|chunk| {
            chunk
                .par_iter()
                .map(|test| fold_logits(prep, test, params))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut logits = vec![Vec::new(); n];
    for fold in per_fold {
        for (i, l) in fold? {
            logits[i] = l;
        }
    }
    Ok(OutOfFold { logits })
}

/// How many folds' dense matrices fit in the budget together: a fold's
/// matrix holds its training rows times its features, at most
/// `max_features` and at most what the budget allows for those rows.
fn folds_at_once(prep: &Prepared<'_>, folds: &[Vec<usize>], params: &TrainParams) -> usize {
    let Some((budget, max_features)) = params.dense_matrix_budget() else {
        return folds.len().max(1);
    };
    let rows: usize = (0..prep.corpus.len())
        .map(|i| prep.corpus.weight_of(i) as usize)
        .sum();
    let largest_train = rows - folds.iter().map(Vec::len).min().unwrap_or(0).min(rows);
    let features = max_features.min(budget / (4 * largest_train.max(1))).max(1);
    let matrix = 4 * largest_train * features;
    (budget / matrix.max(1)).clamp(1, folds.len().max(1))
}

/// Trains on every text but `test`'s and gives `test`'s logits.
fn fold_logits(prep: &Prepared<'_>, test: &[usize], params: &TrainParams) -> Result<HeldOut> {
    let n = prep.corpus.len();
    let mut held_out = vec![false; n];
    for &i in test {
        held_out[i] = true;
    }
    let train: Vec<usize> = (0..n).filter(|&i| !held_out[i]).collect();
    let model = prep.fit(&train, params)?;
    Ok(test
        .iter()
        .map(|&i| {
            let it = &prep.corpus.items[i];
            (i, model.logits_titled(it.title.as_deref(), &it.text).0)
        })
        .collect())
}

/// Splits the corpus into `k` folds, shuffled by `seed`: texts of each
/// source and label are spread evenly over the folds, and texts that are
/// the same article (the same body once whitespace is dropped) always
/// share a fold, so no fold is scored on an article it trained on.
fn folds(corpus: &Corpus, k: usize, seed: u64) -> Result<Vec<Vec<usize>>> {
    let smallest = corpus.label_counts().values().copied().min().unwrap_or(0);
    if k < 2 || k > smallest {
        return Err(Error::invalid(
            "folds",
            k,
            format!("2 to {smallest} (the smallest label's count)"),
        ));
    }
    // Group the copies of an article.
    let mut group_of: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, it) in corpus.items.iter().enumerate() {
        let key: String = it.text.chars().filter(|c| !c.is_whitespace()).collect();
        let g = *group_of.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    // Strata: a group's first text's (source, label).
    let mut strata: std::collections::BTreeMap<(usize, &str), Vec<usize>> = Default::default();
    for (g, members) in groups.iter().enumerate() {
        let it = &corpus.items[members[0]];
        strata
            .entry((it.source, it.label.as_str()))
            .or_default()
            .push(g);
    }
    let mut rng = SplitMix64(seed);
    let mut out = vec![Vec::new(); k];
    let mut next = 0;
    for gs in strata.values_mut() {
        for i in (1..gs.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            gs.swap(i, j);
        }
        for &g in gs.iter() {
            out[next % k].extend(&groups[g]);
            next += 1;
        }
    }
    for f in &mut out {
        f.sort_unstable();
    }
    Ok(out)
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

/// Mean negative log-likelihood of the true labels at a temperature.
fn log_loss(logits: &[Vec<f64>], y: &[usize], t: f64) -> f64 {
    let total: f64 = logits
        .iter()
        .zip(y)
        .map(|(l, &c)| -softmax(l, t)[c].max(1e-12).ln())
        .sum();
    total / logits.len().max(1) as f64
}

/// The temperature that minimises the log-loss, by golden-section search
/// over `ln t` in `[ln 0.05, ln 20]` (the loss is unimodal in `t`).
fn fit_temperature(logits: &[Vec<f64>], y: &[usize]) -> f64 {
    let f = |u: f64| log_loss(logits, y, u.exp());
    let (mut a, mut b) = (0.05f64.ln(), 20f64.ln());
    let g = (5f64.sqrt() - 1.0) / 2.0;
    let (mut c, mut d) = (b - g * (b - a), a + g * (b - a));
    let (mut fc, mut fd) = (f(c), f(d));
    for _ in 0..60 {
        if fc < fd {
            b = d;
            d = c;
            fd = fc;
            c = b - g * (b - a);
            fc = f(c);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + g * (b - a);
            fd = f(d);
        }
    }
    ((a + b) / 2.0).exp()
}

/// Expected calibration error: the top probability against how often the
/// top label is right, over 10 equal-width bins, weighted by bin size.
fn calibration_error(logits: &[Vec<f64>], y: &[usize], t: f64) -> f64 {
    let mut bins = [(0usize, 0f64, 0usize); 10];
    for (l, &c) in logits.iter().zip(y) {
        let p = softmax(l, t);
        let best = argmax(&p);
        let bin = ((p[best] * 10.0) as usize).min(9);
        bins[bin].0 += 1;
        bins[bin].1 += p[best];
        bins[bin].2 += (best == c) as usize;
    }
    let n = logits.len().max(1) as f64;
    bins.iter()
        .filter(|b| b.0 > 0)
        .map(|&(_, conf, right)| (conf - right as f64).abs() / n)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_of_an_article_share_a_fold() {
        let mut pairs: Vec<(String, &str)> = Vec::new();
        for i in 0..12 {
            pairs.push((format!("会议第{i}次召开"), "governance"));
            pairs.push((format!("比赛第{i}场开打"), "culture"));
        }
        pairs.push(("会议第0次召开".into(), "governance"));
        let corpus = Corpus::from_pairs(pairs.iter().map(|(t, l)| (t.as_str(), *l)));
        let f = folds(&corpus, 3, 7).unwrap();
        let fold_of = |i: usize| f.iter().position(|x| x.contains(&i)).unwrap();
        assert_eq!(fold_of(0), fold_of(24));
        assert_eq!(f, folds(&corpus, 3, 7).unwrap());
        assert_eq!(f.iter().map(Vec::len).sum::<usize>(), corpus.len());
    }

    #[test]
    fn temperature_undoes_overconfidence() {
        // Logits ten times too sharp: right 3 times in 4 at "certainty".
        let logits: Vec<Vec<f64>> = (0..400).map(|_| vec![20.0, 0.0]).collect();
        let y: Vec<usize> = (0..400).map(|i| (i % 4 == 0) as usize).collect();
        let t = fit_temperature(&logits, &y);
        let p = softmax(&logits[0], t)[0];
        assert!((p - 0.75).abs() < 0.01, "{t} {p}");
        assert!(calibration_error(&logits, &y, t) < calibration_error(&logits, &y, 1.0));
    }
}
