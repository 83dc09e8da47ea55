//! A map from words to small values, built for lookups that almost always
//! concern short words: words of up to 23 bytes (seven Chinese characters)
//! are stored inline in the table, so finding one hashes three machine
//! words, compares three, and follows no pointer. Longer words live in a
//! second, ordinary map.
//!
//! The stop words, the keyword lexicon (jieba's IDF and tags per word) and
//! the topic model's vocabulary each look a word up for every distinct term
//! of every article, which makes this the hottest lookup after segmentation.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap;

/// A word of at most 23 bytes, stored inline: the bytes, zero-padded, with
/// the length in the last byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ShortWord([u64; 3]);

impl ShortWord {
    const MAX: usize = 23;

    fn new(word: &str) -> Option<ShortWord> {
        let b = word.as_bytes();
        if b.len() > Self::MAX {
            return None;
        }
        let mut bytes = [0u8; 24];
        bytes[..b.len()].copy_from_slice(b);
        bytes[23] = b.len() as u8;
        let chunk = |i: usize| {
            let mut c = [0u8; 8];
            c.copy_from_slice(&bytes[i * 8..i * 8 + 8]);
            u64::from_le_bytes(c)
        };
        Some(ShortWord([chunk(0), chunk(1), chunk(2)]))
    }
}

impl Hash for ShortWord {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.0[0]);
        state.write_u64(self.0[1]);
        state.write_u64(self.0[2]);
    }
}

/// Words to values of type `V`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WordMap<V> {
    short: FxHashMap<ShortWord, V>,
    long: FxHashMap<Box<str>, V>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
        }
    }
}

impl<V: Copy> WordMap<V> {
    /// The value of `word`, if it has one.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<V> {
        match ShortWord::new(word) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(word).copied(),
        }
    }

    /// Sets the value of `word`.
    pub(crate) fn insert(&mut self, word: &str, value: V) {
        match ShortWord::new(word) {
            Some(key) => {
                self.short.insert(key, value);
            }
            None => {
                self.long.insert(word.into(), value);
            }
        }
    }

    /// Removes `word`.
    pub(crate) fn remove(&mut self, word: &str) {
        match ShortWord::new(word) {
            Some(key) => {
                self.short.remove(&key);
            }
            None => {
                self.long.remove(word);
            }
        }
    }

    /// Number of words.
    pub(crate) fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }
}

impl<'w, V: Copy> FromIterator<(&'w str, V)> for WordMap<V> {
    fn from_iter<I: IntoIterator<Item = (&'w str, V)>>(iter: I) -> Self {
        let mut m = WordMap::default();
        for (w, v) in iter {
            m.insert(w, v);
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_are_keyed_by_bytes_and_length() {
        assert!(ShortWord::new("一二三四五六七").is_some());
        assert!(ShortWord::new("一二三四五六七八").is_none());
        assert_ne!(ShortWord::new("ab"), ShortWord::new("ab\0"));
        assert_eq!(ShortWord::new("公交"), ShortWord::new("公交"));
    }

    #[test]
    fn short_and_long_words_are_found() {
        let long = "城乡公交一体化示范工程建设";
        let m: WordMap<u32> = [("公交", 1), (long, 2), ("", 3)].into_iter().collect();
        assert_eq!(m.get("公交"), Some(1));
        assert_eq!(m.get(long), Some(2));
        assert_eq!(m.get(""), Some(3));
        assert_eq!(m.get("公"), None);
        assert_eq!(m.get("城乡公交一体化示范工程"), None);
        assert_eq!(m.len(), 3);
        let mut m = m;
        m.remove("公交");
        m.remove(long);
        assert_eq!((m.get("公交"), m.get(long), m.len()), (None, None, 1));
    }
}
