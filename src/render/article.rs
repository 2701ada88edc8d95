//! One whole article (`newsidx show`) as text or JSON.

use super::sanitize;
use crate::search::article::ArticleView;
use std::io::{self, Write};

fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "undated".into(), |d| d.format("%Y-%m-%d").to_string())
}

/// Writes an article; `mark` highlights query words in the body.
pub fn write_article<W: Write>(
    w: &mut W,
    a: &ArticleView,
    json: bool,
    mark: &dyn Fn(&str) -> String,
) -> io::Result<()> {
    if json {
        serde_json::to_writer(&mut *w, a)?;
        return writeln!(w);
    }
    writeln!(w, "{}", sanitize(&a.title))?;
    writeln!(w, "id:      {}", sanitize(&a.id))?;
    writeln!(w, "kind:    {}", a.kind)?;
    let from = a
        .date_source
        .as_deref()
        .map(|s| format!(" (from {})", sanitize(s)))
        .unwrap_or_default();
    writeln!(w, "date:    {}{from}", day(a.date))?;
    writeln!(w, "source:  {}", sanitize(&a.source))?;
    if let Some(u) = &a.url {
        writeln!(w, "url:     {}", sanitize(u))?;
    }
    if let Some(l) = &a.lead {
        writeln!(w, "lead:    {}  {}", sanitize(&l.id), sanitize(&l.title))?;
    }
    if let Some(c) = &a.caption {
        writeln!(w, "caption: {}", mark(c))?;
    }
    writeln!(w)?;
    for para in a.body.split("\n\n") {
        writeln!(w, "{}\n", mark(para))?;
    }
    if !a.teasers.is_empty() {
        writeln!(w, "teasers:")?;
        for t in &a.teasers {
            writeln!(
                w,
                "  {}  {}  {}",
                sanitize(&t.id),
                day(t.date),
                sanitize(&t.title)
            )?;
        }
    }
    Ok(())
}
