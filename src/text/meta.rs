//! Recognising the lines and fragments of a page that are about the article
//! rather than part of it: bylines, photo credits and continuation markers.
//!
//! These must never reach a summary, but a reader wants them kept, so the
//! layout parser moves them into [`Metadata`](super::layout::Metadata).

use std::sync::LazyLock;

use regex::Regex;

use super::clean::is_han;

/// `(下转第七版)`, `（上接第1版）`, `(转第三版)` anywhere in a line.
static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[（(]\s*(?:[上下]?转|[上下]接|接)\s*第?\s*[一二三四五六七八九十百零〇\d]+\s*版\s*[）)]",
    )
    .expect("continuation pattern is valid")
});

/// A dateline at the start of a paragraph: `本报讯`, `本报乌镇11月21日电`,
/// `新华社北京3月5日电`, a news site's or agency's (`中新网6月8日电`,
/// `中新社香港六月十二日电`, `新浪体育讯`, `中广网北京7月6日消息`,
/// `央视网消息`), or a date's (`11月5日消息，`), each optionally followed by
/// `(记者 某某)`.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:本报讯|本报[^\s，。！？；,]{1,24}?电|新华社[^\s，。！？；,]{1,24}?电|",
        r"[^\s，。！？；,]{2,12}?(?:日报|晚报|新闻网|客户端)讯|",
        // A site or agency (`…网`, `…社`, `…台`), a place, a date, 电 or 消息.
        r"[^\s，。！？；,]{1,6}?(?:网|社|台|在线)[^\s，。！？；,0-9]{0,8}?",
        r"[0-9一二三四五六七八九十〇零]{1,3}月[0-9一二三四五六七八九十〇零]{1,3}日(?:电|消息)|",
        // A site's own news desk: 新浪体育讯, 腾讯科技讯, 央视网消息.
        r"[^\s，。！？；,]{1,6}?(?:体育|财经|科技|娱乐|汽车|网)讯|",
        r"[^\s，。！？；,]{1,6}?(?:网|在线)消息|",
        // A date alone: 11月5日消息, 2月12日讯, 7月26日电（记者 某某）.
        r"(?:[0-9]{4}年)?[0-9]{1,2}月[0-9]{1,2}日(?:消息|讯|电(?:\s*[（(][^）)]{0,60}[）)]|\s)))",
        r"(?:\s*[（(][^）)]{0,60}[）)])?\s*[，,：:]?\s*"
    ))
    .expect("dateline pattern is valid")
});

/// Roles that open a byline, longest first so that `本报记者` wins over `记者`.
const ROLES: &[&str] = &[
    "责任编辑",
    "本报见习记者",
    "本报特约记者",
    "本报通讯员",
    "本报记者",
    "见习记者",
    "特约记者",
    "实习记者",
    "融媒记者",
    "通讯员",
    "实习生",
    "记者",
    "文/图",
    "文／图",
    "图/文",
    "摄影",
    "撰文",
    "编辑",
    "校对",
    "美编",
    "文/",
    "文／",
    "图/",
    "图／",
];

/// Words that may close a byline: `本报记者 某某 报道`.
const BYLINE_TAILS: &[&str] = &["报道", "摄", "整理", "发自"];

/// Is `s` plausibly a person's name: two to four Chinese characters, with an
/// optional middle dot for transliterated names?
fn is_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=8).contains(&n)
        && s.chars().all(|c| is_han(c) || c == '·' || c == '•')
        && s.chars().filter(|&c| is_han(c)).count() <= 6
        && (n <= 4 || s.contains('·') || s.contains('•'))
}

