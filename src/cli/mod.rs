//! The command line: clap definitions, turned once into typed requests.
//!
//! Each subcommand has its own file with its arguments and `run` function.
//! `run` returns the process exit code; errors carry context for `main`.

mod eval;
mod ingest;
mod search;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// The default index location, relative to the working directory.
pub const DEFAULT_INDEX: &str = "index";
/// The bundled sample corpus, relative to the working directory.
pub const DEFAULT_CORPUS: &str = "corpus";

/// Full-text search over news articles.
#[derive(Debug, Parser)]
#[command(name = "newsidx", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  newsidx search \"taliban pakistan\"\n  newsidx ingest ~/news --index ~/news-index\n  newsidx search --index ~/news-index --since 2024-12 'vucic -lithium' --format json"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles from files and folders into an index.
    Ingest(ingest::IngestArgs),
    /// Search an index; ranked passages with highlights.
    Search(search::SearchArgs),
    /// Evaluate ranking on judged topics (trec_eval's metrics), or run topics in batch
    Eval(eval::EvalArgs),
}

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        Command::Ingest(args) => ingest::run(args),
        Command::Search(args) => search::run(args),
        Command::Eval(args) => eval::run(args),
    }
}

/// The index directory: the flag's value or the default.
fn index_dir(flag: Option<PathBuf>) -> PathBuf {
    flag.unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX))
}

/// Whether an error is a closed stdout (`newsidx search ... | head`), which
/// is a normal way to stop reading, not a failure.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<crate::error::Error>().is_some_and(|ne| {
                matches!(ne, crate::error::Error::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}
