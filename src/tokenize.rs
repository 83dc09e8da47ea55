//! Word segmentation over one shared jieba-rs dictionary, with stop words.
//!
//! Loading jieba's dictionary takes tens of milliseconds, far longer than
//! segmenting an article, so it happens once per process: [`shared_jieba`]
//! builds it on first use and every [`Tokenizer`] made with the defaults
//! borrows it. Only a tokenizer with user words gets a dictionary of its own.

use std::sync::{Arc, LazyLock};

use crate::wordmap::{WordMap, word_key};
use jieba_rs::Jieba;
use serde::Serialize;

use crate::error::{Error, Result};

static JIEBA: LazyLock<Arc<Jieba>> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    add_news_words(&mut jieba);
    Arc::new(jieba)
});

/// Adds the team's list of present-day news words (`非遗`, `文旅`, `医联体`…)
/// that jieba's dictionary lacks or cuts apart.
fn add_news_words(jieba: &mut Jieba) {
    for line in include_str!("data/userdict.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        if let Some(word) = parts.next() {
            jieba.add_word(word, None, parts.next());
        }
    }
}
static STOP_WORDS: LazyLock<Arc<StopWords>> =
    LazyLock::new(|| Arc::new(StopWords::parse(include_str!("data/stopwords.txt"))));

/// The process-wide jieba-rs dictionary, built on first call.
///
/// ```
/// let words: Vec<&str> = jianbao::tokenize::shared_jieba().cut("数字乡村建设", true)
///     .into_iter().map(|t| t.word).collect();
/// assert_eq!(words.concat(), "数字乡村建设");
/// ```
pub fn shared_jieba() -> &'static Jieba {
    &JIEBA
}

/// A set of words to leave out of vectors and keywords.
///
/// The default list is the team's own (function words, pronouns and
/// newsroom boilerplate such as `记者`, `表示`); edit it with
/// [`insert`](StopWords::insert) / [`remove`](StopWords::remove) or load
/// your own with [`parse`](StopWords::parse).
///
/// ```
/// use jianbao::tokenize::StopWords;
/// let mut stop = StopWords::default();
/// assert!(stop.contains("的"));
/// stop.insert("数字");
/// assert!(stop.contains("数字"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StopWords {
    words: WordMap<()>,
}

impl Default for StopWords {
    fn default() -> Self {
        STOP_WORDS.as_ref().clone()
    }
}

impl StopWords {
    /// An empty list.
    pub fn empty() -> Self {
        StopWords {
            words: WordMap::default(),
        }
    }

    /// Reads one word per line; blank lines and lines starting with `#` are skipped.
    ///
    /// ```
    /// let stop = jianbao::tokenize::StopWords::parse("# mine\n的\n\n了\n");
    /// assert_eq!(stop.len(), 2);
    /// ```
    pub fn parse(list: &str) -> Self {
        let words = list
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|w| (w, ()))
            .collect();
        StopWords { words }
    }

    /// Is `word` a stop word?
    pub fn contains(&self, word: &str) -> bool {
        self.words.get(word).is_some()
    }

    /// Adds a word.
    pub fn insert(&mut self, word: impl Into<String>) {
        self.words.insert(&word.into(), ());
    }

    /// Removes a word.
    pub fn remove(&mut self, word: &str) {
        self.words.remove(word);
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Is the list empty?
    pub fn is_empty(&self) -> bool {
        self.words.len() == 0
    }
}

/// A word of a text with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token<'a> {
    /// The word.
    pub word: &'a str,
    /// Byte offset of the word in the text.
    pub start: usize,
    /// Byte offset one past the word.
    pub end: usize,
}

/// Cuts text into words and tells which of them are worth counting.
///
/// ```
/// use jianbao::tokenize::Tokenizer;
///
/// let tok = Tokenizer::default();
/// let terms: Vec<&str> = tok.terms("我们的数字乡村建设！").iter().map(|t| t.word).collect();
/// assert!(terms.contains(&"数字乡村"));
/// assert!(!terms.contains(&"的") && !terms.contains(&"！"));
/// ```
#[derive(Debug, Clone)]
pub struct Tokenizer {
    jieba: Arc<Jieba>,
    stop_words: Arc<StopWords>,
    hmm: bool,
}

