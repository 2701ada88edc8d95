//! `newsidx search`: ranked, highlighted passages.

use crate::ingest::{self, IngestConfig};
use crate::model::ArticleKind;
use crate::render;
use crate::search::range::DateRange;
use crate::search::{Engine, SearchRequest};
use crate::store::NewsIndex;
use anyhow::Context;
use clap::{Args, ValueEnum};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// For people: title, facts and a highlighted snippet per hit.
    Text,
    /// One JSON object per hit per line (see the README).
    Json,
}

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

/// Arguments of `newsidx search`.
#[derive(Debug, Args)]
#[command(
    after_help = "Query syntax (tantivy): words (any may match; more matches rank higher), \"a phrase\", +required, -excluded, title:word, caption:word, kind:teaser.\n\nExamples:\n  newsidx search \"taliban pakistan\"\n  newsidx search vucic --since 2024-12 --until 2024-12-10\n  newsidx search '\"martial law\" +korea' --format json\n\nExit status: 0 with hits, 1 with none, 2 on error."
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
    /// Weight of title matches relative to body matches
    #[arg(long, default_value_t = crate::search::TITLE_BOOST)]
    pub title_boost: f32,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Colour highlights in text output
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Runs a search; exit code 0 with hits, 1 with none.
pub fn run(args: SearchArgs) -> anyhow::Result<i32> {
    let default_index = args.index.is_none();
    let index = super::index_dir(args.index);
    if default_index && !NewsIndex::exists(&index) {
        build_default(&index)?;
    }
    let range = DateRange::parse(args.since.as_deref(), args.until.as_deref())?;
    let mut engine = Engine::open(&index)?;
    engine.set_title_boost(args.title_boost);
    let mut req = SearchRequest::new(args.query);
    req.range = range;
    req.limit = args.limit;
    req.per_article = usize::from(args.per_article);
    req.kind = args.kind;
    let results = engine.search(&req)?;

    let stdout = std::io::stdout();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        OutputFormat::Text => render::text::write_results(&mut out, &results, color)?,
        OutputFormat::Json => {
            render::json::write_results(&mut out, &results)?;
            if results.undated_excluded > 0 {
                eprintln!(
                    "newsidx: {} matching undated articles left out by the date filter",
                    results.undated_excluded
                );
            }
        }
    }
    out.flush()?;
    Ok(if results.hits.is_empty() { 1 } else { 0 })
}

/// Builds the default index from the bundled corpus on first use.
fn build_default(index: &Path) -> anyhow::Result<()> {
    let corpus = PathBuf::from(super::DEFAULT_CORPUS);
    if !corpus.is_dir() {
        return Ok(());
    }
    eprintln!(
        "newsidx: no index at {}/ yet: building it from {}/ (first use)",
        index.display(),
        corpus.display()
    );
    let mut cfg = IngestConfig::new(vec![corpus], index.to_path_buf());
    cfg.progress = std::io::stderr().is_terminal();
    let summary = ingest::ingest(&cfg).context("cannot build the default index")?;
    render::summary::write_summary(&mut std::io::stderr().lock(), &summary, index)?;
    Ok(())
}
