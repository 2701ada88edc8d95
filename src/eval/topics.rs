//! Topic files: TSV (`qid<TAB>query`, extra columns ignored), TREC topic
//! files (`<top> <num> Number: 301 <title> ...`) and JSON Lines
//! (`{"qid": ..., "query": ...}`), told apart by their first non-blank
//! character.

use crate::error::{Error, Result};
use std::io::Read;
use std::path::Path;

/// One topic: its id and query text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub qid: String,
    pub query: String,
}

/// Reads a topic file in any of the three formats; `-` reads standard
/// input (named `<stdin>` in errors).
pub fn read(path: &Path) -> Result<Vec<Topic>> {
    let (name, text) = if path == Path::new("-") {
        let name = Path::new("<stdin>");
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|source| Error::Read {
                path: name.to_path_buf(),
                source,
            })?;
        (name, text)
    } else {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        (path, text)
    };
    parse(name, &text)
}

/// Parses topic text; `path` is for error messages.
pub fn parse(path: &Path, text: &str) -> Result<Vec<Topic>> {
    let first = text.trim_start().chars().next();
    let topics = match first {
        Some('<') => parse_trec(path, text)?,
        Some('{') => parse_jsonl(path, text)?,
        _ => parse_tsv(path, text)?,
    };
    let mut seen = std::collections::HashSet::new();
    for t in &topics {
        if !seen.insert(t.qid.as_str()) {
            return Err(bad(path, None, format!("topic {} appears twice", t.qid)));
        }
    }
    Ok(topics)
}

fn bad(path: &Path, line: Option<usize>, reason: String) -> Error {
    Error::BadInput {
        path: path.to_path_buf(),
        line,
        reason,
    }
}

fn parse_tsv(path: &Path, text: &str) -> Result<Vec<Topic>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let qid = cols.next().unwrap_or("").trim();
        let query = cols.next().map(str::trim).unwrap_or("");
        if qid.is_empty() || query.is_empty() {
            return Err(bad(path, Some(i + 1), "expected qid<TAB>query".into()));
        }
        out.push(Topic {
            qid: qid.into(),
            query: query.into(),
        });
    }
    Ok(out)
}

fn parse_jsonl(path: &Path, text: &str) -> Result<Vec<Topic>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let err = |r: String| bad(path, Some(i + 1), r);
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| err(format!("invalid JSON: {e}")))?;
        let qid = match &v["qid"] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => return Err(err("missing \"qid\"".into())),
        };
        let query = v["query"]
            .as_str()
            .or_else(|| v["title"].as_str())
            .filter(|q| !q.trim().is_empty())
            .ok_or_else(|| err("missing \"query\"".into()))?;
        out.push(Topic {
            qid,
            query: query.trim().into(),
        });
    }
    Ok(out)
}

/// TREC topics: `<num> Number: 301` and `<title> text` (the title may run
/// on to the next tag on following lines).
fn parse_trec(path: &Path, text: &str) -> Result<Vec<Topic>> {
    let mut out = Vec::new();
    let mut qid: Option<(String, usize)> = None;
    let mut title: Option<String> = None;
    let mut in_title = false;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        let lower = t.to_ascii_lowercase();
        if lower.starts_with("<top>") {
            qid = None;
            title = None;
            in_title = false;
        } else if lower.starts_with("<num>") {
            let rest = t[5..].trim();
            let rest = rest
                .strip_prefix("Number:")
                .or_else(|| rest.strip_prefix("number:"))
                .unwrap_or(rest);
            qid = Some((
                rest.trim().trim_end_matches("</num>").trim().to_string(),
                i + 1,
            ));
            in_title = false;
        } else if lower.starts_with("<title>") {
            let rest = t[7..].trim();
            let rest = rest.strip_prefix("Topic:").unwrap_or(rest);
            title = Some(rest.trim().trim_end_matches("</title>").trim().to_string());
            in_title = !lower.ends_with("</title>");
        } else if lower.starts_with("</top>") {
            let (q, line) = qid
                .take()
                .ok_or_else(|| bad(path, Some(i + 1), "topic without <num>".into()))?;
            let query = title.take().unwrap_or_default();
            if query.is_empty() {
                return Err(bad(path, Some(line), format!("topic {q} has no <title>")));
            }
            out.push(Topic { qid: q, query });
            in_title = false;
        } else if t.starts_with('<') {
            in_title = false;
        } else if in_title && !t.is_empty() {
            if let Some(ti) = title.as_mut() {
                ti.push(' ');
                ti.push_str(t);
            }
        }
    }
    if qid.is_some() {
        return Err(bad(path, None, "last <top> is not closed".into()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("topics")
    }

    #[test]
    fn three_formats() {
        let tsv = parse(p(), "R1\tusair piedmont\textra\n\nR2\tbp tender\n").unwrap();
        assert_eq!(
            tsv[1],
            Topic {
                qid: "R2".into(),
                query: "bp tender".into()
            }
        );
        let trec = parse(
            p(),
            "<top>\n<num> Number: 301\n<title> International\nOrganized Crime\n<desc> Description:\nx\n</top>\n<top>\n<num> Number: 302 </num>\n<title> Topic: Poliomyelitis </title>\n</top>\n",
        )
        .unwrap();
        assert_eq!(trec[0].qid, "301");
        assert_eq!(trec[0].query, "International Organized Crime");
        assert_eq!(trec[1].query, "Poliomyelitis");
        let jsonl = parse(p(), "{\"qid\": 7, \"query\": \"cocoa\"}\n").unwrap();
        assert_eq!(jsonl[0].qid, "7");
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse(p(), "R1\tok\nR2\n").unwrap_err().to_string();
        assert_eq!(e, "topics:2: expected qid<TAB>query");
        let e = parse(p(), "{\"qid\": 1, \"query\": \"a\"}\n{bad\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("topics:2: invalid JSON"), "{e}");
        let e = parse(p(), "R1\ta\nR1\tb\n").unwrap_err().to_string();
        assert!(e.contains("appears twice"));
    }
}
