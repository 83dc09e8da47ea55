//! Stop words: words left out of vectors, keywords and topic features.

use std::sync::{Arc, LazyLock};

use crate::error::{Error, Result};
use crate::util::wordmap::WordMap;

static DEFAULT: LazyLock<Arc<StopWords>> =
    LazyLock::new(|| Arc::new(StopWords::parse(include_str!("../data/stopwords.txt"))));

/// A set of words to leave out of vectors, keywords and topic features.
///
/// The default list is the team's own (function words, pronouns and
/// newsroom boilerplate such as `记者`, `表示`); edit it with
/// [`insert`](StopWords::insert) / [`remove`](StopWords::remove), or read
/// your own with [`parse`](StopWords::parse) or [`read`](StopWords::read).
///
/// ```
/// use jianbao::analysis::StopWords;
/// let mut stop = StopWords::default();
/// assert!(stop.contains("的"));
/// stop.insert("数字");
/// assert!(stop.contains("数字"));
/// ```
#[derive(Debug, Clone)]
pub struct StopWords {
    words: WordMap<()>,
    /// The words in the order given, for saving with a model.
    listed: Vec<String>,
}

/// Equal when they hold the same words, in whatever order.
impl PartialEq for StopWords {
    fn eq(&self, other: &Self) -> bool {
        self.words == other.words
    }
}

impl Eq for StopWords {}

impl Default for StopWords {
    fn default() -> Self {
        DEFAULT.as_ref().clone()
    }
}

impl StopWords {
    /// The shared default list (no copy).
    pub(crate) fn shared_default() -> Arc<StopWords> {
        Arc::clone(&DEFAULT)
    }

    /// An empty list.
    pub fn empty() -> Self {
        StopWords {
            words: WordMap::default(),
            listed: Vec::new(),
        }
    }

    /// Reads one word per line; blank lines and lines starting with `#`
    /// are skipped.
    ///
    /// ```
    /// let stop = jianbao::analysis::StopWords::parse("# mine\n的\n\n了\n");
    /// assert_eq!(stop.len(), 2);
    /// ```
    pub fn parse(list: &str) -> Self {
        let mut stop = StopWords::empty();
        for w in list
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            stop.insert(w);
        }
        stop
    }

    /// Reads a stop-word file (one word per line, `#` comments).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] or [`Error::InvalidUtf8`] naming the file, and
    /// [`Error::BadRecord`] naming the line of a line with whitespace
    /// inside a word.
    pub fn read(path: impl AsRef<std::path::Path>) -> Result<Self> {
        let path = path.as_ref();
        let text = crate::read_text_file(path)?;
        for (i, line) in text.lines().enumerate() {
            let w = line.trim();
            if !w.starts_with('#') && w.contains(char::is_whitespace) {
                return Err(Error::BadRecord {
                    path: path.to_path_buf(),
                    line: i + 1,
                    reason: format!("{w:?} is not one word"),
                });
            }
        }
        Ok(StopWords::parse(&text))
    }

    /// Is `word` a stop word?
    pub fn contains(&self, word: &str) -> bool {
        self.words.get(word).is_some()
    }

    /// Is the word whose key the caller already made a stop word?
    #[inline]
    pub(crate) fn contains_key(&self, word: &str, key: Option<u128>) -> bool {
        match key {
            Some(key) => self.words.get_key(key).is_some(),
            None => self.contains(word),
        }
    }

    /// Adds a word.
    pub fn insert(&mut self, word: impl Into<String>) {
        let word = word.into();
        if !self.contains(&word) {
            self.words.insert(&word, ());
            self.listed.push(word);
        }
    }

    /// Removes a word.
    pub fn remove(&mut self, word: &str) {
        self.words.remove(word);
        self.listed.retain(|w| w != word);
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Is the list empty?
    pub fn is_empty(&self) -> bool {
        self.words.len() == 0
    }

    /// The words, in the order they were added.
    pub fn words(&self) -> &[String] {
        &self.listed
    }
}
