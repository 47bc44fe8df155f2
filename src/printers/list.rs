//! The `kind: List` that `get` prints around several objects, written item by item as the
//! pages of a list arrive, so a list of any size is printed holding about one page.
//!
//! Each printer says how its output of a `List` is made ([`ItemForm`]): json and yaml write
//! the wrapper's head, every item exactly as it sits inside the wrapper, then the tail;
//! `-o name` and custom-columns print a `List` as the concatenation of its items; templates
//! (jsonpath, go-template) see the list as a whole, so their items are collected.

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

/// A `List` being printed: [`item`](Self::item) for every object in order, then
/// [`finish`](Self::finish).
pub struct ListStream<'p> {
    printer: &'p mut dyn Printer,
    form: ItemForm,
    count: usize,
    /// The items of a [`ItemForm::Whole`] printer.
    held: Vec<Value>,
    /// An item failed to print: the rest are skipped, the error is reported by `finish`.
    failed: Option<super::Error>,
}

impl<'p> ListStream<'p> {
    /// Starts a list printed by `printer`.
    pub fn new(printer: &'p mut dyn Printer) -> Self {
        ListStream {
            form: printer.item_form(),
            printer,
            count: 0,
            held: Vec::new(),
            failed: None,
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
        let printed = match self.form {
            ItemForm::Whole => {
                self.held.push(obj);
                Ok(())
            }
            ItemForm::Json => {
                if first {
                    w.write_all(json_parts().0.as_bytes())?;
                    w.write_all(b"[")?;
                } else {
                    w.write_all(b",")?;
                }
                w.write_all(json::list_item(&obj).as_bytes())?;
                Ok(())
            }
            ItemForm::Yaml => yaml::list_item(obj).and_then(|text| {
                if first {
                    w.write_all(yaml_parts()?.0.as_bytes())?;
                    w.write_all(b"items:\n")?;
                }
                w.write_all(text.as_bytes())?;
                Ok(())
            }),
            ItemForm::Each => self.printer.print(&obj, w),
        };
        match printed {
            Err(super::Error::Io(e)) => Err(super::Error::Io(e)),
            Err(e) => {
                self.failed = Some(e);
                Ok(())
            }
            Ok(()) => Ok(()),
        }
    }

    /// Ends the list (the wrapper's tail, or the whole list for templates) and the printer.
    pub fn finish(self, w: &mut dyn Write) -> Result<()> {
        let ListStream {
            printer,
            form,
            count,
            held,
            failed,
        } = self;
        let ended = match (failed, form) {
            (Some(e), _) => Err(e),
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
