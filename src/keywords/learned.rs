//! The learned keyword scorer: how likely a term of an article is to be a
//! word of its headline, by logistic regression (`linfa-logistic`) over a
//! few things a reader notices: how heavy the term is by TF-IDF, how early
//! and how widely it occurs, its part of speech and length, and how often
//! the word was a headline word in the articles the scorer was fitted on.

use std::path::Path;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::lexicon::Pos;
use crate::analysis::Document;
use crate::error::{Error, Result};
use crate::util::linear::{Kind, LinearModel};

/// The `format` field of a keyword scorer file.
pub const SCORER_FORMAT: &str = "jianbao-keyword-scorer";
/// The scorer file version this build reads and writes.
pub const SCORER_VERSION: u32 = 2;

/// The features, in the order of a scorer's weights.
pub const FEATURES: &[&str] = &[
    "tfidf_share",
    "log_tf",
    "idf",
    "tfidf_rank",
    "first_position",
    "in_first_sentence",
    "in_first_three_sentences",
    "sentence_spread",
    "chars_2",
    "chars_3",
    "chars_4_plus",
    "pos_nr",
    "pos_ns",
    "pos_nt",
    "pos_nz",
    "pos_n",
    "pos_vn",
    "pos_v",
    "pos_eng",
    "pos_idiom_or_abbreviation",
    "pos_other",
    "found_in_context",
    "has_digit_or_letter",
    "in_title_marks",
    "early_chars",
    "tf_in_first_sentence",
    "pos_number",
    "rank_0",
    "rank_1",
    "rank_2",
    "rank_3_4",
    "rank_5_9",
    "rank_10_19",
    "first_sentence_1",
    "first_sentence_2",
    "first_sentence_3_5",
    "tf_1",
    "tf_2",
    "tf_3_4",
    "first_char_20",
    "first_char_50",
    "first_char_100",
    "first_char_200",
    "name_in_first_sentence",
    "noun_in_first_sentence",
    "in_key_sentence",
    "key_sentence_mass",
    "in_section_head",
    "headline_rate",
];

/// A scorer ranks (and is fitted on) each text's this many heaviest
/// candidates by TF-IDF; the rest never reach the top few.
pub(crate) const TRAINING_CANDIDATES: u32 = 30;

/// The number of features.
pub(crate) const N_FEATURES: usize = 49;

/// The index of `headline_rate`, the one feature the scorer itself
/// supplies (from its table of words), not the document.
const HEADLINE_RATE: usize = N_FEATURES - 1;

/// A word enters the scorer's table of headline rates once it was a
/// candidate in at least this many fitted articles.
#[cfg(feature = "train")]
const MIN_RATE_ARTICLES: u32 = 2;

/// Pseudo-articles at the mean rate that smooth each word's headline rate.
#[cfg(feature = "train")]
const RATE_SMOOTHING: f64 = 20.0;

/// What a document says about its candidate terms, worked out in one pass.
struct Context {
    tf: Vec<u32>,
    first_at: Vec<usize>,
    first_sentence: Vec<u32>,
    sentences_with: Vec<u32>,
    /// TF-IDF score of each candidate (0 for others).
    pub(crate) tfidf: Vec<f64>,
    /// Rank by TF-IDF among the candidates (0 is the best).
    rank: Vec<u32>,
    max_tfidf: f64,
    len: usize,
    sentences: usize,
    /// Occurs inside title marks (`《…》`) or quotation marks.
    in_marks: Vec<bool>,
    /// Occurrences in the first sentence.
    tf_first: Vec<u32>,
    /// Where the first occurrence starts, in characters.
    first_chars: Vec<usize>,
    /// Occurs in the key sentence: the one most like the whole text, the
    /// lead favoured.
    in_key: Vec<bool>,
    /// The share of the sentences' key weight that the sentences holding
    /// the term carry.
    key_mass: Vec<f64>,
    /// Occurs in one of the text's section heads.
    in_head: Vec<bool>,
}

