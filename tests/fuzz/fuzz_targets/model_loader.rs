//! Any bytes as a model file: loading gives a model or an error, never a
//! panic, and a model that loads predicts probabilities that sum to 1.
#![no_main]

use jianbao::classify::TopicModel;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else { return };
    if let Ok(model) = TopicModel::from_json("fuzz", json) {
        let p = model.predict_text(None, "市委召开常委会会议，研究部署重点工作。");
        let sum: f64 = p.scores.values().sum();
        assert!((sum - 1.0).abs() < 1e-6, "{sum}");
    }
});
