//! The article's content in a parsed page: which element holds it, what
//! boilerplate inside it goes (link lists, comments, related-story and
//! author boxes), where its teaser blocks are, and whether the page is an
//! article at all.
//!
//! Input: a parsed page (boilerplate removal mutates it). Output: node ids
//! to drop or move, the content element, and a reason when the page is not
//! an article. Rules are general; each was measured on the shared
//! extraction sets (benches/extraction/README.md).

use super::sel;
use crate::ingest::clean;
use crate::ingest::strings::collapse_ws;
use crate::model::RawDocument;
use scraper::{ElementRef, Html, Selector};
use std::sync::LazyLock;

/// Where the article is, best first; see [`main_content`].
static CONTENT: LazyLock<Vec<Selector>> = LazyLock::new(|| {
    vec![
        sel(r#"[itemprop="articleBody"]"#),
        sel("article"),
        sel("main"),
        sel("body"),
    ]
});
/// Elements that are never article text. An image's `alt` text describes
/// it for those who cannot see it (`Thumbnail photo of X`, `logo`, a file
/// name); html2text would render it as a line of the story. Its caption
/// (`<figcaption>`) is the article's caption (`take_figure_captions`). A
/// `<textarea>` holds what a reader types or copies (a `Republish this
/// article` box holds the story's own HTML source).
pub(super) static BOILERPLATE: LazyLock<Selector> = LazyLock::new(|| {
    sel(
        "script, style, noscript, template, iframe, nav, aside, footer, form, button, svg, select, dialog, img, textarea",
    )
});

/// The teaser blocks inside the content, each (its elements in order) to be
/// moved after the story (`true`) or dropped (`false`). A teaser heading
/// (`Related`, `Read more`, `More from ...`) on its own in an element heads
/// the largest element around it that holds under 40% of the content's
/// text: that is its block (a `<div>` around the heading and its list),
/// moved out of the story so that the story's text after it stays the
/// story's. A heading among the story's own paragraphs heads what follows
/// it: all of it when no `<h1>`-`<h6>` follows (a block closing the
/// story, as in the plain-text pages), else up to that heading when that
/// is at most 24 elements and under 40% of the text. A heading that is a
/// link or a button (`Read more` under a teaser, `Read more` expanding a
/// section), or heads nothing by these rules, is dropped.
pub(super) fn teaser_blocks(content: ElementRef) -> Vec<(Vec<ego_tree::NodeId>, bool)> {
    let text_len = |e: ElementRef| e.text().map(|t| t.trim().len()).sum::<usize>();
    let total = text_len(content).max(1);
    let is_heading =
        |e: ElementRef| matches!(e.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
    let mut out: Vec<Vec<ego_tree::NodeId>> = Vec::new();
    let mut dropped: Vec<ego_tree::NodeId> = Vec::new();
    for e in content.descendants().filter_map(ElementRef::wrap) {
        // Its text, read no further than a heading could be long (reading
        // every element's whole text would be quadratic in depth).
        let mut own = String::new();
        for t in e.text() {
            own.push_str(t);
            own.push(' ');
            if own.len() > 400 {
                break;
            }
        }
        let own = collapse_ws(&own);
        if own.is_empty() || own.len() > 80 || !clean::is_teaser_heading(&own) {
            continue;
        }
        // The innermost element holding the heading's text only.
        if e.children().filter_map(ElementRef::wrap).any(|c| {
            let t: String = c.text().collect();
            collapse_ws(&t) == own
        }) {
            continue;
        }
        let taken = |id: ego_tree::NodeId| out.iter().flatten().chain(&dropped).any(|t| *t == id);
        if e.ancestors().any(|a| taken(a.id())) || taken(e.id()) {
            continue; // inside a block already taken
        }
        let up_to_content = || {
            std::iter::once(*e)
                .chain(e.ancestors())
                .take_while(|n| n.id() != content.id())
                .filter_map(ElementRef::wrap)
        };
        let in_link = up_to_content().any(|a| matches!(a.value().name(), "a" | "button"));
        // A section heading often links to its section (`<h3><a>More
        // News from Sci-Tech</a></h3>`): in a heading element it heads.
        let in_heading = up_to_content().any(is_heading);
        if in_link && !in_heading {
            dropped.push(e.id());
            continue;
        }
        let mut block = e;
        for a in e.ancestors().filter_map(ElementRef::wrap) {
            if a.id() == content.id() || text_len(a) * 10 >= total * 4 {
                break;
            }
            block = a;
        }
        if block.id() != e.id() {
            out.push(vec![block.id()]);
            continue;
        }
        // A heading among the story's own elements: its block is what
        // follows it up to the next heading, if that is short.
        let mut ids = vec![e.id()];
        let mut len = 0;
        let mut to_end = true;
        for sib in e.next_siblings().filter_map(ElementRef::wrap) {
            if is_heading(sib) {
                to_end = false;
                break;
            }
            len += text_len(sib);
            ids.push(sib.id());
        }
        let short = ids.len() <= 25 && len * 10 < total * 4;
        if ids.len() > 1 && (to_end || short) {
            out.push(ids);
        } else {
            dropped.push(e.id());
        }
    }
    out.into_iter()
        .map(|ids| (ids, true))
        .chain(dropped.into_iter().map(|id| (vec![id], false)))
        .collect()
}

/// The share of an element's text that is inside links.
pub(super) fn link_share(e: ElementRef) -> f64 {
    let all: usize = e.text().map(|t| t.trim().len()).sum();
    if all == 0 {
        return 0.0;
    }
    link_text_len(e) as f64 / all as f64
}

/// The length of an element's text inside links, each text counted once
/// (malformed markup can nest links in links).
fn link_text_len(e: ElementRef) -> usize {
    e.descendants()
        .filter_map(|n| n.value().as_text().map(|t| (n, t)))
        .filter(|(n, _)| {
            n.ancestors()
                .take_while(|a| a.id() != e.id())
                .chain(std::iter::once(*e))
                .filter_map(ElementRef::wrap)
                .any(|a| a.value().name() == "a")
        })
        .map(|(_, t)| t.trim().len())
        .sum()
}

/// The element holding the article: of the elements the first content
/// selector that matches any finds, the one with the most text (a page's
/// first `<article>` is often a card for another story). One that holds
/// less than a quarter of the page's text is passed over for the next
/// selector: the cards are articles, the story is not.
pub(super) fn main_content(doc: &Html) -> Option<ElementRef<'_>> {
    let text_len = |e: &ElementRef| e.text().map(|t| t.trim().len()).sum::<usize>();
    let total = doc.select(&sel_body()).next().map_or(0, |b| text_len(&b));
    CONTENT.iter().find_map(|s| {
        doc.select(s)
            .max_by_key(text_len)
            .filter(|e| text_len(e) * 4 >= total)
    })
}

/// Blocks that are mostly links (over 60% of their text): navigation,
/// related-story and tag lists; and [`is_furniture`] blocks (comments,
/// related stories, author boxes). Never one that holds half the page's
/// text or more, nor the body, main or article element itself (unless it
/// is furniture: a comment is often an `<article>`).
pub(super) fn boilerplate_blocks(doc: &Html) -> Vec<ego_tree::NodeId> {
    static ANY: LazyLock<Selector> = LazyLock::new(|| sel("body *"));
    let lens = text_lengths(doc);
    let text_len = |e: ElementRef| lens.get(&e.id()).copied().unwrap_or(0);
    let total = doc.select(&sel_body()).next().map_or(0, text_len).max(1);
    let mut out = Vec::new();
    for e in doc.select(&ANY) {
        let name = e.value().name();
        if matches!(
            name,
            "main" | "article" | "body" | "html" | "p" | "h1" | "a" | "span"
        ) && !(name == "article" && is_furniture(e))
        {
            continue;
        }
        let len = text_len(e);
        if len * 2 > total {
            continue;
        }
        if is_furniture(e) {
            out.push(e.id());
            continue;
        }
        let linky = matches!(name, "ul" | "ol" | "div" | "section" | "table" | "menu")
            && len > 0
            && len < 2000
            && { link_text_len(e) * 10 > len * 6 };
        if linky {
            out.push(e.id());
        }
    }
    out
}

/// Cards inside a paragraph: the innermost inline element around an image
/// inside a `<p>` that holds two or more links making up at least 80% of
/// its text. A hover card (a person's photo, name and latest headlines,
/// shown when the reader points at the name) sits inside the sentence in
/// the markup and would put its headlines into it (`Rep. Ilhan OmarIlhan
/// OmarHillicon Valley: ...`). A sentence with an inline image has its own
/// words outside links.
pub(super) fn inline_cards(doc: &Html) -> Vec<ego_tree::NodeId> {
    static IMG_IN_P: LazyLock<Selector> = LazyLock::new(|| sel("p img"));
    let mut out = Vec::new();
    for img in doc.select(&IMG_IN_P) {
        for a in img.ancestors().filter_map(ElementRef::wrap) {
            let name = a.value().name();
            if name == "p"
                || !matches!(
                    name,
                    "span" | "font" | "small" | "em" | "strong" | "b" | "i"
                )
            {
                break;
            }
            let links = a
                .descendants()
                .filter_map(ElementRef::wrap)
                .filter(|d| d.value().name() == "a")
                .count();
            if links < 2 {
                continue;
            }
            let len: usize = a.text().map(|t| t.trim().len()).sum();
            if len > 0 && link_text_len(a) * 10 >= len * 8 && !out.contains(&a.id()) {
                out.push(a.id());
            }
            break;
        }
    }
    out
}

/// Every element's text length (trimmed text nodes), in one pass from the
/// leaves up: summing each element's own text would be quadratic in depth.
fn text_lengths(doc: &Html) -> std::collections::HashMap<ego_tree::NodeId, usize> {
    use ego_tree::iter::Edge;
    let mut lens = std::collections::HashMap::new();
    let mut stack: Vec<usize> = vec![0];
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if let Some(t) = node.value().as_text() {
                    if let Some(top) = stack.last_mut() {
                        *top += t.trim().len();
                    }
                } else {
                    stack.push(0);
                }
            }
            Edge::Close(node) => {
                if node.value().as_text().is_none() {
                    let len = stack.pop().unwrap_or(0);
                    if let Some(parent) = stack.last_mut() {
                        *parent += len;
                    }
                    if node.value().is_element() {
                        lens.insert(node.id(), len);
                    }
                }
            }
        }
    }
    lens
}

