//! Printers: pure functions from objects (`serde_json::Value`) to kubectl's exact bytes.
//!
//! Nothing here touches the network or clap: `cmd/*` resolves flags into an
//! [`OutputFormat`] + [`PrintOptions`], builds a [`Printer`] with [`for_format`], and feeds it
//! objects. Each submodule owns one output form; `gofmt` holds the Go formatting primitives
//! they share.
//!
//! How `kk get` drives them (kubectl's order of operations):
//! 1. `OutputFormat::parse_for(-o, --template, GET_FORMATS)`; `--show-labels` with a
//!    non-table format is [`show_labels_error`]`(-o)`.
//! 2. Table path (`is_human_readable`): request Tables; per kind call
//!    `printer.begin_kind(Some(&name::kind_ref(kind, group)) if --show-kind or several
//!    kinds, -A && namespaced, w)`, `sort::sort_table_rows` for `--sort-by`, then `print`
//!    each Table (and `print_event` / `finish` per watch event).
//! 3. Other formats: strip managed fields ([`strip_managed_fields`]) unless
//!    `--show-managed-fields`, then print the single named object, or a [`ListStream`] of
//!    everything, item by item as pages arrive (with `--sort-by`: `sort::sort_objects` first,
//!    so everything is held); `finish` at the end.

pub mod custom_columns;
pub mod factory;
pub mod format;
pub mod gofmt;
pub mod gotemplate;
pub mod humanize;
pub mod json;
pub mod jsonpath;
pub mod list;
pub mod name;
pub mod operation;
pub mod sort;
pub mod table;
pub mod tabwriter;
pub mod yaml;

pub use factory::{
    GoTemplatePrinter, HumanPrinter, JsonPathPrinter, JsonPrinter, NamePrinter, PrintOptions,
    Printer, YamlPrinter, for_format, go_open_error, watch_event_object,
};
pub use format::{GET_FORMATS, OBJECT_FORMATS, OutputFormat};
pub use list::{ItemForm, ListStream, PerItem};
pub use operation::OperationPrinter;
use serde_json::Value;

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