impl Context {
    /// The context of `doc`'s candidates (`idf[id]` is `Some` for a
    /// candidate).
    fn new(doc: &Document<'_>, idf: &[Option<f64>]) -> Self {
        let n = doc.terms().len();
        let mut c = Context {
            tf: vec![0; n],
            first_at: vec![usize::MAX; n],
            first_sentence: vec![u32::MAX; n],
            sentences_with: vec![0; n],
            tfidf: vec![0.0; n],
            rank: vec![u32::MAX; n],
            max_tfidf: 0.0,
            len: doc.text().len().max(1),
            sentences: doc.sentences().len().max(1),
            in_marks: vec![false; n],
            tf_first: vec![0; n],
            first_chars: vec![usize::MAX; n],
            in_key: vec![false; n],
            key_mass: vec![0.0; n],
            in_head: vec![false; n],
        };
        for &id in doc.section_terms().iter().flatten() {
            c.in_head[id as usize] = true;
        }
        let text = doc.text();
        let sentences = doc.sentences();
        let mut s = 0usize;
        let mut last_sentence = vec![u32::MAX; n];
        // Characters before the current occurrence, counted as the walk goes
        // (occurrences come in text order), so the count costs one pass.
        let (mut counted_to, mut chars_before) = (0usize, 0usize);
        for (id, span) in doc.occurrences() {
            let id = id as usize;
            while s + 1 < sentences.len() && sentences[s].span.end <= span.start {
                s += 1;
            }
            c.tf[id] += 1;
            if s == 0 {
                c.tf_first[id] += 1;
            }
            let before = text[..span.start].chars().next_back();
            let after = text[span.end..].chars().next();
            if matches!(before, Some('《' | '“' | '「')) && matches!(after, Some('》' | '”' | '」'))
            {
                c.in_marks[id] = true;
            }
            if c.first_at[id] == usize::MAX {
                c.first_at[id] = span.start;
                chars_before += text[counted_to..span.start].chars().count();
                counted_to = span.start;
                c.first_chars[id] = chars_before;
                c.first_sentence[id] = s as u32;
            }
            if last_sentence[id] != s as u32 {
                last_sentence[id] = s as u32;
                c.sentences_with[id] += 1;
            }
        }
        let total: u32 = (0..n).filter(|&i| idf[i].is_some()).map(|i| c.tf[i]).sum();
        let total = total.max(1) as f64;
        for (i, x) in idf.iter().enumerate() {
            if let Some(x) = x {
                c.tfidf[i] = c.tf[i] as f64 * x / total;
                c.max_tfidf = c.max_tfidf.max(c.tfidf[i]);
            }
        }
        c.key_sentences(doc, idf);
        // Only the heaviest TRAINING_CANDIDATES are ranked (the rest are
        // never scored): pick them, then sort just those.
        let mut order: Vec<usize> = (0..n).filter(|&i| idf[i].is_some()).collect();
        let heavier = |a: &usize, b: &usize| c.tfidf[*b].total_cmp(&c.tfidf[*a]).then(a.cmp(b));
        let top = (TRAINING_CANDIDATES as usize).min(order.len());
        if top < order.len() {
            order.select_nth_unstable_by(top, heavier);
        }
        order[..top].sort_unstable_by(heavier);
        for (r, &i) in order.iter().enumerate() {
            c.rank[i] = (r as u32).min(TRAINING_CANDIDATES);
        }
        c
    }

