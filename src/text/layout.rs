//! From a whole newspaper page to clean articles.
//!
//! A page holds several articles, each under markdown-style headings: `#` is a
//! headline, `##` a kicker (above a headline) or sub-headline (below it) or
//! the title of a short item, `###` a third headline line or a section head.
//! The body comes broken into lines by the page layout, often mid-sentence
//! and even mid-word, with blank lines between the pieces; bylines, photo
//! credits and continuation markers are mixed in.
//!
//! [`parse_page`] rebuilds the articles: headings attached to the right
//! article, metadata set aside, and broken lines joined into paragraphs. It
//! is pure string work and never fails: every input gives zero or more
//! articles.

use serde::Serialize;

use super::clean::{drop_wide_spaces, ends_sentence, squash_whitespace};
use super::meta;
use crate::Span;

/// One article of a page, cleaned and ready for sentence splitting.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Article {
    /// The headline (`#`), or the title of a short item (`##` after body text).
    pub title: Option<String>,
    /// The kicker (引题): a `##` line directly above the headline.
    pub kicker: Option<String>,
    /// Sub-headlines: `##`/`###` lines or `——` lines right after the headline.
    pub subtitles: Vec<String>,
    /// Section heads (`###` inside the body), each with the span of its
    /// section in [`body`](Article::body).
    pub sections: Vec<SectionHead>,
    /// Bylines, photo credits and continuation markers.
    pub metadata: Metadata,
    /// The cleaned body: paragraphs joined by `\n`, layout breaks repaired.
    pub body: String,
    /// The paragraphs of [`body`](Article::body), with where they came from.
    pub paragraphs: Vec<Paragraph>,
    /// Byte span of the whole article in the page it came from.
    pub source: Span,
    /// HTML tags and character references removed from its lines (see
    /// [`strip_markup`](crate::text::strip_markup)): a page that has many
    /// was probably not meant to be read as text.
    pub markup_removed: usize,
}

/// A section head inside an article body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionHead {
    /// The heading text.
    pub text: String,
    /// The section's span in the article body: from where it starts to
    /// where the next section starts (or the body ends).
    pub span: Span,
}

/// What a page says about an article rather than in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Metadata {
    /// Bylines and datelines: `本报讯(记者 叶某)`, `本报记者 某某 通讯员 某某`.
    pub bylines: Vec<String>,
    /// Photo credits: `本报记者 某某 摄`.
    pub credits: Vec<String>,
    /// Photo captions: the text of a line that ends in a credit. In an item
    /// with no other text (a photo item) the caption is the body as well.
    pub captions: Vec<String>,
    /// Continuation markers: `(下转第七版)`.
    pub continuations: Vec<String>,
}

/// One paragraph of an article body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    /// Byte span of the paragraph in the article body.
    pub span: Span,
    /// Byte spans, in the page, of the lines it was joined from.
    pub source: Vec<Span>,
}

impl Article {
    /// The headline, or an empty string for an untitled article.
    pub fn title_or_empty(&self) -> &str {
        self.title.as_deref().unwrap_or("")
    }

    /// The sub-headlines joined by a space, if there are any.
    pub fn subtitle(&self) -> Option<String> {
        (!self.subtitles.is_empty()).then(|| self.subtitles.join(" "))
    }

    /// The headline and sub-headlines, one per line (empty when there are
    /// none): what the summary's headline prior and the topic model read.
    ///
    /// ```
    /// let a = &jianbao::text::parse_page("# 主题\n## 副题\n正文。")[0];
    /// assert_eq!(a.headline(), "主题\n副题");
    /// ```
    pub fn headline(&self) -> String {
        let parts: Vec<&str> = self
            .title
            .iter()
            .chain(&self.subtitles)
            .map(String::as_str)
            .collect();
        parts.join("\n")
    }

    /// Does the article have neither a headline nor body text?
    pub fn is_empty(&self) -> bool {
        self.title.is_none() && self.body.is_empty()
    }

    fn has_body(&self) -> bool {
        !self.body.is_empty()
    }
}

