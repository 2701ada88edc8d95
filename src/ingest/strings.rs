//! Small string helpers the stages share: whitespace collapsed, the text
//! outside brackets. Plain functions over `&str`; no stage logic.

/// The text outside `(...)` and `[...]`, nested or not; empty when all of
/// it is bracketed. A stray closing bracket is ignored.
pub fn outside_brackets(s: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// How many words `s` has: `s.split_whitespace().count()`, read byte by
/// byte when `s` is ASCII (classify counts the words of every line of
/// every page: the `char` iterator was a tenth of its cost).
pub fn word_count(s: &str) -> usize {
    if !s.is_ascii() {
        return s.split_whitespace().count();
    }
    // A word starts at a byte that is not a space, first or after one.
    // Counted in 8-bit sums over 255 bytes at a time, which the compiler
    // turns into vector adds (a loop with a running flag was 4% of a
    // Reuters ingest's instructions).
    let b = s.as_bytes();
    let Some(&first) = b.first() else {
        return 0;
    };
    let mut words = usize::from(!is_ascii_space(first));
    let (before, at) = (&b[..b.len() - 1], &b[1..]);
    for (before, at) in before.chunks(255).zip(at.chunks(255)) {
        let starts = before.iter().zip(at).fold(0u8, |n, (&p, &a)| {
            n + u8::from(is_ascii_space(p) & !is_ascii_space(a))
        });
        words += usize::from(starts);
    }
    words
}

/// `s.trim()`, with nothing decoded when `s` begins and ends with ASCII
/// other than whitespace, as nearly every line does (`trim` decodes a
/// character at each end: about 70 instructions a line, 1% of a Reuters
/// ingest's, over three callers).
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&first), Some(&last))
            if first.is_ascii()
                && last.is_ascii()
                && !is_ascii_space(first)
                && !is_ascii_space(last) =>
        {
            s
        }
        _ => s.trim(),
    }
}

/// `s.lines()` collected, the line feeds found with memchr (`lines`
/// looks for each one through `core`'s slower search: 68M instructions of
/// a Reuters ingest). A line that ends in a line feed loses a carriage
/// return before it; the last line, without one, keeps it, as in `lines`.
pub fn lines(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', s.as_bytes()) {
        let line = &s[start..end];
        out.push(line.strip_suffix('\r').unwrap_or(line));
        start = end + 1;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// `char::is_whitespace` of an ASCII byte: a space, or a tab, line feed,
/// vertical tab, form feed or carriage return (9 to 13).
pub fn is_ascii_space(b: u8) -> bool {
    (b == b' ') | (b.wrapping_sub(9) < 5)
}

/// Collapses runs of whitespace into single spaces and trims.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_words(&mut out, s);
    out
}

/// Appends the words of `s` to `out`, each after one space unless `out` is
/// empty (`split_whitespace`, by bytes when `s` is ASCII: paragraphs are
/// joined from their lines this way).
pub fn push_words(out: &mut String, s: &str) {
    if !s.is_ascii() {
        for w in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        return;
    }
    // Most lines are words and single spaces already: copied whole.
    let t = &s[trimmed(s.as_bytes())];
    if t.is_empty() {
        return;
    }
    if single_spaced(t.as_bytes()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(t);
        return;
    }
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if is_ascii_space(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !is_ascii_space(bytes[i]) {
            i += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[start..i]);
    }
}

/// Where `b` is, without the ASCII whitespace ([`is_ascii_space`]) at
/// either end.
fn trimmed(b: &[u8]) -> std::ops::Range<usize> {
    let start = b
        .iter()
        .position(|&c| !is_ascii_space(c))
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|&c| !is_ascii_space(c))
        .map_or(start, |i| i + 1);
    start..end
}

/// Whether the only whitespace in `b` (trimmed, not empty) is single
/// spaces. Or-ed over every byte without an early exit, which the
/// compiler turns into vector compares (the byte loop of [`push_words`]
/// was 3.5% of a Reuters ingest's instructions, most lines needing none
/// of it).
fn single_spaced(b: &[u8]) -> bool {
    let controls = b
        .iter()
        .fold(0u8, |acc, &c| acc | u8::from(c.wrapping_sub(9) < 5));
    let doubled = b[..b.len() - 1]
        .iter()
        .zip(&b[1..])
        .fold(0u8, |acc, (&p, &c)| {
            acc | u8::from((p == b' ') & (c == b' '))
        });
    (controls | doubled) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_spaces_are_chars_whitespace() {
        for b in 0..128u8 {
            assert_eq!(is_ascii_space(b), char::from(b).is_whitespace(), "{b}");
        }
    }

    proptest! {
        /// Trimmed as `str::trim` trims, whatever the ends hold.
        #[test]
        fn trim_is_strs_trim(s in "[ \t\r\n\u{0b}\u{0c}\u{a0}\u{2003}\u{3000}a-z.é]{0,12}") {
            prop_assert_eq!(trim(&s), s.trim());
        }

        /// Cut as `str::lines` cuts: bare and trailing carriage returns,
        /// empty lines, a last line with or without its line feed.
        #[test]
        fn lines_are_strs_lines(s in "[\r\na é]{0,24}") {
            prop_assert_eq!(lines(&s), s.lines().collect::<Vec<_>>());
        }

        /// The byte count is `split_whitespace`'s, ASCII or not.
        #[test]
        fn word_count_is_split_whitespaces(s in "[a-z. \t\n\r\x0b\x0c\u{a0}\u{2003}é]{0,160}") {
            prop_assert_eq!(word_count(&s), s.split_whitespace().count());
        }

        /// Long ASCII text, which is counted by bytes.
        #[test]
        fn word_count_of_ascii_is_split_whitespaces(s in "[a-z. \t\n\r\x0b\x0c]{0,300}") {
            prop_assert_eq!(word_count(&s), s.split_whitespace().count());
        }

        /// Words appended by bytes or by chars are `split_whitespace`'s,
        /// joined by single spaces, after what `out` held.
        #[test]
        fn push_words_joins_split_whitespaces(
            head in "[a-z]{0,3}",
            s in "[a-z. \t\n\r\x0b\x0c]{0,80}|[a-z. \t\n\r\x0b\x0c\u{a0}\u{2003}é]{0,40}\
                |[ \t]{0,2}[a-z.]{1,4}( {1,2}[a-z.]{1,4}){0,8}[ \n]{0,2}",
        ) {
            let mut out = head.clone();
            push_words(&mut out, &s);
            let want = head.split_whitespace().chain(s.split_whitespace()).collect::<Vec<_>>().join(" ");
            prop_assert_eq!(out, want);
        }
    }

    #[test]
    fn outside_brackets_keeps_only_unbracketed_text() {
        assert_eq!(outside_brackets("Title (example.com) 87"), "Title  87");
        assert_eq!(outside_brackets("a [b (c) d] e"), "a  e");
        assert_eq!(outside_brackets("(all of it)"), "");
        assert_eq!(outside_brackets("stray) close (open"), "stray close ");
    }
}
