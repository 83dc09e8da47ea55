//! jieba's IDF table in a form read in place: `examples/idf_table.rs`
//! lays jieba-rs's `word idf` data file out as below ([`compile`]), the
//! library carries those bytes (`src/analysis/jieba_idf.bin`), and a lookup
//! reads them where they lie. Nothing is parsed or allocated at start-up,
//! where building jieba-rs's own `TfIdf` decompresses 6 MB of text into a
//! hash map of 270 000 strings in every process (as long as loading jieba's
//! dictionary, and a tenth of a whole batch's time).
//!
//! A file starts with a text header saying how it was generated, ended by a
//! NUL byte; then comes the layout, little-endian throughout:
//!
//! | part | contents |
//! |---|---|
//! | header | [`MAGIC`]; counts of short words, long words and distinct values, bucket bits (`u32` each); median and maximum IDF (`f64`) |
//! | values | the distinct IDFs, `f64` each |
//! | buckets | `2^bits + 1` offsets (`u32`) into the short words, by the top bits of [`key_hash`] |
//! | keys | the [`word_key`] of each short word (up to 15 bytes), 16 bytes each, bucket by bucket |
//! | slots | the index of each short word's value (`u16`) |
//! | long words | over 15 bytes, sorted: `long + 1` offsets (`u32`) into their text, a value index (`u16`) each, then the text |

use crate::error::{Error, Result};
use crate::util::word_key::{key_hash, word_key};

/// The first bytes of a table (with the layout's version in the last).
pub(crate) const MAGIC: [u8; 8] = *b"jbidf\0\0\x01";

const HEADER: usize = 8 + 4 * 4 + 8 * 2;

/// A table laid out by [`write`], borrowed from its bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct IdfTable<'a> {
    values: &'a [u8],
    buckets: &'a [u8],
    keys: &'a [u8],
    slots: &'a [u8],
    long_offsets: &'a [u8],
    long_slots: &'a [u8],
    long_text: &'a [u8],
    bucket_bits: u32,
    median: f64,
    /// The highest IDF (read by the tests; part of the layout).
    #[cfg_attr(not(test), allow(dead_code))]
    max: f64,
}

fn u32_at(bytes: &[u8], i: usize) -> usize {
    let mut b = [0; 4];
    b.copy_from_slice(&bytes[4 * i..4 * i + 4]);
    u32::from_le_bytes(b) as usize
}

fn u16_at(bytes: &[u8], i: usize) -> usize {
    u16::from_le_bytes([bytes[2 * i], bytes[2 * i + 1]]) as usize
}

fn f64_at(bytes: &[u8], i: usize) -> f64 {
    let mut b = [0; 8];
    b.copy_from_slice(&bytes[8 * i..8 * i + 8]);
    f64::from_le_bytes(b)
}

fn u128_at(bytes: &[u8], i: usize) -> u128 {
    let mut b = [0; 16];
    b.copy_from_slice(&bytes[16 * i..16 * i + 16]);
    u128::from_le_bytes(b)
}

/// Splits `n` bytes off the front of `rest`.
fn take<'a>(rest: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    if rest.len() < n {
        return None;
    }
    let (head, tail) = rest.split_at(n);
    *rest = tail;
    Some(head)
}

/// The bucket of a short word's key.
fn bucket_of(key: u128, bits: u32) -> usize {
    (key_hash(key) >> (64 - bits)) as usize
}

impl<'a> IdfTable<'a> {
    /// A table with no word, whose median and maximum are NaN.
    pub(crate) fn empty() -> Self {
        IdfTable {
            values: &[],
            buckets: &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            keys: &[],
            slots: &[],
            long_offsets: &[0, 0, 0, 0],
            long_slots: &[],
            long_text: &[],
            bucket_bits: 1,
            median: f64::NAN,
            max: f64::NAN,
        }
    }

    /// Reads a table written by [`compile`]: its text header up to the
    /// first NUL is skipped, then [`read`](Self::read).
    pub(crate) fn read_with_header(bytes: &'a [u8]) -> Option<Self> {
        let nul = bytes.iter().position(|&b| b == 0)?;
        Self::read(&bytes[nul + 1..])
    }

