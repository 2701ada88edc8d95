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
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

const TITLE: &[&str] = &["title", "headline"];
const BODY: &[&str] = &["body", "text", "content"];
const DATE: &[&str] = &[
    "date",
    "published",
    "published_at",
    "datePublished",
    "publish_date",
];
const URL: &[&str] = &["url", "link"];

/// Every field a record is read for: `id` and the aliases above. Any other
/// field is skipped unread.
const FIELDS: &[&str] = &[
    "id",
    "title",
    "headline",
    "body",
    "text",
    "content",
    "date",
    "published",
    "published_at",
    "datePublished",
    "publish_date",
    "url",
    "link",
];

/// Parses one line (1-based `line`) of a JSON Lines file.
pub fn parse_line(file: &SourceFile, line: usize, text: &str) -> Result<RawDocument> {
    let bad = |reason: String| Error::BadInput {
        path: file.path.clone(),
        line: Some(line),
        reason,
    };
    let rec: Record<'_> =
        serde_json::from_str(text).map_err(|e| bad(format!("invalid JSON: {e}")))?;
    record(file, line, rec).map_err(bad)
}

/// Parses a `.json` file holding an array of records.
pub fn parse_array(file: &SourceFile, text: &str) -> Vec<Result<RawDocument>> {
    let bad = |line: usize, reason: String| Error::BadInput {
        path: file.path.clone(),
        line: Some(line),
        reason,
    };
    match serde_json::from_str::<Records<'_>>(text) {
        Ok(Records::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, rec)| record(file, i + 1, rec).map_err(|r| bad(i + 1, r)))
            .collect(),
        Ok(Records::Other) => vec![Err(bad(1, "expected an array of records".into()))],
        Err(e) => vec![Err(bad(e.line(), format!("invalid JSON: {e}")))],
    }
}

fn record(file: &SourceFile, line: usize, mut rec: Record<'_>) -> Result<RawDocument, String> {
    if !rec.object {
        return Err("a record must be a JSON object".into());
    }
    let id = match rec.take("id") {
        Some(Value::Str(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => format!("{}:{line}", file.id),
    };
    let title = rec.text(TITLE);
    let body = rec.text(BODY);
    if title.is_none() && body.is_none() {
        return Err("record has neither a title nor a body".into());
    }
    let date = DATE.iter().find_map(|k| {
        let Some(Value::Str(s)) = rec.get(k) else {
            return None;
        };
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
        url: rec.text(URL),
        lines_are_paragraphs: false,
        captions: Vec::new(),
    })
}

/// A field's value, as far as a record needs it. A string without escapes
/// stays borrowed from the line.
#[derive(Debug)]
enum Value<'a> {
    Str(Cow<'a, str>),
    Number(serde_json::Number),
    /// Anything else (null, a boolean, an array, an object), skipped.
    Other,
}

/// The fields of one record named in [`FIELDS`] (the last of a repeated
/// name, as a JSON object map keeps it). Parsing into this instead of a
/// `serde_json::Value` builds no map and copies no field the record is not
/// read for: parsing went from 4.6% to 2.9% of a Reuters ingest's
/// instructions, most of the rest serde_json's reading of strings.
#[derive(Debug)]
struct Record<'a> {
    /// Whether the record is a JSON object at all.
    object: bool,
    values: [Option<Value<'a>>; FIELDS.len()],
}

impl<'a> Record<'a> {
    fn get(&self, name: &str) -> Option<&Value<'a>> {
        let i = FIELDS.iter().position(|f| *f == name)?;
        self.values[i].as_ref()
    }

    fn take(&mut self, name: &str) -> Option<Value<'a>> {
        let i = FIELDS.iter().position(|f| *f == name)?;
        self.values[i].take()
    }

    /// The first of `names` that holds a string, trimmed; `None` when none
    /// does or that string is blank (a later alias is not tried).
    fn text(&mut self, names: &[&str]) -> Option<String> {
        let name = names
            .iter()
            .find(|n| matches!(self.get(n), Some(Value::Str(_))))?;
        let Some(Value::Str(s)) = self.take(name) else {
            return None;
        };
        let trimmed = s.trim();
        if trimmed.is_empty() {
            return None;
        }
        Some(match s {
            // Moved, not copied, when trimming leaves it whole.
            Cow::Owned(ref owned) if trimmed.len() == owned.len() => s.into_owned(),
            _ => trimmed.to_string(),
        })
    }
}

impl<'de> Deserialize<'de> for Record<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RecordVisitor)
    }
}

struct RecordVisitor;

impl RecordVisitor {
    fn not_object<'a>() -> Record<'a> {
        Record {
            object: false,
            values: Default::default(),
        }
    }
}

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut rec = Record {
            object: true,
            values: Default::default(),
        };
        while let Some(Field(known)) = map.next_key()? {
            match known {
                Some(i) => rec.values[i] = Some(map.next_value()?),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(rec)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Self::not_object())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Self::not_object())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Self::not_object())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Self::not_object())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Self::not_object())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Self::not_object())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Self::not_object())
    }
}

/// A key of a record: its place in [`FIELDS`], if there. Read without a
/// copy, escaped or not.
struct Field(Option<usize>);

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl Visitor<'_> for FieldVisitor {
            type Value = Field;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
                Ok(Field(FIELDS.iter().position(|f| *f == v)))
            }
        }
        d.deserialize_str(FieldVisitor)
    }
}

