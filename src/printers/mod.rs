//! Printers: pure functions from objects (`serde_json::Value`) to kubectl's exact bytes.
//!
//! Nothing here touches the network or clap: `cmd/*` resolves flags into an
//! [`OutputFormat`] + [`PrintOptions`], builds a [`Printer`] with [`for_format`], and feeds it
//! objects. Each submodule owns one output form; `gofmt` holds the Go formatting primitives
//! they share.

pub mod custom_columns;
pub mod gofmt;
pub mod humanize;
pub mod json;
pub mod jsonpath;
pub mod name;
pub mod sort;
pub mod table;
pub mod tabwriter;
pub mod yaml;

use serde_json::Value;
use std::io::Write;

/// Printer errors. `Display` is kubectl's message without the `error: ` prefix. Some
/// messages already end in `\n` (kubectl's do too); the reporter should add a newline only
/// when the message lacks one, as kubectl's `CheckErr` does.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "unable to match a printer suitable for the output format \"{format}\", allowed formats are: {allowed}"
    )]
    UnknownFormat { format: String, allowed: String },
    /// A jsonpath template that does not parse (`-o jsonpath=`, custom-columns, sort-by).
    #[error("{0}")]
    JsonPathParse(String),
    /// A jsonpath template that failed while executing against an object.
    #[error("{0}")]
    JsonPathExec(String),
    #[error("{0}")]
    CustomColumns(String),
    #[error("{0}")]
    Sort(String),
    #[error("{0}")]
    Yaml(String),
    #[error("{0}")]
    Other(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Printer errors reach the user through the crate's one reporter as `error: <message>`
/// (I/O errors keep their kind, so a closed stdout pipe stays silent).
impl From<Error> for crate::error::Error {
    fn from(e: Error) -> Self {
        match e {
            Error::Io(io) => crate::error::Error::Io(io),
            other => crate::error::Error::Msg(other.to_string()),
        }
    }
}

/// The output formats `kubectl get` accepts, in kubectl's (alphabetical) error-message order.
pub const GET_FORMATS: &[&str] = &[
    "custom-columns",
    "custom-columns-file",
    "go-template",
    "go-template-file",
    "json",
    "jsonpath",
    "jsonpath-as-json",
    "jsonpath-file",
    "name",
    "template",
    "templatefile",
    "wide",
    "yaml",
];

/// The formats of commands that print objects but no tables (create, apply, label, ...).
pub const OBJECT_FORMATS: &[&str] = &[
    "go-template",
    "go-template-file",
    "json",
    "jsonpath",
    "jsonpath-as-json",
    "jsonpath-file",
    "name",
    "template",
    "templatefile",
    "yaml",
];

/// A resolved `-o/--output` value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// No `-o`: the human-readable table.
    Default,
    Wide,
    Json,
    Yaml,
    Name,
    JsonPath(String),
    JsonPathFile(String),
    JsonPathAsJson(String),
    CustomColumns(String),
    CustomColumnsFile(String),
    /// `go-template`, `go-template-file`, `template`, `templatefile` (format, value).
    GoTemplate(String, String),
}

impl OutputFormat {
    /// Parses `-o` for `kubectl get` (see [`OutputFormat::parse_for`]).
    pub fn parse(output: &str) -> Result<Self> {
        Self::parse_for(output, None, GET_FORMATS)
    }

