//! Short words as numbers: a word of up to 15 bytes (five Chinese
//! characters) packed into a `u128`, and two hashes of that number: a
//! fixed one for the IDF table that ships with the crate (its buckets are
//! laid out when the table is generated), and a keyed one for every table
//! that input text fills, so that no text can be written to make its words
//! collide.

/// The key of a word of 1 to 15 bytes: its bytes, zero-padded, with the
/// length in the last byte (so no key is 0).
#[inline]
pub(crate) fn word_key(word: &str) -> Option<u128> {
    let n = word.len();
    if n == 0 || n > 15 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..n].copy_from_slice(word.as_bytes());
    buf[15] = n as u8;
    Some(u128::from_le_bytes(buf))
}

/// A fixed 64-bit hash of a key whose high bits are well mixed, for the
/// shipped IDF table ([`crate::analysis`]), which takes its bucket from
/// the top bits. Input only ever looks that table up, never adds to it, so
/// a fixed hash cannot be flooded there; tables that input fills use
/// [`keyed_hash`].
#[inline]
pub(crate) fn key_hash(key: u128) -> u64 {
    let x = (key as u64) ^ ((key >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x.wrapping_mul(0xff51_afd7_ed55_8ccd)
}

/// The key of [`keyed_hash`]: two random words drawn once per process
/// (from the standard library's randomly keyed hasher).
pub(crate) type HashSeed = [u64; 2];

/// This process's [`HashSeed`].
pub(crate) fn hash_seed() -> HashSeed {
    static SEED: std::sync::LazyLock<HashSeed> = std::sync::LazyLock::new(|| {
        use std::hash::{BuildHasher, Hasher};
        let random = std::collections::hash_map::RandomState::new();
        let word = |i: u64| {
            let mut h = random.build_hasher();
            h.write_u64(i);
            // Odd, so that no operand of the multiply is forced to zero.
            h.finish() | 1
        };
        [word(1), word(2)]
    });
    *SEED
}

/// A keyed 64-bit hash of a key, well mixed in every bit: the folded
/// multiply (the high and low halves of a 64 × 64-bit product, xored) of
/// the key's halves, each xored with a word of the seed, then a
/// multiply-xorshift finalizer. Without the seed, which no input sees,
/// there is no knowing which keys collide. The finalizer matters when one
/// half of the key is the same for many keys (words of one length that
/// share their last 8 bytes): the fold alone then spreads the changing
/// bytes over the bits a table reads unevenly for some seeds (mean probe
/// 12 instead of 1.5 for a few seeds in a hundred).
#[inline]
pub(crate) fn keyed_hash(key: u128, seed: HashSeed) -> u64 {
    let product = ((key as u64) ^ seed[0]) as u128 * (((key >> 64) as u64) ^ seed[1]) as u128;
    let mut h = (product as u64) ^ ((product >> 64) as u64);
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_hold_the_bytes_and_the_length() {
        assert_eq!(word_key(""), None);
        assert_eq!(word_key("一二三四五六"), None);
        let k = word_key("一二三四五").unwrap();
        assert_eq!(k >> 120, 15);
        assert_ne!(word_key("a"), word_key("a\0"));
        assert_ne!(
            key_hash(word_key("公交").unwrap()),
            key_hash(word_key("公文").unwrap())
        );
        let seed = hash_seed();
        assert_eq!(seed, hash_seed());
        assert_ne!(
            keyed_hash(word_key("公交").unwrap(), seed),
            keyed_hash(word_key("公文").unwrap(), seed)
        );
    }
}
