//! `newsidx ingest`: files and folders into an index.

use crate::ingest::{self, DEFAULT_PASSAGE_WORDS, IngestConfig};
use crate::render::summary::write_summary;
use crate::search::range;
use anyhow::Context;
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;

/// Arguments of `newsidx ingest`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  newsidx ingest                      # corpus/ into index/\n  newsidx ingest ~/news --index ~/news-index --prune\n  newsidx ingest dump.jsonl --date 2024-12-01"
)]
pub struct IngestArgs {
    /// Files or folders to read (.txt, .html/.htm, .jsonl/.json); folders are walked recursively [default: corpus]
    pub paths: Vec<PathBuf>,
    /// The index directory (created if missing) [default: index]
    #[arg(long, short = 'i')]
    pub index: Option<PathBuf>,
    /// Target passage size in words; passages end on sentence boundaries
    #[arg(long, default_value_t = DEFAULT_PASSAGE_WORDS as u16, value_parser = clap::value_parser!(u16).range(10..=2000))]
    pub passage_words: u16,
    /// Date (YYYY-MM-DD) for articles from these paths that state none
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Remove documents of files that no longer exist
    #[arg(long)]
    pub prune: bool,
    /// Memory budget in MB: bounds ingest's peak private memory, whatever the corpus size
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u16).range(64..=16384))]
    pub memory_mb: u16,
    /// Indexing threads [default: 2 (1 on one core or for less than 1 MiB of input, a .gz file counted at 4x its size), one per 3 cores past 6, at most 4; at most one per 30 MB of --memory-mb past 32 MB]
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub threads: Option<u16>,
    /// Commit after this many new documents: a crash loses at most the work since the last commit
    #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u32).range(1..))]
    pub commit_every: u32,
    /// Build the index without English stemming (only when creating it)
    #[arg(long)]
    pub no_stem: bool,
}

/// Runs an ingest; exit code 0 when every file was read, 1 otherwise.
pub fn run(args: IngestArgs, g: super::Global) -> anyhow::Result<i32> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(super::DEFAULT_CORPUS)]
    } else {
        args.paths
    };
    for p in &paths {
        if !p.exists() {
            anyhow::bail!("{}: no such file or directory", p.display());
        }
    }
    let mut cfg = IngestConfig::new(paths, super::index_dir(args.index));
    cfg.passage_words = usize::from(args.passage_words);
    cfg.prune = args.prune;
    cfg.stemming = args.no_stem.then_some(false);
    cfg.commit_every = args.commit_every as usize;
    cfg.memory_bytes = usize::from(args.memory_mb) << 20;
    if let Some(t) = args.threads {
        cfg.threads = Some(usize::from(t));
    }
    cfg.progress = !g.quiet && std::io::stderr().is_terminal();
    cfg.default_date = args
        .date
        .as_deref()
        .map(|d| {
            if d.len() != 10 {
                anyhow::bail!("--date takes a full date, YYYY-MM-DD, not {d:?}");
            }
            Ok(range::bound(d, false)?)
        })
        .transpose()?;
    let summary = ingest::ingest(&cfg)
        .with_context(|| format!("cannot ingest into {}", cfg.index.display()))?;
    if !g.quiet || !summary.failures.is_empty() {
        write_summary(&mut std::io::stderr().lock(), &summary, &cfg.index)?;
    }
    Ok(if summary.failures.is_empty() { 0 } else { 1 })
}
