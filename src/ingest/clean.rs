//! Line classification: which lines of a page are boilerplate.
//!
//! Input: one line of page text. Output: its [`LineKind`]. The rules are
//! general (agency photo credits, call-to-action promos, video-embed markers,
//! section headings that open a block of teasers); nothing is keyed to one
//! publisher. Invariant: a line of ordinary prose is always `Text`, so that
//! cleaning can only remove boilerplate, never a sentence of an article.

use super::dates::MONTHS;
use super::strings::outside_brackets;
use regex::Regex;
use std::sync::LazyLock;

/// What one line of page text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Empty or whitespace only.
    Blank,
    /// A photo credit such as `REUTERS/Name` or `(Photo by X/Getty Images)`.
    Credit,
    /// A video-embed marker such as `- YouTube`.
    Video,
    /// A call to action (`Watch live at <url>`, `Email X at ...`, `Follow X
    /// on Twitter`, a bare URL) or a copyright notice.
    Promo,
    /// A heading that opens a block of teasers (`More from <Publisher>`).
    TeaserHeading,
    /// One story pointed to on a line of its own, inside an article
    /// (`More from Bloomberg.com: Headline`, `READ MORE: Headline`); its
    /// headline is [`story_link_title`].
    StoryLink,
    /// Anything else: article prose, captions, headlines.
    Text,
}

/// Photo and news agencies whose names mark a credit line. A general list of
/// the trade's agencies, not of any one page's.
const AGENCIES: &[&str] = &[
    "reuters",
    "reuters connect",
    "ap",
    "ap photo",
    "associated press",
    "afp",
    "getty",
    "getty images",
    "dpa",
    "epa",
    "epa-efe",
    "efe",
    "xinhua",
    "bloomberg",
    "shutterstock",
    "alamy",
    "anp",
    "sipa",
    "pool",
    "anadolu",
    "nurphoto",
    "sopa images",
    "zuma",
    "zuma press",
    "imago",
    "aap",
    "pa",
    "pa images",
    "pa wire",
    "kyodo",
    "yonhap",
    "tass",
    "ria novosti",
    "abaca",
    "picture alliance",
    "upi",
    "istock",
    "istockphoto",
    "corbis",
    "wireimage",
    "filmmagic",
    "handout",
];

/// Words that mark a line as prose rather than a credit.
const PROSE_WORDS: &[&str] = &[
    "the", "a", "an", "said", "says", "of", "and", "in", "to", "for", "that", "is", "was", "are",
    "were", "has", "have", "on", "at", "with", "it", "he", "she", "they", "we",
];

/// A credit that names its giver without an agency: `Courtesy Google`,
/// `Courtesy of Andrew Vaughan`, `Jonathan P. Blair Submitted photo`.
static NAMED_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^Courtesy(?: of)? \p{Lu}|\S \((?:submitted|contributed|staff|file|courtesy) (?:photo|image)\)$|\S (?:Submitted|Contributed|Staff|File|Courtesy) (?:photo|Photo|image|Image)$")
        .expect("valid regex")
});

static CREDIT_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\(?\s*(photo(graph)?s?|image|picture|credit|source|illustration|video)\s*(by|credit|courtesy|:)")
        .expect("valid regex")
});
static VIDEO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[-–—•|]?\s*(youtube|vimeo|dailymotion|video|watch video|play video|watch:?)\s*$",
    )
    .expect("valid regex")
});
static PROMO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(watch (live|now|the full|it)|listen (now|here|to)|subscribe|sign up|register (now|here|for)|download (the|our)|follow (us|him|her|them|me)|email \w+|click here|read more (at|on|here)|get the app|join us (at|on)|(got|have) a (confidential )?(news )?tip|for more (articles|stories|news|coverage) like this)\b")
        .expect("valid regex")
});
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(https?://\S+|www\.\S+|\S+@\S+\.\w+|(^|\s)@\w{2,})").expect("valid regex")
});
static BARE_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(https?://|www\.)\S+$").expect("valid regex"));
static TEASER_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(more ((news|stories|articles|videos|coverage) )?(from|on|in|about) \S.{0,60}?|related( (stories|articles|coverage|content|news|reading|links|posts|blog posts|topics))?|read more|read next|keep reading|what to read next|further reading|next article|watch next|explore more|more to explore|more (stories|articles)|popular posts|most (popular|read|viewed|shared|watched)( (in|on) \S.{0,40}?)?|recommended( (for you|stories|reading))?|you (may|might) also like|also read|trending( now| stories)?( on \S.{0,40}?)?|top stories|latest (news|stories)|don'?t miss|elsewhere on \S.{0,40}?)\s*(\.\.\.|…)?\s*:?$",
    )
    .expect("valid regex")
});

/// [`TEASER_HEADING`]'s phrases in other languages: German, French,
/// Spanish, Portuguese, Italian, Indonesian, Japanese, Chinese. (Apart:
/// in one regex, case folding these letters slowed every line's check.)
static TEASER_HEADING_ELSEWHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:lesen sie auch|mehr zum thema|das könnte sie auch interessieren|ähnliche artikel|weitere artikel|(?:à )?lire aussi|sur le même sujet|articles similaires|lee también|te puede interesar|(?:noticias|artículos) relacionad[oa]s|leia também|veja também|notícias relacionadas|leggi anche|articoli correlati|baca juga|(?:berita|artikel) terkait|関連記事|相关文章|相關文章|相关阅读)\s*(?:\.\.\.|…)?\s*:?$",
    )
    .expect("valid regex")
});

static STORY_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:more (?:from|on) [^:]{1,40}|read more|read next|read also|also read|see also|see more|related(?: story| article)?|prior story|previous story|editor'?s pick)\s*:\s+(\S.*?)\s*$",
    )
    .expect("valid regex")
});

/// The headline of a [`LineKind::StoryLink`] line: three to 25 words that
/// do not end in a colon.
pub fn story_link_title(t: &str) -> Option<&str> {
    // The label ends in a colon: most lines are ruled out without the
    // regex's captures (this runs on every line).
    if !t.contains(':') {
        return None;
    }
    let c = STORY_LINK.captures(t.trim())?;
    let title = c.get(1)?.as_str();
    let words = title.split_whitespace().count();
    ((3..=25).contains(&words) && !title.ends_with(':')).then_some(title)
}

