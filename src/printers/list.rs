//! The `kind: List` that `get` prints around several objects, written item by item as the
//! pages of a list arrive, so a list of any size is printed holding about one page.
//!
//! Each printer says how its output of a `List` is made ([`ItemForm`]): json and yaml write
//! the wrapper's head, every item exactly as it sits inside the wrapper, then the tail;
//! `-o name` and custom-columns print a `List` as the concatenation of its items; templates
//! (jsonpath, go-template) see the list as a whole, so their items are collected — unless
//! the template reads `.items` one element at a time ([`PerItem`]): then the first page is
//! held (so a list of one page, and any error within it, prints exactly as the whole list
//! would) and from the second page on each item is evaluated as it arrives and dropped.

use serde_json::Value;
use std::io::Write;

use super::{Printer, Result, json, list_wrapper, yaml};

/// How a printer's output of a `List` relates to its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemForm {
    /// The printer needs the whole list (templates over `.items`).
    Whole,
    /// kubectl's `-o json`: 4-space indented, items at depth 2.
    Json,
    /// kubectl's `-o yaml`: items as a block sequence under `items:`.
    Yaml,
    /// The list prints as its items printed one after the other (`-o name`,
    /// custom-columns); an empty list is still printed (custom-columns' header).
    Each,
}

/// A template over a `List` split into what prints before the items, per item and after
/// them, so that the list prints item by item with kubectl's bytes (see
/// `jsonpath::items` and `gotemplate::items` for the shapes that split). A failure on an
/// item reports kubectl's error with the failing item as the object given to the template.
pub trait PerItem {
    /// The output before the first item.
    fn head(&mut self, w: &mut dyn Write) -> Result<()>;
    /// One item's output.
    fn item(&mut self, obj: &Value, w: &mut dyn Write) -> Result<()>;
    /// The output after the last item.
    fn tail(&mut self, w: &mut dyn Write) -> Result<()>;
}

/// A `List` being printed: [`item`](Self::item) for every object in order,
/// [`page_end`](Self::page_end) between pages, then [`finish`](Self::finish).
pub struct ListStream<'p> {
    printer: &'p mut dyn Printer,
    form: ItemForm,
    count: usize,
    /// The items of a [`ItemForm::Whole`] printer (until it streams).
    held: Vec<Value>,
    /// A whole-list template that can print item by item, and whether it does.
    per_item: Option<Box<dyn PerItem>>,
    streaming: bool,
    /// An item failed to print: the rest are skipped, the error is reported by `finish`.
    failed: Option<super::Error>,
}

impl<'p> ListStream<'p> {
    /// Starts a list printed by `printer`.
    pub fn new(printer: &'p mut dyn Printer) -> Self {
        let form = printer.item_form();
        let per_item = match form {
            ItemForm::Whole => printer.per_item(),
            _ => None,
        };
        ListStream {
            form,
            printer,
            count: 0,
            held: Vec::new(),
            per_item,
            streaming: false,
            failed: None,
        }
    }

    /// A page of a longer list ended: a template that prints item by item starts to (the
    /// first page's items are printed now and dropped). When the template fails on one of
    /// them, the whole list is held instead, for kubectl's report of the failure.
    pub fn page_end(&mut self, w: &mut dyn Write) -> Result<()> {
        if self.streaming || self.failed.is_some() || self.held.is_empty() {
            return Ok(());
        }
        let Some(mut p) = self.per_item.take() else {
            return Ok(());
        };
        let mut first: Vec<u8> = Vec::new();
        let mut printed = p.head(&mut first);
        for obj in &self.held {
            printed = printed.and_then(|()| p.item(obj, &mut first));
        }
        if printed.is_ok() {
            w.write_all(&first)?;
            self.held = Vec::new();
            self.per_item = Some(p);
            self.streaming = true;
        }
        Ok(())
    }

