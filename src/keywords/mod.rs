//! Keywords and key phrases of an analysed document.
//!
//! Three ways to rank a document's terms:
//!
//! - [`KeywordMethod::Learned`] (default): the probability that a term is
//!   a word of the headline, by a scorer fitted on real news
//!   ([`KeywordScorer`]) over the term's TF-IDF weight and rank, where and
//!   how widely it occurs, its part of speech and length, and the word's
//!   headline rate in the articles the scorer was fitted on; it ranks the
//!   heaviest 30 candidates by TF-IDF.
//! - [`KeywordMethod::TfIdf`], as jieba's `extract_tags` ranks
//!   them: a term's weight is `tf × idf`, where `tf` is its count divided
//!   by the count of all candidate words of the document (terms of two or
//!   more characters whose tag the filter keeps) and `idf` comes from jieba's
//!   general table of Chinese (compiled into the library; words it lacks get
//!   its median, 11.74) or from the analyzer's own table.
//! - [`KeywordMethod::TextRank`]: PageRank (damping 0.85) over the graph
//!   whose nodes are the candidate terms and whose edges join two terms
//!   that occur within [`TEXTRANK_SPAN`] terms of each other in a sentence,
//!   weighted by how often they do; weights are scaled so the top keyword
//!   has weight 1.
//!
//! Candidates are the document's terms (so the analyzer's stop words and
//! user words apply), of two characters or more, whose part of speech is
//! in the filter ([`NEWS_POS`] by default). Key phrases are runs of
//! adjacent keywords that recur (`城乡` + `公交` + `一体化` →
//! `城乡公交一体化`).

mod learned;

use std::sync::Arc;

use crate::analysis::lexicon::{self, Pos};
pub use learned::{FEATURES, KeywordScorer, SCORER_FORMAT, SCORER_VERSION};
#[cfg(feature = "train")]
pub use learned::{ScorerSet, choose_and_fit_scorer, cross_validate_scorer, fit_scorer};

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::analysis::{CorpusIdf, Document, MergeKind};
use crate::error::{Error, Result};
use crate::rank::{Graph, PageRank};

/// Parts of speech kept by default: every tag of a content word (nouns of
/// every kind, verbs, adjectives, adverbs, time, place and direction
/// words, numbers, idioms, abbreviations, foreign words, words jieba does
/// not know), none of a function word (conjunctions, prepositions,
/// pronouns, measure words, particles, modal words, interjections,
/// onomatopoeia). The learned scorer weighs the part of speech itself; a
/// narrower filter scored lower on real headlines.
pub const NEWS_POS: &[&str] = &[
    "a", "ad", "ag", "an", "b", "d", "df", "dg", "eng", "f", "g", "i", "j", "l", "m", "mg", "n",
    "ng", "nr", "nrfg", "nrt", "ns", "nt", "nz", "s", "t", "tg", "v", "vd", "vg", "vi", "vn", "vq",
    "x", "z", "zg",
];

/// Every part-of-speech tag of jieba's dictionary and tagger; a filter may
/// name only these (and tags of user words).
pub const JIEBA_TAGS: &[&str] = &[
    "a", "ad", "ag", "an", "b", "c", "d", "df", "dg", "e", "eng", "f", "g", "h", "i", "j", "k",
    "l", "m", "mg", "mq", "n", "ng", "nr", "nrfg", "nrt", "ns", "nt", "nz", "o", "p", "q", "r",
    "rg", "rr", "rz", "s", "t", "tg", "u", "ud", "ug", "uj", "ul", "uv", "uz", "v", "vd", "vg",
    "vi", "vn", "vq", "x", "y", "z", "zg",
];

/// The number of keywords (and of phrases) every extractor gives unless
/// told otherwise, the digest's included.
pub const DEFAULT_TOP: usize = 5;

/// Times a run of keywords must occur to count as a key phrase.
pub const MIN_PHRASE_COUNT: usize = 2;