/// Is this whole line a byline such as `本报记者 张某 通讯员 李某`?
///
/// The line must start with a role and contain only roles and names. A bare
/// `记者` must be followed by a space, so that body text like `记者获悉` is
/// not taken for a byline.
pub(crate) fn is_byline_line(line: &str) -> bool {
    let inner = strip_parens(strip_decorations(line.trim()));
    // 60 characters at most (a byte length over 240 cannot be that short).
    if inner.is_empty() || inner.len() > 240 || inner.chars().count() > 60 {
        return false;
    }
    let mut saw_role = false;
    let mut first = true;
    for chunk in inner
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',' | '　' | '：' | ':'))
        .filter(|s| !s.is_empty())
    {
        let role = ROLES.iter().find(|r| chunk.starts_with(**r));
        match role {
            Some(role) => {
                let rest = &chunk[role.len()..];
                let glued_ok = !matches!(*role, "记者");
                if !(rest.is_empty() || (glued_ok && is_name(rest))) {
                    return false;
                }
                saw_role = true;
            }
            None if first => return false,
            None => {
                if !(is_name(chunk) || BYLINE_TAILS.contains(&chunk)) {
                    return false;
                }
            }
        }
        first = false;
    }
    saw_role
}

/// Strips the symbols some pages put before a byline or a paragraph
/// (`□本报记者 某某`, `■`, `◎`).
pub(crate) fn strip_decorations(line: &str) -> &str {
    line.trim_start_matches(|c: char| "□■◎●○◆◇★☆▲△▶►※◇〇".contains(c) || c.is_whitespace())
}

/// The longest prefix of `line` of at most `max` bytes that ends on a
/// character boundary.
fn head(line: &str, max: usize) -> &str {
    let mut end = max.min(line.len());
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    &line[..end]
}

/// Splits a byline set apart by spaces before the text of a paragraph:
/// `本报记者 徐某某 上周，股市回暖。` → (`本报记者 徐某某`, `上周，股市回暖。`).
pub(crate) fn split_leading_byline(line: &str) -> Option<(&str, &str)> {
    if !ROLES.iter().any(|r| line.starts_with(r)) {
        return None;
    }
    // The longest run of whole space-separated chunks that is a byline (of
    // at most 60 characters, so the line's head holds it).
    let mut end = None;
    let mut at = 0;
    for chunk in head(line, 256).split_whitespace() {
        let start = at + line[at..].find(chunk)?;
        at = start + chunk.len();
        if !is_byline_line(&line[..at]) {
            break;
        }
        end = Some(at);
    }
    let end = end?;
    let rest = line[end..].trim_start();
    (!rest.is_empty()).then(|| (&line[..end], rest))
}

/// Splits a byline in brackets off the end of a paragraph:
/// `……全面振兴。（记者 张某）` → (`……全面振兴。`, `（记者 张某）`).
pub(crate) fn split_trailing_byline(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim_end();
    if !(trimmed.ends_with(')') || trimmed.ends_with('）')) {
        return None;
    }
    let open = trimmed.rfind(['(', '（'])?;
    let tail = &trimmed[open..];
    let byline = tail.chars().count() <= 40 && is_byline_line(tail);
    if !(byline || is_note(tail)) {
        return None;
    }
    Some((trimmed[..open].trim_end(), tail))
}

/// Most characters of a bracketed note ([`is_note`]).
const MAX_NOTE_CHARS: usize = 80;

/// Is this, in brackets, a note on where the article was filed or who
/// wrote it, set as a line of its own or at a paragraph's end:
/// `（本报慕尼黑2月17日电　记者 某某）`, `（作者为某某大学教授）`,
/// `（本报记者 某某整理）`? (Bylines in the strict sense are
/// [`is_byline_line`].)
pub(crate) fn is_note(line: &str) -> bool {
    let t = strip_decorations(line.trim());
    let inner = strip_parens(t);
    if inner.len() == t.len() || inner.is_empty() || inner.chars().count() > MAX_NOTE_CHARS {
        return false;
    }
    // No sentence inside: a note is one clause.
    if inner.contains(['。', '！', '？', '!', '?']) {
        return false;
    }
    // An author's note: 作者为 / 作者系 / 作者是 / 作者单位.
    if let Some(rest) = inner.strip_prefix("作者") {
        return ["为", "系", "是", "单位"]
            .iter()
            .any(|w| rest.starts_with(w));
    }
    // A dispatch: 本报某地某日电, 新华社某地某日电, with its reporters.
    if let Some((_, rest)) = split_dateline(inner) {
        return rest.is_empty() || is_reporters(rest);
    }
    // Reporters who compiled or reported it: 本报记者 某某整理.
    is_reporters(inner)
}

