//! Any bytes, read as a page: parsing, sentence splitting and summarising
//! must never panic, and every span must slice back to its text.
#![no_main]

use jianbao::summarize::{Budget, Summarizer};
use jianbao::text::{parse_page, split_sentences};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(page) = std::str::from_utf8(data) else { return };
    for article in parse_page(page) {
        assert!(page.get(article.source.clone()).is_some());
        for s in split_sentences(&article.body) {
            assert_eq!(&article.body[s.start..s.end], s.text);
        }
        let summary = Summarizer::builder()
            .budget(Budget::Chars(120))
            .build()
            .unwrap()
            .summarize_article(&article);
        assert!(summary.char_count() <= 120);
        for s in &summary.sentences {
            assert_eq!(&article.body[s.start..s.end], s.text);
        }
    }
});
