//! Text preparation never panics, whatever the input.

use jianbao::text::{parse_page, split_sentences};
use proptest::prelude::*;

fn check(page: &str) {
    for a in parse_page(page) {
        for s in split_sentences(&a.body) {
            assert_eq!(&a.body[s.start..s.end], s.text);
        }
        for sec in &a.sections {
            assert!(sec.offset <= a.body.len());
        }
        assert!(page.get(a.source.clone()).is_some());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_unicode_never_panics(page in "\\PC*") {
        check(&page);
    }

    #[test]
    fn page_like_text_never_panics(
        lines in prop::collection::vec(
            prop_oneof![
                Just(String::new()),
                "#{1,4} ?[\\u4e00-\\u9fff ]{0,12}",
                "[\\u4e00-\\u9fff，。！？；“”（）()…\\. 0-9]{0,40}",
                "本报讯\\(记者 [\\u4e00-\\u9fff]{2,3}\\)[\\u4e00-\\u9fff，。]{0,20}",
                "[\\u4e00-\\u9fff]{0,10} ?[\\u4e00-\\u9fff]{2,3} 摄\\)?",
                "\\(下转第[一二三七]版\\)",
            ],
            0..30,
        )
    ) {
        check(&lines.join("\n"));
    }

    #[test]
    fn very_long_lines_never_panic(c in "[\\u4e00-\\u9fffa-z，。“”]", n in 1usize..50_000) {
        check(&c.repeat(n));
    }
}

#[test]
fn whitespace_only_pages_have_no_articles() {
    assert!(parse_page("").is_empty());
    assert!(parse_page("\n\n \u{3000}\r\n").is_empty());
}

#[test]
fn heading_without_body_is_kept() {
    let a = parse_page("# 只有标题");
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].body, "");
}
