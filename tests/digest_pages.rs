//! The page briefing on each sample page: article boundaries, titles,
//! topics, and summaries made only of complete sentences of their article.

use jianbao::digest::{Digest, PageDigest};
use jianbao::text::{parse_page, split_sentences};

const PAGES: [(&str, &str); 3] = [
    ("front", include_str!("../examples/data/page_front.md")),
    (
        "livelihood",
        include_str!("../examples/data/page_livelihood.md"),
    ),
    ("region", include_str!("../examples/data/page_region.md")),
];

fn digest(page: &str) -> PageDigest {
    Digest::builder().build().unwrap().page(page)
}

fn titles_and_topics(d: &PageDigest) -> Vec<(&str, &str)> {
    d.articles
        .iter()
        .map(|a| (a.title.as_deref().unwrap_or(""), a.topic.label_or_dash()))
        .collect()
}

#[test]
fn front_page() {
    let d = digest(PAGES[0].1);
    assert_eq!(
        titles_and_topics(&d),
        vec![
            ("临江与三明签署十项合作协议", "cooperation"),
            ("图片新闻", "culture"),
            ("市委常委会召开会议", "governance"),
        ]
    );
    assert_eq!(
        d.articles[0].kicker.as_deref(),
        Some("深化区域协作 共建产业走廊")
    );
    assert_eq!(
        d.articles[0].byline.as_deref(),
        Some("本报讯(记者 周雨桐 通讯员 林海)")
    );
    assert_eq!(d.articles[1].credits, vec!["本报记者 郑凯 摄"]);
}

#[test]
fn livelihood_page() {
    let d = digest(PAGES[1].1);
    assert_eq!(
        titles_and_topics(&d),
        vec![
            ("非遗工坊走进社区 老手艺有了新传人", "culture"),
            ("全市建成42家社区医院", "public_services"),
            ("城乡公交一体化 村民出行不再难", "public_services"),
        ]
    );
    assert_eq!(
        d.articles[1].subtitle.as_deref(),
        Some("——基层首诊率提升至67.3%")
    );
}

#[test]
fn region_page() {
    let d = digest(PAGES[2].1);
    assert_eq!(
        titles_and_topics(&d),
        vec![
            ("市委理论学习中心组举行专题学习会", "governance"),
            ("临江代表团访问德国和匈牙利", "cooperation"),
            ("第三届长江中游城市文旅论坛下月举办", "cooperation"),
            ("五城共建职业教育联盟", "cooperation"),
        ]
    );
}

#[test]
fn summaries_are_whole_sentences_of_their_own_article() {
    for (name, page) in PAGES {
        let d = digest(page);
        let parsed = parse_page(page);
        assert_eq!(d.articles.len(), parsed.len(), "{name}");
        for (a, p) in d.articles.iter().zip(&parsed) {
            assert_eq!(a.body, p.body);
            let sentences: Vec<&str> = split_sentences(&p.body).iter().map(|s| s.text).collect();
            assert!(
                !a.summary.is_empty() || sentences.is_empty(),
                "{name}: {:?}",
                a.title
            );
            assert!(a.summary.len() <= 2);
            for s in &a.summary {
                assert!(p.body.contains(&s.text), "{name}: {}", s.text);
                assert!(
                    sentences.contains(&s.text.as_str()),
                    "{name}: not a whole sentence: {}",
                    s.text
                );
                assert_eq!(&a.body[s.span.range()], s.text);
                for meta in p.metadata.bylines.iter().chain(&p.metadata.credits) {
                    assert!(!s.text.contains(meta.as_str()), "{name}: {}", s.text);
                }
                assert!(!s.text.contains('#'));
                assert!(p.sections.iter().all(|h| h.text != s.text));
            }
            assert!(!a.keywords.is_empty(), "{name}: {:?}", a.title);
        }
    }
}

#[test]
fn batch_briefs_pages_in_order_and_matches_single_calls() {
    let digest = Digest::builder().build().unwrap();
    let pages: Vec<&str> = PAGES.iter().map(|(_, p)| *p).collect();
    let batch = digest.pages(&pages);
    for (page, d) in pages.iter().zip(&batch) {
        assert_eq!(&digest.page(page), d);
    }
}

#[test]
fn single_article_and_empty_page() {
    let digest = Digest::builder().build().unwrap();
    assert!(digest.page("").articles.is_empty());
    let a = digest.article(
        Some("全市建成42家社区医院"),
        "本报讯(记者 孙明远)截至11月底，全市已建成社区医院42家，实现街道全覆盖。\n\n社区医院与三甲医院组建医联体，专家定期坐诊。",
    );
    assert_eq!(a.title.as_deref(), Some("全市建成42家社区医院"));
    assert_eq!(a.topic.label.as_deref(), Some("public_services"));
    assert_eq!(a.byline.as_deref(), Some("本报讯(记者 孙明远)"));
    assert_eq!(a.summary.len(), 2);
}

#[test]
fn markdown_briefing_lists_every_article() {
    let d = digest(PAGES[0].1);
    let md = d.to_markdown();
    for a in &d.articles {
        assert!(md.contains(&format!("## {}", a.title.as_deref().unwrap())));
        assert!(md.contains(&format!("**{}**", a.topic.label_or_dash())));
    }
}