    /// Each sentence's key weight: the cosine of its term counts (IDF
    /// weighted) with the whole text's, over `1 + its index` (news puts
    /// its news first); the key sentence is the heaviest.
    fn key_sentences(&mut self, doc: &Document<'_>, idf: &[Option<f64>]) {
        let weight = |id: u32| idf[id as usize].unwrap_or(1.0);
        let mut whole = vec![0.0f64; doc.terms().len()];
        for row in doc.rows() {
            for &(id, count) in row {
                whole[id as usize] += count as f64 * weight(id);
            }
        }
        let norm = whole.iter().map(|x| x * x).sum::<f64>().sqrt().max(1e-12);
        let keys: Vec<f64> = doc
            .rows()
            .iter()
            .enumerate()
            .map(|(s, row)| {
                let (mut dot, mut own) = (0.0, 0.0);
                for &(id, count) in row {
                    let x = count as f64 * weight(id);
                    dot += x * whole[id as usize];
                    own += x * x;
                }
                dot / (norm * own.sqrt().max(1e-12)) / (1.0 + s as f64)
            })
            .collect();
        let total: f64 = keys.iter().sum::<f64>().max(1e-12);
        let best = keys
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(s, _)| s);
        for (s, row) in doc.rows().iter().enumerate() {
            for &(id, _) in row {
                self.key_mass[id as usize] += keys[s] / total;
                if Some(s) == best {
                    self.in_key[id as usize] = true;
                }
            }
        }
    }

    /// Is candidate `id` one the scorer ranks (one of the heaviest
    /// [`TRAINING_CANDIDATES`] by TF-IDF)?
    fn is_scored(&self, id: usize) -> bool {
        self.rank[id] < TRAINING_CANDIDATES
    }

    /// The features of candidate `id`, in the order of [`FEATURES`].
    fn features(
        &self,
        word: &str,
        id: usize,
        pos: Pos,
        idf: f64,
        in_context: bool,
    ) -> [f64; N_FEATURES] {
        let chars = word.chars().count();
        let tag = pos.name();
        let one = |b: bool| if b { 1.0 } else { 0.0 };
        let pos_group = [
            tag == "nr" || tag == "nrt" || tag == "nrfg",
            tag == "ns",
            tag == "nt",
            tag == "nz",
            tag == "n",
            tag == "vn",
            tag == "v",
            tag == "eng",
            matches!(tag, "l" | "j" | "i"),
        ];
        let other = !pos_group.iter().any(|&b| b);
        let first = self.first_sentence[id];
        [
            self.tfidf[id] / self.max_tfidf.max(1e-12),
            (1.0 + self.tf[id] as f64).ln() / 3.0,
            idf / 12.0,
            1.0 / (1.0 + self.rank[id] as f64),
            1.0 - self.first_at[id].min(self.len) as f64 / self.len as f64,
            one(first == 0),
            one(first < 3),
            self.sentences_with[id] as f64 / self.sentences as f64,
            one(chars == 2),
            one(chars == 3),
            one(chars >= 4),
            one(pos_group[0]),
            one(pos_group[1]),
            one(pos_group[2]),
            one(pos_group[3]),
            one(pos_group[4]),
            one(pos_group[5]),
            one(pos_group[6]),
            one(pos_group[7]),
            one(pos_group[8]),
            one(other),
            one(in_context),
            one(word.chars().any(|c| c.is_ascii_alphanumeric())),
            one(self.in_marks[id]),
            1.0 / (1.0 + self.first_at[id].min(self.len) as f64 / 60.0),
            (self.tf_first[id] as f64).min(3.0) / 3.0,
            one(tag == "m" || tag == "mq"),
            one(self.rank[id] == 0),
            one(self.rank[id] == 1),
            one(self.rank[id] == 2),
            one((3..5).contains(&self.rank[id])),
            one((5..10).contains(&self.rank[id])),
            one((10..20).contains(&self.rank[id])),
            one(first == 1),
            one(first == 2),
            one((3..6).contains(&first)),
            one(self.tf[id] == 1),
            one(self.tf[id] == 2),
            one((3..5).contains(&self.tf[id])),
            one(self.first_chars[id] < 20),
            one(self.first_chars[id] < 50),
            one(self.first_chars[id] < 100),
            one(self.first_chars[id] < 200),
            one(first == 0 && (pos_group[0] || pos_group[1] || pos_group[2] || pos_group[3])),
            one(first == 0 && pos_group[4]),
            one(self.in_key[id]),
            self.key_mass[id],
            one(self.in_head[id]),
            // `headline_rate`: the scorer's to fill in.
            0.0,
        ]
    }
}

/// The features of the candidates of `doc` the scorer reads (the heaviest
/// [`TRAINING_CANDIDATES`] by TF-IDF), as `(term id, features)` in id
/// order: what the extractor scores and what fitting learns from.
pub(crate) fn scored_features(
    doc: &Document<'_>,
    candidates: &[Option<super::Candidate>],
) -> Vec<(usize, [f64; N_FEATURES])> {
    let idf: Vec<Option<f64>> = candidates.iter().map(|c| c.map(|c| c.idf)).collect();
    let ctx = Context::new(doc, &idf);
    candidates
        .iter()
        .enumerate()
        .filter_map(|(id, c)| {
            let c = (*c)?;
            ctx.is_scored(id).then(|| {
                (
                    id,
                    ctx.features(doc.terms()[id], id, c.pos, c.idf, c.in_context),
                )
            })
        })
        .collect()
}

