//! Plain-text page dumps (`.txt`): the first non-empty line is the
//! headline, the rest is the page text.

use super::source::SourceFile;
use crate::model::RawDocument;

/// Reads a page dump into one raw document.
pub fn read(file: &SourceFile, text: &str) -> RawDocument {
    let mut lines = text.lines();
    let mut title = None;
    for line in lines.by_ref() {
        if !line.trim().is_empty() {
            title = Some(line.trim().to_string());
            break;
        }
    }
    let rest: Vec<&str> = lines.collect();
    RawDocument {
        id: file.id.clone(),
        source: file.path.clone(),
        line: None,
        title,
        text: rest.join("\n"),
        date: None,
        url: None,
        lines_are_paragraphs: false,
        captions: Vec::new(),
    }
}
