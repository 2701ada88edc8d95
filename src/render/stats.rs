//! Index facts (`newsidx stats`) as text or JSON.

use crate::store::stats::Stats;
use std::io::{self, Write};

/// Writes the facts of an index.
pub fn write_stats<W: Write>(w: &mut W, s: &Stats, json: bool) -> io::Result<()> {
    if json {
        serde_json::to_writer(&mut *w, s)?;
        return writeln!(w);
    }
    let day = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "-".into(), |d| d.to_string());
    writeln!(w, "index:            {}", super::sanitize(&s.path))?;
    writeln!(w, "files:            {}", s.files)?;
    writeln!(
        w,
        "articles:         {} ({} lead, {} teaser)",
        s.leads + s.teasers,
        s.leads,
        s.teasers
    )?;
    writeln!(w, "passages:         {}", s.passages)?;
    writeln!(
        w,
        "dates:            {} to {}",
        day(s.first_date),
        day(s.last_date)
    )?;
    writeln!(w, "undated articles: {}", s.undated_articles)?;
    writeln!(
        w,
        "size:             {:.1} MB in {} segment{}",
        s.index_bytes as f64 / 1e6,
        s.segments,
        if s.segments == 1 { "" } else { "s" }
    )?;
    if let Some(st) = &s.settings {
        writeln!(
            w,
            "last ingest:      {}",
            st.last_ingest.as_deref().unwrap_or("-")
        )?;
        writeln!(w, "passage size:     {} words", st.passage_words)?;
        writeln!(w, "analyzer:         {}", st.analyzer)?;
        writeln!(w, "schema version:   {}", st.schema_version)?;
    }
    Ok(())
}
