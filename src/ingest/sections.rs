//! Page structure: a cleaned lead article and the teasers split out of it.
//!
//! Input: a [`RawDocument`] (page text, one paragraph or visual line per
//! line). Output: the lead [`Article`] followed by one teaser article per
//! story pointed to on a line of its own (`READ MORE: <headline>`) and per
//! story in the page's teaser blocks (`More from <Publisher>` and the
//! like), in page order.
//!
//! Invariants: no credit, video marker, promo line, teaser heading, story
//! pointer, byline in the page's header, or time line (`Updated at 1:23
//! p.m.`) reaches an article's body or caption, nor a sign-off on the
//! text's last lines (`REUTER`, `MORE`); in hard-wrapped text ([`wrap`]) a lower-case
//! line that goes on with a paragraph stays in it and a table row is a
//! paragraph of its own; a paragraph
//! repeated on the page is kept once if it has eight words or more or is
//! a caption; a teaser has a non-empty title and its lead's id, is more
//! than a one- or two-word menu entry, and no two of a page's teasers are
//! the same; dates come from the record's metadata, a dateline line in
//! the page's header (leads), or the teaser's photo caption, never from
//! prose.

use super::clean::{self, LineKind};
use super::dates;
use super::strings::{self, collapse_ws};
use super::wrap;
use crate::model::{Article, ArticleKind, Dated, RawDocument};
use rustc_hash::FxHashMap;
use std::collections::HashSet;
use std::collections::hash_map::Entry;

/// One meaningful piece of a page after line classification.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Unit {
    /// A paragraph of text; `caption` when a photo credit follows it or
    /// ends it (the credit itself left out).
    Text {
        text: String,
        caption: bool,
    },
    Video,
    Promo {
        url: Option<String>,
    },
    Heading,
    /// A one-line pointer to another story: its headline.
    StoryLink(String),
}

/// Builds the lead article and its teasers from one page or record.
pub fn build_articles(raw: &RawDocument) -> Vec<Article> {
    let units = units(&raw.text, !raw.lines_are_paragraphs);
    let split = units
        .iter()
        .position(|u| *u == Unit::Heading)
        .unwrap_or(units.len());
    let (lead_units, teaser_units) = units.split_at(split);

    let title = raw
        .title
        .as_deref()
        .map(collapse_ws)
        .filter(|t| !t.is_empty());
    let mut captions = raw.captions.clone();
    let mut paragraphs = Vec::new();
    let mut date = raw.date.clone();
    let mut links = Vec::new();
    let mut header = true;
    for (i, unit) in lead_units.iter().enumerate() {
        if let Unit::StoryLink(title) = unit {
            links.push(Teaser {
                blurb: Some(title.clone()),
                ..Teaser::default()
            });
        }
        if let Unit::Text { text, caption } = unit {
            // The page's header: its first units, before the story's first
            // real paragraph (a photo's caption under the headline is not).
            // `&&`, not `&=`: past the header, no paragraph is counted.
            header = header && i < 8 && (*caption || !is_story_paragraph(text));
            if header {
                if let Some(d) = dates::dateline_date(text) {
                    date.get_or_insert(Dated {
                        date: d,
                        source: "dateline".into(),
                    });
                    continue;
                }
                if is_byline(text) {
                    continue;
                }
            }
            if clean::is_time_line(text) {
                continue;
            }
            if *caption {
                if !captions.contains(text) {
                    captions.push(text.clone());
                }
            } else {
                paragraphs.push(text.clone());
            }
        }
    }
    drop_about_box(&mut paragraphs);
    // A collapsed caption (`... more`) whose full text is a caption too.
    if captions.iter().any(|c| c.ends_with(" more")) {
        let full = captions.clone();
        captions.retain(|c| !full.iter().any(|f| clean::is_collapsed_copy(c, f)));
    }
    let title = title.unwrap_or_else(|| {
        paragraphs
            .first()
            .or(captions.first())
            .map(|p| headline_from(p))
            .unwrap_or_else(|| raw.id.clone())
    });
    let lead = Article {
        id: raw.id.clone(),
        kind: ArticleKind::Lead,
        lead_id: None,
        title,
        caption: (!captions.is_empty()).then(|| captions.join("\n")),
        body: paragraphs.join("\n\n"),
        date,
        url: raw.url.clone(),
        source: raw.source.clone(),
    };
    let mut out = vec![lead];
    links.extend(split_teasers(teaser_units));
    // A block shown twice (a promo under each of a page's sections) gives
    // its teasers once.
    let mut seen = HashSet::new();
    links.retain(|t| seen.insert((t.caption.clone(), t.headline.clone(), t.blurb.clone())));
    for (n, t) in links.into_iter().enumerate() {
        out.push(t.into_article(raw, n + 1));
    }
    out
}