/// Classifies one line of page text.
pub fn classify(line: &str) -> LineKind {
    let t = line.trim();
    // Rules read words separated by one space; a page's no-break spaces
    // and runs of spaces (`1 \u{a0}/\u{a0} 8`) are read as one space.
    if t.contains(['\u{a0}', '\u{202f}', '\u{2009}', '\t']) || t.contains("  ") {
        return classify_words(&super::strings::collapse_ws(t));
    }
    classify_words(t)
}

/// [`classify`] of a trimmed line whose words are separated by single
/// spaces.
fn classify_words(t: &str) -> LineKind {
    if t.is_empty() {
        LineKind::Blank
    } else if is_teaser_heading(t) {
        LineKind::TeaserHeading
    } else if story_link_title(t).is_some() {
        LineKind::StoryLink
    } else if t.split_whitespace().nth(3).is_none() && VIDEO.is_match(t) {
        // (A video label is three words at most: `- watch video`.)
        LineKind::Video
    } else if is_promo(t) {
        LineKind::Promo
    } else if is_credit(t) {
        LineKind::Credit
    } else {
        LineKind::Text
    }
}

static ABOUT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:About|ABOUT|Über|À propos de|Acerca de|Sobre)(?: (?:[^\s\d.!?][^\s.!?]*)){1,5}\s*:?$",
    )
    .expect("valid regex")
});
static AUTHOR_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^about (?:the )?(?:authors?|writers?|contributors?|reviewers?)\s*:?$")
        .expect("valid regex")
});

/// A heading over a blurb about the author or the publisher: `About the
/// author`, `About the Contributor:`, `About SiliconANGLE Media`, `Über
/// Moritz Bachmann`; at most six words, none a number, no sentence.
pub fn is_about_heading(t: &str) -> bool {
    t.starts_with(['A', 'Ü', 'À', 'S']) && ABOUT_HEADING.is_match(t)
}

/// [`is_about_heading`] naming the author (`About the author`): a label
/// that is no story text wherever it stands.
pub fn is_author_label(t: &str) -> bool {
    t.len() <= 32
        && t.get(..6).is_some_and(|h| h.eq_ignore_ascii_case("about "))
        && AUTHOR_LABEL.is_match(t)
}

/// A heading that opens a teaser block: short, on a line of its own, and
/// capitalised or in a script without case (`関連記事`; `more about
/// yourself` after a line break inside a paragraph goes on a sentence).
pub fn is_teaser_heading(t: &str) -> bool {
    t.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() && !c.is_lowercase())
        && t.split_whitespace().count() <= 8
        && (TEASER_HEADING.is_match(t) || TEASER_HEADING_ELSEWHERE.is_match(t))
}

static FOLLOW_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^follow \S+(?: \S+){0,3} on (?:twitter|facebook|instagram|linkedin|youtube|x)\b",
    )
    .expect("valid regex")
});
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:©|\(c\)\s*(?:19|20)\d\d|copyright\s+(?:[©@]\s*)?(?:(?-i:\p{Lu})\S*\s+){0,3}(?:19|20)\d\d\b|(?:image|photo|picture)\s+copyright\b)")
        .expect("valid regex")
});

/// Page furniture that sits between paragraphs: ad slots, gallery
/// counters, "continue reading" prompts, share and navigation labels,
/// reading-time badges, form messages. Whole lines only.
static FURNITURE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^[\s\-–—|·•<>\[]*(?:
            advertisement(?:\s*-\s*continue\sreading\sbelow)? | advertising | sponsored(?:\scontent)?
          | advertisement\s*[:.\-–]\s*(?:\S+\s*){1,8} | register | to\sread\sthe\sfull\sstory
          | advert | anzeige | werbung | publicidad | publicité | pubblicità | iklan
          | (?:story|article)\scontinues\sbelow(?:\sthis)?(?:\sadvertisement)?
          | continue\sreading(?:\sthe)?(?:\smain)?(?:\sstory)?(?:\sbelow)?
          | image\s\d+\sof(?:\s/)?\s?\d* | photo\s\d+\sof\s\d+ | \d+\sof\s\d+\sphotos? | \d+\s/\s\d+
          | back\sto\sgallery | caption | close | expand | hide\scaption | toggle\scaption
          | table\sof\scontents | contents | tags | news | x | × | ✕ | \d{1,2}:\d\d(?::\d\d)?
          | skip\sto(?:\smain)?\scontent | back\sto\stop
          | share(?:\sthis)?(?:\s(?:post|article|story|page))?(?:\son\s\w+)? | like\sthis | like\sloading…? | loading…?
          | contact\sus | learn\smore | get\sstarted | book\sa\sdemo | recent\sposts | related\sposts
          | \d+\smin(?:ute)?s?\.?\sread | reading\stime:?\s\d+\smin(?:ute)?s?
          | oops!\ssomething\swent\swrong\swhile\ssubmitting\sthe\sform | thank\syou!\syour\ssubmission\shas\sbeen\sreceived!?
          | this\sslideshow\srequires\sjavascript | comments | tell\sus\swhat\syou\sthink(?:\.\.\.|…)?
          | logo | search | notifications | followers | follow\sby\semail | keep\sme\slogged\sin | report\s(?:an\s)?error
          | written\sby | edited\sby | reviewed\sby | author | \d+\scomments? | leave\sa\s(?:comment|reply) | (?:link\s)?copied!?
          | back\sto\sblog | no\sitems\sfound\.? | table\sof\scontent | on\sthis\spage | menu | get\sa\sdemo | get\sstarted(?:\stoday|\sfor\sfree)?
          | book\snow | download\snow | stay\sconnected | newsletter
          | join\sthe\sconversation(?:\.\.\.|…)? | like\sthis\sarticle\?? | we\srecommend | sponsored\slinks | %d\sbloggers?\slike\sthis:?
          | email | facebook | twitter | linkedin | print | home | image
          | scroll\sto\stop | read\slater | enlarge\simage | share\sselection | click\sto\scopy | back\sto\sreading
          | スポンサードリンク
        )[\s\-–—|·•.:!\]]*$",
    )
    .expect("valid regex")
});

/// `Source: https://...`: where a story came from, cited by its address.
static SOURCE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:source|via|originally published at)\s*:?\s*(?:https?://|www\.)\S+$")
        .expect("valid regex")
});

