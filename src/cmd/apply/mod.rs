//! `kk apply -f`: make the cluster hold the manifests' objects. Client-side (the default):
//! an object that does not exist is created carrying the
//! `kubectl.kubernetes.io/last-applied-configuration` annotation; one that does gets the
//! three-way patch from that annotation, the manifest and the live object (strategic merge
//! for built-in kinds, JSON merge for custom resources — `patch::last_applied`), and prints
//! `created`, `configured` or `unchanged`. `--server-side` sends the manifest as an apply
//! patch instead (`serverside-applied`, kubectl's conflict advice).
//!
//! As kubectl does, every manifest is read before anything is sent (the reading errors
//! come first), each object is applied on its own (one failure does not stop the others),
//! and `-o json|yaml|...` prints the results at the end — one object, or a `List`.

pub mod edit_last_applied;
mod force;
pub(crate) mod prune;
mod server_side;
pub mod set_last_applied;
pub mod view_last_applied;

use serde_json::Value;

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{DryRun, DryRunFlags, FilenameFlags, ObjectPrintFlags, Pflag};
use crate::patch::{self, last_applied};
use crate::printers::OperationPrinter;
use crate::resource::openapi::OpenApi;
use crate::resource::request;
use crate::resource::visit::{self, Info, Requester, Visitor};

/// Apply a configuration to a resource by file name or stdin.
///
/// Apply a configuration to a resource by file name or stdin. The resource name must be
/// specified. This resource will be created if it doesn't exist yet. To use 'apply', always
/// create the resource initially with either 'apply' or 'create --save-config'.
///
/// JSON and YAML formats are accepted.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES, args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Subcommand>,
    /// Unexpected arguments are kubectl's usage error.
    #[arg(hide = true)]
    pub args: Vec<String>,
    #[command(flatten)]
    pub files: FilenameFlags,
    #[command(flatten)]
    pub dry_run: DryRunFlags,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
    #[command(flatten)]
    pub validate: crate::flags::write::ValidateFlags,
    /// If true, apply runs in the server instead of the client.
    #[arg(long, pflag_bool())]
    pub server_side: Option<bool>,
    /// If true, server-side apply will force the changes against conflicts.
    #[arg(long, pflag_bool())]
    pub force_conflicts: Option<bool>,
    /// Name of the manager used to track field ownership.
    #[arg(long, value_name = "NAME")]
    pub field_manager: Option<String>,
    /// Automatically resolve conflicts between the modified and live configuration by using
    /// values from the modified configuration
    #[arg(long, pflag_bool(), default_value = "true")]
    pub overwrite: Option<bool>,
    /// If specified, apply will operate on the subresource of the requested object.  Only
    /// allowed when using --server-side.
    #[arg(long, value_name = "NAME")]
    pub subresource: Option<String>,
    /// Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l
    /// key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the
    /// specified label constraints.
    #[arg(short = 'l', long, value_name = "SELECTOR")]
    pub selector: Option<String>,
    /// Select all resources in the namespace of the specified resource types.
    #[arg(long, pflag_bool())]
    pub all: Option<bool>,
    /// Automatically delete resource objects, that do not appear in the configs and are
    /// created by either apply or create --save-config. Should be used with either -l or
    /// --all.
    #[arg(long, pflag_bool())]
    pub prune: Option<bool>,
    /// Overwrite the default allowlist with <group/version/kind> for --prune
    #[arg(long = "prune-allowlist", value_name = "GROUP/VERSION/KIND")]
    pub prune_allowlist: Vec<String>,
    /// Must be "background", "orphan", or "foreground". Selects the deletion cascading
    /// strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to
    /// background.
    #[arg(long, no_opt_default("background"), value_name = "STRATEGY")]
    pub cascade: Option<String>,
    /// Period of time in seconds given to the resource to terminate gracefully. Ignored if
    /// negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true
    /// (force deletion).
    #[arg(long, default_value_t = -1, allow_negative_numbers = true, value_name = "SECONDS",
          value_parser = crate::go::parse_int64)]
    pub grace_period: i64,
    /// If true, immediately remove resources from API and bypass graceful deletion. Note that
    /// immediate deletion of some resources may result in inconsistency or data loss and
    /// requires confirmation.
    #[arg(long, pflag_bool())]
    pub force: Option<bool>,
    /// The length of time to wait before giving up on a delete, zero means determine a timeout
    /// from the size of the object
    #[arg(long, default_value = "0s", allow_hyphen_values = true, value_name = "DURATION",
          value_parser = crate::flags::parse_go_duration)]
    pub timeout: crate::flags::GoDuration,
    /// If true, wait for resources to be gone before returning. This waits for finalizers.
    #[arg(long, pflag_bool())]
    pub wait: Option<bool>,
    /// If true, use openapi to calculate diff when the openapi presents and the resource can
    /// be found in the openapi spec. Otherwise, fall back to use baked-in types.
    #[arg(long, pflag_bool(), default_value = "true")]
    pub openapi_patch: Option<bool>,
    #[command(flatten)]
    pub record: crate::flags::RecordFlags,
}

