//! The catalogue of bad input: every case gives a result (documented in
//! each test) and never a panic.

use jianbao::analysis::Analyzer;
use jianbao::classify::{Abstention, TopicModel};
use jianbao::digest::Digest;
use jianbao::keywords::KeywordExtractor;
use jianbao::summarize::{Budget, Summarizer};
use jianbao::text::{parse_page, split_sentences};

fn digest() -> Digest {
    Digest::builder().build().unwrap()
}

fn two() -> Summarizer {
    Summarizer::builder()
        .budget(Budget::Sentences(2))
        .build()
        .unwrap()
}

/// `summarizer`'s summary of a text with no headline.
fn summary(summarizer: &Summarizer, text: &str) -> jianbao::summarize::Summary {
    summarizer.summarize(&Analyzer::default().analyze(text))
}

#[test]
fn empty_and_whitespace_only_give_nothing() {
    for text in ["", "   ", "\n\n\t\u{3000}\r\n", "\u{200b}\u{feff}"] {
        assert!(digest().page(text).articles.is_empty(), "{text:?}");
        assert!(summary(&two(), text).sentences.is_empty());
        let doc = Analyzer::default().analyze(text);
        assert!(KeywordExtractor::default().extract(&doc).words.is_empty());
        // No label, with the reason, and the model's prior.
        let p = TopicModel::shipped().unwrap().predict(&doc);
        assert_eq!((p.label, p.abstention), (None, Some(Abstention::NoText)));
        assert!((p.scores.values().sum::<f64>() - 1.0).abs() < 1e-9);
    }
}

#[test]
fn punctuation_only_is_an_article_without_sentences() {
    let d = digest().page("。！？，……——“”");
    assert_eq!(d.articles.len(), 1);
    assert!(d.articles[0].summary.is_empty());
    assert!(summary(&two(), "。！？，……").sentences.is_empty());
}

#[test]
fn text_without_chinese_still_works() {
    // English sentences end only at `!?;` (a `.` may be a decimal point).
    let text = "GDP grew 5.1% in 2026! Exports rose; imports fell? 12345 😀🎉";
    let s = summary(&two(), text);
    assert_eq!(s.sentences.len(), 2);
    let d = digest().page(text);
    assert_eq!(d.articles.len(), 1);
    assert!(d.articles[0].summary.iter().all(|x| text.contains(&x.text)));
}

#[test]
fn one_endless_sentence() {
    let text = "全市推进高质量发展".repeat(22_222); // 200 000 characters, no punctuation
    let sentences = split_sentences(&text);
    assert_eq!(sentences.len(), 1);
    // A sentence budget returns the sentence; a character budget smaller than it returns nothing.
    assert_eq!(summary(&two(), &text).sentences.len(), 1);
    let chars = Summarizer::builder()
        .budget(Budget::Chars(500))
        .build()
        .unwrap();
    assert!(summary(&chars, &text).sentences.is_empty());
    let d = digest().page(&text);
    assert_eq!(d.articles[0].summary.len(), 1);
}

#[test]
fn ten_megabytes_of_one_character() {
    let text = "的".repeat(10 * 1024 * 1024 / 3);
    let d = digest().page(&text);
    assert_eq!(d.articles.len(), 1);
    // `的` is a stop word: no keywords, one sentence, a valid topic.
    assert!(d.articles[0].keywords.is_empty());
    assert_eq!(d.articles[0].summary.len(), 1);
    assert!((d.articles[0].topic.scores.values().sum::<f64>() - 1.0).abs() < 1e-9);
}

#[test]
fn traditional_and_simplified_mixed() {
    let page = "# 市政府召開會議\n\n市政府昨日召開常務會議，研究部署安全生產工作。会议要求各部门压实责任。";
    let d = digest().page(page);
    assert_eq!(d.articles[0].title.as_deref(), Some("市政府召開會議"));
    assert_eq!(d.articles[0].summary.len(), 2);
}

#[test]
fn control_characters_and_zero_width_spaces_are_cleaned() {
    let page = "# 标\u{200b}题\n\n全市\u{0007}推进\u{200d}乡村\u{feff}振兴。\u{0000}";
    let a = &parse_page(page)[0];
    assert_eq!(a.title.as_deref(), Some("标题"));
    assert_eq!(a.body, "全市推进乡村振兴。");
}

#[test]
fn heading_without_body_and_body_without_heading() {
    let d = digest().page("# 只有标题\n\n# 第二个标题");
    assert_eq!(d.articles.len(), 2);
    assert!(
        d.articles
            .iter()
            .all(|a| a.summary.is_empty() && a.body.is_empty())
    );
    assert!(d.articles.iter().all(|a| a.topic.scores.len() == 4));

    let d = digest().page("没有标题的正文。第二句话。");
    assert_eq!(d.articles.len(), 1);
    assert_eq!(d.articles[0].title, None);
    assert_eq!(d.articles[0].summary.len(), 2);
}

#[test]
fn ten_thousand_headings() {
    let page: String = (0..10_000)
        .map(|i| format!("# 标题{i}\n正文第{i}句。\n"))
        .collect();
    let d = digest().page(&page);
    assert_eq!(d.articles.len(), 10_000);
    assert_eq!(d.articles[9_999].title.as_deref(), Some("标题9999"));
    assert_eq!(d.articles[9_999].summary[0].text, "正文第9999句。");
}

#[test]
fn a_hundred_thousand_short_unpunctuated_lines_are_one_paragraph() {
    // Heading-shaped lines that never end a sentence: each joins the one
    // open paragraph (once counted again for every line: minutes at 10 MB).
    let line = "社区医院今天开诊";
    let page = format!("# 标题\n\n{}\n", vec![line; 100_000].join("\n"));
    let articles = jianbao::text::layout::parse_page(&page);
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].paragraphs.len(), 1);
    assert!(articles[0].sections.is_empty());
    assert_eq!(articles[0].body, line.repeat(100_000));
}

#[test]
fn model_file_too_large_is_refused_before_reading() {
    let path = std::env::temp_dir().join(format!("jianbao-huge-{}.json", std::process::id()));
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(1 << 30).unwrap(); // a sparse 1 GB file: nothing is written
    drop(f);
    let err = TopicModel::load(&path).unwrap_err();
    std::fs::remove_file(&path).ok();
    assert!(err.to_string().contains("limit"), "{err}");
}
