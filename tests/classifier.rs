//! The topic classifier: the shipped model on unseen team-written articles,
//! persistence round trips, and clear errors for bad corpora and files.

use jianbao::Error;
use jianbao::classify::{Abstention, Corpus, ModelKind, TopicModel, TrainParams};

/// Articles written for this test only (not in the training corpus).
const UNSEEN: &[(&str, &str)] = &[
    (
        "本报讯 昨天上午，区委召开常委会扩大会议，传达学习省委全会精神，研究部署年底前重点工作。会议强调，各级党组织要压实主体责任，抓好安全生产和信访维稳，严格落实值班值守制度。",
        "governance",
    ),
    (
        "市纪委监委日前通报两起党员干部违规收受礼金问题，相关责任人分别受到党内警告和政务记过处分。通报要求各级党员干部引以为戒，严守纪律规矩。",
        "governance",
    ),
    (
        "第二届江城国际半程马拉松昨日开跑，1.2万名跑者沿江岸奔跑。男子组冠军由一名埃塞俄比亚选手获得，本市选手获得女子组第三名。赛道沿线市民纷纷为选手加油。",
        "culture",
    ),
    (
        "市博物馆推出“青铜时代”特展，展出商周青铜器120余件，其中多件为首次公开展出。展览期间还将举办专家讲座和亲子手工活动，市民可在网上预约参观。",
        "culture",
    ),
    (
        "今年秋季学期，我市新建的5所小学和3所幼儿园投入使用，新增学位6800个。市教育局表示，将继续推进学校建设，确保适龄儿童就近入学。",
        "public_services",
    ),
    (
        "区人民医院日前开设老年病专科门诊，为高龄老人提供预约优先、陪诊导诊等服务，并与社区卫生服务中心建立双向转诊通道，方便老年患者就医。",
        "public_services",
    ),
    (
        "应日本友好城市邀请，市长率代表团赴日本访问，出席两市结好二十周年纪念活动，并与当地企业签署三项投资合作协议，涉及节能环保和智能制造领域。",
        "cooperation",
    ),
    (
        "长江沿线六座城市日前在我市签署文化旅游合作协议，将联合推出跨城旅游线路，互设旅游推广窗口，并轮流举办城市旅游推介会。",
        "cooperation",
    ),
];

#[test]
fn shipped_model_labels_unseen_articles_of_every_topic() {
    let model = TopicModel::shipped().unwrap();
    assert_eq!(
        model.labels(),
        ["cooperation", "culture", "governance", "public_services"]
    );
    for (text, label) in UNSEEN {
        let p = model.predict_text(None, text);
        assert_eq!(p.label.as_deref(), Some(*label), "{text}: {:?}", p.scores);
    }
}

#[test]
fn probabilities_cover_every_label_and_sum_to_one() {
    let model = TopicModel::shipped().unwrap();
    for text in [
        "",
        "Hello, world! 12345",
        "市委召开会议",
        &"会".repeat(10_000),
    ] {
        let p = model.predict_text(None, text);
        assert_eq!(p.scores.len(), 4);
        let sum: f64 = p.scores.values().sum();
        assert!((sum - 1.0).abs() < 1e-9, "{sum}");
        assert!(p.scores.values().all(|x| x.is_finite() && *x >= 0.0));
        let best = p.scores.values().cloned().fold(0.0, f64::max);
        assert_eq!(best, p.probability);
    }
}

#[test]
fn batch_prediction_matches_single_and_keeps_order() {
    let model = TopicModel::shipped().unwrap();
    let texts: Vec<&str> = UNSEEN.iter().map(|(t, _)| *t).collect();
    let batch = model.predict_batch(&texts);
    for (t, p) in texts.iter().zip(&batch) {
        assert_eq!(&model.predict_text(None, t), p);
    }
}

fn small_corpus() -> Corpus {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/models/corpus/topics.jsonl"
    ))
    .unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // Every fifth article keeps all four labels and trains in a moment.
    let sample: String = lines.iter().step_by(5).map(|l| format!("{l}\n")).collect();
    let path = std::env::temp_dir().join(format!("jianbao-corpus-{}.jsonl", std::process::id()));
    std::fs::write(&path, sample).unwrap();
    let corpus = Corpus::read_jsonl(&path, jianbao::jsonl::BadLines::Fail).unwrap();
    std::fs::remove_file(&path).ok();
    corpus
}

#[test]
fn train_save_load_round_trip_predicts_identically() {
    let corpus = small_corpus();
    for kind in [ModelKind::LogisticRegression, ModelKind::NaiveBayes] {
        let model = TrainParams::default().kind(kind).fit(&corpus).unwrap();
        let path = std::env::temp_dir().join(format!(
            "jianbao-model-{kind:?}-{}.json",
            std::process::id()
        ));
        model.save(&path).unwrap();
        let loaded = TopicModel::load(&path).unwrap();
        std::fs::remove_file(&path).ok();
        assert_eq!(loaded.kind(), kind);
        for (text, _) in UNSEEN {
            assert_eq!(
                model.predict_text(None, text),
                loaded.predict_text(None, text)
            );
        }
    }
}

