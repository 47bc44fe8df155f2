//! `kk wait`: wait until each object is deleted, created, has a status condition, or has a
//! JSONPath value — each watched as kubectl does (`wait::until`: list, then watch), one
//! deadline for all — printing `kind/name condition met` for each, kubectl's
//! `timed out waiting for the condition on pods/NAME` otherwise.

use std::time::Duration;

use serde_json::Value;

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{DryRun, FilenameFlags, GoDuration, ObjectPrintFlags, Pflag, SelectorFlags};
use crate::printers::OperationPrinter;
use crate::printers::jsonpath::{self, JsonPath};
use crate::resource::builder::Selection;
use crate::resource::visit::{self, Fetch, Info, Options, Requester, Visitor};
use crate::wait::{self as watch, Interrupts, Step, WaitError, Watched};

/// Experimental: Wait for a specific condition on one or many resources.
///
/// Experimental: Wait for a specific condition on one or many resources.
///
///  The command takes multiple resources and waits until the specified condition is seen in
/// the Status field of every given resource.
///
///  Alternatively, the command can wait for the given set of resources to be created or
/// deleted by providing the "create" or "delete" keyword as the value to the --for flag.
///
///  A successful message will be printed to stdout indicating when the specified condition
/// has been met. You can use -o option to change to output destination.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// (TYPE NAME | TYPE/NAME | TYPE [-l selector | --all])...
    #[arg(value_name = "RESOURCE", add = Complete::TypeAndNames)]
    pub args: Vec<String>,
    #[command(flatten)]
    pub files: FilenameFlags,
    #[command(flatten)]
    pub select: SelectorFlags,
    /// Select all resources in the namespace of the specified resource types
    #[arg(long, pflag_bool())]
    pub all: Option<bool>,
    /// The condition to wait on:
    /// [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath
    /// expression}'=[JSONPath value]]. The default condition-value is true. Condition values
    /// are compared after Unicode simple case folding, which is a more general form of
    /// case-insensitivity.
    #[arg(long = "for", value_name = "CONDITION", default_value = "")]
    pub for_: String,
    /// If true, annotation will NOT contact api-server but run locally.
    #[arg(long, pflag_bool())]
    pub local: Option<bool>,
    /// The length of time to wait before giving up. Zero means check once and don't wait,
    /// negative means wait for a week.
    #[arg(long, default_value = "30s", allow_hyphen_values = true, value_name = "DURATION",
          value_parser = crate::flags::parse_go_duration)]
    pub timeout: GoDuration,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
}

const EXAMPLES: &str = "  # Wait for the pod \"busybox1\" to contain the status condition of type \"Ready\"
  kk wait --for=condition=Ready pod/busybox1

  # The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)
  kk wait --for=condition=Ready=false pod/busybox1

  # Wait for the pod \"busybox1\" to contain the status phase to be \"Running\"
  kk wait --for=jsonpath='{.status.phase}'=Running pod/busybox1

  # Wait for pod \"busybox1\" to be Ready
  kk wait --for='jsonpath={.status.conditions[?(@.type==\"Ready\")].status}=True' pod/busybox1

  # Wait for the service \"loadbalancer\" to have ingress
  kk wait --for=jsonpath='{.status.loadBalancer.ingress}' service/loadbalancer

  # Wait for the secret \"busybox1\" to be created, with a timeout of 30s
  kk create secret generic busybox1
  kk wait --for=create secret/busybox1 --timeout=30s

  # Wait for the pod \"busybox1\" to be deleted, with a timeout of 60s, after having issued the \"delete\" command
  kk delete pod/busybox1
  kk wait --for=delete pod/busybox1 --timeout=60s";

/// What `--for` asks.
#[derive(Debug, Clone)]
pub enum For {
    /// `delete`: the object is gone.
    Delete,
    /// `create`: the object exists.
    Create,
    /// `condition=NAME[=VALUE]` (VALUE `true` by default; case-insensitive).
    Condition {
        /// The condition type.
        name: String,
        /// The wanted status.
        value: String,
    },
    /// `jsonpath=EXPR[=VALUE]`: EXPR finds one value (equal to VALUE, when given).
    JsonPath {
        /// The parsed expression.
        path: JsonPath,
        /// The wanted value (`None`: any).
        value: Option<String>,
    },
}

impl For {
    /// kubectl's `conditionFuncFor`, with its errors.
    pub fn parse(s: &str) -> std::result::Result<For, String> {
        let lower = s.to_lowercase();
        if lower == "delete" {
            return Ok(For::Delete);
        }
        if lower == "create" {
            return Ok(For::Create);
        }
        if let Some(rest) = s.strip_prefix("condition=") {
            let (name, value) = rest.split_once('=').unwrap_or((rest, "true"));
            return Ok(For::Condition {
                name: name.to_string(),
                value: value.to_string(),
            });
        }
        if let Some(rest) = s.strip_prefix("jsonpath=") {
            let parts = split_jsonpath(rest);
            if parts.is_empty() || parts.len() > 2 {
                return Err("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'".into());
            }
            let expr = jsonpath::relaxed(&parts[0]).map_err(|e| e.to_string())?;
            let value = match parts.get(1) {
                None => None,
                Some(v) => {
                    let v = v.trim_matches(['\'', '"']);
                    if v.is_empty() {
                        return Err("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3".into());
                    }
                    Some(v.to_string())
                }
            };
            if expr.is_empty() {
                return Err("jsonpath expression cannot be empty".into());
            }
            let path = JsonPath::parse(&expr)?.allow_missing_keys(true);
            return Ok(For::JsonPath { path, value });
        }
        Err(format!("unrecognized condition: {s:?}"))
    }

