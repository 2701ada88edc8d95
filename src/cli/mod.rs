//! The command line: clap definitions, turned once into typed requests.
//!
//! Each subcommand has its own file with its arguments and `run` function.
//! `run` returns the process exit code; errors carry context for `main`.

mod completions;
mod eval;
mod extract;
mod ingest;
mod search;
mod show;
mod stats;

use crate::search::Engine;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The default index location, relative to the working directory.
pub const DEFAULT_INDEX: &str = "index";
/// The bundled sample corpus, relative to the working directory.
pub const DEFAULT_CORPUS: &str = "corpus";

/// Full-text search over news articles.
#[derive(Debug, Parser)]
#[command(name = "newsidx", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  newsidx search \"taliban pakistan\"\n  newsidx ingest ~/news --index ~/news-index\n  newsidx search --index ~/news-index --since 2024-12 'vucic -lithium' --format json\n  newsidx search oil --timeline\n  newsidx show 000_3fa42d7a40e473df/t8\n\nExit status: 0 success (search: hits), 1 search found nothing or ingest had bad files, 2 error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub global: Global,
}

/// Output formats of the commands that print documents rather than hits
/// (`extract`, `show`, `stats`): the hit formats, TSV and TREC run lines,
/// have no meaning there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    /// For people.
    Text,
    /// JSON (see the README); `jsonl` is the same.
    #[value(alias = "jsonl")]
    Json,
}

/// Flags every command takes.
#[derive(Debug, Clone, Copy, Args)]
pub struct Global {
    /// Print nothing on stderr but errors
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print timings and details on stderr
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles from files and folders into an index.
    Ingest(ingest::IngestArgs),
    /// Search an index; ranked passages with highlights, or a timeline.
    Search(search::SearchArgs),
    /// Show what ingest would index from files (articles, titles, dates, bodies), without indexing.
    Extract(extract::ExtractArgs),
    /// Print one whole article by id (the ids search prints).
    Show(show::ShowArgs),
    /// Print what an index holds and how it was built.
    Stats(stats::StatsArgs),
    /// Evaluate ranking on judged topics (trec_eval's metrics), or run topics in batch.
    Eval(eval::EvalArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    let g = cli.global;
    match cli.command {
        Command::Ingest(args) => ingest::run(args, g),
        Command::Search(args) => search::run(args, g),
        Command::Show(args) => show::run(args, g),
        Command::Extract(args) => extract::run(args, g),
        Command::Stats(args) => stats::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Completions(args) => completions::run(&args),
        Command::Man => completions::man(),
    }
}

/// The index directory: the flag's value or the default.
fn index_dir(flag: Option<PathBuf>) -> PathBuf {
    flag.unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX))
}

/// Opens the index for reading, building the default index from the
/// bundled corpus on first use when no `--index` was given.
fn open_engine(flag: Option<PathBuf>, g: Global) -> anyhow::Result<Engine> {
    let default_index = flag.is_none();
    let index = index_dir(flag);
    if default_index && !crate::store::NewsIndex::exists(&index) {
        search::build_default(&index, g)?;
    }
    Ok(Engine::open(&index)?)
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
