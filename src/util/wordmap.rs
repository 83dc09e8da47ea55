//! Maps and sets of words built for lookups that almost always concern
//! short words: a word of up to 15 bytes (five Chinese characters) is
//! stored inline as its own bytes, a 16-byte [`word_key`], so finding one
//! compares two machine words and follows no pointer. Longer words live in
//! a second, ordinary map.
//!
//! The keyword lexicon (jieba's IDF and tags per word), the topic model's
//! vocabulary and the stop words ([`WordMap`]), and each document's own
//! index of its words ([`WordIndex`]) are looked up for
//! every word or distinct term of every article, which makes these the
//! hottest lookups after segmentation.

//!
//! Input text decides which words these tables hold, so their hashes are
//! keyed with a per-process random seed ([`keyed_hash`]) and their long
//! words sit in the standard library's randomly keyed `HashMap`: no text can
//! be written whose words all land in one probe sequence.

use std::collections::HashMap;

pub(crate) use crate::util::word_key::word_key;
use crate::util::word_key::{HashSeed, hash_seed, keyed_hash};

/// A key of a [`KeyTable`]: a number whose default (zero) is never a
/// real key, so it can mark an empty slot.
pub(crate) trait TableKey: Copy + Eq + Default {
    /// A keyed hash, well mixed in every bit.
    fn hash(self, seed: HashSeed) -> u64;
}

impl TableKey for u128 {
    #[inline]
    fn hash(self, seed: HashSeed) -> u64 {
        keyed_hash(self, seed)
    }
}

impl TableKey for u64 {
    #[inline]
    fn hash(self, seed: HashSeed) -> u64 {
        keyed_hash(self as u128, seed)
    }
}

/// Numeric keys to values in an open-addressed table of `(key, value)`
/// slots, at most half full, so a lookup costs one cache line; a bit per
/// key hash (8 KB) in front proves most absent keys absent without
/// touching the table.
///
/// The tables that use it (the keyword lexicon, a topic model's words and
/// character bigrams) are larger than the caches jieba's dictionary walk
/// leaves them, so a lookup is a wait on memory;
/// [`get_many`](Self::get_many) prefetches the slots of a group of keys
/// before it probes any of them, so the waits overlap instead of following
/// one another.
#[derive(Debug, Clone)]
pub(crate) struct KeyTable<K, V> {
    slots: Slots<K, V>,
    filter: Vec<u64>,
}

impl<K: TableKey, V: Copy + Default> Default for KeyTable<K, V> {
    fn default() -> Self {
        KeyTable {
            slots: Slots::with_room(0),
            filter: vec![0; (1 << FILTER_BITS) / 64],
        }
    }
}

/// Open-addressed `(key, value)` slots, a power of two of them and at most
/// half full, so that a probe ends soon; the default key marks an empty
/// slot. The core of [`KeyTable`].
#[derive(Debug, Clone)]
struct Slots<K, V> {
    slots: Vec<(K, V)>,
    /// Keys held.
    len: usize,
    seed: HashSeed,
}

impl<K: TableKey, V: Copy + Default> Slots<K, V> {
    /// Slots with room for about `keys` keys.
    fn with_room(keys: usize) -> Self {
        Slots {
            slots: vec![(K::default(), V::default()); (keys.max(4) * 2).next_power_of_two()],
            len: 0,
            seed: hash_seed(),
        }
    }

    /// The slot where the probe for a key of this hash starts.
    #[inline]
    fn start(&self, hash: u64) -> usize {
        (hash >> 32) as usize & (self.slots.len() - 1)
    }

    /// `Ok(slot)` holding `key`, or `Err(slot)`, the empty slot where it
    /// would go: a linear probe from `start` (the table is at most half
    /// full, so it always meets an empty slot).
    #[inline]
    fn find(&self, key: K, start: usize) -> Result<usize, usize> {
        let mask = self.slots.len() - 1;
        let mut i = start;
        loop {
            let k = self.slots[i].0;
            if k == key {
                return Ok(i);
            }
            if k == K::default() {
                return Err(i);
            }
            i = (i + 1) & mask;
        }
    }

    /// Puts `key` in the empty slot `empty` (from [`find`](Self::find)),
    /// doubling the slots when they get more than half full.
    #[inline]
    fn fill(&mut self, empty: usize, key: K, value: V) {
        self.slots[empty] = (key, value);
        self.len += 1;
        if self.len * 2 > self.slots.len() {
            self.grow();
        }
    }

