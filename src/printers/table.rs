//! kubectl's human-readable table printer over server-side `meta.k8s.io/v1` Tables (and the
//! NAME/AGE fallback for objects that are not Tables), with `-o wide`, `--no-headers`,
//! `--show-labels`, `-L`, `-A`, `--show-kind`, watch events and several kinds in one `get`.
//!
//! Byte rules (checked with `kubectl.1.33 get` against a fake API server):
//! * headers are the column names upper-cased; priority > 0 columns only with `wide`;
//! * no rows → no header at all; header again only when the column definitions change;
//! * string cells are cut at the first `\n`, `\r` or `\f` with `...` appended and ESC
//!   escaped as `^[`; other cells print with Go's `%v` (`1e+21`, `1` for 1.0, `true`); null
//!   is an empty cell; a raw tab in a cell is *not* escaped and shifts the row, like kubectl;
//! * `-A` puts NAMESPACE (from `row.object.metadata.namespace`) first, `-L a/b` appends a
//!   column `B` with the label value or an empty cell, `--show-labels` appends LABELS
//!   (`k=v` sorted by key, or `<none>`), `--output-watch-events` puts EVENT before all;
//! * with `--show-kind` (or several kinds) the `name`-format column becomes `kind[.group]/x`;
//! * between kinds: widths reset, and one blank line if headers are on and the previous
//!   kind printed anything.
//!
//! On a colour terminal ([`TableOptions::colour`]) headers are bold and STATUS cells are
//! coloured by meaning (`ui::colour::status`); alignment ignores the escapes.

use super::gofmt::go_v;
use super::humanize;
use super::tabwriter::TabWriter;
use crate::ui::colour::{Colour, Style};
use serde_json::{Value, json};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableOptions {
    /// `-o wide`: include priority > 0 columns.
    pub wide: bool,
    pub no_headers: bool,
    pub show_labels: bool,
    /// `-L` keys, already split on commas.
    pub label_columns: Vec<String>,
    /// `-A` on a namespaced resource: NAMESPACE first.
    pub with_namespace: bool,
    /// `kind[.group]` lower-case (see `name::kind_ref`) to prefix NAME with, for
    /// `--show-kind` or when several kinds are printed.
    pub kind_prefix: Option<String>,
    /// Colour headers and STATUS cells (stdout's decision, `Ui::colour`).
    pub colour: Colour,
}

/// Streams Tables through one kubectl tab writer.
#[derive(Debug, Default)]
pub struct TablePrinter {
    pub options: TableOptions,
    tw: TabWriter,
    last_columns: Option<Value>,
    printed_headers: bool,
    started: bool,
    written_since_separator: bool,
}

impl TablePrinter {
    pub fn new(options: TableOptions) -> Self {
        TablePrinter {
            tw: TabWriter::kubectl().colour_escapes(options.colour.is_on()),
            options,
            ..Default::default()
        }
    }

    /// Starts a new resource kind in the same `get`: flushes and returns the previous kind's
    /// output, forgets widths and headers, and queues the blank separator line if needed.
    pub fn begin_kind(&mut self, options: TableOptions) -> String {
        let out = self.flush();
        self.tw.reset_widths();
        self.last_columns = None;
        self.printed_headers = false;
        if self.started && !options.no_headers && self.written_since_separator {
            self.tw.write("\n");
            self.written_since_separator = false;
        }
        self.started = true;
        self.options = options;
        out
    }

    /// Buffers one Table (`event`: the watch event type for `--output-watch-events`).
    /// A Table without column definitions reuses the previous ones (watch events).
    pub fn print_table(&mut self, table: &Value, event: Option<&str>) {
        self.started = true;
        let mut no_headers = self.options.no_headers;
        let defs = table
            .get("columnDefinitions")
            .filter(|d| d.as_array().is_some_and(|a| !a.is_empty()));
        if self.printed_headers && (defs.is_none() || defs == self.last_columns.as_ref()) {
            no_headers = true;
        }
        let columns = match defs {
            None => self
                .last_columns
                .clone()
                .unwrap_or(Value::Array(Vec::new())),
            Some(d) => {
                if Some(d) != self.last_columns.as_ref() {
                    self.last_columns = Some(d.clone());
                    self.printed_headers = false;
                }
                d.clone()
            }
        };
        let empty = Vec::new();
        let rows = table
            .get("rows")
            .and_then(Value::as_array)
            .unwrap_or(&empty);
        if !rows.is_empty() {
            self.printed_headers = true;
        }
        let text = render(&columns, rows, &self.options, no_headers, event);
        if !text.is_empty() {
            self.written_since_separator = true;
        }
        self.tw.write(&text);
    }

