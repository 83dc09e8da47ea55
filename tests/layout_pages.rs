//! Text preparation on whole pages written by the team in the style of a
//! city newspaper: kickers, sub-headlines, section heads, photo items,
//! bylines, continuation markers and lines broken mid-word by the layout.

use jianbao::text::{Article, parse_page, split_sentences};

const FRONT: &str = include_str!("../examples/data/page_front.md");
const LIVELIHOOD: &str = include_str!("../examples/data/page_livelihood.md");
const REGION: &str = include_str!("../examples/data/page_region.md");

fn titles(articles: &[Article]) -> Vec<&str> {
    articles.iter().map(Article::title_or_empty).collect()
}

#[test]
fn front_page_articles_kicker_and_photo_item() {
    let a = parse_page(FRONT);
    assert_eq!(
        titles(&a),
        vec![
            "临江与三明签署十项合作协议",
            "图片新闻",
            "市委常委会召开会议"
        ]
    );
    assert_eq!(a[0].kicker.as_deref(), Some("深化区域协作 共建产业走廊"));
    assert_eq!(
        a[0].subtitles,
        vec!["涉及新能源装备、文旅线路和职业教育，总投资约86亿元"]
    );
    assert_eq!(
        a[0].metadata.bylines,
        vec!["本报讯(记者 周雨桐 通讯员 林海)"]
    );
    assert_eq!(a[0].metadata.continuations, vec!["(下转第三版)"]);
    // Broken across a blank line mid-word: 文旅 / 线路, 500名以 / 上.
    assert!(a[0].body.contains("文旅线路共建"));
    assert!(a[0].body.contains("500名以上。此外"));
    assert!(!a[0].body.contains("下转"));

    // The `##` after the continuation marker is a photo item, not a sub-headline.
    assert_eq!(a[1].metadata.credits, vec!["本报记者 郑凯 摄"]);
    // A photo item's caption is its body.
    assert!(a[1].body.ends_with("感受城市的秋日风光。"));
    assert_eq!(a[1].metadata.captions.len(), 1);

    assert_eq!(a[2].subtitles, vec!["研究部署冬季安全生产和民生保障工作"]);
    let sections: Vec<&str> = a[2].sections.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        sections,
        vec!["抓好重点领域隐患排查", "兜牢困难群众基本生活"]
    );
    assert!(a[2].body[a[2].sections[0].span.range()].starts_with("会议要求"));
    assert!(a[2].body.contains("部门监管责任和企业主体责任。"));
}

#[test]
fn livelihood_page_bylines_credits_and_dash_subtitle() {
    let a = parse_page(LIVELIHOOD);
    assert_eq!(
        titles(&a),
        vec![
            "非遗工坊走进社区 老手艺有了新传人",
            "全市建成42家社区医院",
            "城乡公交一体化 村民出行不再难"
        ]
    );
    assert_eq!(a[0].metadata.bylines, vec!["本报记者 吴思涵 通讯员 黄晓楠"]);
    assert_eq!(a[0].metadata.credits, vec!["本报记者 吴思涵 摄"]);
    // A caption inside an article is metadata, not article text.
    assert_eq!(
        a[0].metadata.captions,
        vec!["居民在城东街道文化活动中心学习竹编技艺。"]
    );
    assert!(!a[0].body.contains("学习竹编技艺。"));
    assert!(a[0].body.contains("文创产品，让老手艺"));
    assert_eq!(a[1].kicker.as_deref(), Some("家门口看病更方便了"));
    assert_eq!(a[1].subtitles, vec!["——基层首诊率提升至67.3%"]);
    assert!(a[1].body.starts_with("记者从市卫生健康委获悉"));
    assert!(a[1].body.contains("流动医疗服务点，让群众"));
    // The quotation keeps its attribution: no `他说。` fragment.
    let s = split_sentences(&a[1].body);
    assert!(s.iter().all(|x| x.text != "他说。"));
    assert!(
        s.iter()
            .any(|x| x.text.starts_with("“以前") && x.text.ends_with("他说。"))
    );
}

#[test]
fn region_page_half_width_punctuation_and_continued_article() {
    let a = parse_page(REGION);
    assert_eq!(a.len(), 4);
    assert_eq!(a[0].kicker.as_deref(), Some("在新起点上奋力推进高质量发展"));
    assert_eq!(a[0].metadata.bylines, vec!["本报讯(记者 叶青)"]);
    // 高质 / 量发展 across a blank line, with half-width commas around it.
    assert!(a[0].body.contains("推动高质量发展的具体举措。要紧盯"));
    assert!(a[0].body.contains("攻关和乡村全面振兴,"));
    assert_eq!(a[1].subtitles, vec!["——推动友城交流 深化经贸合作"]);
    assert_eq!(a[1].metadata.bylines, vec!["本报记者 周雨桐"]);
    assert_eq!(a[2].metadata.bylines, vec!["本报讯"]);
    assert!(a[2].body.starts_with("由长江中游城市群"));
    assert_eq!(a[3].metadata.continuations, vec!["(上接第一版)"]);
    assert!(a[3].body.starts_with("联盟成立后"));
}

