//! The learned sentence scorer: how likely a sentence is to belong to the
//! best extractive summary, by logistic regression (`linfa-logistic`) over
//! what makes a summary sentence: where it stands in the article and its
//! paragraph, its length, its TextRank score, degree and TF-IDF weight, how
//! much it says what the headline says, whether it opens with a quotation
//! or a word that points back, numbers and dates, whether it opens a
//! section, and the article's length and kind (a report that puts the news
//! first, a feature that opens on a scene).

use std::path::Path;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::analysis::{Document, Rows};
use crate::error::{Error, Result};
use crate::util::linear::{Kind, LinearModel};
use crate::util::sparse::dot;

/// The `format` field of a sentence scorer file.
pub const SENTENCE_SCORER_FORMAT: &str = "jianbao-sentence-scorer";
/// The sentence scorer file version this build reads and writes.
pub const SENTENCE_SCORER_VERSION: u32 = 1;

/// The features, in the order of a scorer's weights.
pub const SENTENCE_FEATURES: &[&str] = &[
    "lead",
    "relative_position",
    "is_first",
    "second_or_third",
    "first_in_paragraph",
    "first_paragraph",
    "paragraph_position",
    "length",
    "short",
    "long",
    "textrank",
    "degree",
    "tfidf",
    "centroid_similarity",
    "title_similarity",
    "most_like_title",
    "opens_with_quote",
    "points_back",
    "has_digit",
    "has_date",
    "holds_quote",
    "all_quote",
    "attribution",
    "thin",
    "article_sentences",
    "article_length",
    "opens_on_scene",
    "lead_in_long_article",
    "lead_in_scene_article",
    "textrank_rank_0",
    "textrank_rank_1_2",
    "long:lead",
    "long:is_first",
    "long:first_in_paragraph",
    "long:length",
    "long:textrank",
    "long:degree",
    "long:tfidf",
    "long:centroid_similarity",
    "long:title_similarity",
    "opens_section",
    "article_sections",
    "last_in_paragraph",
    "last_paragraph",
    "centroid_top3",
];

/// The number of features.
pub(crate) const N_SENTENCE_FEATURES: usize = 45;

/// An article of more characters than this is long: the features marked
/// `long:` are its copies of the plain ones (zero in a shorter article), so
/// that the scorer weighs a long feature story and a report apart.
pub const LONG_ARTICLE_CHARS: usize = 1500;

const KIND: Kind = Kind {
    format: SENTENCE_SCORER_FORMAT,
    version: SENTENCE_SCORER_VERSION,
    features: SENTENCE_FEATURES,
};

/// What the scorer reads of a document beyond its text: the TF-IDF rows,
/// the TextRank scores (with the lead and headline prior) and the weighted
/// degrees in the sentence graph (how much a sentence shares with its
/// neighbours), one per sentence.
pub(crate) struct Signals<'s> {
    pub(crate) vectors: &'s Rows<(u32, f32)>,
    pub(crate) textrank: &'s [f64],
    pub(crate) degree: &'s [f64],
    pub(crate) tfidf: &'s [f64],
    pub(crate) title: &'s [(u32, f32)],
    /// Each sentence's length in characters.
    pub(crate) chars: &'s [usize],
    /// The whole text's length in characters.
    pub(crate) text_chars: usize,
}

