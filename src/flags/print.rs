//! Output flags: `get`'s [`PrintFlags`] and the [`ObjectPrintFlags`] of every verb that
//! prints the objects it changed (kubectl's `genericclioptions.PrintFlags` without tables).

use super::{Pflag, split_list};
use crate::complete::{Complete, spec};

/// Output flags (`-o`, `--no-headers`, `--show-labels`, `-L`, `--sort-by`, ...), as on `get`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PrintFlags {
    /// Output format. One of: (json, yaml, name, go-template, go-template-file, template,
    /// templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns,
    /// custom-columns-file, wide)
    #[arg(short = 'o', long = "output", value_name = "FORMAT",
          add = Complete::Values(spec::OUTPUT_FORMATS))]
    pub output: Option<String>,
    /// When using the default or custom-column output format, don't print headers
    #[arg(long, pflag_bool())]
    pub no_headers: Option<bool>,
    /// When printing, show all labels as the last column
    #[arg(long, pflag_bool())]
    pub show_labels: Option<bool>,
    /// Accepts a comma separated list of labels that are going to be presented as columns
    #[arg(short = 'L', long = "label-columns", value_name = "LABELS")]
    pub label_columns: Vec<String>,
    /// If non-empty, sort list types using this field specification (a JSONPath expression)
    #[arg(long, value_name = "JSONPATH")]
    pub sort_by: Option<String>,
    /// If present, list the resource type for the requested object(s)
    #[arg(long, pflag_bool())]
    pub show_kind: Option<bool>,
    /// If true, keep the managedFields when printing objects in JSON or YAML format
    #[arg(long, pflag_bool())]
    pub show_managed_fields: Option<bool>,
    /// If true, ignore any errors in templates when a field or map key is missing in the
    /// template (default true)
    #[arg(long, pflag_bool())]
    pub allow_missing_template_keys: Option<bool>,
    /// Template string or path to template file to use when -o=go-template, -o=go-template-file
    #[arg(long, value_name = "TEMPLATE")]
    pub template: Option<String>,
}

impl PrintFlags {
    /// `--no-headers` as a plain bool.
    pub fn no_headers(&self) -> bool {
        self.no_headers.unwrap_or(false)
    }
    /// `--show-labels` as a plain bool.
    pub fn show_labels(&self) -> bool {
        self.show_labels.unwrap_or(false)
    }
    /// `--show-kind` as a plain bool.
    pub fn show_kind(&self) -> bool {
        self.show_kind.unwrap_or(false)
    }
    /// `--show-managed-fields` as a plain bool.
    pub fn show_managed_fields(&self) -> bool {
        self.show_managed_fields.unwrap_or(false)
    }
    /// `--allow-missing-template-keys` (kubectl's default is true).
    pub fn allow_missing_template_keys(&self) -> bool {
        self.allow_missing_template_keys.unwrap_or(true)
    }
    /// `-L a,b -L c` flattened to `[a, b, c]`.
    pub fn label_columns(&self) -> Vec<String> {
        split_list(&self.label_columns)
    }
}

/// The `-o` of verbs that change objects (create, label, annotate, apply, patch, scale, ...):
/// `json|yaml|name|jsonpath...|go-template...`, `--template`, `--show-managed-fields`,
/// `--allow-missing-template-keys`. `printers::OperationPrinter` turns it into a printer.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ObjectPrintFlags {
    /// Output format. One of: (json, yaml, name, go-template, go-template-file, template,
    /// templatefile, jsonpath, jsonpath-as-json, jsonpath-file).
    #[arg(short = 'o', long = "output", value_name = "FORMAT",
          add = Complete::Values(spec::OBJECT_OUTPUT_FORMATS))]
    pub output: Option<String>,
    /// Template string or path to template file to use when -o=go-template, -o=go-template-file.
    #[arg(long, value_name = "TEMPLATE")]
    pub template: Option<String>,
    /// If true, keep the managedFields when printing objects in JSON or YAML format.
    #[arg(long, pflag_bool())]
    pub show_managed_fields: Option<bool>,
    /// If true, ignore any errors in templates when a field or map key is missing in the
    /// template. Only applies to golang and jsonpath output formats. (default true)
    #[arg(long, pflag_bool())]
    pub allow_missing_template_keys: Option<bool>,
}

impl ObjectPrintFlags {
    /// `-o`, empty when not given.
    pub fn output(&self) -> &str {
        self.output.as_deref().unwrap_or("")
    }
}
