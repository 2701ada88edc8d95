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
//! or `DD/MM/YYYY`/`MM/DD/YYYY` where one part is above 12); otherwise none.
//! Dates inside article prose are events, not publication dates: only
//! metadata, datelines and captions are ever read.

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

const MONTHS: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

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

/// Parses a date as stated in metadata or a record field.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(c) = ISO
        .captures(s)
        .or_else(|| ISO_SLASH.captures(s))
        .or_else(|| COMPACT.captures(s))
    {
        return ymd(&c[1], &c[2], &c[3]);
    }
    if let Some(c) = NUMERIC.captures(s) {
        let (a, b): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
        return match (a > 12, b > 12) {
            (true, false) => ymd(&c[3], &b.to_string(), &a.to_string()),
            (false, true) => ymd(&c[3], &a.to_string(), &b.to_string()),
            _ if a == b => ymd(&c[3], &a.to_string(), &b.to_string()),
            _ => None,
        };
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive()).filter(|d| plausible(*d));
    }
    find_dates(s).into_iter().next()
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

/// The date a photo caption gives for its picture: the last full date in it
/// (`..., in Seoul, South Korea, December 11, 2024.`).
pub fn caption_date(caption: &str) -> Option<NaiveDate> {
    find_dates(caption).pop()
}

/// A short line near the headline that states a date and little else
/// (`Published December 11, 2024 10:00 ET`, `11 Dec 2024`).
pub fn dateline_date(line: &str) -> Option<NaiveDate> {
    let words = line.split_whitespace().count();
    if words == 0 || words > 10 {
        return None;
    }
    let t = line.trim();
    parse_date(t)
        .filter(|_| ISO.is_match(t) || MONTH_DAY_YEAR.is_match(t) || DAY_MONTH_YEAR.is_match(t))
}

fn month_name(m: &str) -> Option<u32> {
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
    }
}
