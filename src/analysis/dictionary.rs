//! Words added to jieba's dictionary: the team's list of present-day news
//! words, and a user's own, in jieba's dictionary format.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A word added to jieba's dictionary, as a line of jieba's dictionary
/// format gives it: `word [freq] [tag]`.
///
/// With no frequency, jieba gives the word the frequency that makes it
/// win over its own pieces (`Jieba::suggest_freq`); with no tag, the
/// word is tagged `nz` (a proper noun) so that keyword filters keep it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UserWord {
    /// The word (no whitespace).
    pub word: String,
    /// Its frequency in jieba's counts, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freq: Option<usize>,
    /// Its part-of-speech tag (jieba's tag set: `n`, `nr`, `ns`, `nt`, `nz`, `v`, …), if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

impl UserWord {
    /// A word with jieba's suggested frequency and no tag of its own.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for an empty word or one with whitespace.
    pub fn new(word: impl Into<String>) -> Result<Self> {
        Self::with(word, None, None)
    }

    /// A word with a frequency and a tag (either may be `None`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for an empty word or one with whitespace,
    /// or a tag that is not a run of ASCII letters.
    ///
    /// ```
    /// use jianbao::analysis::UserWord;
    /// let w = UserWord::with("石桥口村", Some(20), Some("ns")).unwrap();
    /// assert_eq!(w.tag.as_deref(), Some("ns"));
    /// assert!(UserWord::new("两 个词").is_err());
    /// ```
    pub fn with(word: impl Into<String>, freq: Option<usize>, tag: Option<&str>) -> Result<Self> {
        let word = word.into();
        if word.is_empty() || word.chars().any(char::is_whitespace) {
            return Err(Error::invalid(
                "user_word",
                format!("{word:?}"),
                "a word with no whitespace",
            ));
        }
        if let Some(t) = tag
            && !is_tag(t)
        {
            return Err(Error::invalid(
                "tag",
                t,
                "a part-of-speech tag of ASCII letters (n, nr, ns, …)",
            ));
        }
        Ok(UserWord {
            word,
            freq,
            tag: tag.map(str::to_string),
        })
    }
}

fn is_tag(t: &str) -> bool {
    !t.is_empty() && t.len() <= 8 && t.bytes().all(|b| b.is_ascii_alphabetic())
}

/// Parses a dictionary in jieba's format: one `word [freq] [tag]` per
/// line, fields separated by whitespace. Blank lines are skipped, and so
/// are lines that start with `# ` (a comment; jieba's own files have none).
/// `name` labels errors.
///
/// # Errors
///
/// [`Error::BadRecord`] naming the line of a frequency that is not a whole
/// number, a tag that is not a run of letters, or more than three fields.
///
/// ```
/// use jianbao::analysis::parse_user_dictionary;
/// let words = parse_user_dictionary("mine.txt", "石桥口村 20 ns\n云计算\n陈海涛 nr\n").unwrap();
/// assert_eq!(words.len(), 3);
/// assert_eq!(words[2].tag.as_deref(), Some("nr"));
/// let err = parse_user_dictionary("mine.txt", "好词 很多 n\n").unwrap_err();
/// assert_eq!(err.to_string(), "mine.txt:1: frequency \"很多\" is not a whole number");
/// ```
pub fn parse_user_dictionary(name: impl AsRef<Path>, text: &str) -> Result<Vec<UserWord>> {
    let name = name.as_ref();
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line == "#" || line.starts_with("# ") {
            continue;
        }
        let bad = |reason: String| Error::BadRecord {
            path: name.to_path_buf(),
            line: i + 1,
            reason,
        };
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (word, freq, tag) = match fields.as_slice() {
            [w] => (*w, None, None),
            [w, x] if x.bytes().all(|b| b.is_ascii_digit()) => (*w, Some(*x), None),
            [w, x] if is_tag(x) => (*w, None, Some(*x)),
            [_, x] => return Err(bad(format!("frequency {x:?} is not a whole number"))),
            [w, f, t] => (*w, Some(*f), Some(*t)),
            _ => {
                return Err(bad(format!(
                    "{} fields; a line is `word [freq] [tag]`",
                    fields.len()
                )));
            }
        };
        let freq = match freq {
            Some(f) => Some(
                f.parse::<usize>()
                    .map_err(|_| bad(format!("frequency {f:?} is not a whole number")))?,
            ),
            None => None,
        };
        if let Some(t) = tag
            && !is_tag(t)
        {
            return Err(bad(format!("tag {t:?} is not a part-of-speech tag")));
        }
        out.push(UserWord {
            word: word.to_string(),
            freq,
            tag: tag.map(str::to_string),
        });
    }
    Ok(out)
}

/// The team's list of present-day news words (`非遗`, `文旅`, `医联体`…)
/// that jieba's dictionary lacks or cuts apart, added to every default
/// analyzer.
pub(crate) fn news_words() -> Vec<UserWord> {
    parse_user_dictionary(
        "src/data/userdict.txt",
        include_str!("../data/userdict.txt"),
    )
    .expect("the news word list is well formed (a unit test checks it)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_news_word_list_parses() {
        assert!(news_words().len() > 40);
    }

    #[test]
    fn bad_lines_are_named() {
        for (text, line) in [("好\n坏 1 n x\n", 2), ("a\n\nb n2\n", 3), ("词 -1\n", 1)] {
            match parse_user_dictionary("d.txt", text) {
                Err(Error::BadRecord { line: l, .. }) => assert_eq!(l, line, "{text:?}"),
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }
}
