//! JSON Lines records (`.jsonl`, `.json`): one article per line, or a JSON
//! array of them in a `.json` file.
//!
//! Fields: `id` (string or number; else `FILE_ID:LINE`), `title` (also
//! `headline`), `body` (also `text`, `content`), `date` (also `published`,
//! `published_at`, `datePublished`), `url`. A record needs a title or a body.

use super::dates;
use super::source::SourceFile;
use crate::error::{Error, Result};
use crate::model::{Dated, RawDocument};
use serde_json::{Map, Value};

const TITLE: &[&str] = &["title", "headline"];
const BODY: &[&str] = &["body", "text", "content"];
const DATE: &[&str] = &[
    "date",
    "published",
    "published_at",
    "datePublished",
    "publish_date",
];

/// Parses one line (1-based `line`) of a JSON Lines file.
pub fn parse_line(file: &SourceFile, line: usize, text: &str) -> Result<RawDocument> {
    let bad = |reason: String| Error::BadInput {
        path: file.path.clone(),
        line: Some(line),
        reason,
    };
    let value: Value = serde_json::from_str(text).map_err(|e| bad(format!("invalid JSON: {e}")))?;
    let Value::Object(map) = value else {
        return Err(bad("a record must be a JSON object".into()));
    };
    record(file, line, &map).map_err(bad)
}

/// Parses a `.json` file holding an array of records.
pub fn parse_array(file: &SourceFile, text: &str) -> Vec<Result<RawDocument>> {
    let bad = |line: usize, reason: String| Error::BadInput {
        path: file.path.clone(),
        line: Some(line),
        reason,
    };
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| match v {
                Value::Object(map) => record(file, i + 1, map).map_err(|r| bad(i + 1, r)),
                _ => Err(bad(i + 1, "a record must be a JSON object".into())),
            })
            .collect(),
        Ok(_) => vec![Err(bad(1, "expected an array of records".into()))],
        Err(e) => vec![Err(bad(e.line(), format!("invalid JSON: {e}")))],
    }
}

fn record(file: &SourceFile, line: usize, map: &Map<String, Value>) -> Result<RawDocument, String> {
    let text_of = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| map.get(*k).and_then(Value::as_str))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let id = match map.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => format!("{}:{line}", file.id),
    };
    let title = text_of(TITLE);
    let body = text_of(BODY);
    if title.is_none() && body.is_none() {
        return Err("record has neither a title nor a body".into());
    }
    let date = DATE.iter().find_map(|k| {
        let s = map.get(*k)?.as_str()?;
        dates::parse_date(s).map(|date| Dated {
            date,
            source: format!("record:{k}"),
        })
    });
    Ok(RawDocument {
        id,
        source: file.path.clone(),
        line: Some(line),
        title,
        text: body.unwrap_or_default(),
        date,
        url: text_of(&["url", "link"]),
        lines_are_paragraphs: false,
        captions: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::source::Format;
    use std::path::PathBuf;

    fn file() -> SourceFile {
        SourceFile {
            path: PathBuf::from("r.jsonl"),
            key: "/r.jsonl".into(),
            id: "r".into(),
            format: Format::JsonLines,
        }
    }

    #[test]
    fn reads_fields_and_aliases() {
        let r = parse_line(
            &file(),
            3,
            r#"{"id": 7, "title": "T", "content": "B", "published_at": "2017-05-01 14:04:36"}"#,
        )
        .unwrap();
        assert_eq!(r.id, "7");
        assert_eq!(r.title.as_deref(), Some("T"));
        assert_eq!(r.text, "B");
        assert_eq!(r.date.unwrap().source, "record:published_at");
        let r = parse_line(&file(), 4, r#"{"title": "Only a title"}"#).unwrap();
        assert_eq!(r.id, "r:4");
    }

    #[test]
    fn text_is_trimmed_and_the_first_string_alias_wins() {
        let r = parse_line(
            &file(),
            1,
            r#"{"title": 5, "headline": "\u00a0 H ", "body": " B\n\t", "text": "not this", "url": "  "}"#,
        )
        .unwrap();
        assert_eq!(r.title.as_deref(), Some("H"));
        assert_eq!(r.text, "B");
        assert_eq!(r.url, None);
        // A blank title is no title, even with a headline after it.
        let r = parse_line(
            &file(),
            1,
            r#"{"title": " ", "headline": "H", "body": "B"}"#,
        )
        .unwrap();
        assert_eq!(r.title, None);
    }

    #[test]
    fn bad_records_name_file_and_line() {
        let e = parse_line(&file(), 9, "{not json").unwrap_err().to_string();
        assert!(e.starts_with("r.jsonl:9: invalid JSON"), "{e}");
        let e = parse_line(&file(), 2, r#"{"id": "x"}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(e, "r.jsonl:2: record has neither a title nor a body");
        let e = parse_line(&file(), 1, "[1]").unwrap_err().to_string();
        assert_eq!(e, "r.jsonl:1: a record must be a JSON object");
    }

    #[test]
    fn impossible_dates_leave_a_record_undated() {
        let r = parse_line(&file(), 1, r#"{"title": "T", "date": "2024-02-30"}"#).unwrap();
        assert_eq!(r.date, None);
    }

    #[test]
    fn arrays_of_records() {
        let out = parse_array(&file(), r#"[{"title": "a"}, 5]"#);
        assert!(out[0].is_ok());
        assert!(
            out[1]
                .as_ref()
                .unwrap_err()
                .to_string()
                .contains("r.jsonl:2")
        );
    }
}
