//! Flag groups shared by several verbs, mirroring kubectl's genericclioptions.
//!
//! Each group is a `clap::Args` struct that a verb flattens with `#[command(flatten)]`, so the
//! same flag has the same name, default and help everywhere. The groups only carry what the
//! user typed; interpreting `-o` is `printers::OutputFormat::parse`'s job.
//!
//! Boolean flags follow pflag: `--x`, `--x=true|false|1|0|t|f`, never `--x false` (the next
//! word stays a positional argument). Spell them as `Option<bool>` with
//! `num_args = 0..=1, default_missing_value = "true", require_equals = true,
//! value_parser = crate::cli::parse_bool`; a missing `require_equals` makes
//! `kk --insecure-skip-tls-verify version` swallow the verb.

/// Output flags (`-o`, `--no-headers`, `--show-labels`, `-L`, `--sort-by`, ...), as on `get`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PrintFlags {
    /// Output format. One of: (json, yaml, name, go-template, go-template-file, template,
    /// templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns,
    /// custom-columns-file, wide)
    #[arg(short = 'o', long = "output", value_name = "FORMAT")]
    pub output: Option<String>,
    /// When using the default or custom-column output format, don't print headers
    #[arg(long, num_args = 0..=1, default_missing_value = "true",
          require_equals = true, value_name = "BOOL",
          value_parser = crate::cli::parse_bool)]
    pub no_headers: Option<bool>,
    /// When printing, show all labels as the last column
    #[arg(long, num_args = 0..=1, default_missing_value = "true",
          require_equals = true, value_name = "BOOL",
          value_parser = crate::cli::parse_bool)]
    pub show_labels: Option<bool>,
    /// Accepts a comma separated list of labels that are going to be presented as columns
    #[arg(short = 'L', long = "label-columns", value_name = "LABELS")]
    pub label_columns: Vec<String>,
    /// If non-empty, sort list types using this field specification (a JSONPath expression)
    #[arg(long, value_name = "JSONPATH")]
    pub sort_by: Option<String>,
    /// If present, list the resource type for the requested object(s)
    #[arg(long, num_args = 0..=1, default_missing_value = "true",
          require_equals = true, value_name = "BOOL",
          value_parser = crate::cli::parse_bool)]
    pub show_kind: Option<bool>,
    /// If true, keep the managedFields when printing objects in JSON or YAML format
    #[arg(long, num_args = 0..=1, default_missing_value = "true",
          require_equals = true, value_name = "BOOL",
          value_parser = crate::cli::parse_bool)]
    pub show_managed_fields: Option<bool>,
    /// If true, ignore any errors in templates when a field or map key is missing in the
    /// template (default true)
    #[arg(long, num_args = 0..=1, default_missing_value = "true",
          require_equals = true, value_name = "BOOL",
          value_parser = crate::cli::parse_bool)]
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
    #[arg(short = 'A', long, num_args = 0..=1, default_missing_value = "true",
          require_equals = true,
          value_name = "BOOL", value_parser = crate::cli::parse_bool)]
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
    #[arg(short = 'R', long, num_args = 0..=1, default_missing_value = "true",
          require_equals = true,
          value_name = "BOOL", value_parser = crate::cli::parse_bool)]
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
    #[arg(long = "dry-run", num_args = 0..=1, default_missing_value = "unchanged",
        require_equals = true,
          value_name = "STRATEGY")]
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
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let d = if body == "0" {
        Some(std::time::Duration::ZERO)
    } else {
        crate::kubeconfig::client::go_duration(body)
    };
    let d = d.ok_or_else(|| format!("time: invalid duration {s:?}"))?;
    let secs = d.as_secs_f64();
    Ok(GoDuration {
        secs: if neg { -secs } else { secs },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn go_durations_keep_their_sign() {
        assert_eq!(parse_go_duration("-1s").unwrap().secs, -1.0);
        assert_eq!(parse_go_duration("1m0s").unwrap().secs, 60.0);
        assert_eq!(
            parse_go_duration("0").unwrap().duration(),
            std::time::Duration::ZERO
        );
        assert_eq!(
            parse_go_duration("x").unwrap_err(),
            "time: invalid duration \"x\""
        );
    }
}
