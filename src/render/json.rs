//! Search results as JSON Lines: one object per hit, the fields of
//! [`crate::model::Hit`] (see the README for the contract).

use crate::search::SearchResults;
use std::io::{self, Write};

/// Writes one JSON object per hit, one per line.
pub fn write_results<W: Write>(w: &mut W, results: &SearchResults) -> io::Result<()> {
    for hit in &results.hits {
        serde_json::to_writer(&mut *w, hit)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}
