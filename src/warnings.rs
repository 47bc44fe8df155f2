//! Server warnings: `Warning: 299 - "msg"` response headers become kubectl's
//! `Warning: msg` lines on stderr, printed as responses arrive and de-duplicated per
//! invocation (client-go's `WarningHandler` with deduplication, as kubectl configures it).

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::ui::Ui;

/// The warning texts of one `Warning` header value (RFC 7234 `warn-code warn-agent
/// "warn-text" [warn-date]`, comma-separated); only code 299 is shown, as in client-go.
pub fn parse_header(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = value.trim();
    while !rest.is_empty() {
        let Some((code, after_code)) = rest.split_once(' ') else {
            break;
        };
        let Some((_agent, after_agent)) = after_code.trim_start().split_once(' ') else {
            break;
        };
        let after_agent = after_agent.trim_start();
        let Some(quoted) = after_agent.strip_prefix('"') else {
            break;
        };
        let mut text = String::new();
        let mut end = None;
        let mut chars = quoted.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, n)) = chars.next() {
                        text.push(n);
                    }
                }
                '"' => {
                    end = Some(i + 1);
                    break;
                }
                c => text.push(c),
            }
        }
        let Some(end) = end else { break };
        if code.trim() == "299" && !text.is_empty() {
            out.push(text);
        }
        // Skip an optional quoted date, then the separating comma.
        rest = quoted[end..].trim_start();
        if let Some(date) = rest.strip_prefix('"') {
            rest = date.split_once('"').map_or("", |(_, r)| r).trim_start();
        }
        rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    }
    out
}

/// Prints each distinct warning once.
#[derive(Clone)]
pub struct Printer {
    ui: Arc<Ui>,
    seen: Arc<Mutex<HashSet<String>>>,
    printed: Arc<AtomicUsize>,
}

impl Printer {
    /// A printer writing to `ui`'s stderr.
    pub fn new(ui: Arc<Ui>) -> Self {
        Printer {
            ui,
            seen: Arc::default(),
            printed: Arc::default(),
        }
    }

    /// How many (distinct) warnings were printed (`--warnings-as-errors` counts these).
    pub fn count(&self) -> usize {
        self.printed.load(Ordering::SeqCst)
    }

    /// Print the warnings carried by these response headers.
    pub fn handle(&self, headers: &http::HeaderMap) {
        for value in headers.get_all(http::header::WARNING) {
            let Ok(v) = value.to_str() else { continue };
            for text in parse_header(v) {
                let new = self
                    .seen
                    .lock()
                    .map(|mut s| s.insert(text.clone()))
                    .unwrap_or(true);
                if new {
                    self.printed.fetch_add(1, Ordering::SeqCst);
                    let _ = self.ui.warn(&text);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_client_go_warnings() {
        assert_eq!(
            parse_header(r#"299 - "deprecated API""#),
            ["deprecated API"]
        );
        assert_eq!(
            parse_header(r#"299 - "a, b", 299 - "say \"hi\"" "Sat, 01 Jan 2000 00:00:00 GMT""#),
            ["a, b", "say \"hi\""]
        );
        assert!(parse_header(r#"199 - "misc""#).is_empty());
        assert!(parse_header("garbage").is_empty());
    }

    #[test]
    fn prints_each_warning_once() {
        let (ui, cap) = Ui::for_test();
        let p = Printer::new(Arc::new(ui));
        let mut h = http::HeaderMap::new();
        h.append(http::header::WARNING, r#"299 - "x""#.parse().unwrap());
        p.handle(&h);
        p.handle(&h);
        assert_eq!(cap.stderr(), "Warning: x\n");
        assert_eq!(p.count(), 1);
    }
}
