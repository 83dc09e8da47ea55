//! Text preparation: page layout, line clean-up and sentence splitting.
//!
//! Pure string work with no segmentation: a page goes in, articles with
//! clean bodies come out ([`layout`]), and each body is cut into sentences
//! with byte spans ([`sentence`]).

pub(crate) mod clean;
pub mod layout;
mod lines;
mod meta;
mod scan;
pub mod sentence;

pub use clean::strip_markup;
pub use layout::{Article, Metadata, Paragraph, SectionHead, parse_page};
pub use lines::{Lines, lines};
pub use sentence::{Sentence, split_sentences};

/// The character every occurrence of `word` in `text` has on its left, and
/// the one every occurrence has on its right, when that character is a
/// Chinese ideograph (U+4E00–U+9FFF) and `word` occurs at least twice:
/// `word` then only ever stands inside one longer string (`口村` inside
/// `石桥口村`). `(None, None)` for a word that stands on its own.
///
/// ```
/// use jianbao::text::stable_neighbours;
/// assert_eq!(stable_neighbours("口村", "石桥口村的村民。石桥口村很美。"), (Some('桥'), None));
/// assert_eq!(stable_neighbours("村民", "石桥口村的村民。村民很忙。"), (None, None));
/// ```
pub fn stable_neighbours(word: &str, text: &str) -> (Option<char>, Option<char>) {
    if word.is_empty() {
        return (None, None);
    }
    // memchr's substring search finds what `match_indices` finds (a word
    // of a valid string only ever matches at character boundaries), several
    // times faster; the walk stops once neither side can be stable.
    let han = |c: &char| ('\u{4e00}'..='\u{9fff}').contains(c);
    let left_of = |i: usize| text[..i].chars().next_back();
    let right_of = |i: usize| text[i + word.len()..].chars().next();
    let mut starts = memchr::memmem::find_iter(text.as_bytes(), word.as_bytes());
    let Some(first) = starts.next() else {
        return (None, None);
    };
    let (mut left, mut right) = (left_of(first).filter(han), right_of(first).filter(han));
    let mut seen = 1;
    for i in starts {
        seen += 1;
        if left.is_some() && left_of(i) != left {
            left = None;
        }
        if right.is_some() && right_of(i) != right {
            right = None;
        }
        if left.is_none() && right.is_none() {
            return (None, None);
        }
    }
    if seen < 2 {
        return (None, None);
    }
    (left, right)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// As first written: every occurrence by `match_indices`, then each side.
    fn reference(word: &str, text: &str) -> (Option<char>, Option<char>) {
        let starts: Vec<usize> = text.match_indices(word).map(|(i, _)| i).collect();
        if word.is_empty() || starts.len() < 2 {
            return (None, None);
        }
        let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        let same = |side: Vec<Option<char>>| {
            let first = side[0].filter(|&c| han(c))?;
            side.iter().all(|&c| c == Some(first)).then_some(first)
        };
        let left = same(
            starts
                .iter()
                .map(|&i| text[..i].chars().next_back())
                .collect(),
        );
        let right = same(
            starts
                .iter()
                .map(|&i| text[i + word.len()..].chars().next())
                .collect(),
        );
        (left, right)
    }

    proptest! {
        #[test]
        fn neighbours_agree_with_the_reference(
            text in proptest::collection::vec(
                prop_oneof![Just("石"), Just("桥"), Just("口"), Just("村"), Just("a"), Just("。")],
                0..40,
            ),
            word in proptest::collection::vec(
                prop_oneof![Just("桥"), Just("口"), Just("村"), Just("a")],
                1..3,
            ),
        ) {
            let (text, word) = (text.concat(), word.concat());
            prop_assert_eq!(stable_neighbours(&word, &text), reference(&word, &text));
        }
    }
}