#[test]
fn sentence_counts_and_spans_on_every_page() {
    let expected: [(&str, &[usize]); 3] = [
        (FRONT, &[9, 1, 5]),
        (LIVELIHOOD, &[10, 5, 4]),
        (REGION, &[5, 4, 2, 3]),
    ];
    for (page, counts) in expected {
        let articles = parse_page(page);
        let got: Vec<usize> = articles
            .iter()
            .map(|a| split_sentences(&a.body).len())
            .collect();
        assert_eq!(got, counts);
        for a in &articles {
            for s in split_sentences(&a.body) {
                assert_eq!(&a.body[s.span.range()], s.text);
                assert!(!s.text.contains('\n'));
            }
            for p in &a.paragraphs {
                for src in &p.source {
                    assert!(page.get(src.range()).is_some());
                }
            }
        }
    }
}

#[test]
fn byline_and_credit_text_never_reach_the_body() {
    for page in [FRONT, LIVELIHOOD, REGION] {
        for a in parse_page(page) {
            assert!(!a.body.contains("本报讯"), "{}", a.body);
            assert!(!a.body.contains(" 摄"), "{}", a.body);
            assert!(!a.body.contains("转第"), "{}", a.body);
            assert!(!a.body.contains('#'), "{}", a.body);
        }
    }
}

/// Layouts met on real pages, in made-up text of the same shapes.
mod real_page_shapes {
    use super::*;

    fn only(page: &str) -> Article {
        let mut articles = parse_page(page);
        assert_eq!(articles.len(), 1, "{articles:#?}");
        articles.remove(0)
    }

    #[test]
    fn a_heading_set_over_short_lines_is_a_section_head() {
        let page = "# 社区医生守护万家灯火\n\n第一段说明情况，社区医院今年接诊三万人次。\n\n\
                    社区医生王某某\n守护在\n万家灯火里\n本报记者 李某\n\
                    “只要居民需要，我们随叫随到。”王某某说。\n";
        let a = only(page);
        assert_eq!(a.sections.len(), 1);
        assert_eq!(a.sections[0].text, "社区医生王某某守护在万家灯火里");
        assert_eq!(a.metadata.bylines, ["本报记者 李某"]);
        let sentences: Vec<&str> = split_sentences(&a.body).iter().map(|s| s.text).collect();
        assert_eq!(sentences[1], "“只要居民需要，我们随叫随到。”王某某说。");
        assert_eq!(&a.body[a.sections[0].span.range()], sentences[1]);
    }

    #[test]
    fn a_short_unpunctuated_line_above_a_whole_paragraph_is_a_section_head() {
        // Paragraphs set as whole lines, with an in-text head between them.
        let page = "# 老旧小区改造惠及万户居民

                    今年以来，全市启动老旧小区改造项目四十二个，涉及居民一万余户，计划年底前全部完工。
                    加装电梯让老人出门不再难
                    在东湖街道的一个小区里，新装的电梯已经投入使用，八十岁的住户张大爷每天都下楼散步，他说这是多年来最高兴的一件事。
                    社区负责人介绍，
                    改造前已多次征求居民意见。
";
        let a = only(page);
        assert_eq!(a.sections.len(), 1, "{a:#?}");
        assert_eq!(a.sections[0].text, "加装电梯让老人出门不再难");
        let sentences: Vec<&str> = split_sentences(&a.body).iter().map(|s| s.text).collect();
        assert!(sentences[1].starts_with("在东湖街道"), "{sentences:?}");
        assert!(a.body[a.sections[0].span.range()].starts_with("在东湖街道"));
        // A short line broken by the layout, above a line no longer than
        // twice it, stays joined.
        assert!(
            a.body
                .contains("社区负责人介绍，改造前已多次征求居民意见。")
        );
        let a = only(
            "# 标题

全市今年新建改建
公园绿地二十处，市民休闲更方便。
",
        );
        assert!(a.sections.is_empty());
        assert_eq!(a.body, "全市今年新建改建公园绿地二十处，市民休闲更方便。");
        // A one-line head may hold commas; a line that stops at a comma, a
        // colon or a dash goes on below, and a longer unfinished line above
        // a far longer one stands alone.
        let page = "# 标题\n\n\
                    去年全市新增就业岗位八万个，城镇调查失业率保持在百分之五以下，就业形势总体稳定。\n\
                    搭建平台，送岗位上门\n\
                    今年春节后，市人社局在各区举办了二十多场招聘会，把岗位信息送到社区和村里，求职者在家门口就能找到合适的工作。\n\
                    市人社局负责人介绍，今年的招聘会有三个新变化——\n\
                    一是线上线下同步进行，二是岗位信息提前一周公布，三是为残疾人等困难群体设立专场，让每一位求职者都能找到机会。\n\
                    人民需要就业：下岗的职工在等着，毕业的学生在等着，返乡的农民工也在等着\n\
                    就业是最大的民生。做好就业工作，必须把困难群体放在心上，帮助他们尽快找到工作，稳定家庭收入，让每一个家庭都能过上安稳的日子，这是我们义不容辞的责任。\n";
        let a = only(page);
        let heads: Vec<&str> = a.sections.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(heads, ["搭建平台，送岗位上门"], "{a:#?}");
        assert!(
            a.body.contains("三个新变化——一是线上线下同步进行"),
            "{}",
            a.body
        );
        let sentences: Vec<&str> = split_sentences(&a.body).iter().map(|s| s.text).collect();
        let lead_in = "人民需要就业：下岗的职工在等着，毕业的学生在等着，返乡的农民工也在等着";
        assert!(sentences.contains(&lead_in), "{sentences:?}");
        assert!(sentences.contains(&"就业是最大的民生。"), "{sentences:?}");
    }