/// A label a blog's template leaves: `Filed under: Khawarij |` (its
/// categories), WordPress's unfilled `%d bloggers like this:` in any
/// language.
fn is_template_label(t: &str) -> bool {
    if let Some(rest) = t.strip_prefix("%d ") {
        return rest.split_whitespace().count() <= 4;
    }
    let Some(head) = t.get(..12) else {
        return false;
    };
    head.eq_ignore_ascii_case("filed under:") && t.len() <= 72 && !t[12..].contains(['.', ':'])
}

fn is_promo(t: &str) -> bool {
    // `By` alone is a byline's label whose name the markup put elsewhere.
    if t == "By"
        || is_template_label(t)
        || SOURCE_URL.is_match(t)
        || t == "BY"
        || is_file_name(t)
        || BARE_URL.is_match(t)
        || starts_with_image_url(t)
        // A template's placeholder text, never filled in.
        || t.starts_with("Lorem ipsum")
        || t.starts_with("Lorem Ipsum")
        || FURNITURE_LINE.is_match(t)
    {
        return true;
    }
    let words = t.split_whitespace().count();
    (PROMO.is_match(t) && (URL.is_match(t) || words <= 12))
        || (FOLLOW_ON.is_match(t) && words <= 20)
        || (COPYRIGHT.is_match(t) && words <= 12)
        || (words <= 40 && RIGHTS_NOTICE.is_match(t))
        || (words <= 30 && NEWSLETTER_PITCH.is_match(t))
        // A quote offered for sharing (a copy of the story's own words).
        || t.ends_with("Click To Tweet")
        || t.ends_with("Click to Tweet")
        || (is_shortcode(t) && shortcode_caption(t).is_none())
        || (words <= 60 && SITE_MESSAGE.is_match(t))
        || (words <= 15 && ends_in_click_here(t))
        || (words <= 30 && STAFF_LABEL.is_match(t))
}

/// Who wrote, edited or checked the piece, on a line of its own: `Written
/// by Cassidy Horton`, `Reviewed by Kristina Katt, CPA, EA`, `Medically
/// reviewed by ...`. The name is capitalised (`Written by the acclaimed
/// author X, this novel ...` is prose).
static STAFF_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:Written|WRITTEN|Edited|EDITED|Reviewed|REVIEWED|Medically reviewed|Fact[- ]checked)(?: and (?:edited|reviewed|fact[- ]checked))? (?i:by) \p{Lu}",
    )
    .expect("valid regex")
});

/// `Authors: for information on how to take part, click here.`, `GET X ON
/// THE GO BY CLICKING HERE`: a link's label, its link gone. (`Section 2 -
/// Click Here`, a label and its link, is an entry of the page's own list.)
fn ends_in_click_here(t: &str) -> bool {
    let t = t.trim_end_matches(|c: char| c.is_ascii_punctuation() || c == ' ');
    if !t.ends_with(['e', 'E']) {
        return false;
    }
    [" click here", " clicking here"].iter().any(|end| {
        let Some(cut) = t.len().checked_sub(end.len()) else {
            return false;
        };
        t.is_char_boundary(cut)
            && t[cut..].eq_ignore_ascii_case(end)
            && !t[..cut].ends_with(['-', '–', '—', ':', '|'])
    })
}

/// A WordPress shortcode the page left unrendered, opening the line:
/// `[gallery ids="1,2"]`, `[convertkit form=1630175]`, `[rt_reading_time]
/// min read`, `[button link=...]Send us your review[/button]`. It has an
/// attribute or an underscore in its name; a bracketed word in prose
/// (`[sic]`, `[that]`, `[laughter]`) has neither, and a bare `[table]` keeps
/// its rows.
static SHORTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\[(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z][a-z0-9_-]*\s+[a-z_-]+\s*=[^\]]*)\]")
        .expect("valid regex")
});
static SHORTCODE_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\[caption\b[^\]]*\]\s*(\S.*?)\s*\[/caption\]$").expect("valid regex")
});

fn is_shortcode(t: &str) -> bool {
    t.starts_with('[') && SHORTCODE.is_match(t)
}

/// The photo caption inside an unrendered `[caption id=...]Warren Buffett
/// of Berkshire Hathaway[/caption]`.
pub fn shortcode_caption(t: &str) -> Option<&str> {
    if !t.starts_with("[caption") {
        return None;
    }
    Some(SHORTCODE_CAPTION.captures(t)?.get(1)?.as_str())
}

/// What a site says to its reader, not the story: a form's error (`There
/// was a problem subscribing you to the newsletter. ... try again`), a
/// market-data disclaimer (`Data is a real-time snapshot *Data is delayed
/// at least 15 minutes`), a plea after the story (`If you enjoyed this
/// article, ... support`, `Join ...`), an agency's pointer to its coverage
/// (`Follow AP's full coverage of Brexit at https://...`), a government
/// site's banner (`An official website of the United States government`), a
/// form's consent line (`By signing up, you agree to ...`), a cookie
/// notice (`This website uses cookies to ...`).
static SITE_MESSAGE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        "try again|delayed|snapshot|coverage of|^If you|^IF YOU|gov website|fficial website|for more (?:information|details|info)|^By |^BY |ookies",
        r"(?i)^there was (?:a|an) (?:problem|error|issue) (?:with (?:the|your) (?:form|submission|request|email|sign-?up)|subscribing|submitting|signing|processing|sending|loading)\b.*\btry again\b|\b(?:data|quotes?|prices?)\b[^.]{0,30}\bdelayed (?:by )?(?:at least |up to )?\d+ min|\breal-time snapshot\b|^if you (?:enjoyed|liked|enjoy|like|appreciated) (?:this|the|our) (?:article|story|post|piece)\b.*\b(?:support|subscri|join|member|donat|proposition)|^follow \S+ (?:full |complete |live )?coverage of\b.*(?:https?://|www\.)|^an official website of the united states government\b|\.gov website belongs to\b|\bconnected to the \.gov website\b|\bclick here for more (?:information|details|info)\W*$|^by (?:signing up|subscribing|submitting|clicking)\b.*\b(?:agree|consent)|\bthis (?:web)?site uses cookies\b|\baccept all cookies\b",
    )
});

