//! Search results as JSON Lines: one object per hit, the fields of
//! [`crate::model::Hit`] (see the README for the contract).

use crate::model::Hit;
use crate::search::SearchResults;
use std::io::{self, Write};

/// A hit of a batch search: the hit's fields after the query id.
#[derive(serde::Serialize)]
struct BatchHit<'a> {
    qid: &'a str,
    #[serde(flatten)]
    hit: &'a Hit,
}

/// Writes one JSON object per hit, each starting with `"qid"`.
pub fn write_batch_results<W: Write>(
    w: &mut W,
    results: &SearchResults,
    qid: &str,
) -> io::Result<()> {
    for hit in &results.hits {
        serde_json::to_writer(&mut *w, &BatchHit { qid, hit })?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes one JSON object per hit, one per line.
pub fn write_results<W: Write>(w: &mut W, results: &SearchResults) -> io::Result<()> {
    for hit in &results.hits {
        serde_json::to_writer(&mut *w, hit)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}