/// `apply`'s own subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Subcommand {
    /// Edit latest last-applied-configuration annotations of a resource/object
    #[command(long_about = edit_last_applied::ABOUT, after_long_help = edit_last_applied::EXAMPLES)]
    EditLastApplied(edit_last_applied::Args),
    /// Set the last-applied-configuration annotation on a live object to match the contents of a file
    #[command(long_about = set_last_applied::ABOUT, after_long_help = set_last_applied::EXAMPLES)]
    SetLastApplied(set_last_applied::Args),
    /// View the latest last-applied-configuration annotations of a resource/object
    #[command(long_about = view_last_applied::ABOUT)]
    ViewLastApplied(view_last_applied::Args),
}

/// kubectl's long description of the command.
pub const ABOUT: &str = r#"Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.

 JSON and YAML formats are accepted.

 Alpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the current state is. See https://issues.k8s.io/34274."#;

const EXAMPLES: &str = "Examples:
  # Apply the configuration in pod.json to a pod
  kk apply -f ./pod.json

  # Apply the JSON passed into stdin to a pod
  cat pod.json | kk apply -f -

  # Apply every manifest of a directory and its subdirectories
  kk apply -R -f ./manifests/

  # Apply on the server, taking over fields other managers own
  kk apply --server-side --force-conflicts -f deployment.yaml";

/// The field manager of client-side apply.
const CLIENT_SIDE_MANAGER: &str = "kubectl-client-side-apply";
/// The field manager of server-side apply.
const SERVER_SIDE_MANAGER: &str = "kubectl";
/// How often a patch is retried after a 409 Conflict (kubectl's `maxPatchRetry`).
const MAX_PATCH_RETRY: usize = 5;

