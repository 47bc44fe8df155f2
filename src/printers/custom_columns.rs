//! `-o custom-columns=SPEC` and `-o custom-columns-file=FILE`.
//!
//! Behaviour checked with `kubectl.1.33 get pods -o custom-columns=...` on a fake server:
//! headers printed as given (once, even with no items), each EXPR a relaxed JSONPath,
//! missing → `<none>`, several matches joined with `,`, values in Go `%v` syntax
//! (`map[a:b]`, `[x y]`, `<nil>` for null), empty string → empty cell, aligned by the kubectl
//! tab writer. A JSONPath that fails to parse or execute is reported after the header has
//! been printed, as kubectl does (parsing happens per object there).

use super::Error;
use super::gofmt::go_v;
use super::jsonpath::{JsonPath, relaxed};
use super::tabwriter::TabWriter;
use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub header: String,
    /// The relaxed (`{.a.b}`) JSONPath.
    pub field_spec: String,
}

/// Parses the `-o custom-columns=` SPEC.
pub fn parse_spec(spec: &str) -> Result<Vec<Column>, Error> {
    if spec.is_empty() {
        return Err(Error::CustomColumns(
            "custom-columns format specified but no custom columns given".into(),
        ));
    }
    spec.split(',')
        .map(|part| {
            let Some((header, expr)) = part.split_once(':') else {
                return Err(Error::CustomColumns(format!(
                    "unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"
                )));
            };
            Ok(Column {
                header: header.to_string(),
                field_spec: relaxed(expr)?,
            })
        })
        .collect()
}

/// Parses a `-o custom-columns-file=` template: a line of headers, then a line of
/// expressions, both whitespace-separated.
pub fn parse_file(contents: &str) -> Result<Vec<Column>, Error> {
    let mut lines = contents.lines();
    const FORMAT: &str = "Expected format is one line of space separated headers, one line of space separated column specs.";
    let headers: Vec<&str> = match lines.next() {
        Some(l) => l.split_whitespace().collect(),
        None => {
            return Err(Error::CustomColumns(format!(
                "invalid template, missing header line. {FORMAT}"
            )));
        }
    };
    let specs: Vec<&str> = match lines.next() {
        Some(l) => l.split_whitespace().collect(),
        None => {
            return Err(Error::CustomColumns(format!(
                "invalid template, missing spec line. {FORMAT}"
            )));
        }
    };
    if headers.len() != specs.len() {
        return Err(Error::CustomColumns(format!(
            "number of headers ({}) and field specifications ({}) don't match",
            headers.len(),
            specs.len()
        )));
    }
    headers
        .iter()
        .zip(specs)
        .map(|(h, s)| {
            Ok(Column {
                header: h.to_string(),
                field_spec: relaxed(s)?,
            })
        })
        .collect()
}

/// Streams objects as custom-columns rows.
#[derive(Debug)]
pub struct CustomColumnsPrinter {
    columns: Vec<Column>,
    no_headers: bool,
    printed_header: bool,
    tw: TabWriter,
}

impl CustomColumnsPrinter {
    pub fn new(columns: Vec<Column>, no_headers: bool) -> Self {
        CustomColumnsPrinter {
            columns,
            no_headers,
            printed_header: false,
            tw: TabWriter::kubectl(),
        }
    }

    /// Buffers the header (first call) and one row per object (a `*List` expands to its
    /// items). On error, what was buffered so far should still be flushed, like kubectl.
    pub fn print(&mut self, obj: &Value) -> Result<(), Error> {
        if !self.no_headers && !self.printed_header {
            let headers: Vec<&str> = self.columns.iter().map(|c| c.header.as_str()).collect();
            self.tw.write(&headers.join("\t"));
            self.tw.write("\n");
            self.printed_header = true;
        }
        let mut parsers = Vec::with_capacity(self.columns.len());
        for c in &self.columns {
            parsers.push(JsonPath::parse(&c.field_spec).map_err(Error::JsonPathParse)?);
        }
        let is_list = obj
            .get("kind")
            .and_then(Value::as_str)
            .is_some_and(|k| k.ends_with("List"));
        match obj.get("items").and_then(Value::as_array) {
            Some(items) if is_list => {
                for it in items {
                    self.row(it, &parsers)?;
                }
            }
            _ => self.row(obj, &parsers)?,
        }
        Ok(())
    }

