//! Printers: every byte newsidx writes to stdout goes through here, over a
//! `W: Write`, so that tests and callers choose the destination.
//!
//! Text output is for people: article text is made terminal-safe
//! ([`sanitize`]). JSON output is a contract, documented in the README.

pub mod article;
pub mod eval;
pub mod extract;
pub mod json;
pub mod lines;
pub mod stats;
pub mod summary;
pub mod text;
pub mod timeline;

use std::borrow::Cow;

/// Replaces control characters (ANSI escapes, BEL, backspace, ...) with
/// U+FFFD so that article text can never drive the terminal; newlines and
/// tabs become spaces. Text with nothing to replace (nearly all of it) is
/// passed through without a copy.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| replacement(c).is_some()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| replacement(c).unwrap_or(c)).collect())
}

/// What [`sanitize`] shows instead of `c`, if anything.
fn replacement(c: char) -> Option<char> {
    match c {
        '\n' | '\t' | '\r' => Some(' '),
        c if c.is_control() => Some('\u{FFFD}'),
        // Bidirectional overrides can reorder what a terminal shows.
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Some('\u{FFFD}'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_cannot_reach_the_terminal() {
        let s = sanitize("a\x1b]0;pwned\x07b\x1b[2Jc\nd");
        assert!(!s.contains('\x1b') && !s.contains('\x07'));
        assert_eq!(s, "a\u{FFFD}]0;pwned\u{FFFD}b\u{FFFD}[2Jc d");
    }
}
