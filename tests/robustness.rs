//! Text preparation never panics, whatever the input.

use jianbao::text::{parse_page, split_sentences};
use proptest::prelude::*;

fn check(page: &str) {
    for a in parse_page(page) {
        for s in split_sentences(&a.body) {
            assert_eq!(&a.body[s.span.range()], s.text);
        }
        for sec in &a.sections {
            assert!(a.body.get(sec.span.range()).is_some());
        }
        assert!(page.get(a.source.range()).is_some());
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

mod invariants {
    use jianbao::analysis::Analyzer;
    use jianbao::classify::TopicModel;
    use jianbao::digest::Digest;
    use jianbao::summarize::{Budget, Method, Summarizer};
    use jianbao::text::split_sentences;
    use proptest::prelude::*;

    /// Chinese-looking text: words, punctuation, quotes, line breaks.
    fn news_text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                "[\\u4e00-\\u9fa5]{1,12}",
                Just("。".to_string()),
                Just("，".to_string()),
                Just("！".to_string()),
                Just("；".to_string()),
                Just("“".to_string()),
                Just("”".to_string()),
                Just("\n".to_string()),
                "[0-9]{1,4}",
                Just("# 标题\n".to_string()),
            ],
            0..80,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn summaries_are_ordered_subsets_with_exact_spans(
            text in news_text(),
            k in 1usize..6,
            method in prop_oneof![Just(Method::TextRank), Just(Method::TfIdf), Just(Method::Lead)],
        ) {
            let s = Summarizer::builder().method(method).budget(Budget::Sentences(k)).build().unwrap();
            let summary = s.summarize(&Analyzer::default().analyze(&text));
            let all = split_sentences(&text);
            prop_assert_eq!(summary.sentences.len(), k.min(all.len()));
            prop_assert!(summary.sentences.windows(2).all(|w| w[0].index < w[1].index));
            for x in &summary.sentences {
                prop_assert_eq!(&text[x.span.range()], x.text.as_str());
                prop_assert_eq!(all[x.index].text, x.text.as_str());
            }
        }

        #[test]
        fn character_budget_is_never_exceeded(text in news_text(), limit in 1usize..200) {
            let s = Summarizer::builder().budget(Budget::Chars(limit)).build().unwrap();
            prop_assert!(s.summarize(&Analyzer::default().analyze(&text)).char_count() <= limit);
        }

        #[test]
        fn probabilities_sum_to_one(text in "\\PC{0,300}") {
            let p = TopicModel::shipped().unwrap().predict_text(None, &text);
            let sum: f64 = p.scores.values().sum();
            prop_assert!((sum - 1.0).abs() < 1e-9);
            prop_assert!(p.scores.values().all(|x| (0.0..=1.0).contains(x)));
        }

        #[test]
        fn digest_never_panics(page in "\\PC{0,400}") {
            let d = Digest::builder().build().unwrap().page(&page);
            for a in &d.articles {
                for s in &a.summary {
                    prop_assert_eq!(&a.body[s.span.range()], s.text.as_str());
                }
            }
        }
    }
}
