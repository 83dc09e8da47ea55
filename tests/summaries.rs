//! Summaries and keywords of team-written articles: the sentences a reader
//! would pick, budgets kept, order and spans right.

use jianbao::analysis::Analyzer;
use jianbao::keywords::KeywordExtractor;
use jianbao::summarize::{Budget, Method, Summarizer, Summary};
use jianbao::text::{Article, parse_page, split_sentences};

const FRONT: &str = include_str!("../examples/data/page_front.md");
const REGION: &str = include_str!("../examples/data/page_region.md");
const LIVELIHOOD: &str = include_str!("../examples/data/page_livelihood.md");

fn article(page: &str, title: &str) -> Article {
    parse_page(page)
        .into_iter()
        .find(|a| a.title_or_empty() == title)
        .unwrap_or_else(|| panic!("no article titled {title}"))
}

/// The summary of a page's article, with its headline lines given.
fn of_article(s: &Summarizer, a: &Article) -> Summary {
    s.summarize(&Analyzer::default().analyze_titled(Some(&a.headline()), &a.body))
}

/// The summary of a text with no headline.
fn of_text(s: &Summarizer, text: &str) -> Summary {
    s.summarize(&Analyzer::default().analyze(text))
}

fn two(method: Method) -> Summarizer {
    Summarizer::builder()
        .method(method)
        .budget(Budget::Sentences(2))
        .build()
        .unwrap()
}

#[test]
fn meeting_report_keeps_the_lead_and_the_substance() {
    let a = article(FRONT, "市委常委会召开会议");
    let s = of_article(&two(Method::TextRank), &a);
    let texts: Vec<&str> = s.sentences.iter().map(|x| x.text.as_str()).collect();
    assert!(texts[0].starts_with("11月25日下午，市委书记陈建国主持召开市委常委会会议"));
    // Never the closing boilerplate.
    assert!(texts.iter().all(|t| *t != "会议还研究了其他事项。"));
}

#[test]
fn delegation_report_picks_the_visit_and_the_signing() {
    let a = article(REGION, "临江代表团访问德国和匈牙利");
    let s = of_article(&two(Method::TextRank), &a);
    let texts: Vec<&str> = s.sentences.iter().map(|x| x.text.as_str()).collect();
    assert!(texts[0].starts_with("应德国不来梅州和匈牙利佩奇市邀请"));
    assert!(texts[1].contains("缔结友好城市关系意向书"));
}

#[test]
fn feature_story_skips_the_scene_setting_lead() {
    // The story opens on a scene; the news (the programme and its figures)
    // comes later, and the headline says so.
    let a = article(LIVELIHOOD, "非遗工坊走进社区 老手艺有了新传人");
    let s = of_article(&two(Method::TextRank), &a);
    assert!(s.text().contains("“非遗工坊进社区”活动"));
    assert!(!s.text().contains("周末的清晨"));
}

#[test]
fn every_method_returns_sentences_in_order_with_exact_spans() {
    for page in [FRONT, REGION, LIVELIHOOD] {
        for a in parse_page(page) {
            for method in [Method::TextRank, Method::TfIdf, Method::Lead] {
                let s = of_article(
                    &Summarizer::builder()
                        .method(method)
                        .budget(Budget::Sentences(3))
                        .build()
                        .unwrap(),
                    &a,
                );
                let n = split_sentences(&a.body).len();
                assert_eq!(s.sentences.len(), n.min(3));
                assert!(s.sentences.windows(2).all(|w| w[0].index < w[1].index));
                for x in &s.sentences {
                    assert_eq!(&a.body[x.span.range()], x.text);
                }
            }
        }
    }
}

#[test]
fn lead_is_the_first_sentences() {
    let a = article(FRONT, "临江与三明签署十项合作协议");
    let s = of_article(&two(Method::Lead), &a);
    let idx: Vec<usize> = s.sentences.iter().map(|x| x.index).collect();
    assert_eq!(idx, vec![0, 1]);
}

