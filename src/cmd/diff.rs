//! `kk diff -f`: what `kk apply` would change, shown by a diff program. Each manifest
//! object is written twice as YAML, as it is now (`LIVE-<n>/`, empty when it does not
//! exist) and as the server would make it (`MERGED-<n>/`: a dry-run client-side apply
//! patch, a dry-run create, or with `--server-side` a dry-run apply patch), files named
//! `[group.]version.Kind.namespace.name`; then `$KUBECTL_EXTERNAL_DIFF` (or `diff -u -N`)
//! compares the two directories. With `--prune`, what `apply --prune` would delete (the
//! same [`Pruner`]) is written to `LIVE-<n>/` only, so it shows as a deletion. Exit 0: no differences, 1: differences, 2 (or the diff
//! program's code): a failure.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{FilenameFlags, Pflag};
use crate::patch::{self, last_applied};
use crate::resource::builder::Selection;
use crate::resource::openapi::OpenApi;
use crate::resource::request;
use crate::resource::visit::{self, Fetch, Info, Options, Requester, Visitor};

use super::apply::prune::{self, Pruner};

/// Diff the live version against a would-be applied version.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Unexpected arguments are kubectl's usage error.
    #[arg(hide = true)]
    pub args: Vec<String>,
    #[command(flatten)]
    pub files: FilenameFlags,
    /// Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.
    #[arg(short = 'l', long, value_name = "SELECTOR")]
    pub selector: Option<String>,
    /// If true, apply runs in the server instead of the client.
    #[arg(long, pflag_bool())]
    pub server_side: Option<bool>,
    /// If true, server-side apply will force the changes against conflicts.
    #[arg(long, pflag_bool())]
    pub force_conflicts: Option<bool>,
    /// Name of the manager used to track field ownership.
    #[arg(long, value_name = "NAME")]
    pub field_manager: Option<String>,
    /// If true, include managed fields in the diff.
    #[arg(long, pflag_bool())]
    pub show_managed_fields: Option<bool>,
    /// Number of objects to process in parallel when diffing against the live version.
    /// Larger number = faster, but more memory, I/O and CPU over that shorter period of
    /// time.
    #[arg(long, default_value = "1", value_name = "N", allow_negative_numbers = true,
          value_parser = crate::go::parse_int64)]
    pub concurrency: i64,
    /// Include resources that would be deleted by pruning. Can be used with -l and default
    /// shows all resources would be pruned
    #[arg(long, pflag_bool())]
    pub prune: Option<bool>,
    /// Overwrite the default allowlist with <group/version/kind> for --prune
    #[arg(long = "prune-allowlist", value_name = "GROUP/VERSION/KIND")]
    pub prune_allowlist: Vec<String>,
}

/// kubectl's long description of the command.
pub const ABOUT: &str = r#"Diff configurations specified by file name or stdin between the current online configuration, and the configuration as it would be if applied.

 The output is always YAML.

 KUBECTL_EXTERNAL_DIFF environment variable can be used to select your own diff command. Users can use external commands with params too, example: KUBECTL_EXTERNAL_DIFF="colordiff -N -u"

 By default, the "diff" command available in your path will be run with the "-u" (unified diff) and "-N" (treat absent files as empty) options.

 Exit status: 0 No differences were found. 1 Differences were found. >1 Kubectl or diff failed with an error.

 Note: KUBECTL_EXTERNAL_DIFF, if used, is expected to follow that convention."#;

/// kubectl's examples.
pub const EXAMPLES: &str = r#"  # Diff resources included in pod.json
  kk diff -f pod.json

  # Diff file read from stdin
  cat service.yaml | kk diff -f -"#;

/// How often an object that keeps changing is diffed again (kubectl's `maxRetries`).
const MAX_RETRIES: usize = 4;

/// Run `kk diff`: failures exit 2 (kubectl's `CheckDiffErr`), the diff program's
/// "differences found" exits 1 silently.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    match diff(ctx, args).await {
        Err(Error::Exit(code)) => Err(Error::Exit(code)),
        Err(e) => {
            if let Some(text) = e.render() {
                ctx.ui().eprint(&text)?;
            }
            Err(Error::Exit(2))
        }
        ok => ok,
    }
}

