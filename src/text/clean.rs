//! Character-level clean-up of one line of a page.
//!
//! Pages arrive with indentation in full-width spaces, stray zero-width
//! characters, control codes and spaces the typesetter left between Chinese
//! characters. None of these carry meaning, and all of them break matching
//! and segmentation, so they go before anything else looks at the text.

/// Characters dropped outright: zero-width marks, soft hyphen, byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}'
    )
}

/// Is `c` a character of Chinese (or other full-width) typesetting, where a
/// neighbouring space is a layout artefact rather than a word boundary?
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{2e80}'..='\u{2fdf}'   // radicals
        | '\u{3000}'..='\u{303f}' // CJK punctuation
        | '\u{3040}'..='\u{30ff}' // kana
        | '\u{3400}'..='\u{4dbf}' // extension A
        | '\u{4e00}'..='\u{9fff}' // unified ideographs
        | '\u{f900}'..='\u{faff}' // compatibility ideographs
        | '\u{fe30}'..='\u{fe4f}' // compatibility forms
        | '\u{ff00}'..='\u{ffef}' // full-width forms
        | '\u{2018}'..='\u{201f}' // curly quotes
        | '\u{2026}' | '\u{2014}' | '\u{00b7}'
        | '\u{20000}'..='\u{2ffff}')
}

/// Is `c` a Chinese ideograph?
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2ffff}')
}

/// Is `c` a letter, digit or Chinese character? `char::is_alphanumeric`,
/// plus every code point of the Chinese blocks, with ASCII, Chinese and
/// the punctuation blocks decided before the slow Unicode table lookup.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if is_han(c) {
        return true;
    }
    // Chinese punctuation and general punctuation hold no letter or digit.
    if matches!(c,
        '\u{2000}'..='\u{206f}'
        | '\u{3000}'..='\u{3004}'
        | '\u{3008}'..='\u{3020}'
        | '\u{ff01}'..='\u{ff0f}'
        | '\u{ff1a}'..='\u{ff20}'
        | '\u{ff3b}'..='\u{ff40}'
        | '\u{ff5b}'..='\u{ff65}')
    {
        return false;
    }
    c.is_alphanumeric()
}

/// Bytes that can begin a space, control or invisible character: ASCII
/// controls and space, and the lead bytes of U+0080–U+00BF, U+1680,
/// U+2000–U+2FFF, U+3000 and U+FEFF. No continuation byte is among them,
/// so a flagged byte is always the start of a character.
const MAY_BE_DROPPED: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b <= 0x20 {
        t[b] = true;
        b += 1;
    }
    t[0x7f] = true;
    t[0xc2] = true;
    t[0xe1] = true;
    t[0xe2] = true;
    t[0xe3] = true;
    t[0xef] = true;
    t
};

/// Can the character at `bytes[i]` be a space, control or invisible
/// character? The lead byte decides for most; under the lead bytes shared
/// with common punctuation (`，` EF, `。` E3, `“` E2), the next bytes rule
/// the punctuation out without decoding: every such character of those
/// blocks is U+2000–U+207F, U+3000 or U+FEC0–U+FEFF.
#[inline]
fn may_be_dropped(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        0xe2 => matches!(bytes.get(i + 1), Some(0x80 | 0x81)),
        0xe3 => bytes.get(i + 1..i + 3) == Some(&[0x80, 0x80]),
        0xef => bytes.get(i + 1) == Some(&0xbb),
        b => MAY_BE_DROPPED[b as usize],
    }
}

/// Collapses every run of whitespace (including the ideographic space and
/// no-break space) to one ASCII space, drops control and invisible
/// characters, and trims both ends.
pub(crate) fn squash_whitespace(line: &str) -> String {
    let bytes = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    // Kept characters are copied in runs, not one by one.
    let mut run: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let dropped = if may_be_dropped(bytes, i) {
            line[i..]
                .chars()
                .next()
                .filter(|&c| c.is_whitespace() || c.is_control() || is_invisible(c))
        } else {
            None
        };
        match dropped {
            None => {
                if run.is_none() {
                    if pending_space && !out.is_empty() {
                        out.push(' ');
                    }
                    pending_space = false;
                    run = Some(i);
                }
                // Step over this character and every one after it that
                // cannot be dropped: to the next flagged lead byte, and on
                // past it when the bytes after it rule it out.
                i += utf8_width(bytes[i]);
                loop {
                    i = find_flagged(bytes, i, &MAY_BE_DROPPED);
                    if i == bytes.len() || may_be_dropped(bytes, i) {
                        break;
                    }
                    i += 1;
                }
            }
            Some(c) => {
                if let Some(start) = run.take() {
                    out.push_str(&line[start..i]);
                }
                pending_space |= c.is_whitespace();
                i += c.len_utf8();
            }
        }
    }
    if let Some(start) = run {
        out.push_str(&line[start..]);
    }
    out
}

