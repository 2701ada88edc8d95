//! `newsidx extract` output: per file, its articles as text or one JSON
//! object (`{"path", "articles": [...], "errors": [...], "notes": [...]}`).

use super::sanitize;
use crate::model::Article;
use std::io::{self, Write};
use std::path::Path;

/// One extracted article, as JSON shows it.
#[derive(serde::Serialize)]
struct ArticleJson<'a> {
    id: &'a str,
    kind: crate::model::ArticleKind,
    title: &'a str,
    #[serde(serialize_with = "crate::model::serialize_date")]
    date: Option<chrono::NaiveDate>,
    date_source: Option<&'a str>,
    caption: Option<&'a str>,
    url: Option<&'a str>,
    lead_id: Option<&'a str>,
    body: &'a str,
}

/// Writes one file's articles, errors and notes (what was changed on the
/// way, or why a page yields nothing: `not an article (...)`).
pub fn write_file<W: Write>(
    w: &mut W,
    path: &Path,
    articles: &[Article],
    errors: &[String],
    notes: &[String],
    json: bool,
) -> io::Result<()> {
    if json {
        let arts: Vec<ArticleJson> = articles
            .iter()
            .map(|a| ArticleJson {
                id: &a.id,
                kind: a.kind,
                title: &a.title,
                date: a.date.as_ref().map(|d| d.date),
                date_source: a.date.as_ref().map(|d| d.source.as_str()),
                caption: a.caption.as_deref(),
                url: a.url.as_deref(),
                lead_id: a.lead_id.as_deref(),
                body: &a.body,
            })
            .collect();
        serde_json::to_writer(
            &mut *w,
            &serde_json::json!({"path": path.to_string_lossy(), "articles": arts, "errors": errors, "notes": notes}),
        )?;
        return writeln!(w);
    }
    writeln!(w, "== {}", sanitize(&path.to_string_lossy()))?;
    for e in errors {
        writeln!(w, "error: {}", sanitize(e))?;
    }
    for n in notes {
        writeln!(w, "note: {}", sanitize(n))?;
    }
    for a in articles {
        let date = a.date.as_ref().map_or_else(
            || "undated".to_string(),
            |d| format!("{} (from {})", d.date, sanitize(&d.source)),
        );
        writeln!(
            w,
            "[{}] {}  {}",
            a.kind,
            sanitize(&a.id),
            sanitize(&a.title)
        )?;
        writeln!(w, "  date: {date}")?;
        if let Some(c) = &a.caption {
            writeln!(w, "  caption: {}", sanitize(c))?;
        }
        for para in a.body.split("\n\n").filter(|p| !p.is_empty()) {
            writeln!(w, "  | {}", sanitize(para))?;
        }
    }
    writeln!(w)
}
