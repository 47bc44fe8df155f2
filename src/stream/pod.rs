//! The pod a streaming verb works on, and kubectl's checks around it: `--pod-running-timeout`,
//! `NAME` / `TYPE/NAME` targets and the pod they stand for, refusing completed pods, and whether a TTY can be used.

use k8s_openapi::api::core::v1::Pod;
use serde_json::Value;

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::GoDuration;
use crate::resource::builder::Selection;
use crate::resource::polymorphic;
use crate::resource::visit::{Fetch, Info, Options, Requester, Visitor};

/// kubectl's `GetPodRunningTimeoutFlag` check of `--pod-running-timeout`, as a usage error
/// of `command`.
pub fn check_timeout(timeout: GoDuration, command: &str) -> Result<()> {
    if timeout.secs <= 0.0 {
        return Err(Error::usage(
            command,
            "--pod-running-timeout must be higher than zero",
        ));
    }
    Ok(())
}

/// The object a streaming verb names (kubectl's `ResourceNames("pods", ...)`): `NAME` is a
/// pod, `TYPE/NAME` (or `TYPE NAME`) any type. Discovery and the builder's argument errors
/// fail here; the object itself is fetched by [`Target::get`].
pub struct Target {
    info: Info,
    requester: Requester,
}

impl Target {
    /// Resolve `args`: one `NAME` / `TYPE/NAME`, or `TYPE NAME`.
    pub async fn new(ctx: &Ctx, args: &[String]) -> Result<Target> {
        Self::select(ctx, args, &[]).await
    }

    /// Resolve `args` and the manifests of `filenames` (exec's `-f`): exactly one object,
    /// else kubectl's `cannot exec into multiple objects at a time`. A manifest's object is
    /// used as read (kubectl's builder does not fetch it again).
    pub async fn select(ctx: &Ctx, args: &[String], filenames: &[String]) -> Result<Target> {
        // Names next to manifests: kubectl's builder reads the manifests first (their
        // errors win), then refuses the names.
        let names_too = !(args.is_empty() || filenames.is_empty());
        let args = match args {
            _ if names_too => Vec::new(),
            [one] if !one.contains('/') => vec!["pods".to_string(), one.clone()],
            more => more.to_vec(),
        };
        let sel = Selection {
            args,
            filenames: filenames.to_vec(),
            typed: true,
            ..Selection::default()
        };
        let opts = Options {
            fetch: Fetch::Nothing,
            ..Options::default()
        };
        // kubectl's Complete builds its clients before any builder runs (so a configuration
        // problem is reported as the client's, not the builder's).
        ctx.client().await?;
        let mut objects = Visitor::new(ctx, &sel, opts).await?;
        let requester = objects.requester().clone();
        let Some(info) = objects.next().await else {
            let none = if filenames.is_empty() {
                "expected a resource"
            } else {
                // An empty list, to kubectl.
                "cannot exec into multiple objects at a time"
            };
            return Err(objects.finish().err().unwrap_or_else(|| Error::msg(none)));
        };
        if !filenames.is_empty() {
            // kubectl takes every object of the files before it looks at one of them; what
            // comes from stdin is always a list to it.
            let more = objects.next().await.is_some();
            objects.finish()?;
            if names_too {
                return Err(Error::msg(
                    "resource/name arguments cannot be provided when a path is specified",
                ));
            }
            if more || filenames.iter().any(|f| f == "-") {
                return Err(Error::msg("cannot exec into multiple objects at a time"));
            }
        }
        Ok(Target { info, requester })
    }

    /// The object: as read from its manifest, else a GET (kubectl's builder: a missing
    /// namespace reported as such).
    pub async fn get(&self) -> std::result::Result<Value, kube::Error> {
        match &self.info.object {
            Some(obj) => {
                // kubectl's builder puts the namespace it resolved into the object.
                let mut obj = obj.clone();
                if let (Some(ns), Some(meta)) = (&self.info.namespace, obj.get_mut("metadata"))
                    && meta.get("namespace").is_none_or(|n| n.as_str() == Some(""))
                {
                    meta["namespace"] = Value::String(ns.clone());
                }
                Ok(obj)
            }
            None => self.info.get(&self.requester, None).await,
        }
    }

    /// How requests are made.
    pub fn requester(&self) -> &Requester {
        &self.requester
    }
}

/// A pod as JSON, typed.
pub fn typed(pod: Value) -> Result<Pod> {
    serde_json::from_value(pod).map_err(|e| Error::msg(format!("decoding a pod: {e}")))
}

/// kubectl's `AttachablePodForObject` for an object already fetched: a pod is itself, a
/// workload or service gives its most active pod, waiting up to `timeout` for one.
pub async fn attachable_for(
    ctx: &Ctx,
    target: &Target,
    obj: &Value,
    timeout: GoDuration,
) -> Result<Pod> {
    let pod =
        polymorphic::attachable_pod(ctx, target.requester(), obj, Some(timeout.duration())).await?;
    typed(pod)
}

/// The pod `args` stand for (attach, exec): the named pod, or the most active pod of the
/// named workload or service. API errors as kubectl prints them (`Error from server
/// (NotFound): pods "x" not found`).
pub async fn attachable(ctx: &Ctx, args: &[String], timeout: GoDuration) -> Result<Pod> {
    attachable_from(ctx, args, &[], timeout).await
}

/// [`attachable`] with manifests (exec's `-f`) besides the arguments.
pub async fn attachable_from(
    ctx: &Ctx,
    args: &[String],
    filenames: &[String],
    timeout: GoDuration,
) -> Result<Pod> {
    let target = Target::select(ctx, args, filenames).await?;
    let obj = target.get().await.map_err(|e| ctx.kube_error(e))?;
    attachable_for(ctx, &target, &obj, timeout).await
}

/// GET one pod.
pub async fn get(ctx: &Ctx, namespace: &str, name: &str) -> Result<Pod> {
    let client = ctx.client().await?;
    let api: kube::Api<Pod> = kube::Api::namespaced(client, namespace);
    api.get(name).await.map_err(|e| ctx.kube_error(e))
}

/// The pod's phase (`""` when unknown).
pub fn phase(pod: &Pod) -> &str {
    pod.status
        .as_ref()
        .and_then(|s| s.phase.as_deref())
        .unwrap_or("")
}

/// Running and not being deleted: a pod connections can still go to.
pub fn serving(pod: &Pod) -> bool {
    phase(pod) == "Running" && pod.metadata.deletion_timestamp.is_none()
}

/// kubectl refuses to exec/attach into a pod that has finished: `<what>; current phase is P`.
pub fn check_not_completed(pod: &Pod, what: &str) -> Result<()> {
    match phase(pod) {
        p @ ("Succeeded" | "Failed") => Err(Error::msg(format!("{what}; current phase is {p}"))),
        _ => Ok(()),
    }
}

/// kubectl's `SetupTTY`: a TTY only with stdin, and only when stdin is a terminal (else the
/// "Unable to use a TTY" notice, unless `quiet`).
pub fn setup_tty(ctx: &Ctx, stdin: bool, tty: bool, quiet: bool) -> Result<bool> {
    if !stdin || !tty {
        return Ok(false);
    }
    if !ctx.ui().stdin_is_tty() {
        if !quiet {
            ctx.ui().eprint(
                "Unable to use a TTY - input is not a terminal or the right kind of file\n",
            )?;
        }
        return Ok(false);
    }
    Ok(true)
}
