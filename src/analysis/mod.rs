//! The one analysis every stage shares: a text cut once into sentences and
//! terms.
//!
//! An [`Analyzer`] holds everything that decides what the terms of a text
//! are: jieba-rs's dictionary (with the team's news words and the user's
//! own), stop words, whether jieba's HMM guesses unknown words, and the
//! corpus IDF table keywords are weighed with. [`Analyzer::analyze`] turns
//! a text (and its headline) into a [`Document`]; the summarizer, the
//! keyword extractor and the topic model all read that document, so a
//! text is cut once and every stage sees the same words.
//!
//! ```
//! use jianbao::analysis::Analyzer;
//! let analyzer = Analyzer::builder().user_word("简报体").build().unwrap();
//! let doc = analyzer.analyze_titled(Some("新文体"), "这是简报体。简报体很短。");
//! assert_eq!(doc.sentences().len(), 2);
//! assert!(doc.terms().contains(&"简报体"));
//! ```
//!
//! Loading jieba's dictionary takes tens of milliseconds, far longer than
//! analysing an article, so it happens once per process: every analyzer
//! with the default dictionary shares one, and only an analyzer with user
//! words builds (once) a dictionary of its own.

mod dictionary;
mod document;
mod idf;
mod idf_table;
pub(crate) mod lexicon;
mod merge;
mod stop_words;

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use jieba_rs::Jieba;
use serde::{Deserialize, Serialize};

pub use crate::util::sparse::{Rows, RowsIter, SparseVec, dot};
pub use dictionary::{UserWord, parse_user_dictionary};
pub use document::{Document, Token};
pub use idf::{Idf, IdfTable, smooth_idf};
pub use idf_table::compile as compile_idf_table;
#[cfg(feature = "keywords")]
pub(crate) use merge::MergeKind;
pub use merge::{MAX_MERGED_CHARS, MAX_SEQUENCE_CHARS};
pub use stop_words::StopWords;

pub(crate) use idf::CorpusIdf;

use crate::error::Result;

static JIEBA: LazyLock<Arc<Jieba>> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    add_words(&mut jieba, &dictionary::news_words());
    Arc::new(jieba)
});

fn add_words(jieba: &mut Jieba, words: &[UserWord]) {
    for w in words {
        jieba.add_word(
            &w.word,
            w.freq,
            Some(w.tag.as_deref().unwrap_or(USER_WORD_TAG)),
        );
    }
}

/// The tag a user word without one gets: a proper noun, which the keyword
/// extractor's default filter keeps.
pub const USER_WORD_TAG: &str = "nz";

/// The process-wide jieba-rs dictionary with the team's news words, built
/// on first call.
///
/// ```
/// let words: Vec<&str> = jianbao::analysis::shared_jieba().cut("数字乡村建设", true)
///     .into_iter().map(|t| t.word).collect();
/// assert_eq!(words.concat(), "数字乡村建设");
/// ```
pub fn shared_jieba() -> &'static Jieba {
    &JIEBA
}

/// What decides the terms of a text: two analyzers with equal settings cut
/// every text into the same terms. A topic model saves the settings it was
/// trained with (so a model trained with user words or other stop words
/// predicts with them). The corpus IDF table is not part of them: it
/// weighs terms but changes none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalysisSettings {
    /// jieba's HMM guesses words its dictionary lacks.
    pub hmm: bool,
    /// Words added to jieba's dictionary beyond the team's news words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_words: Vec<UserWord>,
    /// The stop words, or `None` for the team's default list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_words: Option<Vec<String>>,
    /// Pieces of names a document keeps together become one term (see
    /// [`AnalyzerBuilder::merge_words`]).
    #[serde(default)]
    pub merge_words: bool,
}

impl Default for AnalysisSettings {
    fn default() -> Self {
        AnalysisSettings {
            hmm: true,
            user_words: Vec::new(),
            stop_words: None,
            merge_words: true,
        }
    }
}

/// Cuts texts into sentences and terms, the same way for every stage.
/// Cheap to clone (the dictionary and tables are shared).
///
/// ```
/// use jianbao::analysis::Analyzer;
/// let doc = Analyzer::default().analyze("我们的数字乡村建设！村民很满意。");
/// assert!(doc.terms().contains(&"数字乡村"));
/// assert!(!doc.terms().contains(&"的")); // a stop word
/// ```
#[derive(Debug, Clone)]
pub struct Analyzer {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    jieba: Arc<Jieba>,
    /// The tag of each user word (the team's news words are in jieba's
    /// dictionary with theirs).
    user_tags: std::collections::HashMap<String, String>,
    stop_words: Arc<StopWords>,
    idf: CorpusIdf,
    settings: AnalysisSettings,
}