    /// A whole paragraph's line, far longer than any head.
    const LONG: &str = "今年以来，全市新建社区食堂四十家，每天为一万多名老人提供午餐，\
                        价格比市场低三成，老人们都说吃得实惠又放心。";

    fn sentences(a: &Article) -> Vec<&str> {
        split_sentences(&a.body).iter().map(|s| s.text).collect()
    }

    #[test]
    fn a_head_between_whole_paragraphs_stands_alone_above_a_short_one() {
        // Paragraphs set as whole lines: a head above a short paragraph is
        // no line the layout broke, since the line above it is far longer.
        let a = only(&format!(
            "# 标题\n\n{LONG}\n加快立法，守护老人钱袋子\n防范养老诈骗是委员们的共同意见。\n"
        ));
        let heads: Vec<&str> = a.sections.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(heads, ["加快立法，守护老人钱袋子"], "{a:#?}");
        assert_eq!(sentences(&a)[1], "防范养老诈骗是委员们的共同意见。");
        // A head and the summary line under it, above a quotation.
        let a = only(&format!(
            "# 标题\n\n{LONG}\n抓源头，管好食材\n坚决打击非法交易，决不让问题食材进入后厨\n\
             “食材安心，我们才能吃得放心。”在市区一家单位工作的王女士说。\n"
        ));
        assert_eq!(a.sections.len(), 2, "{a:#?}");
        assert_eq!(sentences(&a)[1], "“食材安心，我们才能吃得放心。”", "{a:#?}");
        // At the top of the body, the whole paragraph below the short one
        // tells the same.
        let a = only(&format!(
            "# 标题\n\n承前启后，城市更新惠及千家万户\n老城区换了新模样。\n{LONG}\n"
        ));
        assert_eq!(a.sections[0].text, "承前启后，城市更新惠及千家万户");
        assert_eq!(sentences(&a)[0], "老城区换了新模样。");
    }

    #[test]
    fn dispatch_and_author_notes_are_metadata() {
        let a = only(
            "# 标题\n\n安全会议今天开幕，各国代表围绕全球安全形势展开讨论。\n\
             （本报慕尼黑2月17日电　记者 冯某某）\n",
        );
        assert_eq!(
            a.body,
            "安全会议今天开幕，各国代表围绕全球安全形势展开讨论。"
        );
        assert_eq!(a.metadata.bylines.len(), 1);
        let a = only("# 标题\n\n文化自信是更基础、更广泛、更深厚的自信。（作者为某某大学教授）\n");
        assert_eq!(a.body, "文化自信是更基础、更广泛、更深厚的自信。");
        assert_eq!(a.metadata.bylines, ["（作者为某某大学教授）"]);
    }

    #[test]
    fn numbered_captions_and_name_only_credits_are_metadata() {
        let a = only(&format!(
            "# 标题\n\n{LONG}\n图①：村医在山路上巡诊。\n吴某某摄\n\
             图②：新建的村卫生室。\n本报记者 李某某摄\n"
        ));
        assert_eq!(a.body, LONG);
        assert_eq!(
            a.metadata.captions,
            ["图①：村医在山路上巡诊。", "图②：新建的村卫生室。"]
        );
        assert_eq!(a.metadata.credits.len(), 2, "{a:#?}");
    }

