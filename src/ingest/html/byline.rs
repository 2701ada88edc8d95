//! The date a page shows its reader beside the headline: the byline or
//! dateline (`By Jane Doe · Dec 12, 2025`, `Last updated: July 9, 2025`,
//! `RAJSHAHI, Dec 20, 2025 (BSS) -`).
//!
//! Input: a parsed page, its headline and numeric date order. Output: the
//! dates stated in short lines within a few lines of the headline, nearest
//! first, each labelled by the words before it (published, updated, or
//! neither); failing those, a date labelled "Published" further down the
//! article. The headline is found as a line of text (else the first
//! `<h1>`, else a short line holding nearly all of its words); a page
//! without any gives none: a date elsewhere on a page
//! (comments, related stories, the footer's copyright) says nothing about
//! the article.

use super::BLOCK_ELEMENTS;
use super::meta::fold;
use crate::ingest::clean;
use crate::ingest::dates::{self, NumericOrder};
use crate::ingest::strings::collapse_ws;
use chrono::NaiveDate;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Lines scanned after the headline, and before it.
const AFTER: usize = 25;
const BEFORE: usize = 5;
/// A byline is short; a longer line, or a sentence of ten words or more,
/// is prose, whose dates are events.
const MAX_WORDS: usize = 14;
/// A title this short could be found reworded in any line.
const MIN_REWORDED_WORDS: usize = 4;

/// What the words before a shown date call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Published,
    Updated,
    Unlabelled,
}

/// A date shown near the headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    pub date: NaiveDate,
    pub label: Label,
}

/// One visual line of the page: the text of one block element.
#[derive(Debug, Default)]
struct Line {
    text: String,
    headline: bool,
    /// Dates of `<time datetime>` elements in the line.
    times: Vec<NaiveDate>,
}

/// Never text a reader sees as the article's. (Asides and footers stay:
/// many articles keep their byline in one.)
const SKIP: &[&str] = &[
    "button", "form", "head", "iframe", "nav", "noscript", "script", "select", "style", "svg",
    "template", "textarea",
];

/// The page's visible text as lines, furniture (navigation, footers,
/// scripts) left out, the `<h1>` lines marked.
fn lines(doc: &Html, order: Option<NumericOrder>) -> Vec<Line> {
    let mut out = vec![Line::default()];
    let mut skip = 0usize;
    let mut h1 = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if skip > 0 || SKIP.contains(&name) {
                        skip += 1;
                        continue;
                    }
                    if BLOCK_ELEMENTS.contains(&name) {
                        out.push(Line::default());
                    }
                    if name == "h1" {
                        h1 += 1;
                    }
                    if name == "time" {
                        if let Some(d) = e
                            .attr("datetime")
                            .and_then(|s| dates::parse_date_in(s, order))
                        {
                            if let Some(line) = out.last_mut() {
                                line.times.push(d);
                            }
                        }
                    }
                }
                Node::Text(t) if skip == 0 => {
                    if let Some(line) = out.last_mut() {
                        line.text.push_str(t);
                        line.text.push(' ');
                        line.headline |= h1 > 0;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    let name = e.name();
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    if name == "h1" {
                        h1 = h1.saturating_sub(1);
                    }
                    if BLOCK_ELEMENTS.contains(&name) {
                        out.push(Line::default());
                    }
                }
            }
        }
    }
    out.retain_mut(|l| {
        l.text = collapse_ws(&l.text);
        !l.text.is_empty() || !l.times.is_empty()
    });
    out
}

/// The dates shown near the headline `title`, nearest first (a line after
/// the headline before one as far before it). Empty when the headline is
/// not found in the page's text.
pub fn shown_dates(doc: &Html, title: &str, order: Option<NumericOrder>) -> Vec<Shown> {
    let lines = lines(doc, order);
    let want = fold(title);
    let Some(at) = lines
        .iter()
        .position(|l| l.headline && fold(&l.text) == want)
        .or_else(|| lines.iter().position(|l| fold(&l.text) == want))
        .or_else(|| {
            lines
                .iter()
                .position(|l| l.headline && !want.is_empty() && fold(&l.text).contains(&want))
        })
        .or_else(|| {
            lines
                .iter()
                .position(|l| !want.is_empty() && fold(&l.text).starts_with(&want))
        })
        .or_else(|| lines.iter().position(|l| l.headline))
        .or_else(|| reworded_headline(&lines, &want))
    else {
        return Vec::new();
    };
    let found = dates_near(&lines, at, order);
    if !found.is_empty() {
        return found;
    }
    // The title shown apart from the `<h1>` (in a page header, or as a
    // lesser heading) with no date beside it: the `<h1>`'s dates.
    match lines.iter().position(|l| l.headline) {
        Some(h1) if h1 != at => dates_near(&lines, h1, order),
        _ => found,
    }
}