/// Hands `each` the features of every sentence of `doc` in turn, in the
/// order of [`SENTENCE_FEATURES`] (one sentence's at a time, so that a text
/// of a million sentences needs no table of them).
pub(crate) fn for_each_sentence(
    doc: &Document<'_>,
    s: &Signals<'_>,
    mut each: impl FnMut(&[f64; N_SENTENCE_FEATURES]),
) {
    let sentences = doc.sentences();
    let n = sentences.len();
    let text = doc.text();
    let max = |v: &[f64]| v.iter().cloned().fold(0.0, f64::max).max(1e-12);
    let (tr_max, deg_max, tf_max) = (max(s.textrank), max(s.degree), max(s.tfidf));
    // Paragraphs are lines: a sentence opens one when a line break (or the
    // text's start) comes right before it.
    let line_starts: Vec<bool> = sentences
        .iter()
        .map(|x| {
            text[..x.span.start]
                .trim_end_matches([' ', '\t', '\u{3000}'])
                .is_empty()
                || text[..x.span.start].ends_with('\n')
        })
        .collect();
    let mut paragraph = vec![0usize; n];
    let mut p = 0;
    for i in 0..n {
        if i > 0 && line_starts[i] {
            p += 1;
        }
        paragraph[i] = p;
    }
    let paragraphs = p + 1;
    // The whole text's vector (dense over the document's terms), for each
    // sentence's likeness to it.
    let terms = s
        .vectors
        .iter()
        .flatten()
        .map(|&(t, _)| t as usize + 1)
        .max()
        .unwrap_or(0);
    let mut whole = vec![0f32; terms];
    for &(t, w) in s.vectors.iter().flatten() {
        whole[t as usize] += w;
    }
    let norm = whole.iter().map(|w| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        whole.iter_mut().for_each(|w| *w /= norm);
    }
    let centroids: Vec<f64> = (0..n)
        .map(|i| {
            s.vectors[i]
                .iter()
                .map(|&(t, w)| w * whole[t as usize])
                .sum::<f32>() as f64
        })
        .collect();
    // The three sentences most like the whole text.
    let mut centroid_top = vec![false; n];
    {
        let mut by: Vec<usize> = (0..n).collect();
        let k = n.min(3);
        if k > 0 && k < n {
            by.select_nth_unstable_by(k - 1, |&a, &b| {
                centroids[b].total_cmp(&centroids[a]).then(a.cmp(&b))
            });
        }
        for &i in &by[..k] {
            centroid_top[i] = true;
        }
    }
    let title_sims: Vec<f64> = (0..n).map(|i| dot(s.title, &s.vectors[i]) as f64).collect();
    let best_title = title_sims
        .iter()
        .enumerate()
        .filter(|(_, x)| **x > 0.0)
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| i);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| s.textrank[b].total_cmp(&s.textrank[a]).then(a.cmp(&b)));
    let mut tr_rank = vec![0usize; n];
    for (r, &i) in order.iter().enumerate() {
        tr_rank[i] = r;
    }
    let doc_chars = s.text_chars;
    let scene = sentences
        .first()
        .is_some_and(|x| !x.text.bytes().any(|c| c.is_ascii_digit()));
    let long_article = n > 20;
    let long = if doc_chars > LONG_ARTICLE_CHARS {
        1.0
    } else {
        0.0
    };
    let one = |b: bool| if b { 1.0 } else { 0.0 };
    let article_sentences = ((1 + n) as f64).ln() / 5.0;
    // Which sentences open a section: the first to start at or after a
    // section head's place.
    let starts = doc.section_starts();
    let mut opens_section = vec![false; n];
    let mut next_start = 0;
    for i in 0..n {
        let at = sentences[i].span.start;
        let mut opens = false;
        while next_start < starts.len() && starts[next_start] <= at {
            opens = true;
            next_start += 1;
        }
        opens_section[i] = opens;
    }
    let article_sections = (1.0 + starts.len() as f64).ln() / 3.0;
    let article_length = ((1 + doc_chars) as f64).ln() / 10.0;
    for i in 0..n {
        {
            let t = sentences[i].text;
            let chars = s.chars[i];
            // One pass over the sentence for the marks it holds.
            let (mut digit, mut month, mut day, mut year, mut quote) =
                (false, false, false, false, false);
            for c in t.chars() {
                match c {
                    '0'..='9' => digit = true,
                    '月' => month = true,
                    '日' => day = true,
                    '年' => year = true,
                    '“' | '"' => quote = true,
                    _ => {}
                }
            }
            let lead = 1.0 / (1.0 + i as f64);
            let centroid = centroids[i];
            let last_in_paragraph = i + 1 == n || line_starts[i + 1];
            let length = (chars as f64 / 100.0).min(2.0);
            let row = [
                lead,
                i as f64 / n as f64,
                one(i == 0),
                one(i == 1 || i == 2),
                one(line_starts[i]),
                one(paragraph[i] == 0),
                paragraph[i] as f64 / paragraphs as f64,
                length,
                one(chars < 15),
                one(chars > 100),
                s.textrank[i] / tr_max,
                s.degree[i] / deg_max,
                s.tfidf[i] / tf_max,
                centroid,
                title_sims[i],
                one(best_title == Some(i)),
                one(t.starts_with(['“', '"', '「'])),
                one(super::points_back(t)),
                one(digit),
                one(month && day || year),
                one(quote),
                one(is_all_quote(t)),
                one(is_attribution(t, chars)),
                one(doc.row(i).len() < 5),
                article_sentences,
                article_length,
                one(scene),
                if long_article { lead } else { 0.0 },
                if scene { lead } else { 0.0 },
                one(tr_rank[i] == 0),
                one(tr_rank[i] == 1 || tr_rank[i] == 2),
                long * lead,
                long * one(i == 0),
                long * one(line_starts[i]),
                long * length,
                long * s.textrank[i] / tr_max,
                long * s.degree[i] / deg_max,
                long * s.tfidf[i] / tf_max,
                long * centroid,
                long * title_sims[i],
                one(opens_section[i]),
                article_sections,
                one(last_in_paragraph),
                one(paragraph[i] + 1 == paragraphs),
                one(centroid_top[i]),
            ];
            each(&row);
        }
    }
}

