//! Byte spans: where a piece of a result lies in the text it came from.

use serde::Serialize;

/// A byte range `start..end` of a text: every sentence, word, paragraph
/// and summary sentence says where it lies in the text it was taken from,
/// so `&text[span.range()]` is that piece.
///
/// ```
/// use jianbao::Span;
/// let text = "全市推动高质量发展。";
/// let span = Span::new(6, 12);
/// assert_eq!(&text[span.range()], "推动");
/// assert_eq!(span.len(), 6);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The span as a range, for slicing.
    pub const fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Its length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// Is it empty?
    pub const fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// The same span moved `by` bytes later.
    pub const fn shifted(&self, by: usize) -> Self {
        Span::new(self.start + by, self.end + by)
    }

    /// Does it hold `offset`?
    pub const fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}