/// Drops the blurb about the author or the publisher at the story's end:
/// an [`clean::is_about_heading`] among the last three paragraphs, with
/// what follows it. (Of such headings on the two HTML sets with at most
/// two paragraphs after them, 15 of 18 head text outside the reviewed
/// text; further up, an `About the ...` heading often opens the story's
/// own section, so only the author label goes.)
fn drop_about_box(paragraphs: &mut Vec<String>) {
    let tail = paragraphs.len().saturating_sub(3);
    if let Some(i) = (tail..paragraphs.len()).find(|&i| clean::is_about_heading(&paragraphs[i])) {
        paragraphs.truncate(i);
    }
    paragraphs.retain(|p| !clean::is_author_label(p));
}

/// A paragraph of the story proper: over 25 words, or a sentence of 12 or
/// more.
fn is_story_paragraph(text: &str) -> bool {
    let words = strings::word_count(text);
    words > 25 || (words >= 12 && text.ends_with(['.', '!', '?', '"', '”']))
}

/// A byline or time line under a headline: `By Jane Doe, AP`, `Tom
/// Krisher, AP Auto Writer`, `Updated 5:27 am CST, Wednesday, November 20,
/// 2019`, `Nov. 19, 2019 8:03 am ET`.
fn is_byline(text: &str) -> bool {
    if is_staff_byline(text) {
        return true;
    }
    let words = text.split_whitespace().count();
    let name_follows = text
        .split_whitespace()
        .nth(1)
        .is_some_and(|w| w.starts_with(char::is_uppercase));
    let by = (text.starts_with("By ") || text.starts_with("BY "))
        && name_follows
        && words <= 12
        && !text.ends_with('.');
    let dated = words <= 14 && !text.ends_with('.') && !dates::find_all(text, None).is_empty();
    by || dated
}

/// `Name Surname, <role> Writer`: a name of two to four capitalised words,
/// a comma, and at most six words of role ending in what a newsroom calls
/// its staff (`Writer`, `Reporter`, `Correspondent`, `Editor`, ...).
fn is_staff_byline(text: &str) -> bool {
    const ROLES: &[&str] = &[
        "Writer",
        "Reporter",
        "Correspondent",
        "Editor",
        "Columnist",
        "Contributor",
        "Staff",
    ];
    let Some((name, role)) = text.split_once(", ") else {
        return false;
    };
    let name_words = name.split(' ').count();
    let capitalised = name.split(' ').all(|w| {
        w.starts_with(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || ".'’-".contains(c))
    });
    let role: Vec<&str> = role.split(' ').collect();
    (2..=4).contains(&name_words)
        && capitalised
        && role.len() <= 6
        && role
            .last()
            .is_some_and(|w| ROLES.contains(&w.trim_end_matches('s')))
}

/// A teaser being assembled.
#[derive(Debug, Default)]
struct Teaser {
    caption: Option<String>,
    /// A headline shown above the blurb (an HTML card's `<h3>`).
    headline: Option<String>,
    blurb: Option<String>,
    url: Option<String>,
    video: bool,
}

impl Teaser {
    fn is_empty(&self) -> bool {
        self.caption.is_none() && self.headline.is_none() && self.blurb.is_none()
    }

    /// A teaser of one or two words and no caption (`Science`, `Home`,
    /// `Checkmark icon`) is a menu entry, not a story.
    fn is_stub(&self) -> bool {
        self.caption.is_none()
            && self
                .blurb
                .as_deref()
                .is_none_or(|b| b.split_whitespace().count() <= 2)
    }

    fn into_article(self, raw: &RawDocument, n: usize) -> Article {
        let title_from = self
            .headline
            .as_deref()
            .or(self.blurb.as_deref())
            .or(self.caption.as_deref())
            .unwrap_or_default();
        let date = self
            .caption
            .as_deref()
            .and_then(dates::caption_date)
            .map(|d| Dated {
                date: d,
                source: "caption".into(),
            });
        Article {
            id: format!("{}/t{n}", raw.id),
            kind: ArticleKind::Teaser,
            lead_id: Some(raw.id.clone()),
            title: headline_from(title_from),
            caption: self.caption,
            body: self.blurb.unwrap_or_default(),
            date,
            url: self.url,
            source: raw.source.clone(),
        }
    }
}

