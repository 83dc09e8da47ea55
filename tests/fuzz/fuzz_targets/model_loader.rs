//! Any bytes as a model file: loading gives a model or an error, never a
//! panic; a topic model that loads predicts probabilities that sum to 1,
//! and a keyword or sentence scorer that loads scores every term or
//! sentence of a text with a probability.
#![no_main]

use jianbao::analysis::Analyzer;
use jianbao::classify::TopicModel;
use jianbao::keywords::{KeywordExtractor, KeywordScorer};
use jianbao::summarize::{SentenceScorer, Summarizer};
use libfuzzer_sys::fuzz_target;

const TEXT: &str = "市委召开常委会会议，研究部署重点工作。会议强调，要抓好民生保障。";

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else { return };
    if let Ok(model) = TopicModel::from_json("fuzz", json) {
        let p = model.predict_text(None, TEXT);
        let sum: f64 = p.scores.values().sum();
        assert!((sum - 1.0).abs() < 1e-6, "{sum}");
    }
    let doc = Analyzer::default().analyze(TEXT);
    if let Ok(scorer) = KeywordScorer::from_json("fuzz", json) {
        let extractor = KeywordExtractor::builder().scorer(scorer).build().unwrap();
        let words = extractor.extract(&doc).words;
        assert!(words.iter().all(|w| (0.0..=1.0).contains(&w.weight)));
    }
    if let Ok(scorer) = SentenceScorer::from_json("fuzz", json) {
        let summary = Summarizer::builder().scorer(scorer).build().unwrap().summarize(&doc);
        assert!(!summary.sentences.is_empty());
    }
});
