//! Flag groups shared by several verbs, mirroring kubectl's genericclioptions.
//!
//! Each group is a `clap::Args` struct that a verb flattens with `#[command(flatten)]`, so the
//! same flag has the same name, default and help everywhere. The groups only carry what the
//! user typed; interpreting `-o` is `printers::OutputFormat::parse`'s job.
//!
//! Boolean flags follow pflag: `--x`, `--x=true|false|1|0|t|f`, never `--x false` (the next
//! word stays a positional argument). Declare them as `Option<bool>` with
//! `#[arg(long, pflag_bool())]` (bring [`Pflag`] into scope); flags with another pflag
//! `NoOptDefVal` (`--dry-run`, `--cascade`, `--validate`) use `no_opt_default("value")`.
//! Never spell `num_args = 0..=1` by hand: without `require_equals` clap lets
//! `kk get -w pods` swallow `pods` as the flag's value.

mod dry_run;
mod global;
mod print;
pub mod record;
mod session;
pub mod write;

pub use dry_run::{DryRun, DryRunFlags};
pub use global::GlobalArgs;
pub use print::{ObjectPrintFlags, PrintFlags};
pub use record::RecordFlags;
pub use session::SessionFlags;
pub use write::{FieldManagerFlags, SaveConfigFlags, ValidateFlags, WriteFlags};

/// pflag's optional-value flags for clap's derive: `#[arg(long, pflag_bool())]`.
///
/// clap's derive turns `name(args)` in `#[arg(...)]` into a method call on the `clap::Arg`
/// after its own inferred settings, so these extension methods override them.
pub trait Pflag {
    /// A pflag boolean: `--x` means true, `--x=false` (any `strconv.ParseBool` spelling) sets
    /// it, and a following word is never taken as its value.
    fn pflag_bool(self) -> Self;
    /// pflag's `NoOptDefVal`: `--x` alone means `value`; another value only as `--x=v`.
    fn no_opt_default(self, value: &'static str) -> Self;
}

impl Pflag for clap::Arg {
    fn pflag_bool(self) -> Self {
        self.no_opt_default("true")
            .value_name("BOOL")
            .value_parser(crate::go::parse_bool)
    }

    fn no_opt_default(self, value: &'static str) -> Self {
        self.num_args(0..=1)
            .require_equals(true)
            .default_missing_value(value)
    }
}

/// kubectl's `getCascadingStrategy` (`--cascade` of delete and apply's prune): the
/// propagation policy, warning on the old booleans.
pub fn cascade(ui: &crate::ui::Ui, v: Option<&str>) -> crate::error::Result<&'static str> {
    match v.unwrap_or("background") {
        "background" => Ok("Background"),
        "foreground" => Ok("Foreground"),
        "orphan" => Ok("Orphan"),
        b @ ("true" | "false") => {
            let (policy, with) = if b == "true" {
                ("Background", "background")
            } else {
                ("Orphan", "orphan")
            };
            ui.eprint(&format!(
                "warning: --cascade={b} is deprecated (boolean value) and can be replaced with --cascade={with}.\n"
            ))?;
            Ok(policy)
        }
        other => Err(crate::error::Error::msg(format!(
            "invalid cascade value ({other}). Must be \"background\", \"foreground\", or \"orphan\""
        ))),
    }
}

/// Object selection flags (`-l`, `--field-selector`, `-A`, `--all`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SelectorFlags {
    /// Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'
    #[arg(short = 'l', long, value_name = "SELECTOR")]
    pub selector: Option<String>,
    /// Selector (field query) to filter on, supports '=', '==', and '!='
    #[arg(long, value_name = "SELECTOR")]
    pub field_selector: Option<String>,
    /// If present, list the requested object(s) across all namespaces
    #[arg(short = 'A', long, pflag_bool())]
    pub all_namespaces: Option<bool>,
}

impl SelectorFlags {
    /// `-A` as a plain bool.
    pub fn all_namespaces(&self) -> bool {
        self.all_namespaces.unwrap_or(false)
    }
}

/// Manifest input flags (`-f`, `-R`, `-k`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilenameFlags {
    /// Filename, directory, or URL to files identifying the resource
    #[arg(short = 'f', long = "filename", value_name = "FILE",
          add = crate::complete::Complete::FilesWith(crate::complete::spec::MANIFEST_EXTENSIONS))]
    pub filenames: Vec<String>,
    /// Process the directory used in -f, --filename recursively
    #[arg(short = 'R', long, pflag_bool())]
    pub recursive: Option<bool>,
    /// Process a kustomization directory (not supported by kk; reported as an error)
    #[arg(short = 'k', long, value_name = "DIR")]
    pub kustomize: Option<String>,
}

impl FilenameFlags {
    /// `-f a,b -f c` flattened to `[a, b, c]` (kubectl splits on commas too).
    pub fn filenames(&self) -> Vec<String> {
        split_list(&self.filenames)
    }
    /// `-R` as a plain bool.
    pub fn recursive(&self) -> bool {
        self.recursive.unwrap_or(false)
    }
}

pub(crate) fn split_list(v: &[String]) -> Vec<String> {
    v.iter()
        .flat_map(|s| s.split(','))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A Go `time.Duration` flag value as typed, sign included (`--since=-1s` parses; kubectl
/// rejects the sign in its own validation, with its own message).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GoDuration {
    /// Seconds, possibly negative.
    pub secs: f64,
}

impl GoDuration {
    /// As a `std` duration (zero when not positive).
    pub fn duration(&self) -> std::time::Duration {
        std::time::Duration::from_secs_f64(self.secs.max(0.0))
    }
}

/// pflag's `DurationVar` parsing, with Go's error text (`time: invalid duration "x"`).
pub fn parse_go_duration(s: &str) -> Result<GoDuration, String> {
    crate::go::duration_secs(s)
        .map(|secs| GoDuration { secs })
        .ok_or_else(|| format!("time: invalid duration {s:?}"))
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Debug, Parser)]
    struct Probe {
        args: Vec<String>,
        #[arg(short = 'w', long, pflag_bool())]
        watch: Option<bool>,
        #[arg(long = "dry-run", no_opt_default("unchanged"))]
        dry_run: Option<String>,
    }

    fn probe(line: &str) -> Result<Probe, clap::Error> {
        Probe::try_parse_from(std::iter::once("p").chain(line.split_whitespace()))
    }

    #[test]
    fn pflag_booleans_never_take_the_next_word() {
        let p = probe("-w pods").unwrap();
        assert_eq!((p.watch, p.args), (Some(true), vec!["pods".to_string()]));
        let p = probe("pods --watch=F").unwrap();
        assert_eq!(p.watch, Some(false));
        let p = probe("pods --watch false").unwrap();
        assert_eq!((p.watch, p.args.len()), (Some(true), 2));
        assert!(probe("--watch=yes").is_err());
        let p = probe("--dry-run x").unwrap();
        assert_eq!(p.dry_run.as_deref(), Some("unchanged"));
        assert_eq!(
            probe("--dry-run=server").unwrap().dry_run.as_deref(),
            Some("server")
        );
    }

    #[test]
    fn lists_split_on_commas() {
        let f = FilenameFlags {
            filenames: vec!["a,b".into(), "c".into()],
            ..Default::default()
        };
        assert_eq!(f.filenames(), ["a", "b", "c"]);
    }
}
