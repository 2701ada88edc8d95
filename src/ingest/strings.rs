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

/// Collapses runs of whitespace into single spaces and trims.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_brackets_keeps_only_unbracketed_text() {
        assert_eq!(outside_brackets("Title (example.com) 87"), "Title  87");
        assert_eq!(outside_brackets("a [b (c) d] e"), "a  e");
        assert_eq!(outside_brackets("(all of it)"), "");
        assert_eq!(outside_brackets("stray) close (open"), "stray close ");
    }
}
