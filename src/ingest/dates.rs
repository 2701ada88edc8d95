//! Publication dates: parsing stated dates and finding caption datelines.
//!
//! Input: a metadata string (`"2017-05-01 14:04:36"`, RFC 3339, RFC 2822,
//! `May 1, 2017`, `1 May 2017`) or a photo caption. Output: a day, or none.
//!
//! Rules: a date is day precision and is the calendar day *as written in the
//! time zone the source states*; we never convert to UTC, so
//! `2024-12-10T23:30:00-05:00` is 2024-12-10. Impossible dates
//! (`2024-02-30`, `0000-00-00`) and years outside 1800..=2200 are no date.
//! Numeric dates with slashes are read only when unambiguous (`YYYY/MM/DD`,
//! `DD/MM/YYYY`/`MM/DD/YYYY` where one part is above 12, or in the order the
//! page's language gives: [`NumericOrder`]); otherwise none. Dotted dates
//! follow the same rule (`23.07.2025` is day first; `09.10.2024` on a page
//! in bare `en` is none: US sites write dots month first too).
//! Dates inside article prose are events, not publication dates: only
//! metadata, datelines and captions are ever read.

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// English month names and their abbreviations, as a regex group.
pub(crate) const MONTHS: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_])").expect("valid regex")
});
static ISO_SLASH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})\b").expect("valid regex"));
static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T)").expect("valid regex"));
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b").expect("valid regex"));
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    ))
    .expect("valid regex")
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})\.?,?\s+(\d{{4}})\b"
    ))
    .expect("valid regex")
});

/// How a page writes all-numeric dates whose day and month are both 12 or
/// less (`05/01/2017`): known only from the page's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericOrder {
    /// `MM/DD/YYYY` (`lang="en-US"`).
    MonthFirst,
    /// `DD/MM/YYYY`, `DD.MM.YYYY` (every other language with a region).
    DayFirst,
}

impl NumericOrder {
    /// The order a page's `lang` attribute implies: US English and English
    /// with no region are read month first only when the region says US;
    /// a bare `en` says nothing. Any other language reads day first.
    pub fn from_lang(lang: &str) -> Option<NumericOrder> {
        let lang = lang.trim().to_ascii_lowercase().replace('_', "-");
        let (language, region) = lang.split_once('-').unwrap_or((&lang, ""));
        match (language, region) {
            ("", _) => None,
            ("en", "us") => Some(NumericOrder::MonthFirst),
            ("en", "") => None,
            _ => Some(NumericOrder::DayFirst),
        }
    }
}

/// Parses a date as stated in metadata or a record field.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    parse_date_in(s, None)
}

/// [`parse_date`] for a page whose numeric date order is known.
pub fn parse_date_in(s: &str, order: Option<NumericOrder>) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(date) = iso_ascii(s) {
        return date;
    }
    if let Some(c) = ISO
        .captures(s)
        .or_else(|| ISO_SLASH.captures(s))
        .or_else(|| COMPACT.captures(s))
    {
        return ymd(&c[1], &c[2], &c[3]);
    }
    if let Some(c) = NUMERIC.captures(s) {
        return numeric(&c[1], &c[2], &c[3], order);
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive()).filter(|d| plausible(*d));
    }
    find_dates(s).into_iter().next()
}

/// [`ISO`]'s match and its day, for the common case read without the
/// regex: `YYYY-M(M)-D(D)` in ASCII digits, alone or before `T`, `_` or an
/// ASCII space (a JSON Lines record's date is nearly always this; the
/// regex's captures cost about 9,000 instructions a record). `None` when
/// the text is not of that shape: the caller then asks the regexes.
fn iso_ascii(s: &str) -> Option<Option<NaiveDate>> {
    let b = s.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return None;
    }
    // Up to two digits, as the regex's greedy `\d{1,2}` takes them: if
    // what follows is not what the regex needs next, backing off to one
    // digit leaves a digit there, which it does not accept either.
    let digits = |from: usize| {
        b.get(from..)
            .unwrap_or_default()
            .iter()
            .take(2)
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let month = digits(5);
    if month == 0 || b.get(5 + month) != Some(&b'-') {
        return None;
    }
    let day_start = 6 + month;
    let day = digits(day_start);
    let end = day_start + day;
    let ends = match b.get(end) {
        None => true,
        Some(&c) => matches!(
            c,
            b'T' | b'_' | b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r'
        ),
    };
    if day == 0 || !ends {
        return None;
    }
    Some(ymd(&s[..4], &s[5..5 + month], &s[day_start..end]))
}