    /// Aligns and returns everything buffered (call per watch event, and at the end).
    pub fn flush(&mut self) -> String {
        self.tw.flush()
    }
}

/// Prints one Table completely (the common non-watch case).
pub fn print_table(table: &Value, options: &TableOptions) -> String {
    let mut p = TablePrinter::new(options.clone());
    p.print_table(table, None);
    p.flush()
}

/// Computes one cell of a row (`None`: a nil cell).
type CellFn = Box<dyn Fn(&Value) -> Option<Value>>;

struct Col {
    name: String,
    visible: bool,
    is_name: bool,
    cell: CellFn,
}

fn render(
    columns: &Value,
    rows: &[Value],
    o: &TableOptions,
    no_headers: bool,
    event: Option<&str>,
) -> String {
    let defs = columns.as_array().cloned().unwrap_or_default();
    let mut cols: Vec<Col> = Vec::new();
    if let Some(ev) = event {
        let formatted = match ev {
            "ADDED" => "ADDED   ",
            "MODIFIED" => "MODIFIED",
            "DELETED" => "DELETED ",
            "ERROR" => "ERROR   ",
            other => other,
        }
        .to_string();
        cols.push(Col {
            name: "Event".into(),
            visible: true,
            is_name: false,
            cell: Box::new(move |_| Some(Value::String(formatted.clone()))),
        });
    }
    let meta = |row: &Value| row.get("object").and_then(|o| o.get("metadata")).cloned();
    let has_object = |row: &Value| row.get("object").is_some_and(Value::is_object);
    if o.with_namespace {
        cols.push(Col {
            name: "Namespace".into(),
            visible: true,
            is_name: false,
            cell: Box::new(move |row| {
                has_object(row).then(|| {
                    let ns = meta(row).and_then(|m| m.get("namespace").cloned());
                    ns.unwrap_or(Value::String(String::new()))
                })
            }),
        });
    }
    for (i, d) in defs.iter().enumerate() {
        let priority = d.get("priority").and_then(Value::as_i64).unwrap_or(0);
        let is_name = o.kind_prefix.is_some()
            && d.get("format").and_then(Value::as_str) == Some("name")
            && d.get("type").and_then(Value::as_str) == Some("string");
        cols.push(Col {
            name: d
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            visible: o.wide || priority == 0,
            is_name,
            cell: Box::new(move |row| {
                row.get("cells")
                    .and_then(|c| c.get(i))
                    .cloned()
                    .filter(|v| !v.is_null())
            }),
        });
    }
    let labels_of = move |row: &Value| -> Option<Vec<(String, String)>> {
        if !has_object(row) {
            return None;
        }
        let mut l: Vec<(String, String)> = meta(row)
            .and_then(|m| m.get("labels").and_then(Value::as_object).cloned())
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
                    .collect()
            })
            .unwrap_or_default();
        l.sort();
        Some(l)
    };
    for key in &o.label_columns {
        let header = key.rsplit('/').next().unwrap_or(key).to_uppercase();
        let key = key.clone();
        cols.push(Col {
            name: header,
            visible: true,
            is_name: false,
            cell: Box::new(move |row| {
                labels_of(row).map(|l| {
                    let v = l.into_iter().find(|(k, _)| *k == key).map(|(_, v)| v);
                    Value::String(v.unwrap_or_default())
                })
            }),
        });
    }
    if o.show_labels {
        cols.push(Col {
            name: "Labels".into(),
            visible: true,
            is_name: false,
            cell: Box::new(move |row| labels_of(row).map(|l| Value::String(format_labels(&l)))),
        });
    }

    let mut out = String::new();
    if !no_headers {
        if rows.is_empty() {
            return out;
        }
        let headers: Vec<String> = cols
            .iter()
            .filter(|c| c.visible)
            .map(|c| o.colour.paint(Style::Header, &c.name.to_uppercase()))
            .collect();
        out.push_str(&headers.join("\t"));
        out.push('\n');
    }
    for row in rows {
        let mut first = true;
        for c in cols.iter().filter(|c| c.visible) {
            if !first {
                out.push('\t');
            }
            first = false;
            let mut v = (c.cell)(row);
            if c.is_name {
                let prefix = o.kind_prefix.as_deref().unwrap_or("");
                let name = v
                    .as_ref()
                    .map(cell_value_text)
                    .unwrap_or_else(|| "%!s(<nil>)".into());
                v = Some(Value::String(format!("{prefix}/{name}")));
            }
            if let Some(v) = v {
                let text = cell_text(&v);
                if o.colour.is_on() && c.name.eq_ignore_ascii_case("status") {
                    out.push_str(&o.colour.status(&text));
                } else {
                    out.push_str(&text);
                }
            }
        }
        out.push('\n');
    }
    out
}

