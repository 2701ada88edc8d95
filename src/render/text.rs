//! Search results as text for a terminal or a pager.
//!
//! Per hit: a title line with the rank; a line of facts (date or
//! `undated`, kind, score, source, passage id); the snippet with matches in
//! bold colour, or `**like this**` when colour is off.

use super::sanitize;
use crate::model::Hit;
use crate::search::SearchResults;
use crate::search::explain::Why;
use std::io::{self, Write};

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const MATCH: &str = "\x1b[1;31m";
const RESET: &str = "\x1b[0m";

/// Writes the hits and, when a date filter left some out, a note saying
/// how many matching undated articles it left out.
pub fn write_results<W: Write>(w: &mut W, results: &SearchResults, color: bool) -> io::Result<()> {
    for hit in &results.hits {
        write_hit(w, hit, color)?;
    }
    if results.undated_excluded > 0 {
        let n = results.undated_excluded;
        let s = if n == 1 { "" } else { "s" };
        writeln!(
            w,
            "({n} matching undated article{s} left out by the date filter)"
        )?;
    }
    Ok(())
}

fn write_hit<W: Write>(w: &mut W, hit: &Hit, color: bool) -> io::Result<()> {
    let (bold, dim, reset) = if color {
        (BOLD, DIM, RESET)
    } else {
        ("", "", "")
    };
    writeln!(w, "{bold}{}. {}{reset}", hit.rank, sanitize(&hit.title))?;
    let date = hit.date.map_or_else(
        || "undated".to_string(),
        |d| d.format("%Y-%m-%d").to_string(),
    );
    writeln!(
        w,
        "   {dim}{date} · {} · score {:.3} · {} · {}{reset}",
        hit.kind,
        hit.score,
        sanitize(&hit.source),
        sanitize(&hit.passage_id)
    )?;
    writeln!(w, "   {}", marked(&hit.snippet, &hit.highlights, color))?;
    if let Some(e) = &hit.explanation {
        writeln!(w, "   {dim}why this score:{reset}")?;
        write_explanation(w, e)?;
    }
    writeln!(w)
}

/// The snippet with its highlighted ranges marked.
pub fn marked(snippet: &str, ranges: &[[usize; 2]], color: bool) -> String {
    let (open, close) = if color { (MATCH, RESET) } else { ("**", "**") };
    let mut out = String::with_capacity(snippet.len() + ranges.len() * 8);
    let mut at = 0;
    for [a, b] in ranges {
        if *a < at || *b > snippet.len() {
            continue;
        }
        out.push_str(&sanitize(&snippet[at..*a]));
        out.push_str(open);
        out.push_str(&sanitize(&snippet[*a..*b]));
        out.push_str(close);
        at = *b;
    }
    out.push_str(&sanitize(&snippet[at..]));
    out
}

/// Writes a score's parts, one line per matched term and field.
fn write_explanation<W: Write>(w: &mut W, why: &Why) -> io::Result<()> {
    for t in &why.terms {
        let boost = if (t.boost - 1.0).abs() > 1e-6 {
            format!(" × boost {:.2}", t.boost)
        } else {
            String::new()
        };
        writeln!(
            w,
            "     {:>7.3}  {}:{}  (idf {:.2}; {} in a field of {} words, average {:.1}{boost})",
            t.score,
            t.field,
            sanitize(&t.term),
            t.idf,
            t.freq,
            t.length,
            t.avg_length
        )?;
    }
    writeln!(w, "     {:>7.3}  total (BM25, k1 1.2, b 0.75)", why.score)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_matches_plainly_or_in_colour() {
        assert_eq!(marked("a Vučić b", &[[2, 9]], false), "a **Vučić** b");
        assert_eq!(marked("a b", &[[0, 1]], true), "\x1b[1;31ma\x1b[0m b");
    }
}