    /// Whether `obj` satisfies a condition or JSONPath wait (kubectl's `checkCondition`).
    pub fn check(&self, obj: &Value) -> std::result::Result<bool, String> {
        match self {
            For::Condition { name, value } => Ok(condition_met(obj, name, value)),
            For::JsonPath { path, value } => {
                let results = path.find_results(obj)?;
                if results.is_empty() || results[0].is_empty() {
                    return Ok(false);
                }
                if results.len() > 1 {
                    return Err("given jsonpath expression matches more than one list".into());
                }
                if results[0].len() > 1 {
                    return Err("given jsonpath expression matches more than one value".into());
                }
                let Some(want) = value else {
                    return Ok(true);
                };
                let got = &results[0][0];
                if got.is_object() || got.is_array() {
                    return Err(
                        "jsonpath leads to a nested object or list which is not supported".into(),
                    );
                }
                let text = match got.as_ref() {
                    Value::Null => "<nil>".to_string(),
                    v => jsonpath::eval::result_text(v),
                };
                Ok(text.trim() == want.trim())
            }
            For::Delete | For::Create => Ok(true),
        }
    }
}

/// kubectl's `splitJSONPathInput`: split on `=`, keeping `==`.
fn split_jsonpath(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '=' {
            if chars.peek() == Some(&'=') {
                chars.next();
                cur.push_str("==");
                continue;
            }
            out.push(std::mem::take(&mut cur));
            continue;
        }
        cur.push(c);
    }
    out.push(cur);
    out
}

/// kubectl's `ConditionalWait.checkCondition`: the first condition of that type decides,
/// unless it (or the status) was observed for an older generation.
fn condition_met(obj: &Value, name: &str, value: &str) -> bool {
    let Some(conditions) = obj.pointer("/status/conditions").and_then(Value::as_array) else {
        return false;
    };
    for c in conditions {
        let Some(ty) = c.get("type").and_then(Value::as_str) else {
            continue;
        };
        if !ty.eq_ignore_ascii_case(name) && ty.to_lowercase() != name.to_lowercase() {
            continue;
        }
        let Some(status) = c.get("status").and_then(Value::as_str) else {
            continue;
        };
        if let Some(generation) = obj.pointer("/metadata/generation").and_then(Value::as_i64) {
            let observed = c
                .get("observedGeneration")
                .and_then(Value::as_i64)
                .or_else(|| {
                    obj.pointer("/status/observedGeneration")
                        .and_then(Value::as_i64)
                });
            if observed.is_some_and(|o| o < generation) {
                return false;
            }
        }
        return status.to_lowercase() == value.to_lowercase();
    }
    false
}

/// Run `kk wait`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut printer = OperationPrinter::new(&args.print, DryRun::None)?;
    let cond = For::parse(&args.for_).map_err(Error::msg)?;
    let timeout = if args.timeout.secs < 0.0 {
        Duration::from_secs(168 * 3600)
    } else {
        args.timeout.duration()
    };
    let deadline = tokio::time::Instant::now() + timeout;
    let all = args.all.unwrap_or(false);
    let sel = Selection {
        args: args.args.clone(),
        filenames: args.files.filenames(),
        recursive: args.files.recursive.unwrap_or(true),
        label_selector: args.select.selector.clone().filter(|s| !s.is_empty()),
        field_selector: args.select.field_selector.clone().filter(|s| !s.is_empty()),
        all_namespaces: args.select.all_namespaces(),
        allow_empty_selector: all,
        ..Selection::default()
    };
    let delete = matches!(cond, For::Delete);
    let opts = || Options {
        fetch: Fetch::Latest,
        ignore_not_found: delete,
        ..Options::default()
    };
    // kubectl's Complete builds its clients before any builder runs (so a configuration
    // problem is reported as the client's, not the builder's).
    ctx.client().await?;
    let mut interrupts = Interrupts::new()?;
    if matches!(cond, For::Create) {
        tokio::select! {
            r = until_created(ctx, &sel, opts(), deadline) => r?,
            () = interrupts.recv() => return Err(Error::Exit(1)),
        }
    }
    let mut objects = Visitor::new(ctx, &sel, opts()).await?;
    let requester = objects.requester().clone();
    let mut visited = 0usize;
    while let Some(info) = objects.next().await {
        visited += 1;
        let r = tokio::select! {
            r = wait_for(ctx, &requester, &info, &cond, timeout, deadline) => r,
            () = interrupts.recv() => return Err(Error::Exit(1)),
        };
        match r {
            Ok(obj) => printer.print_verbatim(ctx.ui(), &obj, "condition met")?,
            Err(e) => objects.fail(e),
        }
    }
    printer.finish(ctx.ui())?;
    objects.finish()?;
    if visited == 0 && !delete {
        return Err(Error::msg("no matching resources found"));
    }
    Ok(())
}

