//! Sentences that point back: an opening word that refers to what came
//! before (`因此`, `此外`, `这`, `该`, `他`…), so the sentence reads wrongly
//! without its predecessor.

use std::sync::LazyLock;

/// Openings that refer back to an earlier sentence, longest first within
/// each shared first character (so `这些` is tried before `这`).
const OPENERS: &[&str] = &[
    "因此",
    "因而",
    "所以",
    "于是",
    "为此",
    "对此",
    "由此",
    "据此",
    "此外",
    "另外",
    "另一方面",
    "同时",
    "与此同时",
    "此后",
    "此前",
    "随后",
    "其后",
    "之后",
    "此次",
    "这次",
    "这些",
    "这一",
    "这个",
    "这种",
    "这样",
    "这里",
    "这是",
    "这",
    "那些",
    "那",
    "该",
    "上述",
    "其中",
    "其",
    "他们",
    "他",
    "她们",
    "她",
    "它们",
    "它",
    "但是",
    "但",
    "然而",
    "不仅如此",
    "不过",
    "可是",
    "而且",
    "并且",
    "而",
    "并",
    "也",
    "还",
    "对于此",
    "此",
    "两人",
    "二人",
    "双方",
    "前者",
    "后者",
    // Phrases that weigh what was just said.
    "除此之外",
    "尽管如此",
    "即便如此",
    "如此一来",
    "相比之下",
    "换句话说",
    "换言之",
    // The later items of a list read wrongly without the ones before
    // (`其二`, `其次` are `其` above).
    "二是",
    "三是",
    "四是",
    "五是",
    "六是",
    "再次",
    "再者",
    "第二，",
    "第二、",
    "第三，",
    "第三、",
    "第四，",
    "第四、",
    "最后，",
];

/// Does `sentence` open with a word that points back to the sentence
/// before it? Quotation marks and spaces before the first word are
/// skipped; a `这`/`此` that starts a noun of its own (`这里`, `此次` are
/// listed above) still points back.
///
/// ```
/// use jianbao::summarize::points_back;
/// assert!(points_back("因此，这项工程意义重大。"));
/// assert!(points_back("“他说得对。”"));
/// assert!(!points_back("11月26日，全市公交开通。"));
/// assert!(!points_back("他乡的游客纷至沓来。"));
/// assert!(points_back("二是加强基层医疗队伍建设。"));
/// assert!(!points_back("第二届读书节开幕。"));
/// ```
pub fn points_back(sentence: &str) -> bool {
    let s = sentence.trim_start_matches(|c: char| c.is_whitespace() || "“‘「『\"'（(".contains(c));
    let Some(first) = s.chars().next() else {
        return false;
    };
    // Only the openers that start with the sentence's first character
    // are tried (most sentences open with one no opener starts with).
    let groups = &*OPENERS_BY_FIRST_CHAR;
    let Ok(g) = groups.binary_search_by_key(&first, |&(c, _)| c) else {
        return false;
    };
    groups[g].1.iter().any(|o| s.starts_with(o)) && !NOT_BACK.iter().any(|w| s.starts_with(w))
}

/// [`OPENERS`] grouped by first character (sorted by it), each group in
/// the list's order.
static OPENERS_BY_FIRST_CHAR: LazyLock<Vec<(char, Vec<&'static str>)>> = LazyLock::new(|| {
    let mut groups: Vec<(char, Vec<&'static str>)> = Vec::new();
    for &o in OPENERS {
        let c = o.chars().next().expect("no opener is empty");
        match groups.iter_mut().find(|(g, _)| *g == c) {
            Some((_, list)) => list.push(o),
            None => groups.push((c, vec![o])),
        }
    }
    groups.sort_by_key(|&(c, _)| c);
    groups
});

/// Words that start like an opener but point nowhere.
const NOT_BACK: &[&str] = &[
    "他乡",
    "他人",
    "其实",
    "其他",
    "其余",
    "而今",
    "并非",
    "也许",
    "还原",
    "那么多",
    "这么多",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, without the grouping.
    fn points_back_plainly(sentence: &str) -> bool {
        let s =
            sentence.trim_start_matches(|c: char| c.is_whitespace() || "“‘「『\"'（(".contains(c));
        OPENERS.iter().any(|o| s.starts_with(o)) && !NOT_BACK.iter().any(|w| s.starts_with(w))
    }

    #[test]
    fn the_grouped_openers_answer_as_the_list() {
        let mut cases: Vec<String> = OPENERS
            .iter()
            .chain(NOT_BACK)
            .map(|o| format!("{o}项工作进展顺利。"))
            .collect();
        cases.extend(["", "。", "“", "全市公交开通。", "  他说。", "这", "此"].map(String::from));
        for c in &cases {
            assert_eq!(points_back(c), points_back_plainly(c), "{c}");
        }
    }
}
