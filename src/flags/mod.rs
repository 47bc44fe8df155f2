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

mod global;

pub use global::GlobalArgs;

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

/// Output flags (`-o`, `--no-headers`, `--show-labels`, `-L`, `--sort-by`, ...), as on `get`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PrintFlags {
    /// Output format. One of: (json, yaml, name, go-template, go-template-file, template,
    /// templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns,
    /// custom-columns-file, wide)
    #[arg(short = 'o', long = "output", value_name = "FORMAT")]
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
    #[arg(short = 'f', long = "filename", value_name = "FILE")]
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

/// `--dry-run=none|client|server` (a bare `--dry-run` means `client`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DryRunFlags {
    /// Must be "none", "server", or "client". If client strategy, only print the object that
    /// would be sent, without sending it. If server strategy, submit server-side request without
    /// persisting the resource.
    #[arg(long = "dry-run", no_opt_default("unchanged"), value_name = "STRATEGY")]
    pub dry_run: Option<String>,
}

/// The resolved dry-run strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DryRun {
    /// Really persist.
    None,
    /// Print only.
    Client,
    /// Server-side dry run (`dryRun=All`).
    Server,
}

impl DryRunFlags {
    /// kubectl's `GetDryRunStrategy`, with its exact error text.
    pub fn strategy(&self) -> Result<DryRun, crate::error::Error> {
        match self.dry_run.as_deref() {
            None | Some("none") | Some("false") => Ok(DryRun::None),
            // pflag's NoOptDefVal for --dry-run is "unchanged", which kubectl treats as client.
            Some("client") | Some("unchanged") | Some("true") => Ok(DryRun::Client),
            Some("server") => Ok(DryRun::Server),
            Some(other) => Err(crate::error::Error::msg(format!(
                "Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\"."
            ))),
        }
    }
}

fn split_list(v: &[String]) -> Vec<String> {
    v.iter()
        .flat_map(|s| s.split(','))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
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

    #[test]
    fn dry_run_strategies() {
        let f = |s: Option<&str>| {
            DryRunFlags {
                dry_run: s.map(String::from),
            }
            .strategy()
        };
        assert_eq!(f(None).unwrap(), DryRun::None);
        assert_eq!(f(Some("unchanged")).unwrap(), DryRun::Client);
        assert_eq!(f(Some("server")).unwrap(), DryRun::Server);
        assert!(f(Some("x")).is_err());
    }
}