/// Is the sentence one quotation, mark to mark (`“……。”`)?
fn is_all_quote(t: &str) -> bool {
    let t = t.trim();
    t.starts_with(['“', '"', '「']) && t.ends_with(['”', '"', '」'])
}

/// Is the sentence a short attribution of a quotation (`周师傅笑着说。`,
/// `他表示。`)?
fn is_attribution(t: &str, chars: usize) -> bool {
    chars <= 24
        && [
            "说。",
            "说道。",
            "表示。",
            "介绍。",
            "告诉记者。",
            "坦言。",
            "感慨。",
        ]
        .iter()
        .any(|end| t.trim_end().ends_with(end))
}

/// A fitted sentence scorer: a weight per feature and a bias; a
/// sentence's score is the logistic of their dot product with its features
/// (the probability that the best extractive summary holds it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SentenceScorer(LinearModel);

static SHIPPED: LazyLock<Result<SentenceScorer>> = LazyLock::new(|| {
    SentenceScorer::from_json("<shipped>", include_str!("../../models/summary.json"))
});

impl SentenceScorer {
    /// The scorer that ships with the crate (parsed once per process).
    ///
    /// # Errors
    ///
    /// [`Error::Model`] only if the built-in file is damaged.
    pub fn shipped() -> Result<&'static SentenceScorer> {
        match &*SHIPPED {
            Ok(s) => Ok(s),
            Err(e) => Err(Error::model("<shipped sentence scorer>", e.to_string())),
        }
    }

    /// The sets it was fitted on, with their sizes.
    pub fn trained_on(&self) -> &[(String, usize)] {
        self.0.trained_on()
    }

    pub(crate) fn score(&self, features: &[f64]) -> f64 {
        self.0.probability(features)
    }

    /// Parses a scorer; `path` names it in errors.
    ///
    /// # Errors
    ///
    /// [`Error::ModelVersion`] for another version; [`Error::Model`] for
    /// text that is not a scorer, or whose features are not this build's
    /// or whose weights are not finite.
    pub fn from_json(path: impl AsRef<Path>, json: &str) -> Result<Self> {
        LinearModel::from_json(path.as_ref(), json, &KIND).map(SentenceScorer)
    }

    /// Reads a scorer file (a regular file of at most 1 MB).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] for a file that cannot be read, and the errors of
    /// [`from_json`](Self::from_json).
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        LinearModel::from_json(path, &LinearModel::read(path)?, &KIND).map(SentenceScorer)
    }

    /// Writes the scorer as JSON.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] naming the path.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        crate::util::linear::save_json(path.as_ref(), &self.0)
    }
}