    #[cold]
    fn grow(&mut self) {
        let doubled = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![(K::default(), V::default()); doubled]);
        for (k, v) in old.into_iter().filter(|&(k, _)| k != K::default()) {
            if let Err(i) = self.find(k, self.start(k.hash(self.seed))) {
                self.slots[i] = (k, v);
            }
        }
    }

    /// Every `(key, value)`, in no particular order.
    fn entries(&self) -> impl Iterator<Item = (K, V)> + '_ {
        self.slots
            .iter()
            .copied()
            .filter(|&(k, _)| k != K::default())
    }
}

const FILTER_BITS: u32 = 16;

/// The filter word and bit of a hash.
#[inline]
fn filter_bit(hash: u64) -> (usize, u64) {
    let bit = (hash >> (64 - FILTER_BITS)) as usize;
    (bit / 64, 1 << (bit % 64))
}

/// Asks the CPU to start loading the cache line of `value`, so that a
/// later read finds it there. A hint only: it changes no result, and does
/// nothing on targets other than x86-64.
#[inline(always)]
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `_mm_prefetch` requires SSE, which every x86-64 CPU has, and
    // only hints at a load: it never faults, and the address is that of a
    // live reference.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>((value as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// Keys a [`KeyTable::get_many`] group prefetches before probing.
const GROUP: usize = 16;

impl<K: TableKey, V: Copy + Default> KeyTable<K, V> {
    /// The value of `key`, if it has one.
    #[inline]
    pub(crate) fn get(&self, key: K) -> Option<V> {
        self.get_from(key, self.start(key)?)
    }

    /// The slot where the probe for `key` starts, or `None` when the
    /// filter already rules the key out.
    #[inline]
    fn start(&self, key: K) -> Option<usize> {
        let hash = key.hash(self.slots.seed);
        let (word, bit) = filter_bit(hash);
        (self.filter[word] & bit != 0).then(|| self.slots.start(hash))
    }

    /// The value of `key`, probing from slot `start`.
    #[inline]
    fn get_from(&self, key: K, start: usize) -> Option<V> {
        let i = self.slots.find(key, start).ok()?;
        Some(self.slots.slots[i].1)
    }

    /// Looks up every `(i, key)` of `keys`, calling `found(i, value)` for
    /// each (in no particular order): the answers of [`get`](Self::get),
    /// with the memory waits of a group overlapping.
    #[inline]
    pub(crate) fn get_many(
        &self,
        keys: impl Iterator<Item = (usize, K)>,
        mut found: impl FnMut(usize, Option<V>),
    ) {
        let mut group = [(0usize, K::default(), 0usize); GROUP];
        let mut len = 0;
        for (i, key) in keys {
            let Some(start) = self.start(key) else {
                found(i, None);
                continue;
            };
            prefetch(&self.slots.slots[start]);
            group[len] = (i, key, start);
            len += 1;
            if len == GROUP {
                for &(i, key, start) in &group {
                    found(i, self.get_from(key, start));
                }
                len = 0;
            }
        }
        for &(i, key, start) in &group[..len] {
            found(i, self.get_from(key, start));
        }
    }

    /// Sets the value of `key` (not the default key).
    pub(crate) fn insert(&mut self, key: K, value: V) {
        debug_assert!(key != K::default());
        let hash = key.hash(self.slots.seed);
        match self.slots.find(key, self.slots.start(hash)) {
            Ok(i) => self.slots.slots[i].1 = value,
            Err(i) => self.slots.fill(i, key, value),
        }
        let (word, bit) = filter_bit(hash);
        self.filter[word] |= bit;
    }

    /// Removes `key` (the table is rebuilt without it: removals are rare).
    pub(crate) fn remove(&mut self, key: K) {
        if self.get(key).is_none() {
            return;
        }
        let kept: Vec<(K, V)> = self.entries().filter(|&(k, _)| k != key).collect();
        *self = kept.into_iter().collect();
    }

    /// Every `(key, value)`, in no particular order.
    fn entries(&self) -> impl Iterator<Item = (K, V)> + '_ {
        self.slots.entries()
    }

    /// Number of keys.
    pub(crate) fn len(&self) -> usize {
        self.slots.len
    }
}

/// Equal when they hold the same keys with the same values, whatever the
/// order of insertion left in the slots.
impl<K: TableKey, V: Copy + Default + PartialEq> PartialEq for KeyTable<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.entries().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl<K: TableKey, V: Copy + Default + Eq> Eq for KeyTable<K, V> {}

impl<K: TableKey, V: Copy + Default> FromIterator<(K, V)> for KeyTable<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut table = KeyTable::default();
        for (k, v) in iter {
            table.insert(k, v);
        }
        table
    }
}

