//! The result printer of verbs that change objects (kubectl's `PrintFlags.ToPrinter()` after
//! `PrintFlags.Complete("%s (dry run)")`): the object itself for `-o json|yaml|jsonpath...|
//! go-template...` (or `--template`), `kind[.group]/name` for `-o name`, and otherwise the
//! name printer's `kind[.group]/name <operation>` with ` (dry run)` / ` (server dry run)`.
//!
//! managedFields are left out of `-o json|yaml` unless `--show-managed-fields`; templates
//! see them, as in kubectl (its `OmitManagedFieldsPrinter` only wraps the JSON/YAML printer).

use serde_json::Value;

use super::{OBJECT_FORMATS, OutputFormat, PrintOptions, Printer, Result, for_format, name};
use crate::flags::{DryRun, ObjectPrintFlags};
use crate::ui::Ui;

/// Prints each changed object of one command.
pub struct OperationPrinter {
    mode: Mode,
    dry: DryRun,
    json: bool,
}

enum Mode {
    /// `kind/name <operation>[ (dry run)]`.
    Message,
    /// `-o name`: `kind/name`.
    Name,
    /// `-o json|yaml|jsonpath...|go-template...`.
    Object {
        printer: Box<dyn Printer>,
        keep_managed_fields: bool,
    },
}

impl OperationPrinter {
    /// The printer for these flags. A bad `-o` or an unreadable `*-file=` template is
    /// kubectl's error.
    pub fn new(flags: &ObjectPrintFlags, dry: DryRun) -> Result<Self> {
        let format =
            OutputFormat::parse_for(flags.output(), flags.template.as_deref(), OBJECT_FORMATS)?;
        let mode = match &format {
            OutputFormat::Default => Mode::Message,
            OutputFormat::Name => Mode::Name,
            f => {
                let opts = PrintOptions {
                    allow_missing_template_keys: flags.allow_missing_template_keys.unwrap_or(true),
                    ..PrintOptions::default()
                };
                let read_file = |p: &str| std::fs::read_to_string(p);
                Mode::Object {
                    printer: for_format(f, &opts, &read_file)?,
                    keep_managed_fields: flags.show_managed_fields == Some(true)
                        || !matches!(f, OutputFormat::Json | OutputFormat::Yaml),
                }
            }
        };
        Ok(OperationPrinter {
            mode,
            dry,
            json: format == OutputFormat::Json,
        })
    }

    /// Objects from kubectl's typed clients (the generators): `-o json` writes them in their
    /// Go struct's field order (`generate::shape`), not with sorted keys.
    pub fn typed(mut self) -> Self {
        if let Mode::Object { printer, .. } = &mut self.mode
            && self.json
        {
            *printer = Box::new(crate::generate::shape::JsonPrinter);
        }
        self
    }

    /// Whether `-o` prints the object (so the operation word is not shown).
    pub fn prints_object(&self) -> bool {
        matches!(self.mode, Mode::Object { .. })
    }

    /// Report `obj` after `operation` (`created`, `labeled`, ...).
    pub fn print(&mut self, ui: &Ui, obj: &Value, operation: &str) -> Result<()> {
        let suffixed = format!("{operation}{}", self.dry.suffix());
        self.print_verbatim(ui, obj, &suffixed)
    }

    /// [`print`](Self::print) without the dry-run suffix: kubectl's `patch` (and others that
    /// set the operation after `Complete`) print `patched` even in a dry run.
    pub fn print_verbatim(&mut self, ui: &Ui, obj: &Value, operation: &str) -> Result<()> {
        match &mut self.mode {
            Mode::Message => {
                ui.print(&format!("{} {operation}\n", name::object_ref(obj)))?;
            }
            Mode::Name => ui.print(&format!("{}\n", name::object_ref(obj)))?,
            Mode::Object {
                printer,
                keep_managed_fields,
            } => {
                let mut buf = Vec::new();
                if *keep_managed_fields {
                    printer.print(obj, &mut buf)?;
                } else {
                    let mut shown = obj.clone();
                    super::strip_managed_fields(&mut shown);
                    printer.print(&shown, &mut buf)?;
                }
                ui.print(&String::from_utf8_lossy(&buf))?;
            }
        }
        Ok(())
    }

