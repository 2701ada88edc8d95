//! `newsidx search`: ranked, highlighted passages, or a timeline.

use super::Global;
use crate::ingest::{self, IngestConfig};
use crate::model::ArticleKind;
use crate::render;
use crate::search::range::DateRange;
use crate::search::timeline::Period;
use crate::search::{SearchRequest, Sort};
use anyhow::Context;
use clap::{Args, ValueEnum};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// For people.
    Text,
    /// JSON: one object per hit per line (the same as jsonl).
    Json,
    /// JSON Lines: one object per hit per line (see the README).
    Jsonl,
    /// Tab-separated: article_id, score, date, passage_id, title, snippet.
    Tsv,
    /// TREC run lines: qid Q0 article_id rank score newsidx.
    Trec,
}

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

/// Whether to colour stdout.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Arguments of `newsidx search`.
#[derive(Debug, Args)]
#[command(
    after_help = "Query syntax (tantivy): words (any may match; more matches rank higher), \"a phrase\", +required, -excluded, title:word, caption:word, kind:teaser, * (all).\n\nExamples:\n  newsidx search \"taliban pakistan\"\n  newsidx search vucic --since 2024-12 --until 2024-12-10\n  newsidx search '\"martial law\" +korea' --format jsonl\n  newsidx search assad --sort newest -n 5\n  newsidx search oil --timeline --by month\n  newsidx search vucic --explain\n\nExit status: 0 with hits, 1 with none, 2 on error."
)]
pub struct SearchArgs {
    /// The query, in tantivy's query syntax; several words unquoted are
    /// one query (`newsidx search crude oil`)
    #[arg(required_unless_present = "batch", num_args = 1..)]
    pub query: Vec<String>,
    /// Run every query of this file in one process (TSV `qid<TAB>query`, a
    /// TREC topic file, or JSON Lines; `-` reads standard input), printing
    /// each one's hits, the latency summary and its split into ranking and
    /// reading the hits
    #[arg(long, value_name = "TOPICS", conflicts_with_all = ["query", "timeline"])]
    pub batch: Option<PathBuf>,
    /// With --batch: write per-query latencies and their summary here as
    /// JSON, each stage's too (`stages.ranking`, `stages.hits`)
    #[arg(long, value_name = "FILE", requires = "batch")]
    pub timings: Option<PathBuf>,
    /// With --batch: run the whole file this many times in the process and
    /// take each query's median latency (hits are printed once), as the
    /// peer harness times its in-process peers [default: 1]
    #[arg(long, value_name = "N", requires = "batch", value_parser = clap::value_parser!(u32).range(1..))]
    pub passes: Option<u32>,
    /// With --batch: hold the index's stored passages in memory, up to
    /// this many MiB, so that hits are not read from the doc store (0:
    /// they are). Without it, up to 256 MiB are held when the batch reads
    /// at least as many hits (queries x passes x -n) as the index has
    /// documents
    #[arg(long, value_name = "MIB", requires = "batch")]
    pub preload_mb: Option<usize>,
    /// The query id for --format trec on one query
    #[arg(long, default_value = "q", conflicts_with = "batch")]
    pub qid: String,
    /// The index directory [default: index, built from corpus/ on first use]
    #[arg(long, short = 'i')]
    pub index: Option<PathBuf>,
    /// Only articles published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long)]
    pub since: Option<String>,
    /// Only articles published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD; inclusive)
    #[arg(long)]
    pub until: Option<String>,
    /// The number of hits
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// The most passages shown per article
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    pub per_article: u16,
    /// Only lead articles or only teasers
    #[arg(long, value_enum)]
    pub kind: Option<ArticleKind>,
    /// The order of hits
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    pub sort: Sort,
    /// Weight of title matches relative to body matches
    #[arg(long, default_value_t = crate::search::TITLE_BOOST)]
    pub title_boost: f32,
    /// Show each hit's score broken down by term and field
    #[arg(long)]
    pub explain: bool,
    /// Instead of hits, count matching articles per day, week, month or year
    #[arg(long)]
    pub timeline: bool,
    /// The timeline's period [default: chosen to fit the dates]
    #[arg(long, value_enum, requires = "timeline")]
    pub by: Option<Period>,
    /// Threads that read and highlight a query's hits, from 32 hits up;
    /// the helpers start during the ranking and spin up to 2 ms waiting
    /// for it [default: one per core]
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Colour highlights in text output
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// How many MiB of stored passages `search --batch` holds in memory by
/// default, when it holds them: Reuters-21578 takes about 35.
pub const PRELOAD_MB: usize = 256;

/// Runs a search; exit code 0 with hits, 1 with none.
pub fn run(args: SearchArgs, g: Global) -> anyhow::Result<i32> {
    // clap lets these through with a query: `--batch`, which they require,
    // conflicts with the query, and clap takes that as leave to drop the
    // requirement. Ignoring them would leave `--timings` unwritten.
    if args.batch.is_none() {
        let given = [
            ("--timings", args.timings.is_some()),
            ("--passes", args.passes.is_some()),
            ("--preload-mb", args.preload_mb.is_some()),
        ];
        if let Some((flag, _)) = given.iter().find(|(_, given)| *given) {
            anyhow::bail!("{flag} applies only to --batch");
        }
    }
    let mut engine = super::open_engine(args.index.clone(), g)?;
    engine.set_title_boost(args.title_boost);
    if let Some(t) = args.threads {
        engine.set_threads(usize::from(t));
    }
    if let Some(topics) = &args.batch {
        let path = topics;
        let topics = crate::eval::topics::read(path)?;
        let held = preload(&mut engine, &args, topics.len(), g)?;
        let code = batch(&engine, &args, path, &topics, held, g);
        if held.is_some() {
            // The process ends next: freeing what was held one string at a
            // time took about 10 ms on Reuters-21578 (callgrind: 7% of a
            // 60-query batch). The system takes it back at once.
            std::mem::forget(engine);
        }
        return code;
    }
    let query = args.query.join(" ");
    let req = request(&args, &query)?;
    let started = Instant::now();
    let mut out = BufWriter::new(std::io::stdout().lock());

    if args.timeline {
        if matches!(args.format, OutputFormat::Tsv | OutputFormat::Trec) {
            anyhow::bail!("--timeline prints text or JSON, not --format tsv or trec");
        }
        let t = engine.timeline(&req, args.by)?;
        let json = args.format != OutputFormat::Text;
        render::timeline::write_timeline(&mut out, &t, &query, json)?;
        out.flush()?;
        if g.verbose {
            eprintln!(
                "newsidx: timeline in {:.1} ms",
                started.elapsed().as_secs_f64() * 1e3
            );
        }
        return Ok(if t.dated + t.undated == 0 { 1 } else { 0 });
    }

    let results = engine.search(&req)?;
    match args.format {
        OutputFormat::Text => {
            render::text::write_results(&mut out, &results, use_color(args.color))?;
        }
        OutputFormat::Json | OutputFormat::Jsonl => {
            render::json::write_results(&mut out, &results)?
        }
        OutputFormat::Tsv => render::lines::write_tsv(&mut out, &results, None)?,
        OutputFormat::Trec => render::lines::write_trec(&mut out, &results, &args.qid)?,
    }
    if args.format != OutputFormat::Text && results.undated_excluded > 0 && !g.quiet {
        eprintln!(
            "newsidx: {} matching undated articles left out by the date filter",
            results.undated_excluded
        );
    }
    out.flush()?;
    if g.verbose {
        eprintln!(
            "newsidx: {} hits from {} in {:.1} ms",
            results.hits.len(),
            engine.index().path.display(),
            started.elapsed().as_secs_f64() * 1e3
        );
    }
    Ok(if results.hits.is_empty() { 1 } else { 0 })
}

/// The search request the options describe, for one query.
fn request(args: &SearchArgs, query: &str) -> anyhow::Result<SearchRequest> {
    let mut req = SearchRequest::new(query);
    req.range = DateRange::parse(args.since.as_deref(), args.until.as_deref())?;
    req.limit = args.limit;
    req.per_article = usize::from(args.per_article);
    req.kind = args.kind;
    req.sort = args.sort;
    req.explain = args.explain;
    Ok(req)
}

/// `--preload-mb`: the stored passages held in memory before a batch of
/// `topics` queries, and how long that took (said with `--verbose`,
/// written with `--timings`).
///
/// Without the flag they are held (up to [`PRELOAD_MB`]) only when the
/// batch reads at least as many hits as the index has documents: about
/// where reading each document once costs what reading the hits from the
/// doc store would (on Reuters-21578 with 100 hits a query, 6 passes of
/// 60 queries took 208-212 ms with and 212-221 ms without; benches/README.md).
fn preload(
    engine: &mut crate::search::Engine,
    args: &SearchArgs,
    topics: usize,
    g: Global,
) -> anyhow::Result<Held> {
    let reads = topics
        .saturating_mul(args.passes.unwrap_or(1) as usize)
        .saturating_mul(args.limit);
    let mib = match args.preload_mb {
        Some(mib) => mib,
        None if reads as u64 >= engine.searcher().num_docs() => PRELOAD_MB,
        None => 0,
    };
    if mib == 0 {
        return Ok(None);
    }
    let started = Instant::now();
    let held = engine.preload(mib.saturating_mul(1 << 20))?;
    let ms = started.elapsed().as_secs_f64() * 1e3;
    if g.verbose {
        eprintln!(
            "newsidx: held {} documents in memory ({:.1} MiB, {} of {} segments{}) in {:.1} ms",
            held.documents,
            held.bytes as f64 / f64::from(1 << 20),
            held.segments,
            held.segments + held.segments_left,
            match held.segments_left {
                0 => String::new(),
                _ => format!("; the rest did not fit in --preload-mb {mib}"),
            },
            ms,
        );
    }
    Ok(Some((held, ms)))
}

/// What `--preload-mb` held, and the milliseconds it took.
type Held = Option<(crate::search::preload::PreloadReport, f64)>;

/// `--batch`: every topic's hits, in one process, with each query's
/// in-process latency (search, highlighting and explanation; not output),
/// the median over `--passes` runs of the file. A query that fails is
/// reported and skipped; the exit code is then 2.
fn batch(
    engine: &crate::search::Engine,
    args: &SearchArgs,
    path: &Path,
    topics: &[crate::eval::topics::Topic],
    held: Held,
    g: Global,
) -> anyhow::Result<i32> {
    let passes = args.passes.unwrap_or(1);
    // On a thread of the engine's pool, so that a query waiting for the
    // helpers reading its hits does not go to sleep (`Engine::on_pool`).
    let (times, failed) = engine.on_pool(|| run_passes(engine, args, path, topics, passes))?;
    // Queries that answered in every pass, and each one's median.
    let passes = usize::try_from(passes).unwrap_or(usize::MAX);
    let timed: Vec<&Vec<Spent>> = times.iter().filter(|v| v.len() == passes).collect();
    let medians_of = |stage: fn(&Spent) -> f64| -> Vec<f64> {
        timed
            .iter()
            .map(|v| crate::eval::median(&v.iter().map(stage).collect::<Vec<_>>()))
            .collect()
    };
    let medians = medians_of(|s| s.total);
    let latency = crate::eval::Latency::of(&medians);
    let ranking = medians_of(|s| s.ranking);
    let hits = medians_of(|s| s.hits);
    if let Some(f) = &args.timings {
        let by_pass: Vec<Vec<f64>> = (0..passes)
            .map(|p| timed.iter().map(|v| v[p].total).collect())
            .collect();
        let stage = |ms: &[f64]| {
            serde_json::json!({
                "latency": crate::eval::Latency::of(ms),
                "per_query_ms": ms,
            })
        };
        let json = serde_json::json!({
            "latency": latency,
            "per_query_ms": medians,
            "passes_ms": by_pass,
            "stages": { "ranking": stage(&ranking), "hits": stage(&hits) },
            "preload": held.map(|(h, ms)| serde_json::json!({
                "documents": h.documents,
                "bytes": h.bytes,
                "segments": h.segments,
                "segments_left": h.segments_left,
                "ms": ms,
            })),
        });
        std::fs::write(f, format!("{json}\n"))
            .with_context(|| format!("cannot write {}", f.display()))?;
    }
    if !g.quiet {
        eprintln!(
            "newsidx: {} queries, {} failed; per query (in-process, search + highlights{}): mean {:.2} ms, p50 {:.2}, p95 {:.2}, p99 {:.2}",
            topics.len(),
            failed,
            if passes > 1 {
                format!(", median of {passes} passes")
            } else {
                String::new()
            },
            latency.mean_ms,
            latency.p50_ms,
            latency.p95_ms,
            latency.p99_ms
        );
        let (ranking, hits) = (
            crate::eval::Latency::of(&ranking),
            crate::eval::Latency::of(&hits),
        );
        eprintln!(
            "newsidx: of which ranking: mean {:.2} ms, p95 {:.2}; reading and highlighting the hits: mean {:.2} ms, p95 {:.2}",
            ranking.mean_ms, ranking.p95_ms, hits.mean_ms, hits.p95_ms
        );
    }
    Ok(if failed > 0 { 2 } else { 0 })
}

/// Runs the batch `passes` times, writing the hits of the first pass:
/// each query's times in each pass, and how many queries failed.
fn run_passes(
    engine: &crate::search::Engine,
    args: &SearchArgs,
    path: &Path,
    topics: &[crate::eval::topics::Topic],
    passes: u32,
) -> anyhow::Result<(Vec<Vec<Spent>>, usize)> {
    let color = use_color(args.color);
    let mut out = BufWriter::new(std::io::stdout().lock());
    // Each query's latency in each pass, and its stages; hits are written
    // in the first.
    let mut times: Vec<Vec<Spent>> = vec![Vec::new(); topics.len()];
    let mut failed = 0;
    for pass in 0..passes {
        for (t, spent) in topics.iter().zip(&mut times) {
            let req = request(args, &t.query)?;
            let started = Instant::now();
            let results = match engine.search(&req) {
                Ok(r) => r,
                Err(e) => {
                    if pass == 0 {
                        failed += 1;
                        eprintln!("newsidx: {}: query {}: {e}", path.display(), t.qid);
                    }
                    continue;
                }
            };
            spent.push(Spent {
                total: started.elapsed().as_secs_f64() * 1e3,
                ranking: results.stages.ranking.as_secs_f64() * 1e3,
                hits: results.stages.hits.as_secs_f64() * 1e3,
            });
            if pass > 0 {
                continue;
            }
            match args.format {
                OutputFormat::Text => {
                    writeln!(
                        out,
                        "## {}: {}\n",
                        render::sanitize(&t.qid),
                        render::sanitize(&t.query)
                    )?;
                    render::text::write_results(&mut out, &results, color)?;
                }
                OutputFormat::Json | OutputFormat::Jsonl => {
                    render::json::write_batch_results(&mut out, &results, &t.qid)?;
                }
                OutputFormat::Tsv => render::lines::write_tsv(&mut out, &results, Some(&t.qid))?,
                OutputFormat::Trec => render::lines::write_trec(&mut out, &results, &t.qid)?,
            }
        }
    }
    out.flush()?;
    Ok((times, failed))
}

/// One query's time in one pass, in ms: in all, and by stage
/// ([`crate::search::Stages`]).
#[derive(Debug, Clone, Copy)]
struct Spent {
    total: f64,
    ranking: f64,
    hits: f64,
}

/// Builds the default index from the bundled corpus on first use.
pub fn build_default(index: &Path, g: Global) -> anyhow::Result<()> {
    let corpus = PathBuf::from(super::DEFAULT_CORPUS);
    if !corpus.is_dir() {
        return Ok(());
    }
    if !g.quiet {
        eprintln!(
            "newsidx: no index at {}/ yet: building it from {}/ (first use)",
            index.display(),
            corpus.display()
        );
    }
    let mut cfg = IngestConfig::new(vec![corpus], index.to_path_buf());
    cfg.progress = !g.quiet && std::io::stderr().is_terminal();
    let summary = ingest::ingest(&cfg).context("cannot build the default index")?;
    if !g.quiet {
        render::summary::write_summary(&mut std::io::stderr().lock(), &summary, index)?;
    }
    Ok(())
}
