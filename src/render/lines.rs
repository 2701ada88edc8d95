//! Search results as lines for other programs: TSV and TREC run lines.
//!
//! TSV columns: `article_id score date passage_id title snippet` (tab
//! separated; text fields made single-line and terminal-safe; an undated
//! article's date is `-`). In batch mode each line starts with the query
//! id. TREC lines are `qid Q0 article_id rank score newsidx`.

use super::sanitize;
use crate::search::SearchResults;
use std::io::{self, Write};

/// Writes one TSV line per hit, prefixed by `qid` in batch mode.
pub fn write_tsv<W: Write>(
    w: &mut W,
    results: &SearchResults,
    qid: Option<&str>,
) -> io::Result<()> {
    for hit in &results.hits {
        if let Some(q) = qid {
            write!(w, "{}\t", sanitize(q))?;
        }
        let date = hit
            .date
            .map_or_else(|| "-".to_string(), |d| d.format("%Y-%m-%d").to_string());
        writeln!(
            w,
            "{}\t{}\t{date}\t{}\t{}\t{}",
            sanitize(&hit.article_id),
            hit.score,
            sanitize(&hit.passage_id),
            sanitize(&hit.title),
            sanitize(&hit.snippet)
        )?;
    }
    Ok(())
}

/// Writes one TREC run line per hit. trec_eval reads ties by score, then
/// by document id, so ranks are written as the hits come.
pub fn write_trec<W: Write>(w: &mut W, results: &SearchResults, qid: &str) -> io::Result<()> {
    for hit in &results.hits {
        writeln!(
            w,
            "{} Q0 {} {} {} newsidx",
            qid.replace(char::is_whitespace, "_"),
            hit.article_id.replace(char::is_whitespace, "_"),
            hit.rank,
            hit.score
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleKind, Hit};

    fn hit(title: &str) -> Hit {
        Hit {
            rank: 1,
            score: 2.5,
            article_id: "a/b".into(),
            passage_id: "a/b#0".into(),
            kind: ArticleKind::Lead,
            lead_id: None,
            title: title.into(),
            date: None,
            date_source: None,
            source: "s".into(),
            url: None,
            caption: None,
            text: "t".into(),
            snippet: "one\ttwo\nthree".into(),
            highlights: vec![],
            explanation: None,
        }
    }

    #[test]
    fn tsv_keeps_one_line_per_hit_and_no_control_bytes() {
        let r = SearchResults {
            hits: vec![hit("a \x1b[2J title")],
            ..Default::default()
        };
        let mut out = Vec::new();
        write_tsv(&mut out, &r, Some("q1")).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(s.lines().count(), 1);
        assert!(!s.contains('\x1b'));
        let cols: Vec<&str> = s.trim_end().split('\t').collect();
        assert_eq!(cols.len(), 7, "{cols:?}");
        assert_eq!(&cols[..4], ["q1", "a/b", "2.5", "-"]);
        assert_eq!(cols[6], "one two three");
    }

    #[test]
    fn trec_lines_have_six_fields() {
        let r = SearchResults {
            hits: vec![hit("x")],
            ..Default::default()
        };
        let mut out = Vec::new();
        write_trec(&mut out, &r, "q 1").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "q_1 Q0 a/b 1 2.5 newsidx\n"
        );
    }
}
