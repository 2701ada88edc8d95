//! Hard-wrapped text: prose broken into lines of a fixed width, as
//! newswires send it (Reuters-21578: lines of 50 to 75 characters, a
//! paragraph's first line indented, tables in indented rows), against text
//! with one paragraph per line (most JSON Lines bodies, page dumps).
//!
//! The sign of wrapping is a sentence that goes on to the next line: a line
//! that does not end a sentence, followed by one that starts in lower case.
//! Line width alone misleads both ways: one-paragraph-per-line bodies of
//! short paragraphs are mostly 30 to 90 characters wide too, and a wrapped
//! story's first line is often short (its dateline was cut off) as are the
//! last lines of its paragraphs.

use super::strings;
use memchr::memmem;
use std::sync::LazyLock;

/// The narrowest a wrapped line runs (a paragraph's last line and the
/// text's first line aside), in characters.
const MIN_WIDTH: usize = 30;

/// The widest a wrapped line runs, in characters.
const MAX_WIDTH: usize = 90;

/// Whether a text's lines are hard-wrapped prose: of the lines that wrapping
/// would join to the next (both with text, the next not indented, neither a
/// table row), at least 70% are 30 to 90 characters wide (the text's first
/// line aside), at least half end mid-sentence and at least a fifth are
/// followed by a line that goes on with the sentence: it starts in lower
/// case, or its first word would have taken the line past the text's
/// widest line (the wrapper had to break there; the widest line itself
/// goes on only into a narrower line that ends the sentence). A text with one
/// such line is wrapped when that line ends mid-sentence, runs at most 90
/// characters (and at least 30 unless the next starts in lower case) and
/// the next goes on (a table with a wrapped note under it).
pub fn is_hard_wrapped(lines: &[&str]) -> bool {
    let mut joins = 0usize;
    let mut measured = 0usize;
    let mut in_width = 0usize;
    let mut open = 0usize;
    let mut goes_on = 0usize;
    // The first joined line: whether it runs at most MAX_WIDTH, and at
    // least MIN_WIDTH when only the width test says it goes on.
    let mut first_fits = false;
    // The widest line: a line that could not have taken the next one's
    // first word without passing it was broken by the wrapper.
    let widths: Vec<usize> = lines.iter().map(|l| l.trim_end().chars().count()).collect();
    let widest = widths.iter().copied().max().unwrap_or(0);
    // The line before, when it could be joined to this one: its index and
    // text. Each line is tested once.
    let mut before: Option<(usize, &str)> = None;
    for (i, next) in lines.iter().enumerate() {
        let joinable = !next.trim_start().is_empty() && !is_table_row(next);
        if let Some((at, line)) = before
            && joinable
            && !is_indented(next)
        {
            joins += 1;
            let width = widths[at];
            if joins == 1 {
                first_fits = width <= MAX_WIDTH;
            }
            let wide = width >= MIN_WIDTH;
            if at > 0 {
                measured += 1;
                in_width += usize::from((MIN_WIDTH..=MAX_WIDTH).contains(&width));
            }
            if !ends_sentence(line) {
                open += 1;
                let next = next.trim_start();
                let word = next.split(' ').next().map_or(0, |w| w.chars().count());
                let lower = next.starts_with(char::is_lowercase);
                // The widest line itself always passes the width test: it
                // goes on only into a narrower line that ends the sentence
                // (`... Research and Development` / `Corp.`).
                let broken = if width < widest {
                    width + 1 + word > widest
                } else {
                    widths[i] < widest && ends_sentence(next.trim_end())
                };
                goes_on += usize::from(lower || broken);
                if joins == 1 && !lower && !wide {
                    // A short first line that only the width test joins is
                    // a heading over a text of two lines (`Key points` /
                    // `Stocks fell.`), not a wrapped one.
                    first_fits = false;
                }
            }
        }
        before = joinable.then(|| (i, next.trim_end()));
    }
    match joins {
        0 => false,
        1 => goes_on == 1 && first_fits,
        _ => in_width * 10 >= measured * 7 && open * 2 >= joins && goes_on * 5 >= joins,
    }
}

/// Whether a line starts a paragraph of its own in wrapped text: it begins
/// with two spaces or a tab (Reuters indents a paragraph's first line by
/// four spaces), or with one space and no lower-case letter (a table row,
/// a ` - ` list item; ` were allotted ...` goes on a sentence).
pub fn is_indented(line: &str) -> bool {
    match line.strip_prefix(' ') {
        Some(rest) => !rest.starts_with(char::is_lowercase),
        None => line.starts_with('\t'),
    }
}

/// Whether a line is a table row, its columns set apart by runs of three
/// or more spaces (`Deliverable    2187      2235`): never joined to
/// another line.
pub fn is_table_row(line: &str) -> bool {
    // memchr's searcher, built once: `str::contains` builds one per call
    // (4% of a Reuters ingest's instructions at two calls a line).
    static THREE_SPACES: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("   "));
    THREE_SPACES.find(strings::trim(line).as_bytes()).is_some()
}

