//! What jieba knows about a word: its IDF in jieba's general table and its
//! part of speech, asked once per distinct word and per process.
//!
//! jieba-rs keeps its IDF table private, and building its TF-IDF extractor
//! parses the whole table into a hash map in every process. The library
//! carries the same table instead ([`JIEBA_IDF`], generated from jieba-rs's
//! data file by `examples/idf_table.rs`), read where it lies; a word's tag
//! comes from jieba's dictionary, by the rules jieba's extractor applies to
//! a word asked about on its own (a test holds the two to the same
//! answers). The answers are cached in a [`WordMap`] for the access pattern
//! of a batch job: a lookup per distinct word of every article, from
//! several threads, almost always a hit.

use std::sync::{LazyLock, RwLock};

use super::idf_table::IdfTable;
use crate::util::wordmap::WordMap;

/// A part-of-speech tag, interned: equal tags are the same `&'static str`,
/// so comparing two is comparing two pointers.
#[derive(Debug, Clone, Copy, Default)]
#[cfg_attr(not(feature = "keywords"), allow(dead_code))]
pub(crate) struct Pos(&'static str);

#[cfg_attr(not(feature = "keywords"), allow(dead_code))]
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
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordInfo {
    pub(crate) idf: f64,
    #[cfg_attr(not(feature = "keywords"), allow(dead_code))]
    pub(crate) pos: Pos,
    /// jieba cuts the word apart when it stands alone: it was found in
    /// context (by the HMM, or by merging), and `pos` is `x` until the word
    /// is tagged where it stands ([`remember_tag`]).
    #[cfg_attr(not(feature = "keywords"), allow(dead_code))]
    pub(crate) in_context: bool,
}

/// jieba's IDF table as the library reads it: a text header saying how it
/// was generated, a NUL, then the layout of [`IdfTable`].
pub(crate) static JIEBA_IDF: &[u8] = include_bytes!("jieba_idf.bin");

static IDF: LazyLock<IdfTable<'static>> =
    LazyLock::new(|| IdfTable::read_with_header(JIEBA_IDF).unwrap_or_else(IdfTable::empty));

/// Makes sure the IDF table is ready: it is read in place once its
/// offsets are checked (about half a millisecond).
#[cfg_attr(not(feature = "keywords"), allow(dead_code))]
pub(crate) fn load() {
    LazyLock::force(&IDF);
}

/// The IDF jieba gives a word missing from its table.
pub(crate) fn median_idf() -> f64 {
    IDF.median()
}

/// The cache of answers.
type Cache = WordMap<WordInfo>;

static CACHE: LazyLock<RwLock<Cache>> = LazyLock::new(Default::default);

/// The cache stops growing here (about 48 MB at worst), so a huge batch of
/// rare words cannot exhaust memory; later words are looked up each time.
const MAX_CACHED_WORDS: usize = 500_000;

/// Looks the words of `words` up in one go: one read lock for the hits
/// (looked up as a group, see [`WordMap::get_many`]), one write lock for
/// the misses. Calls `found(i, info)` for each, in no particular order.
/// Numbers (`2026`, `11.5`, `３０`) are never in jieba's table: they are
/// answered without the cache and never enter it.
pub(crate) fn word_infos<'w>(
    words: impl Iterator<Item = &'w str> + Clone,
    mut found: impl FnMut(usize, WordInfo),
) {
    let mut missing = Vec::new();
    match CACHE.read() {
        Ok(cache) => cache.get_many(words.clone(), |i, info| match info {
            Some(info) => found(i, info),
            None => missing.push(i),
        }),
        Err(_) => missing.extend(0..words.clone().count()),
    }
    if missing.is_empty() {
        return;
    }
    missing.sort_unstable();
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

/// Records the tag a word found in context has where it stands, so that
/// later documents need not tag it again (jieba guesses the tag of a word
/// it does not know from the word alone, so one answer holds for all).
#[cfg_attr(not(feature = "keywords"), allow(dead_code))]
pub(crate) fn remember_tag(word: &str, pos: Pos) {
    if let Ok(mut cache) = CACHE.write()
        && let Some(mut info) = cache.get(word)
    {
        info.pos = pos;
        info.in_context = false;
        cache.insert(word, info);
    }
}

/// A word with no Chinese character and no letter (a number): jieba's
/// unknown-word IDF, tagged `m`.
fn number_info(word: &str) -> Option<WordInfo> {
    let is_number = !word
        .chars()
        .any(|c| crate::text::clean::is_han(c) || c.is_alphabetic());
    is_number.then(|| WordInfo {
        idf: IDF.median(),
        pos: Pos::intern("m"),
        in_context: false,
    })
}

/// What jieba's TF-IDF extractor would say of `word` on its own: jieba
/// must cut it as one word, which its keyword rules admit (two characters
/// or more, not one of its stop words), for the word to get its IDF and tag.
fn ask_jieba(word: &str) -> WordInfo {
    let tags = crate::analysis::shared_jieba().tag(word, true);
    match tags.as_slice() {
        [t] if t.word == word && is_jieba_keyword(word) => WordInfo {
            idf: IDF.get(word).unwrap_or(IDF.median()),
            pos: Pos::intern(t.tag),
            in_context: false,
        },
        // A word jieba never ranks.
        [t] if t.word == word => WordInfo {
            idf: IDF.median(),
            pos: Pos::intern("x"),
            in_context: false,
        },
        // Cut apart on its own: a word found in context.
        _ => WordInfo {
            idf: IDF.get(word).unwrap_or(IDF.median()),
            pos: Pos::intern("x"),
            in_context: true,
        },
    }
}

/// jieba-rs's own stop words for keywords (`DEFAULT_STOP_WORDS`).
const JIEBA_STOP_WORDS: &[&str] = &[
    "the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are", "by", "be", "as", "on",
    "with", "can", "if", "from", "which", "you", "it", "this", "then", "at", "have", "all", "not",
    "one", "has", "or",
];

/// jieba's test of a keyword: two characters or more and not one of its
/// stop words (a capitalised word is checked lower-cased too).
fn is_jieba_keyword(word: &str) -> bool {
    let stop = |w: &str| JIEBA_STOP_WORDS.contains(&w);
    word.chars().nth(1).is_some()
        && !stop(word)
        && !(word.chars().any(char::is_uppercase) && stop(&word.to_lowercase()))
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

    /// jieba-rs's own extractor, asked about one word: the answer the
    /// built-in table and [`ask_jieba`] must reproduce.
    fn jiebas_own_answer(tfidf: &jieba_rs::TfIdf, word: &str) -> (f64, String) {
        use jieba_rs::KeywordExtract;
        let jieba = crate::analysis::shared_jieba();
        let unknown = tfidf
            .extract_keywords(jieba, "zqxjkvw", 1, Vec::new())
            .first()
            .map(|k| k.weight)
            .expect("jieba ranks an unknown word at its median IDF");
        match tfidf.extract_keywords(jieba, word, 1, Vec::new()).first() {
            Some(k) if k.keyword == word => (k.weight, k.tag.clone()),
            _ => (unknown, "x".to_string()),
        }
    }

    #[test]
    fn the_built_in_table_answers_as_jieba_rs_does() {
        let mut tfidf = jieba_rs::TfIdf::default();
        *tfidf.config_mut() = jieba_rs::KeywordExtractConfig::builder()
            .use_hmm(true)
            .min_keyword_length(2)
            .build();
        // Every word jieba cuts from the training corpus and the sample
        // pages (thousands, common and rare), and words at the edges of
        // jieba's rules: stop words, one character, case, long words,
        // words it cuts apart, numbers, letters.
        let corpus = [
            include_str!("../../models/corpus/topics.jsonl"),
            include_str!("../../examples/data/page_front.md"),
            include_str!("../../examples/data/page_livelihood.md"),
            include_str!("../../examples/data/page_region.md"),
        ];
        let mut words: Vec<&str> = corpus
            .iter()
            .flat_map(|text| crate::analysis::shared_jieba().cut(text, true))
            .map(|t| t.word)
            .collect();
        words.extend([
            "的",
            "我们",
            "一个",
            "他们",
            "中华人民共和国",
            "城乡公交一体化示范工程",
            "THE",
            "The",
            "the",
            "Python",
            "GDP",
            "2026",
            "zqxjkvw",
            "公交车站台",
            "数字乡村",
        ]);
        words.sort_unstable();
        words.dedup();
        assert!(words.len() > 5_000, "only {} words", words.len());
        let mut in_table = 0;
        for word in words {
            let ours = ask_jieba(word);
            if ours.in_context {
                // jieba cuts it apart alone, so its extractor never ranks it
                // alone; in context it gets the table's IDF (or the median).
                assert_eq!(ours.idf, IDF.get(word).unwrap_or(IDF.median()), "{word:?}");
                assert_eq!(jiebas_own_answer(&tfidf, word).1, "x", "{word:?}");
            } else {
                assert_eq!(
                    (ours.idf, ours.pos.name().to_string()),
                    jiebas_own_answer(&tfidf, word),
                    "{word:?}"
                );
            }
            in_table += usize::from(IDF.get(word).is_some());
        }
        assert!(in_table > 3_000, "only {in_table} words found in the table");
        assert!(IDF.len() > 200_000, "{} words in the table", IDF.len());
    }

    #[test]
    fn no_idf_exceeds_the_tables_maximum() {
        assert!(IDF.max() >= IDF.median());
        assert!((13.0..14.0).contains(&IDF.max()), "{}", IDF.max());
        for word in ["公交", "乡村", "建设", "劳动防护"] {
            assert!(IDF.get(word).is_some_and(|v| v <= IDF.max()), "{word}");
        }
    }

    #[test]
    fn tags_are_interned() {
        assert!(Pos::intern("ns").is_in(&[Pos::intern("n"), Pos::intern(&String::from("ns"))]));
        assert!(!Pos::intern("v").is_in(&[Pos::intern("vn")]));
    }
}
