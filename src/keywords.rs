//! Keywords and key phrases.
//!
//! Single keywords come from jieba-rs, which already does this job well: its
//! TF-IDF extractor carries a general IDF table of Chinese, and its TextRank
//! extractor builds a co-occurrence graph over part-of-speech-filtered words.
//! jianbao adds what it lacks: the team's stop words, a news-minded default
//! part-of-speech filter, and key phrases, runs of adjacent keywords merged
//! into one (`城乡` + `公交` + `一体化` → `城乡公交一体化`).

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::sync::{LazyLock, RwLock};

use jieba_rs::{KeywordExtract, KeywordExtractConfig, TextRank, TfIdf};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::tokenize::{Token, Tokenizer};
use crate::vectorize::Document;

/// Parts of speech kept by default: nouns (common, person, place,
/// organisation, other proper), verbal nouns, verbs, idioms, abbreviations
/// and foreign words.
pub const NEWS_POS: &[&str] = &["n", "nr", "ns", "nt", "nz", "vn", "v", "l", "j", "eng"];

/// Times a run of keywords must occur to count as a key phrase.
pub const MIN_PHRASE_COUNT: usize = 2;

/// How keywords are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeywordMethod {
    /// Term frequency times jieba's IDF table (default).
    #[default]
    TfIdf,
    /// PageRank over a word co-occurrence graph.
    TextRank,
}

impl std::str::FromStr for KeywordMethod {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "tfidf" | "tf-idf" => Ok(KeywordMethod::TfIdf),
            "textrank" => Ok(KeywordMethod::TextRank),
            other => Err(Error::option(
                "method",
                format!("`{other}` is not one of tfidf, textrank"),
            )),
        }
    }
}

/// A keyword with its weight and part of speech.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyword {
    /// The word.
    pub word: String,
    /// Its weight (TF-IDF, or TextRank score scaled so the top word is 1).
    pub weight: f64,
    /// jieba's part-of-speech tag.
    pub tag: String,
}

/// Adjacent keywords that form one phrase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyPhrase {
    /// The phrase as it stands in the text.
    pub phrase: String,
    /// Sum of its words' weights times the number of times it occurs.
    pub weight: f64,
    /// Times it occurs.
    pub count: usize,
}

/// Extracts keywords and key phrases.
///
/// ```
/// use jianbao::keywords::KeywordExtractor;
///
/// let text = "全市推进数字乡村建设。数字乡村建设让村民办事不出村，数字乡村建设还带动了乡村旅游。";
/// let kw = KeywordExtractor::builder().top_k(5).build().unwrap();
/// let words: Vec<String> = kw.keywords(text).into_iter().map(|k| k.word).collect();
/// assert!(words.contains(&"乡村".to_string()));
/// let phrases = kw.key_phrases(text);
/// assert_eq!(phrases[0].phrase, "数字乡村建设");
/// assert_eq!(phrases[0].count, 3);
/// ```
#[derive(Debug, Clone)]
pub struct KeywordExtractor {
    method: KeywordMethod,
    top_k: usize,
    allowed_pos: Vec<String>,
    tokenizer: Tokenizer,
}

impl Default for KeywordExtractor {
    fn default() -> Self {
        KeywordExtractorBuilder::default()
            .build()
            .expect("the default options are valid")
    }
}

/// Options of a [`KeywordExtractor`].
#[derive(Debug, Clone)]
pub struct KeywordExtractorBuilder {
    method: KeywordMethod,
    top_k: usize,
    allowed_pos: Vec<String>,
    tokenizer: Option<Tokenizer>,
}

impl Default for KeywordExtractorBuilder {
    fn default() -> Self {
        KeywordExtractorBuilder {
            method: KeywordMethod::TfIdf,
            top_k: 8,
            allowed_pos: NEWS_POS.iter().map(|s| s.to_string()).collect(),
            tokenizer: None,
        }
    }
}

impl KeywordExtractorBuilder {
    /// TF-IDF (default) or TextRank.
    pub fn method(mut self, method: KeywordMethod) -> Self {
        self.method = method;
        self
    }

    /// How many keywords (and phrases) to return (default 8).
    pub fn top_k(mut self, k: usize) -> Self {
        self.top_k = k;
        self
    }