/// Run `kk apply`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let cause = args.record.recorder(ctx)?;
    match &args.command {
        Some(Subcommand::ViewLastApplied(a)) => return view_last_applied::run(ctx, a).await,
        Some(Subcommand::EditLastApplied(a)) => return edit_last_applied::run(ctx, a).await,
        Some(Subcommand::SetLastApplied(a)) => return set_last_applied::run(ctx, a).await,
        None => {}
    }
    if !args.args.is_empty() {
        return Err(Error::Usage {
            msg: format!("Unexpected args: [{}]", args.args.join(" ")),
            command: "apply".into(),
        });
    }
    let server_side = args.server_side == Some(true);
    let dry = args.dry_run.strategy()?;
    if args.files.filenames().is_empty() && args.files.kustomize.is_none() {
        return Err(Error::msg("must specify one of -f and -k"));
    }
    if let Some(k) = &args.files.kustomize {
        return Err(Error::msg(format!(
            "kustomize directories are not supported by kk: {k}"
        )));
    }
    let policy = crate::flags::cascade(ctx.ui(), args.cascade.as_deref())?;
    let prune = args.prune == Some(true);
    let (allowlist, discovery) = if prune {
        let (list, resolver) = prune::resolve_allowlist(ctx, &args.prune_allowlist).await?;
        (list, Some(resolver))
    } else {
        (Vec::new(), None)
    };
    // Validate(), in kubectl's order.
    if args.force_conflicts == Some(true) && !server_side {
        return Err(Error::msg(
            "--force-conflicts only works with --server-side",
        ));
    }
    if dry == DryRun::Client && server_side {
        return Err(Error::msg(
            "--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)",
        ));
    }
    let force = args.force == Some(true);
    if server_side && force {
        return Err(Error::msg("--force cannot be used with --server-side"));
    }
    if dry == DryRun::Server && force {
        return Err(Error::msg("--dry-run=server cannot be used with --force"));
    }
    let all = args.all == Some(true);
    let selector = args.selector.clone().filter(|s| !s.is_empty());
    if all && selector.is_some() {
        return Err(Error::msg(
            "cannot set --all and --selector at the same time",
        ));
    }
    // Re-created objects get new UIDs, which pruning goes by.
    if prune && force {
        return Err(Error::msg("--force cannot be used with --prune"));
    }
    if prune && !all && selector.is_none() {
        return Err(Error::msg(
            "all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector",
        ));
    }
    if prune && server_side {
        return Err(Error::msg(
            "--prune is in alpha and doesn't currently work on objects created by server-side apply",
        ));
    }
    let subresource = args.subresource.clone().filter(|s| !s.is_empty());
    if subresource.is_some() && !server_side {
        return Err(Error::msg(
            "--subresource can only be specified for --server-side",
        ));
    }
    let validation = args.validate.directive()?;
    let field_manager = args.field_manager.clone().unwrap_or_else(|| {
        if server_side {
            SERVER_SIDE_MANAGER.into()
        } else {
            CLIENT_SIDE_MANAGER.into()
        }
    });
    let mut apply = Apply {
        ctx,
        dry,
        validation,
        field_manager,
        overwrite: args.overwrite != Some(false),
        force_conflicts: args.force_conflicts == Some(true),
        subresource,
        printer: OperationPrinter::new(&args.print, dry)?,
        openapi: if args.openapi_patch == Some(false) {
            OpenApi::builtin_only()
        } else {
            OpenApi::default()
        },
        force: force.then(|| Force {
            policy,
            grace_period: args.grace_period,
            timeout: args.timeout.duration(),
        }),
        results: Vec::new(),
        pruner: match &discovery {
            Some(r) => Some(prune::Pruner::new(
                r.discovery(),
                allowlist,
                selector.clone(),
                policy,
                args.grace_period,
            )?),
            None => None,
        },
    };
    if let (Some(p), Some(ns)) = (&mut apply.pruner, &ctx.global().namespace)
        && !ns.is_empty()
    {
        p.enforce_namespace(ns);
    }

    // GetObjects(): every manifest, read and resolved before anything is sent.
    let mut objects = Visitor::manifests(
        ctx,
        args.files.filenames(),
        args.files.recursive(),
        validation != "Ignore",
        selector.clone(),
    )
    .await?;
    let mut infos = Vec::new();
    while let Some(info) = objects.next().await {
        infos.push(info);
    }
    let requester = objects.requester().clone();
    let mut errors: Vec<Error> = objects.into_error().into_iter().collect();
    if infos.is_empty() && errors.is_empty() {
        return Err(Error::msg("no objects passed to apply"));
    }
    for mut info in infos {
        // kubectl records first: the cause is part of the applied configuration.
        if let (Some(cause), Some(obj)) = (&cause, info.object.as_mut()) {
            crate::flags::record::record(obj, cause);
        }
        if let Some(p) = &mut apply.pruner {
            p.visit_namespace(&info);
        }
        let result = if server_side {
            apply.server_side(&requester, info).await
        } else {
            apply.client_side(&requester, info).await
        };
        if let Err(e) = result {
            errors.push(e);
        }
    }
    match errors.len() {
        0 => {}
        1 => return Err(errors.remove(0)),
        _ => return Err(Error::Many(errors)),
    }
    // The post-processor: `-o` prints what was applied, one object or a List; then prune.
    apply.print_results()?;
    if let Some(p) = apply.pruner.take() {
        p.prune(ctx, dry, &mut apply.printer).await?;
    }
    Ok(apply.printer.finish(ctx.ui())?)
}

