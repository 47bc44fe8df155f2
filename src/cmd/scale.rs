//! `kk scale`: set a new size through the `/scale` subresource (deployments, replica sets,
//! stateful sets, replication controllers, custom resources that declare one) — a merge
//! patch of `spec.replicas`, or with `--current-replicas`/`--resource-version` a GET, check
//! and PUT of the `Scale`, retried on conflicts as kubectl does — then, with `--timeout`,
//! waiting until the status reaches the new size.
//!
//! As kubectl, every object is resolved before the first one is scaled, the first failed
//! scale ends the command, and the object printed (`-o`) is the one read before scaling.

use std::time::Duration;

use serde_json::{Value, json};

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{
    DryRun, DryRunFlags, FilenameFlags, GoDuration, ObjectPrintFlags, Pflag, RecordFlags,
};
use crate::printers::OperationPrinter;
use crate::resource::builder::Selection;
use crate::resource::request;
use crate::resource::visit::{Info, Options, Requester, Visitor};
use crate::wait::{Watched, Watcher};

/// Set a new size for a deployment, replica set, or replication controller.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// TYPE NAME... or TYPE/NAME...
    #[arg(value_name = "TYPE NAME", add = Complete::TypeAndNamesOf(SCALABLE))]
    pub args: Vec<String>,
    #[command(flatten)]
    pub files: FilenameFlags,
    /// Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l
    /// key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the
    /// specified label constraints.
    #[arg(short = 'l', long, value_name = "SELECTOR")]
    pub selector: Option<String>,
    /// Select all resources in the namespace of the specified resource types
    #[arg(long, pflag_bool())]
    pub all: Option<bool>,
    /// The new desired number of replicas. Required.
    #[arg(long, required = true, allow_negative_numbers = true, value_name = "COUNT",
          value_parser = crate::go::parse_int64)]
    pub replicas: Option<i64>,
    /// Precondition for current size. Requires that the current size of the resource match
    /// this value in order to scale. -1 (default) for no condition.
    #[arg(long, default_value_t = -1, allow_negative_numbers = true, value_name = "COUNT",
          value_parser = crate::go::parse_int64)]
    pub current_replicas: i64,
    /// Precondition for resource version. Requires that the current resource version match
    /// this value in order to scale.
    #[arg(long, value_name = "VERSION")]
    pub resource_version: Option<String>,
    /// The length of time to wait before giving up on a scale operation, zero means don't
    /// wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).
    #[arg(long, default_value = "0s", value_name = "DURATION",
          value_parser = crate::flags::parse_go_duration)]
    pub timeout: GoDuration,
    #[command(flatten)]
    pub dry_run: DryRunFlags,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
    #[command(flatten)]
    pub record: RecordFlags,
}

/// The types kubectl offers for completion.
const SCALABLE: &[&str] = &[
    "deployment",
    "replicaset",
    "replicationcontroller",
    "statefulset",
];

const EXAMPLES: &str = "  # Scale a replica set named 'foo' to 3
  kk scale --replicas=3 rs/foo

  # Scale a resource identified by type and name specified in \"foo.yaml\" to 3
  kk scale --replicas=3 -f foo.yaml

  # If the deployment named mysql's current size is 2, scale mysql to 3
  kk scale --current-replicas=2 --replicas=3 deployment/mysql

  # Scale multiple replication controllers
  kk scale --replicas=5 rc/example1 rc/example2 rc/example3

  # Scale stateful set named 'web' to 3
  kk scale --replicas=3 statefulset/web";

/// kubectl's `ScalePrecondition`: `--current-replicas` (-1: none), `--resource-version`.
struct Precondition {
    size: i64,
    resource_version: String,
}

impl Precondition {
    /// kubectl's `PreconditionError` text, when the Scale does not match.
    fn check(&self, scale: &Value) -> std::result::Result<(), String> {
        let replicas = scale
            .pointer("/spec/replicas")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        if self.size != -1 && replicas != self.size {
            return Err(format!(
                "Expected replicas to be {}, was {replicas}",
                self.size
            ));
        }
        let rv = scale
            .pointer("/metadata/resourceVersion")
            .and_then(Value::as_str)
            .unwrap_or("");
        if !self.resource_version.is_empty() && rv != self.resource_version {
            return Err(format!(
                "Expected resource version to be {}, was {rv}",
                self.resource_version
            ));
        }
        Ok(())
    }
}

