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
    if s.reread_for_version > 0 {
        let versions: Vec<String> = s.older_versions.iter().map(u32::to_string).collect();
        writeln!(
            w,
            "{} of the indexed files had not changed: read again because an older release indexed them (extraction version {}, now {})",
            s.reread_for_version,
            versions.join(", "),
            crate::ingest::EXTRACTION_VERSION
        )?;
    }
    if s.reread_for_settings > 0 {
        writeln!(
            w,
            "{} of the indexed files had not changed: read again because --passage-words or --date differ from their last ingest",
            s.reread_for_settings
        )?;
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::EXTRACTION_VERSION;

    #[test]
    fn the_summary_counts_unchanged_files_read_again_by_why() {
        let s = IngestSummary {
            files_found: 5,
            files_indexed: 5,
            reread_for_version: 3,
            older_versions: vec![1, 2],
            reread_for_settings: 1,
            ..IngestSummary::default()
        };
        let mut out = Vec::new();
        write_summary(&mut out, &s, std::path::Path::new("ix")).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains(&format!(
                "3 of the indexed files had not changed: read again because an older release indexed them (extraction version 1, 2, now {EXTRACTION_VERSION})"
            )),
            "{out}"
        );
        assert!(out.contains("1 of the indexed files had not changed: read again because --passage-words or --date"), "{out}");
        let quiet = IngestSummary::default();
        let mut out = Vec::new();
        write_summary(&mut out, &quiet, std::path::Path::new("ix")).unwrap();
        assert!(!String::from_utf8(out).unwrap().contains("read again"));
    }
}
