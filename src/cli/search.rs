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
    /// The query, in tantivy's query syntax
    pub query: String,
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
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Colour highlights in text output
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Runs a search; exit code 0 with hits, 1 with none.
pub fn run(args: SearchArgs, g: Global) -> anyhow::Result<i32> {
    let mut engine = super::open_engine(args.index, g)?;
    engine.set_title_boost(args.title_boost);
    let mut req = SearchRequest::new(args.query.clone());
    req.range = DateRange::parse(args.since.as_deref(), args.until.as_deref())?;
    req.limit = args.limit;
    req.per_article = usize::from(args.per_article);
    req.kind = args.kind;
    req.sort = args.sort;
    req.explain = args.explain;
    let json = args.format != OutputFormat::Text;
    let started = Instant::now();
    let mut out = BufWriter::new(std::io::stdout().lock());

    if args.timeline {
        let t = engine.timeline(&req, args.by)?;
        render::timeline::write_timeline(&mut out, &t, &args.query, json)?;
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
    if json {
        render::json::write_results(&mut out, &results)?;
        if results.undated_excluded > 0 && !g.quiet {
            eprintln!(
                "newsidx: {} matching undated articles left out by the date filter",
                results.undated_excluded
            );
        }
    } else {
        render::text::write_results(&mut out, &results, use_color(args.color))?;
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