/// Splits a newspaper page into articles.
///
/// Empty or whitespace-only text gives no articles; text without headings
/// gives one untitled article.
///
/// ```
/// use jianbao::text::layout::parse_page;
///
/// let page = "## 引题在上\n\n# 主标题\n\n本报讯(记者 叶青)全市推动高质\n\n量发展。\n";
/// let articles = parse_page(page);
/// assert_eq!(articles.len(), 1);
/// assert_eq!(articles[0].kicker.as_deref(), Some("引题在上"));
/// assert_eq!(articles[0].title.as_deref(), Some("主标题"));
/// assert_eq!(articles[0].body, "全市推动高质量发展。");
/// assert_eq!(articles[0].metadata.bylines, vec!["本报讯(记者 叶青)"]);
/// ```
pub fn parse_page(page: &str) -> Vec<Article> {
    let lines = classify_lines(page);
    let mut builder = PageBuilder::default();
    for (i, line) in lines.iter().enumerate() {
        match &line.kind {
            LineKind::Blank => {}
            LineKind::Heading { level, text } => {
                let next_is_headline = lines[i + 1..]
                    .iter()
                    .find(|l| !matches!(l.kind, LineKind::Blank))
                    .is_some_and(|l| matches!(l.kind, LineKind::Heading { level: 1, .. }));
                builder.heading(*level, text, line.span, next_is_headline);
            }
            LineKind::Text(text) => {
                // The text line after this one (the width it shows is
                // evidence for this line's paragraph too).
                let after = match lines[i + 1..]
                    .iter()
                    .find(|l| !matches!(l.kind, LineKind::Blank))
                {
                    Some(Line {
                        kind: LineKind::Text(after),
                        ..
                    }) => Some(after.as_str()),
                    _ => None,
                };
                builder.text(text, line.span, after)
            }
        }
        builder.current.markup_removed += line.markup;
    }
    builder.finish()
}

/// Reads a text that should be one article (a body handed over on its own,
/// perhaps with layout breaks, a byline or headings) and merges whatever
/// the page parser finds into one article: the first headline, every body
/// joined, all metadata.
///
/// ```
/// use jianbao::text::layout::parse_article;
/// let a = parse_article("本报讯(记者 叶青)全市推动高质\n\n量发展。");
/// assert_eq!(a.body, "全市推动高质量发展。");
/// assert_eq!(a.metadata.bylines.len(), 1);
/// ```
pub fn parse_article(text: &str) -> Article {
    let mut pieces = parse_page(text).into_iter();
    let Some(mut article) = pieces.next() else {
        return Article::default();
    };
    for next in pieces {
        let shift = if article.body.is_empty() {
            0
        } else {
            article.body.len() + 1
        };
        if !next.body.is_empty() {
            if !article.body.is_empty() {
                article.body.push('\n');
            }
            article.body.push_str(&next.body);
        }
        article
            .paragraphs
            .extend(next.paragraphs.into_iter().map(|mut p| {
                p.span = p.span.shifted(shift);
                p
            }));
        article
            .sections
            .extend(next.title.into_iter().map(|text| SectionHead {
                text,
                span: Span::new(shift.min(article.body.len()), 0),
            }));
        article.metadata.bylines.extend(next.metadata.bylines);
        article.metadata.credits.extend(next.metadata.credits);
        article.metadata.captions.extend(next.metadata.captions);
        article
            .metadata
            .continuations
            .extend(next.metadata.continuations);
        article.source.end = article.source.end.max(next.source.end);
    }
    close_sections(&mut article);
    article
}

/// A line of the page, classified.
struct Line {
    kind: LineKind,
    /// Byte span of the trimmed line in the page.
    span: Span,
    /// HTML tags and references removed from it.
    markup: usize,
}

enum LineKind {
    Blank,
    Heading { level: usize, text: String },
    Text(String),
}

/// Longest line, in characters, that a setext underline (`===`, `---`)
/// makes a heading of.
const MAX_SETEXT_HEADING_CHARS: usize = 40;

fn classify_lines(page: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for (start, raw) in super::lines(page) {
        let (unmarked, markup) = super::clean::strip_markup(raw);
        let text = squash_whitespace(strip_quote_markers(&unmarked));
        let lead = raw.len() - raw.trim_start().len();
        let span = Span::new(start + lead, start + raw.trim_end().len().max(lead));
        if text.is_empty() {
            out.push(Line {
                kind: LineKind::Blank,
                span,
                markup,
            });
            continue;
        }
        if let Some(level) = setext_level(&text) {
            // An underline makes the short line right above it a heading;
            // under anything else it is a rule, and no text.
            if let Some(Line {
                kind: kind @ LineKind::Text(_),
                ..
            }) = out.last_mut()
                && let LineKind::Text(above) = kind
                && above.chars().count() <= MAX_SETEXT_HEADING_CHARS
                && !ends_sentence(above)
            {
                let text = std::mem::take(above);
                *kind = LineKind::Heading { level, text };
            }
            out.push(Line {
                kind: LineKind::Blank,
                span,
                markup,
            });
            continue;
        }
        let level = text.chars().take_while(|&c| c == '#' || c == '＃').count();
        let kind = if level > 0 && !is_hashtag(&text) {
            let rest: String = text.chars().skip(level).collect();
            // Spaces in headlines separate phrases (`深化协作 共建走廊`): keep them.
            let heading = rest.trim().to_string();
            if heading.is_empty() {
                LineKind::Blank
            } else {
                LineKind::Heading {
                    level,
                    text: heading,
                }
            }
        } else {
            LineKind::Text(text)
        };
        out.push(Line { kind, span, markup });
    }
    out
}

