//! Lines that are the site's, not the story's: calls to action, page
//! furniture, copyright and rights notices, newsletter pitches, site
//! messages, unrendered shortcodes, file names and bare URLs.

use super::line_regex::LineRegex;
use regex::Regex;
use std::sync::LazyLock;

static PROMO: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(
        r"(?i)^(watch (live|now|the full|it)|listen (now|here|to)|subscribe|sign up|register (now|here|for)|download (the|our)|follow (us|him|her|them|me)|email \w+|click here|read more (at|on|here)|get the app|join us (at|on)|(got|have) a (confidential )?(news )?tip|for more (articles|stories|news|coverage) like this)\b",
    )
});

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(https?://\S+|www\.\S+|\S+@\S+\.\w+|(^|\s)@\w{2,})").expect("valid regex")
});

static BARE_URL: LazyLock<LineRegex> =
    LazyLock::new(|| LineRegex::new(r"(?i)^(https?://|www\.)\S+$"));

static FOLLOW_ON: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(
        r"(?i)^follow \S+(?: \S+){0,3} on (?:twitter|facebook|instagram|linkedin|youtube|x)\b",
    )
});

static COPYRIGHT: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(
        r"(?i)^(?:©|\(c\)\s*(?:19|20)\d\d|copyright\s+(?:[©@]\s*)?(?:(?-i:\p{Lu})\S*\s+){0,3}(?:19|20)\d\d\b|(?:image|photo|picture)\s+copyright\b)",
    )
});

/// Page furniture that sits between paragraphs: ad slots, gallery
/// counters, "continue reading" prompts, share and navigation labels,
/// reading-time badges, form messages. Whole lines only.
static FURNITURE_LINE: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(
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
});

/// `Source: https://...`: where a story came from, cited by its address.
static SOURCE_URL: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(r"(?i)^(?:source|via|originally published at)\s*:?\s*(?:https?://|www\.)\S+$")
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

/// Whether `t`, of `words` words, is the site's line, not the story's.
pub(super) fn is_promo(t: &str, words: usize) -> bool {
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
    (PROMO.is_match(t) && (words <= 12 || URL.is_match(t)))
        || (words <= 20 && FOLLOW_ON.is_match(t))
        || (words <= 12 && COPYRIGHT.is_match(t))
        || (words <= 40 && is_rights_notice(t))
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
static STAFF_LABEL: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(
        r"^(?:Written|WRITTEN|Edited|EDITED|Reviewed|REVIEWED|Medically reviewed|Fact[- ]checked)(?: and (?:edited|reviewed|fact[- ]checked))? (?i:by) \p{Lu}",
    )
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
static SHORTCODE: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(r"^\[(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z][a-z0-9_-]*\s+[a-z_-]+\s*=[^\]]*)\]")
});

static SHORTCODE_CAPTION: LazyLock<LineRegex> =
    LazyLock::new(|| LineRegex::new(r"^\[caption\b[^\]]*\]\s*(\S.*?)\s*\[/caption\]$"));

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
    rule: LineRegex,
}

impl Gated {
    fn new(words: &str, rule: &str) -> Self {
        Gated {
            words: Regex::new(words).expect("valid regex"),
            rule: LineRegex::new(rule),
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
static RIGHTS_NOTICE: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(
        r"(?i)\ball rights reserved\b|^this (?:document|article|material) is subject to copyright\b|^citation:.*\bretrieved\b.*\bfrom\b",
    )
});

/// [`RIGHTS_NOTICE`], its regex run only where it can match: on an ASCII
/// line, one that opens as its anchored branches do (`this `,
/// `citation:`) or holds `all rights reserved` in some case. Its unanchored branch
/// had the regex engine read every line of every page (1.6% of a Reuters
/// ingest's instructions). A line that is not ASCII still goes to the
/// regex: `(?i)` matches `ſ` for `s`.
fn is_rights_notice(t: &str) -> bool {
    let opens = |head: &str| {
        t.get(..head.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(head))
    };
    let may = !t.is_ascii()
        || opens("this ")
        || opens("citation:")
        || holds_all_rights_reserved(t.as_bytes());
    may && RIGHTS_NOTICE.is_match(t)
}

/// Whether `hay` holds `all rights reserved`, ASCII case folded. Each `g`
/// or `G` memchr finds (rarer in English than an `a`) is tried as the
/// phrase's.
fn holds_all_rights_reserved(hay: &[u8]) -> bool {
    const PHRASE: &[u8] = b"all rights reserved";
    const G: usize = 6;
    memchr::memchr2_iter(b'g', b'G', hay).any(|i| {
        i >= G
            && hay
                .get(i - G..i - G + PHRASE.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(PHRASE))
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_phrase_is_found_in_any_case_anywhere() {
        for t in [
            "all rights reserved",
            "Copyright 2023 NPR. All Rights Reserved.",
            "ALL RIGHTS RESERVED. Visit our website",
            "(c) Acme, all rights RESERVED",
            "gg all rights reserved",
        ] {
            assert!(holds_all_rights_reserved(t.as_bytes()), "{t}");
        }
        for t in [
            "",
            "g",
            "all rights reserve",
            "all  rights reserved",
            "rights reserved",
        ] {
            assert!(!holds_all_rights_reserved(t.as_bytes()), "{t}");
        }
    }

    proptest! {
        /// The gate never turns away a line the regex matches.
        #[test]
        fn rights_notices_are_the_regexs(
            parts in prop::collection::vec(prop::sample::select(vec![
                "all rights reserved", "All Rights Reserved", "aLL rIGHTS rESERVED", "all rightſ reserved",
                "this document is subject to copyright", "This article is subject to copyright",
                "THIS material is subject to copyright", "this", "citation:", "CITATION: x",
                "retrieved", "from", "Copyright", "g", "G", "rights",
                " ", ". ", "a", "x", "é", "gall", "reserved",
            ]), 0..8),
        ) {
            let t = parts.concat();
            prop_assert_eq!(is_rights_notice(&t), RIGHTS_NOTICE.is_match(&t), "{:?}", t);
        }
    }
}
