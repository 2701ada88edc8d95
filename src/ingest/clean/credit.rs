//! Photo credits and captions: `REUTERS/Name`, `(Photo by X/Getty
//! Images)`, a caption with its credit run on, an expandable caption.

use super::line_regex::LineRegex;
use crate::ingest::strings::outside_brackets;
use memchr::memmem;
use std::sync::LazyLock;

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
static NAMED_CREDIT: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(
        r"^Courtesy(?: of)? \p{Lu}|\S \((?:submitted|contributed|staff|file|courtesy) (?:photo|image)\)$|\S (?:Submitted|Contributed|Staff|File|Courtesy) (?:photo|Photo|image|Image)$",
    )
});

static CREDIT_PREFIX: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(
        r"(?i)^\(?\s*(photo(graph)?s?|image|picture|credit|source|illustration|video)\s*(by|credit|courtesy|:)",
    )
});

/// Whether a credit's text names a link (`Source: http://...`,
/// `Source: www.example.com`): that cites where a story came from; a
/// photo's credit names who took it.
fn names_a_link(t: &str) -> bool {
    t.contains("://") || t.contains("www.")
}

/// A photo credit: a short line naming an agency (or led by "Photo by",
/// "Credit:"), with no words that only prose would have.
pub fn is_credit(t: &str) -> bool {
    t.len() <= 160 && is_credit_of(t, crate::ingest::strings::word_count(t))
}

/// [`is_credit`] of `t`, which has `words` words.
pub(super) fn is_credit_of(t: &str, words: usize) -> bool {
    if t.len() > 160 || words == 0 || words > 16 {
        return false;
    }
    // `credit by the bank...` in lower case is a wrapped line of prose.
    let capitalised = t
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    if capitalised && words <= 14 && CREDIT_PREFIX.is_match(t) {
        return !names_a_link(t);
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
    // memchr's searchers, built once (`str::contains` builds one a call).
    static VIA: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(" via "));
    static BAR: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(" | "));
    let shaped = t.contains('/')
        || VIA.find(t.as_bytes()).is_some()
        || BAR.find(t.as_bytes()).is_some()
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
    // Each name cut into its words once, not once a line.
    static AGENCY_WORDS: LazyLock<Vec<Vec<&str>>> =
        LazyLock::new(|| AGENCIES.iter().map(|a| a.split(' ').collect()).collect());
    AGENCY_WORDS.iter().any(|a| contains_phrase(&lower, a))
        || t.split(['/', ' '])
            .any(|w| w == "REUTERS" || w == "AFP" || w == "AP")
}

static CREDIT_TRAILER: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(
        r"^(?P<caption>.*?[\p{L}\p{N}.!?)\]”\x22'’])\s*[(\[]?\s*(?:(?:Photo|PHOTO|Image|IMAGE|Picture)\s+)?(?:Credits?|CREDITS?|Photo|PHOTO|Photograph|Image|IMAGE|Picture|Source|SOURCE|Courtesy)\s*:\s*(?P<who>[^:!?]{0,79}[^:!?.\s])\s*[)\]]?\s*$",
    )
});

static LEADING_CREDIT: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(
        r"^(?:Image|Photo|Picture) (?:copyright|credit)s?:? [^:]{1,80}? (?:Image|Photo|Picture) caption:? (\S.{0,400})$",
    )
});

/// An unlabelled credit after a caption's last sentence: an agency's in
/// brackets (`(AP Photo/Alan Diaz, File)`, `(NASA via AP, File)`, `(
/// STEVE GSCHMEISSNER/SCIENCE PHOTO LIBRARY)`), `Photo by ...` (`| Photo
/// by Lisa Jennings`, `Photo by Xingchen Yan on Unsplash`), or a
/// photographer via an agency (`Morsa Images/DigitalVision via Getty
/// Images`).
static RUN_ON_CREDIT: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(
        r"^(?P<caption>.*?[.!?”\x22’])\s*(?:\|\s*)?(?P<credit>\([^()]{1,80}\)|(?:Photo(?:graph)?s?|Illustration|Image) (?:by|courtesy of) [^|()]{2,80}?\.?|[^.!?|()]{2,80}? via (?:Getty Images|AP|Reuters|AFP))\s*$",
    )
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
    static CREDIT_WORDS: LazyLock<LineRegex> =
        LazyLock::new(|| LineRegex::new("Photo|Image|Illustration| via "));
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
    if names_a_link(who) {
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

/// Whether `parts` come one after another among `words`.
fn contains_phrase(words: &[String], parts: &[&str]) -> bool {
    words
        .windows(parts.len())
        .any(|w| w.iter().zip(parts).all(|(a, b)| a == b))
}