    /// Parses `-o VALUE` (plus `--template`, which supplies the template when `-o` names
    /// only the format) for a command accepting `allowed` formats. `json`, `yaml` and `name`
    /// are case-insensitive, the rest exact, as in kubectl.
    pub fn parse_for(output: &str, template: Option<&str>, allowed: &[&str]) -> Result<Self> {
        let template = template.filter(|t| !t.is_empty());
        let unknown = || Error::UnknownFormat {
            format: output.to_string(),
            allowed: allowed.join(","),
        };
        let permitted = |f: &str| allowed.contains(&f);
        if output.is_empty() {
            return match template {
                // `--template` alone means go-template.
                Some(t) => Ok(OutputFormat::GoTemplate("go-template".into(), t.into())),
                None => Ok(OutputFormat::Default),
            };
        }
        let lower = output.to_lowercase();
        match lower.as_str() {
            "json" if permitted("json") => return Ok(OutputFormat::Json),
            "yaml" if permitted("yaml") => return Ok(OutputFormat::Yaml),
            "name" if permitted("name") => return Ok(OutputFormat::Name),
            _ => {}
        }
        if output == "wide" && permitted("wide") {
            return Ok(OutputFormat::Wide);
        }
        const TEMPLATES: &[&str] = &[
            "jsonpath",
            "jsonpath-file",
            "jsonpath-as-json",
            "go-template",
            "go-template-file",
            "template",
            "templatefile",
        ];
        const COLUMNS: &[&str] = &["custom-columns", "custom-columns-file"];
        for (group, empty_msg) in [
            (TEMPLATES, "template format specified but no template given"),
            (
                COLUMNS,
                "custom-columns format specified but no custom columns given",
            ),
        ] {
            let (format, value) = match template {
                Some(t) => (output, t),
                None => group
                    .iter()
                    .find_map(|f| {
                        output
                            .strip_prefix(f)
                            .and_then(|v| v.strip_prefix('='))
                            .map(|v| (*f, v))
                    })
                    .unwrap_or((output, "")),
            };
            if !group.contains(&format) || !permitted(format) {
                continue;
            }
            if value.is_empty() {
                return Err(Error::Other(empty_msg.into()));
            }
            let v = value.to_string();
            return Ok(match format {
                "jsonpath" => OutputFormat::JsonPath(v),
                "jsonpath-file" => OutputFormat::JsonPathFile(v),
                "jsonpath-as-json" => OutputFormat::JsonPathAsJson(v),
                "custom-columns" => OutputFormat::CustomColumns(v),
                "custom-columns-file" => OutputFormat::CustomColumnsFile(v),
                f => OutputFormat::GoTemplate(f.to_string(), v),
            });
        }
        Err(unknown())
    }

    /// Formats printed by the human-readable (server-side Table) path.
    pub fn is_human_readable(&self) -> bool {
        matches!(self, OutputFormat::Default | OutputFormat::Wide)
    }
}

/// Printer options resolved from `PrintFlags` by the command.
#[derive(Clone, Debug)]
pub struct PrintOptions {
    /// Table layout (`wide` is set from the format by [`for_format`]); `no_headers` also
    /// applies to custom-columns.
    pub table: table::TableOptions,
    /// `--allow-missing-template-keys` (default true).
    pub allow_missing_template_keys: bool,
    /// The name printer's operation (`created`, `configured (dry run)`), if any.
    pub operation: Option<String>,
    /// Clock for client-side AGE (fallback table); `None` means now.
    pub now: Option<chrono::DateTime<chrono::Utc>>,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            table: table::TableOptions::default(),
            allow_missing_template_keys: true,
            operation: None,
            now: None,
        }
    }
}

/// An object printer. `print` may buffer (tables align over everything printed); `finish`
/// writes what is buffered. `get -w` calls `finish` after each event; printers stay usable.
pub trait Printer {
    fn print(&mut self, obj: &Value, w: &mut dyn Write) -> Result<()>;

    /// One `get -w --output-watch-events` event. By default the printer sees kubectl's
    /// `{"object": ..., "type": ...}` wrapper (yaml, jsonpath and custom-columns evaluate
    /// against it, as kubectl's do); json, name and tables override.
    fn print_event(&mut self, event_type: &str, obj: &Value, w: &mut dyn Write) -> Result<()> {
        self.print(&watch_event_object(event_type, obj), w)
    }

    fn finish(&mut self, _w: &mut dyn Write) -> Result<()> {
        Ok(())
    }
}

/// `-o json`: one pretty document per object, no separator.
#[derive(Debug, Default)]
pub struct JsonPrinter;

impl Printer for JsonPrinter {
    fn print(&mut self, obj: &Value, w: &mut dyn Write) -> Result<()> {
        w.write_all(json::to_kubectl_json(obj).as_bytes())?;
        Ok(())
    }

    /// kubectl prints a watch event as one compact line, `type` first.
    fn print_event(&mut self, event_type: &str, obj: &Value, w: &mut dyn Write) -> Result<()> {
        let line = format!(
            "{{\"type\":{},\"object\":{}}}\n",
            json::quote(event_type),
            json::to_compact(obj)
        );
        w.write_all(line.as_bytes())?;
        Ok(())
    }
}