    /// Several objects as kubectl prints the typed `v1.List` it builds of them (`apply
    /// -o`): `-o json` writes the list's keys in Go's struct order, other formats as usual.
    pub fn print_list(&mut self, ui: &Ui, items: Vec<Value>) -> Result<()> {
        let mut list = serde_json::json!({
            "apiVersion": "v1",
            "items": items,
            "kind": "List",
            "metadata": {},
        });
        match &self.mode {
            Mode::Object {
                keep_managed_fields,
                ..
            } if self.json => {
                if !*keep_managed_fields {
                    super::strip_managed_fields(&mut list);
                }
                let text = super::json::to_kubectl_json_in(&list, super::json::TypedList::List);
                ui.print(&text)?;
                Ok(())
            }
            _ => self.print_verbatim(ui, &list, ""),
        }
    }

    /// Flush what the printer buffered (call once, after the last object).
    pub fn finish(&mut self, ui: &Ui) -> Result<()> {
        if let Mode::Object { printer, .. } = &mut self.mode {
            let mut buf = Vec::new();
            printer.finish(&mut buf)?;
            ui.print(&String::from_utf8_lossy(&buf))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn flags(output: &str) -> ObjectPrintFlags {
        ObjectPrintFlags {
            output: Some(output.into()),
            ..Default::default()
        }
    }

    fn run(flags: &ObjectPrintFlags, dry: DryRun, verbatim: bool) -> String {
        let (ui, cap) = Ui::for_test();
        let obj = json!({"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "managedFields": [{"manager": "m"}]}});
        let mut p = OperationPrinter::new(flags, dry).unwrap();
        if verbatim {
            p.print_verbatim(&ui, &obj, "patched").unwrap();
        } else {
            p.print(&ui, &obj, "created").unwrap();
        }
        p.finish(&ui).unwrap();
        ui.flush().unwrap();
        cap.stdout()
    }

    #[test]
    fn operation_lines() {
        let none = ObjectPrintFlags::default();
        assert_eq!(
            run(&none, DryRun::None, false),
            "deployment.apps/web created\n"
        );
        assert_eq!(
            run(&none, DryRun::Client, false),
            "deployment.apps/web created (dry run)\n"
        );
        assert_eq!(
            run(&none, DryRun::Server, false),
            "deployment.apps/web created (server dry run)\n"
        );
        assert_eq!(
            run(&none, DryRun::Server, true),
            "deployment.apps/web patched\n"
        );
        assert_eq!(
            run(&flags("NAME"), DryRun::Client, false),
            "deployment.apps/web\n"
        );
    }

    #[test]
    fn objects_and_managed_fields() {
        let yaml = run(&flags("yaml"), DryRun::None, false);
        assert!(!yaml.contains("managedFields"), "{yaml}");
        let mut keep = flags("json");
        keep.show_managed_fields = Some(true);
        assert!(run(&keep, DryRun::None, false).contains("managedFields"));
        let tpl = run(
            &flags("jsonpath={.metadata.managedFields[0].manager}"),
            DryRun::None,
            false,
        );
        assert_eq!(tpl, "m");
        let template_only = ObjectPrintFlags {
            template: Some("{{.kind}}".into()),
            ..Default::default()
        };
        assert_eq!(run(&template_only, DryRun::None, false), "Deployment");
    }

    #[test]
    fn bad_formats_are_kubectl_errors() {
        let e = OperationPrinter::new(&flags("wide"), DryRun::None)
            .err()
            .unwrap()
            .to_string();
        assert_eq!(
            e,
            "unable to match a printer suitable for the output format \"wide\", allowed formats \
             are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,\
             name,template,templatefile,yaml"
        );
    }
}
