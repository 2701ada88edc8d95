//! Timelines as a terminal bar chart or JSON.

use crate::search::timeline::{Period, Timeline};
use std::io::{self, Write};

const WIDTH: usize = 40;

/// The label of a bucket starting on `d`.
pub fn label(d: chrono::NaiveDate, by: Period) -> String {
    match by {
        Period::Day | Period::Week => d.format("%Y-%m-%d").to_string(),
        Period::Month => d.format("%Y-%m").to_string(),
        Period::Year => d.format("%Y").to_string(),
    }
}

/// A bar of `count / max` of the width, in eighths of a block.
pub fn bar(count: usize, max: usize) -> String {
    if max == 0 || count == 0 {
        return String::new();
    }
    let eighths = (count * WIDTH * 8).div_ceil(max);
    let mut s = "█".repeat(eighths / 8);
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    s.push_str(PARTS[eighths % 8]);
    s
}

/// Writes the chart (or JSON) of a timeline.
pub fn write_timeline<W: Write>(
    w: &mut W,
    t: &Timeline,
    query: &str,
    json: bool,
) -> io::Result<()> {
    if json {
        serde_json::to_writer(&mut *w, t)?;
        return writeln!(w);
    }
    let by = match t.by {
        Period::Day => "day",
        Period::Week => "week (starting Monday)",
        Period::Month => "month",
        Period::Year => "year",
    };
    writeln!(
        w,
        "articles matching {:?} by {by}: {} dated, {} undated",
        super::sanitize(query),
        t.dated,
        t.undated
    )?;
    let max = t.buckets.iter().map(|b| b.count).max().unwrap_or(0);
    let width = max.to_string().len();
    for b in &t.buckets {
        writeln!(
            w,
            "{}  {:>width$}  {}",
            label(b.start, t.by),
            b.count,
            bar(b.count, max)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_widest() {
        assert_eq!(bar(0, 10), "");
        assert_eq!(bar(10, 10).chars().count(), WIDTH);
        assert_eq!(bar(5, 10), "█".repeat(WIDTH / 2));
        assert_eq!(bar(1, 1000), "▏");
    }
}