static DEFAULT: LazyLock<Analyzer> = LazyLock::new(|| Analyzer {
    inner: Arc::new(Inner {
        jieba: Arc::clone(&JIEBA),
        user_tags: Default::default(),
        stop_words: StopWords::shared_default(),
        idf: CorpusIdf::Jieba,
        settings: AnalysisSettings::default(),
    }),
});

impl Default for Analyzer {
    /// The shared jieba dictionary with the team's news words, the team's
    /// stop words, HMM on, jieba's IDF table.
    fn default() -> Self {
        DEFAULT.clone()
    }
}

impl Analyzer {
    /// Options with their defaults.
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder::default()
    }

    /// An analyzer with these settings (and jieba's IDF table).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`](crate::Error::InvalidOption) for a user
    /// word that is not one word.
    pub fn from_settings(settings: &AnalysisSettings) -> Result<Self> {
        let mut b = Analyzer::builder()
            .hmm(settings.hmm)
            .merge_words(settings.merge_words);
        for w in &settings.user_words {
            b.config
                .user_words
                .push(UserWord::with(w.word.clone(), w.freq, w.tag.as_deref())?);
        }
        if let Some(list) = &settings.stop_words {
            let mut stop = StopWords::empty();
            for w in list {
                stop.insert(w.clone());
            }
            b = b.stop_words(stop);
        }
        b.build()
    }

    /// What decides this analyzer's terms.
    pub fn settings(&self) -> &AnalysisSettings {
        &self.inner.settings
    }

    /// The jieba-rs dictionary it cuts with.
    pub fn jieba(&self) -> &Jieba {
        &self.inner.jieba
    }

    /// Whether jieba's HMM guesses unknown words.
    pub fn hmm(&self) -> bool {
        self.inner.settings.hmm
    }

    /// Whether the pieces of names a document keeps together become one term.
    pub fn merges_words(&self) -> bool {
        self.inner.settings.merge_words
    }

    /// The stop words in use.
    pub fn stop_words(&self) -> &StopWords {
        &self.inner.stop_words
    }

    /// The tag of a user word ([`USER_WORD_TAG`] when it was given none).
    pub fn user_tag(&self, word: &str) -> Option<&str> {
        if self.inner.user_tags.is_empty() {
            return None;
        }
        self.inner.user_tags.get(word).map(String::as_str)
    }

    pub(crate) fn corpus_idf(&self) -> &CorpusIdf {
        &self.inner.idf
    }

    /// Is this the same analyzer (the same shared parts), so that its
    /// documents need no second look?
    #[cfg_attr(not(feature = "topics"), allow(dead_code))]
    pub(crate) fn same_as(&self, other: &Analyzer) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner) || self.inner.settings == other.inner.settings
    }

    /// Every word of `text`, punctuation and spaces included, in order,
    /// with its span.
    ///
    /// ```
    /// let a = jianbao::analysis::Analyzer::default();
    /// let text = "高质量发展。";
    /// let words = a.cut(text);
    /// assert_eq!(words.iter().map(|t| t.word).collect::<String>(), text);
    /// assert_eq!(&text[words[0].span.range()], words[0].word);
    /// ```
    pub fn cut<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        self.jieba()
            .cut(text, self.hmm())
            .into_iter()
            .map(|t| Token {
                word: t.word,
                span: crate::Span::new(t.byte_start, t.byte_end),
            })
            .collect()
    }

    /// Is `word` a term: has it a letter, digit or Chinese character, and
    /// is it no stop word?
    pub fn is_term(&self, word: &str) -> bool {
        self.is_term_keyed(word, crate::util::wordmap::word_key(word))
    }

    /// [`is_term`](Self::is_term) for a word whose key the caller already
    /// made (a document's word index makes one for every word).
    #[inline]
    pub(crate) fn is_term_keyed(&self, word: &str, key: Option<u128>) -> bool {
        word.chars().any(crate::text::clean::is_word_char)
            && !self.inner.stop_words.contains_key(word, key)
    }

    /// The terms of `text` in order: no punctuation, whitespace, symbols
    /// or stop words.
    pub fn terms<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        let mut out = self.cut(text);
        out.retain(|t| self.is_term(t.word));
        out
    }

    /// Analyses a text with no headline.
    pub fn analyze<'a>(&self, body: &'a str) -> Document<'a> {
        Document::build(self, None, body)
    }

    /// Analyses a text and its headline (the headline lines joined by
    /// `\n`, or `None`). Spans index into `body`; the headline's terms
    /// are kept apart ([`Document::title_terms`]).
    pub fn analyze_titled<'a>(&self, title: Option<&'a str>, body: &'a str) -> Document<'a> {
        Document::build(self, title.filter(|t| !t.trim().is_empty()), body)
    }

    /// Analyses a parsed article's body with a headline, as
    /// [`analyze_titled`](Self::analyze_titled) does, and notes where its
    /// section heads stood ([`Document::section_starts`]): the summary
    /// scorer weighs the sentence that opens a section.
    ///
    /// ```
    /// use jianbao::analysis::Analyzer;
    /// use jianbao::text::layout::parse_article;
    /// let article = parse_article(
    ///     "医院今年接诊三万人次，比去年多一成，门诊大楼也已经完工并投入使用。\n\
    ///      夜间门诊方便上班族\n\
    ///      从本月起，医院开设夜间门诊，每天开到晚上九点，上班族下班后也能看上病，不必再请假。\n",
    /// );
    /// let doc = Analyzer::default().analyze_article(None, &article);
    /// assert_eq!(article.sections[0].text, "夜间门诊方便上班族");
    /// assert_eq!(doc.section_starts(), [doc.sentences()[1].span.start]);
    /// ```
    pub fn analyze_article<'a>(
        &self,
        title: Option<&'a str>,
        article: &'a crate::text::layout::Article,
    ) -> Document<'a> {
        let mut doc = self.analyze_titled(title, &article.body);
        doc.set_sections(
            article
                .sections
                .iter()
                .map(|s| (s.span.start, s.text.as_str())),
        );
        doc
    }
}