impl Default for Tokenizer {
    fn default() -> Self {
        Tokenizer {
            jieba: Arc::clone(&JIEBA),
            stop_words: Arc::clone(&STOP_WORDS),
            hmm: true,
        }
    }
}

impl Tokenizer {
    /// Options for a tokenizer: stop words, user words, HMM.
    pub fn builder() -> TokenizerBuilder {
        TokenizerBuilder::default()
    }

    /// The jieba-rs dictionary this tokenizer cuts with.
    pub fn jieba(&self) -> &Jieba {
        &self.jieba
    }

    /// Whether jieba's HMM guesses unknown words.
    pub fn hmm(&self) -> bool {
        self.hmm
    }

    /// The stop words in use.
    pub fn stop_words(&self) -> &StopWords {
        &self.stop_words
    }

    /// Every word of `text`, punctuation and spaces included, in order.
    ///
    /// ```
    /// let tok = jianbao::tokenize::Tokenizer::default();
    /// let text = "高质量发展。";
    /// let words = tok.cut(text);
    /// assert_eq!(words.iter().map(|t| t.word).collect::<String>(), text);
    /// assert_eq!(&text[words[0].start..words[0].end], words[0].word);
    /// ```
    pub fn cut<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        self.jieba
            .cut(text, self.hmm)
            .into_iter()
            .map(|t| Token {
                word: t.word,
                start: t.byte_start,
                end: t.byte_end,
            })
            .collect()
    }

    /// The words of `text` worth counting: no punctuation, whitespace,
    /// symbols or stop words.
    pub fn terms<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        let mut out = self.cut(text);
        out.retain(|t| self.is_term(t.word));
        out
    }

    /// Is `word` worth counting: it has a letter, digit or Chinese character
    /// and is not a stop word?
    pub fn is_term(&self, word: &str) -> bool {
        self.is_term_keyed(word, word_key(word))
    }

    /// [`is_term`](Self::is_term) for a word whose key the caller already
    /// made (a document's word index makes one for every word).
    #[inline]
    pub(crate) fn is_term_keyed(&self, word: &str, key: Option<u128>) -> bool {
        word.chars().any(crate::text::clean::is_word_char)
            && !match key {
                Some(key) => self.stop_words.words.get_key(key).is_some(),
                None => self.stop_words.contains(word),
            }
    }
}

/// Builds a [`Tokenizer`].
///
/// ```
/// use jianbao::tokenize::Tokenizer;
/// let tok = Tokenizer::builder().user_word("简报体").build().unwrap();
/// assert!(tok.cut("这是简报体").iter().any(|t| t.word == "简报体"));
/// ```
#[derive(Debug, Clone)]
pub struct TokenizerBuilder {
    stop_words: Option<StopWords>,
    user_words: Vec<String>,
    hmm: bool,
}

impl Default for TokenizerBuilder {
    fn default() -> Self {
        TokenizerBuilder {
            stop_words: None,
            user_words: Vec::new(),
            hmm: true,
        }
    }
}

impl TokenizerBuilder {
    /// Replaces the default stop words.
    pub fn stop_words(mut self, stop_words: StopWords) -> Self {
        self.stop_words = Some(stop_words);
        self
    }

    /// Adds a word jieba must keep whole (a place or programme name).
    pub fn user_word(mut self, word: impl Into<String>) -> Self {
        self.user_words.push(word.into());
        self
    }

    /// Turns jieba's HMM for unknown words on (default) or off.
    pub fn hmm(mut self, on: bool) -> Self {
        self.hmm = on;
        self
    }

    /// Builds the tokenizer. With user words this copies the dictionary once.
    pub fn build(self) -> Result<Tokenizer> {
        let jieba = if self.user_words.is_empty() {
            Arc::clone(&JIEBA)
        } else {
            let mut own = JIEBA.as_ref().clone();
            for w in &self.user_words {
                let w = w.trim();
                if w.is_empty() || w.chars().any(char::is_whitespace) {
                    return Err(Error::invalid(
                        "user_word",
                        format!("{w:?}"),
                        "a word with no whitespace",
                    ));
                }
                own.add_word(w, None, None);
            }
            Arc::new(own)
        };
        Ok(Tokenizer {
            jieba,
            stop_words: self
                .stop_words
                .map(Arc::new)
                .unwrap_or_else(|| Arc::clone(&STOP_WORDS)),
            hmm: self.hmm,
        })
    }
}