    /// Reads the table in `bytes`, checking that every part is where the
    /// header says and every offset and index stays inside its part;
    /// `None` if not (lookups can then never go out of bounds).
    pub(crate) fn read(bytes: &'a [u8]) -> Option<Self> {
        let mut rest = bytes;
        let header = take(&mut rest, HEADER)?;
        if header[..8] != MAGIC {
            return None;
        }
        let counts = &header[8..24];
        let (short, long, distinct, bits) = (
            u32_at(counts, 0),
            u32_at(counts, 1),
            u32_at(counts, 2),
            u32_at(counts, 3) as u32,
        );
        if !(1..=24).contains(&bits) || distinct > usize::from(u16::MAX) + 1 {
            return None;
        }
        let values = take(&mut rest, 8 * distinct)?;
        let buckets = take(&mut rest, 4 * ((1 << bits) + 1))?;
        let keys = take(&mut rest, 16 * short)?;
        let slots = take(&mut rest, 2 * short)?;
        let long_offsets = take(&mut rest, 4 * (long + 1))?;
        let long_slots = take(&mut rest, 2 * long)?;
        let long_text = rest;
        let ascending = |offsets: &[u8], n: usize, end: usize| {
            (0..n).all(|i| u32_at(offsets, i) <= u32_at(offsets, i + 1))
                && u32_at(offsets, n) == end
        };
        let in_values = |slots: &[u8], n: usize| (0..n).all(|i| u16_at(slots, i) < distinct);
        let ok = ascending(buckets, 1 << bits, short)
            && ascending(long_offsets, long, long_text.len())
            && in_values(slots, short)
            && in_values(long_slots, long);
        ok.then_some(IdfTable {
            values,
            buckets,
            keys,
            slots,
            long_offsets,
            long_slots,
            long_text,
            bucket_bits: bits,
            median: f64_at(header, 3),
            max: f64_at(header, 4),
        })
    }

    /// The IDF of `word`, if the table has it.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<f64> {
        let slot = match word_key(word) {
            Some(key) => {
                let b = bucket_of(key, self.bucket_bits);
                let (from, to) = (u32_at(self.buckets, b), u32_at(self.buckets, b + 1));
                let i = (from..to).find(|&i| u128_at(self.keys, i) == key)?;
                u16_at(self.slots, i)
            }
            None => {
                let n = self.long_slots.len() / 2;
                let word_at = |i: usize| {
                    &self.long_text[u32_at(self.long_offsets, i)..u32_at(self.long_offsets, i + 1)]
                };
                let (mut lo, mut hi) = (0, n);
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    match word_at(mid).cmp(word.as_bytes()) {
                        std::cmp::Ordering::Less => lo = mid + 1,
                        std::cmp::Ordering::Greater => hi = mid,
                        std::cmp::Ordering::Equal => {
                            return Some(f64_at(self.values, u16_at(self.long_slots, mid)));
                        }
                    }
                }
                return None;
            }
        };
        Some(f64_at(self.values, slot))
    }

    /// The IDF jieba gives a word missing from the table (the median).
    pub(crate) fn median(&self) -> f64 {
        self.median
    }

    /// The highest IDF of the table, the median included.
    #[cfg(test)]
    pub(crate) fn max(&self) -> f64 {
        self.max
    }

    /// Number of words in the table.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.slots.len() / 2 + self.long_slots.len() / 2
    }
}

/// Lays a table in jieba's IDF format (`word idf` per line) out the way
/// the library reads its built-in table, behind the text header `header`
/// (which must hold no NUL). Lines are read as jieba-rs reads them (a
/// word, whitespace, a number; other lines skipped; a later line for the
/// same word wins), and the median is jieba-rs's: the lower median of
/// every value read, repeats included.
///
/// This is how `src/analysis/jieba_idf.bin` was made from jieba-rs's
/// `src/data/idf.txt` (`cargo run --example idf_table`).
///
/// # Errors
///
/// [`Error::EmptyData`] for a table with no line, more than 65 536
/// distinct values, or a header with a NUL.
///
/// ```
/// let bytes = jianbao::analysis::compile_idf_table("医院 8.5\n社区 4.0\n公交 6.0\n", "my table").unwrap();
/// assert!(bytes.starts_with(b"my table\0"));
/// ```
pub fn compile(text: &str, header: &str) -> Result<Vec<u8>> {
    if header.contains('\0') {
        return Err(Error::EmptyData(
            "the header may not contain a NUL byte".into(),
        ));
    }
    let mut idf: std::collections::HashMap<&str, f64> = std::collections::HashMap::new();
    let mut values = Vec::new();
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        if let Some(word) = parts.next()
            && let Some(v) = parts.next().and_then(|x| x.parse::<f64>().ok())
        {
            idf.insert(word, v);
            values.push(v);
        }
    }
    if values.is_empty() {
        return Err(Error::EmptyData(
            "the IDF table has no `word idf` line".into(),
        ));
    }
    let mid = (values.len() - 1) / 2;
    let (_, median, _) = values.select_nth_unstable_by(mid, f64::total_cmp);
    let median = *median;
    let mut entries: Vec<(String, f64)> =
        idf.into_iter().map(|(w, v)| (w.to_string(), v)).collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let table = write(&entries, median)
        .ok_or_else(|| Error::EmptyData("more than 65 536 distinct IDF values".into()))?;
    let mut out = header.as_bytes().to_vec();
    out.push(0);
    out.extend(table);
    Ok(out)
}