/// The `metav1.WatchEvent` shape printers see under `--output-watch-events`.
pub fn watch_event_object(event_type: &str, obj: &Value) -> Value {
    serde_json::json!({"type": event_type, "object": obj})
}

/// `-o yaml`: documents separated by `---` from the second object on.
#[derive(Debug, Default)]
pub struct YamlPrinter {
    count: usize,
}

impl Printer for YamlPrinter {
    fn print(&mut self, obj: &Value, w: &mut dyn Write) -> Result<()> {
        let text = yaml::to_kubectl_yaml(obj)?;
        self.count += 1;
        if self.count > 1 {
            w.write_all(b"---\n")?;
        }
        w.write_all(text.as_bytes())?;
        Ok(())
    }
}

/// `-o name`, or the operation messages when `operation` is set.
#[derive(Debug, Default)]
pub struct NamePrinter {
    pub operation: Option<String>,
}

impl Printer for NamePrinter {
    fn print_event(&mut self, _event_type: &str, obj: &Value, w: &mut dyn Write) -> Result<()> {
        self.print(obj, w)
    }

    fn print(&mut self, obj: &Value, w: &mut dyn Write) -> Result<()> {
        let lines = name::name_lines(obj);
        for line in lines.lines() {
            match &self.operation {
                Some(op) => writeln!(w, "{line} {op}")?,
                None => writeln!(w, "{line}")?,
            }
        }
        Ok(())
    }
}

/// `-o jsonpath=` / `jsonpath-file=` / `jsonpath-as-json=`.
#[derive(Debug)]
pub struct JsonPathPrinter {
    pub path: jsonpath::JsonPath,
    pub as_json: bool,
}

impl Printer for JsonPathPrinter {
    fn print(&mut self, obj: &Value, w: &mut dyn Write) -> Result<()> {
        let text = jsonpath::print(&self.path, obj, self.as_json)?;
        w.write_all(text.as_bytes())?;
        Ok(())
    }
}

impl Printer for custom_columns::CustomColumnsPrinter {
    fn print(&mut self, obj: &Value, w: &mut dyn Write) -> Result<()> {
        let r = custom_columns::CustomColumnsPrinter::print(self, obj);
        if r.is_err() {
            // kubectl flushes what it had (the header) before reporting the error.
            w.write_all(self.flush().as_bytes())?;
        }
        r
    }

    fn finish(&mut self, w: &mut dyn Write) -> Result<()> {
        w.write_all(self.flush().as_bytes())?;
        Ok(())
    }
}

/// The human-readable printer: server Tables, or NAME/AGE for anything else.
#[derive(Debug)]
pub struct HumanPrinter {
    pub tables: table::TablePrinter,
    pub now: Option<chrono::DateTime<chrono::Utc>>,
}

impl Printer for HumanPrinter {
    fn print(&mut self, obj: &Value, _w: &mut dyn Write) -> Result<()> {
        self.table_or_fallback(obj, None);
        Ok(())
    }

    fn print_event(&mut self, event_type: &str, obj: &Value, _w: &mut dyn Write) -> Result<()> {
        self.table_or_fallback(obj, Some(event_type));
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write) -> Result<()> {
        w.write_all(self.tables.flush().as_bytes())?;
        Ok(())
    }
}

impl HumanPrinter {
    fn table_or_fallback(&mut self, obj: &Value, event: Option<&str>) {
        if obj.get("kind").and_then(Value::as_str) == Some("Table") {
            self.tables.print_table(obj, event);
            return;
        }
        let now = self.now.unwrap_or_else(chrono::Utc::now);
        let items = match obj.get("items").and_then(Value::as_array) {
            Some(items)
                if obj
                    .get("kind")
                    .and_then(Value::as_str)
                    .is_some_and(|k| k.ends_with("List")) =>
            {
                items.clone()
            }
            _ => vec![obj.clone()],
        };
        self.tables
            .print_table(&table::fallback_table(&items, now), event);
    }
}

