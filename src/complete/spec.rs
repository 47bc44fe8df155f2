//! What an argument completes to, declared on the clap argument itself.
//!
//! A verb says what its positional arguments and flags take with one attribute next to the
//! clap definition, e.g. `#[arg(add = Complete::TypeAndNames)]` on `get`'s positional
//! argument or `#[arg(short = 'c', long, add = Complete::Container)]` on `exec -c`. The
//! `__complete` walker ([`super::line`]) finds the argument being completed in the clap tree
//! and asks its [`Complete`]; arguments without one complete like cobra's default (files).
//!
//! The variants mirror kubectl's completion functions (`pkg/util/completion`), so each verb
//! picks the one kubectl registers for it.

/// What a positional argument or a flag value completes to.
///
/// On a positional argument the declaration covers that argument and every later one (like
/// cobra's `ValidArgsFunction`, which sees all arguments typed before the one completed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Complete {
    /// `TYPE [NAME...]` or `TYPE/NAME...` of any type (`get`, `describe`, `delete`, `label`,
    /// `annotate`, `edit`, `patch`): kubectl's `ResourceTypeAndNameCompletionFunc`.
    TypeAndNames,
    /// Like [`Complete::TypeAndNames`] for these types only, several resources allowed
    /// (`rollout history`, `scale`, `expose`): `SpecifiedResourceTypeAndNameCompletionFunc`.
    TypeAndNamesOf(&'static [&'static str]),
    /// One resource of these types (`rollout status`, `set image`):
    /// `SpecifiedResourceTypeAndNameNoRepeatCompletionFunc`.
    TypeAndNameOf(&'static [&'static str]),
    /// Names of one resource type as the first argument (`drain NODE`, `top pod POD`).
    NamesOf(&'static str),
    /// A pod name, or `TYPE/` of a resource that has pods, then `TYPE/NAME` (`exec`,
    /// `attach`): `PodResourceNameCompletionFunc`.
    Pod,
    /// [`Complete::Pod`], then a container of that pod (`logs POD [CONTAINER]`).
    PodThenContainer,
    /// [`Complete::Pod`], then the pod's container ports or the service's ports
    /// (`port-forward TYPE/NAME PORT`).
    PodThenPorts,
    /// A container of the pod named by the first positional argument (`-c`, `--container`).
    Container,
    /// A namespace of the cluster.
    Namespace,
    /// A context of the kubeconfig.
    Context,
    /// A cluster of the kubeconfig.
    Cluster,
    /// A user of the kubeconfig.
    User,
    /// One of these values, in this order.
    Values(&'static [&'static str]),
    /// Files with one of these extensions (`-f`: `json`, `yaml`, `yml`).
    FilesWith(&'static [&'static str]),
    /// Directories only.
    Dirs,
    /// Nothing: no candidates and no file names either.
    Nothing,
}

impl clap::builder::ArgExt for Complete {}

/// `-o/--output` values of `get` and every verb with kubectl's full print flags.
pub const OUTPUT_FORMATS: &[&str] = &[
    "json",
    "yaml",
    "name",
    "go-template",
    "go-template-file",
    "template",
    "templatefile",
    "jsonpath",
    "jsonpath-as-json",
    "jsonpath-file",
    "custom-columns",
    "custom-columns-file",
    "wide",
];

/// `-o/--output` values of verbs that print the objects they change.
pub const OBJECT_OUTPUT_FORMATS: &[&str] = &[
    "json",
    "yaml",
    "name",
    "go-template",
    "go-template-file",
    "template",
    "templatefile",
    "jsonpath",
    "jsonpath-as-json",
    "jsonpath-file",
];

/// `--dry-run` values.
pub const DRY_RUN: &[&str] = &["none", "server", "client"];

/// `-f/--filename` extensions (kubectl's `FileExtensions`).
pub const MANIFEST_EXTENSIONS: &[&str] = &["json", "yaml", "yml"];

/// kubectl's `rollout` types.
pub const ROLLOUT_TYPES: &[&str] = &["deployment", "daemonset", "statefulset"];