#[test]
fn character_budget_is_never_exceeded() {
    let a = article(LIVELIHOOD, "全市建成42家社区医院");
    for limit in [1, 10, 60, 100, 150, 400, 10_000] {
        let s = Summarizer::builder()
            .budget(Budget::Chars(limit))
            .build()
            .unwrap();
        let summary = of_article(&s, &a);
        assert!(
            summary.char_count() <= limit,
            "{limit}: {}",
            summary.char_count()
        );
        if limit >= 150 {
            assert!(!summary.sentences.is_empty());
        }
    }
    // Everything fits: everything is returned.
    let s = Summarizer::builder()
        .budget(Budget::Chars(10_000))
        .build()
        .unwrap();
    assert_eq!(
        of_article(&s, &a).sentences.len(),
        split_sentences(&a.body).len()
    );
}

#[test]
fn ratio_budget_rounds_up() {
    let a = article(FRONT, "临江与三明签署十项合作协议");
    let n = split_sentences(&a.body).len();
    let s = Summarizer::builder()
        .budget(Budget::Ratio(0.25))
        .build()
        .unwrap();
    assert_eq!(
        of_article(&s, &a).sentences.len(),
        (n as f64 * 0.25).ceil() as usize
    );
}

#[test]
fn near_duplicates_are_not_both_chosen() {
    let text = "全市建成42家社区医院，实现街道全覆盖。\
                全市建成42家社区医院，实现了街道全覆盖。\
                社区医院与三甲医院组建医联体，专家定期坐诊。\
                下一步将推进家庭医生签约服务。";
    let s = of_text(&two(Method::TextRank), text);
    let idx: Vec<usize> = s.sentences.iter().map(|x| x.index).collect();
    assert!(!(idx.contains(&0) && idx.contains(&1)), "{idx:?}");
}

#[test]
fn tiny_documents() {
    let s = two(Method::TextRank);
    assert!(of_text(&s, "").sentences.is_empty());
    assert!(of_text(&s, "  \n ").sentences.is_empty());
    let one = of_text(&s, "全市186个行政村全部通上公交。");
    assert_eq!(one.sentences.len(), 1);
    assert_eq!(one.text(), "全市186个行政村全部通上公交。");
    // No terms at all (only stop words and punctuation) still gives a sentence.
    assert_eq!(of_text(&s, "我们的！").sentences.len(), 1);
}

#[test]
fn results_are_deterministic() {
    let a = article(REGION, "市委理论学习中心组举行专题学习会");
    let s = two(Method::TextRank);
    let first = of_article(&s, &a);
    for _ in 0..5 {
        assert_eq!(of_article(&s, &a), first);
    }
}

#[test]
fn bad_options_are_refused() {
    assert!(
        Summarizer::builder()
            .budget(Budget::Ratio(0.0))
            .build()
            .is_err()
    );
    assert!(
        Summarizer::builder()
            .budget(Budget::Ratio(1.5))
            .build()
            .is_err()
    );
    assert!(Summarizer::builder().damping(1.0).build().is_err());
    for zero in [Budget::Sentences(0), Budget::Chars(0)] {
        let err = Summarizer::builder().budget(zero).build().unwrap_err();
        assert!(matches!(err, jianbao::Error::InvalidOption { .. }), "{err}");
    }
    assert!(Summarizer::builder().mmr_lambda(0.0).build().is_err());
    assert!(
        Summarizer::builder()
            .position_decay(f64::NAN)
            .build()
            .is_err()
    );
    assert!("pagerank".parse::<Method>().is_err());
}

#[test]
fn keywords_of_a_report_name_its_subject() {
    let a = article(LIVELIHOOD, "城乡公交一体化 村民出行不再难");
    let words: Vec<String> = KeywordExtractor::default()
        .extract(&Analyzer::default().analyze(&a.body))
        .words
        .into_iter()
        .map(|k| k.word)
        .collect();
    assert!(words.contains(&"公交".to_string()), "{words:?}");
    assert!(
        words.contains(&"行政村".to_string()) || words.contains(&"村民".to_string()),
        "{words:?}"
    );
}

/// Written for this test: a feature that opens on a scene and a quote,
/// with its news (what, when, where, how many) in the third sentence, and a
/// sentence that opens with `因此` right after a sentence it depends on.
const FEATURE: &str = "清晨六点，江边的薄雾还没有散去，老码头上已经响起了吆喝声。\
“以前这里只卸货，现在游客比货还多。”在码头干了三十年的周师傅笑着说。\
11月18日，临江市老码头文化街区正式开街，12座百年仓库改造成非遗工坊、书店和展馆，首批38家商户入驻。\
街区由市文化广电旅游局牵头改造，总投资2.6亿元，保留了原有的吊机和铁轨。\
因此，老码头成为全市第一个以工业遗存为主题的文化街区。\
开街当天，街区接待游客超过4万人次，夜间灯光秀吸引了不少年轻人。\
市文化广电旅游局表示，下一步将引入更多文创企业，办好周末市集。";

