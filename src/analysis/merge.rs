//! Whole names from the pieces jieba cuts them into.
//!
//! jieba cuts a name it does not know into words it does: `陈海涛` into
//! `陈` + `海涛`, `石桥口村` into `石桥` + `口村`, `皖西南` into `皖` +
//! `西南`. A document gives the pieces away by keeping them together: the
//! same pieces, side by side, every time. Two adjacent terms `a b` of a
//! document become one term `ab` when
//!
//! - every `a` is followed by `b` and every `b` follows `a`, at least twice,
//!   both make at most four characters and neither is a function character
//!   (a recurring sequence with stable boundaries: `皖` + `西南`, `信` + `达`;
//!   `高质量` + `发展` stays a phrase of two terms);
//! - `a` is a surname and every `b` (one or two characters, at least twice)
//!   follows it (`陈` + `海涛`);
//! - every `a` (at least twice) is followed by a place suffix (`村`, `镇`,
//!   `县`, `街道`…), or every `b` that ends in one follows `a`
//!   (`石桥口` + `村`, `石桥` + `口村`);
//! - `ab` is itself a term of the document (cut whole elsewhere), and `a` or
//!   `b` is a single character, not a function one (`安` + `省` beside `安省`).
//!
//! Only Chinese terms merge, a place into at most [`MAX_MERGED_CHARS`]
//! characters, a person or a sequence into at most [`MAX_SEQUENCE_CHARS`];
//! chains merge whole (`a b c` → `abc`). The rules read nothing but the
//! document, so they cost a pass over its term occurrences.

use std::sync::LazyLock;

/// A merged term is at most this long, in characters (a place; a person
/// or a plain sequence is at most [`MAX_SEQUENCE_CHARS`]).
pub const MAX_MERGED_CHARS: usize = 6;

/// A merged person or plain sequence is at most this long, in characters.
pub const MAX_SEQUENCE_CHARS: usize = 4;

impl MergeKind {
    /// The longest term this kind of merge makes, in characters.
    pub(crate) fn max_chars(self) -> usize {
        match self {
            MergeKind::Place => MAX_MERGED_CHARS,
            MergeKind::Person | MergeKind::Sequence => MAX_SEQUENCE_CHARS,
        }
    }
}

/// Which rule made a merged term (its part of speech follows from it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MergeKind {
    /// A surname and a given name: a person (`nr`).
    Person,
    /// A name and a place suffix: a place (`ns`).
    Place,
    /// A recurring sequence, or the pieces of a term cut whole elsewhere.
    Sequence,
}

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "宇文", "公孙",
    "夏侯", "轩辕", "端木", "西门", "南宫", "独孤", "呼延", "司徒",
];

/// Place suffixes of one character.
const PLACE_CHARS: &str = "村镇乡县区市省州旗盟屯寨";

/// Place suffixes cut as words of their own.
const PLACE_WORDS: &[&str] = &[
    "街道",
    "社区",
    "新区",
    "开发区",
    "自治区",
    "自治州",
    "自治县",
    "高新区",
];

/// The characters of a list, sorted for binary search (scanning the
/// surname list would cost a few hundred comparisons a look-up).
fn sorted_chars(list: &str) -> Vec<char> {
    let mut v: Vec<char> = list.chars().collect();
    v.sort_unstable();
    v.dedup();
    v
}

static SURNAME_CHARS: LazyLock<Vec<char>> = LazyLock::new(|| sorted_chars(SURNAMES));
static PLACE_SUFFIX_CHARS: LazyLock<Vec<char>> = LazyLock::new(|| sorted_chars(PLACE_CHARS));
static FUNCTION_CHAR_SET: LazyLock<Vec<char>> = LazyLock::new(|| sorted_chars(FUNCTION_CHARS));

fn in_set(set: &[char], c: char) -> bool {
    set.binary_search(&c).is_ok()
}

fn is_surname(w: &str) -> bool {
    let mut chars = w.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => in_set(&SURNAME_CHARS, c),
        (Some(_), Some(_)) => COMPOUND_SURNAMES.contains(&w),
        _ => false,
    }
}

fn is_place_suffix(w: &str) -> bool {
    let mut chars = w.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => in_set(&PLACE_SUFFIX_CHARS, c),
        _ => PLACE_WORDS.contains(&w),
    }
}

fn ends_in_place(w: &str) -> bool {
    w.chars()
        .next_back()
        .is_some_and(|c| in_set(&PLACE_SUFFIX_CHARS, c))
        && w.chars().count() <= 3
}