/// Drops the `>` (or `＞`) markers that quote a line in e-mail and
/// Markdown, with the spaces after them.
fn strip_quote_markers(line: &str) -> &str {
    let mut rest = line.trim_start();
    while let Some(after) = rest.strip_prefix(['>', '＞']) {
        rest = after.trim_start();
    }
    rest
}

/// The heading level a setext underline gives: 1 for `===`, 2 for `---`
/// (three or more of one character, nothing else).
fn setext_level(line: &str) -> Option<usize> {
    let mut chars = line.chars();
    let first = chars.next()?;
    let level = match first {
        '=' | '＝' => 1,
        '-' => 2,
        _ => return None,
    };
    (line.chars().count() >= 3 && line.chars().all(|c| c == first)).then_some(level)
}

/// Is a line that starts with `#` a hashtag (`#话题# 今天……`, `#春节#`),
/// that is text, rather than a heading? A heading's marks are followed by
/// its text; a hashtag's first mark is closed by another `#` soon after.
fn is_hashtag(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(mark) = chars.next() else {
        return false;
    };
    let tag: String = chars.by_ref().take_while(|&c| c != mark).take(32).collect();
    !tag.is_empty()
        && !tag.starts_with(|c: char| c.is_whitespace() || c == '#' || c == '＃')
        && line[mark.len_utf8() + tag.len()..].starts_with(mark)
}

/// Accumulates articles as the lines of a page go by.
#[derive(Default)]
struct PageBuilder {
    done: Vec<Article>,
    current: Article,
    /// A paragraph still open because its last line did not end a sentence.
    open: Option<OpenParagraph>,
    /// Captions of the current article, in case it turns out to be a photo item.
    captions: Vec<OpenParagraph>,
    /// Characters of the last line of the current article that ended a
    /// paragraph (0 before the first): no line the layout broke is much
    /// shorter than it (see [`PageBuilder::stands_alone`]).
    last_full_line_chars: usize,
}

struct OpenParagraph {
    text: String,
    source: Vec<Span>,
    /// Could it still be a heading split over short lines: it began a
    /// paragraph and every line so far was short and had no punctuation?
    heading_like: bool,
    /// Characters of its last line.
    last_chars: usize,
}

/// Most characters of a heading split over lines inside a body (a section
/// head set in large type, one phrase per line).
const MAX_INLINE_HEADING_CHARS: usize = 24;

/// Fewest characters of a line that, at least twice as long as the
/// unfinished line above it, shows that line not to be broken by the
/// layout but to end there (a heading or a lead-in).
const MIN_LONGER_LINE_CHARS: usize = 40;

/// Most characters of a one-line heading inside a body that has commas in
/// it (`引入人工智能，关注薄弱环节`), told by the far longer line below it.
const MAX_PUNCTUATED_HEADING_CHARS: usize = 32;

/// Most characters of a line that stands alone as a label (`核心阅读`,
/// `记者手记`, `议发展`) whatever follows: no layout breaks its lines
/// this short.
const MAX_LABEL_CHARS: usize = 4;

/// Marks a line stops at mid-sentence, never at the end of a heading.
const CONTINUING_MARKS: &[char] = &['，', '、', '：', '；', '—', ',', ':', ';'];

/// Does a line have the shape of a line of a heading: short, and with no
/// punctuation at all (a line of running text broken by the layout has a
/// comma or a stop sooner or later)?
fn heading_shaped(line: &str) -> bool {
    line.chars().count() <= MAX_INLINE_HEADING_CHARS
        && line
            .chars()
            .all(|c| !(c.is_ascii_punctuation() || super::clean::is_wide_punctuation(c)))
}

