//! Keywords and key phrases.
//!
//! Single keywords are scored as jieba-rs scores them: TF-IDF against its
//! general IDF table of Chinese (compiled into this library by the build
//! script, so that no process has to parse it; same values, same answers),
//! or its TextRank extractor's co-occurrence graph over
//! part-of-speech-filtered words.
//! jianbao adds what it lacks: the team's stop words, a news-minded default
//! part-of-speech filter, and key phrases, runs of adjacent keywords merged
//! into one (`城乡` + `公交` + `一体化` → `城乡公交一体化`).

mod idf_table;
mod lexicon;

use lexicon::Pos;

use std::sync::LazyLock;

use jieba_rs::{KeywordExtract, KeywordExtractConfig, TextRank};
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::tokenize::Tokenizer;
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
            other => Err(Error::invalid("method", other, "tfidf or textrank")),
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
    /// `allowed_pos`, interned for the TF-IDF path.
    allowed: Vec<Pos>,
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
            return Err(Error::invalid("top_k", 0, "at least 1"));
        }
        Ok(KeywordExtractor {
            method: self.method,
            top_k: self.top_k,
            allowed: self.allowed_pos.iter().map(|t| Pos::intern(t)).collect(),
            allowed_pos: self.allowed_pos,
            tokenizer: self.tokenizer.unwrap_or_default(),
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

/// jieba's extractors with HMM on (as our tokenizer cuts); stop words are
/// applied afterwards from the tokenizer, so a user's list is honoured.
fn jieba_config() -> KeywordExtractConfig {
    KeywordExtractConfig::builder()
        .use_hmm(true)
        .min_keyword_length(2)
        .build()
}

static TEXTRANK: LazyLock<TextRank> = LazyLock::new(|| TextRank::new(5, jieba_config()));

impl KeywordExtractor {
    /// Options with their defaults.
    pub fn builder() -> KeywordExtractorBuilder {
        KeywordExtractorBuilder::default()
    }

    /// The top keywords of `text`, best first.
    pub fn keywords(&self, text: &str) -> Vec<Keyword> {
        if text.trim().is_empty() {
            return Vec::new();
        }
        match self.method {
            KeywordMethod::TfIdf => {
                self.tfidf_ranked(&Document::analyze(text, &self.tokenizer), self.top_k)
            }
            KeywordMethod::TextRank => self.textrank_ranked(text, self.top_k),
        }
    }

    /// jieba's TextRank extractor, with our stop words applied afterwards.
    fn textrank_ranked(&self, text: &str, k: usize) -> Vec<Keyword> {
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
        self.keywords_and_phrases_of(&Document::analyze(text, &self.tokenizer))
    }

    /// Keywords and phrases of an article already analysed for its summary
    /// (the text is not cut again). Only the document's terms can be
    /// keywords, so the stop words of the tokenizer that analysed it apply
    /// as well as this extractor's. With the TextRank method the text is
    /// handed to jieba's extractor.
    ///
    /// ```
    /// use jianbao::{keywords::KeywordExtractor, tokenize::Tokenizer, vectorize::Document};
    /// let kw = KeywordExtractor::default();
    /// let text = "城乡公交一体化让村民出行更方便。城乡公交一体化覆盖全部行政村。";
    /// let doc = Document::analyze(text, &Tokenizer::default());
    /// assert_eq!(kw.keywords_and_phrases_of(&doc), kw.keywords_and_phrases(text));
    /// ```
    pub fn keywords_and_phrases_of(&self, doc: &Document<'_>) -> (Vec<Keyword>, Vec<KeyPhrase>) {
        let k = self.top_k.saturating_mul(3);
        let mut words = match self.method {
            KeywordMethod::TfIdf => self.tfidf_ranked(doc, k),
            KeywordMethod::TextRank if doc.text.trim().is_empty() => Vec::new(),
            KeywordMethod::TextRank => self.textrank_ranked(doc.text, k),
        };
        let phrases = self.phrases_from(doc, &words);
        words.truncate(self.top_k);
        (words, phrases)
    }

    /// TF-IDF over the document's terms of two or more characters, with
    /// each distinct word's IDF and part of speech from jieba's tables
    /// (see [`lexicon`]): the scores jieba's extractor gives, without running
    /// its tagger over the whole text again. Ties go to the word that sorts
    /// first.
    fn tfidf_ranked(&self, doc: &Document<'_>, k: usize) -> Vec<Keyword> {
        let vocabulary = &doc.vocabulary;
        let mut tf = vec![0u32; vocabulary.len()];
        for &(id, _) in &doc.occurrences {
            tf[id as usize] += 1;
        }
        let stop = self.tokenizer.stop_words();
        let candidates: Vec<u32> = (0..vocabulary.len() as u32)
            .filter(|&id| {
                let w = vocabulary[id as usize];
                w.chars().nth(1).is_some() && !stop.contains(w)
            })
            .collect();
        let total: u32 = candidates.iter().map(|&id| tf[id as usize]).sum();
        if total == 0 || k == 0 {
            return Vec::new();
        }
        // Words are scored most frequent first. No word has an IDF above
        // `lexicon::max_idf()`, so once the words left are too rare to reach
        // the k-th score found so far, they are not looked up at all: the
        // result is the same, and rare words (most of a text's vocabulary,
        // and the expensive lookups) are skipped.
        let mut candidates = candidates;
        candidates.sort_unstable_by_key(|&id| std::cmp::Reverse(tf[id as usize]));
        let total = total as f64;
        let max_idf = lexicon::max_idf();
        let mut scored: Vec<(u32, f64, Pos)> = Vec::with_capacity(candidates.len().min(4 * k));
        let mut kth: Option<f64> = None;
        let mut rest = &candidates[..];
        while let Some(&first) = rest.first() {
            let count = tf[first as usize];
            if kth.is_some_and(|kth| count as f64 * max_idf / total < kth) {
                break;
            }
            let same = rest.partition_point(|&id| tf[id as usize] == count);
            let (group, later) = rest.split_at(same);
            lexicon::word_infos(
                group.iter().map(|&id| vocabulary[id as usize]),
                |i, info| {
                    if self.allowed.is_empty() || info.pos.is_in(&self.allowed) {
                        scored.push((group[i], info.idf * count as f64 / total, info.pos));
                    }
                },
            );
            if scored.len() >= k {
                let (_, nth, _) = scored.select_nth_unstable_by(k - 1, |a, b| b.1.total_cmp(&a.1));
                kth = Some(nth.1);
            }
            rest = later;
        }
        let best_first = |a: &(u32, f64, Pos), b: &(u32, f64, Pos)| {
            b.1.total_cmp(&a.1)
                .then_with(|| vocabulary[a.0 as usize].cmp(vocabulary[b.0 as usize]))
        };
        if scored.len() > k {
            scored.select_nth_unstable_by(k - 1, best_first);
            scored.truncate(k);
        }
        scored.sort_unstable_by(best_first);
        scored
            .into_iter()
            .map(|(id, weight, pos)| Keyword {
                word: vocabulary[id as usize].to_string(),
                weight,
                tag: pos.name().to_string(),
            })
            .collect()
    }

    fn phrases_from(&self, doc: &Document<'_>, ranked: &[Keyword]) -> Vec<KeyPhrase> {
        // Verbs join no phrase: `推进` + `数字乡村建设` is not a name.
        let mut pool: Vec<Option<f64>> = vec![None; doc.vocabulary.len()];
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
        let occ = &doc.occurrences;
        let end_of = |i: usize| occ[i].1 + doc.vocabulary[occ[i].0 as usize].len();
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
                let phrase = &doc.text[occ[i].1..end_of(j - 1)];
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