/// A fitted keyword scorer: a weight per feature and a bias; a term's
/// score is the logistic of their dot product with its features (the
/// probability that it is a word of the headline).
///
/// One feature comes from the scorer itself: its table of **headline
/// rates**, for each word that was a candidate in at least two of the
/// articles it was fitted on, `ln(r / r̄)`, where `r` is the share of those
/// articles whose headline held the word (smoothed by twenty pseudo-articles
/// at the mean share `r̄`); 0 for a word not in the table. Words that news
/// copy uses everywhere but headlines rarely (报道, 表示, 有关) weigh less.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeywordScorer {
    #[serde(flatten)]
    model: LinearModel,
    /// `ln(r / r̄)` by word, hashed for the look-up of every candidate; the
    /// file holds it as `(word, rate)` pairs sorted by word.
    #[serde(serialize_with = "rates_sorted", deserialize_with = "rates_from_pairs")]
    headline_rates: RateTable,
}

/// The headline rates by word.
type RateTable = rustc_hash::FxHashMap<Box<str>, f64>;

/// Writes the rates as `(word, rate)` pairs sorted by word, so that a saved
/// file does not depend on the hash order.
fn rates_sorted<S: serde::Serializer>(
    rates: &RateTable,
    out: S,
) -> std::result::Result<S::Ok, S::Error> {
    let mut pairs: Vec<(&str, f64)> = rates.iter().map(|(w, r)| (&**w, *r)).collect();
    pairs.sort_unstable_by(|a, b| a.0.cmp(b.0));
    pairs.serialize(out)
}

/// Reads the `(word, rate)` pairs a file holds.
fn rates_from_pairs<'de, D: serde::Deserializer<'de>>(
    input: D,
) -> std::result::Result<RateTable, D::Error> {
    let pairs = Vec::<(String, f64)>::deserialize(input)?;
    Ok(pairs
        .into_iter()
        .map(|(w, r)| (w.into_boxed_str(), r))
        .collect())
}

/// The part of a scorer file [`LinearModel`] does not read.
#[derive(Deserialize)]
struct RatesField {
    headline_rates: Vec<(String, f64)>,
}

const KIND: Kind = Kind {
    format: SCORER_FORMAT,
    version: SCORER_VERSION,
    features: FEATURES,
};

static SHIPPED: LazyLock<Result<KeywordScorer>> = LazyLock::new(|| {
    KeywordScorer::from_json("<shipped>", include_str!("../../models/keywords.json"))
});

impl KeywordScorer {
    /// The scorer that ships with the crate (parsed once per process).
    ///
    /// # Errors
    ///
    /// [`Error::Model`] only if the built-in file is damaged.
    pub fn shipped() -> Result<&'static KeywordScorer> {
        match &*SHIPPED {
            Ok(s) => Ok(s),
            Err(e) => Err(Error::model("<shipped keyword scorer>", e.to_string())),
        }
    }

    /// The sets it was fitted on, with their sizes.
    pub fn trained_on(&self) -> &[(String, usize)] {
        self.model.trained_on()
    }

    /// The headline rate of `word` (see the type's docs): 0 for a word not
    /// in the table.
    ///
    /// ```
    /// use jianbao::keywords::KeywordScorer;
    /// let scorer = KeywordScorer::shipped().unwrap();
    /// assert_eq!(scorer.headline_rate("没有这个词的词"), 0.0);
    /// ```
    pub fn headline_rate(&self, word: &str) -> f64 {
        self.headline_rates.get(word).copied().unwrap_or(0.0)
    }

    /// The probability that `word`, with these document features, is a
    /// headline word (the scorer fills in its headline rate).
    pub(crate) fn score(&self, word: &str, mut features: [f64; N_FEATURES]) -> f64 {
        features[HEADLINE_RATE] = self.headline_rate(word);
        self.model.probability(&features)
    }

    /// Parses a scorer; `path` names it in errors.
    ///
    /// # Errors
    ///
    /// [`Error::ModelVersion`] for another version; [`Error::Model`] for
    /// text that is not a scorer, whose features are not this build's,
    /// whose weights or headline rates are not finite, or whose table
    /// repeats a word.
    pub fn from_json(path: impl AsRef<Path>, json: &str) -> Result<Self> {
        let path = path.as_ref();
        let model = LinearModel::from_json(path, json, &KIND)?;
        let RatesField { mut headline_rates } = serde_json::from_str(json)
            .map_err(|e| Error::model(path, format!("no table of headline rates ({e})")))?;
        if !headline_rates.iter().all(|(_, r)| r.is_finite()) {
            return Err(Error::model(
                path,
                "headline rates contain NaN or infinite values",
            ));
        }
        headline_rates.sort_by(|a, b| a.0.cmp(&b.0));
        if let Some(w) = headline_rates.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(Error::model(
                path,
                format!("the word {:?} has two headline rates", w[0].0),
            ));
        }
        Ok(KeywordScorer::new(model, headline_rates))
    }

    /// A scorer of `model` and its table of headline rates (distinct words).
    fn new(model: LinearModel, headline_rates: Vec<(String, f64)>) -> Self {
        KeywordScorer {
            model,
            headline_rates: headline_rates
                .into_iter()
                .map(|(w, r)| (w.into_boxed_str(), r))
                .collect(),
        }
    }

    /// Reads a scorer file (a regular file of at most 1 MB).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] for a file that cannot be read, and the errors of
    /// [`from_json`](Self::from_json).
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        Self::from_json(path, &LinearModel::read(path)?)
    }

    /// Writes the scorer as JSON.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] naming the path.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        crate::util::linear::save_json(path.as_ref(), self)
    }
}

