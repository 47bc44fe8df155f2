//! The [`Printer`] trait, one implementation per output form, and the factory
//! [`for_format`] that `cmd/*` uses to turn a parsed [`OutputFormat`] into a printer.

use super::{
    Error, ItemForm, OutputFormat, PerItem, Result, custom_columns, gotemplate, json, jsonpath,
    name, table, yaml,
};
use serde_json::Value;
use std::io::Write;

/// Printer options resolved from `PrintFlags` by the command.
#[derive(Clone, Debug)]
pub struct PrintOptions {
    /// Table layout (`wide` is set from the format by [`for_format`]); `no_headers` also
    /// applies to custom-columns.
    pub table: table::TableOptions,
    /// `--allow-missing-template-keys` (default true).
    pub allow_missing_template_keys: bool,
    /// Clock for client-side AGE (fallback table); `None` means now.
    pub now: Option<chrono::DateTime<chrono::Utc>>,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            table: table::TableOptions::default(),
            allow_missing_template_keys: true,
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

    /// How this printer's output of a `List` is made from its items (what lets `get` print
    /// a list as its pages arrive, see [`super::ListStream`]): by default it needs the whole
    /// list.
    fn item_form(&self) -> ItemForm {
        ItemForm::Whole
    }

    /// For a [`ItemForm::Whole`] printer: its template split to print a `List` item by
    /// item, when the template allows it.
    fn per_item(&self) -> Option<Box<dyn PerItem>> {
        None
    }

