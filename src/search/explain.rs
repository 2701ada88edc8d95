//! Why a hit scored what it did: tantivy's explanation tree, reduced to
//! one contribution per matched term and field.
//!
//! Input: the explanation as JSON (`Explanation::to_pretty_json`) and the
//! schema's field names. Output: the [`Why`] of a score, one [`TermScore`]
//! per BM25 term clause, with the parts of its weight.

use serde::Serialize;
use serde_json::Value;

/// One term's part of a score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermScore {
    pub field: String,
    pub term: String,
    pub score: f64,
    /// Occurrences in the field.
    pub freq: f64,
    pub idf: f64,
    /// The field's length here, and on average.
    pub length: f64,
    pub avg_length: f64,
    /// Field weight (e.g. `--title-boost`), 1 if none; `score` includes it.
    pub boost: f64,
}

/// A score and its parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Why {
    pub score: f64,
    pub terms: Vec<TermScore>,
}

/// Reduces an explanation tree to its term contributions.
pub fn summarize(e: &Value, field_names: &[String]) -> Why {
    let mut terms = Vec::new();
    collect(e, 1.0, None, field_names, &mut terms);
    Why {
        score: num(e),
        terms,
    }
}

fn num(e: &Value) -> f64 {
    e["value"].as_f64().unwrap_or(0.0)
}

fn desc(e: &Value) -> &str {
    e["description"].as_str().unwrap_or("")
}

fn children(e: &Value) -> &[Value] {
    e["details"].as_array().map_or(&[], Vec::as_slice)
}

/// The `Term=...` or `Phrase(...)` line of a node's context, if any.
fn label(e: &Value) -> Option<&str> {
    e["context"].as_array().and_then(|c| {
        c.iter()
            .filter_map(Value::as_str)
            .find(|s| s.starts_with("Term=") || s.starts_with("Phrase("))
    })
}

/// `inherited` is the nearest ancestor's label: a guarded phrase inside a
/// boost carries its label on the boost node.
fn collect(
    e: &Value,
    boost: f64,
    inherited: Option<&str>,
    names: &[String],
    out: &mut Vec<TermScore>,
) {
    let own = label(e).or(inherited);
    if desc(e).starts_with("TermQuery") || desc(e).starts_with("Phrase") {
        let (field, term) = parse_term(own.unwrap_or(""), names);
        let find = |prefix: &str| {
            fn walk<'a>(v: &'a Value, prefix: &str) -> Option<&'a Value> {
                if desc(v).starts_with(prefix) {
                    return Some(v);
                }
                children(v).iter().find_map(|c| walk(c, prefix))
            }
            walk(e, prefix).map_or(0.0, num)
        };
        out.push(TermScore {
            field,
            term,
            score: num(e) * boost,
            freq: find("freq, occurrences"),
            idf: find("idf"),
            length: find("dl,"),
            avg_length: find("avgdl"),
            boost,
        });
        return;
    }
    // "Boost x2 of ..."
    let b = desc(e)
        .strip_prefix("Boost x")
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse::<f64>().ok())
        .map_or(boost, |f| boost * f);
    for c in children(e) {
        collect(c, b, own, names, out);
    }
}

/// `Term=Term(field=1, type=Str, "vucic")` -> (`body`, `vucic`).
fn parse_term(context: &str, names: &[String]) -> (String, String) {
    let field = context
        .split("field=")
        .nth(1)
        .and_then(|r| r.split(',').next())
        .and_then(|n| n.trim().parse::<usize>().ok())
        .and_then(|n| names.get(n).cloned())
        .unwrap_or_else(|| "?".into());
    let term = context
        .split_once('"')
        .and_then(|(_, r)| r.rsplit_once('"'))
        .map_or("?", |(t, _)| t)
        .to_string();
    (field, term)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_come_out_with_field_names() {
        let e: Value = serde_json::from_str(
            r#"{"value": 3.0, "description": "BooleanClause. sum of ...", "details": [
                {"value": 3.0, "description": "TermQuery, product of...",
                 "context": ["Term=Term(field=1, type=Str, \"vucic\")"],
                 "details": [{"value": 2.5, "description": "idf, computed as ..."},
                             {"value": 0.5, "description": "freq / (freq + ...)", "details": [
                                 {"value": 1.0, "description": "freq, occurrences of term within document"},
                                 {"value": 19.0, "description": "dl, length of field"},
                                 {"value": 72.0, "description": "avgdl, average length of field"}]}]}]}"#,
        )
        .unwrap();
        let why = summarize(&e, &["title".into(), "body".into()]);
        assert_eq!(why.score, 3.0);
        let t = &why.terms[0];
        assert_eq!((t.field.as_str(), t.term.as_str()), ("body", "vucic"));
        assert_eq!(
            (t.idf, t.freq, t.length, t.avg_length, t.boost),
            (2.5, 1.0, 19.0, 72.0, 1.0)
        );
    }
}
