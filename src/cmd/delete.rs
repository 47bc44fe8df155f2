//! `kk delete`: delete objects by name, `TYPE/NAME`, `-f`, `-l`, `--field-selector` or
//! `--all`, with kubectl's grace-period/force rules, `propagationPolicy` from `--cascade`,
//! `pod "x" deleted` lines printed as each DELETE returns, and then (by default) waiting until
//! every deleted object is really gone.

use std::time::Duration;

use serde_json::{Value, json};

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{DryRun, DryRunFlags, FilenameFlags, Pflag, SelectorFlags};
use crate::printers::name;
use crate::resource::builder::Selection;
use crate::resource::visit::{self, Fetch, Info, Options, Visitor};
use crate::resource::{self, request};

/// Delete resources by file names, stdin, resources and names, or by resources and label selector.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// TYPE [NAME...] or TYPE/NAME...
    #[arg(value_name = "RESOURCE", add = Complete::TypeAndNames)]
    pub args: Vec<String>,
    #[command(flatten)]
    pub files: FilenameFlags,
    #[command(flatten)]
    pub select: SelectorFlags,
    /// Delete all resources, in the namespace of the specified resource types.
    #[arg(long, pflag_bool())]
    pub all: Option<bool>,
    /// Must be "background", "orphan", or "foreground". Defaults to background.
    #[arg(long, no_opt_default("background"), value_name = "STRATEGY",
          add = Complete::Values(&["background", "orphan", "foreground"]))]
    pub cascade: Option<String>,
    #[command(flatten)]
    pub dry_run: DryRunFlags,
    /// If true, immediately remove resources from API and bypass graceful deletion.
    #[arg(long, pflag_bool())]
    pub force: Option<bool>,
    /// Period of time in seconds given to the resource to terminate gracefully. Ignored if
    /// negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true.
    #[arg(long, default_value_t = -1, allow_negative_numbers = true, value_name = "SECONDS",
          value_parser = crate::go::parse_int64)]
    pub grace_period: i64,
    /// If true, resources are signaled for immediate shutdown (same as --grace-period=1).
    #[arg(long, pflag_bool())]
    pub now: Option<bool>,
    /// Treat "resource not found" as a successful delete. Defaults to "true" when --all is
    /// specified.
    #[arg(long, pflag_bool())]
    pub ignore_not_found: Option<bool>,
    /// Output mode. Use "-o name" for shorter output (resource/name).
    #[arg(short = 'o', long, value_name = "FORMAT")]
    pub output: Option<String>,
    /// The length of time to wait before giving up on a delete, zero means determine a timeout
    /// from the size of the object
    #[arg(long, default_value = "0s", value_name = "DURATION")]
    pub timeout: String,
    /// If true, wait for resources to be gone before returning. This waits for finalizers.
    #[arg(long, pflag_bool())]
    pub wait: Option<bool>,
}

