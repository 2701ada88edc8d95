//! Tables turned into lines of text before rendering.
//!
//! html2text lays a table out as a grid: box-drawing borders (`───┼──`,
//! `│`) on lines of their own and between cells, and a cell's paragraphs
//! side by side with its neighbours', line by line. In an index that is
//! noise in every passage and snippet, and a layout table's columns come
//! out interleaved. So before rendering, a data row becomes one line of its
//! cells separated by spaces, and a cell that holds blocks (paragraphs,
//! lists: a table used for layout) becomes a block of its own.

use super::BLOCK_ELEMENTS;
use ego_tree::NodeId;
use html5ever::{QualName, local_name, ns};
use scraper::node::Text;
use scraper::{ElementRef, Html, Node};

/// Rewrites every table under `root` (table, row and section elements
/// become `div`s; a cell a `span` followed by a space, or a `div` when it
/// holds blocks).
pub fn flatten(doc: &mut Html, root: NodeId) {
    let Some(root) = doc.tree.get(root).and_then(ElementRef::wrap) else {
        return;
    };
    let mut cells = Vec::new();
    let mut blocks = Vec::new();
    for e in root.descendants().filter_map(ElementRef::wrap) {
        match e.value().name() {
            "table" | "thead" | "tbody" | "tfoot" | "tr" | "caption" => blocks.push(e.id()),
            "td" | "th" => {
                let holds_blocks = e
                    .descendants()
                    .skip(1)
                    .filter_map(ElementRef::wrap)
                    .any(|d| {
                        // A line break inside a cell keeps it a cell.
                        let name = d.value().name();
                        name != "br" && BLOCK_ELEMENTS.contains(&name)
                    });
                if holds_blocks {
                    blocks.push(e.id());
                } else {
                    cells.push(e.id());
                }
            }
            _ => {}
        }
    }
    for id in blocks {
        rename(doc, id, QualName::new(None, ns!(html), local_name!("div")));
    }
    for id in cells {
        rename(doc, id, QualName::new(None, ns!(html), local_name!("span")));
        if let Some(mut cell) = doc.tree.get_mut(id) {
            cell.insert_after(Node::Text(Text { text: " ".into() }));
        }
    }
}

fn rename(doc: &mut Html, id: NodeId, name: QualName) {
    if let Some(mut node) = doc.tree.get_mut(id)
        && let Node::Element(e) = node.value()
    {
        e.name = name;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::html::render_text;

    /// `body` flattened and rendered: its text and its non-empty lines.
    fn rendered(body: &str) -> (String, Vec<String>) {
        let mut doc = Html::parse_document(&format!("<html><body>{body}</body></html>"));
        let root = doc.root_element().id();
        flatten(&mut doc, root);
        let text = render_text(&doc.root_element().html());
        let lines = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        (text, lines)
    }

    #[test]
    fn a_data_row_is_one_line_without_borders() {
        let (text, lines) = rendered(
            "<p>Prices rose.</p><table><thead><tr><th>Date</th><th>Change</th></tr></thead>\
             <tbody><tr><td>1/1/2013</td><td>+13.1%</td></tr>\
             <tr><td>2/1/2013</td><td><b>+9.9</b>%</td></tr></tbody></table><p>After.</p>",
        );
        assert_eq!(
            lines,
            [
                "Prices rose.",
                "Date Change",
                "1/1/2013 +13.1%",
                "2/1/2013 +9.9%",
                "After."
            ]
        );
        assert!(!text.contains(['─', '│', '┼']), "{text}");
    }

    #[test]
    fn a_layout_tables_columns_are_not_interleaved() {
        let (_, lines) = rendered(
            "<table role=\"presentation\"><tr>\
             <td><p>First column, first paragraph.</p><p>First column, second.</p></td>\
             <td><p>Second column, first paragraph.</p><p>Second column, second.</p></td>\
             </tr></table>",
        );
        assert_eq!(
            lines,
            [
                "First column, first paragraph.",
                "First column, second.",
                "Second column, first paragraph.",
                "Second column, second."
            ]
        );
    }
}
