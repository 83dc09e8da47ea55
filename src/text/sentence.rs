//! Splitting cleaned text into sentences with byte spans.
//!
//! A sentence ends after `。！？；!?…` (runs such as `……` or `！？` count as
//! one end) together with any closing quotes and brackets that follow
//! (`”’）)】」』》`). A terminal mark inside an open quotation or bracket does
//! not end the sentence, so `他说：“要抓好落实。确保完成。”` stays whole;
//! this rule gives way once a quoted stretch grows past
//! [`MAX_QUOTED_CHARS`], so an unbalanced quote cannot swallow a paragraph.
//! Pieces with no letter, digit or Chinese character (a line of `……`) are
//! not sentences and are skipped. A short attribution after a closed quotation (`“……。”他说。`) stays
//! with the quotation. Sentences never cross a line break (paragraph end). Numbers such as `3.5`
//! and `235.18万` are never split, because `.` is not a sentence end.

use serde::Serialize;

use super::clean::{is_closer, is_full_stop, is_terminal};
use super::scan::Stops;
use crate::Span;

/// Quoted text longer than this (in characters) may be split at its own
/// sentence ends.
pub const MAX_QUOTED_CHARS: usize = 160;

/// A sentence this short (in characters) right after a closed quotation is
/// its attribution (`他说。`) and joins the quotation.
pub const MAX_ATTRIBUTION_CHARS: usize = 10;

/// One sentence of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sentence<'a> {
    /// The sentence, trimmed.
    pub text: &'a str,
    /// Position among the text's sentences, from 0.
    pub index: usize,
    /// Where it lies in the text.
    pub span: Span,
}

/// Splits `text` into sentences.
///
/// ```
/// use jianbao::text::sentence::split_sentences;
///
/// let text = "增长3.5%。他说：“要抓好落实。确保完成！”\n没有句号的段落";
/// let s = split_sentences(text);
/// assert_eq!(s.len(), 3);
/// assert_eq!(s[0].text, "增长3.5%。");
/// assert_eq!(s[1].text, "他说：“要抓好落实。确保完成！”");
/// assert_eq!(&text[s[2].span.range()], "没有句号的段落");
/// ```
pub fn split_sentences(text: &str) -> Vec<Sentence<'_>> {
    split_lines_with(text, split_line)
}

/// Sentences never cross a line break: `split_line(text, start, len, out)`
/// splits each line `text[start..start + len]` in turn.
fn split_lines_with<'a>(
    text: &'a str,
    split_line: impl Fn(&'a str, usize, usize, &mut Vec<Sentence<'a>>),
) -> Vec<Sentence<'a>> {
    let mut out = Vec::new();
    for (line_start, line) in super::lines(text) {
        split_line(text, line_start, line.len(), &mut out);
    }
    out
}

/// The characters the splitter acts on: terminals, an English `.`, and
/// opening or closing quotes and brackets. `“ ” ‘ ’` (U+2018–U+201D) and `…` (U+2026) under
/// E2 80; `。` (U+3002), `《》「」『』【】` (U+300A–U+3011) and `〔〕`
/// (U+3014–U+3015) under E3 80; `！ （ ） ． ； ？` under EF BC. The common
/// `，`, `、`, `：` and `—` share those lead bytes and are passed over.
const MARKS: Stops = Stops {
    up_to: None,
    bytes: b"!?;()\"'.",
    chars: &[
        (0xe2, 0x80, &[(0x98, 0x9d), (0xa6, 0xa6)]),
        (0xe3, 0x80, &[(0x82, 0x82), (0x8a, 0x91), (0x94, 0x95)]),
        (
            0xef,
            0xbc,
            &[
                (0x81, 0x81),
                (0x88, 0x89),
                (0x8e, 0x8e),
                (0x9b, 0x9b),
                (0x9f, 0x9f),
            ],
        ),
    ],
};