/// Roles and names, glued or apart, with perhaps a closing word
/// (`记者冯某某`, `本报记者 某某 整理`): what follows a dispatch's place and
/// date, or a compiler's note.
fn is_reporters(s: &str) -> bool {
    let s = s.trim();
    let s = BYLINE_TAILS
        .iter()
        .find_map(|tail| s.strip_suffix(tail))
        .unwrap_or(s)
        .trim_end();
    ROLES.iter().any(|r| s.starts_with(r))
        && s.chars().count() <= 40
        && !s.contains(['，', '。', '；', ',', ';'])
}

/// Strips one pair of enclosing brackets, half- or full-width.
fn strip_parens(s: &str) -> &str {
    let open = s.starts_with('(') || s.starts_with('（');
    let close = s.ends_with(')') || s.ends_with('）');
    if open && close {
        let start = s.chars().next().map_or(0, char::len_utf8);
        let end = s.len() - s.chars().last().map_or(0, char::len_utf8);
        if start <= end {
            return s[start..end].trim();
        }
    }
    s
}

/// Splits a dateline off the front of a paragraph: returns the dateline and
/// the rest of the line.
///
/// `本报讯(记者 叶某)今天上午…` → (`本报讯(记者 叶某)`, `今天上午…`).
pub(crate) fn split_dateline(line: &str) -> Option<(&str, &str)> {
    // Every dateline starts with 本报 or 新华社, or has 讯 within its first
    // 24 characters, or 电 or 消息 with a date (月) or a site (网, 在线):
    // other lines (nearly all) skip the pattern.
    let (mut news, mut sent, mut dated) = (false, false, false);
    for c in line.chars().take(24) {
        match c {
            '讯' => news = true,
            '电' | '息' => sent = true,
            '月' | '网' | '在' => dated = true,
            _ => {}
        }
    }
    let may_be = line.starts_with("本报") || line.starts_with("新华社") || news || (sent && dated);
    if !may_be {
        return None;
    }
    // A dateline is short: the pattern reads the line's head only, so a
    // long paragraph costs no more than a short one.
    let m = DATELINE.find(head(line, 320))?;
    let dateline = line[..m.end()]
        .trim_end()
        .trim_end_matches(['，', ',', '：', ':']);
    Some((dateline.trim_end(), &line[m.end()..]))
}

/// Does a line open a photo caption: `图①：…`, `图2：…`, `图为…`, `上图：…`?
pub(crate) fn is_caption_line(line: &str) -> bool {
    const NUMERALS: &str = "0123456789一二三四五六七八九十";
    if ["上图", "下图", "左图", "右图"].iter().any(|p| {
        line.strip_prefix(p)
            .is_some_and(|r| r.starts_with(['：', ':']))
    }) {
        return true;
    }
    let Some(rest) = line.strip_prefix('图') else {
        return false;
    };
    match rest.chars().next() {
        Some('为') | Some('①'..='⑳') => true,
        Some(c) if NUMERALS.contains(c) => rest
            .trim_start_matches(|c| NUMERALS.contains(c))
            .starts_with(['：', ':']),
        _ => false,
    }
}

/// Removes continuation markers from a line, returning the cleaned line and
/// the markers found.
pub(crate) fn take_continuations(line: &str) -> (String, Vec<String>) {
    if !line.contains('版') {
        return (line.to_string(), Vec::new());
    }
    let found: Vec<String> = CONTINUATION
        .find_iter(line)
        .map(|m| m.as_str().to_string())
        .collect();
    if found.is_empty() {
        return (line.to_string(), found);
    }
    let rest = CONTINUATION.replace_all(line, "").trim().to_string();
    (rest, found)
}

