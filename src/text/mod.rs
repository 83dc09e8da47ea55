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
    // memchr's substring search, as `match_indices` but several times
    // faster (a word of a valid string only ever matches at character
    // boundaries).
    let starts: Vec<usize> = memchr::memmem::find_iter(text.as_bytes(), word.as_bytes()).collect();
    if starts.len() < 2 {
        return (None, None);
    }
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let same = |mut side: Box<dyn Iterator<Item = Option<char>> + '_>| {
        let first = side.next().flatten().filter(|&c| han(c))?;
        side.all(|c| c == Some(first)).then_some(first)
    };
    let left = same(Box::new(
        starts.iter().map(|&i| text[..i].chars().next_back()),
    ));
    let right = same(Box::new(
        starts
            .iter()
            .map(|&i| text[i + word.len()..].chars().next()),
    ));
    (left, right)
}
