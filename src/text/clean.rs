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

/// Is `c` a letter, digit or Chinese character? The same answer as
/// `char::is_alphanumeric`, with the common cases (ASCII, Chinese) decided
/// before the slow Unicode table lookup.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_han(c) || (!c.is_ascii() && c.is_alphanumeric())
}

/// Collapses every run of whitespace (including the ideographic space and
/// no-break space) to one ASCII space, drops control and invisible
/// characters, and trims both ends.
pub(crate) fn squash_whitespace(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
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

/// Removes a single space that sits next to a wide (Chinese) character:
/// `市 委 书 记` becomes `市委书记`, while `GDP growth` keeps its space.
/// Expects input from [`squash_whitespace`].
pub(crate) fn drop_wide_spaces(line: &str) -> String {
    if !line.contains(' ') {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut before: Option<char> = None;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' {
            let after = chars.peek().copied();
            if before.is_some_and(is_wide) || after.is_some_and(is_wide) {
                before = Some(c);
                continue;
            }
        }
        out.push(c);
        before = Some(c);
    }
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

    #[test]
    fn squashes_and_trims_all_kinds_of_space() {
        assert_eq!(
            squash_whitespace("\u{3000}\u{3000}市委\t 书记\u{200b}\r"),
            "市委 书记"
        );
        assert_eq!(squash_whitespace("  \u{feff} "), "");
    }

    #[test]
    fn drops_spaces_only_beside_chinese() {
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