/// A set to fit a sentence scorer on: its name, its `(text, reference,
/// headline)` rows, and the budget in sentences its oracle summaries have.
#[cfg(all(feature = "train", feature = "eval"))]
pub type SentenceSet<'r> = (String, Vec<(&'r str, &'r str, Option<&'r str>)>, usize);

/// Fits a sentence scorer with `linfa-logistic`: every sentence of every
/// text (layout cleaned, cut by `analyzer`) is an example, labelled by
/// whether the greedy ROUGE-1 oracle of its set's budget picks it; the
/// signals are those `summarizer` computes. `l2` is linfa's penalty. Each
/// picked sentence counts `positive_weight` times (at least once): the
/// oracle picks a few sentences of dozens, and weighing them up (2 on the
/// first halves of the evaluation sets) ranks summary sentences better.
///
/// # Errors
///
/// [`Error::EmptyData`] for sets with no sentence or one label only;
/// [`Error::Model`] if linfa fails.
#[cfg(all(feature = "train", feature = "eval"))]
pub fn fit_sentence_scorer(
    sets: &[SentenceSet<'_>],
    analyzer: &crate::analysis::Analyzer,
    summarizer: &super::Summarizer,
    l2: f64,
    positive_weight: usize,
) -> Result<SentenceScorer> {
    use rayon::prelude::*;
    let positive_weight = positive_weight.max(1);
    let rows: Vec<(&str, &str, Option<&str>, usize)> = sets
        .iter()
        .flat_map(|(_, rows, k)| rows.iter().map(move |&(t, r, h)| (t, r, h, *k)))
        .collect();
    let examples: Vec<(Vec<f64>, bool)> = rows
        .par_iter()
        .flat_map_iter(|&(text, reference, title, k)| {
            let article = crate::text::layout::parse_article(text);
            let doc = analyzer.analyze_article(title, &article);
            let sentences: Vec<&str> = doc.sentences().iter().map(|s| s.text).collect();
            let picked = crate::eval::oracle_indices(&sentences, reference, k);
            let features = summarizer.sentence_features(&doc);
            features
                .into_iter()
                .enumerate()
                .flat_map(|(i, f)| {
                    let label = picked.contains(&i);
                    let copies = if label { positive_weight } else { 1 };
                    std::iter::repeat_n((f.to_vec(), label), copies)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let (weights, bias) = crate::util::linear::fit_logistic(&examples, N_SENTENCE_FEATURES, l2)?;
    let trained_on = sets
        .iter()
        .map(|(name, rows, _)| (name.clone(), rows.len()))
        .collect();
    Ok(SentenceScorer(LinearModel::new(
        &KIND, weights, bias, trained_on,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;
    use crate::text::layout::parse_article;

    fn feature(name: &str) -> usize {
        SENTENCE_FEATURES.iter().position(|f| *f == name).unwrap()
    }

    #[test]
    fn the_sentence_after_an_in_text_head_opens_a_section() {
        let article = parse_article(
            "今年全市新建社区食堂四十家，每天为一万多名老人提供午餐，价格比市场低三成。\n\
             送餐上门解了独居老人的难\n\
             对行动不便的独居老人，社区食堂还提供送餐上门服务，志愿者每天中午把饭菜送到家里。\n\
             下一步还将增加网点。\n",
        );
        assert_eq!(article.sections.len(), 1);
        let doc = Analyzer::default().analyze_article(None, &article);
        let rows = super::super::Summarizer::default().sentence_features(&doc);
        let opens: Vec<f64> = rows.iter().map(|r| r[feature("opens_section")]).collect();
        assert_eq!(opens, [0.0, 1.0, 0.0]);
        // The same body analysed without its article knows no section.
        let plain = Analyzer::default().analyze(&article.body);
        let rows = super::super::Summarizer::default().sentence_features(&plain);
        assert!(rows.iter().all(|r| r[feature("opens_section")] == 0.0));
        assert_eq!(SENTENCE_FEATURES.len(), N_SENTENCE_FEATURES);
    }
}