    /// An I/O error is returned at once; a printer's error stops the list.
    fn settle(&mut self, printed: Result<()>) -> Result<()> {
        match printed {
            Err(super::Error::Io(e)) => Err(super::Error::Io(e)),
            Err(e) => {
                self.failed = Some(e);
                Ok(())
            }
            Ok(()) => Ok(()),
        }
    }

    /// Whether no item was given yet.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Prints (or, for templates, keeps) the next item. An I/O error is returned at once; a
    /// printer's error stops the list and comes back from [`finish`](Self::finish).
    pub fn item(&mut self, obj: Value, w: &mut dyn Write) -> Result<()> {
        if self.failed.is_some() {
            return Ok(());
        }
        self.count += 1;
        let first = self.count == 1;
        let printed = match (self.form, self.per_item.as_mut()) {
            (ItemForm::Whole, Some(p)) if self.streaming => p.item(&obj, w),
            (ItemForm::Whole, _) => {
                self.held.push(obj);
                Ok(())
            }
            (ItemForm::Json, _) => {
                if first {
                    w.write_all(json_parts().0.as_bytes())?;
                    w.write_all(b"[")?;
                } else {
                    w.write_all(b",")?;
                }
                w.write_all(json::list_item(&obj).as_bytes())?;
                Ok(())
            }
            (ItemForm::Yaml, _) => yaml::list_item(obj).and_then(|text| {
                if first {
                    w.write_all(yaml_parts()?.0.as_bytes())?;
                    w.write_all(b"items:\n")?;
                }
                w.write_all(text.as_bytes())?;
                Ok(())
            }),
            (ItemForm::Each, _) => self.printer.print(&obj, w),
        };
        self.settle(printed)
    }

    /// Ends the list (the wrapper's tail, or the whole list for templates) and the printer.
    pub fn finish(self, w: &mut dyn Write) -> Result<()> {
        let ListStream {
            printer,
            form,
            count,
            held,
            mut per_item,
            streaming,
            failed,
        } = self;
        let ended = match (failed, form) {
            (Some(e), _) => Err(e),
            (None, ItemForm::Whole) if streaming => match per_item.as_mut() {
                Some(p) => p.tail(w),
                None => Ok(()),
            },
            (None, ItemForm::Whole) => printer.print(&list_wrapper(held), w),
            (None, ItemForm::Each) if count == 0 => printer.print(&list_wrapper(Vec::new()), w),
            (None, ItemForm::Each) => Ok(()),
            (None, ItemForm::Json) => {
                let (head, tail) = json_parts();
                if count == 0 {
                    w.write_all(head.as_bytes())?;
                    w.write_all(b"[]")?;
                } else {
                    w.write_all(b"\n    ]")?;
                }
                w.write_all(tail.as_bytes())?;
                Ok(())
            }
            (None, ItemForm::Yaml) => yaml_parts().and_then(|(head, tail)| {
                if count == 0 {
                    w.write_all(head.as_bytes())?;
                    w.write_all(b"items: []\n")?;
                }
                w.write_all(tail.as_bytes())?;
                Ok(())
            }),
        };
        let finished = printer.finish(w);
        ended.and(finished)
    }
}

/// kubectl's json of an empty `List`, split around the items' `[]`.
fn json_parts() -> (String, String) {
    let empty = json::to_kubectl_json(&list_wrapper(Vec::new()));
    let at = empty.find("[]").unwrap_or(empty.len());
    let tail = empty.get(at + 2..).unwrap_or("");
    (empty[..at].to_string(), tail.to_string())
}