/// Every full written-out date (`December 11, 2024`, `Dec. 8, 2024`,
/// `8 December 2024`) in a text, in order of appearance.
pub fn find_dates(text: &str) -> Vec<NaiveDate> {
    let mut found: Vec<(usize, NaiveDate)> = Vec::new();
    for c in MONTH_DAY_YEAR.captures_iter(text) {
        if let Some(d) = month_name(&c[1]).and_then(|m| ymd(&c[3], &m.to_string(), &c[2])) {
            found.push((c.get(0).map_or(0, |m| m.start()), d));
        }
    }
    for c in DAY_MONTH_YEAR.captures_iter(text) {
        if let Some(d) = month_name(&c[2]).and_then(|m| ymd(&c[3], &m.to_string(), &c[1])) {
            found.push((c.get(0).map_or(0, |m| m.start()), d));
        }
    }
    found.sort_by_key(|(pos, _)| *pos);
    found.into_iter().map(|(_, d)| d).collect()
}

/// A date found in a line of text: its byte span and day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub date: NaiveDate,
}

static ISO_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{4})([-/.])(\d{1,2})[-/.](\d{1,2})(?:\b|T)").expect("valid regex")
});
static NUMERIC_ANYWHERE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})([/.])(\d{1,2})[/.](\d{4})\b").expect("valid regex"));

/// Every date a short line states in any form [`parse_date_in`] reads
/// (written-out months, ISO, numeric where unambiguous), in order.
pub fn find_all(text: &str, order: Option<NumericOrder>) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut push = |m: regex::Match, date: Option<NaiveDate>| {
        if let Some(date) = date {
            if !found.iter().any(|f| f.start < m.end() && m.start() < f.end) {
                found.push(Found {
                    start: m.start(),
                    end: m.end(),
                    date,
                });
            }
        }
    };
    for c in MONTH_DAY_YEAR.captures_iter(text) {
        let d = month_name(&c[1]).and_then(|m| ymd(&c[3], &m.to_string(), &c[2]));
        push(c.get(0).expect("whole match"), d);
    }
    for c in DAY_MONTH_YEAR.captures_iter(text) {
        let d = month_name(&c[2]).and_then(|m| ymd(&c[3], &m.to_string(), &c[1]));
        push(c.get(0).expect("whole match"), d);
    }
    for c in ISO_ANYWHERE.captures_iter(text) {
        push(c.get(0).expect("whole match"), ymd(&c[1], &c[3], &c[4]));
    }
    for c in NUMERIC_ANYWHERE.captures_iter(text) {
        push(
            c.get(0).expect("whole match"),
            numeric(&c[1], &c[3], &c[4], order),
        );
    }
    found.sort_by_key(|f| f.start);
    found
}

/// `A/B/YYYY`: read when one of A and B is above 12, when they are equal,
/// or in the page's known order.
fn numeric(a: &str, b: &str, y: &str, order: Option<NumericOrder>) -> Option<NaiveDate> {
    let (x, z): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    match (x > 12, z > 12, order) {
        (true, false, _) => ymd(y, b, a),
        (false, true, _) => ymd(y, a, b),
        _ if x == z => ymd(y, a, b),
        (false, false, Some(NumericOrder::MonthFirst)) => ymd(y, a, b),
        (false, false, Some(NumericOrder::DayFirst)) => ymd(y, b, a),
        _ => None,
    }
}

/// The date a photo caption gives for its picture: the last full date in it
/// (`..., in Seoul, South Korea, December 11, 2024.`).
pub fn caption_date(caption: &str) -> Option<NaiveDate> {
    find_dates(caption).pop()
}

