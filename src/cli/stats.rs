//! `newsidx stats`: what an index holds.

use super::search::OutputFormat;
use crate::render;
use crate::store::NewsIndex;
use clap::Args;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Arguments of `newsidx stats`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  newsidx stats\n  newsidx stats --index ~/news-index --format json"
)]
pub struct StatsArgs {
    /// The index [default: index]
    #[arg(long, short = 'i')]
    pub index: Option<PathBuf>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// Prints the index facts.
pub fn run(args: StatsArgs) -> anyhow::Result<i32> {
    let ni = NewsIndex::open(&super::index_dir(args.index))?;
    let stats = crate::store::stats::stats(&ni)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    render::stats::write_stats(&mut out, &stats, args.format != OutputFormat::Text)?;
    out.flush()?;
    Ok(0)
}
