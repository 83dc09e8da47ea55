//! Measuring: ROUGE for summaries, P@k and fragments for keywords,
//! accuracy and F1 for topics.
//!
//! # Tokenisation for ROUGE
//!
//! ROUGE numbers are only comparable when the tokens match, so the rule is
//! fixed and is the one the peer scripts use:
//!
//! - each CJK unified ideograph (U+4E00–U+9FFF) is one token;
//! - each run of ASCII letters and digits is one token, lower-cased
//!   (`GDP` → `gdp`, `3.5` → `3`, `5`);
//! - everything else (punctuation, whitespace, full-width digits, other
//!   scripts) separates tokens and is dropped.
//!
//! # Counting
//!
//! [`Counting::Clipped`] (the default) counts repeated n-grams up to the
//! number of times they occur in the other text, as ROUGE-1.5.5 does; it is
//! what `BASELINES.md` reports. [`Counting::Unique`] counts each distinct
//! n-gram once, as the `rouge-chinese` Python package does; the two differ
//! only when an n-gram repeats. ROUGE-L is the longest common subsequence
//! in both.

mod keywords;
mod sets;
mod summaries;
mod topics;

use std::collections::HashMap;

pub use crate::classify::{ClassificationReport, LabelScore};
pub use keywords::{KeywordScores, is_fragment, score_keywords};
pub use sets::{HeadlineSet, SummarySet, headline_pairs};
pub use summaries::{SummaryRow, SummaryScores, oracle, oracle_indices, score_summaries};
pub use topics::{LabeledRow, TopicScores, score_topics};

use serde::Serialize;

/// Which rows of a file to score: the first half of a file is for
/// choosing options, the second for reporting them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Part {
    /// Every row.
    #[default]
    All,
    /// The first half, by line order (rounded down).
    First,
    /// The rest.
    Second,
}

impl std::str::FromStr for Part {
    type Err = crate::Error;

    fn from_str(s: &str) -> crate::Result<Self> {
        match s {
            "all" => Ok(Part::All),
            "first" => Ok(Part::First),
            "second" => Ok(Part::Second),
            other => Err(crate::Error::invalid("part", other, "all, first or second")),
        }
    }
}

/// Reads the rows of a JSON Lines set and keeps `part` of them; also
/// gives the errors of the lines skipped (with [`BadLines::Skip`](crate::jsonl::BadLines::Skip)).
///
/// # Errors
///
/// The errors of [`read_jsonl`](crate::jsonl::read_jsonl), and
/// [`Error::EmptyData`](crate::Error::EmptyData) when the part is empty.
pub fn read_rows<T: serde::de::DeserializeOwned>(
    path: impl AsRef<std::path::Path>,
    part: Part,
    bad: crate::jsonl::BadLines,
) -> crate::Result<(Vec<T>, Vec<crate::Error>)> {
    let path = path.as_ref();
    let read = crate::jsonl::read_jsonl::<T>(path, bad)?;
    let mut rows: Vec<T> = read.records.into_iter().map(|r| r.record).collect();
    let half = rows.len() / 2;
    match part {
        Part::All => {}
        Part::First => rows.truncate(half),
        Part::Second => {
            rows.drain(..half);
        }
    }
    if rows.is_empty() {
        return Err(crate::Error::EmptyData(format!(
            "{}: nothing to score",
            path.display()
        )));
    }
    Ok((rows, read.skipped))
}

/// The ROUGE tokens of a text (see the module docs for the rule).
///
/// ```
/// assert_eq!(jianbao::eval::rouge_tokens("GDP增长3.5%！"), vec!["gdp", "增", "长", "3", "5"]);
/// ```
pub fn rouge_tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
        } else if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// How repeated n-grams are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Counting {
    /// Clipped counts, as ROUGE-1.5.5 (the figures in `BASELINES.md`).
    #[default]
    Clipped,
    /// Each distinct n-gram once, as the `rouge-chinese` package.
    Unique,
}