/// The one printer factory. `read_file` supplies `*-file=` templates (kept out of this pure
/// module); its error is reported the way kubectl reports it.
pub fn for_format(
    format: &OutputFormat,
    options: &PrintOptions,
    read_file: &dyn Fn(&str) -> std::io::Result<String>,
) -> Result<Box<dyn Printer>> {
    let jsonpath_printer = |tpl: &str, as_json: bool| -> Result<Box<dyn Printer>> {
        let path = jsonpath::JsonPath::parse(tpl)
            .map_err(|m| jsonpath::parse_error(tpl, &m))?
            .allow_missing_keys(options.allow_missing_template_keys);
        Ok(Box::new(JsonPathPrinter { path, as_json }))
    };
    Ok(match format {
        OutputFormat::Default | OutputFormat::Wide => {
            let mut t = options.table.clone();
            t.wide = *format == OutputFormat::Wide;
            Box::new(HumanPrinter {
                tables: table::TablePrinter::new(t),
                now: options.now,
            })
        }
        OutputFormat::Json => Box::new(JsonPrinter),
        OutputFormat::Yaml => Box::new(YamlPrinter::default()),
        OutputFormat::Name => Box::new(NamePrinter {
            operation: options.operation.clone(),
        }),
        OutputFormat::JsonPath(t) => jsonpath_printer(t, false)?,
        OutputFormat::JsonPathAsJson(t) => jsonpath_printer(t, true)?,
        OutputFormat::JsonPathFile(path) => {
            let t = read_file(path).map_err(|e| {
                Error::Other(format!(
                    "error reading --template {path}, {}\n",
                    go_open_error(path, &e)
                ))
            })?;
            jsonpath_printer(&t, false)?
        }
        OutputFormat::CustomColumns(spec) => Box::new(custom_columns::CustomColumnsPrinter::new(
            custom_columns::parse_spec(spec)?,
            options.table.no_headers,
        )),
        OutputFormat::CustomColumnsFile(path) => {
            let text = read_file(path).map_err(|e| {
                Error::Other(format!(
                    "error reading template {path}, {}\n",
                    go_open_error(path, &e)
                ))
            })?;
            Box::new(custom_columns::CustomColumnsPrinter::new(
                custom_columns::parse_file(&text)?,
                // kubectl ignores --no-headers for the file form.
                false,
            ))
        }
        OutputFormat::GoTemplate(f, _) => {
            return Err(Error::Other(format!(
                "output format {f} (Go templates) is not supported by kk; use -o jsonpath instead"
            )));
        }
    })
}

/// Go's `os.Open` error text (`open /x: no such file or directory`).
pub fn go_open_error(path: &str, e: &std::io::Error) -> String {
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => e.to_string(),
    };
    format!("open {path}: {reason}")
}

/// The `kind: List` wrapper `get` prints for json/yaml/jsonpath/name over several objects.
pub fn list_wrapper(items: Vec<Value>) -> Value {
    serde_json::json!({
        "apiVersion": "v1",
        "items": items,
        "kind": "List",
        "metadata": {"resourceVersion": ""},
    })
}

/// Drops `metadata.managedFields` (kubectl does unless `--show-managed-fields`), in the
/// object and in a list's items.
pub fn strip_managed_fields(obj: &mut Value) {
    if let Some(m) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
        m.remove("managedFields");
    }
    if let Some(items) = obj.get_mut("items").and_then(Value::as_array_mut) {
        for it in items {
            strip_managed_fields(it);
        }
    }
}