#[test]
fn top_terms_and_explanations_name_topic_words() {
    let model = TopicModel::shipped().unwrap();
    let top: Vec<String> = model
        .top_terms("culture", 40)
        .unwrap()
        .into_iter()
        .map(|t| t.term)
        .collect();
    assert!(
        top.iter()
            .any(|t| t.contains("比赛") || t.contains("冠军") || t.contains("非遗")),
        "{top:?}"
    );
    assert!(model.top_terms("weather", 5).is_none());
    let (p, terms) = model.explain(None, UNSEEN[2].0, 5);
    assert_eq!(p.label.as_deref(), Some("culture"));
    assert!(terms.windows(2).all(|w| w[0].weight >= w[1].weight));
}

#[test]
fn bad_corpora_give_clear_errors() {
    let empty = Corpus::default();
    assert!(matches!(
        TrainParams::default().fit(&empty),
        Err(Error::EmptyData(_))
    ));
    let lonely = Corpus::from_pairs([
        ("市委召开会议", "governance"),
        ("区委召开会议", "governance"),
        ("马拉松开跑", "culture"),
    ]);
    let err = TrainParams::default().fit(&lonely).unwrap_err();
    assert!(err.to_string().contains("`culture` has 1 example"), "{err}");
}

/// The model with the first number of its array field `key` replaced by `value`.
fn replace_first(model: &str, key: &str, value: &str) -> String {
    let open = format!("\"{key}\":[");
    let start = model.find(&open).unwrap() + open.len();
    let end = start + model[start..].find(',').unwrap();
    format!("{}{value}{}", &model[..start], &model[end..])
}

/// The model with its first feature listed twice (in place of the second).
fn duplicate_first_term(model: &str) -> String {
    let start = model.find("\"terms\":[").unwrap() + "\"terms\":[".len();
    let first_end = start + model[start..].find("\",").unwrap() + 2;
    let second_end = first_end + model[first_end..].find("\",").unwrap() + 1;
    format!(
        "{}{}{}",
        &model[..first_end],
        &model[start..first_end - 1],
        &model[second_end..]
    )
}

fn load_text(name: &str, text: &str) -> jianbao::Result<TopicModel> {
    let path = std::env::temp_dir().join(format!("jianbao-{name}-{}.json", std::process::id()));
    std::fs::write(&path, text).unwrap();
    let r = TopicModel::load(&path);
    std::fs::remove_file(&path).ok();
    r
}

#[test]
fn bad_model_files_give_typed_errors() {
    let good =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/models/topic.json")).unwrap();
    let cases: Vec<(&str, String, &str)> = vec![
        ("empty", String::new(), "empty"),
        ("truncated", good[..good.len() / 2].to_string(), "truncated"),
        (
            "foreign",
            r#"{"name":"some other model","weights":[1,2]}"#.to_string(),
            "not a jianbao topic model",
        ),
        (
            "not-json",
            "model v2 binary".to_string(),
            "not a JSON model",
        ),
        // JSON has no NaN: such a file is not JSON at all.
        (
            "nan",
            good.replacen("\"bias\":[", "\"bias\":[NaN,", 1),
            "not a JSON model",
        ),
        // A number too large for f32 becomes infinite and is refused.
        (
            "inf",
            replace_first(&good, "bias", "1e300"),
            "NaN or infinite",
        ),
        (
            "labels",
            good.replacen("\"labels\":[\"cooperation\",", "\"labels\":[", 1),
            "weight rows",
        ),
        // A logistic-regression model relabelled as naive Bayes.
        (
            "kind",
            good.replacen("\"kind\":\"logreg\"", "\"kind\":\"nb\"", 1),
            "is the kind right",
        ),
        ("duplicate-term", duplicate_first_term(&good), "twice"),
        ("negative-idf", replace_first(&good, "idf", "-1.0"), "IDF"),
    ];
    for (name, text, expected) in cases {
        match load_text(name, &text) {
            Err(Error::Model { reason, .. }) => {
                assert!(reason.contains(expected), "{name}: {reason}")
            }
            other => panic!("{name}: expected a model error, got {other:?}"),
        }
    }
    for (version, found) in [("99", "99"), ("\"2\"", "\"2\""), ("1", "1")] {
        let text = good.replacen("\"version\":2", &format!("\"version\":{version}"), 1);
        match load_text("version", &text) {
            Err(Error::ModelVersion {
                found: f,
                expected: 2,
                ..
            }) => assert_eq!(f, found),
            other => panic!("version {version}: {other:?}"),
        }
    }
    let no_version = good.replacen("\"version\":2,", "", 1);
    assert!(matches!(
        load_text("no-version", &no_version),
        Err(Error::ModelVersion { found, .. }) if found == "missing"
    ));
    assert!(matches!(
        TopicModel::load("no/such/model.json"),
        Err(Error::Io { .. })
    ));
    assert!(matches!(
        TopicModel::load(env!("CARGO_MANIFEST_DIR")),
        Err(Error::Io { .. })
    ));
}

