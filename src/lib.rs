//! # jianbao (简报)
//!
//! Turns pages of Chinese news into briefings: clean articles from a raw
//! newspaper page, extractive summaries, keywords and a topic label.
//!
//! ```
//! use jianbao::text::{parse_page, split_sentences};
//!
//! let page = "# 全市推进数字乡村建设\n\n本报讯(记者 叶青)昨天，全市数字乡村建设推进会召开。会议部署了\n\n下一步工作。\n";
//! let articles = parse_page(page);
//! assert_eq!(articles[0].title.as_deref(), Some("全市推进数字乡村建设"));
//! let sentences = split_sentences(&articles[0].body);
//! assert_eq!(sentences[1].text, "会议部署了下一步工作。");
//! ```

pub mod classify;
pub mod digest;
pub mod error;
pub mod eval;
pub mod jsonl;
pub mod keywords;
pub mod rank;
pub mod summarize;
pub mod text;
pub mod tokenize;
pub mod vectorize;
mod word_key;
mod wordmap;

pub use error::{Error, Result, decode_utf8, open_file, read_text_file};

/// The README's examples run as doc tests, so the front page never lies.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
