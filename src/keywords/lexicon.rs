//! What jieba knows about a word: its IDF in jieba's general table and its
//! part of speech, asked once per distinct word and per process.
//!
//! jieba-rs keeps its IDF table private; asking its TF-IDF extractor about
//! a word on its own returns `idf × 1/1` and the word's tag. The answers are
//! cached in a [`WordMap`] (short words inline) for the access pattern of
//! a batch job: a lookup per distinct word of every article, from several
//! threads, almost always a hit.

use std::sync::{LazyLock, RwLock};

use jieba_rs::{KeywordExtract, TfIdf};

use super::jieba_config;
use crate::wordmap::WordMap;

/// A part-of-speech tag, interned: equal tags are the same `&'static str`,
/// so comparing two is comparing two pointers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pos(&'static str);

impl Pos {
    /// The interned tag for `name` (a few dozen exist; each is stored once).
    pub(crate) fn intern(name: &str) -> Pos {
        static TAGS: LazyLock<RwLock<Vec<&'static str>>> = LazyLock::new(Default::default);
        let find = |tags: &[&'static str]| tags.iter().find(|t| **t == name).copied();
        if let Some(t) = TAGS.read().ok().and_then(|v| find(&v)) {
            return Pos(t);
        }
        let Ok(mut tags) = TAGS.write() else {
            return Pos(Box::leak(name.into()));
        };
        if let Some(t) = find(&tags) {
            return Pos(t);
        }
        let leaked: &'static str = Box::leak(name.into());
        tags.push(leaked);
        Pos(leaked)
    }

    /// The tag's name (`n`, `ns`, `v`, …).
    pub(crate) fn name(self) -> &'static str {
        self.0
    }

    /// Is this one of `set` (interned tags)?
    pub(crate) fn is_in(self, set: &[Pos]) -> bool {
        set.iter().any(|p| std::ptr::eq(p.0, self.0))
    }
}

/// A word's IDF and part of speech in jieba's tables.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WordInfo {
    pub(crate) idf: f64,
    pub(crate) pos: Pos,
}

/// jieba's TF-IDF extractor; its IDF table loads once per process.
static TFIDF: LazyLock<TfIdf> = LazyLock::new(|| {
    let mut t = TfIdf::default();
    *t.config_mut() = jieba_config();
    t
});

/// Loads jieba's IDF table, if it is not loaded yet.
pub(crate) fn load() {
    LazyLock::force(&TFIDF);
}

/// The IDF jieba gives words missing from its table (its median IDF),
/// read by asking it about a word no dictionary has.
static UNKNOWN_IDF: LazyLock<f64> = LazyLock::new(|| {
    TFIDF
        .extract_keywords(crate::tokenize::shared_jieba(), "zqxjkvw", 1, Vec::new())
        .first()
        .map_or(10.0, |k| k.weight)
});

/// No word has a higher IDF in jieba's table (13.9007, the IDF of a word
/// seen in one document of jieba's corpus; words missing from the table
/// get the median). Keyword ranking uses it to skip words too rare to
/// matter; a test reads the whole table to check it.
pub(crate) const MAX_IDF: f64 = 13.901;

/// The cache of answers.
type Cache = WordMap<WordInfo>;

static CACHE: LazyLock<RwLock<Cache>> = LazyLock::new(Default::default);

/// The cache stops growing here (about 40 MB at worst), so a huge batch of
/// rare words cannot exhaust memory; later words are looked up each time.
const MAX_CACHED_WORDS: usize = 1_000_000;

/// Looks the words of `words` up in one go: one read lock for the hits,
/// one write lock for the misses. Calls `found(i, info)` for each.
/// Numbers (`2026`, `11.5`, `３０`) are never in jieba's table: they are
/// answered without the cache and never enter it.
pub(crate) fn word_infos<'w>(
    words: impl Iterator<Item = &'w str> + Clone,
    mut found: impl FnMut(usize, WordInfo),
) {
    let mut missing = Vec::new();
    match CACHE.read() {
        Ok(cache) => {
            for (i, w) in words.clone().enumerate() {
                match number_info(w).or_else(|| cache.get(w)) {
                    Some(info) => found(i, info),
                    None => missing.push(i),
                }
            }
        }
        Err(_) => missing.extend(0..words.clone().count()),
    }
    if missing.is_empty() {
        return;
    }
    let mut asked = Vec::with_capacity(missing.len());
    let mut next = missing.iter().peekable();
    for (i, w) in words.enumerate() {
        if next.peek() == Some(&&i) {
            next.next();
            if let Some(info) = number_info(w) {
                found(i, info);
                continue;
            }
            let info = ask_jieba(w);
            asked.push((w, info));
            found(i, info);
        }
    }
    if let Ok(mut cache) = CACHE.write() {
        for (w, info) in asked {
            if cache.len() >= MAX_CACHED_WORDS {
                break;
            }
            cache.insert(w, info);
        }
    }
}

/// A word with no Chinese character and no letter (a number): jieba's
/// unknown-word IDF, tagged `m`.
fn number_info(word: &str) -> Option<WordInfo> {
    let is_number = !word
        .chars()
        .any(|c| crate::text::clean::is_han(c) || c.is_alphabetic());
    is_number.then(|| WordInfo {
        idf: *UNKNOWN_IDF,
        pos: Pos::intern("m"),
    })
}

/// What jieba's extractor says of `word` on its own.
fn ask_jieba(word: &str) -> WordInfo {
    let jieba = crate::tokenize::shared_jieba();
    let found = TFIDF.extract_keywords(jieba, word, 1, Vec::new());
    match found.first() {
        Some(k) if k.keyword == word && found.len() == 1 => WordInfo {
            idf: k.weight,
            pos: Pos::intern(&k.tag),
        },
        // jieba cuts the word differently on its own: treat it as unknown.
        _ => WordInfo {
            idf: *UNKNOWN_IDF,
            pos: Pos::intern("x"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_and_batched_answers_agree() {
        let words = ["公交", "城乡公交一体化示范工程", "2026", "乡村"];
        let one: Vec<(f64, &str)> = words
            .iter()
            .map(|w| {
                let i = number_info(w).unwrap_or_else(|| ask_jieba(w));
                (i.idf, i.pos.name())
            })
            .collect();
        let mut many = vec![(0.0, ""); words.len()];
        word_infos(words.iter().copied(), |i, info| {
            many[i] = (info.idf, info.pos.name())
        });
        assert_eq!(one, many);
        assert_eq!(many[0].1, "n");
        let mut again = vec![(0.0, ""); words.len()];
        word_infos(words.iter().copied(), |i, info| {
            again[i] = (info.idf, info.pos.name())
        });
        assert_eq!(many, again);
    }

    #[test]
    fn no_idf_in_jiebas_table_exceeds_the_bound() {
        // The table is private; its debug form lists every `"word": idf`.
        let table = format!("{:?}", *TFIDF);
        let mut values = 0;
        for piece in table.split("\": ").skip(1) {
            let number: String = piece
                .chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
                .collect();
            let idf: f64 = number.parse().expect("an IDF value");
            assert!(idf <= MAX_IDF, "{idf} > {MAX_IDF}");
            values += 1;
        }
        assert!(values > 100_000, "only {values} IDF values read");
        assert!(*UNKNOWN_IDF <= MAX_IDF);
    }

    #[test]
    fn tags_are_interned() {
        assert!(Pos::intern("ns").is_in(&[Pos::intern("n"), Pos::intern(&String::from("ns"))]));
        assert!(!Pos::intern("v").is_in(&[Pos::intern("vn")]));
    }
}
