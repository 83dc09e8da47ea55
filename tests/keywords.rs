//! Keywords of team-written articles: whole names, user words that become
//! keywords, dictionaries with typed errors, weights as documented.

use jianbao::Error;
use jianbao::analysis::{Analyzer, StopWords};
use jianbao::eval::is_fragment;
use jianbao::keywords::{KeywordExtractor, KeywordMethod};

fn words(analyzer: &Analyzer, extractor: &KeywordExtractor, text: &str) -> Vec<String> {
    extractor
        .extract(&analyzer.analyze(text))
        .words
        .into_iter()
        .map(|k| k.word)
        .collect()
}

/// Written for this test: a village, a person and a region whose names
/// jieba cuts apart (`石桥` `口村`, `陈` `海涛`, `皖` `西南`).
const NAMES: &str = "本报讯 11月20日，皖西南山区的石桥口村迎来一件喜事：村里的茶叶合作社拿到了第一张出口订单。\
市长陈海涛当天来到石桥口村调研，他在茶园里和村民算起了收入账。\
陈海涛说，皖西南的茶叶品质好，要把品牌打出去，让石桥口村的茶农多挣钱。\
据了解，石桥口村今年茶叶产量比去年增加三成，皖西南地区已有十二个村加入合作社。\
陈海涛要求有关部门做好冷链物流和检测服务，帮助合作社稳定订单。";

#[test]
fn names_of_villages_people_and_regions_come_out_whole() {
    let analyzer = Analyzer::default();
    let doc = analyzer.analyze(NAMES);
    for name in ["石桥口村", "陈海涛"] {
        assert!(doc.terms().contains(&name), "{name} in {:?}", doc.terms());
    }
    for piece in ["口村", "海涛"] {
        assert!(doc.term_id(piece).is_none(), "{piece} is still a term");
    }
    let k = words(
        &analyzer,
        &KeywordExtractor::builder().top(8).build().unwrap(),
        NAMES,
    );
    assert!(
        k.contains(&"石桥口村".to_string()) && k.contains(&"陈海涛".to_string()),
        "{k:?}"
    );
    for w in &k {
        assert!(
            !is_fragment(w, NAMES),
            "{w} is a piece of a longer name: {k:?}"
        );
    }
    // Every method gives whole words.
    for method in [KeywordMethod::TfIdf, KeywordMethod::TextRank] {
        let k = words(
            &analyzer,
            &KeywordExtractor::builder()
                .method(method)
                .top(8)
                .build()
                .unwrap(),
            NAMES,
        );
        assert!(
            k.iter().all(|w| !is_fragment(w, NAMES)),
            "{method:?}: {k:?}"
        );
    }
    // The headline's pieces are merged as the body's are.
    let titled = analyzer.analyze_titled(Some("陈海涛调研石桥口村茶叶合作社"), NAMES);
    assert!(titled.title_terms().contains(&"陈海涛") && titled.title_terms().contains(&"石桥口村"));
}

#[test]
fn a_user_word_with_a_tag_becomes_a_keyword() {
    let text = "今年全市推广“云上茶园”模式。云上茶园让茶农在手机上管理茶树，云上茶园还吸引了游客。";
    let analyzer = Analyzer::builder()
        .user_word_with("云上茶园", Some(1000), Some("nt"))
        .build()
        .unwrap();
    for method in [
        KeywordMethod::Learned,
        KeywordMethod::TfIdf,
        KeywordMethod::TextRank,
    ] {
        let extractor = KeywordExtractor::builder().method(method).build().unwrap();
        let k = extractor.extract(&analyzer.analyze(text)).words;
        let w = k
            .iter()
            .find(|k| k.word == "云上茶园")
            .unwrap_or_else(|| panic!("{method:?}: {k:?}"));
        assert_eq!(w.tag, "nt");
    }
    // A user word without a tag is a proper noun, which the filter keeps.
    let untagged = Analyzer::builder().user_word("云上茶园").build().unwrap();
    assert!(words(&untagged, &KeywordExtractor::default(), text).contains(&"云上茶园".to_string()));
}