/// A pitch for the site's newsletter: `Sign up for free newsletters and get
/// more ... delivered to your inbox`, `Get the latest insights in your
/// inbox`, `Thanks for reading ...! Subscribe for free to receive new
/// posts`, `Join our newsletter for ...`, `Subscribe to X, a free daily
/// newsletter ...`, and the form's answer (`Thank you for signing up.`).
static NEWSLETTER_PITCH: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        "inbox|ewsletter|ubscribe|hanks for|hank you for",
        r"(?i)\bsign up for (?:our |the |free |a )?(?:\S+ ){0,3}newsletters?\b|\b(?:delivered|sent|straight|directly|right)(?: (?:straight|directly|right))? (?:to|in) your inbox\b|\bin your inbox\W*$|\bsubscribe (?:to|for) (?:our|free)\b|^thanks for (?:reading|joining|subscribing)\b|^thank(?:s| you) for (?:subscribing|signing up|contacting us)\b|^subscribe to\b|\bjoin (?:our|the) (?:\S+ )?newsletter\b",
    )
});

/// A rule whose regex runs only on lines holding one of its words: one
/// case-sensitive scan for them first (classify runs on every line).
struct Gated {
    words: Regex,
    rule: Regex,
}

impl Gated {
    fn new(words: &str, rule: &str) -> Self {
        Gated {
            words: Regex::new(words).expect("valid regex"),
            rule: Regex::new(rule).expect("valid regex"),
        }
    }

    fn is_match(&self, t: &str) -> bool {
        self.words.is_match(t) && self.rule.is_match(t)
    }
}

/// A rights notice or a how-to-cite line anywhere in a short paragraph:
/// `Copyright © 2023 NPR. All rights reserved. Visit our website terms of
/// use ...`, `This document is subject to copyright. ...`, `Citation: <title>
/// (2019, November 18) retrieved 20 November 2019 from <url>`.
static RIGHTS_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\ball rights reserved\b|^this (?:document|article|material) is subject to copyright\b|^citation:.*\bretrieved\b.*\bfrom\b",
    )
    .expect("valid regex")
});

/// A line that is a date and a clock time and nothing else (`Nov. 19,
/// 2019 8:03 am ET`, `October 17, 2023 6:01 PM ET`, the year glued to the
/// hour as some pages render it): when the page was published, unlabelled.
static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?";
    let date = format!(
        r"(?:{month}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{month},?\s+\d{{4}}|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    );
    let time = r"\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?";
    Regex::new(&format!(
        r"(?i)^(?:\w+day,?\s+)?(?:{date}\s*(?:at|,|-|–|\|)?\s*{time}|{time}\s*(?:,|-|–|\|)?\s*(?:\w+day,?\s+)?{date})\.?$"
    ))
    .expect("valid regex")
});
static TIME_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:last\s+|first\s+|originally\s+)?(?:published|updated|posted|modified)(?:\s+(?:on|at|date))?\s*:?\s*(.*)$",
    )
    .expect("valid regex")
});
/// A time or date anywhere in a line: a clock time, `ago`, a year, a
/// numeric date, or a month name with a day (`Jan 31`, `31 January`).
static WHEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\d{{1,2}}:\d\d|\b(?:ago|today|yesterday)\b|\b(?:19|20)\d\d|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|\b{MONTHS}\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{MONTHS}\b"
    ))
    .expect("valid regex")
});

static TIME_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:jan|feb|mar|mär|apr|may|mai|mei|jun|jul|aug|agu|sep|oct|okt|nov|dec|dez|des|mon|tue|wed|thu|fri|sat|sun)[a-z]*$|^(?:by|the|today|yesterday)$",
    )
    .expect("valid regex")
});

/// A line that only says when the page was published or updated
/// (`Updated at 1:23 p.m.`, `Published 1 day ago`, `PUBLISHED: 10:48, Tue,
/// Nov 19, 2019 | UPDATED: ...`, `Posted on March 30, 2015 by Admin`), or
/// such a label alone (`Last updated:`, whose date the markup put
/// elsewhere). Prose that starts with the word (`Updated figures show
/// prices rose 3%.`) names no time, or runs longer.
pub fn is_time_line(t: &str) -> bool {
    let Some(first) = t.as_bytes().first() else {
        return false;
    };
    if first.is_ascii_alphanumeric() && t.len() <= 60 && TIMESTAMP.is_match(t) {
        return true;
    }
    if !matches!(
        first.to_ascii_lowercase(),
        b'l' | b'f' | b'o' | b'p' | b'u' | b'm'
    ) {
        return false;
    }
    let Some(c) = TIME_LABEL.captures(t) else {
        return false;
    };
    let rest = c.get(1).map_or("", |m| m.as_str()).trim();
    // A label is capitalised or ends in a colon (`updated: 1:43 pm`);
    // `modified 1986 British Ford Escort ...` goes on with a sentence.
    let labelled = t.starts_with(char::is_uppercase)
        || t[..c.get(1).map_or(t.len(), |m| m.start())].contains(':');
    if !labelled {
        return false;
    }
    // Two sentences (`Originally published in March 2022. Last updated
    // ...`) or a date with words after a colon (`Updated on April 24: Added
    // the second trailer.`) are an editor's note, part of the article.
    let sentences = rest.match_indices([':', '.']).any(|(i, _)| {
        let after = &rest[i + 1..];
        after.starts_with(' ') && after.trim_start().starts_with(char::is_uppercase)
    });
    // What follows the label is the time itself (`on March 3`, `1 day
    // ago`, `Wed, Nov 20`) or who posted it, not a noun (`Modified
    // versions of ...`).
    let first = rest
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let timely = first.starts_with(|c: char| c.is_ascii_digit())
        || TIME_WORD.is_match(&first)
        || (matches!(first.as_str(), "a" | "an") && rest.contains(" ago"));
    rest.is_empty()
        || (timely
            && rest.split_whitespace().nth(14).is_none()
            && !sentences
            && WHEN.is_match(rest))
}

const IMAGE_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "gif", "webp", "svg", "avif"];

/// An image's file name shown as its text (`inexhibit_logo_2018`,
/// `milano-design-week-2018-jewels-Arrangements-01`, `What_to_pack.jpg`):
/// one token of four or more parts joined by `-` or `_` (three when a `_`
/// is among the joins), with a number among them or an image's extension.
fn is_file_name(t: &str) -> bool {
    if t.len() < 12 || t.contains(char::is_whitespace) {
        return false;
    }
    // A name with an extension is an image's (a script's name is text).
    let (stem, image) = match t.rsplit_once('.') {
        Some((stem, ext)) if IMAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) => {
            (stem, true)
        }
        Some(_) => return false,
        None => (t, false),
    };
    let parts = stem.split(['-', '_']).filter(|p| !p.is_empty()).count();
    // A number among the parts tells a photo's name from a code
    // identifier (`pg_stat_statements`) or a compound word.
    let numbered = stem
        .split(['-', '_'])
        .any(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    (parts >= 4 || (parts == 3 && stem.contains('_')))
        && stem.chars().any(char::is_alphabetic)
        && stem
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '&'))
        && (image || numbered)
}