/// One `kk apply` run.
struct Apply<'a> {
    ctx: &'a Ctx,
    dry: DryRun,
    validation: &'static str,
    field_manager: String,
    overwrite: bool,
    force_conflicts: bool,
    subresource: Option<String>,
    printer: OperationPrinter,
    openapi: OpenApi,
    /// The objects as applied, for `-o` at the end.
    results: Vec<Value>,
    /// `--prune`: what the run applied, and what it deletes afterwards.
    pruner: Option<prune::Pruner>,
    /// `--force`: a patch refused as a Conflict or Invalid deletes and re-creates.
    force: Option<Force>,
}

/// `--force` with its deletion settings (`--cascade`, `--grace-period`, `--timeout`).
struct Force {
    policy: &'static str,
    grace_period: i64,
    timeout: std::time::Duration,
}

impl Apply<'_> {
    /// Client-side apply of one object: create it, or patch it three ways.
    async fn client_side(&mut self, requester: &Requester, info: Info) -> Result<()> {
        let obj = manifest_object(&info);
        if info.name.is_empty()
            && let Some(g) = obj
                .pointer("/metadata/generateName")
                .and_then(Value::as_str)
                .filter(|g| !g.is_empty())
        {
            return Err(Error::msg(format!(
                "from {g}: cannot use generate name with apply"
            )));
        }
        let source = info.source.as_deref();
        let live = match info.get(requester, None).await {
            Ok(live) => live,
            Err(e) if visit::is_not_found(&e) => return self.create(&info, &obj).await,
            Err(e) => {
                let verb = format!(
                    "retrieving current configuration of:\n{}\nfrom server for:",
                    describe_info(&info)
                );
                return Err(visit::error_when(self.ctx, &verb, source, e));
            }
        };
        if self.dry == DryRun::Client {
            return self.report(live, "configured");
        }
        if !has_annotation(&live) {
            self.ctx.ui().eprint(&format!(
                "Warning: resource {}/{} is missing the {} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n",
                info.resource.resource,
                info.name,
                last_applied::ANNOTATION
            ))?;
        }
        let (body, patched) = self.patch(requester, &info, &obj, live).await?;
        warn_if_deleting(self.ctx, &patched)?;
        if body == "{}" && !self.printer.prints_object() {
            return self.report(patched, "unchanged");
        }
        self.report(patched, "configured")
    }

    /// POST an object that does not exist yet, with its annotation.
    async fn create(&mut self, info: &Info, obj: &Value) -> Result<()> {
        let body = last_applied::for_create(obj);
        let created = if self.dry == DryRun::Client {
            body
        } else {
            let path = info.resource.path(info.namespace.as_deref(), None);
            let uri = request::with_query(&path, &self.query(None));
            let client = self.ctx.client().await?;
            request::json(
                &client,
                http::Method::POST,
                &uri,
                Some(("application/json", &body)),
            )
            .await
            .map_err(|e| visit::error_when(self.ctx, "creating", info.source.as_deref(), e))?
        };
        self.report(created, "created")
    }

    /// kubectl's `Patcher.Patch`: the three-way patch sent (retried on a Conflict with the
    /// object read again); the patch text and the patched object.
    async fn patch(
        &mut self,
        requester: &Requester,
        info: &Info,
        obj: &Value,
        mut live: Value,
    ) -> Result<(String, Value)> {
        let client = self.ctx.client().await?;
        let mut attempt = 0;
        loop {
            let av = info.resource.api_version();
            let schema = self.openapi.schema(&client, &av, &info.resource.kind).await;
            let ty = schema.patch_type();
            let patch = last_applied::apply_patch(schema, obj, &live, self.overwrite)
                .map_err(|e| Error::msg(e.to_string()))?;
            let body = patch::to_json(&patch);
            if patch::is_empty(&patch) {
                return Ok((body, live));
            }
            let uri = request::with_query(&info.path(), &self.query(None));
            let sent = (ty.content_type(), body.clone().into_bytes());
            match request::raw(&client, http::Method::PATCH, &uri, Some(sent)).await {
                Ok(patched) => return Ok((body, patched)),
                Err(kube::Error::Api(s)) if s.code == 409 && attempt < MAX_PATCH_RETRY => {
                    attempt += 1;
                    live = match info.get(requester, None).await {
                        Ok(v) => v,
                        Err(e) => return Err(self.patch_error(info, &body, e)),
                    };
                }
                Err(kube::Error::Api(s))
                    if self.force.is_some()
                        && matches!(s.reason.as_str(), "Conflict" | "Invalid") =>
                {
                    return force::delete_and_create(self, info, obj, &live).await;
                }
                Err(e) => return Err(self.patch_error(info, &body, e)),
            }
        }
    }

    /// `error when applying patch:\n<patch>\nto:\n<info>\nfor: "<file>": error when
    /// patching "<file>": <error>`.
    fn patch_error(&self, info: &Info, body: &str, e: kube::Error) -> Error {
        let source = info.source.as_deref();
        let inner = match (source, e) {
            (Some(src), kube::Error::Api(mut s)) => {
                s.message = format!("error when patching {src:?}: {}", s.message);
                kube::Error::Api(s)
            }
            (_, e) => e,
        };
        let verb = format!(
            "applying patch:\n{body}\nto:\n{}\nfor:",
            describe_info(info)
        );
        visit::error_when(self.ctx, &verb, source, inner)
    }

    /// The query of every write: field manager, validation, dry run.
    fn query(&self, force: Option<bool>) -> Vec<(&'static str, String)> {
        let mut q = vec![
            ("fieldManager", self.field_manager.clone()),
            ("fieldValidation", self.validation.to_string()),
        ];
        if let Some(f) = force {
            q.push(("force", f.to_string()));
        }
        q.extend(self.dry.query());
        q
    }

    /// Print `kind/name <operation>` now, or keep the object for `-o` at the end.
    fn report(&mut self, obj: Value, operation: &str) -> Result<()> {
        if let Some(p) = &mut self.pruner {
            p.visit_object(&obj);
        }
        if self.printer.prints_object() {
            self.results.push(obj);
            Ok(())
        } else {
            Ok(self.printer.print(self.ctx.ui(), &obj, operation)?)
        }
    }

    /// `-o`: the one object applied, or all of them as a `List`.
    fn print_results(&mut self) -> Result<()> {
        let ui = self.ctx.ui();
        match self.results.len() {
            0 => {}
            1 => self.printer.print(ui, &self.results[0], "")?,
            _ => self
                .printer
                .print_list(ui, std::mem::take(&mut self.results))?,
        }
        Ok(())
    }
}