    fn row(&mut self, obj: &Value, parsers: &[JsonPath]) -> Result<(), Error> {
        let mut cells = Vec::with_capacity(parsers.len());
        for p in parsers {
            let results = p.find_results(obj).map_err(Error::JsonPathExec)?;
            let mut values: Vec<String> = Vec::new();
            if results.first().is_none_or(|r| r.is_empty()) {
                values.push("<none>".into());
            }
            for r in &results {
                for v in r {
                    values.push(go_v(v));
                }
            }
            cells.push(values.join(","));
        }
        self.tw.write(&cells.join("\t"));
        self.tw.write("\n");
        Ok(())
    }

    /// Aligned output so far.
    pub fn flush(&mut self) -> String {
        self.tw.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn list() -> Value {
        let p = json!({"metadata": {"name": "web", "labels": {"app": "web", "app.kubernetes.io/name": "w"}},
            "spec": {"containers": [{"image": "nginx"}, {"image": "redis"}], "n": 1.5, "z": null, "e": "",
                     "t": true, "arr": [1, "x", null, true, {"k": "v"}, [1, 2]]}});
        let mut q = p.clone();
        q["metadata"]["name"] = json!("db");
        q["metadata"]["labels"] = json!({"tier": "be"});
        q["spec"]["n"] = json!(0.25);
        json!({"apiVersion": "v1", "kind": "List", "items": [p, q]})
    }

    fn run(spec: &str, no_headers: bool) -> Result<String, (String, Error)> {
        let mut p = CustomColumnsPrinter::new(
            parse_spec(spec).map_err(|e| (String::new(), e))?,
            no_headers,
        );
        let r = p.print(&list());
        let out = p.flush();
        r.map(|_| out.clone()).map_err(|e| (out, e))
    }

    // Expected bytes: `kubectl.1.33 get pods -o custom-columns=...` on a fake server.
    #[test]
    fn renders_like_kubectl() {
        assert_eq!(
            run("NAME:.metadata.name,IMG:.spec.containers[*].image,L:.metadata.labels,N:.spec.n,Z:.spec.z,E:.spec.e,MISSING:.nope,B:{.spec.t},ARR:.spec.arr", false).unwrap(),
            "NAME   IMG           L                                       N      Z       E     MISSING   B      ARR\n\
             web    nginx,redis   map[app:web app.kubernetes.io/name:w]   1.5    <nil>         <none>    true   [1 x <nil> true map[k:v] [1 2]]\n\
             db     nginx,redis   map[tier:be]                            0.25   <nil>         <none>    true   [1 x <nil> true map[k:v] [1 2]]\n"
        );
        assert_eq!(run("A:.metadata.name", true).unwrap(), "web\ndb\n");
        assert_eq!(run("A:", false).unwrap(), "A\n<none>\n<none>\n");
        assert_eq!(run("A:foo", false).unwrap(), "A\n<none>\n<none>\n");
        assert_eq!(
            run(
                "A:.metadata.name,B:.spec.containers[?(@.image==\"nginx\")].image",
                false
            )
            .unwrap(),
            "A     B\nweb   nginx\ndb    nginx\n"
        );
        assert_eq!(run("A B:.metadata.name", false).unwrap(), "A B\nweb\ndb\n");
    }

    #[test]
    fn errors_like_kubectl() {
        let e = |spec: &str| run(spec, false).unwrap_err();
        assert_eq!(
            e("BAD").1.to_string(),
            "unexpected custom-columns spec: BAD, expected <header>:<json-path-expr>"
        );
        assert_eq!(
            e("A:.x,B").1.to_string(),
            "unexpected custom-columns spec: B, expected <header>:<json-path-expr>"
        );
        assert_eq!(
            e("").1.to_string(),
            "custom-columns format specified but no custom columns given"
        );
        let (out, err) = e("A:.a[");
        assert_eq!(
            (out.as_str(), err.to_string().as_str()),
            ("A\n", "unterminated array")
        );
        let (out, err) = e("A:.spec.containers[5]");
        assert_eq!(
            (out.as_str(), err.to_string().as_str()),
            ("A\n", "array index out of bounds: index 5, length 2")
        );
        assert!(
            e("A:{.metadata.name}{.kind}")
                .1
                .to_string()
                .starts_with("unexpected path string")
        );
    }

    #[test]
    fn file_form() {
        let cols = parse_file("NAME   IMG\n.metadata.name  {.spec.containers[0].image}\n").unwrap();
        let mut p = CustomColumnsPrinter::new(cols, false);
        p.print(&list()).unwrap();
        assert_eq!(p.flush(), "NAME   IMG\nweb    nginx\ndb     nginx\n");
        assert_eq!(
            parse_file("NAME   IMG\n.metadata.name\n")
                .unwrap_err()
                .to_string(),
            "number of headers (2) and field specifications (1) don't match"
        );
        assert_eq!(
            parse_file("NAME\n").unwrap_err().to_string(),
            "invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs."
        );
    }
}
