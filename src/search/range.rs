//! Date ranges for `--since` / `--until`.
//!
//! `YYYY`, `YYYY-MM` and `YYYY-MM-DD` are accepted; both ends are inclusive
//! and a partial date means the whole year or month (`--until 2024-12` is
//! up to and including 2024-12-31).

use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};

/// An inclusive range of days; either end may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateRange {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl DateRange {
    /// Builds a range from the two command-line values.
    pub fn parse(since: Option<&str>, until: Option<&str>) -> Result<DateRange> {
        Ok(DateRange {
            since: since.map(|s| bound(s, false)).transpose()?,
            until: until.map(|s| bound(s, true)).transpose()?,
        })
    }

    /// Whether any end is set.
    pub fn is_set(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }

    /// Whether a day falls in the range.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.since.is_none_or(|s| d >= s) && self.until.is_none_or(|u| d <= u)
    }
}

/// The first (`end == false`) or last day a partial date stands for.
pub fn bound(input: &str, end: bool) -> Result<NaiveDate> {
    let err = || Error::Date {
        input: input.to_string(),
    };
    let parts: Vec<&str> = input.trim().split('-').collect();
    let num = |s: &str| -> Result<u32> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        s.parse().map_err(|_| err())
    };
    match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = i32::try_from(num(y)?).map_err(|_| err())?;
            let (m, d) = if end { (12, 31) } else { (1, 1) };
            NaiveDate::from_ymd_opt(y, m, d).ok_or_else(err)
        }
        [y, m] if y.len() == 4 => {
            let y = i32::try_from(num(y)?).map_err(|_| err())?;
            let first = NaiveDate::from_ymd_opt(y, num(m)?, 1).ok_or_else(err)?;
            if !end {
                return Ok(first);
            }
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(y, first.month() + 1, 1)
            };
            next.and_then(|n| n.pred_opt()).ok_or_else(err)
        }
        [y, m, d] if y.len() == 4 => {
            let y = i32::try_from(num(y)?).map_err(|_| err())?;
            NaiveDate::from_ymd_opt(y, num(m)?, num(d)?).ok_or_else(err)
        }
        _ => Err(err()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn partial_dates_cover_the_whole_period() {
        assert_eq!(bound("2024", false).unwrap(), d("2024-01-01"));
        assert_eq!(bound("2024", true).unwrap(), d("2024-12-31"));
        assert_eq!(bound("2024-02", true).unwrap(), d("2024-02-29"));
        assert_eq!(bound("2023-12", true).unwrap(), d("2023-12-31"));
        assert_eq!(bound("2024-12-10", true).unwrap(), d("2024-12-10"));
    }

    #[test]
    fn bad_dates_are_errors() {
        for s in [
            "",
            "24",
            "2024-13",
            "2024-02-30",
            "2024-1-x",
            "yesterday",
            "2024-01-01-01",
        ] {
            assert!(bound(s, false).is_err(), "{s}");
        }
    }

    #[test]
    fn ranges_are_inclusive() {
        let r = DateRange::parse(Some("2024-12"), Some("2024-12-10")).unwrap();
        assert!(r.contains(d("2024-12-01")));
        assert!(r.contains(d("2024-12-10")));
        assert!(!r.contains(d("2024-12-11")));
        assert!(!r.contains(d("2024-11-30")));
    }
}
