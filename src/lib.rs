//! # jianbao (简报)
//!
//! Turns pages of Chinese news into briefings: clean articles from a raw
//! newspaper page, extractive summaries, keywords and a topic label.
//!
//! The data flows one way: a page is split into articles
//! ([`text::parse_page`]), an article is analysed once
//! ([`analysis::Analyzer`] → [`analysis::Document`]: sentences with spans,
//! terms), and every stage reads that document: [`summarize::Summarizer`],
//! [`keywords::KeywordExtractor`], [`classify::TopicModel`].
//! [`digest::Digest`] strings them together for a whole page.
//!
//! # Features
//!
//! | feature | gives | on by default |
//! |---|---|---|
//! | (none) | [`text`] (page layout, sentences), [`batch`], [`jsonl`], errors | always |
//! | `analysis` | [`analysis`]: jieba-rs segmentation, stop words, user dictionaries | yes |
//! | `summarize` | [`summarize`], [`rank`] | yes |
//! | `keywords` | [`keywords`] | yes |
//! | `topics` | [`classify`]: the shipped topic model, prediction | yes |
//! | `train` | training topic models with linfa | yes |
//! | `digest` | [`digest`]: the page briefing | yes |
//! | `eval` | [`eval`]: ROUGE, P@k, F1 on labelled sets | yes |
//! | `cli` | [`cli`]: the example programs' flags (clap) | yes |
//!
//! ```
//! use jianbao::analysis::Analyzer;
//! use jianbao::summarize::Summarizer;
//! use jianbao::text::parse_page;
//!
//! let page = "# 全市推进数字乡村建设\n\n本报讯(记者 叶青)昨天，全市数字乡村建设推进会召开。会议部署了\n\n下一步工作。\n";
//! let articles = parse_page(page);
//! assert_eq!(articles[0].title.as_deref(), Some("全市推进数字乡村建设"));
//! let doc = Analyzer::default().analyze_titled(articles[0].title.as_deref(), &articles[0].body);
//! assert_eq!(doc.sentences()[1].text, "会议部署了下一步工作。");
//! let summary = Summarizer::default().summarize(&doc);
//! assert!(summary.text().contains("数字乡村建设推进会"));
//! ```

#[cfg(feature = "analysis")]
pub mod analysis;
pub mod batch;
#[cfg(feature = "topics")]
pub mod classify;
#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "digest")]
pub mod digest;
pub mod error;
#[cfg(feature = "eval")]
pub mod eval;
pub mod jsonl;
#[cfg(feature = "keywords")]
pub mod keywords;
#[cfg(any(feature = "summarize", feature = "keywords"))]
pub mod rank;
mod span;
#[cfg(feature = "summarize")]
pub mod summarize;
pub mod text;
#[cfg(feature = "analysis")]
mod util;

pub use error::{Error, Result, check_writable, decode_utf8, open_file, read_text_file};
pub use span::Span;

/// The README's examples run as doc tests, so the front page never lies.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
