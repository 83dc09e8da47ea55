//! Short words as numbers: a word of up to 15 bytes (five Chinese
//! characters) packed into a `u128`, and a hash of that number.
//!
//! Self-contained (nothing from the rest of the crate), because the build
//! script that writes jieba's IDF table ([`crate::keywords`]) keys it the
//! same way and compiles this file too.

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

/// A 64-bit hash of a key whose high bits are well mixed: tables take
/// their slot or bucket from the top bits.
#[inline]
pub(crate) fn key_hash(key: u128) -> u64 {
    let x = (key as u64) ^ ((key >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x.wrapping_mul(0xff51_afd7_ed55_8ccd)
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
    }
}