/// Why a read page is not an article, if it is not: an error page (a
/// title such as `404`, `Page not found`, `Access denied` over little
/// text), an undated page whose content is mostly links (an index of
/// stories), or an undated page with almost no text once navigation and
/// link lists are gone (an empty shell). Such pages are reported, not
/// indexed.
pub fn not_an_article(page: &RawDocument, link_share: f64) -> Option<String> {
    static ERROR_TITLE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(?:404|410|500|503|page not found|not found|access denied|forbidden|server error|page (?:does not|doesn't|no longer) exists?|something went wrong)\b",
        )
        .expect("valid regex")
    });
    // A photo gallery's words are its captions.
    let words = page.text.split_whitespace().count()
        + page
            .captions
            .iter()
            .map(|c| c.split_whitespace().count())
            .sum::<usize>();
    let title = page.title.as_deref().unwrap_or_default();
    if words < 150 && ERROR_TITLE.is_match(title) && title.split_whitespace().count() <= 8 {
        return Some(format!("an error page: \"{title}\""));
    }
    if page.date.is_some() {
        return None;
    }
    if link_share > 0.6 {
        return Some(format!(
            "an index: {:.0}% of its text is links",
            link_share * 100.0
        ));
    }
    if words < MIN_ARTICLE_WORDS {
        return Some(format!(
            "{words} words of text outside navigation and link lists"
        ));
    }
    None
}

