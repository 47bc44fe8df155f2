//! The two word wrappers behind kubectl explain's layouts: go-wordwrap 1.0.1's `WrapString`
//! (the OpenAPI v3 template's `wrap`, lengths in bytes as Go counts them) and the OpenAPI v2
//! formatter's line filler (which keeps indented blocks, bullets and lines after a colon).

/// go-wordwrap's `WrapString(s, limit)`: breaks only at white space; a word longer than the
/// limit stays whole; trailing spaces that would overflow a line are dropped.
pub fn wrap_words(s: &str, limit: usize) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / limit.max(1));
    let mut current = 0usize;
    let mut word = String::new();
    let mut space = String::new();
    for c in s.chars() {
        if c == '\n' {
            if word.is_empty() {
                if current + space.len() <= limit {
                    out.push_str(&space);
                }
                space.clear();
            } else {
                out.push_str(&space);
                out.push_str(&word);
                space.clear();
                word.clear();
            }
            out.push('\n');
            current = 0;
        } else if c.is_whitespace() {
            if space.is_empty() || !word.is_empty() {
                current += space.len() + word.len();
                out.push_str(&space);
                out.push_str(&word);
                space.clear();
                word.clear();
            }
            space.push(c);
        } else {
            word.push(c);
            if current + space.len() + word.len() > limit && word.len() < limit {
                out.push('\n');
                current = 0;
                space.clear();
            }
        }
    }
    if word.is_empty() {
        if current + space.len() <= limit {
            out.push_str(&space);
        }
    } else {
        out.push_str(&space);
        out.push_str(&word);
    }
    out
}

/// Sprig's `indent`: `amount` spaces before the text and after every newline in it.
pub fn indent(amount: usize, s: &str) -> String {
    let pad = " ".repeat(amount);
    let mut out = String::with_capacity(s.len() + amount);
    out.push_str(&pad);
    out.push_str(&s.replace('\n', &format!("\n{pad}")));
    out
}

/// The OpenAPI v2 formatter's `wrapString`: words joined by single spaces into lines of at
/// most `wrap` bytes; a line indented by four spaces is kept as it is, a blank line stays,
/// and a new line starts after a word ending in `:` and before a bullet (`-`, `*`, `1.`).
pub fn fill_lines(text: &str, wrap: usize) -> Vec<String> {
    let mut wrapped: Vec<String> = Vec::new();
    let mut line: Vec<&str> = Vec::new();
    let mut line_len = 0usize;
    let mut last_word = "";
    let flush = |line: &mut Vec<&str>, len: &mut usize, wrapped: &mut Vec<String>| {
        if !line.is_empty() {
            wrapped.push(line.join(" "));
            line.clear();
            *len = 0;
            true
        } else {
            false
        }
    };
    for s in text.split('\n') {
        if s.starts_with("    ") {
            if flush(&mut line, &mut line_len, &mut wrapped) {
                last_word = "";
            }
            wrapped.push(s.to_string());
            continue;
        }
        if !wrapped.is_empty() && s.trim().is_empty() {
            if flush(&mut line, &mut line_len, &mut wrapped) {
                last_word = "";
            }
            wrapped.push(String::new());
            continue;
        }
        if starts_new_line(last_word, s) && flush(&mut line, &mut line_len, &mut wrapped) {
            last_word = "";
        }
        for word in s.split_whitespace() {
            last_word = word;
            let added = if line.is_empty() {
                word.len()
            } else {
                line_len + 1 + word.len()
            };
            if added <= wrap || line.is_empty() {
                line.push(word);
                line_len = added;
            } else {
                flush(&mut line, &mut line_len, &mut wrapped);
                line.push(word);
                line_len = word.len();
            }
        }
    }
    flush(&mut line, &mut line_len, &mut wrapped);
    wrapped
}

fn starts_new_line(last_word: &str, s: &str) -> bool {
    if last_word.ends_with(':') || s.starts_with("    ") {
        return true;
    }
    let t = s.trim();
    t.is_empty() || is_bullet(t)
}

/// `^(\d+\.?|-|\*)\s`
fn is_bullet(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let rest = if digits > 0 {
        let mut i = digits;
        if b.get(i) == Some(&b'.') {
            i += 1;
        }
        // Backtracking `\.?` changes nothing: the dot itself is no white space.
        &s[i..]
    } else if b.first().is_some_and(|c| *c == b'-' || *c == b'*') {
        &s[1..]
    } else {
        return false;
    };
    rest.chars()
        .next()
        .is_some_and(|c| matches!(c, ' ' | '\t' | '\n' | '\x0c' | '\r'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_like_go_wordwrap() {
        assert_eq!(wrap_words("aaa bbb ccc", 7), "aaa bbb\nccc");
        assert_eq!(wrap_words("a\n", 76), "a\n");
        assert_eq!(
            wrap_words("averyveryverylongword x", 5),
            "averyveryverylongword\nx"
        );
        assert_eq!(indent(4, "a\nb\n"), "    a\n    b\n    ");
    }

    #[test]
    fn fills_lines_like_the_v2_formatter() {
        assert_eq!(fill_lines("aaa bbb ccc", 7), vec!["aaa bbb", "ccc"]);
        assert_eq!(
            fill_lines("Note:\nnext line", 80),
            vec!["Note:", "next line"]
        );
        // A blank line right after unflushed words only ends the line.
        assert_eq!(fill_lines("x\n\n- a\n- b", 80), vec!["x", "- a", "- b"]);
        assert_eq!(fill_lines("x\n    y\n\nz", 80), vec!["x", "    y", "", "z"]);
        assert_eq!(fill_lines("x\n    code", 80), vec!["x", "    code"]);
        assert!(fill_lines("", 80).is_empty());
    }
}