/// Characters that stand as words of their own (function words,
/// measure words, prefixes of time and place): a sequence with one of them
/// as a piece is grammar, not a name (`仅` + `一只`, `警方` + `请`).
const FUNCTION_CHARS: &str = "的了着过在是和与及或等个次名位件项只家请仅原为被把将对向从于由以而并也还都又就才已曾要会能可让使给到上下中内外前后里间这那其该此每各某另本全总新老近约共逾超近";

fn is_function_char(w: &str) -> bool {
    let mut chars = w.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if in_set(&FUNCTION_CHAR_SET, c))
}

/// A term's length in characters, 0 unless every one is Chinese, and
/// whether it is a function character.
fn shape(w: &str) -> (usize, bool) {
    let mut n = 0;
    for c in w.chars() {
        if !crate::text::clean::is_han(c) {
            return (0, false);
        }
        n += 1;
    }
    (n, n == 1 && is_function_char(w))
}

/// The neighbour a term has at every one of its occurrences, as a number:
/// not seen yet (`UNSEEN_SIDE`), always the same term (its id + 1), or not
/// always the same or none (`VARIES`).
type Side = u32;
const UNSEEN_SIDE: Side = 0;
const VARIES: Side = u32::MAX;

/// Records one more occurrence's neighbour (`None`: none adjacent).
#[inline]
fn see(side: &mut Side, neighbour: Option<u32>) {
    *side = match neighbour {
        Some(n) if *side == UNSEEN_SIDE || *side == n + 1 => n + 1,
        _ => VARIES,
    };
}

/// The term a side says is always there.
#[inline]
fn always(side: Side) -> Option<u32> {
    (side != UNSEEN_SIDE && side != VARIES).then(|| side - 1)
}

/// Each term's [`shape`], worked out when first asked for.
struct Shapes<'t> {
    terms: &'t [&'t str],
    /// `UNKNOWN`, or the length in characters with `FUNCTION` set for a
    /// function character.
    known: Vec<u8>,
}

impl<'t> Shapes<'t> {
    const UNKNOWN: u8 = u8::MAX;
    const FUNCTION: u8 = 0x80;

    fn new(terms: &'t [&'t str]) -> Self {
        Shapes {
            terms,
            known: vec![Self::UNKNOWN; terms.len()],
        }
    }

    fn get(&mut self, id: u32) -> u8 {
        let k = &mut self.known[id as usize];
        if *k == Self::UNKNOWN {
            let (chars, function) = shape(self.terms[id as usize]);
            // A term of 127 characters or more never merges: 0 says so.
            let chars = if chars < 127 { chars as u8 } else { 0 };
            *k = chars | if function { Self::FUNCTION } else { 0 };
        }
        *k
    }

    /// The term's length in characters, 0 unless it is all Chinese.
    fn chars(&mut self, id: u32) -> usize {
        (self.get(id) & !Self::FUNCTION) as usize
    }

    fn function(&mut self, id: u32) -> bool {
        self.get(id) & Self::FUNCTION != 0
    }

    /// Can `a` and `b` make one term: two Chinese terms, short enough?
    fn fit(&mut self, a: u32, b: u32) -> bool {
        if a == b {
            return false;
        }
        let (ca, cb) = (self.chars(a), self.chars(b));
        ca > 0 && cb > 0 && ca + cb <= MAX_MERGED_CHARS
    }
}

/// The pairs of term ids that merge, and how: `right[a] = (b, kind)` when
/// `a` is always followed by `b`, `left[b] = (a, kind)` when `b` always
/// follows `a`; a pair merges if either says so.
pub(crate) struct Merges {
    right: Vec<Option<(u32, MergeKind)>>,
    left: Vec<Option<(u32, MergeKind)>>,
    /// Pairs recorded.
    len: usize,
}

impl Merges {
    /// The rule that merges the adjacent pair `(a, b)`, if one does.
    pub(crate) fn kind(&self, a: u32, b: u32) -> Option<MergeKind> {
        let side = |v: &[Option<(u32, MergeKind)>], i: u32, other: u32| match v.get(i as usize) {
            Some(&Some((x, k))) if x == other => Some(k),
            _ => None,
        };
        let from_right = side(&self.right, a, b);
        let from_left = side(&self.left, b, a);
        // A person or a place says more than a sequence.
        match (from_right, from_left) {
            (Some(MergeKind::Sequence), Some(k)) => Some(k),
            (Some(k), _) | (None, Some(k)) => Some(k),
            (None, None) => None,
        }
    }