/// Two terms are linked in the TextRank graph when they occur within this
/// many terms of each other in one sentence (jieba's window).
pub const TEXTRANK_SPAN: usize = 5;

/// How keywords are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeywordMethod {
    /// The learned scorer (default): the probability, by logistic
    /// regression over TF-IDF, position, spread, part of speech, length
    /// and the word's headline rate, that a term is a word of the headline
    /// ([`KeywordScorer`]).
    #[default]
    Learned,
    /// Term frequency times IDF, as jieba weighs it.
    TfIdf,
    /// PageRank over a term co-occurrence graph.
    TextRank,
}

impl std::str::FromStr for KeywordMethod {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "learned" => Ok(KeywordMethod::Learned),
            "tfidf" | "tf-idf" => Ok(KeywordMethod::TfIdf),
            "textrank" => Ok(KeywordMethod::TextRank),
            other => Err(Error::invalid(
                "method",
                other,
                "learned, tfidf or textrank",
            )),
        }
    }
}

/// A keyword with its weight and part of speech.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyword {
    /// The word.
    pub word: String,
    /// Its weight: `tf × idf` (TF-IDF), or its TextRank score over the top
    /// keyword's (TextRank; the top keyword has 1).
    pub weight: f64,
    /// Its part-of-speech tag.
    pub tag: String,
}

/// Adjacent keywords that form one phrase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyPhrase {
    /// The phrase as it stands in the text.
    pub phrase: String,
    /// The sum of its words' weights times the number of times it occurs.
    pub weight: f64,
    /// Times it occurs.
    pub count: usize,
}

/// The keywords and key phrases of a document, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Keywords {
    /// The top keywords (`keywords` in JSON).
    #[serde(rename = "keywords")]
    pub words: Vec<Keyword>,
    /// The top key phrases: maximal runs of two or more adjacent keywords
    /// (from the top `3 × top`, verbs left out) that occur at least
    /// [`MIN_PHRASE_COUNT`] times, ranked by weight.
    pub phrases: Vec<KeyPhrase>,
}

#[derive(Debug, Clone, PartialEq)]
struct Config {
    method: KeywordMethod,
    top: usize,
    allowed_pos: Vec<String>,
    scorer: Option<Arc<KeywordScorer>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            method: KeywordMethod::Learned,
            scorer: None,
            top: DEFAULT_TOP,
            allowed_pos: NEWS_POS.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// Extracts keywords and key phrases.
///
/// ```
/// use jianbao::analysis::Analyzer;
/// use jianbao::keywords::{KeywordExtractor, KeywordMethod};
///
/// let text = "城乡公交一体化让村民出行更方便。城乡公交一体化覆盖全部行政村，\
///             公交票价统一为2元。城乡交通也在改善。";
/// let doc = Analyzer::default().analyze(text);
/// let k = KeywordExtractor::default().extract(&doc);
/// assert!(k.words.iter().any(|w| w.word == "公交"));
/// // Keywords that stand side by side again and again make a phrase.
/// let k = KeywordExtractor::builder().method(KeywordMethod::TfIdf).build().unwrap().extract(&doc);
/// assert_eq!(k.phrases[0].phrase, "城乡公交");
/// assert_eq!(k.phrases[0].count, 2);
/// ```
#[derive(Debug, Clone)]
pub struct KeywordExtractor {
    config: Config,
    /// `allowed_pos`, interned.
    allowed: Vec<Pos>,
    /// The learned method's scorer.
    scorer: Arc<KeywordScorer>,
}

impl Default for KeywordExtractor {
    fn default() -> Self {
        KeywordExtractorBuilder::default()
            .build()
            .expect("the default options are valid")
    }
}

/// Options of a [`KeywordExtractor`].
///
/// | option | default | range |
/// |---|---|---|
/// | [`method`](Self::method) | learned | |
/// | [`top`](Self::top) | [`DEFAULT_TOP`] | ≥ 1 |
/// | [`allowed_pos`](Self::allowed_pos) | [`NEWS_POS`] | tags of [`JIEBA_TAGS`]; empty keeps all |
#[derive(Debug, Clone, Default)]
pub struct KeywordExtractorBuilder {
    config: Config,
}

impl KeywordExtractorBuilder {
    /// The learned scorer (default), TF-IDF or TextRank.
    pub fn method(mut self, method: KeywordMethod) -> Self {
        self.config.method = method;
        self
    }