    #[test]
    fn a_label_of_a_few_characters_stands_alone() {
        let a = only("# 标题\n\n核心阅读\n冬运会将于下月开幕。\n");
        assert_eq!(a.sections[0].text, "核心阅读");
        assert_eq!(a.body, "冬运会将于下月开幕。");
    }

    #[test]
    fn a_narrow_column_beside_a_photo_stays_joined() {
        // Lines of one narrower width under a long one: broken by the layout.
        let a = only(&format!(
            "# 标题\n\n{LONG}\n社区食堂由街道统一\n招标运营，菜品每周\n更新一次。\n"
        ));
        assert!(a.sections.is_empty(), "{a:#?}");
        assert!(
            a.body
                .ends_with("社区食堂由街道统一招标运营，菜品每周更新一次。")
        );
    }

    #[test]
    fn a_line_broken_before_a_quotation_mid_sentence_stays_joined() {
        // One short line, then a quotation: a sentence broken by the layout.
        let a = only("# 标题\n\n他被大家称为\n“社区的守夜人”，一干就是二十年。\n");
        assert!(a.sections.is_empty());
        assert_eq!(a.body, "他被大家称为“社区的守夜人”，一干就是二十年。");
        // Lines of running text broken by the layout stay one paragraph.
        let a = only("# 标题\n\n全市推动高质\n\n量发展，成效明显。\n");
        assert_eq!(a.body, "全市推动高质量发展，成效明显。");
    }

    #[test]
    fn setext_headings_and_rules() {
        let articles = parse_page("社区新闻\n====\n\n医院开诊。\n\n便民服务\n----\n\n公交开通。\n");
        // `===` is a `#` headline, `---` a `##` line (after body text, the
        // title of an item).
        assert_eq!(titles(&articles), ["社区新闻", "便民服务"]);
        assert_eq!(articles[0].body, "医院开诊。");
        assert_eq!(articles[1].body, "公交开通。");
        // Under a finished sentence a line of dashes is a rule, and no text.
        let a = only("# 标题\n\n医院开诊。\n------\n公交开通。\n");
        assert_eq!(a.body, "医院开诊。\n公交开通。");
    }

    #[test]
    fn a_hashtag_line_is_text() {
        let a = only("# 标题\n\n#社区义诊# 今天社区开展了义诊活动，居民踊跃参加。\n");
        assert_eq!(a.title.as_deref(), Some("标题"));
        assert!(a.body.contains("义诊活动"), "{}", a.body);
    }

    #[test]
    fn a_byline_above_the_first_headline_attaches_to_it() {
        let a = only("本报记者 李明\n\n# 社区医院开诊\n\n社区医院今天开诊。\n");
        assert_eq!(a.title.as_deref(), Some("社区医院开诊"));
        assert_eq!(a.metadata.bylines, ["本报记者 李明"]);
    }

    #[test]
    fn a_lone_photo_credit_is_a_credit() {
        let a = only("# 标题\n\n社区医院今天开诊。\n\n本报记者 张晓明 摄\n");
        assert_eq!(a.metadata.credits, ["本报记者 张晓明 摄"]);
        assert!(a.metadata.bylines.is_empty());
    }

    #[test]
    fn html_is_stripped_and_counted() {
        let a = only("# 标题\n\n<p>医院新楼&nbsp;今天<b>启用</b>。</p>\n<br>\n");
        assert_eq!(a.body, "医院新楼今天启用。");
        assert_eq!(a.markup_removed, 6);
        assert_eq!(only("# 标题\n\n医院开诊。\n").markup_removed, 0);
    }

    #[test]
    fn quote_markers_are_removed() {
        let a = only("# 标题\n\n> 引用的一段话，说明了医生的工作。\n>> 第二层引用。\n");
        assert_eq!(a.body, "引用的一段话，说明了医生的工作。\n第二层引用。");
    }

    #[test]
    fn english_sentences_end_at_a_full_stop_but_numbers_do_not() {
        let text = "The clinic opened today. It serves 3.5 thousand people. Dr. Li works late.";
        let sentences: Vec<&str> = split_sentences(text).iter().map(|s| s.text).collect();
        assert_eq!(
            sentences,
            [
                "The clinic opened today.",
                "It serves 3.5 thousand people.",
                "Dr. Li works late."
            ]
        );
    }

    #[test]
    fn every_line_ending_ends_a_line() {
        for ending in ["\n", "\r\n", "\r"] {
            let page = ["# 标题一", "正文第一句。", "# 标题二", "正文第二句。"].join(ending);
            let articles = parse_page(&page);
            assert_eq!(titles(&articles), ["标题一", "标题二"], "{ending:?}");
            assert_eq!(articles[1].body, "正文第二句。");
        }
    }
}