/// Words to values of type `V`, for tables asked about for every distinct
/// word of every article (stop words, the keyword lexicon, a topic
/// vocabulary): words of up to 15 bytes by their [`word_key`] in a
/// [`KeyTable`], longer ones in an ordinary map. A caller that already has
/// a word's key skips making it.
#[derive(Debug, Clone)]
pub(crate) struct WordMap<V> {
    short: KeyTable<u128, V>,
    long: HashMap<Box<str>, V>,
}

impl<V: Copy + Default> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            short: KeyTable::default(),
            long: HashMap::default(),
        }
    }
}

impl<V: Copy + Default> WordMap<V> {
    /// The value of `word`, if it has one.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<V> {
        match word_key(word) {
            Some(key) => self.short.get(key),
            None => self.long.get(word).copied(),
        }
    }

    /// The value of the word whose [`word_key`] is `key`.
    #[inline]
    pub(crate) fn get_key(&self, key: u128) -> Option<V> {
        self.short.get(key)
    }

    /// Looks every word of `words` up, calling `found(i, value)` for the
    /// `i`-th word (in no particular order); see [`KeyTable::get_many`].
    pub(crate) fn get_many<'w>(
        &self,
        words: impl Iterator<Item = &'w str>,
        mut found: impl FnMut(usize, Option<V>),
    ) {
        let mut long = Vec::new();
        let keys = words.enumerate().filter_map(|(i, word)| {
            let key = word_key(word);
            if key.is_none() {
                long.push((i, word));
            }
            key.map(|key| (i, key))
        });
        self.short.get_many(keys, &mut found);
        for (i, word) in long {
            found(i, self.long.get(word).copied());
        }
    }

    /// Sets the value of `word`.
    pub(crate) fn insert(&mut self, word: &str, value: V) {
        match word_key(word) {
            Some(key) => self.short.insert(key, value),
            None => {
                self.long.insert(word.into(), value);
            }
        }
    }

    /// Removes `word`.
    pub(crate) fn remove(&mut self, word: &str) {
        match word_key(word) {
            Some(key) => self.short.remove(key),
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

impl<V: Copy + Default + PartialEq> PartialEq for WordMap<V> {
    fn eq(&self, other: &Self) -> bool {
        self.short == other.short && self.long == other.long
    }
}

impl<V: Copy + Default + Eq> Eq for WordMap<V> {}

impl<'w, V: Copy + Default> FromIterator<(&'w str, V)> for WordMap<V> {
    fn from_iter<I: IntoIterator<Item = (&'w str, V)>>(iter: I) -> Self {
        let mut m = WordMap::default();
        for (w, v) in iter {
            m.insert(w, v);
        }
        m
    }
}

/// `KEY_MASKS[n]` keeps the low `n` bytes of a `u128` (a table: a shift of
/// a `u128` by a variable amount is a branchy instruction sequence).
const KEY_MASKS: [u128; 16] = {
    let mut masks = [0u128; 16];
    let mut n = 1;
    while n < 16 {
        masks[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    masks
};

/// The words of one document and a small value for each: the index a
/// document builds while its tokens go by, one lookup per token. Words of
/// up to 15 bytes (five Chinese characters: nearly every token) are keys
/// of 16 bytes held in an open-addressed table, read from the text with
/// one load when the text allows; longer words go to an ordinary map.
#[derive(Debug, Clone)]
pub(crate) struct WordIndex<'a, V> {
    /// Short words' keys, open-addressed (no word has key 0: the length
    /// byte of a key is never zero, so 0 marks an empty slot), and where
    /// each one's value is in `values`. Both start zeroed, which costs next
    /// to nothing for a new document's index; values are added as words
    /// come.
    keys: Vec<u128>,
    slot_values: Vec<u32>,
    values: Vec<V>,
    long: HashMap<&'a str, V>,
    seed: HashSeed,
}

impl<'a, V: Copy + Default> WordIndex<'a, V> {
    /// An index with room for about `words` distinct words.
    pub(crate) fn with_capacity(words: usize) -> Self {
        let slots = (words.max(4) * 2).next_power_of_two();
        WordIndex {
            keys: vec![0; slots],
            slot_values: vec![0; slots],
            values: Vec::with_capacity(words),
            long: HashMap::default(),
            seed: hash_seed(),
        }
    }

    /// The key of `text[start..start + n]`, the same as [`word_key`]
    /// gives, read with one 16-byte load when the text has 16 bytes there.
    #[inline]
    fn key_at(text: &str, start: usize, n: usize) -> Option<u128> {
        if n == 0 || n > 15 {
            return None;
        }
        match text.as_bytes().get(start..start + 16) {
            Some(window) => {
                let mut buf = [0u8; 16];
                buf.copy_from_slice(window);
                Some((u128::from_le_bytes(buf) & KEY_MASKS[n]) | ((n as u128) << 120))
            }
            None => word_key(&text[start..start + n]),
        }
    }

    /// `Ok(slot)` holding `key`, or `Err(slot)`, the empty slot where it
    /// would go: a linear probe (the table is at most half full, so it
    /// always meets an empty slot).
    #[inline]
    fn find(&self, key: u128) -> Result<usize, usize> {
        let mask = self.keys.len() - 1;
        let mut i = (keyed_hash(key, self.seed) >> 32) as usize & mask;
        loop {
            let k = self.keys[i];
            if k == key {
                return Ok(i);
            }
            if k == 0 {
                return Err(i);
            }
            i = (i + 1) & mask;
        }
    }

    /// Puts `key` in the empty slot `empty` (from [`find`](Self::find)),
    /// doubling the table when it gets more than half full.
    #[inline]
    fn fill(&mut self, empty: usize, key: u128, value: V) {
        self.keys[empty] = key;
        self.slot_values[empty] = self.values.len() as u32;
        self.values.push(value);
        if self.values.len() * 2 > self.keys.len() {
            self.grow();
        }
    }

    #[cold]
    fn grow(&mut self) {
        let doubled = self.keys.len() * 2;
        let keys = std::mem::replace(&mut self.keys, vec![0; doubled]);
        let at = std::mem::replace(&mut self.slot_values, vec![0; doubled]);
        for (k, v) in keys.into_iter().zip(at).filter(|&(k, _)| k != 0) {
            if let Err(i) = self.find(k) {
                self.keys[i] = k;
                self.slot_values[i] = v;
            }
        }
    }

    /// Probes past its first slot that each short word's lookup takes.
    #[cfg(test)]
    fn probe_lengths(&self) -> Vec<usize> {
        let mask = self.keys.len() - 1;
        (0..self.keys.len())
            .filter(|&i| self.keys[i] != 0)
            .map(|i| {
                let start = (keyed_hash(self.keys[i], self.seed) >> 32) as usize & mask;
                (i + self.keys.len() - start) & mask
            })
            .collect()
    }

    /// The value of `word`.
    pub(crate) fn get(&self, word: &str) -> Option<V> {
        let Some(key) = word_key(word) else {
            return self.long.get(word).copied();
        };
        let i = self.find(key).ok()?;
        Some(self.values[self.slot_values[i] as usize])
    }

    /// Sets the value of `word`, inserting it if it is new.
    pub(crate) fn set(&mut self, word: &'a str, value: V) {
        let Some(key) = word_key(word) else {
            self.long.insert(word, value);
            return;
        };
        match self.find(key) {
            Ok(i) => self.values[self.slot_values[i] as usize] = value,
            Err(empty) => self.fill(empty, key, value),
        }
    }

    /// The value of the word `text[start..start + word.len()]` (which is
    /// `word`), inserting `make(key)` if the word is new (`key` is the
    /// word's [`word_key`], for a [`WordMap`] to reuse).
    #[inline]
    pub(crate) fn get_or_insert_at(
        &mut self,
        text: &str,
        start: usize,
        word: &'a str,
        make: impl FnOnce(Option<u128>) -> V,
    ) -> V {
        let Some(key) = Self::key_at(text, start, word.len()) else {
            return *self.long.entry(word).or_insert_with(|| make(None));
        };
        match self.find(key) {
            Ok(i) => self.values[self.slot_values[i] as usize],
            Err(empty) => {
                let value = make(Some(key));
                self.fill(empty, key, value);
                value
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words that differ only in their 7th and 8th bytes, which the fixed
    /// hash of the shipped IDF table ignores for tables of up to 2^16
    /// slots: a flood for a table keyed by that hash.
    fn crafted_words() -> Vec<String> {
        let chars: Vec<char> = ('a'..='z').chain('A'..='Z').chain('0'..='9').collect();
        chars
            .iter()
            .flat_map(|a| chars.iter().map(move |b| format!("aaaaaa{a}{b}bbbbbbb")))
            .collect()
    }

    #[test]
    fn crafted_words_do_not_share_a_probe_sequence() {
        let words = crafted_words();
        // Under the fixed hash they would all start at one slot.
        let starts: std::collections::HashSet<u64> = words
            .iter()
            .map(|w| (crate::util::word_key::key_hash(word_key(w).unwrap()) >> 32) & 8191)
            .collect();
        assert_eq!(starts.len(), 1);
        let mut index: WordIndex<'_, u32> = WordIndex::with_capacity(4);
        for (i, w) in words.iter().enumerate() {
            index.set(w, i as u32);
        }
        assert_eq!(index.get(&words[100]), Some(100));
        let probes = index.probe_lengths();
        assert_eq!(probes.len(), words.len());
        let mean = probes.iter().sum::<usize>() as f64 / probes.len() as f64;
        let longest = *probes.iter().max().unwrap();
        // A table at most half full with a well-mixed hash: about half a
        // probe on average, a few dozen at the very worst.
        assert!(mean < 2.0, "mean probe {mean}");
        assert!(longest < 64, "longest probe {longest}");
    }

    #[test]
    fn lookups_in_groups_answer_as_one_by_one() {
        // Enough words to grow the table several times, short and long.
        let words: Vec<String> = (0..3000)
            .map(|i| match i % 3 {
                0 => format!("词{i}"),
                1 => format!("城乡公交一体化{i}"),
                _ => format!("w{i}"),
            })
            .collect();
        let map: WordMap<u32> = words
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(i, w)| (w.as_str(), i as u32))
            .collect();
        assert_eq!(map.len(), 1500);
        let asked: Vec<&str> = words
            .iter()
            .map(String::as_str)
            .chain(["", "词", "词0"])
            .collect();
        let mut grouped = vec![None; asked.len()];
        let mut calls = 0;
        map.get_many(asked.iter().copied(), |i, v| {
            grouped[i] = v;
            calls += 1;
        });
        let single: Vec<Option<u32>> = asked.iter().map(|w| map.get(w)).collect();
        assert_eq!(calls, asked.len());
        assert_eq!(grouped, single);
        assert_eq!(single[0], Some(0));
        assert_eq!(single[1], None);
        assert_eq!(single[4], Some(4));
        assert_eq!(*single.last().unwrap(), Some(0));
    }

    #[test]
    fn document_index_reads_keys_from_the_text_as_from_the_word() {
        let text = "城乡公交一体化让村民出行更方便，城乡公交一体化示范工程建设。ab";
        let mut index: WordIndex<'_, u32> = WordIndex::with_capacity(1);
        let mut next = 0;
        let mut ids = Vec::new();
        // Every substring on char boundaries, near the end of the text too.
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for (a, &start) in bounds.iter().enumerate() {
            for &end in &bounds[a + 1..] {
                let word = &text[start..end];
                let id = index.get_or_insert_at(text, start, word, |_| {
                    next += 1;
                    next
                });
                ids.push((word, id));
            }
        }
        for (word, id) in ids {
            assert_eq!(index.get(word), Some(id), "{word}");
        }
        assert_eq!(index.get("不在文中"), None);
        assert_eq!(index.get(""), None);
    }

    #[test]
    fn word_sets_add_find_and_remove() {
        let long = "城乡公交一体化示范工程建设";
        let mut set: WordMap<()> = WordMap::default();
        let contains = |set: &WordMap<()>, w: &str| set.get(w).is_some();
        assert!(!contains(&set, "的"));
        for w in ["的", "了", long, "and"] {
            set.insert(w, ());
        }
        set.insert("的", ());
        assert_eq!(set.len(), 4);
        assert!(contains(&set, "的") && contains(&set, long) && contains(&set, "and"));
        assert!(set.get_key(word_key("了").unwrap()).is_some());
        assert!(!contains(&set, "公交") && !contains(&set, ""));
        set.remove("了");
        set.remove(long);
        set.remove("不在");
        assert_eq!(set.len(), 2);
        assert!(!contains(&set, "了") && !contains(&set, long) && contains(&set, "的"));
        let many: Vec<String> = (0..1000).map(|i| format!("词{i}")).collect();
        for w in &many {
            set.insert(w, ());
        }
        assert!(many.iter().all(|w| contains(&set, w)));
        assert_eq!(set.len(), 1002);
    }

    #[test]
    fn maps_are_equal_by_content_not_by_layout() {
        let words: Vec<String> = (0..500).map(|i| format!("词{i}")).collect();
        let forward: WordMap<u32> = words.iter().map(|w| (w.as_str(), 1)).collect();
        let backward: WordMap<u32> = words.iter().rev().map(|w| (w.as_str(), 1)).collect();
        assert_eq!(forward, backward);
        let mut grown_and_shrunk = forward.clone();
        grown_and_shrunk.insert("另一个词", 1);
        grown_and_shrunk.remove("另一个词");
        assert_eq!(grown_and_shrunk, forward);
        let mut other_value = forward.clone();
        other_value.insert("词7", 2);
        assert_ne!(other_value, forward);
        let mut fewer = forward.clone();
        fewer.remove("词7");
        assert_ne!(fewer, forward);
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
    }
}