/// Groups a teaser block into teasers: each is an optional caption (with its
/// credit), an optional video marker, an optional headline, and one blurb
/// paragraph. A headline is a short line right before a blurb (a card's
/// title over its summary); a list of short lines is a list of headlines,
/// one teaser each.
fn split_teasers(units: &[Unit]) -> Vec<Teaser> {
    let mut out = Vec::new();
    let mut cur = Teaser::default();
    let flush = |cur: &mut Teaser, out: &mut Vec<Teaser>| {
        let t = std::mem::take(cur);
        if !t.is_stub() {
            out.push(t);
        }
    };
    for (i, unit) in units.iter().enumerate() {
        match unit {
            Unit::Heading => flush(&mut cur, &mut out),
            Unit::Text {
                text,
                caption: true,
            } => {
                if !cur.is_empty() || cur.video {
                    flush(&mut cur, &mut out);
                }
                cur.caption = Some(text.clone());
            }
            Unit::Video => {
                if cur.blurb.is_some() {
                    flush(&mut cur, &mut out);
                }
                cur.video = true;
            }
            Unit::Text {
                text,
                caption: false,
            } => {
                if cur.blurb.is_some() {
                    flush(&mut cur, &mut out);
                }
                let blurb_follows = matches!(
                    units.get(i + 1),
                    Some(Unit::Text { text: next, caption: false }) if is_blurb(next)
                );
                // In a list of headlines, a long line after the last one is
                // not its summary (an author's note closing the list). A
                // label of one or two words (`iPhone X`) is no headline.
                let in_list = i > 0
                    && matches!(
                        &units[i - 1],
                        Unit::Text { text: prev, caption: false }
                            if is_card_headline(prev) && prev.split_whitespace().nth(2).is_some()
                    );
                if blurb_follows && !in_list && is_card_headline(text) {
                    if cur.headline.is_some() {
                        flush(&mut cur, &mut out);
                    }
                    cur.headline = Some(text.clone());
                } else {
                    cur.blurb = Some(text.clone());
                }
            }
            Unit::Promo { url } => {
                if cur.url.is_none() {
                    cur.url.clone_from(url);
                }
            }
            Unit::StoryLink(title) => {
                flush(&mut cur, &mut out);
                cur.blurb = Some(title.clone());
                flush(&mut cur, &mut out);
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// A line that can head a teaser's blurb: at most 20 words, not ending
/// a sentence with a full stop (a headline may ask or exclaim).
fn is_card_headline(text: &str) -> bool {
    text.split_whitespace().nth(20).is_none() && !text.ends_with(['.', '…', ':'])
}

/// A teaser's summary: over 25 words, or over 12 that end in a full stop
/// (a long headline may ask a question).
fn is_blurb(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words > 25 || (words > 12 && text.ends_with(['.', '…']))
}

/// Classifies lines, joins hard-wrapped lines into paragraphs (when the
/// text `may_be_wrapped` and looks it), drops credits and repeated lines,
/// and marks captions.
fn units(text: &str, may_be_wrapped: bool) -> Vec<Unit> {
    let mut lines = strings::lines(text);
    // Sign-offs on the last lines (`MORE` then `REUTER`) go before anything
    // reads the lines (they are no lines of a wrapped paragraph either).
    while let Some(last) = lines.iter().rposition(|l| !l.trim().is_empty())
        && clean::is_sign_off(lines[last])
    {
        lines.truncate(last);
    }
    let mut wrapped = may_be_wrapped && wrap::is_hard_wrapped(&lines);
    let mut b = UnitBuilder::default();
    for line in &lines {
        // In hard-wrapped prose a lower-case line that goes on with an
        // open paragraph is its text (`...declined to make any` /
        // `comments.`), whatever a line of its own would be.
        let continues = wrapped
            && !b.para.is_empty()
            && line.starts_with(char::is_lowercase)
            && !line.contains("://")
            && !line.starts_with("www.");
        let kind = if continues {
            LineKind::Text
        } else {
            clean::classify(line)
        };
        match kind {
            LineKind::Text => {
                // A table row is a paragraph of its own, wrapped or not.
                let alone = !wrapped || wrap::is_table_row(line);
                if alone || wrap::is_indented(line) {
                    b.flush();
                }
                b.para.push(strings::trim(line));
                if alone {
                    b.flush();
                }
            }
            LineKind::Blank => b.flush(),
            LineKind::Credit => {
                b.flush();
                // The text right before a credit is the photo's caption.
                b.mark_caption();
            }
            LineKind::Video => b.push(Unit::Video),
            LineKind::Promo => {
                let url = clean::promo_url(line).map(str::to_string);
                b.push(Unit::Promo { url });
            }
            LineKind::TeaserHeading => {
                b.push(Unit::Heading);
                // A teaser block lists one story per line, even where the
                // story above it was wrapped (`More from Pogue:` and its
                // headlines).
                wrapped = false;
            }
            LineKind::StoryLink => {
                let title = clean::story_link_title(line).unwrap_or_default();
                b.push(Unit::StoryLink(title.to_string()));
            }
        }
    }
    b.flush();
    b.out
}

/// The units of a page as [`units`] reads it, one line at a time.
#[derive(Default)]
struct UnitBuilder<'a> {
    out: Vec<Unit>,
    /// The paragraph being read, line by line.
    para: Vec<&'a str>,
    /// Paragraphs of four or more words seen so far (lowercased, without a
    /// final full stop), with where in `out` each is. Whole paragraphs are
    /// the keys: hashed with FxHash, not SipHash, and looked up once.
    seen: FxHashMap<String, usize>,
    /// Where in `out` the last paragraph read is (its first copy when it
    /// was a repeat); `None` once anything else follows it.
    last_text: Option<usize>,
}

impl UnitBuilder<'_> {
    /// Ends the paragraph being read. A paragraph repeated on the page (a
    /// caption shown twice) is kept once; one that ends in a photo credit
    /// is a caption without it, and makes its first copy a caption too.
    fn flush(&mut self) {
        if self.para.is_empty() {
            return;
        }
        let mut text = String::with_capacity(self.para.iter().map(|l| l.len() + 1).sum());
        for line in self.para.drain(..) {
            strings::push_words(&mut text, line);
        }
        // A caption is known by its credit, by WordPress's unrendered
        // `[caption ...]...[/caption]` around it, or by its `less` toggle.
        let captioned = clean::caption_with_credit(&text)
            .or_else(|| clean::shortcode_caption(&text))
            .or_else(|| {
                clean::toggled_caption(&text).map(|c| clean::caption_with_credit(c).unwrap_or(c))
            });
        let (text, caption) = match captioned {
            Some(c) => (c.to_string(), true),
            None => (text, false),
        };
        let words = strings::word_count(&text);
        if words >= 4 {
            let key = text.trim_end_matches(['.', '!', '?']).to_lowercase();
            // A short paragraph repeats as a caption (with its credit, or
            // right after its first copy); elsewhere it is the page's
            // structure.
            match self.seen.entry(key) {
                Entry::Occupied(seen)
                    if words >= MIN_REPEAT_WORDS
                        || caption
                        || self.last_text == Some(*seen.get()) =>
                {
                    self.last_text = Some(*seen.get());
                    if caption {
                        self.mark_caption();
                    }
                    return;
                }
                Entry::Occupied(mut seen) => {
                    seen.insert(self.out.len());
                }
                Entry::Vacant(new) => {
                    new.insert(self.out.len());
                }
            }
        }
        self.last_text = Some(self.out.len());
        self.out.push(Unit::Text { text, caption });
    }

    /// Ends the paragraph being read and adds a unit that is not text.
    fn push(&mut self, unit: Unit) {
        self.flush();
        self.out.push(unit);
        self.last_text = None;
    }

    /// Marks the last paragraph read as a photo caption, unless it is
    /// longer than a caption runs (a story followed by its source's name,
    /// `Bloomberg`, on a page of several stories).
    fn mark_caption(&mut self) {
        if let Some(Unit::Text { text, caption }) = self.last_text.and_then(|i| self.out.get_mut(i))
            && text.split_whitespace().nth(MAX_CAPTION_WORDS).is_none()
        {
            *caption = true;
        }
    }
}

/// The fewest words of a paragraph kept once wherever the page repeats it
/// (a caption shown twice, a pull quote). Shorter ones (four words or
/// more) are kept once only as captions: with their credit, or right
/// after their first copy. Elsewhere short lines repeat as a page's
/// structure does: a meal plan's `Eat every 2–3 hours` under each meal, a
/// table's labels, Reuters' `Avg shrs 13.9 mln vs 13.8 mln` under a
/// quarter's and a year's results.
const MIN_REPEAT_WORDS: usize = 8;

/// The most words of a paragraph that a credit line after it makes a photo
/// caption: agency captions run to 70 words or more (a description and a
/// sentence of context); a story is longer.
const MAX_CAPTION_WORDS: usize = 100;

/// A title made from a paragraph: its first sentence, cut at a word
/// boundary if long.
pub fn headline_from(text: &str) -> String {
    const MAX: usize = 160;
    let text = collapse_ws(text);
    let first = super::chunk::sentences(&text)
        .first()
        .map(|r| text[r.clone()].to_string())
        .unwrap_or_else(|| text.clone());
    if first.chars().count() <= MAX {
        return first;
    }
    let mut cut = String::new();
    for w in first.split_whitespace() {
        if cut.chars().count() + w.chars().count() + 1 > MAX {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(w);
    }
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::path::PathBuf;

    fn raw(text: &str) -> RawDocument {
        RawDocument {
            id: "page".into(),
            source: PathBuf::from("page.txt"),
            line: None,
            title: Some("Headline".into()),
            text: text.into(),
            date: None,
            url: None,
            lines_are_paragraphs: false,
            captions: Vec::new(),
        }
    }

    #[test]
    fn a_caption_with_its_credit_run_on_leaves_the_body_with_its_first_copy() {
        let page = "Officials inspect the hospital ward in Beijing.\n6\nOfficials inspect the hospital ward in BeijingCredit: EPA\n\nThe story's first paragraph.\n\nA child plays in the snow. Photo: Jane Doe/Example\n\nThe story's last paragraph.";
        let arts = build_articles(&raw(page));
        assert_eq!(
            arts[0].caption.as_deref(),
            Some("Officials inspect the hospital ward in Beijing.\nA child plays in the snow.")
        );
        assert_eq!(
            arts[0].body,
            "6\n\nThe story's first paragraph.\n\nThe story's last paragraph."
        );
    }

    #[test]
    fn short_lines_a_page_repeats_as_its_structure_stay() {
        let page = "Shr profit 1.20 dlrs vs 1.10 dlrs\n\nAvg shrs 13.9 mln vs 13.8 mln\n\nYear\n\nShr profit 4.10 dlrs vs 3.90 dlrs\n\nAvg shrs 13.9 mln vs 13.8 mln\n\nThe company said results included a one-time gain from the sale of its plant.\n\nThe company said results included a one-time gain from the sale of its plant.";
        let body = build_articles(&raw(page))[0].body.clone();
        assert_eq!(
            body.matches("Avg shrs 13.9 mln vs 13.8 mln").count(),
            2,
            "{body}"
        );
        assert_eq!(body.matches("one-time gain").count(), 1, "{body}");
    }

    #[test]
    fn a_teaser_block_shown_twice_gives_its_teasers_once() {
        let block = "More from Dan:\n\nStocks rallied as the Fed held rates steady today\n\nGet the Example News app!";
        let page = format!("The story's first paragraph is here.\n\n{block}\n\n{block}");
        let arts = build_articles(&raw(&page));
        let titles: Vec<&str> = arts[1..].iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Stocks rallied as the Fed held rates steady today",
                "Get the Example News app!"
            ]
        );
    }

    #[test]
    fn caption_and_credit_leave_the_body() {
        let page = "A caption about soldiers in the north.\nA caption about soldiers in the north.\nREUTERS/Jane Doe\n\nFirst paragraph.\n\nSecond paragraph.";
        let arts = build_articles(&raw(page));
        assert_eq!(arts.len(), 1);
        assert_eq!(
            arts[0].caption.as_deref(),
            Some("A caption about soldiers in the north.")
        );
        assert_eq!(arts[0].body, "First paragraph.\n\nSecond paragraph.");
    }

    #[test]
    fn a_rendered_pages_short_lines_are_never_joined_as_wrapped_prose() {
        // Tour dates, one per line: as wide as hard-wrapped text and
        // without full stops, but no sentence goes on to the next line.
        let page = "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL\nJune 10 -- MIDFLORIDA Credit Union Amphitheatre, Tampa, FL\nJune 14 -- Ameris Bank Amphitheatre, Alpharetta, GA\nJune 17 -- Bridgestone Arena, Nashville, TN\nJune 19 -- PNC Music Pavilion, Charlotte, NC";
        let rendered = RawDocument {
            lines_are_paragraphs: true,
            ..raw(page)
        };
        assert_eq!(
            build_articles(&rendered)[0].body,
            page.replace('\n', "\n\n")
        );
        assert_eq!(
            build_articles(&raw(page))[0].body,
            page.replace('\n', "\n\n")
        );
    }

    #[test]
    fn an_expandable_caption_is_a_caption_once_in_full() {
        let page = "Defense ministers shake hands in Hanoi on Wednesday. Esper is on a visit to strengthen ... more\nPhoto: Hau Dinh, AP\nDefense ministers shake hands in Hanoi on Wednesday. Esper is on a visit to strengthen military relations. (AP Photo/Hau Dinh) less\nThe story's first paragraph.\nThe story's second paragraph, which says more or less.";
        let arts = build_articles(&raw(page));
        assert_eq!(
            arts[0].caption.as_deref(),
            Some(
                "Defense ministers shake hands in Hanoi on Wednesday. Esper is on a visit to strengthen military relations."
            )
        );
        assert_eq!(
            arts[0].body,
            "The story's first paragraph.\n\nThe story's second paragraph, which says more or less."
        );
    }

    #[test]
    fn an_unrendered_caption_shortcode_is_a_caption() {
        let page = "First paragraph of the letter.\n[caption id=\"attachment_1\" align=\"alignnone\" width=\"600\"] Warren Buffett of Berkshire Hathaway[/caption]\nSecond paragraph of the letter.";
        let arts = build_articles(&raw(page));
        assert_eq!(
            arts[0].caption.as_deref(),
            Some("Warren Buffett of Berkshire Hathaway")
        );
        assert_eq!(
            arts[0].body,
            "First paragraph of the letter.\n\nSecond paragraph of the letter."
        );
    }

    #[test]
    fn a_story_before_a_source_name_or_address_is_no_caption() {
        // A page of several stories, each followed by its source's name,
        // and one that cites its source by address.
        let story = "Markets have been turning mostly up since the election, and investors appear pleased with what they see. ".repeat(8);
        let page = format!(
            "{story}\nBloomberg\nThe toy is called Koov and was made by Sony.\nSource: https://www.cnet.com/news/koov/"
        );
        let lead = &build_articles(&raw(&page))[0];
        assert_eq!(lead.caption, None);
        assert!(
            lead.body.starts_with("Markets have been turning"),
            "{}",
            lead.body
        );
        assert!(lead.body.ends_with("made by Sony."), "{}", lead.body);
    }

    #[test]
    fn a_teaser_list_after_wrapped_text_is_one_teaser_per_line() {
        let page = "Surely you have seen them: people who think they can get the house\nwarmed up faster if they set the temperature beyond the comfort zone\nin other words, you like 68 degrees in winter, but you come down to a\n64-degree room, so you set the thermostat to 80 to make it warm up\nfaster, which wastes power and money.\nMore from Pogue:\nDavid Pogue's CES roundup: All you have to remember is one word\nYour FREE 15-Minute David Pogue Tour of CES\nPogue's Basics: Money - The Amazon card";
        let arts = build_articles(&raw(page));
        let titles: Vec<&str> = arts[1..].iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "David Pogue's CES roundup: All you have to remember is one word",
                "Your FREE 15-Minute David Pogue Tour of CES",
                "Pogue's Basics: Money - The Amazon card"
            ]
        );
        assert!(arts[0].body.starts_with(
            "Surely you have seen them: people who think they can get the house warmed up"
        ));
    }

    #[test]
    fn teaser_block_splits_into_teasers() {
        let page = "Body.\n\nMore from Example News\n\nA man speaks in Paris, France, May 2, 2024.\nREUTERS/X Y\n\nThe first teaser blurb. More text.\n\n- YouTube\n\nA video blurb here.\n\nA plain blurb.\nWatch live at https://example.com/live";
        let arts = build_articles(&raw(page));
        assert_eq!(arts.len(), 4);
        assert_eq!(arts[0].body, "Body.");
        let t1 = &arts[1];
        assert_eq!(t1.kind, ArticleKind::Teaser);
        assert_eq!(t1.id, "page/t1");
        assert_eq!(t1.lead_id.as_deref(), Some("page"));
        assert_eq!(t1.title, "The first teaser blurb.");
        assert_eq!(
            t1.date.as_ref().map(|d| d.date),
            NaiveDate::from_ymd_opt(2024, 5, 2)
        );
        assert_eq!(arts[2].body, "A video blurb here.");
        assert_eq!(arts[2].date, None);
        assert_eq!(arts[3].body, "A plain blurb.");
        assert_eq!(arts[3].url.as_deref(), Some("https://example.com/live"));
    }

    #[test]
    fn headline_lists_become_one_teaser_per_line() {
        let page = "Last paragraph of the story.\nMore from Dan:\nFirst story headline\nSecond story headline\nEmail Dan at dan@example.com; follow him on Twitter at @dan.";
        let arts = build_articles(&raw(page));
        assert_eq!(arts.len(), 3);
        assert_eq!(arts[1].title, "First story headline");
        assert_eq!(arts[2].title, "Second story headline");
        assert!(arts.iter().all(|a| !a.body.contains("Email")));
    }

    #[test]
    fn a_headline_over_its_summary_is_one_teaser() {
        let page = "Last paragraph of the story.\n\nRelated stories\n\nHow to do your taxes\n\nTaxes need not be scary: learn how to do them yourself and keep more of your refund.\n\nWhy do babies cough?\n\nBabies get congested easily, but you can calm their cough by keeping the air moist at night.";
        let arts = build_articles(&raw(page));
        let teasers: Vec<(&str, &str)> = arts[1..]
            .iter()
            .map(|a| (a.title.as_str(), a.body.as_str()))
            .collect();
        assert_eq!(
            teasers,
            [
                (
                    "How to do your taxes",
                    "Taxes need not be scary: learn how to do them yourself and keep more of your refund."
                ),
                (
                    "Why do babies cough?",
                    "Babies get congested easily, but you can calm their cough by keeping the air moist at night."
                ),
            ]
        );
        // After a list of headlines, a long line is not the last one's summary.
        let page = "Last paragraph of the story.\nMore from Dan:\nFirst story headline here\nSecond story headline here\nDan Doe, columnist, welcomes questions and comments from readers on the page below this one.";
        let arts = build_articles(&raw(page));
        assert_eq!(arts[2].title, "Second story headline here");
        assert_eq!(arts[2].body, "Second story headline here");
    }

    #[test]
    fn hard_wrapped_newswire_is_unwrapped() {
        let page = "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\nJanuary and improving prospects for the coming temporao,\nalthough normal humidity levels have not been restored.\n    The dry period means the temporao will be late this year.\n    Arrivals for the week ended February 22 were 155,221 bags\nof 60 kilos.";
        let arts = build_articles(&raw(page));
        let paras: Vec<&str> = arts[0].body.split("\n\n").collect();
        assert_eq!(paras.len(), 3, "{paras:?}");
        assert!(paras[0].starts_with("Showers continued throughout the week in the Bahia"));
    }

    #[test]
    fn a_wrapped_storys_table_keeps_its_rows_and_its_sign_off_goes() {
        let page = "The CFTC reported stocks of northern\nspring wheat in deliverable positions as of Friday, April 3\n(in 000s of bushels).\n    Mpls      4/3/87  Week Ago  Year Ago\n Deliverable    2187      2235       982\n Non-Del/Ungr    699       639       305\n    The figures are preliminary and subject\nto revision.\n Reuter";
        let body = &build_articles(&raw(page))[0].body;
        assert_eq!(
            body.split("\n\n").collect::<Vec<_>>(),
            [
                "The CFTC reported stocks of northern spring wheat in deliverable positions as of Friday, April 3 (in 000s of bushels).",
                "Mpls 4/3/87 Week Ago Year Ago",
                "Deliverable 2187 2235 982",
                "Non-Del/Ungr 699 639 305",
                "The figures are preliminary and subject to revision.",
            ]
        );
    }

    #[test]
    fn a_wrapped_line_after_one_space_goes_on_and_the_sign_off_is_no_line_of_it() {
        // Reuters-21578 `reuters-12810` and `reuters-12287`.
        let page = "The top accepted rate of discount at the\nweekly U.K. Treasury bill tender rose to 9.5261 pct  from\n9.3456 pct last week.\n    Applications at the lowest accepted price of 97.625 stg\n were allotted around 81 pct of the amount applied for, and\n applications above that price were allotted in full, the Bank\n of England said.\n REUTER";
        let body = &build_articles(&raw(page))[0].body;
        assert_eq!(
            body.split("\n\n").nth(1),
            Some(
                "Applications at the lowest accepted price of 97.625 stg were allotted around 81 pct of the amount applied for, and applications above that price were allotted in full, the Bank of England said."
            )
        );
        let page = "Lockheed Corp has been awarded 165.7\nmln dlrs in military contracts, including a 102.4 mln dlr\ncontract for eight C-130 aircraft for the Air Force Reserve,\nthe Air Force said.\n reuter";
        let body = &build_articles(&raw(page))[0].body;
        assert!(!body.contains("\n\n"), "{body}");
    }

    #[test]
    fn an_agency_name_is_a_sign_off_only_on_the_last_line() {
        let page = "The agency's first paragraph names no one.\n\nReuter\n\nThe second paragraph.\n\nMORE\n REUTER...\n\n";
        let body = &build_articles(&raw(page))[0].body;
        assert_eq!(
            body,
            "The agency's first paragraph names no one.\n\nReuter\n\nThe second paragraph."
        );
    }

    #[test]
    fn a_wrapped_line_that_looks_like_furniture_stays_in_its_sentence() {
        // `share.` alone is a share button; `subscribe ...` a promo.
        let page = "Net profit rose to 1.53 dlrs a share from a loss last\nyear, the company said in a statement on Tuesday, adding it\nexpected to earn about 22.50 dlrs a\nshare. Each bond carries two warrants, each giving the right to\nsubscribe between January 1 1988 and March 31 1992 to one\nshare at a price of 210 francs in the company's capital.";
        let body = &build_articles(&raw(page))[0].body;
        assert!(body.contains("22.50 dlrs a share. Each bond"), "{body}");
        assert!(body.contains("the right to subscribe between"), "{body}");
    }

    #[test]
    fn time_lines_leave_the_story_wherever_they_are() {
        let page = "The defense secretary said on Wednesday that the talks would go on for as long as it took to agree, and that nobody would leave early.\n\nUpdated at 1:23 p.m.\n\nBy the end of the day, by all accounts, nothing had changed.\n\nUpdated on April 24: Added the second statement.";
        let body = &build_articles(&raw(page))[0].body;
        assert!(!body.contains("1:23"), "{body}");
        assert!(body.ends_with("Added the second statement."), "{body}");
    }

    #[test]
    fn one_line_story_links_become_teasers_and_leave_the_lead() {
        let page = "First paragraph of the story.\nMore from Bloomberg.com: Amazon Plans Cuts to Shed Whole Foods' Pricey Image\nSecond paragraph.\nREAD MORE: France Joins 21st Century Space Race\nMore from Dan:\nFirst story headline\nSecond story headline";
        let arts = build_articles(&raw(page));
        let titles: Vec<&str> = arts.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Headline",
                "Amazon Plans Cuts to Shed Whole Foods' Pricey Image",
                "France Joins 21st Century Space Race",
                "First story headline",
                "Second story headline"
            ]
        );
        assert_eq!(
            arts[0].body,
            "First paragraph of the story.\n\nSecond paragraph."
        );
        assert!(
            arts[1..]
                .iter()
                .all(|a| a.kind == ArticleKind::Teaser && a.lead_id.as_deref() == Some("page"))
        );
        assert_eq!(arts[4].id, "page/t4");
    }

    #[test]
    fn bylines_and_time_lines_under_the_headline_leave_the_body() {
        let mut r = raw(
            "By Robert Burns, AP National Security Writer\n\nUpdated 5:27 am CST, Wednesday, November 20, 2019\n\nThe defense secretary said on Wednesday that talks would go on.\n\nBy the end of the day, by all accounts, nothing had changed.",
        );
        r.date = Some(Dated {
            date: NaiveDate::from_ymd_opt(2019, 11, 20).unwrap(),
            source: "meta:article:published_time".into(),
        });
        let lead = &build_articles(&r)[0];
        assert_eq!(
            lead.body,
            "The defense secretary said on Wednesday that talks would go on.\n\nBy the end of the day, by all accounts, nothing had changed."
        );
        assert_eq!(
            lead.date.as_ref().unwrap().source,
            "meta:article:published_time"
        );
    }

    #[test]
    fn a_staff_byline_without_by_leaves_the_header_only() {
        let page = "Tom Krisher, AP Auto Writer\n\nDETROIT (AP) — Carmakers showed new electric models on Wednesday at the show.\n\nConor Allison, Wareable Editor\n\nThe last line of the story is here.";
        let lead = &build_articles(&raw(page))[0];
        assert!(!lead.body.contains("Krisher"), "{}", lead.body);
        // Past the header it is the story's text (a name in a list).
        assert!(
            lead.body.contains("Conor Allison, Wareable Editor"),
            "{}",
            lead.body
        );
        for not_byline in [
            "Shares rose, analysts said Writer",
            "tom krisher, AP Auto Writer",
            "Jane Doe, a writer who lived in Paris for many years and wrote Editor",
            "Washington, DC",
        ] {
            assert!(!is_staff_byline(not_byline), "{not_byline}");
        }
        assert!(is_staff_byline("Audrey Huang, Print Managing Editor"));
        assert!(is_staff_byline(
            "Sreeranjani Pattabiraman, Senior Technical Writers"
        ));
    }

    #[test]
    fn dateline_under_headline_dates_the_lead() {
        let page = "Published May 3, 2024\n\nThe story starts here.";
        let arts = build_articles(&raw(page));
        assert_eq!(
            arts[0].date.as_ref().map(|d| d.source.as_str()),
            Some("dateline")
        );
        assert_eq!(arts[0].body, "The story starts here.");
    }

    #[test]
    fn a_caption_under_the_headline_leaves_the_header_open() {
        let page = "Plague survives on fleas that live on rodents, like rats and rabbits. (STEVE GSCHMEISSNER/SCIENCE PHOTO LIBRARY)\n\nBy Jane Doe\n\nNovember 18, 2019\n\nThree cases of plague have been diagnosed in China, officials said on Monday.";
        let lead = &build_articles(&raw(page))[0];
        assert_eq!(
            lead.caption.as_deref(),
            Some("Plague survives on fleas that live on rodents, like rats and rabbits.")
        );
        assert_eq!(
            lead.body,
            "Three cases of plague have been diagnosed in China, officials said on Monday."
        );
        assert_eq!(
            lead.date.as_ref().map(|d| d.source.as_str()),
            Some("dateline")
        );
    }

    #[test]
    fn the_about_box_at_the_end_goes() {
        let story = "Ascom and Dräger introduced an alarm management system for hospitals on Tuesday.\n\nAbout filing your claim\n\nThe system sends alerts to nurses' phones, the companies said in a statement.";
        let page = format!(
            "{story}\n\nAbout Ascom\n\nAscom is a global solutions provider focused on healthcare ICT and mobile workflow solutions."
        );
        assert_eq!(build_articles(&raw(&page))[0].body, story);
        // Further up, an `About ...` heading heads the story's own section;
        // the author's label goes wherever it stands.
        let page = format!(
            "About the author:\n\n{story}\n\nShe covers health care.\n\nThe end of the story is here.\n\nAnd a last line."
        );
        let body = build_articles(&raw(&page))[0].body.clone();
        assert!(body.starts_with("Ascom and Dräger"), "{body}");
        assert!(body.contains("About filing your claim"), "{body}");
        assert!(body.ends_with("And a last line."), "{body}");
        assert!(clean::is_about_heading("Über Moritz Bachmann"));
        for not_heading in ["About 200 people came.", "About 200 people", "about us"] {
            assert!(!clean::is_about_heading(not_heading), "{not_heading}");
        }
    }

    #[test]
    fn long_headlines_are_cut_at_a_word() {
        let long = "word ".repeat(60);
        let h = headline_from(&long);
        assert!(h.ends_with('…') && h.chars().count() <= 161);
    }

    proptest::proptest! {
        /// Prose in any line shape (wrapped or not, indented, one-space
        /// continuations, tables, blank lines) of words no rule reads as
        /// boilerplate: every word reaches the lead's body, once, in order.
        /// Joining wrapped lines and splitting paragraphs only move the
        /// breaks between words.
        #[test]
        fn no_line_shape_loses_or_reorders_a_word_of_prose(
            lines in proptest::collection::vec(
                (
                    proptest::sample::select(vec!["", " ", "  ", "    ", "\t"]),
                    proptest::collection::vec("[bcdfgkmnprstvz]{1,9}|[BCDFGKMNPRSTVZ][bcdfgkmnprstvz]{1,8}|[0-9]{1,5}", 1..14),
                    proptest::sample::select(vec!["", ".", ",", ";", "   x", "?"]),
                ),
                1..30,
            ),
        ) {
            let mut page = String::new();
            for (indent, words, end) in &lines {
                page.push_str(indent);
                page.push_str(&words.join(" "));
                page.push_str(end);
                page.push('\n');
            }
            let arts = build_articles(&raw(&page));
            let text = |t: &str| {
                t.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            };
            proptest::prop_assert_eq!(arts.len(), 1, "{:?}", arts);
            proptest::prop_assert!(arts[0].caption.is_none());
            proptest::prop_assert_eq!(text(&arts[0].body), text(&page), "{}", page);
        }
    }
}
