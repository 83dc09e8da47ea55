//! Scoring summaries on a labelled set: ROUGE of a summarizer beside Lead
//! and the greedy extractive oracle, the share of the Lead-to-oracle gap it
//! closes, and how often a chosen sentence points back without its
//! predecessor.

use serde::{Deserialize, Serialize};

use super::{Rouge, RougeMean, rouge};
use crate::analysis::Analyzer;
use crate::summarize::{Budget, Method, Summarizer, points_back};
use crate::text::layout::parse_article;

/// One line of a summary set: `{"id"?, "text", "summary", "title"?}`.
#[derive(Debug, Clone, Deserialize)]
pub struct SummaryRow {
    /// The article (its byline and layout breaks are cleaned first).
    pub text: String,
    /// The reference summary.
    pub summary: String,
    /// The headline, when the set gives one.
    #[serde(default)]
    pub title: Option<String>,
}

/// The figures of a summarizer on a set.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryScores {
    /// Articles scored.
    pub documents: usize,
    /// Mean ROUGE of the summarizer.
    pub rouge: Rouge,
    /// Mean ROUGE of Lead at the same budget.
    pub lead: Rouge,
    /// Mean ROUGE of the greedy oracle: at each step the sentence that most
    /// raises ROUGE-1 F1 against the reference, up to the budget's
    /// sentence count (the budget's number for a sentence budget, else as
    /// many as the summarizer chose), stopping when none raises it.
    pub oracle: Rouge,
    /// `(ours − lead) / (oracle − lead)` of ROUGE-1 F1.
    pub gap_closed: f64,
    /// Chosen sentences that point back (`因此`, `他`…) while the sentence
    /// before them was not chosen, over all chosen sentences.
    pub dangling: f64,
    /// Characters of input summarised per second (analysis included).
    pub chars_per_second: f64,
}

impl std::fmt::Display for SummaryScores {
    /// One line: the summarizer's, Lead's and the oracle's R-1 / R-2 / R-L,
    /// the gap closed, the dangling rate and the speed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let r = |r: &Rouge| {
            format!(
                "{:.3} / {:.3} / {:.3}",
                r.rouge1.f1, r.rouge2.f1, r.rouge_l.f1
            )
        };
        writeln!(
            f,
            "n={} R-1/R-2/R-L {}  lead {}  oracle {}  gap closed {:.3}  dangling {:.4}  {:.0} chars/s",
            self.documents,
            r(&self.rouge),
            r(&self.lead),
            r(&self.oracle),
            self.gap_closed,
            self.dangling,
            self.chars_per_second
        )
    }
}

/// Summarises every row with `summarizer` (after `analyzer`) and scores
/// it. With `with_title` the row's headline is given to the summarizer.
pub fn score_summaries(
    rows: &[SummaryRow],
    analyzer: &Analyzer,
    summarizer: &Summarizer,
    with_title: bool,
) -> SummaryScores {
    let lead = summarizer.with_method(Method::Lead);
    let (mut ours, mut leads, mut oracles) = (
        RougeMean::default(),
        RougeMean::default(),
        RougeMean::default(),
    );
    let (mut chosen, mut dangling, mut chars) = (0usize, 0usize, 0usize);
    let mut elapsed = std::time::Duration::ZERO;
    for row in rows {
        let t = std::time::Instant::now();
        let article = parse_article(&row.text);
        let title = if with_title {
            row.title.as_deref()
        } else {
            None
        };
        let doc = analyzer.analyze_article(title, &article);
        let summary = summarizer.summarize(&doc);
        elapsed += t.elapsed();
        chars += row.text.chars().count();
        ours.add(&rouge(&summary.text(), &row.summary));
        leads.add(&rouge(&lead.summarize(&doc).text(), &row.summary));
        let k = match summarizer.budget() {
            Budget::Sentences(k) => k,
            _ => summary.sentences.len().max(1),
        };
        let sentences: Vec<&str> = doc.sentences().iter().map(|s| s.text).collect();
        oracles.add(&rouge(&oracle(&sentences, &row.summary, k), &row.summary));
        let picked: Vec<usize> = summary.sentences.iter().map(|s| s.index).collect();
        chosen += picked.len();
        dangling += summary
            .sentences
            .iter()
            .filter(|s| points_back(&s.text) && !(s.index > 0 && picked.contains(&(s.index - 1))))
            .count();
    }
    let (o, l, g) = (ours.mean(), leads.mean(), oracles.mean());
    let span = g.rouge1.f1 - l.rouge1.f1;
    SummaryScores {
        documents: ours.count(),
        rouge: o,
        lead: l,
        oracle: g,
        gap_closed: if span.abs() > 1e-12 {
            (o.rouge1.f1 - l.rouge1.f1) / span
        } else {
            0.0
        },
        dangling: dangling as f64 / chosen.max(1) as f64,
        chars_per_second: chars as f64 / elapsed.as_secs_f64().max(1e-9),
    }
}

/// The greedy extractive oracle's summary: up to `k` sentences, each the
/// one that most raises ROUGE-1 F1 of the selection (in text order).
pub fn oracle(sentences: &[&str], reference: &str, k: usize) -> String {
    oracle_indices(sentences, reference, k)
        .into_iter()
        .map(|i| sentences[i])
        .collect()
}

/// The sentences [`oracle`] picks, in text order.
pub fn oracle_indices(sentences: &[&str], reference: &str, k: usize) -> Vec<usize> {
    let mut picked: Vec<usize> = Vec::new();
    let mut best_f1 = 0.0;
    let joined = |p: &[usize]| {
        let mut p = p.to_vec();
        p.sort_unstable();
        p.iter().map(|&i| sentences[i]).collect::<String>()
    };
    while picked.len() < k {
        let mut best: Option<(usize, f64)> = None;
        for i in (0..sentences.len()).filter(|i| !picked.contains(i)) {
            let mut trial = picked.clone();
            trial.push(i);
            let f1 = rouge(&joined(&trial), reference).rouge1.f1;
            if f1 > best_f1 && best.is_none_or(|(_, b)| f1 > b) {
                best = Some((i, f1));
            }
        }
        let Some((i, f1)) = best else { break };
        picked.push(i);
        best_f1 = f1;
    }
    picked.sort_unstable();
    picked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oracle_takes_the_sentences_that_match() {
        let s = ["公交开通了。", "天气很好。", "村民乘公交进城。"];
        assert_eq!(
            oracle(&s, "公交开通村民进城", 2),
            "公交开通了。村民乘公交进城。"
        );
        assert_eq!(oracle(&s, "无关", 2), "");
    }
}