    /// The learned method's scorer (default: the shipped one,
    /// [`KeywordScorer::shipped`]).
    pub fn scorer(mut self, scorer: KeywordScorer) -> Self {
        self.config.scorer = Some(Arc::new(scorer));
        self
    }

    /// How many keywords (and phrases) to return.
    pub fn top(mut self, k: usize) -> Self {
        self.config.top = k;
        self
    }

    /// Parts of speech to keep; empty keeps all.
    pub fn allowed_pos<S: Into<String>>(mut self, tags: impl IntoIterator<Item = S>) -> Self {
        self.config.allowed_pos = tags.into_iter().map(Into::into).collect();
        self
    }

    /// Checks the options and builds the extractor.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for `top` 0 or a tag jieba never gives;
    /// [`Error::Model`] if the shipped scorer is damaged.
    pub fn build(self) -> Result<KeywordExtractor> {
        let c = self.config;
        if c.top == 0 {
            return Err(Error::invalid("top", 0, "at least 1"));
        }
        if let Some(bad) = c
            .allowed_pos
            .iter()
            .find(|t| !JIEBA_TAGS.contains(&t.as_str()))
        {
            return Err(Error::invalid(
                "pos",
                bad,
                format!("part-of-speech tags of jieba ({})", JIEBA_TAGS.join(",")),
            ));
        }
        let scorer = match &c.scorer {
            Some(s) => Arc::clone(s),
            None => Arc::new(KeywordScorer::shipped()?.clone()),
        };
        Ok(KeywordExtractor {
            allowed: c.allowed_pos.iter().map(|t| Pos::intern(t)).collect(),
            config: c,
            scorer,
        })
    }
}

/// A term the extractor may return: its tag, corpus IDF, and whether it
/// was found in context (by jieba's HMM, or by merging pieces).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub(crate) pos: Pos,
    pub(crate) idf: f64,
    pub(crate) in_context: bool,
}

/// The scorer's probability for every candidate of `doc`, as `(id, score)`.
pub(crate) fn learned_scores(
    doc: &Document<'_>,
    candidates: &[Option<Candidate>],
    scorer: &KeywordScorer,
) -> Vec<(u32, f64)> {
    learned::scored_features(doc, candidates)
        .into_iter()
        .map(|(id, f)| (id as u32, scorer.score(doc.terms()[id], f)))
        .collect()
}

/// Characters a keyword is never widened by: function words, measure words,
/// numbers' companions (`个`, `次`), `的`.
const NOT_WIDENED_BY: &str = "的了着过在是和与及或等个次名位件项只条场天年月日号时分秒元亿万多余被把将对向从于由以而并也还都又就才已要会能可让使给到上下中内外前后里间这那其该此每各某另本全总为请说称称据约共逾超近第";

/// `word` as a whole word of `text`: itself when it stands on its own,
/// widened (by up to [`MAX_SEQUENCE_CHARS`](crate::analysis::MAX_SEQUENCE_CHARS)
/// characters) to the longer string it always stands inside when that
/// string's extra characters are not function characters, `None` when it
/// cannot be made whole.
pub(crate) fn whole_word(word: &str, text: &str) -> Option<String> {
    let mut w = word.to_string();
    for _ in 0..crate::analysis::MAX_SEQUENCE_CHARS {
        let (left, right) = crate::text::stable_neighbours(&w, text);
        let widen = |c: Option<char>| c.filter(|c| !NOT_WIDENED_BY.contains(*c));
        match (left, right) {
            (None, None) => return Some(w),
            (Some(_), _) if widen(left).is_some() => w.insert(0, left?),
            (_, Some(_)) if widen(right).is_some() => w.push(right?),
            _ => return None,
        }
    }
    None
}

