//! Keywords and key phrases of an analysed document.
//!
//! Two ways to rank a document's terms:
//!
//! - [`KeywordMethod::TfIdf`] (default), as jieba's `extract_tags` ranks
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

use crate::analysis::lexicon::{self, Pos};

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::analysis::{CorpusIdf, Document};
use crate::error::{Error, Result};
use crate::rank::{Graph, PageRank};

/// Parts of speech kept by default: nouns (common, person, place,
/// organisation, other proper), verbal nouns, verbs, idioms, abbreviations
/// and foreign words.
pub const NEWS_POS: &[&str] = &["n", "nr", "ns", "nt", "nz", "vn", "v", "l", "j", "eng"];

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
    /// Term frequency times IDF (default).
    #[default]
    TfIdf,
    /// PageRank over a term co-occurrence graph.
    TextRank,
}

impl std::str::FromStr for KeywordMethod {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "tfidf" | "tf-idf" => Ok(KeywordMethod::TfIdf),
            "textrank" => Ok(KeywordMethod::TextRank),
            other => Err(Error::invalid("method", other, "tfidf or textrank")),
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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            method: KeywordMethod::TfIdf,
            top: DEFAULT_TOP,
            allowed_pos: NEWS_POS.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// Extracts keywords and key phrases.
///
/// ```
/// use jianbao::analysis::Analyzer;
/// use jianbao::keywords::KeywordExtractor;
///
/// let text = "全市推进数字乡村建设。数字乡村建设让村民办事不出村，数字乡村建设还带动了乡村旅游。";
/// let doc = Analyzer::default().analyze(text);
/// let k = KeywordExtractor::default().extract(&doc);
/// assert!(k.words.iter().any(|w| w.word == "乡村"));
/// assert_eq!(k.phrases[0].phrase, "数字乡村建设");
/// assert_eq!(k.phrases[0].count, 3);
/// ```
#[derive(Debug, Clone)]
pub struct KeywordExtractor {
    config: Config,
    /// `allowed_pos`, interned.
    allowed: Vec<Pos>,
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
/// | [`method`](Self::method) | TF-IDF | |
/// | [`top`](Self::top) | [`DEFAULT_TOP`] | ≥ 1 |
/// | [`allowed_pos`](Self::allowed_pos) | [`NEWS_POS`] | tags of [`JIEBA_TAGS`]; empty keeps all |
#[derive(Debug, Clone, Default)]
pub struct KeywordExtractorBuilder {
    config: Config,
}

impl KeywordExtractorBuilder {
    /// TF-IDF or TextRank.
    pub fn method(mut self, method: KeywordMethod) -> Self {
        self.config.method = method;
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
    /// [`Error::InvalidOption`] for `top` 0 or a tag jieba never gives.
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
        Ok(KeywordExtractor {
            allowed: c.allowed_pos.iter().map(|t| Pos::intern(t)).collect(),
            config: c,
        })
    }
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
            KeywordMethod::TfIdf => self.tfidf_ranked(doc, k),
            KeywordMethod::TextRank => self.textrank_ranked(doc, k),
        };
        let phrases = self.phrases_from(doc, &words);
        words.truncate(self.config.top);
        Keywords { words, phrases }
    }

    /// Does the filter keep `pos`?
    fn keeps(&self, pos: Pos) -> bool {
        self.allowed.is_empty() || pos.is_in(&self.allowed)
    }

    /// The candidate terms by id: those of two characters or more whose
    /// tag the filter keeps, with their tag and corpus IDF (`None`: not a
    /// candidate). A user word's tag is the one its dictionary gives.
    fn candidates(&self, doc: &Document<'_>) -> Vec<Option<(Pos, f64)>> {
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
        lexicon::word_infos(long.iter().map(|&id| terms[id as usize]), |i, info| {
            let id = long[i] as usize;
            let word = terms[id];
            let pos = analyzer.user_tag(word).map_or(info.pos, Pos::intern);
            let idf = table.map_or(info.idf, |t| t.get(word) as f64);
            out[id] = self.keeps(pos).then_some((pos, idf));
        });
        out
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
            .filter_map(|(id, c)| c.map(|(_, idf)| (id as u32, tf[id] as f64 * idf / total as f64)))
            .collect();
        self.best(terms, &candidates, scored, k)
    }

    /// TextRank over the candidate terms' co-occurrence graph.
    fn textrank_ranked(&self, doc: &Document<'_>, k: usize) -> Vec<Keyword> {
        let terms = doc.terms();
        let tags = self.candidates(doc);
        // Candidates get graph nodes in order of first occurrence.
        let mut node_of = vec![u32::MAX; terms.len()];
        let mut term_of: Vec<u32> = Vec::new();
        let mut pairs: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        for s in 0..doc.sentences().len() {
            // The sentence's candidate occurrences, as nodes, in order.
            let span = doc.sentences()[s].span;
            let nodes: Vec<u32> = doc
                .raw_occurrences()
                .iter()
                .filter(|&&(_, at)| span.contains(at))
                .filter(|&&(id, _)| tags[id as usize].is_some())
                .map(|&(id, _)| {
                    if node_of[id as usize] == u32::MAX {
                        node_of[id as usize] = term_of.len() as u32;
                        term_of.push(id);
                    }
                    node_of[id as usize]
                })
                .collect();
            for (i, &a) in nodes.iter().enumerate() {
                for &b in nodes.iter().skip(i + 1).take(TEXTRANK_SPAN - 1) {
                    if a != b {
                        *pairs.entry((a.min(b), a.max(b))).or_insert(0) += 1;
                    }
                }
            }
        }
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
        self.best(terms, &tags, scored, k)
    }

    /// The `k` best of `scored` as keywords, best first (ties to the word
    /// that sorts first).
    fn best(
        &self,
        terms: &[&str],
        tags: &[Option<(Pos, f64)>],
        mut scored: Vec<(u32, f64)>,
        k: usize,
    ) -> Vec<Keyword> {
        let best_first = |a: &(u32, f64), b: &(u32, f64)| {
            b.1.total_cmp(&a.1)
                .then_with(|| terms[a.0 as usize].cmp(terms[b.0 as usize]))
        };
        if scored.len() > k && k > 0 {
            scored.select_nth_unstable_by(k - 1, best_first);
            scored.truncate(k);
        }
        scored.sort_unstable_by(best_first);
        scored
            .into_iter()
            .map(|(id, weight)| Keyword {
                word: terms[id as usize].to_string(),
                weight,
                tag: tags[id as usize].map_or("x", |(p, _)| p.name()).to_string(),
            })
            .collect()
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
        let mut found: FxHashMap<&str, (f64, usize)> = FxHashMap::default();
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
