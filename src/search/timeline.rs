//! Timelines: how many matching articles were published per period.
//!
//! Input: the publication days of the matching articles. Output: one
//! bucket per day, ISO week (from Monday), month or year, from the first
//! to the last day with every empty period in between, so that the chart
//! shows gaps. Without a chosen period, the span picks one: up to 62 days
//! by day, up to 26 weeks by week, up to 6 years by month, else by year.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

/// The width of a timeline bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    Week,
    Month,
    Year,
}

/// One bucket: the first day of its period and its count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Bucket {
    pub start: NaiveDate,
    pub count: usize,
}

/// Matching articles over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timeline {
    pub by: Period,
    pub buckets: Vec<Bucket>,
    /// Matching articles without a date.
    pub undated: usize,
    /// Matching articles with a date.
    pub dated: usize,
}

/// The period that fits a span of days.
pub fn fit(first: NaiveDate, last: NaiveDate) -> Period {
    let days = (last - first).num_days();
    if days <= 62 {
        Period::Day
    } else if days <= 26 * 7 {
        Period::Week
    } else if days <= 6 * 366 {
        Period::Month
    } else {
        Period::Year
    }
}

/// The first day of the period holding `d`.
pub fn period_start(d: NaiveDate, by: Period) -> NaiveDate {
    match by {
        Period::Day => d,
        Period::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
        Period::Month => d.with_day(1).unwrap_or(d),
        Period::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
    }
}

fn next(d: NaiveDate, by: Period) -> NaiveDate {
    match by {
        Period::Day => d + Duration::days(1),
        Period::Week => d + Duration::days(7),
        Period::Month => d
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(NaiveDate::MAX),
        Period::Year => d
            .checked_add_months(chrono::Months::new(12))
            .unwrap_or(NaiveDate::MAX),
    }
}

/// Buckets the days (one per article), filling empty periods between.
pub fn build(days: &[NaiveDate], undated: usize, by: Option<Period>) -> Timeline {
    let (Some(&first), Some(&last)) = (days.iter().min(), days.iter().max()) else {
        return Timeline {
            by: by.unwrap_or(Period::Day),
            buckets: Vec::new(),
            undated,
            dated: 0,
        };
    };
    let by = by.unwrap_or_else(|| fit(first, last));
    let mut counts = std::collections::BTreeMap::new();
    for d in days {
        *counts.entry(period_start(*d, by)).or_insert(0usize) += 1;
    }
    let mut buckets = Vec::new();
    let mut at = period_start(first, by);
    let end = period_start(last, by);
    while at <= end {
        buckets.push(Bucket {
            start: at,
            count: counts.get(&at).copied().unwrap_or(0),
        });
        at = next(at, by);
    }
    Timeline {
        by,
        buckets,
        undated,
        dated: days.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_span_picks_the_period() {
        assert_eq!(fit(d("2024-12-01"), d("2024-12-31")), Period::Day);
        assert_eq!(fit(d("2024-01-01"), d("2024-06-30")), Period::Week);
        assert_eq!(fit(d("1987-02-26"), d("1987-10-20")), Period::Month);
        assert_eq!(fit(d("2010-01-01"), d("2024-01-01")), Period::Year);
    }

    #[test]
    fn empty_periods_are_kept_and_counts_add_up() {
        let days = [d("2024-01-31"), d("2024-01-02"), d("2024-03-15")];
        let t = build(&days, 2, Some(Period::Month));
        let got: Vec<(String, usize)> = t
            .buckets
            .iter()
            .map(|b| (b.start.to_string(), b.count))
            .collect();
        assert_eq!(
            got,
            vec![
                ("2024-01-01".into(), 2),
                ("2024-02-01".into(), 0),
                ("2024-03-01".into(), 1)
            ]
        );
        assert_eq!((t.undated, t.dated), (2, 3));
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(period_start(d("2024-12-11"), Period::Week), d("2024-12-09"));
        assert_eq!(period_start(d("2024-12-09"), Period::Week), d("2024-12-09"));
    }

    #[test]
    fn nothing_dated_gives_no_buckets() {
        let t = build(&[], 4, None);
        assert!(t.buckets.is_empty());
        assert_eq!(t.undated, 4);
    }
}