/// Which terms are numbers that only ever stand as part of a date or a
/// time (`11` and `27` of `11月27日`, `8` of `8时`): never keywords,
/// though a number of its own (`2024`, `86亿`) may be.
fn date_parts(doc: &Document<'_>) -> Vec<bool> {
    let terms = doc.terms();
    let digits = |w: &str| {
        w.chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    let mut dated: Vec<bool> = terms.iter().map(|w| digits(w)).collect();
    if !dated.contains(&true) {
        return dated;
    }
    let text = doc.text();
    for (id, span) in doc.occurrences() {
        let id = id as usize;
        if dated[id] {
            let unit = text[span.end..].chars().next();
            dated[id] = matches!(
                unit,
                Some('年' | '月' | '日' | '时' | '点' | '分' | '秒' | '号')
            );
        }
    }
    dated
}

/// The tag jieba gives term `id` where it first occurs (`nz`, a proper
/// noun, if jieba cuts it otherwise there). jieba tags each run of Chinese
/// characters, letters and digits on its own, so the run around the word
/// (within its sentence) is what is tagged; a run longer than
/// [`TAG_REACH`] characters each side is cut there, so that a text with no
/// punctuation costs no more than one with it.
fn tag_where_it_stands(doc: &Document<'_>, id: u32, first_at: usize) -> Pos {
    let word = doc.terms()[id as usize];
    let sentences = doc.sentences();
    let k = sentences.partition_point(|s| s.span.end <= first_at);
    let found = sentences.get(k).and_then(|sentence| {
        let text = sentence.text;
        let at = first_at.checked_sub(sentence.span.start)?;
        let in_run = |c: &char| is_jieba_run_char(*c);
        let left: usize = text[..at]
            .chars()
            .rev()
            .take_while(in_run)
            .take(TAG_REACH)
            .map(char::len_utf8)
            .sum();
        let right: usize = text[at + word.len()..]
            .chars()
            .take_while(in_run)
            .take(TAG_REACH)
            .map(char::len_utf8)
            .sum();
        let run = &text[at - left..at + word.len() + right];
        let tags = doc.analyzer().jieba().tag(run, doc.analyzer().hmm());
        tags.into_iter()
            .find(|t| t.byte_start == left && t.word == word)
            .map(|t| Pos::intern(t.tag))
    });
    found.unwrap_or_else(|| Pos::intern("nz"))
}

/// How far, in characters each side, a word's run is tagged.
const TAG_REACH: usize = 64;

/// A character of the runs jieba cuts and tags as one block: Chinese
/// characters, ASCII letters and digits, and `+#&._%-`.
fn is_jieba_run_char(c: char) -> bool {
    crate::text::clean::is_han(c)
        || c.is_ascii_alphanumeric()
        || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// Readies jieba's IDF table now rather than at the first keyword. The
/// table is compiled into the library and read where it lies once its
/// offsets are checked, about half a millisecond (jieba-rs's own `TfIdf`
/// parses it into a hash map, which takes as long as loading jieba's
/// dictionary).
///
/// ```
/// jianbao::keywords::load_tables(); // later keyword calls find the table ready
/// ```
pub fn load_tables() {
    lexicon::load();
}

impl KeywordExtractor {
    /// Options with their defaults.
    pub fn builder() -> KeywordExtractorBuilder {
        KeywordExtractorBuilder::default()
    }

    /// The method in use.
    pub fn method(&self) -> KeywordMethod {
        self.config.method
    }

    /// How many keywords it gives.
    pub fn top(&self) -> usize {
        self.config.top
    }

    /// The keywords and key phrases of an analysed document.
    pub fn extract(&self, doc: &Document<'_>) -> Keywords {
        let k = self.config.top.saturating_mul(3);
        let mut words = match self.config.method {
            KeywordMethod::Learned => self.learned_ranked(doc, k),
            KeywordMethod::TfIdf => self.tfidf_ranked(doc, k),
            KeywordMethod::TextRank => self.textrank_ranked(doc, k),
        };
        let phrases = self.phrases_from(doc, &words);
        words.truncate(self.config.top);
        words.shrink_to_fit();
        Keywords { words, phrases }
    }

    /// Does the filter keep `pos`?
    fn keeps(&self, pos: Pos) -> bool {
        self.allowed.is_empty() || pos.is_in(&self.allowed)
    }

    /// The candidate terms by id: those of two characters or more whose
    /// tag the filter keeps, with their tag and corpus IDF (`None`: not a
    /// candidate). A term's tag is the one jieba gives it where it stands:
    /// a user word's is its dictionary's, a merged name's is its kind's
    /// (`nr` for a person, `ns` for a place), and a word jieba found in
    /// context (by its HMM) is tagged in its sentence.
    pub(crate) fn candidates(&self, doc: &Document<'_>) -> Vec<Option<Candidate>> {
        let terms = doc.terms();
        let analyzer = doc.analyzer();
        let table = match analyzer.corpus_idf() {
            CorpusIdf::Table(t) => Some(t),
            CorpusIdf::Jieba => None,
        };
        let mut out = vec![None; terms.len()];
        let long: Vec<u32> = (0..terms.len() as u32)
            .filter(|&id| terms[id as usize].chars().nth(1).is_some())
            .collect();
        let mut infos = vec![lexicon::WordInfo::default(); long.len()];
        lexicon::word_infos(long.iter().map(|&id| terms[id as usize]), |i, info| {
            infos[i] = info
        });
        // Where each term first occurs, for the words tagged where they stand.
        let mut first_at: Vec<usize> = Vec::new();
        let dates = date_parts(doc);
        for (&id, info) in long.iter().zip(infos) {
            let word = terms[id as usize];
            if dates[id as usize] {
                continue;
            }
            let pos = if let Some(tag) = analyzer.user_tag(word) {
                Pos::intern(tag)
            } else if let Some(kind) = doc.merge_kind(id) {
                Pos::intern(match kind {
                    MergeKind::Person => "nr",
                    MergeKind::Place => "ns",
                    MergeKind::Sequence => "nz",
                })
            } else if info.in_context {
                if first_at.is_empty() {
                    first_at = vec![usize::MAX; terms.len()];
                    for (t, span) in doc.occurrences() {
                        let at = &mut first_at[t as usize];
                        *at = (*at).min(span.start);
                    }
                }
                let pos = tag_where_it_stands(doc, id, first_at[id as usize]);
                lexicon::remember_tag(word, pos);
                pos
            } else {
                info.pos
            };
            let idf = table.map_or(info.idf, |t| t.get(word) as f64);
            out[id as usize] = self.keeps(pos).then_some(Candidate {
                pos,
                idf,
                in_context: info.in_context || doc.merge_kind(id).is_some(),
            });
        }
        out
    }

    /// The learned scorer's probability for the candidates it was fitted
    /// for: the heaviest by TF-IDF.
    fn learned_ranked(&self, doc: &Document<'_>, k: usize) -> Vec<Keyword> {
        let candidates = self.candidates(doc);
        let scored = learned_scores(doc, &candidates, &self.scorer);
        self.best(doc, &candidates, scored, k)
    }

    /// TF-IDF over the document's candidate terms, as jieba weighs them.
    /// Ties go to the word that sorts first.
    fn tfidf_ranked(&self, doc: &Document<'_>, k: usize) -> Vec<Keyword> {
        let terms = doc.terms();
        let mut tf = vec![0u32; terms.len()];
        for id in doc.occurrence_ids() {
            tf[id as usize] += 1;
        }
        let candidates = self.candidates(doc);
        let total: u32 = (0..terms.len())
            .filter(|&id| candidates[id].is_some())
            .map(|id| tf[id])
            .sum();
        if total == 0 {
            return Vec::new();
        }
        let scored = candidates
            .iter()
            .enumerate()
            .filter_map(|(id, c)| c.map(|c| (id as u32, tf[id] as f64 * c.idf / total as f64)))
            .collect();
        self.best(doc, &candidates, scored, k)
    }

    /// TextRank over the candidate terms' co-occurrence graph.
    fn textrank_ranked(&self, doc: &Document<'_>, k: usize) -> Vec<Keyword> {
        let terms = doc.terms();
        let tags = self.candidates(doc);
        // Candidates get graph nodes in order of first occurrence.
        let mut node_of = vec![u32::MAX; terms.len()];
        let mut term_of: Vec<u32> = Vec::new();
        let mut pairs: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        // Sentence by sentence (occurrences come in text order), the
        // candidates' occurrences as nodes, and their pairs within the span.
        let sentences = doc.sentences();
        let mut s = 0usize;
        let mut nodes: Vec<u32> = Vec::new();
        let mut add_pairs = |nodes: &mut Vec<u32>| {
            for (i, &a) in nodes.iter().enumerate() {
                for &b in nodes.iter().skip(i + 1).take(TEXTRANK_SPAN - 1) {
                    if a != b {
                        *pairs.entry((a.min(b), a.max(b))).or_insert(0) += 1;
                    }
                }
            }
            nodes.clear();
        };
        for &(id, at) in doc.raw_occurrences() {
            while s + 1 < sentences.len() && sentences[s].span.end <= at {
                s += 1;
                add_pairs(&mut nodes);
            }
            if tags[id as usize].is_none() {
                continue;
            }
            if node_of[id as usize] == u32::MAX {
                node_of[id as usize] = term_of.len() as u32;
                term_of.push(id);
            }
            nodes.push(node_of[id as usize]);
        }
        add_pairs(&mut nodes);
        if term_of.is_empty() {
            return Vec::new();
        }
        let mut upper: Vec<(u32, u32, f32)> = pairs
            .into_iter()
            .map(|((a, b), n)| (a, b, n as f32))
            .collect();
        upper.sort_unstable_by_key(|&(a, b, _)| (a, b));
        let graph = Graph::from_upper(term_of.len(), &upper);
        let rank = PageRank::new(0.85, 1e-6, 100)
            .expect("fixed valid damping")
            .rank(&graph, None);
        let top = rank.iter().cloned().fold(0.0, f64::max);
        let scored = term_of
            .iter()
            .enumerate()
            .map(|(node, &id)| (id, if top > 0.0 { rank[node] / top } else { 0.0 }))
            .collect();
        self.best(doc, &tags, scored, k)
    }

    /// The `k` best of `scored` as keywords, best first (ties to the word
    /// that sorts first), whole words only: a term that only ever stands
    /// inside one longer string of the text (every occurrence has the same
    /// character on its left, or on its right) is widened to that string
    /// when the characters it takes on are not function characters
    /// (`湖人` → `湖人队`), and left out when they are (`篮板` of `12个篮板`).
    fn best(
        &self,
        doc: &Document<'_>,
        tags: &[Option<Candidate>],
        mut scored: Vec<(u32, f64)>,
        k: usize,
    ) -> Vec<Keyword> {
        let terms = doc.terms();
        scored.sort_unstable_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| terms[a.0 as usize].cmp(terms[b.0 as usize]))
        });
        let mut out: Vec<Keyword> = Vec::with_capacity(k.min(scored.len()));
        for (id, weight) in scored {
            if out.len() == k {
                break;
            }
            let Some(word) = whole_word(terms[id as usize], doc.text()) else {
                continue;
            };
            if out.iter().any(|w| w.word == word) {
                continue;
            }
            out.push(Keyword {
                word,
                weight,
                tag: tags[id as usize].map_or("x", |c| c.pos.name()).to_string(),
            });
        }
        out
    }

    fn phrases_from(&self, doc: &Document<'_>, ranked: &[Keyword]) -> Vec<KeyPhrase> {
        // Verbs join no phrase: `推进` + `数字乡村建设` is not a name.
        let mut pool: Vec<Option<f64>> = vec![None; doc.terms().len()];
        let mut any = false;
        for k in ranked.iter().filter(|k| k.tag != "v") {
            if let Some(id) = doc.term_id(&k.word) {
                pool[id as usize] = Some(k.weight);
                any = true;
            }
        }
        if !any {
            return Vec::new();
        }
        let occ = doc.raw_occurrences();
        let end_of = |i: usize| occ[i].1 + doc.terms()[occ[i].0 as usize].len();
        let mut found: std::collections::HashMap<&str, (f64, usize)> = Default::default();
        let mut i = 0;
        while i < occ.len() {
            let mut j = i;
            let mut weight = 0.0;
            while j < occ.len()
                && (j == i || occ[j].1 == end_of(j - 1))
                && let Some(w) = pool[occ[j].0 as usize]
            {
                weight += w;
                j += 1;
            }
            if j - i >= 2 {
                let phrase = &doc.text()[occ[i].1..end_of(j - 1)];
                let e = found.entry(phrase).or_insert((weight, 0));
                e.1 += 1;
                i = j;
            } else {
                i += 1;
            }
        }
        // A run seen once is as often chance as a name; a phrase must recur.
        let mut phrases: Vec<KeyPhrase> = found
            .into_iter()
            .filter(|(_, (_, c))| *c >= MIN_PHRASE_COUNT)
            .map(|(p, (w, c))| KeyPhrase {
                phrase: p.to_string(),
                weight: w * c as f64,
                count: c,
            })
            .collect();
        phrases.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then_with(|| a.phrase.cmp(&b.phrase))
        });
        phrases.truncate(self.config.top);
        phrases
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;

    fn words(k: &Keywords) -> Vec<&str> {
        k.words.iter().map(|w| w.word.as_str()).collect()
    }

    #[test]
    fn stop_words_never_come_back() {
        let doc = Analyzer::default()
            .analyze("记者表示，我们的工作进行顺利。社区医院开诊，医院服务居民。");
        let k = KeywordExtractor::default().extract(&doc);
        assert!(words(&k).contains(&"医院"));
        for w in ["记者", "表示", "我们", "工作", "进行"] {
            assert!(!words(&k).contains(&w), "{w} in {:?}", words(&k));
        }
    }

    #[test]
    fn textrank_keywords_are_ranked_and_the_top_one_weighs_one() {
        let kw = KeywordExtractor::builder()
            .method(KeywordMethod::TextRank)
            .build()
            .unwrap();
        let doc = Analyzer::default().analyze("公交线路开通，公交直通村口，村民乘坐公交进城。");
        let k = kw.extract(&doc);
        assert!(!k.words.is_empty());
        assert_eq!(k.words[0].weight, 1.0);
        assert!(k.words.windows(2).all(|w| w[0].weight >= w[1].weight));
    }

    #[test]
    fn empty_text_has_no_keywords() {
        let kw = KeywordExtractor::default();
        assert_eq!(
            kw.extract(&Analyzer::default().analyze("")),
            Keywords::default()
        );
        assert_eq!(
            kw.extract(&Analyzer::default().analyze("   ")),
            Keywords::default()
        );
    }

    #[test]
    fn unknown_tags_and_zero_keywords_are_refused() {
        let err = KeywordExtractor::builder()
            .allowed_pos(["zzz"])
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::InvalidOption { option: "pos", .. }));
        assert!(KeywordExtractor::builder().top(0).build().is_err());
    }
}