    /// Parts of speech to keep (jieba tags); empty keeps all.
    /// Default [`NEWS_POS`].
    pub fn allowed_pos<S: Into<String>>(mut self, tags: impl IntoIterator<Item = S>) -> Self {
        self.allowed_pos = tags.into_iter().map(Into::into).collect();
        self
    }

    /// The tokenizer whose stop words and dictionary are used.
    pub fn tokenizer(mut self, tokenizer: Tokenizer) -> Self {
        self.tokenizer = Some(tokenizer);
        self
    }

    /// Checks the options and builds the extractor.
    pub fn build(self) -> Result<KeywordExtractor> {
        if self.top_k == 0 {
            return Err(Error::option("top_k", "must be at least 1"));
        }
        Ok(KeywordExtractor {
            method: self.method,
            top_k: self.top_k,
            allowed_pos: self.allowed_pos,
            tokenizer: self.tokenizer.unwrap_or_default(),
        })
    }
}

/// jieba's extractors with HMM on (as our tokenizer cuts); stop words are
/// applied afterwards from the tokenizer, so a user's list is honoured.
fn jieba_config() -> KeywordExtractConfig {
    KeywordExtractConfig::builder()
        .use_hmm(true)
        .min_keyword_length(2)
        .build()
}

/// jieba's TF-IDF extractor; its IDF table loads once per process.
static TFIDF: LazyLock<TfIdf> = LazyLock::new(|| {
    let mut t = TfIdf::default();
    *t.config_mut() = jieba_config();
    t
});

/// A word's IDF and part of speech in jieba's tables.
#[derive(Debug, Clone, Copy)]
struct WordInfo {
    idf: f64,
    tag: &'static str,
}

static WORD_INFO: LazyLock<RwLock<FxHashMap<Box<str>, WordInfo>>> = LazyLock::new(Default::default);

/// The IDF jieba gives words missing from its table (its median IDF),
/// read by asking it about a word no dictionary has.
static UNKNOWN_IDF: LazyLock<f64> = LazyLock::new(|| {
    TFIDF
        .extract_keywords(crate::tokenize::shared_jieba(), "zqxjkvw", 1, Vec::new())
        .first()
        .map_or(10.0, |k| k.weight)
});

/// jieba keeps its IDF table private; asking its extractor about a word on
/// its own returns `idf × 1/1` and the word's tag. The answer is cached, so
/// each distinct word costs one tiny query per process.
fn word_info(word: &str) -> WordInfo {
    // Numbers (`2026`, `11.5`, `３０`) are never in the table: no query.
    if !word
        .chars()
        .any(|c| crate::text::clean::is_han(c) || c.is_alphabetic())
    {
        return WordInfo {
            idf: *UNKNOWN_IDF,
            tag: "m",
        };
    }
    if let Some(info) = WORD_INFO.read().ok().and_then(|m| m.get(word).copied()) {
        return info;
    }
    let jieba = crate::tokenize::shared_jieba();
    let found = TFIDF.extract_keywords(jieba, word, 1, Vec::new());
    let info = match found.first() {
        Some(k) if k.keyword == word && found.len() == 1 => WordInfo {
            idf: k.weight,
            tag: intern_tag(&k.tag),
        },
        // jieba cuts the word differently on its own: treat it as unknown.
        _ => WordInfo {
            idf: *UNKNOWN_IDF,
            tag: "x",
        },
    };
    if let Ok(mut m) = WORD_INFO.write()
        && m.len() < MAX_CACHED_WORDS
    {
        m.insert(word.into(), info);
    }
    info
}

/// The word cache stops growing here (about 100 MB at worst), so a huge
/// batch of rare words cannot exhaust memory; later words are looked up
/// each time.
const MAX_CACHED_WORDS: usize = 1_000_000;

/// jieba's tags as static strings (there are a few dozen).
fn intern_tag(tag: &str) -> &'static str {
    static TAGS: LazyLock<RwLock<Vec<&'static str>>> = LazyLock::new(Default::default);
    if let Some(t) = TAGS
        .read()
        .ok()
        .and_then(|v| v.iter().find(|t| **t == tag).copied())
    {
        return t;
    }
    let leaked: &'static str = Box::leak(tag.to_string().into_boxed_str());
    if let Ok(mut v) = TAGS.write() {
        v.push(leaked);
    }
    leaked
}
static TEXTRANK: LazyLock<TextRank> = LazyLock::new(|| TextRank::new(5, jieba_config()));

