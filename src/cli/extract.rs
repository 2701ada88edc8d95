//! `newsidx extract`: what ingest would index from each file, without
//! touching an index.

use super::{DocFormat, Global};
use crate::ingest::{extract_file, source};
use crate::render;
use clap::Args;
use rayon::prelude::*;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Arguments of `newsidx extract`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  newsidx extract corpus/\n  newsidx extract page.html --format json\n  newsidx extract saved/*.html.gz --format json > extracted.jsonl\n\nJSON: one object per file, {\"path\", \"articles\": [{\"id\", \"kind\", \"title\", \"date\", \"date_source\", \"caption\", \"url\", \"body\"}], \"errors\": [...], \"notes\": [...]} (notes: a legacy encoding decoded, characters encoded twice repaired, text cut, or why a page is not an article).\nExit status: 0 when every file was read, 1 otherwise, 2 on error."
)]
pub struct ExtractArgs {
    /// Files or folders (walked recursively), as for ingest
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = DocFormat::Text)]
    pub format: DocFormat,
}

/// Prints what each file yields.
pub fn run(args: ExtractArgs, g: Global) -> anyhow::Result<i32> {
    for p in &args.paths {
        if !p.exists() {
            anyhow::bail!("{}: no such file or directory", p.display());
        }
    }
    let walk = source::walk(&args.paths);
    let results: Vec<_> = walk
        .files
        .par_iter()
        .map(|f| (f, extract_file(f)))
        .collect();
    let json = args.format == DocFormat::Json;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut failed = !walk.errors.is_empty();
    for (file, (articles, errors, notes)) in &results {
        failed |= !errors.is_empty();
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        render::extract::write_file(&mut out, &file.path, articles, &errors, notes, json)?;
        if !g.quiet && json {
            for n in notes {
                eprintln!("newsidx: {}", render::sanitize(n));
            }
        }
    }
    out.flush()?;
    for e in &walk.errors {
        eprintln!("newsidx: {}", render::sanitize(&e.to_string()));
    }
    Ok(i32::from(failed))
}
