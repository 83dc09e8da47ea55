//! Finding the next character of interest in a line without decoding the
//! characters in between.
//!
//! The line scanners (whitespace clean-up, sentence splitting) each stop at
//! a handful of characters: ASCII marks, and a few three-byte characters
//! such as `。` or the ideographic space. In Chinese text the lead bytes of
//! those characters (E2, E3, EF) also begin the common `，`, `、` and `“`,
//! so a test of lead bytes alone stops every few characters for nothing, a
//! branch the processor cannot predict. A [`Stops`] set names each
//! character by its first three bytes, and [`Stops::find`] tests sixteen
//! positions at a time against all three (SSE2 on x86-64, which every
//! x86-64 processor has; one position at a time elsewhere).

/// The characters a scanner stops at.
pub(crate) struct Stops {
    /// Every byte up to this one (ASCII controls and space), if any.
    pub up_to: Option<u8>,
    /// Single bytes: ASCII characters, or lead bytes whose every character
    /// stops.
    pub bytes: &'static [u8],
    /// Characters of three bytes or more, by their first three bytes.
    pub chars: &'static [ThreeBytes],
}

/// Characters named by their lead byte, their second byte and the ranges
/// (inclusive) their third byte may fall in.
pub(crate) type ThreeBytes = (u8, u8, &'static [(u8, u8)]);

impl Stops {
    /// Does a character that stops begin at `bytes[i]`?
    #[inline]
    pub fn stops_at(&self, bytes: &[u8], i: usize) -> bool {
        let b0 = bytes[i];
        let b1 = bytes.get(i + 1).copied().unwrap_or(0);
        let b2 = bytes.get(i + 2).copied().unwrap_or(0);
        self.up_to.is_some_and(|max| b0 <= max)
            || self.bytes.contains(&b0)
            || self.chars.iter().any(|&(lead, second, thirds)| {
                b0 == lead && b1 == second && thirds.iter().any(|&(lo, hi)| (lo..=hi).contains(&b2))
            })
    }

    /// The first index at or after `from` where a character that stops
    /// begins, or `bytes.len()`. `bytes` is UTF-8 and `from` starts a
    /// character, so the index found starts one too.
    #[inline(always)]
    pub fn find(&self, bytes: &[u8], from: usize) -> usize {
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        let from = self.find_sse2(bytes, from);
        self.find_one_by_one(bytes, from)
    }

    /// [`find`](Self::find) testing one position at a time: the tail the
    /// blocks leave, the whole search where there are no blocks, and the
    /// answer the blocks are held to.
    #[inline]
    fn find_one_by_one(&self, bytes: &[u8], from: usize) -> usize {
        (from..bytes.len())
            .find(|&i| self.stops_at(bytes, i))
            .unwrap_or(bytes.len())
    }

    /// [`find`](Self::find) over whole blocks of sixteen positions (and the
    /// two bytes after them), leaving the tail to the caller: the index of
    /// the first stop, or where the blocks ended.
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[inline(always)]
    fn find_sse2(&self, bytes: &[u8], from: usize) -> usize {
        use std::arch::x86_64::*;
        // SAFETY: these intrinsics need only SSE2, which this build enables
        // for all code (the `cfg` above; every x86-64 processor has it), and
        // none of them touches memory: each block is copied out of `bytes`
        // by bounds-checked slicing first.
        unsafe {
            let load = |at: usize| {
                let block: [u8; 16] = bytes[at..at + 16].try_into().expect("16 bytes");
                let v = u128::from_le_bytes(block);
                _mm_set_epi64x((v >> 64) as i64, v as i64)
            };
            let eq = |v, b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
            // Unsigned `lo <= v <= hi`: `v - lo`, wrapped, is at most `hi - lo`.
            let within = |v, lo: u8, hi: u8| {
                let d = _mm_sub_epi8(v, _mm_set1_epi8(lo as i8));
                _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8((hi - lo) as i8)), d)
            };
            let mut i = from;
            while i + 18 <= bytes.len() {
                let v0 = load(i);
                // Single bytes and lead bytes first: a block with neither
                // (most runs of Chinese characters) needs nothing more.
                let mut single = match self.up_to {
                    Some(max) => within(v0, 0, max),
                    None => _mm_setzero_si128(),
                };
                for &b in self.bytes {
                    single = _mm_or_si128(single, eq(v0, b));
                }
                let mut leads = _mm_setzero_si128();
                for &(lead, _, _) in self.chars {
                    leads = _mm_or_si128(leads, eq(v0, lead));
                }
                if _mm_movemask_epi8(_mm_or_si128(single, leads)) != 0 {
                    let (v1, v2) = (load(i + 1), load(i + 2));
                    let mut hits = single;
                    for &(lead, second, thirds) in self.chars {
                        let mut third = _mm_setzero_si128();
                        for &(lo, hi) in thirds {
                            third = _mm_or_si128(third, within(v2, lo, hi));
                        }
                        let head = _mm_and_si128(eq(v0, lead), eq(v1, second));
                        hits = _mm_or_si128(hits, _mm_and_si128(head, third));
                    }
                    let mask = _mm_movemask_epi8(hits) as u32;
                    if mask != 0 {
                        return i + mask.trailing_zeros() as usize;
                    }
                }
                i += 16;
            }
            i
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SAMPLE: Stops = Stops {
        up_to: Some(0x20),
        bytes: &[b'!', 0xc2],
        chars: &[
            (0xe3, 0x80, &[(0x80, 0x80), (0x8a, 0x91)]),
            (0xef, 0xbc, &[(0x81, 0x81)]),
        ],
    };

    #[test]
    fn the_named_characters_stop_and_their_neighbours_do_not() {
        let stops_in = |s: &str| SAMPLE.stops_at(s.as_bytes(), 0);
        for s in ["\u{3000}", "《", "】", "！", "!", " ", "\t", "\u{a0}"] {
            assert!(stops_in(s), "{s}");
        }
        for s in ["。", "、", "，", "“", "中", "a", "\u{3012}"] {
            assert!(!stops_in(s), "{s}");
        }
    }

    proptest! {
        #[test]
        fn blocks_find_what_one_by_one_finds(
            picks in proptest::collection::vec(0usize..12, 0..80),
            from_pick in 0usize..80,
        ) {
            let pieces = ["中", "国", "，", "。", "、", "\u{3000}", "《", "！", "!", " ", "a", "\u{a0}"];
            let text: String = picks.iter().map(|&p| pieces[p]).collect();
            let bytes = text.as_bytes();
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let from = starts[from_pick % starts.len()];
            prop_assert_eq!(SAMPLE.find(bytes, from), SAMPLE.find_one_by_one(bytes, from));
        }
    }
}