impl KeywordExtractor {
    /// Options with their defaults.
    pub fn builder() -> KeywordExtractorBuilder {
        KeywordExtractorBuilder::default()
    }

    /// The top keywords of `text`, best first.
    pub fn keywords(&self, text: &str) -> Vec<Keyword> {
        self.ranked(text, self.top_k)
    }

    fn ranked(&self, text: &str, k: usize) -> Vec<Keyword> {
        if text.trim().is_empty() {
            return Vec::new();
        }
        match self.method {
            KeywordMethod::TfIdf => self.tfidf_ranked(&self.tokenizer.cut(text), k),
            KeywordMethod::TextRank => {
                let jieba = self.tokenizer.jieba();
                // Ask for more than needed: stop words are dropped afterwards.
                let ask = k.saturating_mul(2).saturating_add(16);
                let raw = TEXTRANK.extract_keywords(jieba, text, ask, self.allowed_pos.clone());
                let stop = self.tokenizer.stop_words();
                raw.into_iter()
                    .filter(|k| !stop.contains(&k.keyword) && k.weight.is_finite())
                    .take(k)
                    .map(|k| Keyword {
                        word: k.keyword,
                        weight: k.weight,
                        tag: k.tag,
                    })
                    .collect()
            }
        }
    }

    /// Key phrases: maximal runs of two or more adjacent keywords (from the
    /// top `3 × top_k`, verbs left out) that occur at least
    /// [`MIN_PHRASE_COUNT`] times, ranked by summed weight times occurrences.
    pub fn key_phrases(&self, text: &str) -> Vec<KeyPhrase> {
        self.keywords_and_phrases(text).1
    }

    /// Keywords and key phrases from one pass over the text (what
    /// [`keywords`](Self::keywords) and [`key_phrases`](Self::key_phrases)
    /// give, for the price of one).
    pub fn keywords_and_phrases(&self, text: &str) -> (Vec<Keyword>, Vec<KeyPhrase>) {
        if text.trim().is_empty() {
            return (Vec::new(), Vec::new());
        }
        let tokens = self.tokenizer.cut(text);
        match self.method {
            KeywordMethod::TfIdf => self.rank_tokens(text, &tokens),
            KeywordMethod::TextRank => {
                let mut words = self.ranked(text, self.top_k * 3);
                let phrases = self.phrases_from(text, &tokens, &words);
                words.truncate(self.top_k);
                (words, phrases)
            }
        }
    }

    /// Keywords and phrases of an article already analysed for its summary
    /// (the text is not cut again). With the TextRank method the text is
    /// handed to jieba's extractor as [`keywords_and_phrases`] does.
    ///
    /// [`keywords_and_phrases`]: Self::keywords_and_phrases
    ///
    /// ```
    /// use jianbao::{keywords::KeywordExtractor, tokenize::Tokenizer, vectorize::Document};
    /// let kw = KeywordExtractor::default();
    /// let text = "城乡公交一体化让村民出行更方便。城乡公交一体化覆盖全部行政村。";
    /// let doc = Document::analyze(text, &Tokenizer::default());
    /// assert_eq!(kw.keywords_and_phrases_of(&doc), kw.keywords_and_phrases(text));
    /// ```
    pub fn keywords_and_phrases_of(&self, doc: &Document<'_>) -> (Vec<Keyword>, Vec<KeyPhrase>) {
        if self.method == KeywordMethod::TextRank {
            return self.keywords_and_phrases(doc.text);
        }
        let tokens: Vec<Token<'_>> = doc
            .occurrences
            .iter()
            .map(|&(t, start)| {
                let word = doc.vocabulary[t as usize];
                Token {
                    word,
                    start,
                    end: start + word.len(),
                }
            })
            .collect();
        self.rank_tokens(doc.text, &tokens)
    }

