//! Line classification: which lines of a page are boilerplate.
//!
//! Input: one line of page text. Output: its [`LineKind`]. The rules are
//! general (agency photo credits, call-to-action promos, video-embed markers,
//! section headings that open a block of teasers); nothing is keyed to one
//! publisher. Invariant: a line of ordinary prose is always `Text`, so that
//! cleaning can only remove boilerplate, never a sentence of an article.
//!
//! The rules by kind: `credit` (photo credits and captions), `promo` (the
//! site's own lines: calls to action, furniture, notices), `time` (lines
//! that only date the page); this file holds the teaser headings and the
//! classifier over them all.

mod credit;
mod line_regex;
mod promo;
mod time;

pub use credit::{caption_with_credit, is_collapsed_copy, is_credit, toggled_caption};
use line_regex::LineRegex;
use memchr::memmem;
use promo::is_promo;
pub use promo::{promo_url, shortcode_caption};
use std::sync::LazyLock;
pub use time::is_time_line;

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

static VIDEO: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(
        r"(?i)^[-–—•|]?\s*(youtube|vimeo|dailymotion|video|watch video|play video|watch:?)\s*$",
    )
});

static TEASER_HEADING: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(
        r"(?i)^(more ((news|stories|articles|videos|coverage) )?(from|on|in|about) \S.{0,60}?|related( (stories|articles|coverage|content|news|reading|links|posts|blog posts|topics))?|read more|read next|keep reading|what to read next|further reading|next article|watch next|explore more|more to explore|more (stories|articles)|popular posts|most (popular|read|viewed|shared|watched)( (in|on) \S.{0,40}?)?|recommended( (for you|stories|reading))?|you (may|might) also like|also read|trending( now| stories)?( on \S.{0,40}?)?|top stories|latest (news|stories)|don'?t miss|elsewhere on \S.{0,40}?)\s*(\.\.\.|…)?\s*:?$",
    )
});

/// [`TEASER_HEADING`]'s phrases in other languages: German, French,
/// Spanish, Portuguese, Italian, Indonesian, Japanese, Chinese. (Apart:
/// in one regex, case folding these letters slowed every line's check.)
static TEASER_HEADING_ELSEWHERE: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(
        r"(?i)^(?:lesen sie auch|mehr zum thema|das könnte sie auch interessieren|ähnliche artikel|weitere artikel|(?:à )?lire aussi|sur le même sujet|articles similaires|lee también|te puede interesar|(?:noticias|artículos) relacionad[oa]s|leia também|veja também|notícias relacionadas|leggi anche|articoli correlati|baca juga|(?:berita|artikel) terkait|関連記事|相关文章|相關文章|相关阅读)\s*(?:\.\.\.|…)?\s*:?$",
    )
});

static STORY_LINK: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(
        r"(?i)^(?:more (?:from|on) [^:]{1,40}|read more|read next|read also|also read|see also|see more|related(?: story| article)?|prior story|previous story|editor'?s pick)\s*:\s+(\S.*?)\s*$",
    )
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
    let t = super::strings::trim(line);
    // Rules read words separated by one space; a page's no-break spaces
    // and runs of spaces (`1 \u{a0}/\u{a0} 8`) are read as one space.
    // memchr's searchers: `str::contains` with a pattern of several
    // characters or bytes walks the line char by char or builds a
    // searcher per call, on every line of every page.
    static TWO_SPACES: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("  "));
    let b = t.as_bytes();
    if memchr::memchr(b'\t', b).is_some()
        || TWO_SPACES.find(b).is_some()
        || (!t.is_ascii() && t.contains(['\u{a0}', '\u{202f}', '\u{2009}']))
    {
        return classify_words(&super::strings::collapse_ws(t));
    }
    classify_words(t)
}

/// [`classify`] of a trimmed line whose words are separated by single
/// spaces.
fn classify_words(t: &str) -> LineKind {
    // Counted once: most rules are for short lines.
    let words = super::strings::word_count(t);
    if words == 0 {
        LineKind::Blank
    } else if words <= 8 && is_short_teaser_heading(t) {
        LineKind::TeaserHeading
    } else if story_link_title(t).is_some() {
        LineKind::StoryLink
    } else if words <= 3 && VIDEO.is_match(t) {
        // (A video label is three words at most: `- watch video`.)
        LineKind::Video
    } else if is_promo(t, words) {
        LineKind::Promo
    } else if credit::is_credit_of(t, words) {
        LineKind::Credit
    } else {
        LineKind::Text
    }
}

static ABOUT_HEADING: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(
        r"^(?:About|ABOUT|Über|À propos de|Acerca de|Sobre)(?: (?:[^\s\d.!?][^\s.!?]*)){1,5}\s*:?$",
    )
});

static AUTHOR_LABEL: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(r"(?i)^about (?:the )?(?:authors?|writers?|contributors?|reviewers?)\s*:?$")
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

/// A line that closes a wire story without saying anything: the agency's
/// sign-off, its name alone (`REUTER`, `Reuter...`, `AP`), which would
/// make every such story match the agency's name, or the marker of a
/// story continued in another take (`MORE`). [`sections`](super::sections)
/// drops such lines only at a text's end.
pub fn is_sign_off(line: &str) -> bool {
    let name = line
        .trim()
        .trim_end_matches("^M")
        .trim_end_matches(['.', '…', ' '])
        .trim_start_matches(['-', '—', ' ']);
    [
        "reuter", "reuters", "ap", "afp", "upi", "dpa", "more", "(more)",
    ]
    .iter()
    .any(|closing| name.eq_ignore_ascii_case(closing))
}

/// A heading that opens a teaser block: short, on a line of its own, and
/// capitalised or in a script without case (`関連記事`; `more about
/// yourself` after a line break inside a paragraph goes on a sentence).
pub fn is_teaser_heading(t: &str) -> bool {
    t.split_whitespace().nth(8).is_none() && is_short_teaser_heading(t)
}

/// [`is_teaser_heading`] of a line known to hold at most eight words.
fn is_short_teaser_heading(t: &str) -> bool {
    t.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() && !c.is_lowercase())
        && (TEASER_HEADING.is_match(t) || TEASER_HEADING_ELSEWHERE.is_match(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_sign_offs() {
        for line in [
            "REUTER",
            "Reuter...",
            " reuter",
            "REUTER...^M",
            "AP",
            "- AFP",
            "MORE",
            "More...",
            "(MORE)",
        ] {
            assert!(is_sign_off(line), "{line:?}");
        }
        for line in [
            "Reuters said so.",
            "REUTERS/Jane Doe",
            "APR",
            "By AP",
            "",
            "More to come",
        ] {
            assert!(!is_sign_off(line), "{line:?}");
        }
    }

    #[test]
    fn a_source_link_is_no_photo_credit() {
        assert_eq!(classify("Source: Reuters"), LineKind::Credit);
        // Yahoo Finance `yf-28`: a link broken by spaces, so no bare URL.
        let link = "Source: http://gizmodo.com/these-self- learning-robot-arms-teach- each-other-how-to-1794029246";
        assert_eq!(classify(link), LineKind::Text);
    }

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