#[test]
fn user_dictionaries_stop_words_and_idf_tables_come_from_files() {
    let dir = std::env::temp_dir().join(format!("jianbao-dicts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let dict = dir.join("user.dict");
    std::fs::write(&dict, "云上茶园 1000 nz\n# comment\n\n茶旅融合 n\n").unwrap();
    let stop = dir.join("stop.txt");
    std::fs::write(&stop, "茶农\n").unwrap();
    let idf = dir.join("idf.txt");
    std::fs::write(&idf, "游客 20.0\n茶树 0.5\n手机 0.5\n").unwrap();
    let analyzer = Analyzer::builder()
        .user_dictionary(&dict)
        .stop_words_file(&stop)
        .idf_file(&idf)
        .build()
        .unwrap();
    let text = "云上茶园让茶农在手机上管理茶树，茶旅融合吸引游客。云上茶园的游客越来越多。";
    let doc = analyzer.analyze(text);
    assert!(doc.terms().contains(&"云上茶园") && doc.terms().contains(&"茶旅融合"));
    assert!(!doc.terms().contains(&"茶农"));
    let tfidf = KeywordExtractor::builder()
        .method(KeywordMethod::TfIdf)
        .build()
        .unwrap();
    assert_eq!(tfidf.extract(&doc).words[0].word, "游客");

    let bad = dir.join("bad.dict");
    std::fs::write(&bad, "好词 10 n\n坏词 很多 n\n").unwrap();
    match Analyzer::builder().user_dictionary(&bad).build() {
        Err(Error::BadRecord {
            path,
            line: 2,
            reason,
        }) => {
            assert_eq!(path, bad);
            assert!(reason.contains("很多"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    let bad_idf = dir.join("bad.idf");
    std::fs::write(&bad_idf, "游客 20.0\n茶树 高\n").unwrap();
    assert!(matches!(
        Analyzer::builder().idf_file(&bad_idf).build(),
        Err(Error::BadRecord { line: 2, .. })
    ));
    assert!(matches!(
        Analyzer::builder()
            .user_dictionary(dir.join("none"))
            .build(),
        Err(Error::Io { .. })
    ));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn tfidf_weights_are_jiebas_and_textrank_tops_at_one() {
    use jieba_rs::KeywordExtract;
    let text = "城乡公交一体化让村民出行更方便。全市186个行政村全部通上公交，公交票价统一为2元，\
                村民在手机上就能查询公交位置。交通运输局将优化公交线路和班次。";
    // With no stop words, no tag filter and no merging, the candidates are
    // jieba's, and so are the weights: tf / total × idf.
    let analyzer = Analyzer::builder()
        .stop_words(StopWords::empty())
        .merge_words(false)
        .build()
        .unwrap();
    let ours = KeywordExtractor::builder()
        .method(KeywordMethod::TfIdf)
        .allowed_pos(Vec::<String>::new())
        .top(6)
        .build()
        .unwrap()
        .extract(&analyzer.analyze(text))
        .words;
    let mut tfidf = jieba_rs::TfIdf::default();
    *tfidf.config_mut() = jieba_rs::KeywordExtractConfig::builder()
        .use_hmm(true)
        .min_keyword_length(2)
        .build();
    let theirs = tfidf.extract_keywords(analyzer.jieba(), text, 6, Vec::new());
    assert_eq!(ours.len(), theirs.len());
    for (o, t) in ours.iter().zip(&theirs) {
        assert_eq!(o.word, t.keyword);
        assert!(
            (o.weight - t.weight).abs() < 1e-9,
            "{}: {} vs {}",
            o.word,
            o.weight,
            t.weight
        );
    }
    let tr = KeywordExtractor::builder()
        .method(KeywordMethod::TextRank)
        .build()
        .unwrap();
    let k = tr.extract(&Analyzer::default().analyze(text)).words;
    assert_eq!(k[0].weight, 1.0);
    assert!(k.iter().all(|w| w.weight > 0.0 && w.weight <= 1.0));
    // The learned method's weights are probabilities.
    let k = KeywordExtractor::default()
        .extract(&Analyzer::default().analyze(text))
        .words;
    assert!(k.windows(2).all(|w| w[0].weight >= w[1].weight));
    assert!(k.iter().all(|w| (0.0..=1.0).contains(&w.weight)));
}

#[test]
fn a_damaged_scorer_file_gives_a_typed_error() {
    use jianbao::keywords::KeywordScorer;
    let good =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/models/keywords.json"))
            .unwrap();
    let scorer = KeywordScorer::from_json("k.json", &good).unwrap();
    // Its table of headline rates: words that news copy uses everywhere
    // weigh less than words headlines favour.
    assert!(scorer.headline_rate("报道") < 0.0);
    assert!(scorer.headline_rate("中国") > 0.0);
    assert_eq!(scorer.headline_rate("不在表里的词"), 0.0);
    for (bad, what) in [
        (
            good.replacen(
                &format!("\"version\": {}", jianbao::keywords::SCORER_VERSION),
                "\"version\": 7",
                1,
            ),
            "version",
        ),
        (
            good.replacen("\"headline_rates\"", "\"rates\"", 1),
            "no table of headline rates",
        ),
        (
            good.replacen(
                "\"headline_rates\": [",
                "\"headline_rates\": [[\"基金\", 0.5], [\"基金\", 0.1], ",
                1,
            ),
            "two headline rates",
        ),
        (
            good.replacen("\"tfidf_share\"", "\"something_else\"", 1),
            "features",
        ),
        (
            good[..good.len() / 2].to_string(),
            "not a jianbao-keyword-scorer file",
        ),
    ] {
        let err = KeywordScorer::from_json("k.json", &bad).unwrap_err();
        assert!(err.to_string().contains(what), "{err}");
    }
}

#[test]
fn the_numbers_of_a_date_are_never_keywords() {
    let text = "11月27日上午,市委理论学习中心组举行专题学习会。27位同志围绕中国式现代化交流研讨,\
                11月28日继续开展研讨。会议持续到12时。";
    for method in [
        KeywordMethod::Learned,
        KeywordMethod::TfIdf,
        KeywordMethod::TextRank,
    ] {
        let extractor = KeywordExtractor::builder()
            .method(method)
            .top(20)
            .build()
            .unwrap();
        let got = words(&Analyzer::default(), &extractor, text);
        assert!(
            !got.iter().any(|w| w == "11" || w == "12"),
            "{method:?}: {got:?}"
        );
        // `27` also stands on its own (27位), so it may be one.
    }
}
