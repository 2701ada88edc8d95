//! What a page says about itself: `<meta>` tags, JSON-LD, the `<title>`,
//! its headings, and the headline and publication date chosen from them.
//!
//! Input: a parsed page. Output: [`PageMeta`] (all tags and JSON-LD nodes,
//! read once), the headline ([`headline`]) and the dates the metadata states
//! ([`stated_dates`]). Nothing here reads the page's visible text except
//! its `<h1>` headings.

use super::sel;
use crate::ingest::dates::{self, NumericOrder};
use crate::ingest::strings::{collapse_ws, outside_brackets};
use crate::model::Dated;
use chrono::NaiveDate;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::sync::LazyLock;

static META: LazyLock<Selector> = LazyLock::new(|| sel("meta"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| sel("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| sel("h1"));
static SUBHEADINGS: LazyLock<Selector> = LazyLock::new(|| sel("h2, h3"));
static HTML: LazyLock<Selector> = LazyLock::new(|| sel("html"));
static LD_JSON: LazyLock<Selector> = LazyLock::new(|| sel(r#"script[type="application/ld+json"]"#));
static TIME_PUBLISHED: LazyLock<Selector> =
    LazyLock::new(|| sel(r#"time[itemprop="datePublished"], [itemprop="datePublished"]"#));
static TIME_IN_ARTICLE: LazyLock<Selector> = LazyLock::new(|| sel("article time[datetime]"));
static TIME_IN_HEADER: LazyLock<Selector> = LazyLock::new(|| sel("header time[datetime]"));
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

/// Separators between a headline and a site name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " – ", " — ", " - ", " :: ", " • ", " · ", " » ", " « ",
];

/// An `<h1>` longer than this is a standfirst or a paragraph styled as a
/// heading, not a headline.
const MAX_HEADLINE_WORDS: usize = 30;

/// A page's only `<h1>` sharing at most this share of its words with every
/// metadata title is a section or banner label (`M&A Updates`, `Lessons
/// Learned`), not the headline. Measured on WCXB: 0.1 fixed six titles
/// and lost one (0.15 the same net); 0.05 gained one; 0.2 fixed 13 and
/// lost 9.
const LONE_H1_LIKENESS: f64 = 0.1;

/// The page's own statements about itself, read once.
pub struct PageMeta {
    /// `(name or property, content)`, names lowercased, empty values left out.
    pub tags: Vec<(String, String)>,
    /// Every JSON-LD block that parses.
    pub ld: Vec<Value>,
    /// The `<title>` text, whitespace collapsed.
    pub title: Option<String>,
    /// The numeric date order the page's `lang` implies.
    pub order: Option<NumericOrder>,
}

impl PageMeta {
    pub fn read(doc: &Html) -> PageMeta {
        let tags = doc
            .select(&META)
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
            .collect();
        let ld = doc
            .select(&LD_JSON)
            .filter_map(|s| serde_json::from_str(&s.text().collect::<String>()).ok())
            .collect();
        let order = doc
            .select(&HTML)
            .next()
            .and_then(|h| h.value().attr("lang"))
            .and_then(NumericOrder::from_lang);
        PageMeta {
            tags,
            ld,
            title: first_text(doc, &TITLE),
            order,
        }
    }

    pub fn tag(&self, key: &str) -> Option<String> {
        self.tags
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    /// The page's URL: `og:url`, else the canonical link.
    pub fn url(&self, doc: &Html) -> Option<String> {
        self.tag("og:url").or_else(|| {
            doc.select(&CANONICAL)
                .next()
                .and_then(|e| e.value().attr("href"))
                .map(str::to_string)
        })
    }

    /// The string value under `key` in the JSON-LD blocks (including
    /// `@graph` arrays), from a node typed as an article (`NewsArticle`,
    /// `BlogPosting`, `Report`, ...) when there is one, else from the first
    /// node that has it.
    pub fn ld_string(&self, key: &str) -> Option<String> {
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
        self.ld
            .iter()
            .find_map(|v| find(v, key, true))
            .or_else(|| self.ld.iter().find_map(|v| find(v, key, false)))
            .filter(|s| !s.trim().is_empty())
    }

    fn parse(&self, s: &str) -> Option<NaiveDate> {
        dates::parse_date_in(s, self.order)
    }
}

/// The headline a reader sees. The page's `<h1>` is the headline when it
/// is one: not the site's name, not longer than [`MAX_HEADLINE_WORDS`],
/// sharing some words with the metadata's title ([`LONE_H1_LIKENESS`]),
/// and (when there are several) the one most like it. Without a usable
/// `<h1>`: `og:title`, JSON-LD `headline`, then `<title>`, each without a
/// site name.
pub fn headline(doc: &Html, meta: &PageMeta) -> Option<String> {
    let refs: Vec<String> = [
        meta.tag("og:title"),
        meta.ld_string("headline"),
        meta.tag("twitter:title"),
        meta.title.clone(),
    ]
    .into_iter()
    .flatten()
    .map(|t| collapse_ws(&t))
    .filter(|t| !t.is_empty())
    .collect();
    let stripped: Vec<String> = refs.iter().map(|t| strip_site_suffix(t)).collect();
    // Names the site goes by: og:site_name and what title suffixes cut off.
    let mut sites: Vec<String> = meta.tag("og:site_name").into_iter().collect();
    for (full, head) in refs.iter().zip(&stripped) {
        if let Some(rest) = full.strip_prefix(head.as_str()) {
            for sep in TITLE_SEPARATORS {
                if let Some(site) = rest.trim_start().strip_prefix(sep.trim_start()) {
                    sites.extend(site.split(sep).map(|s| s.trim().to_string()));
                }
            }
        }
    }
    let sites: Vec<String> = sites.iter().map(|s| fold(s)).collect();
    // An `<h1>` that is all link to another page is a card for another
    // story (a list of them follows many articles), unless no other
    // `<h1>` is left. A blog's headline often links to its own page.
    let page = meta.url(doc);
    let own_path = page.as_deref().map(url_path);
    let all: Vec<(String, bool)> = doc
        .select(&H1)
        .map(|e| (heading_text(e), is_link_only(e, own_path)))
        .collect();
    let any_own = all.iter().any(|(t, card)| !card && !t.is_empty());
    let h1s: Vec<String> = all
        .into_iter()
        .filter(|(_, card)| !(any_own && *card))
        .map(|(t, _)| t)
        .filter(|t| {
            !t.is_empty()
                && t.split_whitespace().count() <= MAX_HEADLINE_WORDS
                && !sites.contains(&fold(t))
        })
        .collect();

    let best = h1s
        .iter()
        .map(|h| {
            (
                h,
                stripped.iter().map(|r| likeness(h, r)).fold(0.0, f64::max),
            )
        })
        .max_by(|a, b| a.1.total_cmp(&b.1));
    if let Some((h, score)) = best {
        if h1s.len() == 1 && (stripped.is_empty() || score > LONE_H1_LIKENESS) || score > 0.3 {
            let inner = stripped.iter().find(|r| decorates(h, r));
            if let Some(inner) = inner {
                return Some(inner.clone());
            }
            // The metadata's title shown as a lesser heading is the
            // headline; the `<h1>` is then a section's or the site's.
            if !stripped.iter().any(|r| fold(r) == fold(h))
                && let Some(shown) = shown_as_subheading(doc, &stripped)
            {
                return Some(shown);
            }
            return Some(h.clone());
        }
    }
    stripped.into_iter().next()
}

/// The first of the metadata titles `refs` that an `<h2>` or `<h3>` of
/// the page shows as its whole text.
fn shown_as_subheading(doc: &Html, refs: &[String]) -> Option<String> {
    let shown: Vec<String> = doc
        .select(&SUBHEADINGS)
        .map(|e| fold(&heading_text(e)))
        .filter(|t| !t.is_empty())
        .collect();
    refs.iter()
        .find(|r| r.split_whitespace().count() >= 3 && shown.contains(&fold(r)))
        .cloned()
}

/// Whether a heading is the metadata's (site-stripped) title `r` with
/// decoration a reader does not take for the headline: the site name still
/// on it (`Title | Section | Site`), a label of one or two words before a
/// colon (`Blog: Title`), or a source and a count after it
/// (`Title (example.com) 87`). A heading that goes on with words
/// (`Title: Why It Matters`) is a longer headline, not a decorated one.
fn decorates(h: &str, r: &str) -> bool {
    let (h, r) = (fold(h), fold(r));
    if r.split_whitespace().count() < 3 || h.len() <= r.len() {
        return false;
    }
    if strip_site_suffix(&h) == r {
        return true;
    }
    if let Some(label) = h.strip_suffix(&r) {
        let label = label.trim_end();
        return label.ends_with(':') && label.split_whitespace().count() <= 2;
    }
    if let Some(rest) = h.strip_prefix(&r) {
        let rest = rest.trim_start();
        return rest.starts_with(['(', '['])
            && outside_brackets(rest)
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_whitespace());
    }
    false
}

/// Share of distinct words two titles have in common (Jaccard, folded).
fn likeness(a: &str, b: &str) -> f64 {
    use std::collections::HashSet;
    let (a, b) = (fold(a), fold(b));
    let a: HashSet<&str> = a.split_whitespace().collect();
    let b: HashSet<&str> = b.split_whitespace().collect();
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

/// Lowercase, typographic quotes as ASCII, whitespace collapsed: for
/// comparing titles, never for showing them.
pub(super) fn fold(s: &str) -> String {
    let quotes_ascii: String = s
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        })
        .collect();
    collapse_ws(&quotes_ascii.to_lowercase())
}

/// A heading's text as a reader sees it: inline elements joined without a
/// space inside a word (`Planning <span>C</span>ycle` is `Planning
/// Cycle`), with one where an element starts a capitalised word (a span
/// styled as a second line: `Alternatives<span>Top Tools</span>`), at line
/// breaks and at blocks; no `<time>`, script or button text (a date
/// printed inside the heading is not part of the headline).
fn heading_text(e: ElementRef) -> String {
    fn walk(e: ElementRef, out: &mut String) {
        for child in e.children() {
            if let Some(t) = child.value().as_text() {
                let boundary = !child.prev_sibling().is_some_and(|p| p.value().is_text());
                if boundary
                    && out.ends_with(char::is_alphanumeric)
                    && t.starts_with(char::is_uppercase)
                {
                    out.push(' ');
                }
                out.push_str(t);
            } else if let Some(el) = ElementRef::wrap(child) {
                let name = el.value().name();
                if matches!(
                    name,
                    "time" | "script" | "style" | "noscript" | "button" | "svg" | "template"
                ) {
                    continue;
                }
                let breaks = matches!(name, "br" | "div" | "p" | "li");
                if breaks {
                    out.push(' ');
                }
                walk(el, out);
                if breaks {
                    out.push(' ');
                }
            }
        }
    }
    let mut out = String::new();
    walk(e, &mut out);
    collapse_ws(&out)
}

/// Whether all of an element's text is inside links to pages other than
/// the one at `own_path` (`<h1><a href="/other-story">Other story</a></h1>`).
fn is_link_only(e: ElementRef, own_path: Option<&str>) -> bool {
    let mut any = false;
    for node in e.descendants() {
        let Some(t) = node.value().as_text() else {
            continue;
        };
        if t.trim().is_empty() {
            continue;
        }
        any = true;
        let link = node
            .ancestors()
            .take_while(|a| a.id() != e.id())
            .filter_map(|a| a.value().as_element())
            .find(|el| el.name() == "a");
        let elsewhere = link.is_some_and(|a| {
            let href = a.attr("href").unwrap_or_default();
            !href.is_empty() && !href.starts_with('#') && Some(url_path(href)) != own_path
        });
        if !elsewhere {
            return false;
        }
    }
    any
}

/// The path of a URL, absolute or not, without query, fragment or a
/// trailing slash: what two links to the same page share.
fn url_path(url: &str) -> &str {
    let rest = match url.find("://") {
        Some(i) => url[i + 3..].find('/').map_or("", |j| &url[i + 3 + j..]),
        None => url
            .strip_prefix("//")
            .map_or(url, |r| r.find('/').map_or("", |j| &r[j..])),
    };
    let path = rest.split(['?', '#']).next().unwrap_or_default();
    path.trim_end_matches('/')
}

fn element_text(e: ElementRef) -> String {
    collapse_ws(&e.text().collect::<Vec<_>>().join(" "))
}

fn first_text(doc: &Html, s: &Selector) -> Option<String> {
    doc.select(s).map(element_text).find(|t| !t.is_empty())
}

/// `Headline | Site` or `Headline - Site` becomes `Headline`; so does
/// `Headline | Section | Site`. A tail is a site name when it is short
/// (at most four words) and the headline before it has at least three.
pub fn strip_site_suffix(title: &str) -> String {
    let mut title = title.trim();
    for _ in 0..2 {
        let cut = TITLE_SEPARATORS.iter().find_map(|sep| {
            let pos = title.rfind(sep)?;
            let (head, tail) = title.split_at(pos);
            (tail.split_whitespace().count() <= 5 && head.split_whitespace().count() >= 3)
                .then_some(head.trim())
        });
        match cut {
            Some(head) => title = head,
            None => break,
        }
    }
    title.to_string()
}

/// The publication date the metadata states, best source first:
/// `article:published_time`, JSON-LD `datePublished`, the [`DATE_META`]
/// names, an element marked `itemprop="datePublished"`, a `<time>` in the
/// article, else in a header.
pub fn stated_date(doc: &Html, meta: &PageMeta) -> Option<Dated> {
    let found = |date, source: String| Some(Dated { date, source });
    if let Some(d) = meta
        .tag("article:published_time")
        .and_then(|s| meta.parse(&s))
    {
        return found(d, "meta:article:published_time".into());
    }
    if let Some(d) = meta.ld_string("datePublished").and_then(|s| meta.parse(&s)) {
        return found(d, "json-ld:datePublished".into());
    }
    for key in DATE_META {
        if let Some(d) = meta.tag(key).and_then(|s| meta.parse(&s)) {
            return found(d, format!("meta:{key}"));
        }
    }
    // Any other name that says "published" (`published-date`,
    // `og:article:published_time`), never one that says modified.
    if let Some((key, d)) = meta.tags.iter().find_map(|(k, v)| {
        let publication = (k.contains("publish") || k.contains("pubdate"))
            && !k.contains("modif")
            && !k.contains("updat");
        publication.then(|| meta.parse(v)).flatten().map(|d| (k, d))
    }) {
        return found(d, format!("meta:{key}"));
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
        .find_map(|e| time_attr(e).and_then(|s| meta.parse(&s)))
    {
        return found(d, "time:datePublished".into());
    }
    // The article's own `<time>` before any header's: a site's header
    // (a menu listing the latest stories) comes first in the page.
    doc.select(&TIME_IN_ARTICLE)
        .next()
        .or_else(|| doc.select(&TIME_IN_HEADER).next())
        .and_then(|e| time_attr(e).and_then(|s| meta.parse(&s)))
        .and_then(|d| found(d, "time".into()))
}

/// The date a URL's path states (`/2025/09/04/`, `/2025-09-04-slug`,
/// `/2023/october/03/`).
pub fn url_date(url: &str) -> Option<NaiveDate> {
    static URL_DATE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(&format!(
            r"(?i)/((?:19|20)\d{{2}})[/-](\d{{1,2}}|{})[/-](\d{{1,2}})(?:/|-|\.|$)",
            dates::MONTHS
        ))
        .expect("valid regex")
    });
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let c = URL_DATE.captures(path)?;
    let month = c[2].parse().ok().or_else(|| dates::month_name(&c[2]))?;
    NaiveDate::from_ymd_opt(c[1].parse().ok()?, month, c[3].parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headline_of(page: &str) -> Option<String> {
        let doc = Html::parse_document(page);
        headline(&doc, &PageMeta::read(&doc))
    }

    #[test]
    fn an_h1_that_links_elsewhere_is_a_card() {
        // Cards for other stories, each an `<h1>` link, after the story.
        let page = r#"<html><head><title>Where to Bike in Houston | Mag</title>
            <meta property="og:url" content="https://mag.com/outdoors/best-biking-trails-houston"></head>
            <body><h1>The Best Trails and Neighborhoods in Houston for Biking</h1><p>Text.</p>
            <h1><a href="/outdoors/kayak">Here's Where to Kayak and Paddle in Houston</a></h1>
            <h1><a href="https://mag.com/outdoors/parks">Where to Picnic in Houston</a></h1></body></html>"#;
        assert_eq!(
            headline_of(page).as_deref(),
            Some("The Best Trails and Neighborhoods in Houston for Biking")
        );
        // A headline linking to its own page is the page's headline.
        let page = r#"<html><head><title>Cleaning costs in San Diego | Blog</title>
            <link rel="canonical" href="https://x.me/blog/cleaning-costs-san-diego/"></head>
            <body><h1><a href="/blog/cleaning-costs-san-diego" rel="bookmark">Cleaning Costs In San Diego</a></h1>
            <h1><strong>Average costs in the USA</strong></h1></body></html>"#;
        assert_eq!(
            headline_of(page).as_deref(),
            Some("Cleaning Costs In San Diego")
        );
    }

    #[test]
    fn the_metadata_title_shown_as_a_subheading_beats_a_section_h1() {
        let page = r#"<html><head><title>What do people love about Rust? | Rust Blog</title></head>
            <body><h2>What do people love about Rust?</h2><p>Dec. 19, 2025</p><p>Text.</p>
            <h1>But what they love is the sense of empowerment</h1><p>More text.</p></body></html>"#;
        assert_eq!(
            headline_of(page).as_deref(),
            Some("What do people love about Rust?")
        );
        // Not shown as a heading: the `<h1>` stays the headline.
        let page = page.replace("<h2>What do people love about Rust?</h2>", "");
        assert_eq!(
            headline_of(&page).as_deref(),
            Some("But what they love is the sense of empowerment")
        );
    }

    #[test]
    fn the_visible_headline_beats_the_seo_title() {
        let page = r#"<html><head><title>Best tools 2025 | Site</title>
            <meta property="og:title" content="Best tools 2025 - ranked and reviewed">
            </head><body><h1>The best tools of 2025</h1></body></html>"#;
        assert_eq!(headline_of(page).as_deref(), Some("The best tools of 2025"));
    }

    #[test]
    fn a_label_or_a_paragraph_in_an_h1_is_not_the_headline() {
        let page = r#"<html><head><meta property="og:title"
            content="What ten years of founders learned about the lean startup | Blog">
            </head><body><h1>Startup Lessons</h1></body></html>"#;
        assert_eq!(
            headline_of(page).as_deref(),
            Some("What ten years of founders learned about the lean startup")
        );
        let long = "Learn which home renovations pay off and how to work it out. ".repeat(4);
        let page = format!(
            r#"<html><head><title>Home renovations that pay off | RenoSite</title></head>
            <body><h1>{long}</h1></body></html>"#
        );
        assert_eq!(
            headline_of(&page).as_deref(),
            Some("Home renovations that pay off")
        );
        // A lone heading with the metadata's words stays the headline.
        let page = r#"<html><head><title>Lessons from the lean startup | Blog</title></head>
            <body><h1>Lean startup lessons, five years on</h1></body></html>"#;
        assert_eq!(
            headline_of(page).as_deref(),
            Some("Lean startup lessons, five years on")
        );
    }

    #[test]
    fn an_h1_naming_the_site_is_not_the_headline() {
        let page = r#"<html><head><title>A brief intro to git • Cory D</title></head>
            <body><h1>Cory D</h1><h2>A brief intro to git</h2></body></html>"#;
        assert_eq!(headline_of(page).as_deref(), Some("A brief intro to git"));
        let page = r#"<html><head><meta property="og:site_name" content="Example Blog">
            <meta property="og:title" content="Real headline here"></head>
            <body><h1>Example Blog</h1></body></html>"#;
        assert_eq!(headline_of(page).as_deref(), Some("Real headline here"));
    }

    #[test]
    fn heading_text_joins_inline_elements_as_a_reader_sees_them() {
        let page = r#"<html><body><h1>How AI Can Cut Your Planning <span class="hand">C</span>ycle</h1>
            </body></html>"#;
        assert_eq!(
            headline_of(page).as_deref(),
            Some("How AI Can Cut Your Planning Cycle")
        );
        let page = r#"<html><body><h1>The Best Notion Alternatives<span class="block">Top Tools</span></h1>
            </body></html>"#;
        assert_eq!(
            headline_of(page).as_deref(),
            Some("The Best Notion Alternatives Top Tools")
        );
        let page = r#"<html><body><h1><a href="/p"><time datetime="2025-12-18">Dec 18 2025</time>
            Preparing a transition</a><button>Share</button></h1></body></html>"#;
        assert_eq!(headline_of(page).as_deref(), Some("Preparing a transition"));
    }

    #[test]
    fn a_decorated_heading_gives_way_to_the_metadata_title() {
        let with = |h1: &str| {
            headline_of(&format!(
                r#"<html><head><title>Grads Find Degrees No Longer Guarantee Jobs | Patient News | Example Site</title>
                </head><body><h1>{h1}</h1></body></html>"#
            ))
        };
        let title = Some("Grads Find Degrees No Longer Guarantee Jobs");
        assert_eq!(
            with("Blog: Grads Find Degrees No Longer Guarantee Jobs").as_deref(),
            title
        );
        assert_eq!(
            with("Grads Find Degrees No Longer Guarantee Jobs (latimes.com) 87").as_deref(),
            title
        );
        assert_eq!(
            with("Grads Find Degrees No Longer Guarantee Jobs | Patient News | Example Site")
                .as_deref(),
            title
        );
        // A heading that goes on with words is a longer headline.
        let longer = "Grads Find Degrees No Longer Guarantee Jobs: What Changed";
        assert_eq!(with(longer).as_deref(), Some(longer));
        let labelled = "The 2024 Beauty Awards: Grads Find Degrees No Longer Guarantee Jobs";
        assert_eq!(with(labelled).as_deref(), Some(labelled));
    }

    #[test]
    fn of_several_h1s_the_one_like_the_title() {
        let page = r#"<html><head><meta property="og:title" content="Biking spots in Houston">
            </head><body><h1>Houstonia Magazine</h1><h1>The best biking spots in Houston</h1>
            <h1>Next in your guide</h1></body></html>"#;
        assert_eq!(
            headline_of(page).as_deref(),
            Some("The best biking spots in Houston")
        );
    }

    #[test]
    fn site_suffixes_are_stripped() {
        assert_eq!(
            strip_site_suffix("A long headline here | Site"),
            "A long headline here"
        );
        assert_eq!(
            strip_site_suffix("Best Movers in NYC 2025 | Top 19 Companies | Supermove"),
            "Best Movers in NYC 2025"
        );
        assert_eq!(
            strip_site_suffix("Healthy Eating Plate Guide • The Nutrition Source"),
            "Healthy Eating Plate Guide"
        );
        assert_eq!(strip_site_suffix("Q&A - Part 2"), "Q&A - Part 2");
    }

    #[test]
    fn any_meta_name_saying_published_is_read_never_modified() {
        let page = r#"<html><head><meta name="modified-time" content="2024-07-30">
            <meta name="published-date" content="2021-02-16"></head><body></body></html>"#;
        let doc = Html::parse_document(page);
        let d = stated_date(&doc, &PageMeta::read(&doc)).unwrap();
        assert_eq!(d.date.to_string(), "2021-02-16");
        assert_eq!(d.source, "meta:published-date");
        let page =
            r#"<html><head><meta name="article:modified_time" content="2024-07-30"></head></html>"#;
        let doc = Html::parse_document(page);
        assert_eq!(stated_date(&doc, &PageMeta::read(&doc)), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            url_date("https://x.com/2025/09/04/story/").map(|d| d.to_string()),
            Some("2025-09-04".into())
        );
        assert_eq!(
            url_date("https://x.com/news/2025-9-4-story").map(|d| d.to_string()),
            Some("2025-09-04".into())
        );
        assert_eq!(
            url_date("https://x.com/blog/2023/October/03/wine-types/").map(|d| d.to_string()),
            Some("2023-10-03".into())
        );
        assert_eq!(url_date("https://x.com/2023/octopus/03/"), None);
        assert_eq!(url_date("https://x.com/2025/13/40/"), None);
        assert_eq!(url_date("https://x.com/p/12345"), None);
    }
}