async fn diff(ctx: &Ctx, args: &Args) -> Result<()> {
    if !args.args.is_empty() {
        return Err(Error::Usage {
            msg: format!("Unexpected args: [{}]", args.args.join(" ")),
            command: "diff".into(),
        });
    }
    if args.files.filenames().is_empty() && args.files.kustomize.is_none() {
        return Err(Error::msg("must specify one of -f and -k"));
    }
    if let Some(k) = &args.files.kustomize {
        return Err(Error::msg(format!(
            "kustomize directories are not supported by kk: {k}"
        )));
    }
    let server_side = args.server_side == Some(true);
    let force_conflicts = args.force_conflicts == Some(true);
    if force_conflicts && !server_side {
        return Err(Error::msg(
            "--force-conflicts only works with --server-side",
        ));
    }
    let field_manager = args.field_manager.clone().unwrap_or_else(|| {
        if server_side {
            "kubectl"
        } else {
            "kubectl-client-side-apply"
        }
        .to_string()
    });
    let selector = args.selector.clone().filter(|s| !s.is_empty());
    // kubectl resolves the allowlist up front (a failure is fatal); its default list only
    // when pruning, where a failure is a warning.
    let mut prune_failure = None;
    let mut pruner = None;
    if args.prune == Some(true) {
        let (list, resolver) = prune::resolve_allowlist(ctx, &args.prune_allowlist).await?;
        let sel = selector.clone();
        match Pruner::new(resolver.discovery(), list, sel, "background", -1) {
            Ok(p) => pruner = Some(p),
            Err(e) => prune_failure = Some(e),
        }
    }
    let dirs = Dirs::new(&crate::go::temp::temp_dir(ctx.env()))?;
    let mut differ = Differ {
        ctx,
        server_side,
        force_conflicts,
        field_manager,
        show_managed_fields: args.show_managed_fields == Some(true),
        openapi: OpenApi::default(),
        dirs: &dirs,
        pruner,
    };
    let sel = Selection {
        filenames: args.files.filenames(),
        recursive: args.files.recursive(),
        label_selector: selector,
        ..Selection::default()
    };
    let opts = Options {
        fetch: Fetch::Nothing,
        ..Options::default()
    };
    let mut objects = Visitor::new(ctx, &sel, opts).await?;
    let requester = objects.requester().clone();
    while let Some(info) = objects.next().await {
        differ.one(&requester, &info).await?;
    }
    objects.finish()?;
    if let Some(e) = prune_failure {
        prune_failed(ctx, &e);
    }
    if let Some(p) = differ.pruner.take() {
        let (pruned, failure) = p.pending(ctx).await;
        if let Some(e) = failure {
            prune_failed(ctx, &e);
        }
        // Only in LIVE: the diff shows each as deleted.
        for obj in pruned {
            dirs.write(&dirs.live, &object_file_name(&obj), &obj)?;
        }
    }
    dirs.run_program(ctx)
}

/// kubectl logs a failure to work out what would be pruned, and diffs the rest.
fn prune_failed(ctx: &Ctx, e: &Error) {
    let text = format!("pruning failed and could not be evaluated err: {e}");
    crate::transport::log::warning(ctx.ui(), "diff.go:760", &text);
}

/// One run's settings.
struct Differ<'a> {
    ctx: &'a Ctx,
    server_side: bool,
    force_conflicts: bool,
    field_manager: String,
    show_managed_fields: bool,
    openapi: OpenApi,
    dirs: &'a Dirs,
    /// `--prune`: the namespaces and live objects visited.
    pruner: Option<Pruner>,
}