/// Fits a keyword scorer with `linfa-logistic` on sets of `(text,
/// headline)` pairs: every candidate term of each text (as the extractor
/// with `extractor`'s part-of-speech filter sees them, after `analyzer`)
/// is an example, labelled by whether its whole word occurs in the
/// headline. `l2` is linfa's penalty. The table of headline rates is
/// counted over the same examples; an example's own `headline_rate` is
/// counted without its article, so that the label never leaks into it.
///
/// # Errors
///
/// [`Error::EmptyData`] for sets with no candidate or a single label;
/// [`Error::Model`] if linfa fails.
#[cfg(feature = "train")]
pub fn fit_scorer<'r>(
    sets: &[(String, Vec<(&'r str, &'r str)>)],
    analyzer: &crate::analysis::Analyzer,
    extractor: &super::KeywordExtractor,
    l2: f64,
) -> Result<KeywordScorer> {
    use rayon::prelude::*;
    let rows: Vec<Vec<(String, [f64; N_FEATURES], bool)>> = sets
        .iter()
        .flat_map(|(_, pairs)| pairs.iter())
        .collect::<Vec<_>>()
        .par_iter()
        .map(|&&(text, headline)| {
            let article = crate::text::layout::parse_article(text);
            let doc = analyzer.analyze_article(None, &article);
            let candidates = extractor.candidates(&doc);
            scored_features(&doc, &candidates)
                .into_iter()
                .filter_map(|(id, f)| {
                    let term = doc.terms()[id];
                    let word = super::whole_word(term, doc.text())?;
                    Some((term.to_string(), f, headline.contains(&word)))
                })
                .collect()
        })
        .collect();
    let examples: Vec<(String, [f64; N_FEATURES], bool)> = rows.into_iter().flatten().collect();
    // Per word: the articles it was a candidate in, and those whose
    // headline held it (a document's terms are distinct, so one each).
    let mut counts: std::collections::BTreeMap<&str, (u32, u32)> = Default::default();
    for (word, _, y) in &examples {
        let c = counts.entry(word.as_str()).or_default();
        c.0 += 1;
        c.1 += u32::from(*y);
    }
    let (seen, held) = counts
        .values()
        .fold((0u64, 0u64), |(n, h), c| (n + c.0 as u64, h + c.1 as u64));
    let mean = (held as f64 / seen.max(1) as f64).max(1e-6);
    let rate = |(n, h): (u32, u32)| {
        (n >= MIN_RATE_ARTICLES).then(|| {
            let r = (h as f64 + RATE_SMOOTHING * mean) / (n as f64 + RATE_SMOOTHING);
            (r / mean).ln()
        })
    };
    let examples: Vec<(Vec<f64>, bool)> = examples
        .iter()
        .map(|(word, f, y)| {
            let (n, h) = counts[word.as_str()];
            let mut f = *f;
            f[HEADLINE_RATE] = rate((n - 1, h - u32::from(*y))).unwrap_or(0.0);
            (f.to_vec(), *y)
        })
        .collect();
    let (weights, bias) = crate::util::linear::fit_logistic(&examples, N_FEATURES, l2)?;
    let trained_on = sets
        .iter()
        .map(|(name, pairs)| (name.clone(), pairs.len()))
        .collect();
    let headline_rates = counts
        .iter()
        .filter_map(|(w, &c)| Some((w.to_string(), rate(c)?)))
        .collect();
    Ok(KeywordScorer::new(
        LinearModel::new(&KIND, weights, bias, trained_on),
        headline_rates,
    ))
}