/// A line that opens with an image's address (`http://.../photo.jpeg 1200
/// 676 admin ...`): a photo's metadata the markup carries as text (its
/// size, its uploader, dates), never a paragraph of the story.
fn starts_with_image_url(t: &str) -> bool {
    if !t.starts_with("http") {
        return false;
    }
    let url = t.split_whitespace().next().unwrap_or_default();
    (url.starts_with("http://") || url.starts_with("https://"))
        && url
            .rsplit_once('.')
            .is_some_and(|(_, ext)| IMAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// The URL a promo line points to, if it has one.
pub fn promo_url(t: &str) -> Option<&str> {
    URL.find(t)
        .map(|m| m.as_str().trim())
        .filter(|u| u.starts_with("http") || u.starts_with("www."))
        .map(|u| u.trim_end_matches(['.', ',', ';', ')']))
}

/// A photo credit: a short line naming an agency (or led by "Photo by",
/// "Credit:"), with no words that only prose would have.
pub fn is_credit(t: &str) -> bool {
    if t.len() > 160 {
        return false;
    }
    let words = t.split_whitespace().count();
    if words == 0 || words > 16 {
        return false;
    }
    // `credit by the bank...` in lower case is a wrapped line of prose.
    let capitalised = t
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    if capitalised && CREDIT_PREFIX.is_match(t) && words <= 14 {
        return true;
    }
    if words <= 8
        && (t.starts_with("Courtesy")
            || ["photo", "Photo", "image", "Image", "photo)", "image)"]
                .iter()
                .any(|w| t.ends_with(w)))
        && NAMED_CREDIT.is_match(t)
    {
        return true;
    }
    // Credits are shaped like `Name/Agency`, `Name via Agency`, `Name |
    // Agency`, `(Photo ...)` or a bare agency name. Checked first: it
    // rules out almost every line of prose cheaply (this runs on every
    // short line of every page).
    let shaped = t.contains('/')
        || t.contains(" via ")
        || t.contains(" | ")
        || t.starts_with('(')
        || words <= 3;
    if !shaped {
        return false;
    }
    // Prose ends in a full stop and uses function words; credits do not.
    let outside = outside_brackets(t);
    let outside_parens = if outside.trim().is_empty() {
        t
    } else {
        &outside
    };
    if outside_parens
        .trim_end()
        .ends_with(['.', '?', '!', ':', ';', ','])
    {
        return false;
    }
    let lower: Vec<String> = outside_parens
        .split(|c: char| c.is_whitespace() || c == '/' || c == '-' || c == '–')
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    if lower
        .iter()
        .any(|w| PROSE_WORDS.contains(&w.as_str()) && w != "via")
    {
        return false;
    }
    AGENCIES.iter().any(|a| contains_phrase(&lower, a))
        || t.split(['/', ' '])
            .any(|w| w == "REUTERS" || w == "AFP" || w == "AP")
}

static CREDIT_TRAILER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<caption>.*?[\p{L}\p{N}.!?)\]”\x22'’])\s*[(\[]?\s*(?:(?:Photo|PHOTO|Image|IMAGE|Picture)\s+)?(?:Credits?|CREDITS?|Photo|PHOTO|Photograph|Image|IMAGE|Picture|Source|SOURCE|Courtesy)\s*:\s*(?P<who>[^:!?]{0,79}[^:!?.\s])\s*[)\]]?\s*$",
    )
    .expect("valid regex")
});

static LEADING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:Image|Photo|Picture) (?:copyright|credit)s?:? [^:]{1,80}? (?:Image|Photo|Picture) caption:? (\S.{0,400})$",
    )
    .expect("valid regex")
});

/// An unlabelled credit after a caption's last sentence: an agency's in
/// brackets (`(AP Photo/Alan Diaz, File)`, `(NASA via AP, File)`, `(
/// STEVE GSCHMEISSNER/SCIENCE PHOTO LIBRARY)`), `Photo by ...` (`| Photo
/// by Lisa Jennings`, `Photo by Xingchen Yan on Unsplash`), or a
/// photographer via an agency (`Morsa Images/DigitalVision via Getty
/// Images`).
static RUN_ON_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<caption>.*?[.!?”\x22’])\s*(?:\|\s*)?(?P<credit>\([^()]{1,80}\)|(?:Photo(?:graph)?s?|Illustration|Image) (?:by|courtesy of) [^|()]{2,80}?\.?|[^.!?|()]{2,80}? via (?:Getty Images|AP|Reuters|AFP))\s*$",
    )
    .expect("valid regex")
});

/// A caption that can be expanded and collapsed, in full with its `less`
/// toggle run on (`... with the Southeast Asian nation. less`): the
/// caption without the toggle. Prose never ends a sentence and then says
/// `less`. (Its collapsed copy ends `... more`: [`is_collapsed_copy`].)
pub fn toggled_caption(t: &str) -> Option<&str> {
    let caption = t.strip_suffix(" less")?.trim_end();
    (caption.ends_with(['.', '!', '?', ')', '"', '”'])
        && caption.split_whitespace().nth(2).is_some())
    .then_some(caption)
}

/// A caption's collapsed copy (`... to strengthen the military relations
/// ... more`) when the full caption starts with its text.
pub fn is_collapsed_copy(short: &str, full: &str) -> bool {
    let Some(stem) = short
        .strip_suffix("... more")
        .or_else(|| short.strip_suffix("… more"))
    else {
        return false;
    };
    let stem = stem.trim_end();
    stem.len() < full.len() && !stem.is_empty() && full.starts_with(stem)
}