/// Whether a line ends a sentence (or a heading, a quote, a parenthesis).
fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', ':', '"', '”', '’', ')'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str) -> bool {
        is_hard_wrapped(&text.lines().collect::<Vec<_>>())
    }

    #[test]
    fn a_short_newswire_story_is_wrapped_whatever_its_short_lines() {
        // Reuters-21578 `reuters-2046`: a third of its lines end a
        // paragraph or lost their dateline, so are short.
        let story = "Diamond Shamrock said it raised its\nposted prices for all grades of crude oil one dlr a barrel,\neffective yesterday.\n    The one dlr increase brings West Texas Intermediate, WTI\nthe U.S. benchmark crude, to 17.00 dlrs a bbl, the company\nsaid.\n    Diamond Shamrock joined Sun Co, Coastal, Citgo and Murphy\nOil in raising crude oil posted prices one dlr a barrel\nyesterday.";
        assert!(wrapped(story));
    }

    #[test]
    fn a_story_whose_lines_go_on_in_capitals_is_wrapped_by_width() {
        // Reuters-21578 `reuters-3688`: names open most lines; each line
        // that ends mid-sentence would have passed the widest line with the
        // next one's first word.
        let story = "Dutch bank F. Van\nLanschot Bankiers N.V., Co-owned by National Westminster PLC\n<NWBL.L> and RABOBANK B.A. <RABN.A> , said 1986 net profit rose\n8.8 pct to 24.1 mln guilders on a 4.8-pct higher balance sheet\ntotal of 6.2 billion.\n    Van Lanschot Bankiers is a subsidiary of Van Lanschot\nBeleggingscompagnie B.V. In which Britain's National\nWestminster Bank PLC and Dutch cooperative bank RABOBANK\nNederland B.A. Each have a 40-pct stake.";
        assert!(wrapped(story));
    }

    #[test]
    fn a_note_under_a_table_goes_on_into_its_capitalised_last_line() {
        // Reuters-21578 `reuters-12001`: the note is the widest line.
        let text = "Shr 1.20 dlrs vs 1.10 dlrs\n    Net 4,100,000 vs 3,900,000\n    NOTE: Company's full name is Republic Savings and Loan\nAssociation of Wisconsin.";
        assert!(wrapped(text));
        // Tour dates, one per line, the widest going on into no sentence.
        let dates = "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL\nJune 10 -- MIDFLORIDA Credit Union Amphitheatre, Tampa, FL\nJune 14 -- Ameris Bank Amphitheatre, Alpharetta, GA";
        assert!(!wrapped(dates));
        // A heading over one sentence.
        assert!(!wrapped("Key points\nStocks fell."));
    }

    #[test]
    fn one_paragraph_per_line_is_not_wrapped_however_wide_its_lines() {
        // Yahoo Finance `yf-48`: paragraphs of one sentence, 80 to 90
        // characters, each ending one.
        let text = "This robot arm is a fraction of the price of similar robots you might see in factories.\nIt’s called CTRL and was developed by Robotics Evolved to be an affordable robot arm.\nUnveiled at CES 2017, this desktop-sized robot arm aims to make robotics more accessible.\nThe device is open-source and can be run on the programming language of your choosing.\nMore:\nThis high-tech workout bag cleans itself\nThe car of the future debuts at SXSW\nGet out of your next traffic jam with this flying car";
        assert!(!wrapped(text));
    }

    #[test]
    fn a_table_with_a_wrapped_note_under_it_is_wrapped() {
        let text = "Shr 27 cts vs 25 cts\n    Net 6,416,000 vs 5,988,000\n    Revs 112.2 mln vs 99.8 mln\n    NOTE: 1985 includes extraordinary income of 647,000 dlrs or\nthree cts/shr. 1985 restated.";
        assert!(wrapped(text));
        // The same table alone has nothing to join.
        assert!(!wrapped(
            "Shr 27 cts vs 25 cts\n    Net 6,416,000 vs 5,988,000\n    Revs 112.2 mln vs 99.8 mln"
        ));
    }

    #[test]
    fn one_line_that_goes_on_is_wrapping_only_when_it_is_line_wide() {
        assert!(wrapped(
            "The company said it would sell the unit to a group of\ninvestors for 20 mln dlrs."
        ));
        let long = "A paragraph of a page that holds one paragraph per line and runs past ninety characters and\non.";
        assert!(!wrapped(long));
        // No sentence goes on: headlines over their stories.
        assert!(!wrapped("Oil prices rise\nCrude rose two dlrs on Monday."));
    }

    #[test]
    fn rows_of_columns_and_indented_lines_are_never_joined() {
        assert!(is_table_row(" Deliverable    2187      2235       982"));
        assert!(is_table_row("a   b"));
        assert!(!is_table_row("  The company said it would sell.  "));
        assert!(!is_table_row("a  b  c"));
        assert!(is_indented(
            "    The dry period means the temporao will be late."
        ));
        assert!(is_indented(" Non-Del/Ungr    699"));
        assert!(!is_indented("the Bahia cocoa zone"));
        assert!(is_indented(
            " - Next week Mississippi River (St Louis) 120 pct bid"
        ));
        assert!(!is_indented(
            " were allotted around 81 pct of the amount applied for, and"
        ));
        // Columns only: no line of it is joined to the next.
        let table =
            "WHEAT    HRW    HRS\nChicago    --   3.04\nToledo    --    3.04\nMemphis   --    --";
        assert!(!wrapped(table));
    }
}