/// Team-written articles that are in no training file: long features of
/// every topic, and shorter items of every topic with an international angle.
fn unseen_fixtures() -> Vec<(String, String, String, String)> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/topics_unseen.jsonl"
    ))
    .unwrap();
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().unwrap().to_string();
            (s("id"), s("title"), s("text"), s("label"))
        })
        .collect()
}

#[test]
fn long_and_international_articles_of_every_topic_are_labelled_right() {
    let model = TopicModel::shipped().unwrap();
    let fixtures = unseen_fixtures();
    assert_eq!(fixtures.len(), 16);
    for (id, title, text, label) in &fixtures {
        let p = model.predict_text(Some(title), text);
        assert_eq!(
            p.label.as_deref(),
            Some(label.as_str()),
            "{id}: {:?}",
            p.scores
        );
        // Without its headline the body alone still says what it is about.
        let body_only = model.predict_text(None, text);
        assert_eq!(
            body_only.label.as_deref(),
            Some(label.as_str()),
            "{id} (body): {:?}",
            body_only.scores
        );
    }
}

#[test]
fn nothing_to_go_on_gives_no_label_and_the_reason() {
    let model = TopicModel::shipped().unwrap();
    let cases = [
        ("", Abstention::NoText),
        ("  \n\t。！？……", Abstention::NoText),
        (
            "The city council met on Monday to discuss the budget.",
            Abstention::NoChinese,
        ),
        ("Hello, world! 😀", Abstention::NoChinese),
        // Chinese characters the model has never seen, in no known pair.
        ("靐龘", Abstention::NoKnownFeature),
    ];
    for (text, why) in cases {
        let p = model.predict_text(None, text);
        assert_eq!(p.label, None, "{text:?}");
        assert_eq!(p.abstention, Some(why), "{text:?}");
        assert!((p.scores.values().sum::<f64>() - 1.0).abs() < 1e-9);
    }
    // A threshold no prediction reaches: every text abstains, saying so.
    let strict = model.clone().with_min_probability(1.0).unwrap();
    let p = strict.predict_text(None, UNSEEN[0].0);
    assert_eq!(p.label, None);
    assert_eq!(
        p.abstention,
        Some(Abstention::LowConfidence {
            min_probability: 1.0
        })
    );
    assert!(model.clone().with_min_probability(1.5).is_err());
}

#[test]
fn two_files_train_the_model_their_concatenation_trains() {
    let dir = std::env::temp_dir().join(format!("jianbao-two-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/models/corpus/topics.jsonl"
    ))
    .unwrap();
    let lines: Vec<&str> = text.lines().step_by(7).collect();
    let (a, b) = lines.split_at(lines.len() / 2);
    let write = |name: &str, lines: &[&str]| {
        let path = dir.join(name);
        std::fs::write(&path, lines.join("\n")).unwrap();
        path
    };
    let (pa, pb, pab) = (
        write("a.jsonl", a),
        write("b.jsonl", b),
        write("ab.jsonl", &lines),
    );
    let mut two = Corpus::read_jsonl(&pa, jianbao::jsonl::BadLines::Fail).unwrap();
    two.add_jsonl(&pb, 1, jianbao::jsonl::BadLines::Fail)
        .unwrap();
    let one = Corpus::read_jsonl(&pab, jianbao::jsonl::BadLines::Fail).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(two.sources().len(), 2);
    let params = TrainParams::default();
    let (m2, m1) = (params.fit(&two).unwrap(), params.fit(&one).unwrap());
    for (text, _) in UNSEEN {
        assert_eq!(m1.predict_text(None, text), m2.predict_text(None, text));
    }
}

#[test]
fn a_source_spec_gives_its_weight_after_the_last_colon() {
    let dir = std::env::temp_dir().join(format!("jianbao-spec:{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("news.jsonl");
    std::fs::write(
        &path,
        "{\"text\":\"医院开诊。\",\"label\":\"public_services\"}\n\
         {\"text\":\"两市签约。\",\"label\":\"cooperation\"}\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let fail = jianbao::jsonl::BadLines::Fail;
    let mut corpus = Corpus::default();
    // The directory's name holds a colon: no weight there.
    corpus.add_spec(p, fail).unwrap();
    corpus.add_spec(&format!("{p}:3"), fail).unwrap();
    let weights: Vec<(&str, u32, usize)> = corpus
        .sources()
        .iter()
        .map(|s| (s.name.as_str(), s.weight, s.count))
        .collect();
    assert_eq!(weights, [("news", 1, 2), ("news", 3, 2)]);
    for bad in [format!("{p}:0"), format!("{p}:99999999999")] {
        let e = corpus.add_spec(&bad, fail).unwrap_err();
        assert!(
            matches!(e, jianbao::Error::InvalidOption { .. }),
            "{bad}: {e}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
