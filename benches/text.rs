//! Text preparation on a team-written page.

use criterion::{Criterion, criterion_group, criterion_main};
use jianbao::text::{parse_page, split_sentences};
use std::hint::black_box;

const PAGE: &str = include_str!("../examples/data/page_front.md");

fn text_preparation(c: &mut Criterion) {
    let mut g = c.benchmark_group("text");
    g.bench_function("parse_page", |b| b.iter(|| parse_page(black_box(PAGE))));
    let articles = parse_page(PAGE);
    g.bench_function("split_sentences", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| split_sentences(black_box(&a.body)).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, text_preparation);
criterion_main!(benches);
