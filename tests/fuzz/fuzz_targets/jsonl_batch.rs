//! Any bytes as a JSON Lines batch: the batch answers each good line once,
//! in input order, or stops with a typed error, and never panics; with
//! `skip_bad` it answers every good line and counts the rest.
#![no_main]

use jianbao::batch::{BatchOptions, Event, run};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for skip_bad in [false, true] {
        let options = BatchOptions::default().threads(2).unwrap().skip_bad(skip_bad);
        let mut out = Vec::new();
        let mut written = Vec::new();
        let result = run(
            "fuzz.jsonl",
            std::io::Cursor::new(data.to_vec()),
            &mut out,
            &options,
            |r| serde_json::json!({ "chars": r.text.chars().count() }),
            |e| {
                if let Event::Written(line) = e {
                    written.push(line);
                }
            },
        );
        assert!(written.windows(2).all(|w| w[0] < w[1]), "{written:?}");
        if let Ok(report) = result {
            assert_eq!(report.written, written.len());
            assert_eq!(report.lines, report.written + report.skipped);
            let text = String::from_utf8(out).unwrap();
            assert_eq!(text.lines().count(), report.written);
            for line in text.lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                assert!(v["chars"].is_u64());
            }
        }
    }
});
