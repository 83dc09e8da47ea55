//! The topic classifier: the shipped model on unseen team-written articles,
//! persistence round trips, and clear errors for bad corpora and files.

use jianbao::Error;
use jianbao::classify::{Corpus, ModelKind, TopicModel, TrainParams};

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
        let p = model.predict(text);
        assert_eq!(p.label, *label, "{text}: {:?}", p.scores);
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
        let p = model.predict(text);
        assert_eq!(p.scores.len(), 4);
        let sum: f64 = p.scores.values().sum();
        assert!((sum - 1.0).abs() < 1e-9, "{sum}");
        assert!(p.scores.values().all(|x| x.is_finite() && *x >= 0.0));
        assert_eq!(p.scores[&p.label], p.probability);
    }
}

#[test]
fn batch_prediction_matches_single_and_keeps_order() {
    let model = TopicModel::shipped().unwrap();
    let texts: Vec<&str> = UNSEEN.iter().map(|(t, _)| *t).collect();
    let batch = model.predict_batch(&texts);
    for (t, p) in texts.iter().zip(&batch) {
        assert_eq!(&model.predict(t), p);
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
        let model = TopicModel::train(&corpus, &TrainParams::default().kind(kind)).unwrap();
        let path = std::env::temp_dir().join(format!(
            "jianbao-model-{kind:?}-{}.json",
            std::process::id()
        ));
        model.save(&path).unwrap();
        let loaded = TopicModel::load(&path).unwrap();
        std::fs::remove_file(&path).ok();
        assert_eq!(loaded.kind(), kind);
        for (text, _) in UNSEEN {
            assert_eq!(model.predict(text), loaded.predict(text));
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
    let (p, terms) = model.explain(UNSEEN[2].0, 5);
    assert_eq!(p.label, "culture");
    assert!(terms.windows(2).all(|w| w[0].weight >= w[1].weight));
}

#[test]
fn bad_corpora_give_clear_errors() {
    let empty = Corpus::default();
    assert!(matches!(
        TopicModel::train(&empty, &TrainParams::default()),
        Err(Error::EmptyData(_))
    ));
    let lonely = Corpus::from_pairs([
        ("市委召开会议", "governance"),
        ("区委召开会议", "governance"),
        ("马拉松开跑", "culture"),
    ]);
    let err = TopicModel::train(&lonely, &TrainParams::default()).unwrap_err();
    assert!(err.to_string().contains("`culture` has 1 example"), "{err}");
}

/// The model with its first bias value replaced by `value`.
fn replace_first_bias(model: &str, value: &str) -> String {
    let start = model.find("\"bias\":[").unwrap() + "\"bias\":[".len();
    let end = start + model[start..].find(',').unwrap();
    format!("{}{value}{}", &model[..start], &model[end..])
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
        (
            "version",
            good.replacen("\"version\":1", "\"version\":99", 1),
            "version 99",
        ),
        // JSON has no NaN: such a file is not JSON at all.
        (
            "nan",
            good.replacen("\"bias\":[", "\"bias\":[NaN,", 1),
            "not a JSON model",
        ),
        // A number too large for f32 becomes infinite and is refused.
        ("inf", replace_first_bias(&good, "1e300"), "NaN or infinite"),
        (
            "labels",
            good.replacen("\"labels\":[\"cooperation\",", "\"labels\":[", 1),
            "weight rows",
        ),
    ];
    for (name, text, expected) in cases {
        match load_text(name, &text) {
            Err(Error::Model { reason, .. }) => {
                assert!(reason.contains(expected), "{name}: {reason}")
            }
            other => panic!("{name}: expected a model error, got {other:?}"),
        }
    }
    assert!(matches!(
        TopicModel::load("no/such/model.json"),
        Err(Error::Io { .. })
    ));
    assert!(matches!(
        TopicModel::load(env!("CARGO_MANIFEST_DIR")),
        Err(Error::Io { .. })
    ));
}