/// Precision, recall and F1 of one ROUGE measure.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Prf {
    /// Precision: overlap over the hypothesis.
    pub precision: f64,
    /// Recall: overlap over the reference.
    pub recall: f64,
    /// Harmonic mean of the two (0 when either is 0).
    pub f1: f64,
}

impl Prf {
    fn new(overlap: usize, hyp: usize, reference: usize) -> Self {
        if overlap == 0 || hyp == 0 || reference == 0 {
            return Prf::default();
        }
        let p = overlap as f64 / hyp as f64;
        let r = overlap as f64 / reference as f64;
        Prf {
            precision: p,
            recall: r,
            f1: 2.0 * p * r / (p + r),
        }
    }
}

/// ROUGE-1, ROUGE-2 and ROUGE-L of one hypothesis against one reference.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Rouge {
    /// Unigram overlap.
    pub rouge1: Prf,
    /// Bigram overlap.
    pub rouge2: Prf,
    /// Longest common subsequence.
    pub rouge_l: Prf,
}

/// Scores a hypothesis against a reference with clipped counts.
///
/// ```
/// let r = jianbao::eval::rouge("社区医院建成", "建成社区医院");
/// assert_eq!(r.rouge1.f1, 1.0);
/// assert!((r.rouge2.f1 - 0.8).abs() < 1e-12);
/// ```
pub fn rouge(hypothesis: &str, reference: &str) -> Rouge {
    rouge_with(hypothesis, reference, Counting::Clipped)
}

/// Scores a hypothesis against a reference with the given counting.
pub fn rouge_with(hypothesis: &str, reference: &str, counting: Counting) -> Rouge {
    let h = rouge_tokens(hypothesis);
    let r = rouge_tokens(reference);
    Rouge {
        rouge1: rouge_n(&h, &r, 1, counting),
        rouge2: rouge_n(&h, &r, 2, counting),
        rouge_l: Prf::new(lcs_len(&h, &r), h.len(), r.len()),
    }
}

fn ngram_counts(tokens: &[String], n: usize) -> HashMap<&[String], usize> {
    let mut counts = HashMap::new();
    if tokens.len() >= n {
        for w in tokens.windows(n) {
            *counts.entry(w).or_insert(0) += 1;
        }
    }
    counts
}

fn rouge_n(h: &[String], r: &[String], n: usize, counting: Counting) -> Prf {
    let hc = ngram_counts(h, n);
    let rc = ngram_counts(r, n);
    match counting {
        Counting::Clipped => {
            let overlap = hc
                .iter()
                .map(|(g, &c)| c.min(rc.get(g).copied().unwrap_or(0)))
                .sum();
            Prf::new(overlap, hc.values().sum(), rc.values().sum())
        }
        Counting::Unique => {
            let overlap = hc.keys().filter(|g| rc.contains_key(*g)).count();
            Prf::new(overlap, hc.len(), rc.len())
        }
    }
}

/// ROUGE-L reads at most this many tokens of each text: the longest common
/// subsequence costs `|a| × |b|` steps, and a summary or reference longer
/// than this is not a summary.
pub const MAX_LCS_TOKENS: usize = 5_000;