/// Builds an [`Analyzer`].
///
/// | option | default |
/// |---|---|
/// | [`user_word`](Self::user_word), [`user_dictionary`](Self::user_dictionary) | the team's news words only |
/// | [`stop_words`](Self::stop_words), [`stop_words_file`](Self::stop_words_file) | the team's list |
/// | [`hmm`](Self::hmm) | on |
/// | [`merge_words`](Self::merge_words) | on |
/// | [`idf_table`](Self::idf_table), [`idf_file`](Self::idf_file) | jieba's general table |
///
/// Files are read when [`build`](Self::build) is called, which names the
/// file and line of anything wrong in them.
///
/// ```
/// use jianbao::analysis::Analyzer;
/// let a = Analyzer::builder().user_word("简报体").build().unwrap();
/// assert!(a.cut("这是简报体").iter().any(|t| t.word == "简报体"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct AnalyzerBuilder {
    config: Config,
}

#[derive(Debug, Clone)]
struct Config {
    hmm: bool,
    merge_words: bool,
    user_words: Vec<UserWord>,
    /// Dictionary files, read at build time.
    dictionaries: Vec<PathBuf>,
    /// The first option refused before build, as `(option, value,
    /// expected)` (reported by build).
    invalid: Option<(&'static str, String, String)>,
    stop_words: Option<StopWords>,
    stop_words_file: Option<PathBuf>,
    idf: Option<Arc<IdfTable>>,
    idf_file: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            hmm: true,
            merge_words: true,
            user_words: Vec::new(),
            dictionaries: Vec::new(),
            invalid: None,
            stop_words: None,
            stop_words_file: None,
            idf: None,
            idf_file: None,
        }
    }
}

impl AnalyzerBuilder {
    /// Adds a word jieba must keep whole (a place, person or programme
    /// name), with jieba's suggested frequency and the tag
    /// [`USER_WORD_TAG`]. A word with whitespace makes
    /// [`build`](Self::build) fail.
    pub fn user_word(self, word: impl Into<String>) -> Self {
        self.user_word_with(word, None, None)
    }

    /// Adds a word with its frequency and part-of-speech tag, as a line of
    /// jieba's dictionary gives them.
    pub fn user_word_with(
        mut self,
        word: impl Into<String>,
        freq: Option<usize>,
        tag: Option<&str>,
    ) -> Self {
        match UserWord::with(word, freq, tag) {
            Ok(w) => self.config.user_words.push(w),
            Err(crate::Error::InvalidOption {
                option,
                value,
                expected,
            }) => {
                self.config.invalid.get_or_insert((option, value, expected));
            }
            Err(_) => unreachable!("UserWord::with only refuses options"),
        }
        self
    }

    /// Adds the words of a dictionary file in jieba's format
    /// (`word [freq] [tag]` per line, see [`parse_user_dictionary`]).
    pub fn user_dictionary(mut self, path: impl AsRef<Path>) -> Self {
        self.config.dictionaries.push(path.as_ref().to_path_buf());
        self
    }

    /// Replaces the default stop words.
    pub fn stop_words(mut self, stop_words: StopWords) -> Self {
        self.config.stop_words = Some(stop_words);
        self
    }

    /// Replaces the default stop words with those of a file (one word per
    /// line, see [`StopWords::read`]).
    pub fn stop_words_file(mut self, path: impl AsRef<Path>) -> Self {
        self.config.stop_words_file = Some(path.as_ref().to_path_buf());
        self
    }

