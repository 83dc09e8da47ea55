//! The numeric core at realistic sizes, and end-to-end jobs beside one
//! jieba-rs cut of exactly the same text (the floor), so ratios can be read
//! off one run: `cargo bench --bench core`.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use jianbao::analysis::{Analyzer, Idf, shared_jieba};
use jianbao::classify::TopicModel;
use jianbao::digest::Digest;
use jianbao::keywords::KeywordExtractor;
use jianbao::rank::{PageRank, Similarity, similarity_graph};
use jianbao::summarize::{Budget, Summarizer};
use jianbao::text::{parse_page, split_sentences};

const PAGES: [&str; 3] = [
    include_str!("../examples/data/page_front.md"),
    include_str!("../examples/data/page_livelihood.md"),
    include_str!("../examples/data/page_region.md"),
];

/// An article of `n` sentences, cycling through the sample pages' sentences.
fn article_of(n: usize) -> String {
    let bodies: Vec<String> = PAGES
        .iter()
        .flat_map(|p| parse_page(p))
        .map(|a| a.body)
        .collect();
    let pool: Vec<String> = bodies
        .iter()
        .flat_map(|b| {
            split_sentences(b)
                .into_iter()
                .map(|s| s.text.to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    (0..n).map(|i| pool[i % pool.len()].as_str()).collect()
}

fn numeric_core(c: &mut Criterion) {
    let analyzer = Analyzer::default();
    let mut g = c.benchmark_group("core");
    for n in [10usize, 30, 100, 300, 1000] {
        let text = article_of(n);
        let doc = analyzer.analyze(&text);
        let idf = doc.idf(Idf::Sentences);
        let vectors = doc.tfidf_vectors(&idf);
        let graph = similarity_graph(&doc, &vectors, &idf, Similarity::Cosine, Some(200));
        // The analysis (sentences, one cut, term ids, counts) beside the cut
        // alone: the difference is what analysis adds to segmentation.
        g.bench_with_input(BenchmarkId::new("jieba_cut", n), &n, |b, _| {
            b.iter(|| shared_jieba().cut(black_box(&text), true).len())
        });
        g.bench_with_input(BenchmarkId::new("analyze", n), &n, |b, _| {
            b.iter(|| analyzer.analyze(black_box(&text)).terms().len())
        });
        g.bench_with_input(BenchmarkId::new("split_sentences", n), &n, |b, _| {
            b.iter(|| split_sentences(black_box(&text)).len())
        });
        g.bench_with_input(BenchmarkId::new("tfidf_vectors", n), &n, |b, _| {
            b.iter(|| doc.tfidf_vectors(black_box(&doc.idf(Idf::Sentences))))
        });
        g.bench_with_input(BenchmarkId::new("similarity_graph", n), &n, |b, _| {
            b.iter(|| {
                similarity_graph(
                    black_box(&doc),
                    &vectors,
                    &idf,
                    Similarity::Cosine,
                    Some(200),
                )
            })
        });
        g.bench_with_input(BenchmarkId::new("pagerank", n), &n, |b, _| {
            b.iter(|| PageRank::default().rank(black_box(&graph), None))
        });
        let s = Summarizer::builder()
            .budget(Budget::Sentences(3))
            .build()
            .unwrap();
        g.bench_with_input(BenchmarkId::new("score_and_select", n), &n, |b, _| {
            b.iter(|| s.summarize(black_box(&doc)))
        });
    }
    let model = TopicModel::shipped().unwrap();
    let docs: Vec<String> = (0..10_000).map(|i| article_of(3 + i % 7)).collect();
    for n in [1usize, 100, 10_000] {
        g.bench_with_input(BenchmarkId::new("predict", n), &n, |b, &n| {
            b.iter(|| {
                docs[..n]
                    .iter()
                    .map(|d| model.predict_text(None, d).probability)
                    .sum::<f64>()
            })
        });
    }
    g.finish();
}

fn end_to_end(c: &mut Criterion) {
    let jieba = shared_jieba();
    let analyzer = Analyzer::default();
    let summarizer = Summarizer::builder()
        .budget(Budget::Sentences(3))
        .build()
        .unwrap();
    let keywords = KeywordExtractor::default();
    let model = TopicModel::shipped().unwrap();
    let digest = Digest::builder().build().unwrap();
    let article = article_of(30);
    let page = PAGES[0];
    let mut g = c.benchmark_group("end_to_end");
    g.throughput(Throughput::Bytes(article.len() as u64));
    g.bench_function("jieba_cut_article", |b| {
        b.iter(|| jieba.cut(black_box(&article), true).len())
    });
    // Each job from the text: the analysis (one cut) and the stage.
    g.bench_function("summarize_article", |b| {
        b.iter(|| summarizer.summarize(&analyzer.analyze(black_box(&article))))
    });
    g.bench_function("keywords_article", |b| {
        b.iter(|| keywords.extract(&analyzer.analyze(black_box(&article))))
    });
    g.bench_function("classify_article", |b| {
        b.iter(|| model.predict(&analyzer.analyze(black_box(&article))))
    });
    g.throughput(Throughput::Bytes(page.len() as u64));
    g.bench_function("jieba_cut_page", |b| {
        b.iter(|| jieba.cut(black_box(page), true).len())
    });
    g.bench_function("digest_page", |b| b.iter(|| digest.page(black_box(page))));
    g.finish();
}

/// What a cold start costs: jieba's dictionary, built from scratch each
/// time (the library builds it once per process).
fn cold_start(c: &mut Criterion) {
    let mut g = c.benchmark_group("cold_start");
    g.sample_size(10);
    g.bench_function("jieba_new", |b| b.iter(jieba_rs::Jieba::new));
    g.finish();
}

criterion_group!(benches, numeric_core, end_to_end, cold_start);
criterion_main!(benches);
