//! TREC qrels and run files.
//!
//! Qrels: `qid iter docid grade`. Run: `qid Q0 docid rank score tag`. A run
//! is ordered the way trec_eval orders it, whatever its rank column says:
//! by score descending, equal scores by document id descending.

use super::metrics::Judgments;
use crate::error::{Error, Result};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::Path;

/// Judgments of every topic.
pub type Qrels = BTreeMap<String, Judgments>;

/// A run: per topic, documents with scores.
pub type Run = BTreeMap<String, Vec<(String, f64)>>;

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}

fn bad(path: &Path, line: usize, reason: impl Into<String>) -> Error {
    Error::BadInput {
        path: path.to_path_buf(),
        line: Some(line),
        reason: reason.into(),
    }
}

/// Reads a qrels file.
pub fn read_qrels(path: &Path) -> Result<Qrels> {
    parse_qrels(path, &read_text(path)?)
}

/// Parses qrels text; `path` is for error messages.
pub fn parse_qrels(path: &Path, text: &str) -> Result<Qrels> {
    let mut out = Qrels::new();
    for (i, line) in text.lines().enumerate() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() {
            continue;
        }
        if cols.len() != 4 {
            return Err(bad(
                path,
                i + 1,
                format!(
                    "expected `qid iter docid grade`, found {} columns",
                    cols.len()
                ),
            ));
        }
        let grade: i32 = cols[3].parse().map_err(|_| {
            bad(
                path,
                i + 1,
                format!("grade {:?} is not an integer", cols[3]),
            )
        })?;
        out.entry(cols[0].to_string())
            .or_default()
            .insert(cols[2].to_string(), grade);
    }
    Ok(out)
}

/// Reads a run file.
pub fn read_run(path: &Path) -> Result<Run> {
    parse_run(path, &read_text(path)?)
}

/// Parses run text; `path` is for error messages. Topics come out in
/// trec_eval order; a document listed twice for a topic is an error.
pub fn parse_run(path: &Path, text: &str) -> Result<Run> {
    let mut out = Run::new();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() {
            continue;
        }
        if cols.len() != 6 {
            return Err(bad(
                path,
                i + 1,
                format!(
                    "expected `qid Q0 docid rank score tag`, found {} columns",
                    cols.len()
                ),
            ));
        }
        let score: f64 = cols[4]
            .parse()
            .ok()
            .filter(|s: &f64| s.is_finite())
            .ok_or_else(|| bad(path, i + 1, format!("score {:?} is not a number", cols[4])))?;
        if let Some(first) = seen.insert((cols[0].into(), cols[2].into()), i + 1) {
            return Err(bad(
                path,
                i + 1,
                format!(
                    "document {} already listed for topic {} on line {first}",
                    cols[2], cols[0]
                ),
            ));
        }
        out.entry(cols[0].to_string())
            .or_default()
            .push((cols[2].to_string(), score));
    }
    for docs in out.values_mut() {
        sort_trec(docs);
    }
    Ok(out)
}

/// Orders documents as trec_eval does: score descending, then id descending.
pub fn sort_trec(docs: &mut [(String, f64)]) {
    docs.sort_by(|a, b| {
        b.1.partial_cmp(&a.1)
            .unwrap_or(Ordering::Equal)
            .then_with(|| b.0.cmp(&a.0))
    });
}

/// Writes a run in TREC format, ranks from 1 in the given order.
pub fn write_run<W: Write>(w: &mut W, run: &Run, tag: &str) -> io::Result<()> {
    for (qid, docs) in run {
        for (rank, (doc, score)) in docs.iter().enumerate() {
            writeln!(w, "{qid} Q0 {doc} {} {score} {tag}", rank + 1)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("f")
    }

    #[test]
    fn run_is_ordered_like_trec_eval() {
        let run = parse_run(p(), "q1 Q0 a 1 1.5 t\nq1 Q0 b 2 2.0 t\nq1 Q0 c 3 1.5 t\n").unwrap();
        let ids: Vec<&str> = run["q1"].iter().map(|(d, _)| d.as_str()).collect();
        assert_eq!(ids, vec!["b", "c", "a"]);
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let e = parse_run(p(), "q1 Q0 a 1 1.5 t\nq1 Q0 b 2 x t\n").unwrap_err();
        assert_eq!(e.to_string(), "f:2: score \"x\" is not a number");
        let e = parse_run(p(), "q1 Q0 a 1 1 t\nq1 Q0 a 2 1 t\n").unwrap_err();
        assert!(e.to_string().starts_with("f:2: document a already listed"));
        let e = parse_qrels(p(), "q1 0 a 1\nq1 0 b\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "f:2: expected `qid iter docid grade`, found 3 columns"
        );
        let e = parse_qrels(p(), "q1 0 a high\n").unwrap_err();
        assert_eq!(e.to_string(), "f:1: grade \"high\" is not an integer");
    }

    #[test]
    fn writes_what_it_reads() {
        let run = parse_run(p(), "q 0 a 1 2.5 x\nq 0 b 2 1 x\n").unwrap();
        let mut out = Vec::new();
        write_run(&mut out, &run, "tag").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "q Q0 a 1 2.5 tag\nq Q0 b 2 1 tag\n"
        );
    }
}