    /// Records that `a` is always followed by `b` and merges with it.
    fn record_right(&mut self, a: u32, b: u32, kind: MergeKind) {
        self.len += usize::from(self.right[a as usize].is_none());
        self.right[a as usize] = Some((b, kind));
    }

    /// Records that `b` always follows `a` and merges with it.
    fn record_left(&mut self, b: u32, a: u32, kind: MergeKind) {
        self.len += usize::from(self.left[b as usize].is_none());
        self.left[b as usize] = Some((a, kind));
    }

    /// Are there no merges?
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Finds the merges of a document: `occurrences` are its term occurrences
/// in text order (`(term id, byte offset)`), `terms` its terms by id;
/// `is_term(word)` says whether a string is a term of the document.
pub(crate) fn find(
    text: &str,
    terms: &[&str],
    occurrences: &[(u32, usize)],
    is_term: impl Fn(&str) -> bool,
) -> Merges {
    let n = terms.len();
    let mut merges = Merges {
        right: Vec::new(),
        left: Vec::new(),
        len: 0,
    };
    if occurrences.len() < 2 {
        return merges;
    }
    merges.right = vec![None; n];
    merges.left = vec![None; n];
    let end = |i: usize| occurrences[i].1 + terms[occurrences[i].0 as usize].len();
    // `adjacent[i]`: occurrence `i + 1` starts where `i` ends.
    let adjacent: Vec<bool> = (0..occurrences.len() - 1)
        .map(|i| end(i) == occurrences[i + 1].1)
        .collect();
    let mut left = vec![UNSEEN_SIDE; n];
    let mut right = vec![UNSEEN_SIDE; n];
    let mut count = vec![0u32; n];
    for i in 0..occurrences.len() {
        let id = occurrences[i].0 as usize;
        count[id] += 1;
        let l = (i > 0 && adjacent[i - 1]).then(|| occurrences[i - 1].0);
        let r = (i + 1 < occurrences.len() && adjacent[i]).then(|| occurrences[i + 1].0);
        see(&mut left[id], l);
        see(&mut right[id], r);
    }
    let mut shapes = Shapes::new(terms);
    for a in 0..n as u32 {
        if let Some(b) = always(right[a as usize])
            && count[a as usize] >= 2
            && shapes.fit(a, b)
        {
            // A stable pair of longer words is a phrase, not a name split
            // apart (`高质量` + `发展`): it stays two terms; so does a word
            // with a function character (`警方` + `请`).
            let short = shapes.chars(a) + shapes.chars(b) <= 4
                && !shapes.function(a)
                && !shapes.function(b);
            let mutual = always(left[b as usize]) == Some(a) && short;
            if mutual {
                merges.record_right(a, b, MergeKind::Sequence);
            } else if is_place_suffix(terms[b as usize]) {
                merges.record_right(a, b, MergeKind::Place);
            }
        }
    }
    for b in 0..n as u32 {
        if let Some(a) = always(left[b as usize])
            && count[b as usize] >= 2
            && shapes.fit(a, b)
            && merges.kind(a, b) != Some(MergeKind::Place)
        {
            let wb = terms[b as usize];
            if is_surname(terms[a as usize]) && shapes.chars(b) <= 2 {
                merges.record_left(b, a, MergeKind::Person);
            } else if ends_in_place(wb) {
                merges.record_left(b, a, MergeKind::Place);
            }
        }
    }
    // The pieces of a term cut whole elsewhere in the document. A piece
    // of one character has at most four bytes: a test that spares most
    // pairs the look at their characters.
    let short = |id: u32| terms[id as usize].len() <= 4;
    for i in 0..occurrences.len() - 1 {
        let (a, b) = (occurrences[i].0, occurrences[i + 1].0);
        if adjacent[i]
            && (short(a) || short(b))
            && (shapes.chars(a) == 1 || shapes.chars(b) == 1)
            && shapes.fit(a, b)
            && !shapes.function(a)
            && !shapes.function(b)
            && merges.kind(a, b).is_none()
            && is_term(&text[occurrences[i].1..end(i + 1)])
        {
            merges.record_right(a, b, MergeKind::Sequence);
        }
    }
    merges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_and_places() {
        assert!(is_surname("陈") && is_surname("欧阳") && !is_surname("的"));
        assert!(is_place_suffix("村") && is_place_suffix("街道") && !is_place_suffix("口村"));
        assert!(ends_in_place("口村") && !ends_in_place("城乡一体化区"));
    }
}
