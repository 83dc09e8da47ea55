//! Character-level clean-up of one line of a page.
//!
//! Pages arrive with indentation in full-width spaces, stray zero-width
//! characters, control codes and spaces the typesetter left between Chinese
//! characters. None of these carry meaning, and all of them break matching
//! and segmentation, so they go before anything else looks at the text.

use super::scan::Stops;

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

/// Where a space, control or invisible character may begin: ASCII controls
/// and space, and U+0080–U+00BF, U+1000–U+1FFF (for U+1680), U+2000–U+207F,
/// U+3000 and U+FEC0–U+FEFF. The common punctuation that shares their lead
/// bytes (`，` EF BC, `。` E3 80 82, `“` E2 80 9C) is ruled out by the bytes
/// after the lead, except `“”—…` under E2 80, which the caller's own test
/// turns away.
pub(crate) const MAY_BE_DROPPED: Stops = Stops {
    up_to: Some(0x20),
    bytes: &[0x7f, 0xc2, 0xe1],
    chars: &[
        (0xe2, 0x80, &[(0x80, 0xbf)]),
        (0xe2, 0x81, &[(0x80, 0xbf)]),
        (0xe3, 0x80, &[(0x80, 0x80)]),
        (0xef, 0xbb, &[(0x80, 0xbf)]),
    ],
};

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
        let dropped = if MAY_BE_DROPPED.stops_at(bytes, i) {
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
                // cannot be dropped: to the next that may be.
                i = MAY_BE_DROPPED.find(bytes, i + utf8_width(bytes[i]));
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
    fn the_drop_shortcut_misses_no_droppable_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if c.is_whitespace() || c.is_control() || is_invisible(c) {
                let mut buf = [0; 4];
                let bytes = c.encode_utf8(&mut buf).as_bytes();
                assert!(MAY_BE_DROPPED.stops_at(bytes, 0), "U+{:04X}", c as u32);
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