/// The fewest words an undated page needs to be an article. (No page of
/// WCXB's 792 articles has fewer but one whose reviewed text is empty.)
const MIN_ARTICLE_WORDS: usize = 30;

/// Furniture named as such: an element whose id or a class has a part
/// (split at `-` and `_`) naming readers' comments (`comments`,
/// `comment-list`, `disqus_thread`), related stories (`related-posts`),
/// the author's box (`author-bio`) or a cookie banner (`cookie-law-info`,
/// `gdpr-consent`); not `commentary`, `relatedness` or a `recipe-cookie`.
/// (Broader word lists were measured worse: `newsletter`, `sidebar` and
/// `breadcrumb` name wrappers of articles too; benches/extraction/README.md.)
fn is_furniture(e: ElementRef) -> bool {
    let v = e.value();
    let names = v.attr("id").into_iter().chain(v.classes());
    names.into_iter().any(|name| {
        let name = name.to_ascii_lowercase();
        name.starts_with("disqus")
            || name.starts_with("cookie")
            || name.split(['-', '_']).any(|part| {
                matches!(
                    part,
                    "comment"
                        | "comments"
                        | "commentlist"
                        | "related"
                        | "author"
                        | "consent"
                        | "gdpr"
                )
            })
    })
}

fn sel_body() -> Selector {
    sel("body")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lengths_equal_each_elements_own_sum() {
        let doc = Html::parse_document(
            "<html><body><div> ab <p>cde</p><ul><li> f </li><li>gh<a>ij</a></li></ul></div>x</body></html>",
        );
        let lens = text_lengths(&doc);
        for e in doc
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
        {
            let naive: usize = e.text().map(|t| t.trim().len()).sum();
            assert_eq!(lens[&e.id()], naive, "{}", e.value().name());
        }
        assert_eq!(lens[&doc.root_element().id()], 11);
    }
}