/// A paragraph that is a photo caption with its credit run on at the end
/// (`Officials at the scene. Credit: Jane Doe`, `A wood tray. Source:
/// Studio`, `Protesters in the square (Image: GETTY )`, and the glued
/// `...sought treatmentCredit: EPA` that markup without spaces leaves;
/// unlabelled: `(AP Photo/Name)`, `| Photo by Name`), or with a labelled
/// credit before it (`Image copyright Getty Images Image caption Scooter
/// Braun has managed ...`, screen-reader labels): the caption without the
/// credit. The credit names at most ten words (twelve unlabelled) and the
/// caption at most 60, so prose that cites a source mid-paragraph is left
/// alone.
pub fn caption_with_credit(t: &str) -> Option<&str> {
    if t.starts_with(['I', 'P'])
        && let Some(c) = LEADING_CREDIT.captures(t)
    {
        return c.get(1).map(|m| m.as_str());
    }
    // The credit is in the last hundred bytes; most paragraphs have no
    // colon, closing bracket, `Photo`, `Image`, `Illustration` or `via`
    // there and skip the regexes.
    let mut tail = t.len().saturating_sub(100);
    while !t.is_char_boundary(tail) {
        tail += 1;
    }
    let end = &t[tail..];
    static CREDIT_WORDS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new("Photo|Image|Illustration| via ").expect("valid regex"));
    if (t.ends_with(')') || CREDIT_WORDS.is_match(end))
        && let Some(caption) = run_on_credit(t)
    {
        return Some(caption);
    }
    if !end.contains(':') {
        return None;
    }
    let c = CREDIT_TRAILER.captures(t)?;
    let caption = c.name("caption")?.as_str().trim();
    let who = c.name("who")?.as_str();
    // `Source: http://...` cites where a story came from; a photo's credit
    // names who took it.
    if who.contains("://") || who.starts_with("www.") {
        return None;
    }
    let words = caption.split_whitespace().count();
    ((1..=60).contains(&words) && who.split_whitespace().count() <= 10).then_some(caption)
}

/// [`caption_with_credit`] for a credit without a label: a bracketed
/// one must name an agency or a photo, a `via` one an agency.
fn run_on_credit(t: &str) -> Option<&str> {
    let c = RUN_ON_CREDIT.captures(t)?;
    let caption = c.name("caption")?.as_str().trim();
    let credit = c.name("credit")?.as_str().trim();
    let credited = if credit.starts_with("Photo")
        || credit.starts_with("Illustration")
        || credit.starts_with("Image")
    {
        true
    } else if credit.starts_with('(') {
        is_credit(credit)
            || credit
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "Photo" || w == "PHOTO")
    } else {
        is_credit(credit)
    };
    let words = caption.split_whitespace().count();
    (credited && (1..=60).contains(&words) && credit.split_whitespace().count() <= 12)
        .then_some(caption)
}