/// A short line near the headline that states a date and little else
/// (`Published December 11, 2024 10:00 ET`, `11 Dec 2024`, `By Jane Doe |
/// Dec 11, 2024`): besides the date, at most three (`DATELINE_OTHER_WORDS`)
/// words that are not a label (`Published`, `Updated on`, `By`), a day's
/// name, a time or a time zone. A sentence that mentions a date (`NOTE:
/// 1986 results reflect a stock split of July 23, 1986`) is none.
pub fn dateline_date(line: &str) -> Option<NaiveDate> {
    let words = line.split_whitespace().count();
    if words == 0 || words > 10 {
        return None;
    }
    let t = line.trim();
    let span = ISO
        .find(t)
        .or_else(|| MONTH_DAY_YEAR.find(t))
        .or_else(|| DAY_MONTH_YEAR.find(t))?;
    let other = t[..span.start()]
        .split_whitespace()
        .chain(t[span.end()..].split_whitespace())
        .filter(|w| !is_dateline_word(w))
        .count();
    if other > DATELINE_OTHER_WORDS {
        return None;
    }
    parse_date(t)
}

/// The most words a dateline holds besides its date and the words
/// [`is_dateline_word`] passes (a byline's name, a city).
const DATELINE_OTHER_WORDS: usize = 3;

/// A word a dateline holds around its date: a label, a day's name, a
/// time, `AM`/`PM`, a time zone, a separator.
fn is_dateline_word(w: &str) -> bool {
    let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
    if bare.is_empty() || bare.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    let lower = bare.to_ascii_lowercase();
    const LABELS: [&str; 12] = [
        "published",
        "updated",
        "posted",
        "modified",
        "last",
        "first",
        "originally",
        "on",
        "at",
        "by",
        "am",
        "pm",
    ];
    LABELS.contains(&lower.as_str())
        || ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .any(|d| lower.starts_with(d) && (lower.len() == 3 || lower.ends_with("day")))
        || (2..=4).contains(&bare.len()) && bare.bytes().all(|b| b.is_ascii_uppercase())
}

pub(crate) fn month_name(m: &str) -> Option<u32> {
    let m = m.to_ascii_lowercase();
    let idx = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|p| m.starts_with(p))?;
    u32::try_from(idx + 1).ok()
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    plausible(date).then_some(date)
}

