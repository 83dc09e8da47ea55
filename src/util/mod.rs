//! Helpers that are not stages: word tables, word keys, sparse vectors.
//! Everything here is crate-private; the few types public items return
//! (rows of sparse vectors) are re-exported where those items live.

#[cfg(any(feature = "keywords", feature = "summarize"))]
pub(crate) mod linear;
pub(crate) mod sparse;
pub(crate) mod word_key;
pub(crate) mod wordmap;
