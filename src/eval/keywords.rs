//! Scoring keywords against headlines: P@k (the share of the top `k`
//! keywords found in the headline, which the extractor never sees) and
//! the fragment rate (the share of keywords that only ever occur inside one
//! longer string: at least two occurrences in the text, all with the same
//! Chinese character on their left, or all on their right, as `口村`
//! inside `石桥口村`).

use serde::Serialize;

use crate::analysis::Analyzer;
use crate::keywords::KeywordExtractor;
use crate::text::layout::parse_article;

/// The figures of a keyword extractor on a set.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct KeywordScores {
    /// Articles scored.
    pub documents: usize,
    /// The `k` of P@k.
    pub k: usize,
    /// Mean P@k.
    pub precision_at_k: f64,
    /// Mean fragment rate over articles with at least one keyword.
    pub fragment_rate: f64,
}

impl std::fmt::Display for KeywordScores {
    /// One line: P@k and the fragment rate.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "n={} P@{} {:.3} fragments {:.3}",
            self.documents, self.k, self.precision_at_k, self.fragment_rate
        )
    }
}

/// Is `word` a fragment of a longer string of `text` (see the module docs)?
///
/// ```
/// use jianbao::eval::is_fragment;
/// assert!(is_fragment("口村", "石桥口村的村民。石桥口村很美。"));
/// assert!(!is_fragment("村民", "石桥口村的村民。村民很忙。"));
/// ```
pub fn is_fragment(word: &str, text: &str) -> bool {
    let (left, right) = crate::text::stable_neighbours(word, text);
    left.is_some() || right.is_some()
}

/// Extracts keywords from every `(text, headline)` (the text's layout
/// cleaned first) and scores the top `k` of each.
pub fn score_keywords<'r>(
    rows: impl IntoIterator<Item = (&'r str, &'r str)>,
    analyzer: &Analyzer,
    extractor: &KeywordExtractor,
    k: usize,
) -> KeywordScores {
    let (mut p, mut fragments, mut with_keywords, mut n) = (0.0, 0.0, 0usize, 0usize);
    for (text, headline) in rows {
        n += 1;
        let article = parse_article(text);
        let doc = analyzer.analyze_article(None, &article);
        let words = extractor.extract(&doc).words;
        let top = &words[..words.len().min(k)];
        p += top.iter().filter(|w| headline.contains(&w.word)).count() as f64 / k.max(1) as f64;
        if !top.is_empty() {
            with_keywords += 1;
            fragments +=
                top.iter().filter(|w| is_fragment(&w.word, text)).count() as f64 / top.len() as f64;
        }
    }
    KeywordScores {
        documents: n,
        k,
        precision_at_k: p / n.max(1) as f64,
        fragment_rate: fragments / with_keywords.max(1) as f64,
    }
}