/// Lays `entries` (distinct words and their IDF) and the `median` out as
/// [`IdfTable::read`] reads them. `None` if there are more than 65 536
/// distinct values or the long words' text passes 4 GB.
fn write(entries: &[(String, f64)], median: f64) -> Option<Vec<u8>> {
    let mut distinct: Vec<u64> = entries.iter().map(|(_, v)| v.to_bits()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() > usize::from(u16::MAX) + 1 {
        return None;
    }
    let slot_of = |v: f64| distinct.binary_search(&v.to_bits()).map_or(0, |i| i as u16);
    let mut short: Vec<(u128, u16)> = Vec::new();
    let mut long: Vec<(&str, u16)> = Vec::new();
    for (word, idf) in entries {
        match word_key(word) {
            Some(key) => short.push((key, slot_of(*idf))),
            None => long.push((word, slot_of(*idf))),
        }
    }
    // About two words a bucket.
    let bits = (usize::BITS - (short.len() / 2).max(1).leading_zeros()).clamp(1, 24);
    short.sort_unstable_by_key(|&(key, _)| (bucket_of(key, bits), key));
    long.sort_unstable();
    let max = entries.iter().map(|(_, v)| *v).fold(median, f64::max);

    let mut out = Vec::new();
    out.extend_from_slice(&MAGIC);
    for n in [short.len(), long.len(), distinct.len(), bits as usize] {
        out.extend_from_slice(&u32::try_from(n).ok()?.to_le_bytes());
    }
    out.extend_from_slice(&median.to_le_bytes());
    out.extend_from_slice(&max.to_le_bytes());
    for v in &distinct {
        out.extend_from_slice(&v.to_le_bytes());
    }
    let mut start = 0;
    for b in 0..=(1usize << bits) {
        while start < short.len() && bucket_of(short[start].0, bits) < b {
            start += 1;
        }
        out.extend_from_slice(&(start as u32).to_le_bytes());
    }
    for (key, _) in &short {
        out.extend_from_slice(&key.to_le_bytes());
    }
    for (_, slot) in &short {
        out.extend_from_slice(&slot.to_le_bytes());
    }
    let mut offset = 0usize;
    out.extend_from_slice(&0u32.to_le_bytes());
    for (word, _) in &long {
        offset += word.len();
        out.extend_from_slice(&u32::try_from(offset).ok()?.to_le_bytes());
    }
    for (_, slot) in &long {
        out.extend_from_slice(&slot.to_le_bytes());
    }
    for (word, _) in &long {
        out.extend_from_slice(word.as_bytes());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<(String, f64)> {
        let mut entries: Vec<(String, f64)> = (0..5000)
            .map(|i| (format!("词{i}"), 5.0 + (i % 37) as f64 * 0.25))
            .collect();
        entries.push(("城乡公交一体化示范".into(), 11.5));
        entries.push(("数字乡村建设推进会".into(), 12.25));
        entries
    }

    #[test]
    fn every_word_reads_back_with_its_value() {
        let entries = sample();
        let bytes = write(&entries, 9.5).unwrap();
        let table = IdfTable::read(&bytes).unwrap();
        assert_eq!(table.len(), entries.len());
        for (word, idf) in &entries {
            assert_eq!(table.get(word), Some(*idf), "{word}");
        }
        assert_eq!(table.get("词5000"), None);
        assert_eq!(table.get("城乡公交一体化"), None);
        assert_eq!(table.get("城乡公交一体化示范工程"), None);
        assert_eq!(table.get(""), None);
        assert_eq!((table.median(), table.max()), (9.5, 14.0));
    }

    #[test]
    fn a_compiled_table_reads_behind_its_header() {
        let bytes = compile(
            "医院 8.5\n社区 4.0\n坏行\n公交 6.0\n医院 9.0\n",
            "made by a test",
        )
        .unwrap();
        let table = IdfTable::read_with_header(&bytes).unwrap();
        assert_eq!(table.get("医院"), Some(9.0));
        assert_eq!(table.get("坏行"), None);
        // jieba's lower median of 8.5, 4.0, 6.0, 9.0 (repeats included).
        assert_eq!(table.median(), 6.0);
        assert!(compile("", "h").is_err());
    }

    #[test]
    fn an_empty_table_reads() {
        let bytes = write(&[], 10.0).unwrap();
        let table = IdfTable::read(&bytes).unwrap();
        assert_eq!(
            (table.len(), table.get("公交"), table.max()),
            (0, None, 10.0)
        );
    }

    #[test]
    fn damaged_tables_are_refused() {
        let bytes = write(&sample(), 9.5).unwrap();
        for n in [0, 8, HEADER, bytes.len() / 2] {
            assert!(IdfTable::read(&bytes[..n]).is_none(), "cut at {n}");
        }
        let mut foreign = bytes.clone();
        foreign[0] = b'X';
        assert!(IdfTable::read(&foreign).is_none());
        let mut bad_slot = bytes.clone();
        let distinct = u32_at(&bytes[8..24], 2);
        let short = u32_at(&bytes[8..24], 0);
        let slots_at =
            HEADER + 8 * distinct + 4 * ((1 << u32_at(&bytes[8..24], 3)) + 1) + 16 * short;
        bad_slot[slots_at..slots_at + 2].copy_from_slice(&u16::MAX.to_le_bytes());
        assert!(IdfTable::read(&bad_slot).is_none());
    }
}