fn cell_value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => go_v(other),
    }
}

/// One cell as kubectl prints it (see module doc).
pub fn cell_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => match s.find(['\n', '\r', '\u{c}']) {
            Some(i) => format!("{}...", escape_terminal(&s[..i])),
            None => escape_terminal(s),
        },
        other => escape_terminal(&go_v(other)),
    }
}

/// kubectl's `WriteEscaped`: neutralises terminal escape sequences.
pub fn escape_terminal(s: &str) -> String {
    s.replace('\u{1b}', "^[").replace('\r', "\\r")
}

/// `labels.FormatLabels`: `a=b,c=d` sorted by key, or `<none>`.
pub fn format_labels(sorted: &[(String, String)]) -> String {
    if sorted.is_empty() {
        return "<none>".into();
    }
    sorted
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// The client-side fallback (`--server-print=false` or a non-Table answer): a Table with
/// NAME and AGE, AGE computed locally from `creationTimestamp` relative to `now`.
pub fn fallback_table(objects: &[Value], now: chrono::DateTime<chrono::Utc>) -> Value {
    let rows: Vec<Value> = objects
        .iter()
        .map(|o| {
            let m = o.get("metadata");
            let name = m
                .and_then(|m| m.get("name"))
                .cloned()
                .unwrap_or(Value::String(String::new()));
            let ts = m
                .and_then(|m| m.get("creationTimestamp"))
                .and_then(Value::as_str);
            json!({"cells": [name, humanize::translate_timestamp_since(ts, now)], "object": o})
        })
        .collect();
    json!({
        "kind": "Table",
        "apiVersion": "meta.k8s.io/v1",
        "columnDefinitions": [
            {"name": "Name", "type": "string", "format": "name", "priority": 0},
            {"name": "Age", "type": "string", "format": "", "priority": 0},
        ],
        "rows": rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(name: &str, ns: &str, labels: Value) -> Value {
        let mut m = json!({"name": name, "namespace": ns});
        if !labels.is_null() {
            m["labels"] = labels;
        }
        json!({"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": m})
    }

    fn pods() -> Value {
        json!({
            "kind": "Table", "apiVersion": "meta.k8s.io/v1",
            "columnDefinitions": [
                {"name": "Name", "type": "string", "format": "name", "priority": 0},
                {"name": "Ready", "type": "string", "format": "", "priority": 0},
                {"name": "Restarts", "type": "integer", "format": "", "priority": 0},
                {"name": "Flag", "type": "boolean", "format": "", "priority": 0},
                {"name": "Ratio", "type": "number", "format": "", "priority": 0},
                {"name": "Nominated Node", "type": "string", "format": "", "priority": 1},
                {"name": "Age", "type": "string", "format": "", "priority": 0}],
            "rows": [
                {"cells": ["web", "1/1", 0, true, 0.5, "<none>", "5m"],
                 "object": meta("web", "default", json!({"tier": "fe", "app": "web"}))},
                {"cells": ["db-long-name-here", "0/1", 12, false, 1e21, null, "3h4m"],
                 "object": meta("db-long-name-here", "kube-system", json!({}))},
                {"cells": ["multi", "a\nb", 3, null, 1.0, "x\ty", "1d"],
                 "object": meta("multi", "default", Value::Null)}]
        })
    }

    fn deploys() -> Value {
        json!({"kind": "Table", "columnDefinitions": [
                {"name": "Name", "type": "string", "format": "name", "priority": 0},
                {"name": "Ready", "type": "string", "priority": 0},
                {"name": "Age", "type": "string", "priority": 0},
                {"name": "Images", "type": "string", "priority": 1}],
               "rows": [{"cells": ["web", "2/2", "60m", "nginx"],
                         "object": meta("web", "default", json!({"app": "web"}))}]})
    }

    fn p(o: TableOptions) -> String {
        print_table(&pods(), &o)
    }

    // All expected outputs: `kubectl.1.33 get pods ...` against a fake server serving
    // exactly these Tables.
    #[test]
    fn default_and_wide() {
        assert_eq!(
            p(TableOptions::default()),
            "NAME                READY   RESTARTS   FLAG    RATIO   AGE\n\
             web                 1/1     0          true    0.5     5m\n\
             db-long-name-here   0/1     12         false   1e+21   3h4m\n\
             multi               a...    3                  1       1d\n"
        );
        assert_eq!(
            p(TableOptions {
                wide: true,
                ..Default::default()
            }),
            "NAME                READY   RESTARTS   FLAG    RATIO   NOMINATED NODE   AGE\n\
             web                 1/1     0          true    0.5     <none>           5m\n\
             db-long-name-here   0/1     12         false   1e+21                    3h4m\n\
             multi               a...    3                  1       x                y     1d\n"
        );
        assert_eq!(
            p(TableOptions {
                no_headers: true,
                ..Default::default()
            }),
            "web                 1/1    0     true    0.5     5m\n\
             db-long-name-here   0/1    12    false   1e+21   3h4m\n\
             multi               a...   3             1       1d\n"
        );
    }

    #[test]
    fn labels_namespace_and_kind() {
        assert_eq!(
            p(TableOptions {
                show_labels: true,
                ..Default::default()
            }),
            "NAME                READY   RESTARTS   FLAG    RATIO   AGE    LABELS\n\
             web                 1/1     0          true    0.5     5m     app=web,tier=fe\n\
             db-long-name-here   0/1     12         false   1e+21   3h4m   <none>\n\
             multi               a...    3                  1       1d     <none>\n"
        );
        let l = vec!["app".to_string(), "tier".to_string(), "x/y".to_string()];
        assert_eq!(
            p(TableOptions {
                label_columns: l,
                ..Default::default()
            }),
            "NAME                READY   RESTARTS   FLAG    RATIO   AGE    APP   TIER   Y\n\
             web                 1/1     0          true    0.5     5m     web   fe     \n\
             db-long-name-here   0/1     12         false   1e+21   3h4m                \n\
             multi               a...    3                  1       1d                  \n"
        );
        assert_eq!(
            p(TableOptions {
                with_namespace: true,
                ..Default::default()
            }),
            "NAMESPACE     NAME                READY   RESTARTS   FLAG    RATIO   AGE\n\
             default       web                 1/1     0          true    0.5     5m\n\
             kube-system   db-long-name-here   0/1     12         false   1e+21   3h4m\n\
             default       multi               a...    3                  1       1d\n"
        );
        assert_eq!(
            p(TableOptions {
                kind_prefix: Some("pod".into()),
                ..Default::default()
            }),
            "NAME                    READY   RESTARTS   FLAG    RATIO   AGE\n\
             pod/web                 1/1     0          true    0.5     5m\n\
             pod/db-long-name-here   0/1     12         false   1e+21   3h4m\n\
             pod/multi               a...    3                  1       1d\n"
        );
    }

    #[test]
    fn several_kinds() {
        let po = TableOptions {
            kind_prefix: Some("pod".into()),
            wide: true,
            show_labels: true,
            ..Default::default()
        };
        let de = TableOptions {
            kind_prefix: Some("deployment.apps".into()),
            ..po.clone()
        };
        let mut t = TablePrinter::default();
        let mut out = t.begin_kind(po);
        t.print_table(&pods(), None);
        out += &t.begin_kind(de);
        t.print_table(&deploys(), None);
        out += &t.flush();
        assert_eq!(
            out,
            "NAME                    READY   RESTARTS   FLAG    RATIO   NOMINATED NODE   AGE    LABELS\n\
             pod/web                 1/1     0          true    0.5     <none>           5m     app=web,tier=fe\n\
             pod/db-long-name-here   0/1     12         false   1e+21                    3h4m   <none>\n\
             pod/multi               a...    3                  1       x                y      1d    <none>\n\
             \n\
             NAME                  READY   AGE   IMAGES   LABELS\n\
             deployment.apps/web   2/2     60m   nginx    app=web\n"
        );
        // An empty kind prints nothing and adds no separator.
        let mut t = TablePrinter::default();
        let mut out = t.begin_kind(TableOptions {
            kind_prefix: Some("pod".into()),
            ..Default::default()
        });
        t.print_table(
            &json!({"columnDefinitions": pods()["columnDefinitions"], "rows": []}),
            None,
        );
        out += &t.begin_kind(TableOptions {
            kind_prefix: Some("deployment.apps".into()),
            ..Default::default()
        });
        t.print_table(&deploys(), None);
        out += &t.flush();
        assert_eq!(
            out,
            "NAME                  READY   AGE\ndeployment.apps/web   2/2     60m\n"
        );
    }

    /// Drives a TablePrinter like `get -w`: the list (unless watch-only), then one flush per
    /// event. Expected bytes: `kubectl.1.33 get pods -w` against a fake server streaming these
    /// events (the first with column definitions, the rest without).
    fn watch(list: bool, events: bool) -> String {
        let mut t = TablePrinter::default();
        let mut out = String::new();
        let tag = |e: &'static str| events.then_some(e);
        if list {
            t.print_table(&pods(), tag("ADDED"));
            out += &t.flush();
        }
        let rows = pods()["rows"].clone();
        let mut long = rows[0].clone();
        long["cells"][0] = json!("a-very-very-long-pod-name-x");
        let evs = [
            (
                "ADDED",
                json!({"columnDefinitions": pods()["columnDefinitions"], "rows": [rows[0]]}),
            ),
            (
                "MODIFIED",
                json!({"columnDefinitions": [], "rows": [rows[1]]}),
            ),
            ("DELETED", json!({"columnDefinitions": [], "rows": [long]})),
            ("ADDED", json!({"columnDefinitions": [], "rows": [rows[0]]})),
        ];
        for (ty, table) in evs {
            t.print_table(&table, tag(ty));
            out += &t.flush();
        }
        out
    }

    #[test]
    fn watch_like_kubectl() {
        assert_eq!(
            watch(true, false),
            "NAME                READY   RESTARTS   FLAG    RATIO   AGE\n\
             web                 1/1     0          true    0.5     5m\n\
             db-long-name-here   0/1     12         false   1e+21   3h4m\n\
             multi               a...    3                  1       1d\n\
             web                 1/1     0          true    0.5     5m\n\
             db-long-name-here   0/1     12         false   1e+21   3h4m\n\
             a-very-very-long-pod-name-x   1/1     0          true    0.5     5m\n\
             web                           1/1     0          true    0.5     5m\n"
        );
        assert_eq!(
            watch(true, true),
            "EVENT      NAME                READY   RESTARTS   FLAG    RATIO   AGE\n\
             ADDED      web                 1/1     0          true    0.5     5m\n\
             ADDED      db-long-name-here   0/1     12         false   1e+21   3h4m\n\
             ADDED      multi               a...    3                  1       1d\n\
             ADDED      web                 1/1     0          true    0.5     5m\n\
             MODIFIED   db-long-name-here   0/1     12         false   1e+21   3h4m\n\
             DELETED    a-very-very-long-pod-name-x   1/1     0          true    0.5     5m\n\
             ADDED      web                           1/1     0          true    0.5     5m\n"
        );
        assert_eq!(
            watch(false, false),
            "NAME   READY   RESTARTS   FLAG   RATIO   AGE\n\
             web    1/1     0          true   0.5     5m\n\
             db-long-name-here   0/1     12         false   1e+21   3h4m\n\
             a-very-very-long-pod-name-x   1/1     0          true    0.5     5m\n\
             web                           1/1     0          true    0.5     5m\n"
        );
    }

    #[test]
    fn cells() {
        assert_eq!(cell_text(&json!("a\u{1b}[31mred")), "a^[[31mred");
        assert_eq!(cell_text(&json!("line\r\nmore")), "line...");
        assert_eq!(cell_text(&json!({"a": 1})), "map[a:1]");
        assert_eq!(cell_text(&json!(12345678.5)), "1.23456785e+07");
        assert_eq!(cell_text(&Value::Null), "");
    }

    #[test]
    fn fallback_name_age() {
        let now = chrono::DateTime::parse_from_rfc3339("2024-01-01T01:00:00Z")
            .unwrap()
            .to_utc();
        let objs = vec![
            json!({"metadata": {"name": "a", "creationTimestamp": "2024-01-01T00:56:55Z"}}),
            json!({"metadata": {"name": "bb"}}),
        ];
        assert_eq!(
            print_table(&fallback_table(&objs, now), &TableOptions::default()),
            "NAME   AGE\na      3m5s\nbb     <unknown>\n"
        );
    }
}