/// Length of the longest common subsequence of the first
/// [`MAX_LCS_TOKENS`] tokens of each, in O(|a|·|b|) time and O(|b|) memory.
fn lcs_len(a: &[String], b: &[String]) -> usize {
    let (a, b) = (
        &a[..a.len().min(MAX_LCS_TOKENS)],
        &b[..b.len().min(MAX_LCS_TOKENS)],
    );
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Running means of ROUGE over many documents.
///
/// ```
/// use jianbao::eval::{RougeMean, rouge};
/// let mut mean = RougeMean::default();
/// mean.add(&rouge("建成医院", "建成医院"));
/// mean.add(&rouge("无关", "建成医院"));
/// assert_eq!(mean.count(), 2);
/// assert!((mean.mean().rouge1.f1 - 0.5).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, Default)]
pub struct RougeMean {
    sum: [f64; 9],
    n: usize,
}

impl RougeMean {
    /// Adds one document's scores.
    pub fn add(&mut self, r: &Rouge) {
        let v = [
            r.rouge1.precision,
            r.rouge1.recall,
            r.rouge1.f1,
            r.rouge2.precision,
            r.rouge2.recall,
            r.rouge2.f1,
            r.rouge_l.precision,
            r.rouge_l.recall,
            r.rouge_l.f1,
        ];
        for (s, x) in self.sum.iter_mut().zip(v) {
            *s += x;
        }
        self.n += 1;
    }

    /// Number of documents added.
    pub fn count(&self) -> usize {
        self.n
    }

    /// The mean of each figure (all zero when nothing was added).
    pub fn mean(&self) -> Rouge {
        let d = self.n.max(1) as f64;
        let m = |i: usize| Prf {
            precision: self.sum[i] / d,
            recall: self.sum[i + 1] / d,
            f1: self.sum[i + 2] / d,
        };
        Rouge {
            rouge1: m(0),
            rouge2: m(3),
            rouge_l: m(6),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    /// Expected values come from `rouge-chinese` 1.0.3 (`Rouge().get_scores(h, r)`)
    /// run on the space-joined output of `rouge_tokens` for each pair, and from
    /// the peers' `rouge_lite.scores` for the clipped counts. `rouge-chinese`
    /// subtracts 1e-8 inside its F1, hence the 1e-6 tolerance.
    const PAIRS: &[(&str, &str, [f64; 3], [f64; 3])] = &[
        (
            "市委常委会召开会议部署冬季安全生产",
            "市委常委会研究部署冬季安全生产工作",
            // rouge-chinese (unique n-grams): R-1, R-2, R-L F1
            [0.774_193_548_4, 0.687_5, 0.764_705_882_4],
            // rouge_lite (clipped): R-1, R-2, R-L F1
            [0.764_705_882_4, 0.687_5, 0.764_705_882_4],
        ),
        (
            "全市建成42家社区医院",
            "社区医院已建成42家实现全覆盖",
            [0.75, 0.545_454_545_5, 0.333_333_333_3],
            [0.75, 0.545_454_545_5, 0.333_333_333_3],
        ),
        (
            "GDP增长3.5%",
            "全年GDP增长3.5个百分点",
            [0.625, 0.571_428_571_4, 0.625],
            [0.625, 0.571_428_571_4, 0.625],
        ),
        (
            "好好学习天天向上",
            "天天学习好好向上",
            [1.0, 0.571_428_571_4, 0.5],
            [1.0, 0.571_428_571_4, 0.5],
        ),
    ];

    #[test]
    fn matches_rouge_chinese_and_rouge_lite() {
        for (h, r, unique, clipped) in PAIRS {
            let u = rouge_with(h, r, Counting::Unique);
            assert!(close(u.rouge1.f1, unique[0]), "{h}: {u:?}");
            assert!(close(u.rouge2.f1, unique[1]), "{h}: {u:?}");
            assert!(close(u.rouge_l.f1, unique[2]), "{h}: {u:?}");
            let c = rouge(h, r);
            assert!(close(c.rouge1.f1, clipped[0]), "{h}: {c:?}");
            assert!(close(c.rouge2.f1, clipped[1]), "{h}: {c:?}");
            assert!(close(c.rouge_l.f1, clipped[2]), "{h}: {c:?}");
        }
    }

    #[test]
    fn precision_and_recall_of_the_first_pair() {
        let u = rouge_with(PAIRS[0].0, PAIRS[0].1, Counting::Unique);
        assert!(close(u.rouge1.precision, 0.8) && close(u.rouge1.recall, 0.75));
    }

    #[test]
    fn empty_texts_score_zero() {
        assert_eq!(rouge("", "有内容"), Rouge::default());
        assert_eq!(rouge("！？", "有内容"), Rouge::default());
    }
}
