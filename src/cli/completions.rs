//! `newsidx completions SHELL` and `newsidx man`, generated from the same
//! clap definitions as the parser.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

/// Arguments of `newsidx completions`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  newsidx completions bash > ~/.local/share/bash-completion/completions/newsidx\n  newsidx completions zsh > ~/.zfunc/_newsidx\n  newsidx completions fish > ~/.config/fish/completions/newsidx.fish"
)]
pub struct CompletionsArgs {
    /// The shell
    pub shell: Shell,
}

/// Prints the completion script.
pub fn run(args: &CompletionsArgs) -> anyhow::Result<i32> {
    let mut cmd = super::Cli::command();
    clap_complete::generate(
        args.shell,
        &mut cmd,
        "newsidx",
        &mut std::io::stdout().lock(),
    );
    Ok(0)
}

/// Prints the man page.
pub fn man() -> anyhow::Result<i32> {
    let cmd = super::Cli::command();
    clap_mangen::Man::new(cmd).render(&mut std::io::stdout().lock())?;
    Ok(0)
}
