//! kubectl's answers, checked in, so parity tests that need no server still compare on a
//! machine without kubectl.
//!
//! Each test keeps its answers in `tests/cli/snapshots/kubectl/<module>__<test>.txt`, one
//! entry per comparison in the order the test makes them, keyed by the command line
//! (`KUBECONFIG=... kubectl ARGS`) and holding kubectl's normalised output.
//! - kubectl present: kk is compared with the live kubectl, and the snapshot must equal it
//!   (a stale or missing entry fails: re-bless with `KK_BLESS=1 cargo test --test cli`).
//! - `KK_BLESS=1` with kubectl: the test's file is rewritten from the live answers.
//! - No kubectl (outside CI): kk is compared with the snapshot.
//!
//! The test's name comes from its thread (libtest names each test's thread after it);
//! comparisons made from other threads are not snapshotted.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Mutex;

use super::Output;

/// One snapshotted comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    key: String,
    out: Output,
}

/// Where the answers of the running test live, if it runs on its own named thread.
pub struct Snapshot {
    test: String,
    path: PathBuf,
}

const MARK: &str = "#### ";

impl Snapshot {
    /// The snapshot of the calling test, or `None` off a test's thread.
    pub fn current() -> Option<Snapshot> {
        let name = std::thread::current().name()?.to_string();
        if name == "main" {
            return None;
        }
        let file = format!("{}.txt", name.replace("::", "__"));
        Some(Snapshot {
            path: PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/cli/snapshots/kubectl")
                .join(file),
            test: name,
        })
    }

    /// The checked-in answer for the `nth` occurrence of `key` in this test.
    pub fn recorded(&self, key: &str, nth: usize) -> Option<Output> {
        let text = std::fs::read_to_string(&self.path).ok()?;
        parse(&text)
            .into_iter()
            .filter(|e| e.key == key)
            .nth(nth)
            .map(|e| e.out)
    }

    /// How many times this test has asked for `key` so far (the next occurrence's index).
    pub fn next_index(&self, key: &str) -> usize {
        let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
        let n = seen
            .get_or_insert_with(HashMap::new)
            .entry((self.test.clone(), key.to_string()))
            .or_insert(0);
        *n += 1;
        *n - 1
    }

    /// Check (or, with `KK_BLESS=1`, record) kubectl's live, normalised answer.
    #[track_caller]
    pub fn check_live(&self, key: &str, nth: usize, live: &Output) {
        if blessing() {
            let mut blessed = BLESSED.lock().unwrap_or_else(|e| e.into_inner());
            let entries = blessed
                .get_or_insert_with(HashMap::new)
                .entry(self.test.clone())
                .or_default();
            entries.push(Entry {
                key: key.to_string(),
                out: live.clone(),
            });
            std::fs::create_dir_all(self.path.parent().unwrap()).unwrap();
            std::fs::write(&self.path, render(entries)).unwrap();
            return;
        }
        match self.recorded(key, nth) {
            Some(rec) if &rec == live => {}
            rec => panic!(
                "kubectl's checked-in answer for `{key}` ({}) is {}; kubectl now says:\n{live}\n\
                 ===== snapshot =====\n{}\nrun `KK_BLESS=1 cargo test --test cli {}` to record it",
                self.path.display(),
                if rec.is_some() { "stale" } else { "missing" },
                rec.map(|r| r.to_string()).unwrap_or_default(),
                self.test
            ),
        }
    }
}

type Counts = HashMap<(String, String), usize>;
static SEEN: Mutex<Option<Counts>> = Mutex::new(None);
static BLESSED: Mutex<Option<HashMap<String, Vec<Entry>>>> = Mutex::new(None);

fn blessing() -> bool {
    std::env::var_os("KK_BLESS").is_some_and(|v| v == "1")
}

fn render(entries: &[Entry]) -> String {
    let mut s = String::new();
    for e in entries {
        writeln!(s, "{MARK}{}", e.key).unwrap();
        writeln!(s, "{MARK}exit {}", e.out.code).unwrap();
        for (name, body) in [("stdout", &e.out.stdout), ("stderr", &e.out.stderr)] {
            assert!(
                !body.lines().any(|l| l.starts_with(MARK)),
                "output line starts with {MARK:?}; the snapshot format cannot hold it"
            );
            if body.is_empty() || body.ends_with('\n') {
                writeln!(s, "{MARK}{name}").unwrap();
                s.push_str(body);
            } else {
                writeln!(s, "{MARK}{name} no-eol").unwrap();
                s.push_str(body);
                s.push('\n');
            }
        }
    }
    s
}

fn parse(text: &str) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let Some(key) = line.strip_prefix(MARK) else {
            continue;
        };
        let key = key.trim_end_matches('\n').to_string();
        let code = lines
            .next()
            .and_then(|l| l.strip_prefix(MARK)?.trim_end().strip_prefix("exit "))
            .and_then(|c| c.parse().ok())
            .unwrap_or(i32::MIN);
        let mut body = |name: &str| {
            let header = lines
                .next()
                .and_then(|l| l.strip_prefix(MARK))
                .unwrap_or("");
            let no_eol = header.trim_end() == format!("{name} no-eol");
            let mut s = String::new();
            while let Some(l) = lines.peek() {
                if l.starts_with(MARK) {
                    break;
                }
                s.push_str(l);
                lines.next();
            }
            if no_eol {
                s.pop();
            }
            s
        };
        let stdout = body("stdout");
        let stderr = body("stderr");
        entries.push(Entry {
            key,
            out: Output {
                stdout,
                stderr,
                code,
            },
        });
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_parse_round_trip() {
        let entries = vec![
            Entry {
                key: "KUBECONFIG=a.yaml kubectl config view".into(),
                out: Output {
                    stdout: "a\nb\n".into(),
                    stderr: String::new(),
                    code: 0,
                },
            },
            Entry {
                key: "kubectl x".into(),
                out: Output {
                    stdout: "no newline".into(),
                    stderr: "error: x\n\n".into(),
                    code: 1,
                },
            },
        ];
        assert_eq!(parse(&render(&entries)), entries);
    }
}