/// The manifest object as kubectl holds it: `metadata.namespace` set for namespaced kinds
/// (the builder's `DefaultNamespace()`).
pub(crate) fn manifest_object(info: &Info) -> Value {
    let mut obj = info.object.clone().unwrap_or(Value::Null);
    if let (Some(ns), Some(meta)) = (
        &info.namespace,
        obj.get_mut("metadata").and_then(Value::as_object_mut),
    ) {
        meta.insert("namespace".into(), Value::String(ns.clone()));
    }
    obj
}

fn has_annotation(obj: &Value) -> bool {
    obj.pointer("/metadata/annotations")
        .and_then(|a| a.get(last_applied::ANNOTATION))
        .is_some()
}

/// `resource.Info.String()`: the mapping and the name, as kubectl's messages show them.
pub(crate) fn describe_info(info: &Info) -> String {
    let r = &info.resource;
    format!(
        "Resource: \"{}/{}, Resource={}\", GroupVersionKind: \"{}/{}, Kind={}\"\nName: {:?}, Namespace: {:?}",
        r.group,
        r.version,
        r.resource,
        r.group,
        r.version,
        r.kind,
        info.name,
        info.namespace.as_deref().unwrap_or("")
    )
}

/// kubectl's `WarnIfDeleting` (also `diff`'s).
pub(crate) fn warn_if_deleting(ctx: &Ctx, obj: &Value) -> Result<()> {
    if obj
        .pointer("/metadata/deletionTimestamp")
        .is_some_and(|v| !v.is_null())
    {
        let name = obj
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or("");
        ctx.ui().eprint(&format!(
            "Warning: Detected changes to resource {name} which is currently being deleted.\n"
        ))?;
    }
    Ok(())
}
