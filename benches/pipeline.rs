//! Criterion benchmarks of the hot stages:
//! - `process/seed`: cleaning + teaser splitting + dating + passage cutting
//!   of the seed page (throughput in bytes/s);
//! - `index/passages`: writing a batch of articles into an in-RAM index;
//! - `search/*`: search + highlighting on a built index (single term,
//!   multi-term, phrase, date-filtered).
//!
//! The corpus is the seed page repeated under new ids, so the benches need
//! nothing outside the repository. Run `cargo bench --bench pipeline`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsidx::ingest::{DEFAULT_PASSAGE_WORDS, process, source::Format, source::SourceFile, text};
use newsidx::model::RawDocument;
use newsidx::search::range::DateRange;
use newsidx::search::{Engine, SearchRequest};
use newsidx::store::writer::{NewsWriter, documents};
use newsidx::store::{NewsIndex, Settings};
use std::hint::black_box;
use std::path::PathBuf;

const SEED: &str = include_str!("../corpus/000_3fa42d7a40e473df.txt");

fn seed_raw(id: &str) -> RawDocument {
    let file = SourceFile {
        path: PathBuf::from(format!("{id}.txt")),
        key: format!("/{id}.txt"),
        id: id.to_string(),
        format: Format::Text,
    };
    text::read(&file, SEED)
}

fn build_index(pages: usize) -> NewsIndex {
    let ni = NewsIndex::in_ram();
    let mut w =
        NewsWriter::open(&ni, 64 << 20, 1, Settings::new(DEFAULT_PASSAGE_WORDS)).expect("writer");
    for n in 0..pages {
        let raw = seed_raw(&format!("page{n}"));
        for p in process(&raw, DEFAULT_PASSAGE_WORDS, None) {
            w.add(documents(
                &ni.fields,
                &raw.id,
                &p.article,
                &p.passages,
                ni.stemming,
            ))
            .expect("add");
        }
    }
    w.commit().expect("commit");
    w.finish().expect("finish");
    ni
}

fn bench_process(c: &mut Criterion) {
    let raw = seed_raw("seed");
    let mut g = c.benchmark_group("process");
    g.throughput(Throughput::Bytes(SEED.len() as u64));
    g.bench_function("seed", |b| {
        b.iter(|| process(black_box(&raw), DEFAULT_PASSAGE_WORDS, None))
    });
    g.finish();
}

fn bench_index(c: &mut Criterion) {
    let pages: Vec<_> = (0..50)
        .map(|n| {
            let raw = seed_raw(&format!("page{n}"));
            (raw.id.clone(), process(&raw, DEFAULT_PASSAGE_WORDS, None))
        })
        .collect();
    let mut g = c.benchmark_group("index");
    g.sample_size(10);
    g.throughput(Throughput::Bytes((SEED.len() * pages.len()) as u64));
    g.bench_function("passages", |b| {
        b.iter(|| {
            let ni = NewsIndex::in_ram();
            let mut w = NewsWriter::open(&ni, 64 << 20, 1, Settings::new(DEFAULT_PASSAGE_WORDS))
                .expect("writer");
            for (id, prepared) in &pages {
                for p in prepared {
                    w.add(documents(
                        &ni.fields,
                        id,
                        &p.article,
                        &p.passages,
                        ni.stemming,
                    ))
                    .expect("add");
                }
            }
            w.commit().expect("commit");
        })
    });
    g.finish();
}

fn bench_search(c: &mut Criterion) {
    let engine = Engine::new(build_index(500)).expect("engine");
    let mut g = c.benchmark_group("search");
    let cases = [
        ("single_term", "taliban", None),
        ("multi_term", "pakistan taliban washington", None),
        ("phrase", "\"martial law\"", None),
        (
            "date_filtered",
            "vucic lithium",
            Some(("2024-12-01", "2024-12-10")),
        ),
    ];
    for (name, q, range) in cases {
        let mut req = SearchRequest::new(q);
        if let Some((since, until)) = range {
            req.range = DateRange::parse(Some(since), Some(until)).expect("range");
        }
        g.bench_function(name, |b| {
            b.iter(|| engine.search(black_box(&req)).expect("search"))
        });
    }
    g.finish();
}

criterion_group!(benches, bench_process, bench_index, bench_search);
criterion_main!(benches);