/// `--for=create`: visit every half second until the objects are found (NotFound and an
/// empty result mean "not yet").
async fn until_created(
    ctx: &Ctx,
    sel: &Selection,
    opts: Options,
    deadline: tokio::time::Instant,
) -> Result<()> {
    loop {
        let mut objects = Visitor::new(ctx, sel, opts.clone()).await?;
        let mut found = false;
        while objects.next().await.is_some() {
            found = true;
        }
        match objects.into_error() {
            Some(e) if !visit::error_is_not_found(&e) => return Err(e),
            Some(_) => {}
            None if found => return Ok(()),
            None => {}
        }
        let next = tokio::time::Instant::now() + Duration::from_millis(500);
        if next > deadline {
            return Err(Error::msg("timed out waiting for the condition"));
        }
        tokio::time::sleep_until(next).await;
    }
}

/// One object's wait: the object to report, or kubectl's error.
async fn wait_for(
    ctx: &Ctx,
    requester: &Requester,
    info: &Info,
    cond: &For,
    timeout: Duration,
    deadline: tokio::time::Instant,
) -> Result<Value> {
    let mut given = info.object.clone().unwrap_or(Value::Null);
    let object_name = format!("{}/{}", info.resource.resource, info.name);
    let timed_out = || {
        Error::msg(format!(
            "timed out waiting for the condition on {object_name}"
        ))
    };
    let not_met = || Error::msg(format!("condition not met for {object_name}"));
    match cond {
        For::Create => return Ok(given),
        For::Delete => {
            let current = match info.get(requester, None).await {
                Err(e) if visit::is_not_found(&e) => return Ok(given),
                Err(e) => return Err(ctx.kube_error(e)),
                Ok(o) => o,
            };
            if timeout.is_zero() {
                return Err(not_met());
            }
            // What kubectl reports once the object is gone: the object it last read.
            given = current;
        }
        _ if timeout.is_zero() => {
            let current = info
                .get(requester, None)
                .await
                .map_err(|e| ctx.kube_error(e))?;
            return match cond.check(&current) {
                Ok(true) => Ok(current),
                Ok(false) => Err(not_met()),
                Err(e) => Err(Error::msg(e)),
            };
        }
        _ => {}
    }
    let left = deadline.saturating_duration_since(tokio::time::Instant::now());
    if left.is_zero() {
        return Err(timed_out());
    }
    let watched = Watched::object(requester.clone(), info);
    let ui = ctx.ui();
    let what = if matches!(cond, For::Delete) {
        "the object to be deleted"
    } else {
        "the condition to be satisfied"
    };
    let result = watch::until(
        &watched,
        Some(left),
        |objects| {
            if !objects.is_empty() {
                return Step::Wait;
            }
            match cond {
                For::Delete => Step::Done(Ok(given.clone())),
                _ => Step::Done(Err(not_found(info))),
            }
        },
        |ev| match ev.kind.as_str() {
            "ERROR" => {
                let msg = ev
                    .object
                    .get("message")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let _ = ui.eprint(&format!(
                    "error: An error occurred while waiting for {what}: {msg}"
                ));
                Step::Wait
            }
            "DELETED" if matches!(cond, For::Delete) => Step::Done(Ok(given.clone())),
            "DELETED" => Step::Wait,
            _ if matches!(cond, For::Delete) => Step::Wait,
            _ => match cond.check(&ev.object) {
                Ok(true) => Step::Done(Ok(ev.object.clone())),
                Ok(false) => Step::Wait,
                Err(e) => Step::Done(Err(Error::msg(e))),
            },
        },
    )
    .await;
    match result {
        Ok(r) => r,
        Err(WaitError::Timeout) => Err(timed_out()),
        Err(WaitError::Failed(e)) => Err(ctx.kube_error(e)),
    }
}

/// The API's NotFound for the object (kubectl's precondition when it is not there).
fn not_found(info: &Info) -> Error {
    let what = if info.resource.group.is_empty() {
        info.resource.resource.clone()
    } else {
        format!("{}.{}", info.resource.resource, info.resource.group)
    };
    let mut s =
        kube::core::Status::failure(&format!("{what} {:?} not found", info.name), "NotFound");
    s.code = 404;
    Error::Api(Box::new(s))
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Experimental: Wait for a specific condition on one or many resources.

 The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.

 Alternatively, the command can wait for the given set of resources to be created or deleted by providing the "create" or "delete" keyword as the value to the --for flag.

 A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination."#;