    /// Turns jieba's HMM for unknown words on (default) or off.
    pub fn hmm(mut self, on: bool) -> Self {
        self.config.hmm = on;
        self
    }

    /// Merges the pieces of names a document keeps together into one
    /// term (on by default): `陈` + `海涛` → `陈海涛`, `石桥` + `口村` →
    /// `石桥口村`, `皖` + `西南` → `皖西南`. The rules read only the
    /// document itself; see the `merge` rules in the module docs of
    /// [`analysis`](self).
    ///
    /// ```
    /// use jianbao::analysis::Analyzer;
    /// let text = "市长陈海涛主持会议。陈海涛强调，要办好民生实事。";
    /// let doc = Analyzer::default().analyze(text);
    /// assert!(doc.terms().contains(&"陈海涛"));
    /// let pieces = Analyzer::builder().merge_words(false).build().unwrap().analyze(text);
    /// assert!(pieces.terms().contains(&"海涛"));
    /// ```
    pub fn merge_words(mut self, on: bool) -> Self {
        self.config.merge_words = on;
        self
    }

    /// Weighs keywords (and summaries that ask for [`Idf::Corpus`]) with
    /// this table instead of jieba's.
    pub fn idf_table(mut self, table: IdfTable) -> Self {
        self.config.idf = Some(Arc::new(table));
        self
    }

    /// Weighs keywords with the table of a file in jieba's IDF format
    /// (`word idf` per line, see [`IdfTable::read`]).
    pub fn idf_file(mut self, path: impl AsRef<Path>) -> Self {
        self.config.idf_file = Some(path.as_ref().to_path_buf());
        self
    }

    /// Reads the files, checks the words and builds the analyzer. With
    /// user words this copies jieba's dictionary once (tens of
    /// milliseconds); without, the process-wide one is shared.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`](crate::Error::InvalidOption) for a bad user
    /// word or tag; [`Error::BadRecord`](crate::Error::BadRecord) naming
    /// the file and line of a bad dictionary, stop-word or IDF line;
    /// [`Error::Io`](crate::Error::Io) for a file that cannot be read.
    pub fn build(self) -> Result<Analyzer> {
        let mut c = self.config;
        if let Some((option, value, expected)) = c.invalid.take() {
            return Err(crate::Error::invalid(option, value, expected));
        }
        for path in &c.dictionaries {
            let text = crate::read_text_file(path)?;
            c.user_words.extend(parse_user_dictionary(path, &text)?);
        }
        if let Some(path) = &c.stop_words_file {
            c.stop_words = Some(StopWords::read(path)?);
        }
        if let Some(path) = &c.idf_file {
            c.idf = Some(Arc::new(IdfTable::read(path)?));
        }
        let jieba = if c.user_words.is_empty() {
            Arc::clone(&JIEBA)
        } else {
            let mut own = JIEBA.as_ref().clone();
            add_words(&mut own, &c.user_words);
            Arc::new(own)
        };
        // The default list given explicitly is still the default.
        let stop_words = c.stop_words.filter(|s| *s != *StopWords::shared_default());
        let user_tags = c
            .user_words
            .iter()
            .map(|w| {
                let tag = w.tag.as_deref().unwrap_or(USER_WORD_TAG);
                (w.word.clone(), tag.to_string())
            })
            .collect();
        let settings = AnalysisSettings {
            hmm: c.hmm,
            merge_words: c.merge_words,
            stop_words: stop_words.as_ref().map(|s| s.words().to_vec()),
            user_words: c.user_words,
        };
        Ok(Analyzer {
            inner: Arc::new(Inner {
                jieba,
                user_tags,
                stop_words: stop_words
                    .map(Arc::new)
                    .unwrap_or_else(StopWords::shared_default),
                idf: c.idf.map_or(CorpusIdf::Jieba, CorpusIdf::Table),
                settings,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_rebuild_an_equal_analyzer() {
        let a = Analyzer::builder()
            .user_word_with("石桥口村", Some(50), Some("ns"))
            .stop_words(StopWords::parse("的\n了\n"))
            .hmm(false)
            .build()
            .unwrap();
        let b = Analyzer::from_settings(a.settings()).unwrap();
        assert_eq!(a.settings(), b.settings());
        let text = "石桥口村的村民了解情况";
        assert_eq!(a.cut(text), b.cut(text));
        assert!(a.same_as(&b));
        assert!(!a.same_as(&Analyzer::default()));
    }

    #[test]
    fn bad_user_words_fail_the_build() {
        assert!(Analyzer::builder().user_word("两 词").build().is_err());
        assert!(
            Analyzer::builder()
                .user_word_with("好词", None, Some("n1"))
                .build()
                .is_err()
        );
    }
}