/// The dates shown near the headline at line `at`, nearest first; failing
/// those, a date labelled as the publication date further down.
fn dates_near(lines: &[Line], at: usize, order: Option<NumericOrder>) -> Vec<Shown> {
    // Dates past a teaser heading (`More from ...`, `Related`) belong to
    // other stories.
    let end = lines
        .iter()
        .skip(at + 1)
        .position(|l| clean::is_teaser_heading(&l.text))
        .map_or(lines.len(), |p| at + 1 + p);
    let window = at.saturating_sub(BEFORE)..(at + 1 + AFTER).min(end);
    let mut found: Vec<(usize, bool, Shown)> = Vec::new();
    let mut previous_label = None;
    for i in window {
        let line = &lines[i];
        for shown in line_dates(line, order, previous_label) {
            found.push((i.abs_diff(at), i < at, shown));
        }
        previous_label = label_of(&line.text).filter(|_| line.text.split_whitespace().count() <= 3);
    }
    found.sort_by_key(|(distance, before, _)| (*distance, *before));
    if found.is_empty() {
        // No date beside the headline: a date labelled as the publication
        // date further down the article (an author box at its end).
        let mut previous_label = None;
        for (i, line) in lines.iter().enumerate().take(end).skip(at + 1) {
            let label = label_of(&line.text);
            if label.is_none() && previous_label.is_none() {
                continue; // no label, no date worth reading (and no regex run)
            }
            if let Some(s) = line_dates(line, order, previous_label)
                .into_iter()
                .find(|s| s.label == Label::Published)
            {
                found.push((i - at, false, s));
                break;
            }
            previous_label = label.filter(|_| line.text.split_whitespace().count() <= 3);
        }
    }
    found.into_iter().map(|(_, _, s)| s).collect()
}

/// The line that shows the headline in other words than the metadata's
/// title `want` (folded): a short line holding nearly all of the title's
/// words (`7 Ways to Help You Transition to a Plant Based Diet` for `7 Ways
/// to Transition to a Plant-Based Diet`), on pages whose visible headline
/// is not an `<h1>`. The line holding the largest share of them, the first
/// of equals.
fn reworded_headline(lines: &[Line], want: &str) -> Option<usize> {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let title = words(want);
    if title.len() < MIN_REWORDED_WORDS {
        return None;
    }
    let mut best: Option<(usize, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        let have = words(&fold(&line.text));
        if have.len() > 3 * title.len() {
            continue;
        }
        let shared = title.iter().filter(|w| have.contains(w)).count();
        if shared * 5 >= title.len() * 4 && best.is_none_or(|(_, b)| shared > b) {
            best = Some((i, shared));
        }
    }
    best.map(|(i, _)| i)
}

/// The date a page shows as its own: the nearest shown date, except that
/// an `Updated` date gives way to a published or unlabelled one among the
/// six nearest (`Published Jan 1 · Updated Mar 3`, on one line or two).
pub fn pick(shown: &[Shown]) -> Option<Shown> {
    let first = *shown.first()?;
    if first.label != Label::Updated {
        return Some(first);
    }
    Some(
        shown
            .iter()
            .take(6)
            .find(|s| s.label != Label::Updated)
            .copied()
            .unwrap_or(first),
    )
}

/// The dates a short line states, each labelled by the words before it (or
/// by the line before, when that line is only a label: `Last updated:`).
fn line_dates(line: &Line, order: Option<NumericOrder>, carried: Option<Label>) -> Vec<Shown> {
    let text = &line.text;
    let words = text.split_whitespace().count();
    let lower = text.to_lowercase();
    if lower.contains('©') || lower.contains("copyright") {
        return Vec::new();
    }
    let mut found = dates::find_all(text, order);
    let sentence = words >= 10 && text.ends_with(['.', '!', '?']);
    if words > MAX_WORDS || sentence {
        // Prose, unless it opens with a news dateline: `CITY, Dec 20, 2025`.
        found.retain(|f| f.start <= 40 && is_dateline_place(&text[..f.start]));
        found.truncate(1);
    }
    let mut out = Vec::new();
    let mut from = 0;
    for f in &found {
        let label = label_of(&text[from..f.start])
            .or(if from == 0 { carried } else { None })
            .unwrap_or(Label::Unlabelled);
        out.push(Shown {
            date: f.date,
            label,
        });
        from = f.end;
    }
    if found.is_empty() && words <= MAX_WORDS && !sentence {
        let label = label_of(text).or(carried).unwrap_or(Label::Unlabelled);
        out.extend(line.times.iter().map(|&date| Shown { date, label }));
    }
    out
}

/// `RAJSHAHI, ` or `WASHINGTON (Reuters) - `: a place in capitals.
fn is_dateline_place(s: &str) -> bool {
    let s = s.trim().trim_end_matches(',').trim();
    !s.is_empty()
        && s.chars().any(char::is_alphabetic)
        && s.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
}