#[test]
fn a_feature_that_opens_on_a_scene_gets_its_news_sentence_chosen() {
    let doc = Analyzer::default().analyze_titled(Some("百年仓库变身文化街区"), FEATURE);
    let s = Summarizer::default().summarize(&doc);
    assert!(
        s.text().contains("11月18日，临江市老码头文化街区正式开街"),
        "{}",
        s.text()
    );
    assert!(!s.text().starts_with("清晨六点"), "{}", s.text());
    // Without the headline, a three-sentence summary holds it too.
    let three = Summarizer::builder()
        .budget(Budget::Sentences(3))
        .build()
        .unwrap();
    let s = three.summarize(&Analyzer::default().analyze(FEATURE));
    assert!(s.text().contains("正式开街"), "{}", s.text());
}

/// The indices of the sentences every method chooses from `text` at 1 to
/// 4 sentences, each checked: a sentence that points back comes with its
/// predecessor.
fn coherent_choices(text: &str) -> Vec<(Method, usize, Vec<usize>)> {
    let mut out = Vec::new();
    for method in [Method::Learned, Method::TextRank, Method::TfIdf] {
        for k in 1..=4 {
            let s = Summarizer::builder()
                .method(method)
                .budget(Budget::Sentences(k))
                .build()
                .unwrap();
            let summary = of_text(&s, text);
            let chosen: Vec<usize> = summary.sentences.iter().map(|x| x.index).collect();
            for x in &summary.sentences {
                if jianbao::summarize::points_back(&x.text) {
                    assert!(
                        x.index > 0 && chosen.contains(&(x.index - 1)),
                        "{method:?} {k}: {chosen:?}"
                    );
                }
            }
            out.push((method, k, chosen));
        }
    }
    out
}

#[test]
fn a_sentence_that_points_back_is_never_chosen_alone() {
    assert_eq!(coherent_choices(FEATURE).len(), 12);
    assert!(jianbao::summarize::points_back(
        "因此，老码头成为文化街区。"
    ));
}

/// Written for this test: a book review whose every sentence after the
/// first points back (`该书…`, `二是…`).
const REVIEW: &str = "李明撰写的《乡村的光》一书，近日由临江出版社出版。\
该书记录了十位乡村教师扎根山区的故事，对于理解乡村教育的变迁具有启发意义。\
该书主要有两个特点，一是视角细腻。\
该书以教师的日常为线索，写出了课堂内外的酸甜苦辣。\
二是资料翔实。\
该书作者走访了二十多所村小，积累了大量一手材料。";

#[test]
fn a_sentence_that_points_back_waits_for_its_predecessor_and_fills_the_budget() {
    for (method, k, chosen) in coherent_choices(REVIEW) {
        assert_eq!(chosen.len(), k, "{method:?}: {chosen:?}");
    }
}

#[test]
fn a_damaged_sentence_scorer_gives_a_typed_error() {
    use jianbao::summarize::SentenceScorer;
    let good = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/models/summary.json"))
        .unwrap();
    assert!(SentenceScorer::from_json("s.json", &good).is_ok());
    assert!(SentenceScorer::shipped().is_ok());
    let cases = [
        (
            good.replacen("\"version\": 1", "\"version\": 3", 1),
            "version",
        ),
        (good.replacen("\"lead\"", "\"leed\"", 1), "features"),
        (
            good.replacen(
                "\"format\": \"jianbao-sentence-scorer\"",
                "\"format\": \"other\"",
                1,
            ),
            "format",
        ),
        (
            good[..good.len() / 3].to_string(),
            "not a jianbao-sentence-scorer file",
        ),
    ];
    for (bad, what) in cases {
        let err = SentenceScorer::from_json("s.json", &bad).unwrap_err();
        assert!(err.to_string().contains(what), "{what}: {err}");
    }
    let path = std::env::temp_dir().join(format!("jianbao-scorer-{}.json", std::process::id()));
    std::fs::write(&path, "{}").unwrap();
    assert!(matches!(
        SentenceScorer::load(&path),
        Err(jianbao::Error::Model { .. })
    ));
    std::fs::remove_file(&path).ok();
}