/// Splits a photo credit off the end of a line:
/// `市民在广场参观。 本报记者 张某 摄` → (`市民在广场参观。`, `本报记者 张某 摄`).
///
/// A credit ends in `摄` or `供图` (optionally in brackets) and is short; a
/// line that merely ends in a word like `拍摄` is not a credit unless the
/// word stands apart or follows a byline role.
pub(crate) fn split_credit(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim_end();
    let core = trimmed.trim_end_matches([')', '）']).trim_end();
    if !(core.ends_with('摄') || core.ends_with("供图") || core.ends_with("/摄")) {
        return None;
    }
    // The credit starts after the last sentence end, at an opening bracket, or
    // after the last space, whichever comes last.
    let mut start = 0;
    for (i, c) in trimmed.char_indices() {
        match c {
            '。' | '！' | '？' | '；' | '!' | '?' | ';' | '”' => start = i + c.len_utf8(),
            '(' | '（' => start = i,
            _ => {}
        }
    }
    let tail = &trimmed[start..];
    let tail_chars = tail.trim().chars().count();
    let credit_start = if tail_chars <= 24 {
        start
    } else {
        // A long tail with no sentence end: the credit is what follows the
        // last space, if that looks like a credit.
        let space = trimmed[start..].rfind(' ')?;
        let candidate = &trimmed[start..][..space];
        let before_last = candidate.rfind(' ').map_or(0, |p| p + 1);
        start + before_last
    };
    let credit = trimmed[credit_start..].trim();
    let body = trimmed[..credit_start].trim_end();
    let credit_core = strip_parens(credit);
    let stands_apart = credit_core
        .strip_suffix('摄')
        .or_else(|| credit_core.strip_suffix("供图"))
        .is_some_and(|s| s.ends_with([' ', '/']) || s.is_empty());
    let has_role = ROLES.iter().any(|r| credit_core.contains(r));
    let bracketed = credit.starts_with(['(', '（']);
    // A line that is only a name and 摄 (`吴志坚摄`, `辛 鑫摄`).
    let name_only = body.is_empty()
        && credit_core
            .strip_suffix('摄')
            .is_some_and(|n| !n.ends_with('拍') && is_name(&n.replace(' ', "")));
    if credit.is_empty() || !(stands_apart || has_role || bracketed || name_only) {
        return None;
    }
    Some((body, credit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_are_roles_and_names_only() {
        assert!(is_byline_line("本报记者 张晓明 通讯员 李华"));
        assert!(is_byline_line("本报记者张晓明"));
        assert!(is_byline_line("（记者 王芳）"));
        assert!(is_byline_line("文/图 本报记者 欧阳秀"));
        assert!(!is_byline_line("记者获悉"));
        assert!(!is_byline_line("记者从市教育局获悉，今年新增学位"));
        assert!(!is_byline_line("张晓明 李华"));
        assert!(is_byline_line("□本报记者 张晓明"));
        assert!(is_byline_line("责任编辑：王芳 校对：李华"));
    }

    #[test]
    fn notes_on_dispatch_and_authors_are_told_from_text() {
        let notes = [
            "（本报慕尼黑2月17日电　记者 冯某某）",
            "（本报布鲁塞尔、伦敦2月3日电　记者李某、王某）",
            "（新华社北京3月5日电）",
            "（作者为某某大学马克思主义学院教授）",
            "(作者单位：某某市社会科学院)",
            "（本报记者张某某整理）",
        ];
        let text = [
            "作者为某某大学教授",
            "（作者在书中写道，乡村是根。）",
            "（记者从市教育局获悉，今年新增学位）",
            "（本报讯全市召开大会。）",
        ];
        assert!(notes.iter().all(|n| is_note(n)));
        assert!(!text.iter().any(|t| is_note(t)));
    }

    #[test]
    fn caption_lines_and_name_only_credits() {
        let captions = [
            "图①：村医在巡诊。",
            "图2：新建的卫生室。",
            "图为游客在参观。",
            "上图：夜色中的大桥。",
        ];
        let text = [
            "图书馆今天开放。",
            "图片由读者提供。",
            "图2023年的数据显示增长。",
        ];
        assert!(captions.iter().all(|c| is_caption_line(c)));
        assert!(!text.iter().any(|t| is_caption_line(t)));
        assert_eq!(split_credit("吴志坚摄"), Some(("", "吴志坚摄")));
        assert_eq!(split_credit("辛 鑫摄"), Some(("", "辛 鑫摄")));
        assert_eq!(split_credit("周末拍摄"), None);
    }

    #[test]
    fn bylines_split_from_paragraph_starts() {
        for (line, byline, rest) in [
            (
                "本报记者 徐某某 上周，股市回暖。",
                "本报记者 徐某某",
                "上周，股市回暖。",
            ),
            (
                "本报记者：潘某  尽管股市回暖。",
                "本报记者：潘某",
                "尽管股市回暖。",
            ),
            (
                "本报记者 李某 王某某记者获悉，",
                "本报记者 李某",
                "王某某记者获悉，",
            ),
        ] {
            assert_eq!(split_leading_byline(line), Some((byline, rest)), "{line}");
        }
        for line in [
            "记者从市教育局获悉，今年新增学位。",
            "本报记者 张晓明",
            "通讯员们 都来了",
        ] {
            assert_eq!(split_leading_byline(line), None, "{line}");
        }
    }

    #[test]
    fn bracketed_bylines_split_from_paragraph_ends() {
        assert_eq!(
            split_trailing_byline("全市推进乡村振兴。（记者 张晓明）"),
            Some(("全市推进乡村振兴。", "（记者 张晓明）"))
        );
        let dispatch = "（本报慕尼黑2月17日电　记者 冯某某）";
        assert_eq!(
            split_trailing_byline(&format!("会议为期三天。{dispatch}")),
            Some(("会议为期三天。", dispatch))
        );
        assert_eq!(split_trailing_byline("两个县(市、区)参加。"), None);
        assert_eq!(split_trailing_byline("县(市、区)"), None);
    }

    #[test]
    fn datelines_split_from_the_first_paragraph() {
        let (d, rest) = split_dateline("本报讯(记者 叶青)今天上午，全市召开大会。").unwrap();
        assert_eq!(d, "本报讯(记者 叶青)");
        assert_eq!(rest, "今天上午，全市召开大会。");
        let (d, rest) = split_dateline("本报乌镇11月21日电（记者 陈平）大会开幕。").unwrap();
        assert_eq!(d, "本报乌镇11月21日电（记者 陈平）");
        assert_eq!(rest, "大会开幕。");
        assert!(split_dateline("本报告指出，经济增长。").is_none());
        for (line, dateline) in [
            (
                "中新网6月8日电 据香港文汇报报道，全球气候剧变。",
                "中新网6月8日电",
            ),
            (
                "中新社香港六月十二日电 为辟设未来的口岸设施。",
                "中新社香港六月十二日电",
            ),
            (
                "新华网北京6月10日电（记者 某某）国家主席今天致电。",
                "新华网北京6月10日电（记者 某某）",
            ),
            (
                "新浪体育讯北京时间4月12日，在和马刺的比赛中。",
                "新浪体育讯",
            ),
            (
                "中广网北京7月6日消息 据中国之声报道。",
                "中广网北京7月6日消息",
            ),
            (
                "11月5日消息，住房和城乡建设部政策研究中心表示。",
                "11月5日消息",
            ),
        ] {
            assert_eq!(split_dateline(line).map(|d| d.0), Some(dateline), "{line}");
        }
        assert_eq!(
            split_dateline("7月26日电（记者 某某）国家主席特别代表抵达。").map(|d| d.0),
            Some("7月26日电（记者 某某）")
        );
        for text in [
            "11月5日电视台播出了专题片。",
            "喜讯传来，全村沸腾了。",
            "通讯员在现场看到。",
            "网络直播3月5日消息不断。",
            "11月5日，全市召开大会。",
        ] {
            assert_eq!(split_dateline(text), None, "{text}");
        }
    }

    #[test]
    fn continuation_markers_are_removed() {
        let (rest, found) = take_continuations("推动城市更新(下转第七版)");
        assert_eq!(rest, "推动城市更新");
        assert_eq!(found, vec!["(下转第七版)"]);
        let (rest, found) = take_continuations("（上接第1版）");
        assert_eq!(rest, "");
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn photo_credits_split_from_captions() {
        assert_eq!(
            split_credit("市民在广场参观。 本报记者 张某 摄"),
            Some(("市民在广场参观。", "本报记者 张某 摄"))
        );
        assert_eq!(
            split_credit("选手们冲过终点（李华 摄）"),
            Some(("选手们冲过终点", "（李华 摄）"))
        );
        assert_eq!(split_credit("王明 摄"), Some(("", "王明 摄")));
        assert_eq!(split_credit("馆内严禁拍摄"), None);
    }
}