/// The index of the first byte at or after `from` that `flagged` marks, or
/// `bytes.len()` if none is.
///
/// Bytes are tested eight at a time, each test independent of the last,
/// where stepping over whole characters would make every step wait for the
/// table lookup of the one before. Callers flag lead and ASCII bytes only,
/// never continuation bytes, so the byte found starts a character.
#[inline]
pub(crate) fn find_flagged(bytes: &[u8], from: usize, flagged: &[bool; 256]) -> usize {
    let mut i = from;
    while let Some(block) = bytes.get(i..i + 8) {
        // Bit k set when byte k of the block is flagged.
        let hits = block.iter().enumerate().fold(0u32, |hits, (k, &b)| {
            hits | (u32::from(flagged[b as usize]) << k)
        });
        if hits != 0 {
            return i + hits.trailing_zeros() as usize;
        }
        i += 8;
    }
    while i < bytes.len() && !flagged[bytes[i] as usize] {
        i += 1;
    }
    i
}

/// Length in bytes of the UTF-8 character that starts with `lead`.
#[inline]
pub(crate) const fn utf8_width(lead: u8) -> usize {
    match lead {
        0x00..=0xbf => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// Removes a single space that sits next to a wide (Chinese) character:
/// `市 委 书 记` becomes `市委书记`, while `GDP growth` keeps its space.
/// Expects input from [`squash_whitespace`] (single ASCII spaces).
pub(crate) fn drop_wide_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut copied = 0;
    for (i, _) in line.match_indices(' ') {
        let before = line[..i].chars().next_back();
        let after = line[i + 1..].chars().next();
        if before.is_some_and(is_wide) || after.is_some_and(is_wide) {
            out.push_str(&line[copied..i]);
            copied = i + 1;
        }
    }
    out.push_str(&line[copied..]);
    out
}

/// Punctuation that ends a sentence, full-width and half-width.
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '…' | '．')
}

/// Closing quotes and brackets that stay with the sentence they close.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '）' | ')' | '】' | '」' | '』' | '》' | '〕' | '"' | '\''
    )
}

/// Does this text end a sentence (terminal punctuation, possibly followed by
/// closing quotes or brackets)?
pub(crate) fn ends_sentence(text: &str) -> bool {
    text.chars()
        .rev()
        .find(|&c| !is_closer(c) && !c.is_whitespace())
        .is_some_and(is_terminal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// One character at a time, as first written.
    fn reference_squash(line: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        for c in line.chars() {
            if c.is_whitespace() {
                pending_space = true;
            } else if c.is_control() || is_invisible(c) {
                continue;
            } else {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn punctuation_shortcuts_change_no_answer() {
        // Alphanumeric, or in a Chinese block (unassigned points included).
        let reference = |c: char| c.is_alphanumeric() || is_han(c);
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), reference(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn find_flagged_finds_the_first_flagged_byte() {
        let mut flagged = [false; 256];
        flagged[b'x' as usize] = true;
        flagged[0xe3] = true;
        for len in 0..40 {
            for at in 0..=len {
                let mut bytes = vec![b'a'; len];
                if at < len {
                    bytes[at] = if at % 2 == 0 { b'x' } else { 0xe3 };
                }
                for from in 0..=len {
                    let want = if at < len && at >= from { at } else { len };
                    assert_eq!(
                        find_flagged(&bytes, from, &flagged),
                        want,
                        "{len} {at} {from}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_drop_shortcut_misses_no_droppable_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if c.is_whitespace() || c.is_control() || is_invisible(c) {
                let mut buf = [0; 4];
                let bytes = c.encode_utf8(&mut buf).as_bytes();
                assert!(may_be_dropped(bytes, 0), "U+{:04X}", c as u32);
            }
        }
    }

    proptest! {
        #[test]
        fn squash_agrees_with_the_reference(
            line in "[ \t\u{3000}\u{a0}\u{200b}\u{feff}\u{0}\u{85}\u{2028}\u{1680}市委a“”…。，é😀]{0,40}|\\PC{0,60}"
        ) {
            prop_assert_eq!(squash_whitespace(&line), reference_squash(&line));
        }
    }

    #[test]
    fn squashes_and_trims_all_kinds_of_space() {
        assert_eq!(
            squash_whitespace("\u{3000}\u{3000}市委\t 书记\u{200b}\r"),
            "市委 书记"
        );
        assert_eq!(squash_whitespace("  \u{feff} "), "");
    }

    #[test]
    fn squashing_keeps_text_between_dropped_characters() {
        assert_eq!(squash_whitespace("市委\u{0}书记"), "市委书记");
        assert_eq!(squash_whitespace("a\u{a0}\u{a0}b  c"), "a b c");
        assert_eq!(
            squash_whitespace("\u{feff}全市\u{3000}\u{3000}推进"),
            "全市 推进"
        );
        assert_eq!(squash_whitespace("没有空格。"), "没有空格。");
        assert_eq!(squash_whitespace("\u{200b}"), "");
    }

    #[test]
    fn drops_spaces_only_beside_chinese() {
        assert_eq!(drop_wide_spaces("市 委 书 记"), "市委书记");
        assert_eq!(drop_wide_spaces(" 开头和结尾 "), "开头和结尾");
        assert_eq!(drop_wide_spaces("a b"), "a b");
        assert_eq!(
            drop_wide_spaces("市委 书记 GDP growth 很快"),
            "市委书记GDP growth很快"
        );
    }

    #[test]
    fn sentence_ends_see_through_closing_quotes() {
        assert!(ends_sentence("他说：“我们一定行！”"));
        assert!(ends_sentence("完成了。）"));
        assert!(!ends_sentence("推动高质"));
        assert!(!ends_sentence("他说："));
    }
}
