//! The text the user edits: kubectl's comment header (with the reasons the buffer was
//! reopened), and how an edited buffer is compared and cleaned (`cmdutil.StripComments`,
//! `ManualStrip`, `hasLines`).

use serde_json::Value;

/// Why the buffer is opened again: a line, and its details (`# * ...`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reason {
    pub head: String,
    pub other: Vec<String>,
}

/// Which header the buffer opens with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// `kubectl edit`.
    Object,
    /// `kubectl apply edit-last-applied`.
    LastApplied,
}

/// The header comment, then one block per reason.
pub fn header(kind: Header, reasons: &[Reason]) -> String {
    let mut out = String::from(match kind {
        Header::LastApplied => {
            "# Please edit the 'last-applied-configuration' annotations below.\n# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.\n#\n"
        }
        Header::Object => {
            "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n"
        }
    });
    for r in reasons {
        let colon = if r.other.is_empty() { "" } else { ":" };
        out.push_str(&format!("# {}{colon}\n", hash_on_line_break(&r.head)));
        for o in &r.other {
            out.push_str(&format!("# * {}\n", hash_on_line_break(o)));
        }
        out.push_str("#\n");
    }
    out
}

/// Continue a comment across the line breaks of `s` (`# ` after each one not already
/// followed by `#`).
fn hash_on_line_break(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '\n' && chars.peek().is_some_and(|n| *n != '#') {
            out.push_str("# ");
        }
    }
    out
}

/// What two buffers are compared by: the document as JSON when it parses (comments and
/// layout do not count), else the text without comment lines.
pub fn strip_comments(text: &str) -> String {
    match crate::manifest::parse_documents(text) {
        Ok(docs) => crate::printers::json::to_compact(docs.first().unwrap_or(&Value::Null)),
        Err(_) => manual_strip(text),
    }
}

/// kubectl's schema check of an edited buffer (`--validate` other than `ignore`): its
/// first document, comments gone, must parse and name its `apiVersion` and `kind`; the
/// validator's complaint otherwise.
pub fn validation_error(text: &str) -> Option<String> {
    let docs = match crate::manifest::parse_documents(text) {
        Ok(d) => d,
        Err(_) => match crate::manifest::parse_documents(&manual_strip(text)) {
            Ok(d) => d,
            Err(e) => {
                return Some(
                    e.strip_prefix("error converting YAML to JSON: ")
                        .unwrap_or(&e)
                        .to_string(),
                );
            }
        },
    };
    match docs.first() {
        Some(doc @ Value::Object(_)) => crate::resource::builder::missing_type_fields(doc),
        _ => Some("invalid object to validate".into()),
    }
}

/// The text without its comment lines (`#!` lines stay).
pub fn manual_strip(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.starts_with('#') && !t.starts_with("#!") {
            continue;
        }
        out.push_str(line);
        if i < lines.len() - 1 {
            out.push('\n');
        }
    }
    out
}

/// Whether any line holds something other than whitespace or a comment.
pub fn has_lines(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_with_reasons() {
        let r = [
            Reason {
                head: "configmaps \"c\" was not valid".into(),
                other: vec!["data[a b]: Invalid value".into()],
            },
            Reason {
                head: "The edited file had a syntax error: line 1\nline 2".into(),
                other: vec![],
            },
        ];
        let h = header(Header::Object, &r);
        assert!(h.ends_with(
            "#\n# configmaps \"c\" was not valid:\n# * data[a b]: Invalid value\n#\n# The edited file had a syntax error: line 1\n# line 2\n#\n"
        ));
    }

    #[test]
    fn stripping() {
        assert_eq!(manual_strip("# a\nb: 1\n  # c\n#!x\n"), "b: 1\n#!x\n");
        assert_eq!(
            strip_comments("# x\nb: 1\na: 2\n"),
            strip_comments("a: 2\nb: 1")
        );
        assert_eq!(strip_comments("a: [\n# x\n"), "a: [\n");
        assert!(!has_lines("# x\n  \n\t# y\n"));
        assert!(has_lines("# x\na\n"));
    }
}