/// `--show-labels` with a non-table format.
pub fn show_labels_error(output: &str) -> Error {
    Error::Other(format!(
        "--show-labels option cannot be used with {output} printer"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn no_files(_: &str) -> std::io::Result<String> {
        Err(std::io::Error::from(std::io::ErrorKind::NotFound))
    }

    // Messages from `kubectl.1.33 get pods -o ...`.
    #[test]
    fn parses_output_flags() {
        use OutputFormat::*;
        assert_eq!(OutputFormat::parse("").unwrap(), Default);
        assert_eq!(OutputFormat::parse("wide").unwrap(), Wide);
        assert_eq!(OutputFormat::parse("JSON").unwrap(), Json);
        assert_eq!(OutputFormat::parse("yaml").unwrap(), Yaml);
        assert_eq!(OutputFormat::parse("name").unwrap(), Name);
        assert_eq!(
            OutputFormat::parse("jsonpath={.a}").unwrap(),
            JsonPath("{.a}".into())
        );
        assert_eq!(
            OutputFormat::parse("jsonpath-file=f").unwrap(),
            JsonPathFile("f".into())
        );
        assert_eq!(
            OutputFormat::parse("jsonpath-as-json={.a}").unwrap(),
            JsonPathAsJson("{.a}".into())
        );
        assert_eq!(
            OutputFormat::parse("custom-columns=A:.a").unwrap(),
            CustomColumns("A:.a".into())
        );
        assert_eq!(
            OutputFormat::parse("custom-columns-file=f").unwrap(),
            CustomColumnsFile("f".into())
        );
        assert_eq!(
            OutputFormat::parse_for("jsonpath", Some("{.kind}"), GET_FORMATS).unwrap(),
            JsonPath("{.kind}".into())
        );
        assert_eq!(
            OutputFormat::parse_for("", Some("{{.kind}}"), GET_FORMATS).unwrap(),
            GoTemplate("go-template".into(), "{{.kind}}".into())
        );
        let err = |o: &str| OutputFormat::parse(o).unwrap_err().to_string();
        let list = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";
        for bad in ["foo", "Wide", "yaml=x", "name="] {
            assert_eq!(
                err(bad),
                format!(
                    "unable to match a printer suitable for the output format \"{bad}\", allowed formats are: {list}"
                )
            );
        }
        assert_eq!(
            OutputFormat::parse_for("jsonpath={.kind}", Some("{.x}"), GET_FORMATS)
                .unwrap_err()
                .to_string(),
            format!(
                "unable to match a printer suitable for the output format \"jsonpath={{.kind}}\", allowed formats are: {list}"
            )
        );
        for o in [
            "jsonpath",
            "jsonpath=",
            "jsonpath-file",
            "jsonpath-as-json=",
        ] {
            assert_eq!(err(o), "template format specified but no template given");
        }
        for o in ["custom-columns", "custom-columns-file", "custom-columns="] {
            assert_eq!(
                err(o),
                "custom-columns format specified but no custom columns given"
            );
        }
        assert_eq!(
            OutputFormat::parse_for("wide", None, OBJECT_FORMATS)
                .unwrap_err()
                .to_string(),
            "unable to match a printer suitable for the output format \"wide\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml"
        );
    }

    fn render(format: &str, opts: &PrintOptions, objs: &[Value]) -> Result<String> {
        let mut p = for_format(&OutputFormat::parse(format)?, opts, &no_files)?;
        let mut out = Vec::new();
        for o in objs {
            p.print(o, &mut out)?;
        }
        p.finish(&mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn factory_prints_each_format() {
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"a": "yes"}});
        let o = PrintOptions::default();
        assert_eq!(
            render("yaml", &o, &[cm.clone(), cm.clone()]).unwrap(),
            "apiVersion: v1\ndata:\n  a: \"yes\"\nkind: ConfigMap\nmetadata:\n  name: x\n---\napiVersion: v1\ndata:\n  a: \"yes\"\nkind: ConfigMap\nmetadata:\n  name: x\n"
        );
        assert_eq!(
            render("name", &o, &[list_wrapper(vec![cm.clone()])]).unwrap(),
            "configmap/x\n"
        );
        let op = PrintOptions {
            operation: Some("created (dry run)".into()),
            ..Default::default()
        };
        assert_eq!(
            render("name", &op, std::slice::from_ref(&cm)).unwrap(),
            "configmap/x created (dry run)\n"
        );
        assert_eq!(
            render(
                "jsonpath={.items[*].metadata.name}",
                &o,
                &[list_wrapper(vec![cm.clone()])]
            )
            .unwrap(),
            "x"
        );
        assert_eq!(
            render("json", &o, &[list_wrapper(vec![])]).unwrap(),
            "{\n    \"apiVersion\": \"v1\",\n    \"items\": [],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n"
        );
        assert_eq!(
            render(
                "custom-columns=N:.metadata.name,D:.data.a",
                &o,
                std::slice::from_ref(&cm)
            )
            .unwrap(),
            "N     D\nx     yes\n"
        );
        assert_eq!(
            render("jsonpath={.a[}", &o, std::slice::from_ref(&cm))
                .unwrap_err()
                .to_string(),
            "error parsing jsonpath {.a[}, unterminated array"
        );
        assert_eq!(
            render("jsonpath-file=/nonexist", &o, std::slice::from_ref(&cm))
                .unwrap_err()
                .to_string(),
            "error reading --template /nonexist, open /nonexist: no such file or directory\n"
        );
        assert_eq!(
            render(
                "custom-columns-file=/nonexist",
                &o,
                std::slice::from_ref(&cm)
            )
            .unwrap_err()
            .to_string(),
            "error reading template /nonexist, open /nonexist: no such file or directory\n"
        );
        let now = chrono::DateTime::parse_from_rfc3339("2024-01-01T00:10:00Z")
            .unwrap()
            .to_utc();
        let fb = PrintOptions {
            now: Some(now),
            ..Default::default()
        };
        let mut aged = cm.clone();
        aged["metadata"]["creationTimestamp"] = json!("2024-01-01T00:00:00Z");
        assert_eq!(
            render("", &fb, &[list_wrapper(vec![aged])]).unwrap(),
            "NAME   AGE\nx      10m\n"
        );
    }

    // `kubectl.1.33 get pods -w --watch-only -o json|yaml|name|jsonpath --output-watch-events`.
    #[test]
    fn watch_events() {
        let pod =
            json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "a": "<b>"}});
        let o = PrintOptions::default();
        let run = |format: &str| {
            let mut p = for_format(&OutputFormat::parse(format).unwrap(), &o, &no_files).unwrap();
            let mut out = Vec::new();
            p.print_event("ADDED", &pod, &mut out).unwrap();
            p.print_event("MODIFIED", &pod, &mut out).unwrap();
            p.finish(&mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        let line = |t: &str| {
            format!(
                r#"{{"type":"{t}","object":{{"apiVersion":"v1","kind":"Pod","metadata":{{"a":"\u003cb\u003e","name":"web"}}}}}}"#
            ) + "\n"
        };
        assert_eq!(run("json"), line("ADDED") + &line("MODIFIED"));
        let doc = |t: &str| {
            format!(
                "object:\n  apiVersion: v1\n  kind: Pod\n  metadata:\n    a: <b>\n    name: web\ntype: {t}\n"
            )
        };
        assert_eq!(run("yaml"), doc("ADDED") + "---\n" + &doc("MODIFIED"));
        assert_eq!(run("name"), "pod/web\npod/web\n");
        assert_eq!(run("jsonpath={.metadata.name}{\"\\n\"}"), "\n\n");
        assert_eq!(
            run("custom-columns=N:.metadata.name"),
            "N\n<none>\n<none>\n"
        );
    }

    #[test]
    fn errors_render_through_the_reporter() {
        let e: crate::error::Error = jsonpath::parse_error("{.a[}", "unterminated array").into();
        assert_eq!(
            e.render().unwrap(),
            "error: error parsing jsonpath {.a[}, unterminated array\n"
        );
        let obj = json!({"k": 1});
        let jp = jsonpath::JsonPath::parse("{.k[0]}").unwrap();
        let e: crate::error::Error = jsonpath::print(&jp, &obj, false).unwrap_err().into();
        // kubectl's message already ends in newlines; nothing is added.
        assert!(
            e.render()
                .unwrap()
                .ends_with("map[string]interface {}{\"k\":1}\n\n\n")
        );
    }

    // `kubectl.1.33 get pods -o custom-columns-file=f --no-headers` still prints the header.
    #[test]
    fn custom_columns_file_ignores_no_headers() {
        let files = |_: &str| Ok("NAME\n.metadata.name\n".to_string());
        let o = PrintOptions {
            table: table::TableOptions {
                no_headers: true,
                ..Default::default()
            },
            ..Default::default()
        };
        let mut p = for_format(
            &OutputFormat::parse("custom-columns-file=f").unwrap(),
            &o,
            &files,
        )
        .unwrap();
        let mut out = Vec::new();
        p.print(&json!({"metadata": {"name": "web"}}), &mut out)
            .unwrap();
        p.finish(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "NAME\nweb\n");
    }

    #[test]
    fn managed_fields_and_labels_error() {
        let mut l = list_wrapper(vec![
            json!({"metadata": {"name": "a", "managedFields": [{}]}}),
        ]);
        strip_managed_fields(&mut l);
        assert_eq!(l["items"][0]["metadata"], json!({"name": "a"}));
        assert_eq!(
            show_labels_error("json").to_string(),
            "--show-labels option cannot be used with json printer"
        );
    }
}
