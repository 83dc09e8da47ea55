//! Any bytes, read as a page: parsing, sentence splitting and summarising
//! must never panic, and every span must slice back to its text.
#![no_main]

use jianbao::analysis::Analyzer;
use jianbao::summarize::{Budget, Summarizer};
use jianbao::text::{parse_page, split_sentences};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(page) = std::str::from_utf8(data) else { return };
    for article in parse_page(page) {
        assert!(page.get(article.source.range()).is_some());
        for s in split_sentences(&article.body) {
            assert_eq!(&article.body[s.span.range()], s.text);
        }
        let summary = Summarizer::builder()
            .budget(Budget::Chars(120))
            .build()
            .unwrap()
            .summarize(&Analyzer::default().analyze_titled(Some(&article.headline()), &article.body));
        assert!(summary.char_count() <= 120);
        for s in &summary.sentences {
            assert_eq!(&article.body[s.span.range()], s.text);
        }
    }
});