fn contains_phrase(words: &[String], phrase: &str) -> bool {
    let parts: Vec<&str> = phrase.split(' ').collect();
    words
        .windows(parts.len())
        .any(|w| w.iter().zip(&parts).all(|(a, b)| a == b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_credits_are_credits() {
        for line in [
            "REUTERS/Ihsan Khattak",
            "Michael Kappeler/dpa via Reuters Connect",
            "(Photo by Sean Gallup - Pool/Getty Images) via Reuters",
            "AP Photo/Evan Vucci",
            "Photo: Jane Doe/Bloomberg",
            "Credit: Handout",
            "Getty Images",
            "EPA-EFE/YONHAP",
            "Courtesy Google",
            "Courtesy of Andrew Vaughan",
            "Jonathan P. Blair Submitted photo",
        ] {
            assert_eq!(classify(line), LineKind::Credit, "{line}");
        }
    }

    #[test]
    fn a_caption_with_its_credit_run_on_is_found() {
        for (line, caption) in [
            (
                "Officials at the scene on Monday. Credit: Jane Doe",
                "Officials at the scene on Monday.",
            ),
            (
                "Plague-infected people sought treatmentCredit: Getty - Contributor",
                "Plague-infected people sought treatment",
            ),
            (
                "Protesters have worn masks (Image: GETTY )",
                "Protesters have worn masks",
            ),
            (
                "A wood tray corrals accessories. Source: The Home Index",
                "A wood tray corrals accessories.",
            ),
            (
                "Avis car rental app lotImage Credit: Avis",
                "Avis car rental app lot",
            ),
            (
                "A trail above Silverton. Photo: iRunFar/Bryon Powell",
                "A trail above Silverton.",
            ),
            (
                "Vicente Aguiar loads garage door trims outside a Home Depot in Hialeah, Fla. (AP Photo/Alan Diaz, File)",
                "Vicente Aguiar loads garage door trims outside a Home Depot in Hialeah, Fla.",
            ),
            (
                "Astronauts participate in a space walk. (NASA via AP, File)",
                "Astronauts participate in a space walk.",
            ),
            (
                "Yersinia pestis survives on fleas. ( STEVE GSCHMEISSNER/SCIENCE PHOTO LIBRARY)",
                "Yersinia pestis survives on fleas.",
            ),
            (
                "Guests pick their pastries from glass-enclosed cabinets. | Photo by Lisa Jennings",
                "Guests pick their pastries from glass-enclosed cabinets.",
            ),
            (
                "I was not a happy dog. Photo by Xingchen Yan on Unsplash",
                "I was not a happy dog.",
            ),
            (
                "This is a good way to disrupt your sleep. Sergey Mironov/Moment via Getty Images",
                "This is a good way to disrupt your sleep.",
            ),
        ] {
            assert_eq!(caption_with_credit(line), Some(caption), "{line}");
        }
        for line in [
            "The report had one source: a former official who asked not to be named.",
            "Source: CDC",
            "He said the photo: was taken on Monday.",
            "Prices rose again. Source: the ministry said on Monday that the index rose.",
            "It connects with the back-end via API.",
            "Front-end is the face of your project. It connects with the back-end via API.",
            "The vote was delayed. (The committee met on Monday.)",
            "Prices rose. (See the chart by region.)",
            "The law passed. It was written by the committee.",
        ] {
            assert_eq!(caption_with_credit(line), None, "{line}");
        }
    }

    #[test]
    fn time_lines_are_found_and_prose_is_not() {
        for line in [
            "Updated at 1:23 p.m.",
            "Published 1 day ago",
            "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019",
            "Posted on March 30, 2015 by Admin",
            "First Published on Nov 20, 2019 01:38 pm",
            "Last updated on 09/10/2025",
            "Updated: Jan 31",
            "updated: 1:43 pm IST",
            "Last updated:",
            "PUBLISHED",
            "Nov. 19, 2019 8:03 am ET",
            "October 17, 20236:01 PM ET",
            "Nov 15, 20195:45 AM",
            "Tuesday, 19 November 2019 10:48",
        ] {
            assert!(is_time_line(line), "{line}");
        }
        for prose in [
            "Updated figures show prices rose 3%.",
            "Published by Helvetiq",
            "Posted on social media by the analysts at Digital Foundry, the port is not entirely smooth as of November 19, 2019 in tests",
            "Originally published in March 2022. Last updated on December 20, 2024.",
            "Updated on April 24: Added the second trailer and a new poster for the film.",
            "Modified versions of the engine were tested in 2019.",
            "modified 1986 British Ford Escort passed the European emissions",
            "Parliament passed the bill on Monday.",
            "Nov. 19, 2019 8:03 am ET: markets opened lower.",
            "On Nov. 19, 2019 at 8:03 am the market opened.",
        ] {
            assert!(!is_time_line(prose), "{prose}");
        }
    }

    #[test]
    fn credits_between_pipes_and_before_a_caption() {
        assert_eq!(
            classify("Natalie Naccache | Bloomberg | Getty Images"),
            LineKind::Credit
        );
        assert_eq!(
            caption_with_credit(
                "Image copyright Getty Images Image caption Taylor Swift's seventh album is the only one she owns"
            ),
            Some("Taylor Swift's seventh album is the only one she owns")
        );
        assert_eq!(
            caption_with_credit(
                "The toy is called Koov and was made by Sony. Source: https://www.cnet.com/news/koov/"
            ),
            None
        );
        assert_eq!(
            classify("Oil prices rose on Monday | Reuters"),
            LineKind::Text
        );
        // What a photo shows is its caption, not its credit: the paragraph
        // before it stays in the story.
        assert_eq!(
            classify("Pictured: Submerged Relics Bananacle"),
            LineKind::Text
        );
    }

    #[test]
    fn prose_mentioning_agencies_is_text() {
        for line in [
            "a Reuters/Ipsos poll showed that the",
            "REUTERS said the talks had failed.",
            "The agency told Reuters on Monday.",
            "Soldiers drive toward North Waziristan during a 2014 military offensive against the Pakistani Taliban.",
            "Afghanistan and Pakistan are on the brink of direct conflict.",
            "Showers continued throughout the week in",
            "credit by the Federal Home Loan Bank of Boston. Each note will",
        ] {
            assert_eq!(classify(line), LineKind::Text, "{line}");
        }
    }

    #[test]
    fn markers_promos_and_headings() {
        assert_eq!(classify("- YouTube"), LineKind::Video);
        assert_eq!(
            classify("Watch live at https://www.gzeromedia.com/toprisks"),
            LineKind::Promo
        );
        assert_eq!(
            classify(
                "Email Daniel Howley at dhowley@yahoofinance.com; follow him on Twitter at @DanielHowley."
            ),
            LineKind::Promo
        );
        assert_eq!(classify("https://example.com/a"), LineKind::Promo);
        for promo in [
            "Follow Yahoo Finance on Twitter, Facebook, Instagram, Flipboard, SmartNews, LinkedIn,YouTube, and reddit.",
            "©2019 Bloomberg L.P.",
            "Copyright 2020 Example Media. All rights reserved.",
            "Subscribe now to stay ahead with the most trusted business news source.",
            "Got a tip?",
            "Advertisement",
            "- ADVERTISEMENT -",
            "Story continues below advertisement",
            "Image 1 of / 8",
            "Continue reading the main story",
            "Table of Contents",
            "6 min read",
            "Share this article",
            "< back to top",
            "[ LOADING]",
            "1 / 8",
            "Back to Gallery",
            "Oops! Something went wrong while submitting the form.",
            "For more articles like this, please visit us at bloomberg.com",
            "1\u{a0}/\u{a0}8",
            "1 \u{a0}/\u{a0} 8",
            "Contents",
            "Tags:",
            "News",
            "×",
            "3:45",
            "3 MIN. READ",
            "Advertisement: New AI Strategy Course",
            "Advertisement. Scroll to continue reading.",
            "Advertisement - Page continues below",
            "Register",
            "To Read the Full Story",
            "Copyright © 2023 NPR. All rights reserved. Visit our website terms of use and permissions pages at www.npr.org for further information.",
            "©2017 Sara Harberson, all rights reserved. Privacy Policy. Site developed by THINK creative group.",
            "This document is subject to copyright. Apart from any fair dealing for the purpose of private study or research, no part may be reproduced without the written permission.",
            "Citation: Hibernating astronauts would need smaller spacecraft (2019, November 18) retrieved 20 November 2019 from https://phys.org/news/2019-11-hibernating.html",
            "Advertisement\u{a0}\u{a0}- Continue reading below",
            "5\u{202f}min read",
            "Advert",
            "Iklan",
            "Keep Me Logged In",
            "This slideshow requires JavaScript.",
            "Got a confidential news tip? We want to hear from you.",
            "Image copyright Getty Images",
            "Link copied!",
            "By",
            "inexhibit_logo_2018",
            "milano-design-week-2018-flos-jewels-Arrangements-01",
            "Nara-deer-park-9.jpg",
            "Source: https://www.cnet.com/news/sony-joins-the-coding-for-kids-party-with-the-koov/",
            "Sign up for free newsletters and get more CNBC delivered to your inbox",
            "Get the latest insights in your inbox",
            "Thanks for reading Infinite Faculty! Subscribe for free to receive new posts.",
            "Join our newsletter for actionable tips and proven strategies to grow your business.",
            "Want exclusive marketing tips sent straight to your inbox? Subscribe to our monthly newsletter!",
            "I believe the #1 enemy of online progress is the flood of information.Click To Tweet",
            "Scroll to top",
            "Read Later",
            "Filed under: Khawarij |",
            "%d blogger menyukai ini:",
            "スポンサードリンク",
            "[gallery ids=\"1945466,1945465,1945464\"]",
            "[convertkit form=1630175]",
            "[rt_reading_time] min read",
            "[button link=\"http://example.com/submit/\" type=\"big\"] Send us YOUR kit review[/button]",
            "There was a problem subscribing you to the newsletter. Double check your email and try again, or email webteam@example.com",
            "There was an issue with the form. Please try again.",
            "Data is a real-time snapshot *Data is delayed at least 15 minutes. Global Business and Financial News, Stock Quotes, and Market Data and Analysis.",
            "If you enjoyed this article, I’d like to ask for your support. We have served as an advocate for science for 180 years.",
            "If you enjoyed this article, we have a proposition for you: Join NRPLUS.",
            "Follow AP's full coverage of Brexit and British politics at https://apnews.com/Brexit",
            "GET FOX BUSINESS ON THE GO BY CLICKING HERE",
            "An official website of the United States government",
            "A lock ( ) or https:// means you've safely connected to the .gov website. Share sensitive information only on official, secure websites.",
            "http://example.com/wp-content/uploads/2018/10/26e39cee.01200.jpeg 1200 676 jdadmin http://example.com/logo.jpg jdadmin2018-10-12 06:43:54",
            "Written by Cassidy Horton",
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor",
            "By signing up you agree to the CO— Privacy Policy. You can opt out anytime.",
            "By clicking “Accept”, you agree to the storing of cookies on your device to enhance site navigation.",
            "This website uses cookies to improve your experience while you navigate through the website.",
            "copyright Inexhibit 2019 - ISSN: 2283-5474",
            "Copyright @ 2019 The New Arab.",
            "Get Motor Cycle Monthly delivered through your letterbox every month. 12 issues for £11.99. Click here for more information.",
            "Reviewed by Justin C. Meserole, Trial Attorney at Morgan & Morgan, on December 9, 2024.",
            "Written by The Team, edited by Walter",
            "Thank you for signing up. We'll send you an email to share our latest insights.",
            "Thanks for contacting us. We've received your submission.",
            "Subscribe to the 9to5Toys YouTube Channel for all of the latest videos, reviews, and more!",
            "Authors/Editors/Publicists: for information on how to participate, click here.",
        ] {
            assert_eq!(classify(promo), LineKind::Promo, "{promo}");
        }
        for prose in [
            "Follow the money, investigators said on Tuesday.",
            "Advertisement revenue fell by a third in the quarter.",
            "Share prices fell.",
            "Home sales rose 4% in March.",
            "News of the merger spread fast.",
            "At 3:45 the market closed.",
            "The citation says the records were retrieved from the archive.",
            "Copyright law was changed in 1998 after years of lobbying by the studios.",
            "Copyright lawyers met in 1998 to lobby for the change.",
            "By signing the treaty, both countries agree to cut their emissions by half before 2030.",
            "by",
            "project_final_v2_actually_final.py",
            "pg_stat_statements",
            "1-888-826-6401",
            "state-of-the-art",
            "Well, my friends, this has been another edition. Thanks for reading, stay safe.",
            "Twelve people signed up for my newsletter in the past week.",
            "BHP will subscribe for the remaining 540 mln shares, or 56 pct",
            "Filed under seal, the documents were released on Monday.",
            "Courtesy of the city council, the park was rebuilt.",
            "Read later chapters first.",
            "I send the newsletter at 6:30 on Sunday mornings, and it lands in your inbox by seven, when most readers open their mail and read it over coffee before the day starts.",
            "[sic] is what the editor wrote.",
            "[laughter]",
            "[table] Ticker, No of HFs with positions RMNI,9,99016,1 NXTC,13,54862,-3[/table]",
            "[caption id=\"attachment_1\" width=\"600\"] Warren Buffett of Berkshire Hathaway[/caption]",
            "“There was a problem with my own judgment, that’s something I have to reflect on,” he said.",
            "There was an error in the filing, and the company said it would try again next year.",
            "The flight was delayed at least 40 minutes by fog.",
            "If you enjoyed this article, the ultimate compliment is to share our work.",
            "Follow the coverage of the trial as it unfolds, the editors said.",
            "Section 2 - Click Here",
            "https://ipleak.net/ (no leaks detected)",
            "Written by the critically acclaimed author Ben Peek, this dark fantasy brings his resourcefulness to bear.",
            "reviewed by Reagan before they are made available to committee",
            "We are testing a new contender for learning with videos, and to read our first impressions of how it does with beginners, click here.",
        ] {
            assert_eq!(classify(prose), LineKind::Text, "{prose}");
        }
        assert_eq!(classify("More from GZERO Media"), LineKind::TeaserHeading);
        assert_eq!(classify("More from Dan:"), LineKind::TeaserHeading);
        assert_eq!(classify("Related stories"), LineKind::TeaserHeading);
        for heading in [
            "More News from Sci-Tech",
            "Most read in world news",
            "You may also like...",
            "DON'T MISS",
            "Elsewhere on the BBC",
            "Trending Now on NYPost.com",
            "Related Blog Posts",
            "Keep Reading",
            "Further reading",
            "Next article",
            "Watch Next",
            "More To Explore",
            "Popular Posts",
            "Lesen Sie auch:",
            "À lire aussi",
            "Noticias relacionadas",
            "Leia também",
            "Baca juga",
            "関連記事",
        ] {
            assert_eq!(classify(heading), LineKind::TeaserHeading, "{heading}");
        }
        assert_eq!(classify("Keep reading to find out why."), LineKind::Text);
        // The rest of `Tell us a little<br>more about yourself`.
        assert_eq!(classify("more about yourself"), LineKind::Text);
        assert_eq!(
            classify(
                "More from Bloomberg.com: Amazon Plans Cuts to Shed Whole Foods' Pricey Image"
            ),
            LineKind::StoryLink
        );
        assert_eq!(
            story_link_title("READ MORE: France Joins 21st Century Space Race"),
            Some("France Joins 21st Century Space Race")
        );
        assert_eq!(
            story_link_title("SEE MORE: Hong Kong protests: 800 students under siege"),
            Some("Hong Kong protests: 800 students under siege")
        );
        assert_eq!(classify("Read more: here"), LineKind::Text);
        assert_eq!(
            classify("More from TechCrunch soon digging into the company's hardware sales."),
            LineKind::Text
        );
        assert_eq!(
            classify("More from the meeting was expected to be said on Monday by officials."),
            LineKind::Text
        );
        assert_eq!(classify("   "), LineKind::Blank);
    }

    #[test]
    fn an_unrendered_caption_shortcode_gives_its_caption() {
        assert_eq!(
            shortcode_caption(
                "[caption id=\"attachment_26082\" align=\"alignnone\" width=\"600\"] Andreas Halvorsen of Viking Global[/caption]"
            ),
            Some("Andreas Halvorsen of Viking Global")
        );
        assert_eq!(shortcode_caption("[caption id=\"a\"][/caption]"), None);
        assert_eq!(shortcode_caption("A caption of ours"), None);
    }

    #[test]
    fn promo_url_is_found() {
        assert_eq!(
            promo_url("Watch live at https://www.gzeromedia.com/toprisks"),
            Some("https://www.gzeromedia.com/toprisks")
        );
        assert_eq!(promo_url("Email x at a@b.com"), None);
    }
}