impl PageBuilder {
    fn heading(&mut self, level: usize, text: &str, span: Span, next_is_headline: bool) {
        self.close_paragraph();
        let cur = &self.current;
        let untouched = !cur.has_body() && cur.metadata == Metadata::default();
        match level {
            1 if cur.title.is_none() && untouched && cur.kicker.is_some() => {
                self.current.title = Some(text.to_string());
            }
            1 => self.start_article(|a| a.title = Some(text.to_string()), span),
            2 if next_is_headline => {
                self.start_article(|a| a.kicker = Some(text.to_string()), span)
            }
            _ if cur.title.is_some() && !cur.has_body() => {
                self.current.subtitles.push(text.to_string())
            }
            2 => self.start_article(|a| a.title = Some(text.to_string()), span),
            _ if cur.has_body() => self.section_head(text.to_string()),
            _ => self.start_article(|a| a.title = Some(text.to_string()), span),
        }
        self.extend_source(span);
    }

    fn start_article(&mut self, init: impl FnOnce(&mut Article), span: Span) {
        self.settle_captions();
        let previous = std::mem::take(&mut self.current);
        // Bylines with nothing else before a headline (`本报记者 某某` set
        // above it) belong to the article the headline starts.
        let only_bylines = previous.is_empty()
            && previous.kicker.is_none()
            && previous.subtitles.is_empty()
            && previous.metadata.credits.is_empty()
            && previous.metadata.captions.is_empty()
            && !previous.metadata.bylines.is_empty();
        if only_bylines {
            self.current.metadata = previous.metadata;
            self.current.markup_removed = previous.markup_removed;
            init(&mut self.current);
            self.current.source = Span::new(previous.source.start, span.end);
            return;
        }
        if !previous.is_empty() || previous.metadata != Metadata::default() {
            self.done.push(previous);
        }
        init(&mut self.current);
        self.current.source = span;
        self.last_full_line_chars = 0;
    }

    fn extend_source(&mut self, span: Span) {
        let src = &mut self.current.source;
        if src.is_empty() && src.start == 0 {
            *src = span;
        } else {
            src.end = src.end.max(span.end);
        }
    }

    /// Reads a text line; `after` is the text line after it on the page,
    /// if a text line comes next.
    fn text(&mut self, line: &str, span: Span, after: Option<&str>) {
        self.extend_source(span);
        let (line, markers) = meta::take_continuations(line);
        self.current.metadata.continuations.extend(markers);
        if line.is_empty() {
            return;
        }
        // A lone credit (`本报记者 某某 摄`) is a credit, though it is
        // shaped like a byline.
        if let Some(("", credit)) = meta::split_credit(&line) {
            self.current.metadata.credits.push(credit.to_string());
            self.caption("", span);
            return;
        }
        let is_byline = meta::is_byline_line(&line) || meta::is_note(&line);
        // Short unpunctuated lines that began a paragraph, followed by a
        // byline (or, two lines or more, by an opening quotation), were a
        // heading set over lines.
        if self.open.as_ref().is_some_and(|o| {
            o.heading_like
                && (is_byline || (o.source.len() >= 2 && line.starts_with(['“', '「', '"'])))
        }) {
            self.open_to_section_head();
        }
        if is_byline {
            self.current.metadata.bylines.push(line);
            return;
        }
        let mut rest = meta::strip_decorations(&line);
        if let Some((before, byline)) = meta::split_trailing_byline(rest) {
            self.current.metadata.bylines.push(byline.to_string());
            rest = before;
            if rest.is_empty() {
                return;
            }
        }
        if self.open.is_none()
            && let Some((dateline, after)) = meta::split_dateline(rest)
        {
            self.current.metadata.bylines.push(dateline.to_string());
            rest = after;
        }
        if self.open.is_none()
            && let Some((byline, after)) = meta::split_leading_byline(rest)
        {
            self.current.metadata.bylines.push(byline.to_string());
            rest = after;
        }
        if let Some((caption, credit)) = meta::split_credit(rest) {
            self.current.metadata.credits.push(credit.to_string());
            self.caption(caption, span);
            return;
        }
        if meta::is_caption_line(rest.trim_start()) {
            self.close_paragraph();
            self.caption(rest, span);
            return;
        }
        let rest = rest.trim();
        if rest.is_empty() {
            return;
        }
        let starts_subtitle = rest.starts_with("——") || rest.starts_with("--");
        if starts_subtitle
            && self.open.is_none()
            && self.current.title.is_some()
            && !self.current.has_body()
        {
            // A headline line: its spaces separate phrases, so they stay.
            self.current.subtitles.push(rest.to_string());
            return;
        }
        let rest = drop_wide_spaces(rest);
        // A layout that breaks lines breaks them all at about one width,
        // so a line far longer than the one before it does not continue
        // it (unless that one stopped at a comma or a colon): short lines
        // that began a paragraph were a heading (`加装电梯让老人出门不再难`,
        // `抓实统筹谋划，保障农资供应`), any other unfinished line stands
        // alone (a lead-in).
        let chars = rest.chars().count();
        if let Some(o) = &self.open
            && self.stands_alone(o, &rest, chars, after)
        {
            let one_short_line =
                o.source.len() == 1 && o.last_chars <= MAX_PUNCTUATED_HEADING_CHARS;
            if o.heading_like || one_short_line {
                self.open_to_section_head();
            } else {
                self.close_paragraph();
            }
        }
        if self.open.is_some() && starts_new_paragraph(&rest) {
            self.close_paragraph();
        }
        let open = self.open.get_or_insert_with(|| OpenParagraph {
            text: String::new(),
            source: Vec::new(),
            heading_like: true,
            last_chars: 0,
        });
        // Evaluated only while the paragraph may still be a heading, so an
        // unfinished paragraph of many lines is never counted again.
        open.heading_like = open.heading_like
            && heading_shaped(&rest)
            && open.text.chars().count() + chars <= MAX_INLINE_HEADING_CHARS;
        join_broken(&mut open.text, &rest);
        open.last_chars = chars;
        open.source.push(span);
        if ends_sentence(&rest) {
            self.last_full_line_chars = chars;
            self.close_paragraph();
        }
    }