fn split_line<'a>(text: &'a str, base: usize, len: usize, out: &mut Vec<Sentence<'a>>) {
    let line = &text[base..base + len];
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut depth: usize = 0;
    // Where the outermost open quotation or bracket began.
    let mut quote_start = 0;
    // ASCII `"` seen so far: an odd count means the next one closes a quote.
    let mut ascii_quotes = 0usize;
    let mut i = 0;
    loop {
        i = MARKS.find(bytes, i);
        if i == bytes.len() {
            break;
        }
        // `i` is always the start of a character.
        let Some(c) = line[i..].chars().next() else {
            break;
        };
        let mut closes_quoted_end = false;
        if c == '"' {
            ascii_quotes += 1;
        }
        match c {
            '“' | '‘' | '（' | '(' | '【' | '「' | '『' | '《' | '〔' => {
                if depth == 0 {
                    quote_start = i;
                }
                depth += 1;
            }
            '”' | '’' | '）' | ')' | '】' | '」' | '』' | '》' | '〕' => {
                // `……第二。”` closes a quotation that ended a sentence.
                closes_quoted_end =
                    depth == 1 && line[..i].chars().next_back().is_some_and(is_terminal);
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        let ends = closes_quoted_end
            || (is_terminal(c)
                && (depth == 0
                    || line[quote_start..i + c.len_utf8()].chars().count() > MAX_QUOTED_CHARS))
            || (c == '.' && depth == 0 && is_full_stop(line, i));
        if !ends {
            i += c.len_utf8();
            continue;
        }
        let mut end = i + c.len_utf8();
        // Runs of terminals, then closers (only as many as are open, plus any
        // closers directly after the mark).
        while let Some(n) = line[end..].chars().next() {
            if is_terminal(n) {
                end += n.len_utf8();
            } else if is_closer(n) && (n != '"' || ascii_quotes % 2 == 1) {
                if n == '"' {
                    ascii_quotes += 1;
                }
                depth = depth.saturating_sub(1);
                end += n.len_utf8();
            } else {
                break;
            }
        }
        depth = 0;
        push(text, base, start, end, out);
        start = end;
        i = end;
    }
    push(text, base, start, len, out);
}

/// Does a short sentence say who spoke: `他说。`, `王大爷笑着表示。`?
fn is_attribution(sentence: &str) -> bool {
    let core = sentence.trim_end_matches(|c: char| is_terminal(c) || is_closer(c));
    [
        "说", "表示", "道", "称", "介绍", "指出", "强调", "坦言", "感慨",
    ]
    .iter()
    .any(|v| core.ends_with(v))
}

fn push<'a>(text: &'a str, base: usize, start: usize, end: usize, out: &mut Vec<Sentence<'a>>) {
    let piece = &text[base + start..base + end];
    let trimmed = piece.trim();
    // A piece with no letter, digit or character (`……`, `！！`) says nothing.
    if !trimmed.chars().any(super::clean::is_word_char) {
        return;
    }
    let lead = piece.len() - piece.trim_start().len();
    let s = base + start + lead;
    // `“……。”他说。` is one sentence: a short attribution after a closed
    // quotation joins it rather than standing alone as a fragment.
    if let Some(prev) = out.last_mut()
        && prev.span.start >= base
        && prev.text.ends_with(['”', '」', '’'])
        && trimmed.chars().count() <= MAX_ATTRIBUTION_CHARS
        && !trimmed.contains(['，', ',', '“'])
        && is_attribution(trimmed)
    {
        prev.span.end = s + trimmed.len();
        prev.text = &text[prev.span.range()];
        return;
    }
    out.push(Sentence {
        text: trimmed,
        index: out.len(),
        span: Span::new(s, s + trimmed.len()),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The splitter as first written, one decoded character at a time: the
    /// byte-scanning version must agree with it on every input.
    fn reference_split_line<'a>(
        text: &'a str,
        base: usize,
        len: usize,
        out: &mut Vec<Sentence<'a>>,
    ) {
        let line = &text[base..base + len];
        let mut start = 0;
        let mut depth: usize = 0;
        let mut quoted_chars = 0;
        let mut iter = line.char_indices().peekable();
        let mut prev = ' ';
        let mut ascii_quotes = 0usize;
        while let Some((i, c)) = iter.next() {
            let mut closes_quoted_end = false;
            if c == '"' {
                ascii_quotes += 1;
            }
            match c {
                '“' | '‘' | '（' | '(' | '【' | '「' | '『' | '《' | '〔' => depth += 1,
                '”' | '’' | '）' | ')' | '】' | '」' | '』' | '》' | '〕' => {
                    closes_quoted_end = depth == 1 && is_terminal(prev);
                    depth = depth.saturating_sub(1);
                }
                _ => {}
            }
            prev = c;
            if depth > 0 {
                quoted_chars += 1;
            } else {
                quoted_chars = 0;
            }
            let ends = closes_quoted_end
                || (is_terminal(c) && (depth == 0 || quoted_chars > MAX_QUOTED_CHARS))
                || (c == '.' && depth == 0 && is_full_stop(line, i));
            if !ends {
                continue;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = iter.peek() {
                if is_terminal(n) {
                    end = j + n.len_utf8();
                    iter.next();
                } else if is_closer(n) && (n != '"' || ascii_quotes % 2 == 1) {
                    if n == '"' {
                        ascii_quotes += 1;
                    }
                    depth = depth.saturating_sub(1);
                    end = j + n.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            depth = 0;
            quoted_chars = 0;
            push(text, base, start, end, out);
            start = end;
        }
        push(text, base, start, len, out);
    }

    fn reference_split(text: &str) -> Vec<Sentence<'_>> {
        split_lines_with(text, reference_split_line)
    }

    proptest! {
        #[test]
        fn byte_scan_agrees_with_the_reference(
            pieces in proptest::collection::vec(
                prop_oneof![
                    Just("。"), Just("！"), Just("？"), Just("；"), Just("…"), Just("．"),
                    Just("“"), Just("”"), Just("‘"), Just("’"), Just("（"), Just("）"),
                    Just("《"), Just("》"), Just("【"), Just("】"), Just("「"), Just("」"),
                    Just("\""), Just("'"), Just("("), Just(")"), Just("!"), Just("?"),
                    Just(";"), Just("\n"), Just(" "), Just("他说"), Just("全市推进"),
                    Just("3.5"), Just("—"), Just("，"), Just("·"), Just("é"), Just("😀"),
                ],
                0..80,
            ),
            long_quote in 0usize..3,
        ) {
            let mut text: String = pieces.concat();
            if long_quote == 1 {
                text = format!("“{}。{}", "长".repeat(MAX_QUOTED_CHARS), text);
            }
            prop_assert_eq!(split_sentences(&text), reference_split(&text));
        }

        #[test]
        fn byte_scan_agrees_on_any_text(text in "\\PC{0,200}") {
            prop_assert_eq!(split_sentences(&text), reference_split(&text));
        }
    }

    fn texts(t: &str) -> Vec<&str> {
        split_sentences(t).iter().map(|s| s.text).collect()
    }

    #[test]
    fn splits_on_full_and_half_width_ends() {
        assert_eq!(
            texts("一。二！三？四；五!六?七"),
            vec!["一。", "二！", "三？", "四；", "五!", "六?", "七"]
        );
    }

    #[test]
    fn keeps_numbers_whole() {
        assert_eq!(
            texts("增长3.5个百分点，达235.18万人。"),
            vec!["增长3.5个百分点，达235.18万人。"]
        );
    }

    #[test]
    fn ellipsis_runs_are_one_end() {
        assert_eq!(texts("还有很多……下一句。"), vec!["还有很多……", "下一句。"]);
    }

    #[test]
    fn closing_quotes_and_brackets_stay() {
        assert_eq!(texts("“好！”他说。（完）"), vec!["“好！”他说。", "（完）"]);
        assert_eq!(
            texts("“要干。”他说，“一定干好。”"),
            vec!["“要干。”", "他说，“一定干好。”"]
        );
        assert_eq!(
            texts("他说：“第一。第二。”然后走了。"),
            vec!["他说：“第一。第二。”", "然后走了。"]
        );
    }

    #[test]
    fn punctuation_alone_is_no_sentence() {
        assert!(split_sentences("。！？……\n，，").is_empty());
        assert_eq!(texts("好。。。\n……\n坏！"), vec!["好。。。", "坏！"]);
    }

    #[test]
    fn unbalanced_quote_gives_way() {
        let long = format!("“{}。后面。", "长".repeat(MAX_QUOTED_CHARS + 5));
        assert_eq!(split_sentences(&long).len(), 2);
    }

    #[test]
    fn spans_and_indices() {
        let t = "  第一句。 第二句！\n\n第三句";
        let s = split_sentences(t);
        assert_eq!(s.len(), 3);
        for (i, x) in s.iter().enumerate() {
            assert_eq!(x.index, i);
            assert_eq!(&t[x.span.range()], x.text);
        }
    }
}