/// kubectl's yaml of an empty `List`, split around its `items: []` line.
fn yaml_parts() -> Result<(String, String)> {
    let empty = yaml::to_kubectl_yaml(&list_wrapper(Vec::new()))?;
    let at = empty.find("items: []\n").unwrap_or(empty.len());
    let tail = empty.get(at + "items: []\n".len()..).unwrap_or("");
    Ok((empty[..at].to_string(), tail.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::{OutputFormat, PrintOptions, for_format};
    use serde_json::json;

    fn no_files(_: &str) -> std::io::Result<String> {
        Err(std::io::Error::from(std::io::ErrorKind::NotFound))
    }

    /// The streamed list and the whole list printed at once are the same bytes.
    #[test]
    fn streamed_lists_match_whole_lists() {
        let long = "word ".repeat(30);
        let items = [
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"},
                   "data": {"k": "yes", "long": long, "multi": "x\ny\n", "<": [1, 1.5, {}]}}),
            json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "b"},
                   "spec": {"replicas": 2, "template": {"spec": {"containers": [
                       {"name": "c", "args": ["-a", " lead"]}]}}}}),
        ];
        for format in [
            "json",
            "yaml",
            "name",
            "custom-columns=N:.metadata.name,K:.kind",
            "jsonpath={.items[*].metadata.name}",
            "go-template={{range .items}}{{.metadata.name}};{{end}}",
        ] {
            let f = OutputFormat::parse(format).unwrap();
            for n in 0..=items.len() {
                let some: Vec<Value> = items[..n].to_vec();
                let mut whole = for_format(&f, &PrintOptions::default(), &no_files).unwrap();
                let mut want = Vec::new();
                whole.print(&list_wrapper(some.clone()), &mut want).unwrap();
                whole.finish(&mut want).unwrap();
                let mut p = for_format(&f, &PrintOptions::default(), &no_files).unwrap();
                let mut got = Vec::new();
                let mut list = ListStream::new(p.as_mut());
                for it in some {
                    list.item(it, &mut got).unwrap();
                }
                list.finish(&mut got).unwrap();
                assert_eq!(
                    String::from_utf8(got).unwrap(),
                    String::from_utf8(want).unwrap(),
                    "{format} with {n} items"
                );
            }
        }
    }

    fn printed(format: &str, items: &[Value], pages: Option<usize>) -> (String, Option<String>) {
        let f = OutputFormat::parse(format).unwrap();
        let mut p = for_format(&f, &PrintOptions::default(), &no_files).unwrap();
        let mut out = Vec::new();
        let mut list = ListStream::new(p.as_mut());
        for (i, it) in items.iter().enumerate() {
            list.item(it.clone(), &mut out).unwrap();
            if pages.is_some_and(|n| (i + 1) % n == 0 && i + 1 < items.len()) {
                list.page_end(&mut out).unwrap();
            }
        }
        let err = list.finish(&mut out).err().map(|e| e.to_string());
        (String::from_utf8(out).unwrap(), err)
    }

    /// Templates that read `.items` element-wise print page by page with the whole list's
    /// bytes; every other template too (held whole).
    #[test]
    fn templates_print_page_by_page_as_whole_lists() {
        let pod = |name: &str, phase: Option<&str>, vols: Value| {
            let mut p = json!({"apiVersion": "v1", "kind": "Pod",
                "metadata": {"name": name, "labels": {"app": name}},
                "spec": {"containers": [{"name": "c", "image": "nginx"}, {"name": "d", "image": "redis"}],
                         "volumes": vols}});
            if let Some(ph) = phase {
                p["status"] = json!({"phase": ph});
            }
            p
        };
        let items = [
            pod(
                "a",
                Some("Running"),
                json!([{"name": "v1"}, {"name": "v2"}]),
            ),
            pod("b", None, json!([{"name": "v3"}])),
            pod("c", Some("Pending"), json!([])),
            pod("d", Some("Running"), json!([{"name": "v4"}])),
            pod("e", Some("Failed"), json!([{"name": "v5"}])),
        ];
        let templates = [
            "jsonpath={.items[*].metadata.name}",
            "jsonpath={.items.*.metadata.name}",
            "jsonpath=[{.kind}] {.items[*].metadata.name} {.apiVersion}\n",
            "jsonpath={.items[*].status.phase}",
            "jsonpath={.items[*].spec.containers[*].image}",
            "jsonpath={.items[*].spec.volumes[*].name}",
            "jsonpath={.items[*].spec.volumes[0].name}",
            "jsonpath={.items[*].spec.containers[?(@.name==\"d\")].image}",
            "jsonpath={.items[*]..name}",
            "jsonpath={.items[*].metadata}",
            "jsonpath={.items[*].metadata['name','labels']}",
            "jsonpath={.items[*].metadata.name}{.items[*].metadata.name}",
            "jsonpath={.items[0].metadata.name}",
            "jsonpath={.items}",
            "jsonpath={range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}",
            "jsonpath={range .items[*]}{range .spec.containers[*]}{.name}-{end};{end}tail{.kind}",
            "jsonpath={range .items[*]}{.metadata.name},",
            "jsonpath={range .items[*]}{.spec.volumes[0].name}{end}",
            "jsonpath={range .items[1:]}{.metadata.name}{end}",
            "jsonpath-as-json={.items[*].metadata.name}",
            "jsonpath-as-json={.items[*].spec.volumes[*]}",
            "jsonpath-as-json=x{range .items[*]}{.metadata.name}{end}{.kind}",
            "go-template={{range .items}}{{.metadata.name}} {{.status.phase}}\n{{end}}",
            "go-template=head {{range $i, $p := .items}}{{$i}}={{$p.metadata.name}};{{end}} tail",
            "go-template={{range .items}}{{if eq .metadata.name \"d\"}}{{break}}{{end}}{{.metadata.name}}{{end}}",
            "go-template={{range .items}}{{if eq .metadata.name \"b\"}}{{continue}}{{end}}{{.metadata.name}}{{end}}",
            "go-template={{range .items}}{{.metadata.name}}{{else}}none{{end}}",
            "go-template={{range .items}}{{$.kind}}{{.metadata.name}}{{end}}",
            "go-template={{range .items}}{{.status.phase.x}}{{end}}",
            "go-template={{len .items}}",
        ];
        let split = |t: &str| {
            let f = OutputFormat::parse(t).unwrap();
            let p = for_format(&f, &PrintOptions::default(), &no_files).unwrap();
            p.per_item().is_some()
        };
        let whole: Vec<&str> = templates.iter().copied().filter(|t| !split(t)).collect();
        assert_eq!(
            whole,
            [
                "jsonpath={.items[*].metadata['name','labels']}",
                "jsonpath={.items[*].metadata.name}{.items[*].metadata.name}",
                "jsonpath={.items[0].metadata.name}",
                "jsonpath={.items}",
                "jsonpath={range .items[*]}{.metadata.name},",
                "jsonpath={range .items[1:]}{.metadata.name}{end}",
                "go-template={{range .items}}{{$.kind}}{{.metadata.name}}{{end}}",
                "go-template={{len .items}}",
            ]
        );
        for t in templates {
            for n in 0..=items.len() {
                let want = printed(t, &items[..n], None);
                for page in 1..=3 {
                    let got = printed(t, &items[..n], Some(page));
                    if want.1.is_some() {
                        // A failure after the first page reports the failing item only.
                        assert!(got.1.is_some(), "{t} with {n} items, pages of {page}");
                        continue;
                    }
                    assert_eq!(got, want, "{t} with {n} items, pages of {page}");
                }
            }
        }
    }

    #[test]
    fn a_failing_item_stops_the_list() {
        let f = OutputFormat::parse("custom-columns=N:.metadata.name[0]").unwrap();
        let mut p = for_format(&f, &PrintOptions::default(), &no_files).unwrap();
        let mut out = Vec::new();
        let mut list = ListStream::new(p.as_mut());
        for name in ["x", "y"] {
            list.item(json!({"metadata": {"name": name}}), &mut out)
                .unwrap();
        }
        assert!(list.finish(&mut out).is_err());
    }
}
