//! The `newsidx` binary: parse, run, report, exit.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = newsidx::cli::Cli::parse();
    match newsidx::cli::run(cli) {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(2)),
        Err(e) if newsidx::cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsidx: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