impl Differ<'_> {
    /// Write the live and merged versions of one manifest object.
    async fn one(&mut self, requester: &Requester, info: &Info) -> Result<()> {
        let local = super::apply::manifest_object(info);
        let mut attempt = 1;
        let (live, merged) = loop {
            let live = match info.get(requester, None).await {
                Ok(v) => Some(v),
                Err(e) if visit::is_not_found(&e) => None,
                Err(e) => return Err(self.ctx.kube_error(e)),
            };
            if let Some(p) = &mut self.pruner {
                p.visit_namespace(info);
                if let Some(live) = &live {
                    p.visit_object(live);
                }
            }
            let force = attempt == MAX_RETRIES;
            match self.merged(info, &local, live.as_ref(), force).await? {
                Err(kube::Error::Api(s)) if s.code == 409 && attempt < MAX_RETRIES => {
                    attempt += 1;
                }
                Err(e) => return Err(self.ctx.kube_error(e)),
                Ok(merged) => break (live, merged),
            }
        };
        let mut from = live.clone().unwrap_or(Value::Null);
        let mut to = merged;
        if !self.show_managed_fields {
            crate::printers::strip_managed_fields(&mut from);
            crate::printers::strip_managed_fields(&mut to);
        }
        if to.get("apiVersion").and_then(Value::as_str) == Some("v1")
            && to.get("kind").and_then(Value::as_str) == Some("Secret")
        {
            mask_secret_data(&mut from, &mut to);
        }
        let name = file_name(info);
        self.dirs.write(&self.dirs.live, &name, &from)?;
        self.dirs.write(&self.dirs.merged, &name, &to)?;
        if let Some(live) = &live {
            super::apply::warn_if_deleting(self.ctx, live)?;
        }
        Ok(())
    }

    /// The object as the server would make it (dry run).
    async fn merged(
        &mut self,
        info: &Info,
        local: &Value,
        live: Option<&Value>,
        force: bool,
    ) -> Result<std::result::Result<Value, kube::Error>> {
        let client = self.ctx.client().await?;
        let mut q = vec![
            ("dryRun", "All".to_string()),
            ("fieldManager", self.field_manager.clone()),
        ];
        if self.server_side {
            q.push(("force", self.force_conflicts.to_string()));
            let uri = request::with_query(&info.path(), &q);
            let body = Some(("application/apply-patch+yaml", local));
            return Ok(request::json(&client, http::Method::PATCH, &uri, body).await);
        }
        let Some(live) = live else {
            let path = info.resource.path(info.namespace.as_deref(), None);
            let uri = request::with_query(&path, &q);
            let body = Some(("application/json", local));
            return Ok(request::json(&client, http::Method::POST, &uri, body).await);
        };
        let av = info.resource.api_version();
        let schema = self.openapi.schema(&client, &av, &info.resource.kind).await;
        let ty = schema.patch_type();
        let mut patch =
            last_applied::diff_patch(schema, local, live).map_err(|e| Error::msg(e.to_string()))?;
        if patch::is_empty(&patch) {
            return Ok(Ok(live.clone()));
        }
        if !force {
            let rv = live
                .pointer("/metadata/resourceVersion")
                .cloned()
                .unwrap_or(Value::String(String::new()));
            if let Some(p) = patch.as_object_mut() {
                let meta = p
                    .entry("metadata")
                    .or_insert_with(|| Value::Object(Default::default()));
                if let Some(m) = meta.as_object_mut() {
                    m.insert("resourceVersion".into(), rv);
                }
            }
        }
        let uri = request::with_query(&info.path(), &q);
        let body = Some((ty.content_type(), patch::to_json(&patch).into_bytes()));
        Ok(request::raw(&client, http::Method::PATCH, &uri, body).await)
    }
}

/// `[group.]version.Kind.namespace.name`.
fn file_name(info: &Info) -> String {
    let r = &info.resource;
    let ns = info.namespace.as_deref().unwrap_or("");
    name_of(&r.group, &r.version, &r.kind, ns, &info.name)
}

/// A pruned object's file, named from its own `apiVersion`, `kind` and metadata.
fn object_file_name(obj: &Value) -> String {
    let s = |p: &str| obj.pointer(p).and_then(Value::as_str).unwrap_or("");
    let (group, version) = s("/apiVersion")
        .rsplit_once('/')
        .unwrap_or(("", s("/apiVersion")));
    let (ns, name) = (s("/metadata/namespace"), s("/metadata/name"));
    name_of(group, version, s("/kind"), ns, name)
}

fn name_of(group: &str, version: &str, kind: &str, ns: &str, name: &str) -> String {
    let group = if group.is_empty() {
        String::new()
    } else {
        format!("{group}.")
    };
    format!("{group}{version}.{kind}.{ns}.{name}")
}

