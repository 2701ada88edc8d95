//! `newsidx stats`: what an index holds.

use super::DocFormat;
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
    #[arg(long, short = 'f', value_enum, default_value_t = DocFormat::Text)]
    pub format: DocFormat,
}

/// Prints the index facts.
pub fn run(args: StatsArgs) -> anyhow::Result<i32> {
    let ni = NewsIndex::open(&super::index_dir(args.index))?;
    let stats = crate::store::stats::stats(&ni)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    render::stats::write_stats(&mut out, &stats, args.format == DocFormat::Json)?;
    out.flush()?;
    Ok(0)
}
