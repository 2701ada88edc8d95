//! HTML pages (`.html`, `.htm`): headline, publication date and text.
//!
//! Input: a page's markup. Output: one raw document whose text is the
//! page's main content rendered by html2text, one paragraph per line.
//!
//! Title: `og:title`, then JSON-LD `headline`, then the first `<h1>`, then
//! `<title>` without a ` | Site name` suffix. Date: `article:published_time`,
//! JSON-LD `datePublished`, `<meta name="date|pubdate|publishdate|...">`,
//! `<time itemprop="datePublished">`, then a `<time datetime>` inside the
//! article or its header; each records its source. Content: the element
//! marked `itemprop="articleBody"`, else `<article>`, else `<main>`, else
//! `<body>`, with navigation, asides, footers, forms and scripts removed.

use super::dates;
use super::source::SourceFile;
use crate::model::{Dated, RawDocument};
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::sync::LazyLock;

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("valid selector")
}

static META: LazyLock<Selector> = LazyLock::new(|| sel("meta"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| sel("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| sel("h1"));
static LD_JSON: LazyLock<Selector> = LazyLock::new(|| sel(r#"script[type="application/ld+json"]"#));
static TIME_PUBLISHED: LazyLock<Selector> =
    LazyLock::new(|| sel(r#"time[itemprop="datePublished"], [itemprop="datePublished"]"#));
static TIME_IN_ARTICLE: LazyLock<Selector> =
    LazyLock::new(|| sel("article time[datetime], header time[datetime]"));
static CONTENT: LazyLock<Vec<Selector>> = LazyLock::new(|| {
    vec![
        sel(r#"[itemprop="articleBody"]"#),
        sel("article"),
        sel("main"),
        sel("body"),
    ]
});
static BOILERPLATE: LazyLock<Selector> = LazyLock::new(|| {
    sel(
        "script, style, noscript, template, iframe, nav, aside, footer, form, button, svg, select, dialog",
    )
});
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| sel(r#"link[rel="canonical"]"#));

/// Meta names and properties that state a publication date, best first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "article.published",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
];

/// Markup nested deeper than this is not parsed into a tree (tree
/// building is quadratic in depth); its text is taken by [`strip_tags`].
pub const MAX_DEPTH: usize = 2000;

/// Reads an HTML page into one raw document.
pub fn read(file: &SourceFile, markup: &str) -> RawDocument {
    if max_depth(markup) > MAX_DEPTH {
        let text = strip_tags(markup);
        return RawDocument {
            id: file.id.clone(),
            source: file.path.clone(),
            line: None,
            title: None,
            text,
            date: None,
            url: None,
        };
    }
    let mut doc = Html::parse_document(markup);
    let meta = collect_meta(&doc);
    let ld = json_ld(&doc);
    let title = meta_value(&meta, "og:title")
        .or_else(|| ld_string(&ld, "headline"))
        .or_else(|| first_text(&doc, &H1))
        .or_else(|| first_text(&doc, &TITLE).map(|t| strip_site_suffix(&t)));
    let date = page_date(&doc, &meta, &ld);
    let url = meta_value(&meta, "og:url").or_else(|| {
        doc.select(&CANONICAL)
            .next()
            .and_then(|e| e.value().attr("href"))
            .map(str::to_string)
    });

    // Remove boilerplate subtrees before choosing the content.
    let mut drop: Vec<_> = doc.select(&BOILERPLATE).map(|e| e.id()).collect();
    drop.extend(boilerplate_blocks(&doc));
    for id in drop {
        if let Some(mut node) = doc.tree.get_mut(id) {
            node.detach();
        }
    }
    let content = CONTENT
        .iter()
        .find_map(|s| doc.select(s).next())
        .map(|e| e.html())
        .unwrap_or_else(|| doc.root_element().html());
    let text = render_text(&content);
    // The headline is given separately: drop it from the text's first lines.
    let text = match &title {
        Some(t) => drop_leading_line(&text, t),
        None => text,
    };
    RawDocument {
        id: file.id.clone(),
        source: file.path.clone(),
        line: None,
        title,
        text,
        date,
        url,
    }
}

/// Blocks that are mostly links (over 60% of their text): navigation,
/// related-story and tag lists. Never one that holds half the page's text
/// or more, nor the body, main or article element itself. (Dropping blocks
/// by class or id words such as "share" or "related" was tried and measured
/// worse: benches/extraction/README.md.)
fn boilerplate_blocks(doc: &Html) -> Vec<ego_tree::NodeId> {
    static ANY: LazyLock<Selector> = LazyLock::new(|| sel("body *"));
    static LINKS: LazyLock<Selector> = LazyLock::new(|| sel("a"));
    let text_len = |e: ElementRef| e.text().map(|t| t.trim().len()).sum::<usize>();
    let total = doc.select(&sel_body()).next().map_or(0, text_len).max(1);
    let mut out = Vec::new();
    for e in doc.select(&ANY) {
        let name = e.value().name();
        if matches!(
            name,
            "main" | "article" | "body" | "html" | "p" | "h1" | "a" | "span"
        ) {
            continue;
        }
        let len = text_len(e);
        if len * 2 > total {
            continue;
        }
        let linky = matches!(name, "ul" | "ol" | "div" | "section" | "table" | "menu")
            && len > 0
            && len < 2000
            && {
                let links: usize = e.select(&LINKS).map(text_len).sum();
                links * 10 > len * 6
            };
        if linky {
            out.push(e.id());
        }
    }
    out
}

fn sel_body() -> Selector {
    sel("body")
}

/// Renders HTML to plain text, one paragraph per line, no decoration.
/// Heading markers (`# `) and list bullets (`* `) are dropped.
pub fn render_text(html: &str) -> String {
    // The trivial decorator adds nothing: no `[link]` brackets, no markers.
    let text = html2text::config::with_decorator(html2text::render::TrivialDecorator::new())
        .allow_width_overflow()
        .string_from_read(html.as_bytes(), 100_000)
        .unwrap_or_default();
    text.lines()
        .map(|l| {
            let t = l.trim_start_matches('#');
            if t.len() < l.len() && t.starts_with(' ') {
                t.trim_start()
            } else {
                l.strip_prefix("* ").unwrap_or(l)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "!doctype",
];

/// The deepest nesting of elements, by a linear scan of the tags (end tags
/// close back to their name; void and self-closed elements do not nest).
pub fn max_depth(markup: &str) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut rest = markup;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        rest = &rest[end.min(rest.len())..];
        if let Some(name) = tag.strip_prefix('/') {
            let _ = name;
            depth = depth.saturating_sub(1);
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty()
            || name.starts_with("!-")
            || VOID.contains(&name.as_str())
            || tag.ends_with('/')
        {
            continue;
        }
        depth += 1;
        max = max.max(depth);
    }
    max
}

/// The text of markup without any tree: tags removed (script and style
/// content too), entities for `&amp; &lt; &gt; &quot; &#39; &nbsp;` decoded,
/// block boundaries as line breaks. Linear time, for pathological pages.
pub fn strip_tags(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len() / 2);
    let mut rest = markup;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt + 1..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = rest[..end].to_ascii_lowercase();
        rest = &rest[end..];
        for skip in ["script", "style"] {
            if tag.starts_with(skip) {
                let close = format!("</{skip}");
                let at = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
                rest = &rest[at..];
            }
        }
        if [
            "p", "div", "br", "h1", "h2", "h3", "li", "/p", "/div", "/li", "tr", "article",
        ]
        .iter()
        .any(|t| {
            tag.starts_with(t) && !tag[t.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
        }) {
            out.push('\n');
        }
    }
    out.push_str(rest);
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn drop_leading_line(text: &str, title: &str) -> String {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = norm(title);
    let mut lines: Vec<&str> = text.lines().collect();
    if let Some(i) = lines.iter().take(5).position(|l| norm(l) == t) {
        lines.remove(i);
    }
    lines.join("\n")
}

fn collect_meta(doc: &Html) -> Vec<(String, String)> {
    doc.select(&META)
        .filter_map(|m| {
            let v = m.value();
            let key = v
                .attr("property")
                .or_else(|| v.attr("name"))
                .or_else(|| v.attr("itemprop"))?;
            Some((
                key.trim().to_ascii_lowercase(),
                v.attr("content")?.trim().to_string(),
            ))
        })
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

fn meta_value(meta: &[(String, String)], key: &str) -> Option<String> {
    meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
}

fn json_ld(doc: &Html) -> Vec<Value> {
    doc.select(&LD_JSON)
        .filter_map(|s| serde_json::from_str(&s.text().collect::<String>()).ok())
        .collect()
}

/// The string value under `key` in the JSON-LD blocks (including `@graph`
/// arrays), from a node typed as an article (`NewsArticle`, `BlogPosting`,
/// `Report`, ...) when there is one, else from the first node that has it.
fn ld_string(ld: &[Value], key: &str) -> Option<String> {
    fn is_article(m: &serde_json::Map<String, Value>) -> bool {
        let t = |s: &str| {
            s.ends_with("Article")
                || s == "BlogPosting"
                || s == "Report"
                || s == "ReportageNewsArticle"
        };
        match m.get("@type") {
            Some(Value::String(s)) => t(s),
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).any(t),
            _ => false,
        }
    }
    fn find(v: &Value, key: &str, article_only: bool) -> Option<String> {
        match v {
            Value::Object(m) => m
                .get(key)
                .and_then(Value::as_str)
                .filter(|_| !article_only || is_article(m))
                .map(str::to_string)
                .or_else(|| m.values().find_map(|x| find(x, key, article_only))),
            Value::Array(a) => a.iter().find_map(|x| find(x, key, article_only)),
            _ => None,
        }
    }
    ld.iter()
        .find_map(|v| find(v, key, true))
        .or_else(|| ld.iter().find_map(|v| find(v, key, false)))
        .filter(|s| !s.trim().is_empty())
}

fn page_date(doc: &Html, meta: &[(String, String)], ld: &[Value]) -> Option<Dated> {
    let found = |date, source: String| Some(Dated { date, source });
    if let Some(d) = meta_value(meta, "article:published_time").and_then(|s| dates::parse_date(&s))
    {
        return found(d, "meta:article:published_time".into());
    }
    if let Some(d) = ld_string(ld, "datePublished").and_then(|s| dates::parse_date(&s)) {
        return found(d, "json-ld:datePublished".into());
    }
    for key in DATE_META {
        if let Some(d) = meta_value(meta, key).and_then(|s| dates::parse_date(&s)) {
            return found(d, format!("meta:{key}"));
        }
    }
    let time_attr = |e: ElementRef| {
        e.value()
            .attr("datetime")
            .or_else(|| e.value().attr("content"))
            .map(str::to_string)
            .or_else(|| Some(e.text().collect::<String>()))
    };
    if let Some(d) = doc
        .select(&TIME_PUBLISHED)
        .find_map(|e| time_attr(e).and_then(|s| dates::parse_date(&s)))
    {
        return found(d, "time:datePublished".into());
    }
    doc.select(&TIME_IN_ARTICLE)
        .next()
        .and_then(|e| time_attr(e).and_then(|s| dates::parse_date(&s)))
        .and_then(|d| found(d, "time".into()))
}

fn first_text(doc: &Html, s: &Selector) -> Option<String> {
    doc.select(s)
        .map(|e| e.text().collect::<Vec<_>>().join(" "))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|t| !t.is_empty())
}

/// `Headline | Site` or `Headline - Site` becomes `Headline`.
pub fn strip_site_suffix(title: &str) -> String {
    for sep in [" | ", " – ", " — ", " - ", " :: "] {
        if let Some(pos) = title.rfind(sep) {
            let (head, tail) = title.split_at(pos);
            if tail.split_whitespace().count() <= 5 && head.split_whitespace().count() >= 3 {
                return head.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::source::Format;
    use chrono::NaiveDate;
    use std::path::PathBuf;

    fn file() -> SourceFile {
        SourceFile {
            path: PathBuf::from("p.html"),
            key: "/p.html".into(),
            id: "p".into(),
            format: Format::Html,
        }
    }

    #[test]
    fn reads_title_date_and_article_text() {
        let page = r#"<html><head><title>Big news today | The Daily</title>
            <meta property="article:published_time" content="2024-12-10T23:30:00-05:00">
            </head><body><nav>Home Sports Weather</nav>
            <article><h1>Big news today</h1><p>First paragraph.</p><p>Second one.</p></article>
            <footer>© 2025 The Daily</footer></body></html>"#;
        let r = read(&file(), page);
        assert_eq!(r.title.as_deref(), Some("Big news today"));
        assert_eq!(
            r.date.as_ref().map(|d| d.date),
            NaiveDate::from_ymd_opt(2024, 12, 10)
        );
        assert_eq!(r.date.unwrap().source, "meta:article:published_time");
        assert!(r.text.contains("First paragraph."));
        assert!(!r.text.contains("Home Sports"));
        assert!(!r.text.contains("2025"));
        assert!(!r.text.contains("Big news today"), "{:?}", r.text);
    }

    #[test]
    fn json_ld_and_time_dates() {
        let page = r#"<html><head><script type="application/ld+json">
            {"@graph": [{"@type": "NewsArticle", "headline": "H", "datePublished": "2023-03-04"}]}
            </script></head><body><p>x</p></body></html>"#;
        let r = read(&file(), page);
        assert_eq!(r.title.as_deref(), Some("H"));
        assert_eq!(r.date.unwrap().source, "json-ld:datePublished");
        let page = r#"<body><article><header><time datetime="2022-01-02">Jan 2</time></header><p>x</p></article></body>"#;
        assert_eq!(read(&file(), page).date.unwrap().source, "time");
    }

    #[test]
    fn deep_markup_is_measured_and_stripped_linearly() {
        assert_eq!(
            max_depth("<html><body><p>a<br>b</p><img src=x></body></html>"),
            3
        );
        let deep = format!(
            "<html><body>{}text &amp; more{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        assert!(max_depth(&deep) > MAX_DEPTH);
        let r = read(&file(), &deep);
        assert_eq!(r.text, "text & more");
        assert_eq!(
            strip_tags("<p>One</p><script>var x = '<p>';</script><p>Two</p>"),
            "One\nTwo"
        );
    }

    #[test]
    fn json_ld_prefers_the_article_node() {
        let page = r#"<html><head><script type="application/ld+json">
            {"@graph": [{"@type": "WebPage", "datePublished": "2020-01-01"},
                        {"@type": ["NewsArticle"], "headline": "Real", "datePublished": "2024-05-06"}]}
            </script></head><body><p>x</p></body></html>"#;
        let r = read(&file(), page);
        assert_eq!(r.title.as_deref(), Some("Real"));
        assert_eq!(
            r.date.map(|d| d.date.to_string()).as_deref(),
            Some("2024-05-06")
        );
    }

    #[test]
    fn link_lists_are_dropped_but_article_text_stays() {
        let page = r#"<html><body><article><h1>T</h1>
            <p>The article text is long enough to be the main part of the page, with several words.</p>
            <ul><li><a href="/a">Related one</a></li><li><a href="/b">Related two</a></li></ul>
            <p>More article text with a <a href="/x">link</a> inside a sentence.</p>
            </article></body></html>"#;
        let r = read(&file(), page);
        assert!(!r.text.contains("Related one"), "{}", r.text);
        assert!(
            r.text.contains("with a link inside a sentence"),
            "{}",
            r.text
        );
    }

    #[test]
    fn site_suffixes_are_stripped() {
        assert_eq!(
            strip_site_suffix("A long headline here | Site"),
            "A long headline here"
        );
        assert_eq!(strip_site_suffix("Q&A - Part 2"), "Q&A - Part 2");
    }
}
