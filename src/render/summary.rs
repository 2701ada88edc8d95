//! The ingest summary, for stderr.

use super::sanitize;
use crate::ingest::IngestSummary;
use std::io::{self, Write};

/// Writes what an ingest did: files, articles, passages, problems.
pub fn write_summary<W: Write>(
    w: &mut W,
    s: &IngestSummary,
    index: &std::path::Path,
) -> io::Result<()> {
    writeln!(
        w,
        "ingested into {}: {} files found, {} indexed, {} unchanged, {} skipped (unsupported type), {} failed{}",
        index.display(),
        s.files_found,
        s.files_indexed,
        s.files_unchanged,
        s.files_skipped,
        s.files_failed,
        if s.files_removed > 0 {
            format!(", {} removed", s.files_removed)
        } else {
            String::new()
        }
    )?;
    writeln!(
        w,
        "{} articles, {} teasers, {} passages, {} undated articles, {:.2} s",
        s.articles, s.teasers, s.passages, s.undated, s.seconds
    )?;
    if !s.notes.is_empty() {
        writeln!(w, "{} notes:", s.notes.len())?;
        for n in &s.notes {
            writeln!(w, "  {}", sanitize(n))?;
        }
    }
    if !s.failures.is_empty() {
        writeln!(w, "{} problems:", s.failures.len())?;
        for f in &s.failures {
            writeln!(w, "  {}", sanitize(f))?;
        }
    }
    Ok(())
}