/// A set to fit a keyword scorer on: its name, its `(text, headline)`
/// pairs, and the `k` of its P@k.
#[cfg(feature = "train")]
pub type ScorerSet<'r> = (String, Vec<(&'r str, &'r str)>, usize);

/// Fits the keyword scorer as `fit keywords` does: each L2 penalty of
/// `l2s` is cross-validated over `folds` folds of every set
/// ([`cross_validate_scorer`]), the one with the best mean P@k over the
/// sets wins (the first of equals; 1 when `l2s` is empty), and the scorer
/// is fitted with it on all of every set. `report(l2, p_at_k)` hears each
/// candidate's P@k per set as it is measured. Returns the scorer and the
/// L2 chosen.
///
/// # Errors
///
/// The errors of [`fit_scorer`].
#[cfg(feature = "train")]
pub fn choose_and_fit_scorer(
    sets: &[ScorerSet<'_>],
    analyzer: &crate::analysis::Analyzer,
    extractor: &super::KeywordExtractor,
    l2s: &[f64],
    folds: usize,
    mut report: impl FnMut(f64, &[f64]),
) -> Result<(KeywordScorer, f64)> {
    let mut best: Option<(f64, f64)> = None;
    for &l2 in l2s {
        let p = cross_validate_scorer(sets, analyzer, extractor, l2, folds)?;
        report(l2, &p);
        let mean = p.iter().sum::<f64>() / p.len() as f64;
        if best.is_none_or(|(m, _)| mean > m) {
            best = Some((mean, l2));
        }
    }
    let l2 = best.map_or(1.0, |(_, l2)| l2);
    let all: Vec<(String, Vec<(&str, &str)>)> = sets
        .iter()
        .map(|(name, pairs, _)| (name.clone(), pairs.clone()))
        .collect();
    Ok((fit_scorer(&all, analyzer, extractor, l2)?, l2))
}

/// P@k of a scorer fitted on all folds of `sets` but one, scored on the
/// fold left out, for each set: how a choice of `l2` does on texts the
/// scorer never saw. Each set is `(name, pairs, k)`.
///
/// # Errors
///
/// The errors of [`fit_scorer`].
#[cfg(feature = "train")]
pub fn cross_validate_scorer<'r>(
    sets: &[ScorerSet<'r>],
    analyzer: &crate::analysis::Analyzer,
    extractor: &super::KeywordExtractor,
    l2: f64,
    folds: usize,
) -> Result<Vec<f64>> {
    let mut hits = vec![0.0; sets.len()];
    for f in 0..folds {
        let train: Vec<(String, Vec<(&str, &str)>)> = sets
            .iter()
            .map(|(name, pairs, _)| {
                let kept = pairs
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i % folds != f)
                    .map(|(_, p)| *p);
                (name.clone(), kept.collect())
            })
            .collect();
        let scorer = fit_scorer(&train, analyzer, extractor, l2)?;
        for (s, (_, pairs, k)) in sets.iter().enumerate() {
            let scored = super::KeywordExtractor::builder()
                .scorer(scorer.clone())
                .top(*k)
                .allowed_pos(extractor.config.allowed_pos.clone())
                .build()?;
            for (_, &(text, headline)) in pairs.iter().enumerate().filter(|(i, _)| i % folds == f) {
                let article = crate::text::layout::parse_article(text);
                let words = scored
                    .extract(&analyzer.analyze_article(None, &article))
                    .words;
                hits[s] +=
                    words.iter().filter(|w| headline.contains(&w.word)).count() as f64 / *k as f64;
            }
        }
    }
    Ok(hits
        .iter()
        .zip(sets)
        .map(|(h, (_, pairs, _))| h / pairs.len().max(1) as f64)
        .collect())
}
