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

pub use layout::{Article, Metadata, Paragraph, SectionHead, parse_page};
pub use lines::{Lines, lines};
pub use sentence::{Sentence, split_sentences};
