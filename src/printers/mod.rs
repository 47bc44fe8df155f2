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