/// kubectl's `Masker`: a Secret's data values become `***`, or `*** (before)` / `***
/// (after)` where both sides have the key with different values.
fn mask_secret_data(from: &mut Value, to: &mut Value) {
    let data = |v: &Value| v.get("data").and_then(Value::as_object).cloned();
    let (mut f, mut t) = (data(from), data(to));
    let masked = || Value::String("***".into());
    if let Some(f) = &mut f {
        for (k, fv) in f.iter_mut() {
            if let Some(tv) = t.as_mut().and_then(|t| t.get_mut(k)) {
                if fv != tv {
                    *fv = Value::String("*** (before)".into());
                    *tv = Value::String("*** (after)".into());
                    continue;
                }
                *tv = masked();
            }
            *fv = masked();
        }
    }
    if let Some(t) = &mut t {
        for (k, tv) in t.iter_mut() {
            if !f.as_ref().is_some_and(|f| f.contains_key(k)) {
                *tv = masked();
            }
        }
    }
    for (obj, d) in [(from, f), (to, t)] {
        if let (Some(m), Some(d)) = (obj.as_object_mut(), d) {
            m.insert("data".into(), Value::Object(d));
        }
    }
}

/// The `LIVE-<n>` and `MERGED-<n>` directories, removed when dropped.
struct Dirs {
    live: PathBuf,
    merged: PathBuf,
}

impl Dirs {
    fn new(tmp: &Path) -> Result<Dirs> {
        let live = crate::go::temp::mkdir_temp(tmp, "LIVE-")?;
        let merged = match crate::go::temp::mkdir_temp(tmp, "MERGED-") {
            Ok(m) => m,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&live);
                return Err(e.into());
            }
        };
        Ok(Dirs { live, merged })
    }

    /// Write `obj` as YAML (nothing for a missing object: an empty file).
    fn write(&self, dir: &Path, name: &str, obj: &Value) -> Result<()> {
        let text = if obj.is_null() {
            String::new()
        } else {
            crate::printers::yaml::to_kubectl_yaml(obj).map_err(|e| Error::msg(e.to_string()))?
        };
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o700)
            .open(dir.join(name))?
            .write_all(text.as_bytes())?;
        Ok(())
    }

    /// Run the diff program on the two directories; its output is the command's.
    fn run_program(&self, ctx: &Ctx) -> Result<()> {
        let external = ctx.env().non_empty("KUBECTL_EXTERNAL_DIFF").is_some();
        let (program, mut argv): (String, Vec<String>) =
            match ctx.env().non_empty("KUBECTL_EXTERNAL_DIFF") {
                Some(external) => {
                    let mut parts = external.split(' ');
                    let program = parts.next().unwrap_or("").to_string();
                    // kubectl 1.33 silently drops arguments with other characters.
                    let argv = parts
                        .filter(|a| {
                            !a.is_empty()
                                && a.chars()
                                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '=')
                        })
                        .map(str::to_string)
                        .collect();
                    (program, argv)
                }
                None => ("diff".to_string(), vec!["-u".into(), "-N".into()]),
            };
        // The directories go after `-u -N`, and before an external program's own
        // arguments (kubectl appends those).
        let dirs = [
            self.live.to_string_lossy().into_owned(),
            self.merged.to_string_lossy().into_owned(),
        ];
        if external {
            argv.splice(0..0, dirs);
        } else {
            argv.extend(dirs);
        }
        ctx.ui().flush()?;
        let out = std::process::Command::new(&program)
            .args(&argv)
            .stdin(std::process::Stdio::null())
            .output();
        let out = match out {
            Ok(o) => o,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !program.contains('/') => {
                return Err(Error::msg(format!(
                    "failed to run {program:?}: executable file not found in $PATH"
                )));
            }
            Err(e) => {
                return Err(Error::msg(format!("failed to run {program:?}: {e}")));
            }
        };
        ctx.ui().print(&String::from_utf8_lossy(&out.stdout))?;
        ctx.ui().eprint(&String::from_utf8_lossy(&out.stderr))?;
        match out.status.code() {
            Some(0) => Ok(()),
            Some(1) => Err(Error::Exit(1)),
            Some(n) => Err(Error::msg(format!(
                "failed to run {program:?}: exit status {n}"
            ))),
            None => Err(Error::msg(format!(
                "failed to run {program:?}: {}",
                out.status
            ))),
        }
    }
}

impl Drop for Dirs {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.live);
        let _ = std::fs::remove_dir_all(&self.merged);
    }
}
