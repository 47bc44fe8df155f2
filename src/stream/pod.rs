//! The pod a streaming verb works on, and kubectl's checks around it: `--pod-running-timeout`,
//! `NAME` / `pod/NAME` targets, refusing completed pods, and whether a TTY can be used.

use k8s_openapi::api::core::v1::Pod;

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::GoDuration;

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

/// The pod named by `target` (`NAME` or `pod/NAME`) in `namespace`; API errors as kubectl
/// prints them (`Error from server (NotFound): pods "x" not found`).
pub async fn attachable(
    ctx: &Ctx,
    namespace: &str,
    target: &str,
    _timeout: GoDuration,
) -> Result<Pod> {
    let name = match target.split_once('/') {
        Some((kind, name)) => {
            let mut resolver = crate::resource::Resolver::new(ctx).await?;
            let r = resolver.resolve(ctx, kind).await?;
            if !(r.group.is_empty() && r.resource == "pods") {
                return Err(Error::msg(format!(
                    "cannot attach to {}: only pods are supported by kk so far",
                    r.group_resource()
                )));
            }
            name
        }
        None => target,
    };
    get(ctx, namespace, name).await
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