/// Run `kk delete`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let policy = crate::flags::cascade(ctx.ui(), args.cascade.as_deref())?;
    let all = args.all.unwrap_or(false);
    let label = args.select.selector.clone().filter(|s| !s.is_empty());
    let field = args.select.field_selector.clone().filter(|s| !s.is_empty());
    let ignore_not_found = args
        .ignore_not_found
        .unwrap_or(all || label.is_some() || field.is_some());
    let force = args.force.unwrap_or(false);
    let mut grace = args.grace_period;
    if args.now.unwrap_or(false) {
        if grace != -1 {
            return Err(Error::msg(
                "--now and --grace-period cannot be specified together",
            ));
        }
        grace = 1;
    }
    // Backwards compatibility: a bare --grace-period=0 would lose data, so kubectl makes it 1
    // unless --force says the user means it.
    if grace == 0 && !force {
        grace = 1;
    }
    if force && grace < 0 {
        grace = 0;
    }
    let dry = args.dry_run.strategy()?;
    let timeout = crate::go::duration(&args.timeout).ok_or_else(|| Error::Flag {
        msg: format!(
            "invalid argument {:?} for \"--timeout\" flag: time: invalid duration {:?}",
            args.timeout, args.timeout
        ),
        command: "delete".into(),
    })?;

    if all {
        match resource::parse_args(&args.args)? {
            resource::Args::Pairs(_) => {
                return Err(Error::msg(
                    "selectors and the all flag cannot be used when passing resource/name arguments",
                ));
            }
            resource::Args::Types { names, .. } if !names.is_empty() => {
                return Err(Error::msg(
                    "name cannot be provided when a selector is specified",
                ));
            }
            _ => {}
        }
    }
    let sel = Selection {
        args: args.args.clone(),
        filenames: args.files.filenames(),
        recursive: args.files.recursive(),
        label_selector: label.clone(),
        field_selector: field.clone(),
        all_namespaces: args.select.all_namespaces(),
        allow_empty_selector: all,
        single_resource_type: false,
        validate: false,
        stream: None,
        typed: false,
    };
    // kubectl's delete asks for no object (RequireObject(false)) and lists unchunked.
    let opts = Options {
        fetch: Fetch::Nothing,
        chunk_size: 0,
        ignore_not_found,
        ..Options::default()
    };
    let mut objects = Visitor::new(ctx, &sel, opts).await?;

    let name_only = match args.output.as_deref() {
        None | Some("") => false,
        Some("name") => true,
        Some(other) => {
            return Err(Error::msg(format!(
                "unexpected -o output mode: {other}. We only support '-o name'"
            )));
        }
    };
    if all && label.is_some() {
        return Err(Error::msg(
            "setting 'all' parameter but found a non empty selector. ",
        ));
    }
    if all && field.is_some() {
        return Err(Error::msg(
            "setting 'all' parameter but found a non empty selector. ",
        ));
    }
    if force && grace == 0 {
        ctx.ui().warn("Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.")?;
    } else if force && grace > 0 {
        return Err(Error::msg(
            "--force and --grace-period greater than 0 cannot be specified together",
        ));
    }

    let requester = objects.requester().clone();
    let client = requester.client.clone();
    let mut found = 0usize;
    let mut deleted: Vec<(Info, Option<String>)> = Vec::new();
    let mut warn_cluster_scope = ctx.namespace_explicit();
    let mut body = json!({"propagationPolicy": policy});
    if grace >= 0 {
        body["gracePeriodSeconds"] = json!(grace);
    }
    while let Some(obj) = objects.next().await {
        found += 1;
        if warn_cluster_scope && !obj.resource.namespaced {
            ctx.ui()
                .warn("deleting cluster-scoped resources, not scoped to the provided namespace")?;
            warn_cluster_scope = false;
        }
        let line = |ctx: &Ctx, obj: &Info| -> Result<()> {
            let kind = name::kind_ref(&obj.resource.kind, &obj.resource.group);
            let text = if name_only {
                format!("{kind}/{}\n", obj.name)
            } else {
                // Not the name printer: kubectl's delete prints `kind "name" deleted`.
                let op = if force && grace == 0 {
                    "force deleted"
                } else {
                    "deleted"
                };
                format!("{kind} \"{}\" {op}{}\n", obj.name, dry.suffix())
            };
            ctx.ui().print(&text)?;
            // Shown as soon as each DELETE returns, before any waiting.
            ctx.ui().flush()?;
            Ok(())
        };
        if dry.is_client() {
            line(ctx, &obj)?;
            continue;
        }
        let q: Vec<_> = dry.query().into_iter().collect();
        let uri = request::with_query(&obj.path(), &q);
        match request::json(
            &client,
            http::Method::DELETE,
            &uri,
            Some(("application/json", &body)),
        )
        .await
        {
            Ok(resp) => {
                line(ctx, &obj)?;
                // A Status answer means the object is already gone; an object answer carries
                // the UID to tell it apart from a successor with the same name.
                let uid = if resp.get("kind").and_then(Value::as_str) == Some("Status") {
                    None
                } else {
                    resp.pointer("/metadata/uid")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                };
                if uid.is_some() {
                    deleted.push((obj, uid));
                }
            }
            Err(e) => objects.fail(visit::error_when(ctx, "deleting", obj.source.as_deref(), e)),
        }
    }
    objects.finish()?;
    if found == 0 {
        ctx.ui().print("No resources found\n")?;
        return Ok(());
    }
    if !args.wait.unwrap_or(true) || dry != DryRun::None {
        return Ok(());
    }
    // kubectl's --timeout=0 means "a week".
    let timeout = if timeout.is_zero() {
        Duration::from_secs(168 * 3600)
    } else {
        timeout
    };
    crate::wait::until_deleted(ctx, &requester, &deleted, timeout).await
}

/// The long description of `Delete` (help and man page).
pub const ABOUT: &str = r#"Delete resources by file names, stdin, resources and names, or by resources and label selector.

JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.

Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag. Note: only a subset of resources support graceful deletion. In absence of the support, the --grace-period flag is ignored.

IMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have been terminated, which can leave those processes running until the node detects the deletion and completes graceful deletion. If your processes use shared storage or talk to a remote API and depend on the name of the pod to identify themselves, force deleting those pods may result in multiple processes running on different machines using the same identification which may lead to data corruption or inconsistency. Only force delete pods when you are sure the pod is terminated, or if your application can tolerate multiple copies of the same pod running at once.

Note that the delete command does NOT do resource version checks, so if someone submits an update to a resource right when you submit a delete, their update will be lost along with the rest of the resource."#;

/// Examples for `Delete`.
pub const EXAMPLES: &str = r#"  # Delete a pod using the type and name specified in pod.json
  kk delete -f ./pod.json

  # Delete a pod based on the type and name in the JSON passed into stdin
  cat pod.json | kk delete -f -

  # Delete pods and services with same names "baz" and "foo"
  kk delete pod,service baz foo

  # Delete pods and services with label name=myLabel
  kk delete pods,services -l name=myLabel

  # Delete a pod with minimal delay
  kk delete pod foo --now

  # Force delete a pod on a dead node
  kk delete pod foo --force

  # Delete all pods
  kk delete pods --all"#;