    /// Does the open paragraph `o`, whose last line did not end a sentence,
    /// end there after all, rather than go on in `next` (of `chars`
    /// characters, followed by the text line `after`)? A layout breaks its lines at one width, so a line it
    /// broke is as long as any line around it: an unfinished line ends
    /// where it stops (it is a heading or a lead-in) when the line below is
    /// far longer, or when it began its paragraph and a whole paragraph's
    /// line near it (the last one above it, or the one after `next`) is far
    /// longer, unless `next` is another unfinished line of its length (a
    /// narrower column, as beside a photo). A label of up to
    /// [`MAX_LABEL_CHARS`] characters with no punctuation that starts a
    /// paragraph ends there whatever the lines near it. A line that stops
    /// at a comma, a colon or a dash always goes on.
    fn stands_alone(
        &self,
        o: &OpenParagraph,
        next: &str,
        chars: usize,
        after: Option<&str>,
    ) -> bool {
        if o.text.ends_with(CONTINUING_MARKS) {
            return false;
        }
        let far_longer =
            |longer: usize| longer >= MIN_LONGER_LINE_CHARS && longer >= 2 * o.last_chars;
        if far_longer(chars) {
            return true;
        }
        let same_column = !ends_sentence(next) && chars <= o.last_chars + 2;
        if o.source.len() != 1 || same_column {
            return false;
        }
        if o.heading_like && o.last_chars <= MAX_LABEL_CHARS {
            return true;
        }
        // Counted only here, where it decides: most lines never get here.
        let full_line_after = after
            .filter(|a| ends_sentence(a))
            .map_or(0, |a| a.chars().count());
        far_longer(self.last_full_line_chars.max(full_line_after))
    }

    /// A caption goes to the metadata; an unfinished paragraph before it was
    /// the caption's first line, broken by the layout.
    fn caption(&mut self, caption: &str, span: Span) {
        let caption = drop_wide_spaces(caption.trim());
        let mut text = String::new();
        let mut source = Vec::new();
        if let Some(open) = self.open.take() {
            text = open.text;
            source = open.source;
        }
        join_broken(&mut text, &caption);
        if text.is_empty() {
            return;
        }
        source.push(span);
        self.current.metadata.captions.push(text.clone());
        self.captions.push(OpenParagraph {
            text,
            source,
            heading_like: false,
            last_chars: 0,
        });
    }

    /// The open paragraph was a section head set over short lines.
    fn open_to_section_head(&mut self) {
        if let Some(open) = self.open.take() {
            self.section_head(open.text);
        }
    }

    /// A section head where the next paragraph of the body will start
    /// ([`close_sections`] gives it its end).
    fn section_head(&mut self, text: String) {
        let body = &self.current.body;
        let start = if body.is_empty() { 0 } else { body.len() + 1 };
        self.current.sections.push(SectionHead {
            text,
            span: Span::new(start, start),
        });
    }

