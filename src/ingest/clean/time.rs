//! Lines that only say when a page was published or updated.

use super::line_regex::LineRegex;
use crate::ingest::dates::MONTHS;
use std::sync::LazyLock;

/// A line that is a date and a clock time and nothing else (`Nov. 19,
/// 2019 8:03 am ET`, `October 17, 2023 6:01 PM ET`, the year glued to the
/// hour as some pages render it): when the page was published, unlabelled.
static TIMESTAMP: LazyLock<LineRegex> = LazyLock::new(|| {
    let month = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?";
    let date = format!(
        r"(?:{month}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{month},?\s+\d{{4}}|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    );
    let time = r"\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?";
    LineRegex::new(&format!(
        r"(?i)^(?:\w+day,?\s+)?(?:{date}\s*(?:at|,|-|–|\|)?\s*{time}|{time}\s*(?:,|-|–|\|)?\s*(?:\w+day,?\s+)?{date})\.?$"
    ))
});

static TIME_LABEL: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(
        r"(?i)^(?:last\s+|first\s+|originally\s+)?(?:published|updated|posted|modified)(?:\s+(?:on|at|date))?\s*:?\s*(.*)$",
    )
});

/// A time or date anywhere in a line: a clock time, `ago`, a year, a
/// numeric date, or a month name with a day (`Jan 31`, `31 January`).
static WHEN: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(&format!(
        r"(?i)\d{{1,2}}:\d\d|\b(?:ago|today|yesterday)\b|\b(?:19|20)\d\d|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|\b{MONTHS}\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{MONTHS}\b"
    ))
});

static TIME_WORD: LazyLock<LineRegex> = LazyLock::new(|| {
    LineRegex::new(
        r"^(?:jan|feb|mar|mär|apr|may|mai|mei|jun|jul|aug|agu|sep|oct|okt|nov|dec|dez|des|mon|tue|wed|thu|fri|sat|sun)[a-z]*$|^(?:by|the|today|yesterday)$",
    )
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
