//! Criterion benchmarks of the hot stages:
//! - `process/seed`: cleaning + teaser splitting + dating + passage cutting
//!   of the seed page (throughput in bytes/s);
//! - `index/passages`: writing a batch of articles into an in-RAM index;
//! - `search/*`: search + highlighting on a built index (single term,
//!   multi-term, phrase, date-filtered: 10 hits; `hits_100/threads_N`: 100
//!   hits read and highlighted on N threads);
//! - `eval/*`: the articles `eval` ranks for one topic at depth 1000, each
//!   by its best passage (`max`) or by the sum of its passages (`sum`),
//!   ids included.
//!
//! The corpus is the seed page repeated under new ids, each copy without a
//! different third of its long paragraphs (so passages differ in length and
//! words, and scores rarely tie); the benches need nothing outside the
//! repository. Run `cargo bench --bench pipeline`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsidx::ingest::{DEFAULT_PASSAGE_WORDS, process, source::Format, source::SourceFile, text};
use newsidx::model::RawDocument;
use newsidx::search::range::DateRange;
use newsidx::search::{Collapse, Engine, SearchRequest};
use newsidx::store::writer::{NewsWriter, documents};
use newsidx::store::{NewsIndex, Settings};
use std::hint::black_box;
use std::path::PathBuf;

const SEED: &str = include_str!("../corpus/000_3fa42d7a40e473df.txt");

fn seed_raw(id: &str) -> RawDocument {
    read(id, SEED)
}

fn read(id: &str, page: &str) -> RawDocument {
    let file = SourceFile {
        path: PathBuf::from(format!("{id}.txt")),
        key: format!("/{id}.txt"),
        id: id.to_string(),
        format: Format::Text,
    };
    text::read(&file, page)
}

/// Copy `n` of the seed page: each paragraph line longer than 80 bytes is
/// left out when a hash of (`n`, the line) says so, one in three, and
/// each line of 40 bytes or more that stays ends in up to 31 more words
/// (`lorem`), so that no two copies of a passage are of one length. Equal
/// lines (a caption and its repeat) are treated alike; short lines (a
/// credit, a heading) stay as they are.
fn seed_variant(n: u64) -> String {
    let mut out = String::with_capacity(SEED.len() * 2);
    for line in SEED.lines() {
        // FNV-1a of the line, then mixed with the copy's number.
        let fnv = line.bytes().fold(0xCBF2_9CE4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
        });
        let h = splitmix(fnv ^ n);
        if line.len() > 80 && h % 3 == 0 {
            continue;
        }
        out.push_str(line);
        if line.len() >= 40 {
            out.push_str(&" lorem".repeat((h >> 8) as usize % 32));
        }
        out.push('\n');
    }
    out
}

/// SplitMix64's output function: a well-mixed hash of one number.
fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn build_index(pages: usize) -> NewsIndex {
    let ni = NewsIndex::in_ram();
    let mut w =
        NewsWriter::open(&ni, 64 << 20, 1, Settings::new(DEFAULT_PASSAGE_WORDS)).expect("writer");
    for n in 0..pages {
        let raw = read(&format!("page{n}"), &seed_variant(n as u64));
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
    let mut engine = Engine::new(build_index(500)).expect("engine");
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
    // Where most of a long list's time goes: reading and highlighting hits.
    let mut g = c.benchmark_group("hits_100");
    let mut req = SearchRequest::new("pakistan taliban washington");
    req.limit = 100;
    let hits = engine.search(&req).expect("search").hits;
    assert_eq!(hits.len(), 100, "the corpus holds 100 matching articles");
    let mut scores: Vec<u32> = hits.iter().map(|h| h.score.to_bits()).collect();
    scores.dedup();
    // Long ties (copies scoring alike) would keep every copy at the
    // collapse's floor until the end: not what a real corpus asks of it.
    assert!(
        scores.len() >= 90,
        "{} distinct scores of 100",
        scores.len()
    );
    for threads in [1, 2] {
        engine.set_threads(threads);
        g.bench_function(format!("threads_{threads}"), |b| {
            b.iter(|| engine.search(black_box(&req)).expect("search"))
        });
    }
    // The passages held in memory, as `search --batch` holds them.
    let held = engine.preload(usize::MAX).expect("preload");
    assert!(held.documents > 500, "{held:?}");
    for threads in [1, 2] {
        engine.set_threads(threads);
        g.bench_function(format!("held_threads_{threads}"), |b| {
            b.iter(|| engine.search(black_box(&req)).expect("search"))
        });
    }
    g.finish();
}

fn bench_eval(c: &mut Criterion) {
    let engine = Engine::new(build_index(500)).expect("engine");
    let query = "pakistan taliban washington";
    let ranked = engine
        .rank_articles(query, DateRange::default(), 1000, Collapse::Max)
        .expect("rank");
    assert!(ranked.len() >= 100, "{} articles ranked", ranked.len());
    let mut g = c.benchmark_group("eval");
    for (name, collapse) in [
        ("depth_1000_max", Collapse::Max),
        ("depth_1000_sum", Collapse::Sum),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                engine
                    .rank_articles(black_box(query), DateRange::default(), 1000, collapse)
                    .expect("rank")
            })
        });
    }
    g.finish();
}

criterion_group!(
    benches,
    bench_process,
    bench_index,
    bench_search,
    bench_eval
);
criterion_main!(benches);