    /// Ends the current article's body: a photo item whose only text is its
    /// caption gets the caption as its body.
    fn settle_captions(&mut self) {
        let captions = std::mem::take(&mut self.captions);
        if self.current.body.is_empty() {
            for c in captions {
                self.open = Some(c);
                self.close_paragraph();
            }
        }
    }

    fn close_paragraph(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let body = &mut self.current.body;
        if !body.is_empty() {
            body.push('\n');
        }
        let start = body.len();
        body.push_str(&open.text);
        self.current.paragraphs.push(Paragraph {
            span: Span::new(start, body.len()),
            source: open.source,
        });
    }

    fn finish(mut self) -> Vec<Article> {
        self.close_paragraph();
        self.settle_captions();
        let last = std::mem::take(&mut self.current);
        if !last.is_empty() {
            self.done.push(last);
        }
        for article in &mut self.done {
            close_sections(article);
        }
        self.done
    }
}

/// Ends each section where the next begins (the last at the end of the
/// body); a head recorded at the very end starts there.
fn close_sections(article: &mut Article) {
    let len = article.body.len();
    let starts: Vec<usize> = article
        .sections
        .iter()
        .map(|s| s.span.start.min(len))
        .collect();
    for (i, s) in article.sections.iter_mut().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(len);
        s.span = Span::new(starts[i], end.max(starts[i]));
    }
}

/// Does a line start with an enumeration marker (`一、`, `（二）`, `3.`), so
/// that it starts a paragraph even if the line before did not end one?
fn starts_new_paragraph(line: &str) -> bool {
    let mut chars = line.chars();
    let first = chars.next();
    let second = chars.next();
    match (first, second) {
        (Some('（' | '('), Some(c)) => "一二三四五六七八九十".contains(c) || c.is_ascii_digit(),
        (Some(c), Some('、')) => "一二三四五六七八九十".contains(c) || c.is_ascii_digit(),
        _ => false,
    }
}

/// Appends a layout-broken continuation. Chinese joins with nothing between
/// (`高质` + `量发展`); two ASCII words keep a space.
fn join_broken(text: &mut String, next: &str) {
    let needs_space = text
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && next
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
    if needs_space {
        text.push(' ');
    }
    text.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_pages_have_no_articles() {
        assert!(parse_page("").is_empty());
        assert!(parse_page(" \n\u{3000}\n\t").is_empty());
    }

    #[test]
    fn text_without_headings_is_one_article() {
        let a = parse_page("第一段。\n\n第二段没有结束");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].title, None);
        assert_eq!(a[0].body, "第一段。\n第二段没有结束");
    }

    #[test]
    fn sub_headline_and_dash_line_attach_to_headline() {
        let a = parse_page("# 主题\n## 副题\n——第三行\n正文。");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].subtitles, vec!["副题", "——第三行"]);
    }

    #[test]
    fn double_hash_after_body_starts_an_item() {
        let a = parse_page("# 甲\n正文一。(下转第七版)\n\n## 图片新闻\n选手冲刺。 王明 摄");
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].metadata.continuations, vec!["(下转第七版)"]);
        assert_eq!(a[1].title.as_deref(), Some("图片新闻"));
        assert_eq!(a[1].body, "选手冲刺。");
        assert_eq!(a[1].metadata.credits, vec!["王明 摄"]);
    }

    #[test]
    fn section_heads_stay_inside_the_article() {
        let a = parse_page("# 甲\n第一段。\n### 小标题\n第二段。");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].sections[0].text, "小标题");
        assert_eq!(&a[0].body[a[0].sections[0].span.range()], "第二段。");
    }

    #[test]
    fn decorated_and_trailing_bylines_are_metadata() {
        let page = "# 标题\n□本报记者 张晓明\n全市推进乡村振兴。（记者 李华）\n责任编辑：王芳";
        let a = &parse_page(page)[0];
        assert_eq!(a.body, "全市推进乡村振兴。");
        assert_eq!(
            a.metadata.bylines,
            vec!["□本报记者 张晓明", "（记者 李华）", "责任编辑：王芳"]
        );
    }

    #[test]
    fn spans_point_back_into_the_page() {
        let page = "# 标题\n\n　　全市推动高质\n\n量发展。";
        let a = &parse_page(page)[0];
        let sources: Vec<&str> = a.paragraphs[0]
            .source
            .iter()
            .map(|r| &page[r.range()])
            .collect();
        assert_eq!(sources, vec!["全市推动高质", "量发展。"]);
        assert_eq!(&page[a.source.range()], page);
    }
}