    fn rank_tokens(&self, text: &str, tokens: &[Token<'_>]) -> (Vec<Keyword>, Vec<KeyPhrase>) {
        let mut words = self.tfidf_ranked(tokens, self.top_k * 3);
        let phrases = self.phrases_from(text, tokens, &words);
        words.truncate(self.top_k);
        (words, phrases)
    }

    /// TF-IDF over a cut of the text, with each distinct word's IDF and
    /// part of speech read from jieba's table once per process (see
    /// [`word_info`]): the scores jieba's extractor gives, without running
    /// its tagger over the whole text again.
    fn tfidf_ranked(&self, tokens: &[Token<'_>], k: usize) -> Vec<Keyword> {
        let stop = self.tokenizer.stop_words();
        let mut tf: FxHashMap<&str, u32> = FxHashMap::default();
        for t in tokens {
            let w = t.word;
            if w.chars().nth(1).is_some()
                && w.chars().any(crate::text::clean::is_word_char)
                && !stop.contains(w)
            {
                *tf.entry(w).or_insert(0) += 1;
            }
        }
        let total: u32 = tf.values().sum();
        if total == 0 {
            return Vec::new();
        }
        let mut scored: Vec<(&str, f64, &'static str)> = tf
            .into_iter()
            .filter_map(|(w, c)| {
                let info = word_info(w);
                let allowed =
                    self.allowed_pos.is_empty() || self.allowed_pos.iter().any(|p| *p == info.tag);
                allowed.then_some((w, info.idf * c as f64 / total as f64, info.tag))
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        scored
            .into_iter()
            .take(k)
            .map(|(w, weight, tag)| Keyword {
                word: w.to_string(),
                weight,
                tag: tag.to_string(),
            })
            .collect()
    }

    fn phrases_from(&self, text: &str, tokens: &[Token<'_>], ranked: &[Keyword]) -> Vec<KeyPhrase> {
        // Verbs join no phrase: `推进` + `数字乡村建设` is not a name.
        let pool: HashMap<&str, f64> = ranked
            .iter()
            .filter(|k| k.tag != "v")
            .map(|k| (k.word.as_str(), k.weight))
            .collect();
        if pool.is_empty() {
            return Vec::new();
        }
        let mut found: HashMap<&str, (f64, usize)> = HashMap::new();
        let mut i = 0;
        while i < tokens.len() {
            let mut j = i;
            let mut weight = 0.0;
            while j < tokens.len()
                && (j == i || tokens[j].start == tokens[j - 1].end)
                && let Some(w) = pool.get(tokens[j].word)
            {
                weight += w;
                j += 1;
            }
            if j - i >= 2 {
                let phrase = &text[tokens[i].start..tokens[j - 1].end];
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
        phrases.truncate(self.top_k);
        phrases
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_never_come_back() {
        let kw = KeywordExtractor::default();
        let words: Vec<String> = kw
            .keywords("记者表示，我们的工作进行顺利。社区医院开诊，医院服务居民。")
            .into_iter()
            .map(|k| k.word)
            .collect();
        assert!(words.contains(&"医院".to_string()));
        for w in ["记者", "表示", "我们", "工作", "进行"] {
            assert!(!words.contains(&w.to_string()), "{w} in {words:?}");
        }
    }

    #[test]
    fn textrank_keywords_are_ranked() {
        let kw = KeywordExtractor::builder()
            .method(KeywordMethod::TextRank)
            .build()
            .unwrap();
        let k = kw.keywords("公交线路开通，公交直通村口，村民乘坐公交进城。");
        assert!(!k.is_empty());
        assert!(k.windows(2).all(|w| w[0].weight >= w[1].weight));
    }

    #[test]
    fn one_pass_gives_what_two_calls_give() {
        let kw = KeywordExtractor::builder().top_k(4).build().unwrap();
        let text =
            "城乡公交一体化让村民出行更方便。城乡公交一体化覆盖全部行政村，公交票价统一为2元。";
        let (words, phrases) = kw.keywords_and_phrases(text);
        assert_eq!(words, kw.keywords(text));
        assert_eq!(phrases, kw.key_phrases(text));
    }

    #[test]
    fn empty_text_has_no_keywords() {
        let kw = KeywordExtractor::default();
        assert!(kw.keywords("").is_empty());
        assert!(kw.key_phrases("   ").is_empty());
    }
}