/// Run `kk scale`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let cause = args.record.recorder(ctx)?;
    let replicas = args.replicas.unwrap_or(0);
    if replicas < 0 {
        return Err(Error::msg(
            "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0",
        ));
    }
    if args.current_replicas < -1 {
        return Err(Error::msg(
            "The --current-replicas must specify an integer of -1 or greater",
        ));
    }
    let dry = args.dry_run.strategy()?;
    let mut printer = OperationPrinter::new(&args.print, dry)?;
    let sel = Selection {
        args: args.args.clone(),
        filenames: args.files.filenames(),
        recursive: args.files.recursive(),
        label_selector: args.selector.clone().filter(|s| !s.is_empty()),
        allow_empty_selector: args.all.unwrap_or(false),
        ..Selection::default()
    };
    // kubectl's Complete builds its clients before any builder runs (so a configuration
    // problem is reported as the client's, not the builder's).
    ctx.client().await?;
    let mut objects = Visitor::new(ctx, &sel, Options::default()).await?;
    let requester = objects.requester().clone();
    let mut infos = Vec::new();
    while let Some(info) = objects.next().await {
        infos.push(info);
    }
    let not_found = objects.into_error();
    let resource_version = args.resource_version.clone().unwrap_or_default();
    if !resource_version.is_empty() && infos.len() > 1 {
        return Err(Error::msg(
            "cannot use --resource-version with multiple resources",
        ));
    }
    if infos.is_empty() {
        return Err(Error::msg(match not_found {
            Some(e) => format!("no objects passed to scale {}", e.go_text()),
            None => "no objects passed to scale".to_string(),
        }));
    }
    let precondition =
        (args.current_replicas != -1 || !resource_version.is_empty()).then_some(Precondition {
            size: args.current_replicas,
            resource_version,
        });
    let timeout = args.timeout.duration();
    for info in &infos {
        let obj = info.object.clone().unwrap_or(Value::Null);
        if !dry.is_client() {
            scale(ctx, &requester, info, replicas, precondition.as_ref(), dry).await?;
            if !timeout.is_zero() && dry == DryRun::None {
                wait_for_replicas(ctx, &requester, info, replicas, timeout).await?;
            }
            if let Some(cause) = &cause {
                record(&requester, info, &obj, cause).await;
            }
        }
        printer.print(ctx.ui(), &obj, "scaled")?;
    }
    printer.finish(ctx.ui())?;
    match not_found {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// `--record` after a scale: the change cause as a second, JSON merge patch of the object
/// (never a dry run, as kubectl sends it); its failure is only logged by kubectl.
async fn record(requester: &Requester, info: &Info, obj: &Value, cause: &str) {
    let patch = crate::flags::record::record_merge_patch(obj, cause);
    let _ = request::json(
        &requester.client,
        http::Method::PATCH,
        &info.path(),
        Some(("application/merge-patch+json", &patch)),
    )
    .await;
}

/// kubectl's `Scaler.Scale`: one scale, retried every second for up to five minutes while
/// the server answers Conflict.
async fn scale(
    ctx: &Ctx,
    requester: &Requester,
    info: &Info,
    replicas: i64,
    precondition: Option<&Precondition>,
    dry: DryRun,
) -> Result<()> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(300);
    loop {
        match scale_once(requester, info, replicas, precondition, dry).await {
            Err(Failure::Api(kube::Error::Api(s)))
                if s.code == 409 && tokio::time::Instant::now() < deadline =>
            {
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(Failure::Api(e)) => return Err(ctx.kube_error(e)),
            Err(Failure::Precondition(msg)) => return Err(Error::msg(msg)),
            Ok(()) => return Ok(()),
        }
    }
}

enum Failure {
    Api(kube::Error),
    Precondition(String),
}

/// kubectl's `ScaleSimple`: a merge patch of `spec.replicas`, or GET, check and PUT of the
/// Scale when there is a precondition.
async fn scale_once(
    requester: &Requester,
    info: &Info,
    replicas: i64,
    precondition: Option<&Precondition>,
    dry: DryRun,
) -> std::result::Result<(), Failure> {
    let path = format!("{}/scale", info.path());
    let query: Vec<_> = dry.query().into_iter().collect();
    let uri = request::with_query(&path, &query);
    let client = &requester.client;
    let Some(pre) = precondition else {
        let body = json!({"spec": {"replicas": replicas}});
        request::json(
            client,
            http::Method::PATCH,
            &uri,
            Some(("application/merge-patch+json", &body)),
        )
        .await
        .map_err(Failure::Api)?;
        return Ok(());
    };
    let mut current = requester.get(&path, &[]).await.map_err(Failure::Api)?;
    pre.check(&current).map_err(Failure::Precondition)?;
    current["spec"]["replicas"] = json!(replicas);
    request::json(
        client,
        http::Method::PUT,
        &uri,
        Some(("application/json", &current)),
    )
    .await
    .map_err(Failure::Api)?;
    Ok(())
}

/// kubectl's `WaitForScaleHasDesiredReplicas`: until the Scale's status reaches its spec
/// (or its spec was changed by someone else), checked at once and after every change of
/// the object; `timed out waiting for "NAME" to be synced` after `timeout`.
async fn wait_for_replicas(
    ctx: &Ctx,
    requester: &Requester,
    info: &Info,
    replicas: i64,
    timeout: Duration,
) -> Result<()> {
    let path = format!("{}/scale", info.path());
    let work = async {
        let mut watcher: Option<Watcher> = None;
        loop {
            let scale = requester.get(&path, &[]).await?;
            let n = |p: &str| scale.pointer(p).and_then(Value::as_i64).unwrap_or(0);
            let (spec, status) = (n("/spec/replicas"), n("/status/replicas"));
            if spec != replicas || (spec == status && status == replicas) {
                return Ok::<(), kube::Error>(());
            }
            let rv = scale
                .pointer("/metadata/resourceVersion")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let w = watcher.get_or_insert_with(|| {
                Watcher::new(Watched::object(requester.clone(), info), rv).resume(true)
            });
            if w.next().await.is_err() {
                // The watch is not served (or its resourceVersion is gone): poll as kubectl.
                watcher = None;
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    };
    match tokio::time::timeout(timeout, work).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(ctx.kube_error(e)),
        Err(_) => Err(Error::msg(format!(
            "timed out waiting for {:?} to be synced",
            info.name
        ))),
    }
}

/// The long description of `scale` (help and man page).
pub const ABOUT: &str = r#"Set a new size for a deployment, replica set, or replication controller.

Set a new size for a deployment, replica set, replication controller, or stateful set.

Scale also allows users to specify one or more preconditions for the scale action.

If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server."#;