fn label_of(words: &str) -> Option<Label> {
    let w = words.to_lowercase();
    let has = |keys: &[&str]| keys.iter().any(|k| w.contains(k));
    if has(&["updated", "modified", "revised", "edited", "reviewed"]) {
        Some(Label::Updated)
    } else if has(&["publish", "posted", "submitted", "released", "date:"]) {
        Some(Label::Published)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(page: &str, title: &str) -> Vec<(String, Label)> {
        let doc = Html::parse_document(page);
        shown_dates(&doc, title, Some(NumericOrder::MonthFirst))
            .into_iter()
            .map(|s| (s.date.to_string(), s.label))
            .collect()
    }

    #[test]
    fn the_byline_under_the_headline_dates_the_page() {
        let page = "<body><p>Today is Friday, December 19, 2025</p><article><h1>Big story</h1>
            <div>By Jane Doe · <span>Dec 12, 2025</span></div><p>It happened on March 3, 2024, said a long sentence of prose here.</p></article></body>";
        let s = shown(page, "Big story");
        assert_eq!(s[0], ("2025-12-12".into(), Label::Unlabelled));
        assert!(!s.iter().any(|(d, _)| d == "2024-03-03"), "prose: {s:?}");
    }

    #[test]
    fn labels_come_from_the_words_or_the_line_before() {
        let page = "<body><h1>Title here</h1><p>Last updated:</p><p>July 9, 2025</p>
            <p>Published on 05/01/2017</p></body>";
        let s = shown(page, "Title here");
        assert_eq!(s[0], ("2025-07-09".into(), Label::Updated));
        assert_eq!(s[1], ("2017-05-01".into(), Label::Published));
        let picked = pick(&shown_dates(
            &Html::parse_document(page),
            "Title here",
            Some(NumericOrder::MonthFirst),
        ));
        assert_eq!(picked.map(|p| p.label), Some(Label::Published));
    }

    #[test]
    fn teaser_blocks_footers_and_missing_headlines_give_nothing() {
        let page = "<body><h1>Headline</h1><p>Body text.</p><h2>More from Example News</h2>
            <p>Dec 9, 2024</p><p>© 2024 Example, January 1, 2024</p></body>";
        assert!(shown(page, "Headline").is_empty());
        assert!(shown("<body><p>March 1, 2024</p></body>", "Nowhere").is_empty());
    }

    #[test]
    fn an_author_box_far_down_counts_only_when_labelled() {
        let filler: String = (0..40).map(|i| format!("<p>Paragraph {i}.</p>")).collect();
        let page = format!("<body><h1>H</h1>{filler}<p>Posted on April 13, 2023</p></body>");
        assert_eq!(
            shown(&page, "H"),
            vec![("2023-04-13".into(), Label::Published)]
        );
        let page = format!("<body><h1>H</h1>{filler}<p>April 13, 2023</p></body>");
        assert!(shown(&page, "H").is_empty());
    }

    #[test]
    fn a_reworded_headline_outside_h1_anchors_the_byline() {
        let page = "<body><p>March 2, 2020</p><p>Blog</p><p>Shop</p><h2>7 Ways to Help You Transition to a Plant Based Diet</h2>
            <p>February 01, 2022</p><p>Body text.</p></body>";
        let title = "7 Ways to Transition to a Plant-Based Diet";
        assert_eq!(shown(page, title)[0].0, "2022-02-01");
        // Too few of the title's words: no anchor, no date.
        assert!(shown(page, "7 Ways to Transition to Eating Mostly Vegetables").is_empty());
        // An `<h1>` stays the anchor when the title is not found as a line.
        let page = "<body><h1>Other words</h1><p>May 5, 2021</p><p>Plant Based Diet: 7 Ways to Transition</p><p>June 6, 2022</p></body>";
        assert_eq!(shown(page, title)[0].0, "2021-05-05");
    }

    #[test]
    fn a_title_line_without_a_date_gives_way_to_the_h1() {
        // The title in a sticky header far from the story; its `<h1>` differs.
        let filler: String = (0..30).map(|i| format!("<p>Menu item {i}</p>")).collect();
        let page = format!(
            "<body><h2>Best travel insurance for seniors in 2025</h2>{filler}<p>November 21, 2025</p>
            <h1>Best travel insurance for seniors</h1><p>Body text.</p></body>"
        );
        let s = shown(&page, "Best travel insurance for seniors in 2025");
        assert_eq!(s[0].0, "2025-11-21");
    }

    #[test]
    fn news_datelines_and_time_elements() {
        let page = "<body><h1>Homestead gardens</h1><p>RAJSHAHI, Dec 20, 2025 (BSS) - Homestead gardening is spreading fast across the northern districts this winter season.</p></body>";
        assert_eq!(shown(page, "Homestead gardens")[0].0, "2025-12-20");
        let page = r#"<body><h1>T</h1><p><time datetime="2025-12-02T10:00:00Z">2 days ago</time></p></body>"#;
        assert_eq!(shown(page, "T")[0].0, "2025-12-02");
    }
}