impl<'de> Deserialize<'de> for Value<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Value::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Value::Str(Cow::Owned(v.to_string())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Value::Str(Cow::Owned(v)))
    }

    // Numbers as `serde_json::Value` holds them, so an id prints the same.
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Other, Value::Number))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Value::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Value::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Value::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Value::Other)
    }
}

/// A `.json` file: an array of records, or anything else (refused).
enum Records<'a> {
    Array(Vec<Record<'a>>),
    Other,
}

impl<'de> Deserialize<'de> for Records<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RecordsVisitor;
        impl<'de> Visitor<'de> for RecordsVisitor {
            type Value = Records<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(rec) = seq.next_element()? {
                    items.push(rec);
                }
                Ok(Records::Array(items))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Records::Other)
            }

            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Records::Other)
            }

            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(Records::Other)
            }

            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(Records::Other)
            }

            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Records::Other)
            }

            fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(Records::Other)
            }

            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Records::Other)
            }
        }
        d.deserialize_any(RecordsVisitor)
    }
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

    /// The parser this one replaced: the record read into a
    /// `serde_json::Value` map, then its fields copied out.
    fn parse_line_via_value(file: &SourceFile, line: usize, text: &str) -> Result<RawDocument> {
        use serde_json::Value;
        let bad = |reason: String| Error::BadInput {
            path: file.path.clone(),
            line: Some(line),
            reason,
        };
        let value: Value =
            serde_json::from_str(text).map_err(|e| bad(format!("invalid JSON: {e}")))?;
        let Value::Object(map) = value else {
            return Err(bad("a record must be a JSON object".into()));
        };
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
        let (title, body) = (text_of(TITLE), text_of(BODY));
        if title.is_none() && body.is_none() {
            return Err(bad("record has neither a title nor a body".into()));
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
            url: text_of(URL),
            lines_are_paragraphs: false,
            captions: Vec::new(),
        })
    }

    /// A JSON value of any kind, as text: strings with escapes and blanks,
    /// dates, numbers of every form, nested arrays and objects.
    fn json_value() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("null".to_string()),
            Just("true".to_string()),
            "-?[0-9]{1,3}(\\.[0-9]{1,2})?(e[0-9])?",
            Just("18446744073709551615".to_string()),
            Just("-9223372036854775808".to_string()),
            r#"( |x|Y|\\n|\\t|\\"|\\u00e9|é|2024-0[1-9]-1[0-9]){0,6}"#
                .prop_map(|s| format!("\"{s}\"")),
        ];
        leaf.prop_recursive(2, 8, 3, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..3)
                    .prop_map(|v| format!("[{}]", v.join(","))),
                proptest::collection::vec(inner, 0..3).prop_map(|v| format!(
                    "{{{}}}",
                    v.iter()
                        .map(|x| format!("\"k\":{x}"))
                        .collect::<Vec<_>>()
                        .join(",")
                )),
            ]
        })
    }

    use proptest::prelude::*;

    proptest! {
        /// Any record, or any other JSON, or text that is not JSON, reads
        /// as the `serde_json::Value` parse read it: the same document or
        /// the same error (but see the next test).
        #[test]
        fn records_read_as_through_a_json_value(
            fields in proptest::collection::vec(
                (proptest::sample::select(
                    FIELDS.iter().copied().chain(["topics", "Title", "ti\\u0074le"]).collect::<Vec<_>>()),
                 json_value()),
                0..8,
            ),
            shape in 0..8u8,
        ) {
            let object = format!(
                "{{{}}}",
                fields.iter().map(|(k, v)| format!("\"{k}\": {v}")).collect::<Vec<_>>().join(", ")
            );
            let text = match shape {
                0 => format!("[{object}]"),
                1 => {
                    let cut = (0..=object.len() / 2).rev().find(|&i| object.is_char_boundary(i));
                    object[..cut.unwrap_or(0)].to_string()
                }
                2 => format!("{object} x"),
                _ => object,
            };
            let got = parse_line(&file(), 2, &text).map_err(|e| e.to_string());
            let want = parse_line_via_value(&file(), 2, &text).map_err(|e| e.to_string());
            match (&got, &want) {
                // serde_json words an error inside a skipped value its own
                // way (`invalid number` for `EOF while parsing a value`).
                (Err(g), Err(w)) if w.starts_with("r.jsonl:2: invalid JSON: ") => {
                    prop_assert!(g.starts_with("r.jsonl:2: invalid JSON: "), "{g}");
                }
                _ => prop_assert_eq!(got, want),
            }
        }
    }

    /// A number too large for an `f64` is refused where a record reads it,
    /// and skipped where it does not (`Value` refused it there too).
    #[test]
    fn huge_numbers_matter_only_where_read() {
        let e = parse_line(&file(), 1, r#"{"id": 1e400, "title": "T"}"#).unwrap_err();
        assert!(e.to_string().contains("number out of range"), "{e}");
        let text = r#"{"score": 1e400, "tags": [2e999], "title": "T"}"#;
        assert_eq!(
            parse_line(&file(), 1, text).unwrap().title.as_deref(),
            Some("T")
        );
        assert!(parse_line_via_value(&file(), 1, text).is_err());
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
