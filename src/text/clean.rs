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

/// Is `c` full-width or CJK punctuation (`，。、：；“”《》（）——…` and the
/// like)? The middle dot of a transliterated name (`·`) is not.
pub(crate) fn is_wide_punctuation(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301f}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}' | '\u{ff3b}'..='\u{ff40}'
        | '\u{ff5b}'..='\u{ff65}'
        | '\u{2018}'..='\u{201f}' | '\u{2026}' | '\u{2014}')
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

/// Removes HTML from a line: tags (`<p>`, `</b>`, `<br/>`, `<!-- -->`)
/// and the character references pages leave in (`&nbsp;`, `&amp;`,
/// `&#8220;`, `&#x201C;`), which become their characters. Returns the line
/// and how many tags and references went. A `<` that opens no tag (`a < b`)
/// and an unknown `&name;` stay.
///
/// ```
/// let (line, n) = jianbao::text::strip_markup("<p>医院&nbsp;今天<b>启用</b>。</p>");
/// assert_eq!((line.as_ref(), n), ("医院 今天启用。", 5));
/// ```
pub fn strip_markup(line: &str) -> (std::borrow::Cow<'_, str>, usize) {
    if memchr::memchr2(b'<', b'&', line.as_bytes()).is_none() {
        return (std::borrow::Cow::Borrowed(line), 0);
    }
    let mut out = String::with_capacity(line.len());
    let mut removed = 0;
    let mut rest = line;
    while let Some(at) = memchr::memchr2(b'<', b'&', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let taken = if tail.starts_with('<') {
            tag_len(tail).map(|n| (n, None))
        } else {
            reference(tail).map(|(n, c)| (n, Some(c)))
        };
        match taken {
            Some((n, c)) => {
                out.extend(c);
                removed += 1;
                rest = &tail[n..];
            }
            None => {
                out.push(tail.as_bytes()[0] as char);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    (std::borrow::Cow::Owned(out), removed)
}

/// The length of the HTML tag at the start of `s`: `<`, an optional `/`
/// or `!`, a letter (or `--` of a comment), then anything but `<` up to
/// `>`, 256 bytes at most.
fn tag_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let first = *b.get(1)?;
    let second = b.get(2).copied().unwrap_or(0);
    let opens = first.is_ascii_alphabetic()
        || (matches!(first, b'/' | b'!') && (second.is_ascii_alphabetic() || second == b'-'));
    if !opens {
        return None;
    }
    let window = &b[1..b.len().min(256)];
    let close = window.iter().position(|&c| c == b'>' || c == b'<')?;
    (window[close] == b'>').then_some(close + 2)
}

/// The character reference at the start of `s` (`&amp;`, `&#20013;`,
/// `&#x4E2D;`), as its length and character.
fn reference(s: &str) -> Option<(usize, char)> {
    let end = s.as_bytes().iter().take(12).position(|&c| c == b';')?;
    let name = &s[1..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        match name {
            "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "ldquo" => '“',
            "rdquo" => '”',
            "lsquo" => '‘',
            "rsquo" => '’',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "middot" => '·',
            _ => return None,
        }
    };
    Some((end + 1, c))
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
/// closing quotes or brackets; or an English full stop)?
pub(crate) fn ends_sentence(text: &str) -> bool {
    let core = text.trim_end_matches(|c: char| is_closer(c) || c.is_whitespace());
    core.chars().next_back().is_some_and(is_terminal)
        || (core.ends_with('.') && is_full_stop(core, core.len() - 1))
}

/// Words an English `.` follows without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "No", "vs", "etc", "e", "i", "Inc", "Ltd",
    "Co", "Corp", "Gov", "Gen", "Sen", "Rep", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Does the `.` at byte `i` of `line` end an English sentence? It must
/// follow a word, a number, a closing bracket or quote (or another `.`),
/// not an abbreviation or a single capital (an initial), and come at the
/// end of the line or before a space and then a capital letter, a Chinese
/// character or an opening quote. So `3.5`, `www.example.com`, `Mr. Li`
/// and `J. K.` never end one.
pub(crate) fn is_full_stop(line: &str, i: usize) -> bool {
    let (before, after) = (&line[..i], &line[i + 1..]);
    let Some(prev) = before.chars().next_back() else {
        return false;
    };
    if !(prev.is_ascii_alphanumeric() || matches!(prev, ')' | '"' | '\'' | '.')) {
        return false;
    }
    let word = before
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let initial = word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase());
    if initial || ABBREVIATIONS.contains(&word) {
        return false;
    }
    match after.chars().next() {
        None => true,
        Some(c) if c.is_whitespace() => after.trim_start().chars().next().is_none_or(|n| {
            n.is_ascii_uppercase() || is_han(n) || matches!(n, '"' | '“' | '(' | '（' | '\'')
        }),
        _ => false,
    }
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
        assert!(ends_sentence("The clinic opened today."));
        assert!(!ends_sentence("He met Mr."));
    }

    #[test]
    fn markup_goes_and_text_stays() {
        let strip = |s: &str| {
            let (line, n) = strip_markup(s);
            (line.into_owned(), n)
        };
        assert_eq!(strip("纯文本。"), ("纯文本。".to_string(), 0));
        assert_eq!(strip("<br/>甲<!-- 注 -->乙"), ("甲乙".to_string(), 2));
        assert_eq!(
            strip("a < b &c; &#x4E2D;&#25991;"),
            ("a < b &c; 中文".to_string(), 2)
        );
        assert_eq!(strip("<<p>>"), ("<>".to_string(), 1));
        assert_eq!(strip("&#xFFFFFFFF; &"), ("&#xFFFFFFFF; &".to_string(), 0));
    }

    #[test]
    fn english_full_stops() {
        let stop = |s: &str| {
            s.char_indices()
                .filter(|&(i, c)| c == '.' && is_full_stop(s, i))
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        };
        assert_eq!(stop("It opened. Then it grew."), [9, 23]);
        assert_eq!(stop("It grew 3.5 percent. 这是中文"), [19]);
        assert!(stop("Visit www.example.com today").is_empty());
        assert!(stop("Mr. Li and J. K. Rowling met").is_empty());
        assert!(stop("the end.Next").is_empty());
        assert_eq!(stop("Wait... Then"), [6]);
    }
}