fn plausible(d: NaiveDate) -> bool {
    use chrono::Datelike;
    (1800..=2200).contains(&d.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn iso_shapes_the_byte_reader_takes_and_leaves() {
        assert_eq!(iso_ascii("1987-02-26"), Some(d(1987, 2, 26)));
        assert_eq!(iso_ascii("2017-5-1 14:04:36"), Some(d(2017, 5, 1)));
        assert_eq!(
            iso_ascii("2024-12-10T23:30:00-05:00"),
            Some(d(2024, 12, 10))
        );
        assert_eq!(iso_ascii("2024-02-30"), Some(None));
        // Left to the regexes: a third digit, another space, other digits.
        for s in [
            "1987-02-261",
            "1987-02-26\u{2003}x",
            "١٩٨٧-02-26",
            "1987/02/26",
            "1987-02-",
        ] {
            assert_eq!(iso_ascii(s), None, "{s}");
        }
        assert_eq!(parse_date("1987-02-26\u{2003}x"), d(1987, 2, 26));
    }

    proptest! {
        /// Where the byte reader answers, the ISO regex matches and gives
        /// the same day.
        #[test]
        fn iso_without_the_regex_is_the_regex(
            s in "[0-9\u{0660}-\u{0669}]{4}-[0-9]{0,3}-[0-9]{0,3}[T_ \t\u{2003}x0-9/]{0,2}[0-9:+Z]{0,4}",
        ) {
            if let Some(date) = iso_ascii(&s) {
                let c = ISO.captures(&s);
                prop_assert!(c.is_some(), "{:?}", s);
                let c = c.unwrap();
                prop_assert_eq!(date, ymd(&c[1], &c[2], &c[3]), "{:?}", s);
            }
        }
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn metadata_formats() {
        assert_eq!(parse_date("1987-02-26"), d(1987, 2, 26));
        assert_eq!(parse_date("2017-05-01 14:04:36"), d(2017, 5, 1));
        assert_eq!(parse_date("2024-12-10T23:30:00-05:00"), d(2024, 12, 10));
        assert_eq!(parse_date("2024-12-11T01:30:00Z"), d(2024, 12, 11));
        assert_eq!(parse_date("Mon, 01 May 2017 14:04:36 +0000"), d(2017, 5, 1));
        assert_eq!(parse_date("May 1, 2017"), d(2017, 5, 1));
        assert_eq!(parse_date("1 May 2017"), d(2017, 5, 1));
        assert_eq!(parse_date("2017/05/01"), d(2017, 5, 1));
        assert_eq!(parse_date("20170501"), d(2017, 5, 1));
        assert_eq!(parse_date("25/12/2024"), d(2024, 12, 25));
        assert_eq!(parse_date("12/25/2024"), d(2024, 12, 25));
    }

    #[test]
    fn impossible_and_ambiguous_dates_are_none() {
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(parse_date("0000-00-00"), None);
        assert_eq!(parse_date("05/01/2017"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("0201-01-01"), None);
    }

    #[test]
    fn numeric_dates_follow_the_page_language() {
        assert_eq!(
            NumericOrder::from_lang("en-US"),
            Some(NumericOrder::MonthFirst)
        );
        assert_eq!(NumericOrder::from_lang("en"), None);
        assert_eq!(
            NumericOrder::from_lang("en_GB"),
            Some(NumericOrder::DayFirst)
        );
        assert_eq!(NumericOrder::from_lang("de"), Some(NumericOrder::DayFirst));
        let us = Some(NumericOrder::MonthFirst);
        let gb = Some(NumericOrder::DayFirst);
        assert_eq!(parse_date_in("05/01/2017", us), d(2017, 5, 1));
        assert_eq!(parse_date_in("05/01/2017", gb), d(2017, 1, 5));
        assert_eq!(parse_date_in("05/01/2017", None), None);
        // Dots follow the page's language as slashes do: a US page writes
        // `09.10.2024` for September 10, a German one for October 9.
        assert_eq!(parse_date_in("09.10.2024", us), d(2024, 9, 10));
        assert_eq!(parse_date_in("09.10.2024", gb), d(2024, 10, 9));
        assert_eq!(parse_date_in("09.10.2024", None), None);
        assert_eq!(parse_date_in("23.07.2025", None), d(2025, 7, 23));
    }

    #[test]
    fn dates_found_in_a_line() {
        let found = |t: &str| -> Vec<String> {
            find_all(t, None)
                .iter()
                .map(|f| f.date.to_string())
                .collect()
        };
        assert_eq!(
            found("Published: 2025.12.17 | Updated 2025-12-18T08:10+02:00"),
            ["2025-12-17", "2025-12-18"]
        );
        assert_eq!(found("Jun 08, 2023 • 11 Minute Read"), ["2023-06-08"]);
        assert_eq!(found("Elliot Raba 23.07.2025 · 6 min read"), ["2025-07-23"]);
        assert_eq!(found("Updated: 10/31/2024"), ["2024-10-31"]);
        assert!(found("04/09/2024 By Uvie").is_empty());
        let f = find_all("By Dan · Dec 12, 2025", None);
        assert_eq!(
            &"By Dan · Dec 12, 2025"[f[0].start..f[0].end],
            "Dec 12, 2025"
        );
    }

    #[test]
    fn caption_datelines() {
        assert_eq!(
            caption_date(
                "... in front of the National Assembly in Seoul, South Korea, December 11, 2024."
            ),
            d(2024, 12, 11)
        );
        assert_eq!(
            caption_date("... in Mogosoaia, Romania, on Dec. 8, 2024."),
            d(2024, 12, 8)
        );
        assert_eq!(
            caption_date(
                "FREIBERG, GERMANY - DECEMBER 10: ... on December 10, 2024 in Freiberg, Germany."
            ),
            d(2024, 12, 10)
        );
        assert_eq!(caption_date("during a 2014 military offensive"), None);
        assert_eq!(caption_date("a vote on Dec. 16."), None);
    }

    #[test]
    fn datelines_are_short() {
        assert_eq!(
            dateline_date("Published December 11, 2024"),
            d(2024, 12, 11)
        );
        assert_eq!(
            dateline_date("The talks ended on December 11, 2024 after a long night of haggling."),
            None
        );
        for line in [
            "Updated: Wednesday, December 11, 2024, 10:00 AM EST",
            "By Jane Doe | Dec. 11, 2024",
            "WASHINGTON, December 11, 2024",
            "11 Dec 2024",
            "2024-12-11 10:00 ET",
        ] {
            assert_eq!(dateline_date(line), d(2024, 12, 11), "{line}");
        }
        // Reuters-21578 `reuters-13717`: a note under a table, not a dateline.
        assert_eq!(
            dateline_date("NOTE: 1986 results reflect two-for-one stock split of July 23, 1986"),
            None
        );
        assert_eq!(
            dateline_date("The results reflect a stock split of July 23, 1986"),
            None
        );
    }
}