    /// `get` moves on to another resource kind. Tables flush, reset their widths, switch
    /// the NAME prefix (`kind_prefix`, see `name::kind_ref`) and the NAMESPACE column (`-A`
    /// only applies to namespaced kinds), and print the blank separator line; other printers
    /// ignore it (their objects go into one `List`).
    fn begin_kind(
        &mut self,
        _kind_prefix: Option<&str>,
        _with_namespace: bool,
        _w: &mut dyn Write,
    ) -> Result<()> {
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

    fn item_form(&self) -> ItemForm {
        ItemForm::Json
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

    fn item_form(&self) -> ItemForm {
        ItemForm::Yaml
    }
}

/// `-o name` (operation messages are `OperationPrinter`'s).
#[derive(Debug, Default)]
pub struct NamePrinter;

impl Printer for NamePrinter {
    fn print_event(&mut self, _event_type: &str, obj: &Value, w: &mut dyn Write) -> Result<()> {
        self.print(obj, w)
    }

    fn print(&mut self, obj: &Value, w: &mut dyn Write) -> Result<()> {
        let lines = name::name_lines(obj);
        w.write_all(lines.as_bytes())?;
        Ok(())
    }

    fn item_form(&self) -> ItemForm {
        ItemForm::Each
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

    fn per_item(&self) -> Option<Box<dyn PerItem>> {
        let items = self.path.per_item(self.as_json)?;
        Some(Box::new(items))
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

    fn item_form(&self) -> ItemForm {
        ItemForm::Each
    }
}

/// `-o go-template=` and friends.
#[derive(Debug)]
pub struct GoTemplatePrinter {
    pub template: gotemplate::GoTemplate,
}

impl Printer for GoTemplatePrinter {
    fn print(&mut self, obj: &Value, w: &mut dyn Write) -> Result<()> {
        match self.template.execute(obj) {
            Ok(text) => {
                w.write_all(text.as_bytes())?;
                Ok(())
            }
            Err((text, e)) => {
                // kubectl writes the partial output and a debugging dump to stdout first.
                w.write_all(text.as_bytes())?;
                Err(e)
            }
        }
    }

    fn per_item(&self) -> Option<Box<dyn PerItem>> {
        let items = self.template.per_item()?;
        Some(Box::new(items))
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

    fn begin_kind(
        &mut self,
        kind_prefix: Option<&str>,
        with_namespace: bool,
        w: &mut dyn Write,
    ) -> Result<()> {
        let out = self.begin(kind_prefix, with_namespace);
        w.write_all(out.as_bytes())?;
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write) -> Result<()> {
        w.write_all(self.tables.flush().as_bytes())?;
        Ok(())
    }
}

impl HumanPrinter {
    fn begin(&mut self, kind_prefix: Option<&str>, with_namespace: bool) -> String {
        let mut o = self.tables.options.clone();
        o.kind_prefix = kind_prefix.map(str::to_string);
        o.with_namespace = with_namespace;
        self.tables.begin_kind(o)
    }

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
        OutputFormat::Name => Box::new(NamePrinter),
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
        OutputFormat::GoTemplate(f, value) => {
            let text = if f == "go-template-file" || f == "templatefile" {
                read_file(value).map_err(|e| {
                    Error::Other(format!(
                        "error reading --template {value}, {}\n",
                        go_open_error(value, &e)
                    ))
                })?
            } else {
                value.clone()
            };
            let t = gotemplate::GoTemplate::parse(&text)?
                .allow_missing_keys(options.allow_missing_template_keys);
            Box::new(GoTemplatePrinter { template: t })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::list_wrapper;
    use serde_json::json;

    fn no_files(_: &str) -> std::io::Result<String> {
        Err(std::io::Error::from(std::io::ErrorKind::NotFound))
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
    // `kubectl.1.33 get po,deploy` (tables reset per kind, blank line between, kind prefix).
    #[test]
    fn several_kinds_through_the_trait() {
        let table = |name: &str| {
            json!({"kind": "Table", "columnDefinitions": [
                {"name": "Name", "type": "string", "format": "name", "priority": 0},
                {"name": "Age", "type": "string", "format": "", "priority": 0}],
                "rows": [{"cells": [name, "5m"], "object": {"metadata": {"name": name, "namespace": "ns"}}}]})
        };
        let mut p =
            for_format(&OutputFormat::Default, &PrintOptions::default(), &no_files).unwrap();
        let mut out = Vec::new();
        p.begin_kind(Some("pod"), true, &mut out).unwrap();
        p.print(&table("a-long-pod-name"), &mut out).unwrap();
        p.begin_kind(Some("node"), false, &mut out).unwrap();
        p.print(&table("n1"), &mut out).unwrap();
        p.finish(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "NAMESPACE   NAME                  AGE\nns          pod/a-long-pod-name   5m\n\nNAME      AGE\nnode/n1   5m\n"
        );
    }

    // `kubectl.1.33 get pods -o go-template=...` (and `--template` alone).
    #[test]
    fn go_templates() {
        let list = list_wrapper(vec![
            json!({"kind": "Pod", "metadata": {"name": "web"}, "data": {"k": "aGk="}}),
            json!({"kind": "Pod", "metadata": {"name": "db"}}),
        ]);
        let o = PrintOptions::default();
        let t = "{{range .items}}{{.metadata.name}}{{\"\\n\"}}{{end}}";
        assert_eq!(
            render(&format!("go-template={t}"), &o, std::slice::from_ref(&list)).unwrap(),
            "web\ndb\n"
        );
        let t = "{{range .items}}{{if .data}}{{index .data \"k\" | base64decode}}{{end}}{{end}}";
        assert_eq!(
            render(&format!("template={t}"), &o, std::slice::from_ref(&list)).unwrap(),
            "hi"
        );
        let mut p = for_format(
            &OutputFormat::parse("go-template={{.a.b.c}}").unwrap(),
            &o,
            &no_files,
        )
        .unwrap();
        let mut out = Vec::new();
        let e = p.print(&json!({"a": {"b": "s"}}), &mut out).unwrap_err();
        assert_eq!(
            e.to_string(),
            "error executing template \"{{.a.b.c}}\": template: output:1:4: executing \"output\" at <.a.b.c>: can't evaluate field c in type interface {}"
        );
        assert!(
            String::from_utf8(out)
                .unwrap()
                .starts_with("Error executing template: template: output:1:4:")
        );
        assert_eq!(
            render("go-template-file=/nonexist", &o, &[])
                .unwrap_err()
                .to_string(),
            "error reading --template /nonexist, open /nonexist: no such file or directory\n"
        );
    }

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
}
