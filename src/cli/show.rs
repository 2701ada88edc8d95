//! `newsidx show ID`: one whole cleaned article.

use super::search::{ColorChoice, use_color};
use super::{DocFormat, Global};
use crate::render;
use clap::Args;
use std::collections::HashSet;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Arguments of `newsidx show`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  newsidx show 000_3fa42d7a40e473df\n  newsidx show 000_3fa42d7a40e473df/t8 --highlight vucic\n  newsidx show reuters-3013 --index ix --format json\n\nExit status: 0 shown, 1 no such article, 2 error."
)]
pub struct ShowArgs {
    /// The article id (search prints it; a passage id `ID#N` works too)
    pub id: String,
    /// The index [default: index]
    #[arg(long, short = 'i')]
    pub index: Option<PathBuf>,
    /// Highlight these query words in the article
    #[arg(long)]
    pub highlight: Option<String>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = DocFormat::Text)]
    pub format: DocFormat,
    /// Colour highlights
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Prints the article.
pub fn run(args: ShowArgs, g: Global) -> anyhow::Result<i32> {
    let engine = super::open_engine(args.index, g)?;
    let id = args
        .id
        .rsplit_once('#')
        .map_or(args.id.as_str(), |(a, _)| a);
    let Some(article) = engine.article(id)? else {
        if !g.quiet {
            eprintln!(
                "newsidx: no article {id:?} in the index (ids are printed by `newsidx search`)"
            );
        }
        return Ok(1);
    };
    let color = use_color(args.color);
    let words: HashSet<String> = match &args.highlight {
        Some(q) => crate::search::query_words_of(&*engine.parse(q)?, &engine.index().fields),
        None => HashSet::new(),
    };
    let matcher = crate::search::matcher::Matcher::new(words, engine.index().stemming);
    let mark = |text: &str| {
        if matcher.words().is_empty() {
            return render::sanitize(text).into_owned();
        }
        let hl = crate::search::highlight_text(text, &mut matcher.clone(), usize::MAX);
        render::text::marked(&hl.snippet, &hl.ranges, color)
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    render::article::write_article(&mut out, &article, args.format == DocFormat::Json, &mark)?;
    out.flush()?;
    Ok(0)
}
