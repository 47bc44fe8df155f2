//! `kk run NAME --image=image [--env] [--port] [--expose] [--dry-run] [--overrides]
//! [--command] -- [COMMAND] [args...]`: kubectl's `run` — a pod from the `run` generator
//! (`generate::pod`), with `--expose` a Service for it (`generate::expose`), then either the
//! pod printed (`pod/NAME created`) or, with `--attach`/`-i`, the pod waited for, attached to
//! (`stream::attach`), its exit code returned for `--restart=Never|OnFailure`, and with `--rm`
//! what was created deleted afterwards (`pod "NAME" deleted`).

use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use serde_json::{Value, json};

use crate::ctx::Ctx;
use crate::error::{Error, PROG, Result};
use crate::flags::{DryRun, DryRunFlags, GoDuration, ObjectPrintFlags, Pflag};
use crate::generate::{self, expose, overrides, pod, shape};
use crate::printers::OperationPrinter;
use crate::resource::request;
use crate::resource::visit::Requester;
use crate::stream::{attach, logs};
use crate::wait::{self, Step, Watched};

/// Run a particular image on the cluster.
///
/// Create and run a particular image in a pod.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "  # Start a nginx pod
  kk run nginx --image=nginx

  # Start a hazelcast pod and let the container expose port 5701
  kk run hazelcast --image=hazelcast/hazelcast --port=5701

  # Start a hazelcast pod and set environment variables \"DNS_DOMAIN=cluster\" and \"POD_NAMESPACE=default\" in the container
  kk run hazelcast --image=hazelcast/hazelcast --env=\"DNS_DOMAIN=cluster\" --env=\"POD_NAMESPACE=default\"

  # Start a hazelcast pod and set labels \"app=hazelcast\" and \"env=prod\" in the container
  kk run hazelcast --image=hazelcast/hazelcast --labels=\"app=hazelcast,env=prod\"

  # Dry run; print the corresponding API objects without creating them
  kk run nginx --image=nginx --dry-run=client

  # Start a nginx pod, but overload the spec with a partial set of values parsed from JSON
  kk run nginx --image=nginx --overrides='{ \"apiVersion\": \"v1\", \"spec\": { ... } }'

  # Start a busybox pod and keep it in the foreground, don't restart it if it exits
  kk run -i -t busybox --image=busybox --restart=Never

  # Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that command
  kk run nginx --image=nginx -- <arg1> <arg2> ... <argN>

  # Start the nginx pod using a different command and custom arguments
  kk run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>")]
pub struct Args {
    /// NAME, then the container's arguments
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    /// COMMAND and its arguments (after `--`)
    #[arg(last = true, value_name = "COMMAND")]
    pub after_dash: Vec<String>,
    /// Annotations to apply to the pod.
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotations: Vec<String>,
    /// If true, wait for the Pod to start running, and then attach to the Pod as if 'kk
    /// attach ...' were called. Default false, unless '-i/--stdin' is set, in which case the
    /// default is true. With '--restart=Never' the exit code of the container process is
    /// returned.
    #[arg(long, pflag_bool())]
    pub attach: Option<bool>,
    /// If true and extra arguments are present, use them as the 'command' field in the
    /// container, rather than the 'args' field which is the default.
    #[arg(long, pflag_bool())]
    pub command: Option<bool>,
    /// Environment variables to set in the container.
    #[arg(long, value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// If true, create a ClusterIP service associated with the pod. Requires `--port`.
    #[arg(long, pflag_bool())]
    pub expose: Option<bool>,
    /// The image for the container to run.
    #[arg(long, required = true, value_name = "IMAGE")]
    pub image: String,
    /// The image pull policy for the container. If left empty, this value will not be
    /// specified by the client and defaulted by the server.
    #[arg(long, default_value = "", value_name = "POLICY",
          add = crate::complete::Complete::Values(&["Always", "IfNotPresent", "Never"]))]
    pub image_pull_policy: String,
    /// Comma separated labels to apply to the pod. Will override previous values.
    #[arg(short = 'l', long, default_value = "", value_name = "LABELS")]
    pub labels: String,
    /// If the pod is started in interactive mode or with stdin, leave stdin open after the
    /// first attach completes. By default, stdin will be closed after the first attach
    /// completes.
    #[arg(long, pflag_bool())]
    pub leave_stdin_open: Option<bool>,
    /// The method used to override the generated object: json, merge, or strategic.
    #[arg(long, default_value = "merge", value_name = "TYPE",
          add = crate::complete::Complete::Values(&["json", "merge", "strategic"]))]
    pub override_type: String,
    /// An inline JSON override for the generated object. If this is non-empty, it is used to
    /// override the generated object. Requires that the object supply a valid apiVersion
    /// field.
    #[arg(long, default_value = "", value_name = "JSON")]
    pub overrides: String,
    /// The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one
    /// pod is running
    #[arg(long, default_value = "1m0s", value_name = "DURATION",
          value_parser = crate::flags::parse_go_duration)]
    pub pod_running_timeout: GoDuration,
    /// The port that this container exposes.
    #[arg(long, default_value = "", value_name = "PORT")]
    pub port: String,
    /// If true, run the container in privileged mode.
    #[arg(long, pflag_bool())]
    pub privileged: Option<bool>,
    /// If true, suppress prompt messages.
    #[arg(short = 'q', long, pflag_bool())]
    pub quiet: Option<bool>,
    /// The restart policy for this Pod. Legal values [Always, OnFailure, Never].
    #[arg(long, default_value = "Always", value_name = "POLICY",
          add = crate::complete::Complete::Values(&["Always", "OnFailure", "Never"]))]
    pub restart: String,
    /// If true, delete the pod after it exits. Only valid when attaching to the container,
    /// e.g. with '--attach' or with '-i/--stdin'.
    #[arg(long, pflag_bool())]
    pub rm: Option<bool>,
    #[command(flatten)]
    pub save_config: crate::flags::write::SaveConfigFlags,
    /// Keep stdin open on the container in the pod, even if nothing is attached.
    #[arg(short = 'i', long, pflag_bool())]
    pub stdin: Option<bool>,
    /// Allocate a TTY for the container in the pod.
    #[arg(short = 't', long, pflag_bool())]
    pub tty: Option<bool>,
    /// Must be "background", "orphan", or "foreground". Selects the deletion cascading
    /// strategy for the dependents (e.g. Pods created by a ReplicationController) of `--rm`.
    #[arg(long, no_opt_default("background"), default_value = "background",
          value_name = "STRATEGY",
          add = crate::complete::Complete::Values(&["background", "orphan", "foreground"]))]
    pub cascade: String,
    #[command(flatten)]
    pub field_manager: crate::flags::write::FieldManagerFlags<crate::flags::write::Run>,
    #[command(flatten)]
    pub dry_run: DryRunFlags,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
    #[command(flatten)]
    pub record: crate::flags::RecordFlags,
}

/// kubectl's `--cascade` values as a deletion propagation policy.
fn propagation(v: &str) -> Result<&'static str> {
    match v {
        "background" | "true" => Ok("Background"),
        "foreground" => Ok("Foreground"),
        "orphan" | "false" => Ok("Orphan"),
        other => Err(Error::msg(format!(
            "invalid cascade value ({other}). Must be \"background\", \"foreground\", or \"orphan\""
        ))),
    }
}

/// kubectl's `reference.ReferenceRegexp` (distribution/reference), checked by hand.
fn valid_image(s: &str) -> bool {
    let (rest, digest) = match s.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (s, None),
    };
    if let Some(d) = digest {
        let Some((alg, hex)) = d.split_once(':') else {
            return false;
        };
        let alg_ok = !alg.is_empty()
            && alg
                .split(['+', '.', '_', '-'])
                .all(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_alphanumeric()));
        if !alg_ok || hex.len() < 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return false;
        }
    }
    // A tag is after the last ':' that follows the last '/'.
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    if let Some(t) = tag {
        let b = t.as_bytes();
        if b.is_empty()
            || b.len() > 128
            || !(b[0].is_ascii_alphanumeric() || b[0] == b'_')
            || !b
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
        {
            return false;
        }
    }
    if name.is_empty() {
        return false;
    }
    let mut parts: Vec<&str> = name.split('/').collect();
    // An optional domain first: contains '.' or ':' or is "localhost", and more follows.
    if parts.len() > 1 && (parts[0].contains(['.', ':']) || parts[0] == "localhost") {
        let domain = parts.remove(0);
        let (host, port) = match domain.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (domain, None),
        };
        if port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
            return false;
        }
        let host_ok = !host.is_empty()
            && host.split('.').all(|l| {
                !l.is_empty()
                    && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    && !l.starts_with('-')
                    && !l.ends_with('-')
            });
        if !host_ok {
            return false;
        }
    }
    parts.iter().all(|c| path_component(c))
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`.
fn path_component(c: &str) -> bool {
    let b = c.as_bytes();
    if b.is_empty() || !lower(b[0]) || !lower(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if lower(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !lower(b[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        let ok = matches!(sep, "." | "_" | "__") || sep.bytes().all(|x| x == b'-');
        if !ok {
            return false;
        }
    }
    true
}

fn lower(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// Run `kk run`.
pub async fn run(ctx: &Ctx, a: &Args) -> Result<()> {
    let cause = a.record.recorder(ctx)?;
    let dry = a.dry_run.strategy()?;
    let stdin = a.stdin == Some(true);
    let tty = a.tty == Some(true);
    let attach = a.attach.unwrap_or(stdin);
    let mut printer = OperationPrinter::new(&a.print, dry)?.typed();
    let cascade = propagation(&a.cascade)?;
    // kubectl: ArgsLenAtDash == 0 means nothing came before `--`.
    let Some(name) = a.args.first().cloned() else {
        return Err(Error::usage("run", "NAME is required for run"));
    };
    if a.pod_running_timeout.secs <= 0.0 {
        return Err(Error::usage(
            "run",
            "--pod-running-timeout must be higher than zero",
        ));
    }
    if a.image.is_empty() {
        return Err(Error::msg("--image is required"));
    }
    if !valid_image(&a.image) {
        return Err(Error::msg(format!(
            "Invalid image name {:?}: invalid reference format",
            a.image
        )));
    }
    if tty && !stdin {
        return Err(Error::usage(
            "run",
            "-i/--stdin is required for containers with -t/--tty=true",
        ));
    }
    let expose_too = a.expose == Some(true);
    if expose_too && a.port.is_empty() {
        return Err(Error::usage(
            "run",
            "--port must be set when exposing a service",
        ));
    }
    let namespace = ctx.namespace().await?;
    let restart = match a.restart.as_str() {
        "" if stdin => "OnFailure",
        "" => "Always",
        r @ ("Always" | "OnFailure" | "Never") => r,
        other => {
            return Err(Error::usage(
                "run",
                format!("invalid restart policy: {other}"),
            ));
        }
    };
    let remove = a.rm == Some(true);
    if !attach && remove {
        return Err(Error::usage(
            "run",
            "--rm should only be used for attached containers",
        ));
    }
    if attach && dry != DryRun::None {
        return Err(Error::usage(
            "run",
            "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)",
        ));
    }
    if !matches!(
        a.image_pull_policy.as_str(),
        "" | "Always" | "IfNotPresent" | "Never"
    ) {
        return Err(Error::usage(
            "run",
            format!("invalid image pull policy: {}", a.image_pull_policy),
        ));
    }
    let mut args: Vec<String> = a.args[1..].to_vec();
    args.extend(a.after_dash.iter().cloned());
    let enforced = ctx.namespace_explicit().then(|| namespace.clone());
    let params = pod::Params {
        name: name.clone(),
        image: a.image.clone(),
        labels: a.labels.clone(),
        annotations: a.annotations.clone(),
        env: a.env.clone(),
        port: a.port.clone(),
        stdin,
        leave_stdin_open: a.leave_stdin_open == Some(true),
        tty,
        restart: a.restart.clone(),
        privileged: a.privileged == Some(true),
        image_pull_policy: a.image_pull_policy.clone(),
        args,
        command: a.command == Some(true),
        namespace: None,
    };
    let built = pod::build(&params).map_err(Error::msg)?;
    let built = overrides::apply(&shape::normalize(&built), &a.overrides, &a.override_type)
        .map_err(Error::msg)?;
    let creator = Creator {
        ctx,
        dry,
        namespace: &namespace,
        enforced: enforced.as_deref(),
        save_config: a.save_config.enabled(),
        field_manager: &a.field_manager.field_manager,
        cause: cause.as_deref(),
    };
    let pod_obj = creator.create(built, "pods").await?;
    let mut created = vec![("pods", "pod", name.clone())];
    let mut errs = Vec::new();
    if expose_too {
        let svc = expose::Params {
            name: name.clone(),
            default_name: name.clone(),
            selector: if a.labels.is_empty() {
                format!("run={name}")
            } else {
                a.labels.clone()
            },
            labels: a.labels.clone(),
            port: a.port.clone(),
            ..expose::Params::default()
        };
        let made = match expose::build(&svc) {
            Ok(s) => creator.create(shape::normalize(&s), "services").await,
            Err(e) => Err(Error::msg(e)),
        };
        match made {
            Ok(s) => {
                printer.print(ctx.ui(), &s, "created")?;
                if a.print.output() == "yaml" {
                    ctx.ui().print("---\n")?;
                }
                created.push(("services", "service", name.clone()));
            }
            Err(e) => errs.push(e),
        }
    }
    if attach {
        let result = attach_and_wait(ctx, a, &pod_obj, restart).await;
        if remove {
            delete_created(ctx, &namespace, &created, cascade, a.quiet == Some(true)).await?;
        }
        // kubectl's `CodeExitError`: its text as is, the container's exit code.
        return match result? {
            None => Ok(()),
            Some((msg, code)) => {
                ctx.ui().eprint(&msg)?;
                Err(Error::Exit(code))
            }
        };
    }
    printer.print(ctx.ui(), &pod_obj, "created")?;
    printer.finish(ctx.ui())?;
    match errs.len() {
        0 => Ok(()),
        _ => Err(Error::Many(errs)),
    }
}

/// kubectl's `createGeneratedObject` after the overrides.
struct Creator<'a> {
    ctx: &'a Ctx,
    dry: DryRun,
    namespace: &'a str,
    enforced: Option<&'a str>,
    save_config: bool,
    field_manager: &'a str,
    /// `--record`'s change cause.
    cause: Option<&'a str>,
}

impl Creator<'_> {
    async fn create(&self, mut obj: Value, plural: &str) -> Result<Value> {
        if let Some(cause) = self.cause {
            crate::flags::record::record(&mut obj, cause);
        }
        if self.dry.is_client() {
            // kubectl maps the generated object's kind through discovery even for a client
            // dry run (cache first), so a dead server fails it as any other command.
            let mut resolver = crate::resource::Resolver::new(self.ctx).await?;
            resolver.resolve(self.ctx, plural).await?;
            if let Some(ns) = self.enforced {
                obj["metadata"]["namespace"] = json!(ns);
            }
            return Ok(obj);
        }
        if self.save_config {
            generate::save_config(&mut obj);
        }
        let mut q = vec![("fieldManager", self.field_manager.to_string())];
        q.extend(self.dry.query());
        let uri = request::with_query(
            &format!("/api/v1/namespaces/{}/{plural}", self.namespace),
            &q,
        );
        let client = self.ctx.client().await?;
        let created = request::json(
            &client,
            http::Method::POST,
            &uri,
            Some(("application/json", &obj)),
        )
        .await
        .map_err(|e| self.ctx.kube_error(e))?;
        Ok(shape::normalize(&created))
    }
}

/// What ended the wait for the pod.
enum Seen {
    Pod(Value),
    Completed(Value),
}

/// Watch the pod until `cond` says so (kubectl's `waitForPod`).
async fn wait_for_pod(
    ctx: &Ctx,
    namespace: &str,
    name: &str,
    timeout: Duration,
    cond: impl Fn(&Value) -> std::result::Result<Option<Seen>, Error>,
) -> Result<Seen> {
    let requester = Requester::json(ctx.client().await?);
    let watched = Watched::collection(
        requester,
        format!("/api/v1/namespaces/{namespace}/pods"),
        vec![("fieldSelector", format!("metadata.name={name}"))],
    );
    let mut failure: Option<Error> = None;
    let found = wait::until(
        &watched,
        Some(timeout),
        |_| Step::Wait,
        |ev| {
            if ev.kind == "DELETED" {
                failure = Some(Error::msg("pods \"\" not found"));
                return Step::Done(None);
            }
            match cond(&ev.object) {
                Ok(Some(seen)) => Step::Done(Some(seen)),
                Ok(None) => Step::Wait,
                Err(e) => {
                    failure = Some(e);
                    Step::Done(None)
                }
            }
        },
    )
    .await;
    match found {
        Ok(Some(seen)) => Ok(seen),
        Ok(None) => Err(failure.unwrap_or_else(|| Error::msg("pod went away"))),
        Err(e) => Err(e.into_error(ctx)),
    }
}

fn phase(p: &Value) -> &str {
    p.pointer("/status/phase")
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// kubectl's `podRunningAndReady` (a finished pod ends the wait too).
fn running_and_ready(p: &Value) -> std::result::Result<Option<Seen>, Error> {
    match phase(p) {
        "Failed" | "Succeeded" => Ok(Some(Seen::Completed(p.clone()))),
        "Running" => {
            let ready = p
                .pointer("/status/conditions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .any(|c| c["type"] == "Ready" && c["status"] == "True");
            Ok(ready.then(|| Seen::Pod(p.clone())))
        }
        _ => Ok(None),
    }
}

/// `--attach`: wait for the pod, attach (or print the logs of a pod that already
/// finished), then for `--restart=Never|OnFailure` wait for it to end and return its exit
/// code as kubectl does.
async fn attach_and_wait(
    ctx: &Ctx,
    a: &Args,
    created: &Value,
    restart: &str,
) -> Result<Option<(String, u8)>> {
    let timeout = a.pod_running_timeout.duration();
    let namespace = created
        .pointer("/metadata/namespace")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let name = created
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let seen = wait_for_pod(ctx, &namespace, &name, timeout, running_and_ready).await?;
    let stdin = a.stdin == Some(true);
    let quiet = a.quiet == Some(true);
    match seen {
        Seen::Completed(p) => print_logs(ctx, &p, quiet).await?,
        Seen::Pod(p) => {
            let typed: Pod = serde_json::from_value(p.clone())
                .map_err(|e| Error::msg(format!("decoding pod: {e}")))?;
            let options = attach::Options {
                container: None,
                stdin,
                tty: a.tty == Some(true),
                quiet,
                command_name: format!("{PROG} attach"),
            };
            if let Err(e) = attach::attach(ctx, &typed, &options).await {
                ctx.ui().eprint(&format!(
                    "warning: couldn't attach to pod/{name}, falling back to streaming logs: {}\n",
                    e.go_text()
                ))?;
                print_logs(ctx, &p, quiet).await?;
            }
        }
    }
    let leave_open = a.leave_stdin_open == Some(true);
    if leave_open || !matches!(restart, "Never" | "OnFailure") {
        return Ok(None);
    }
    let on_failure = restart == "OnFailure";
    let done = wait_for_pod(ctx, &namespace, &name, timeout, |p| {
        let end = match phase(p) {
            "Succeeded" => true,
            "Failed" => !on_failure,
            _ => false,
        };
        Ok(end.then(|| Seen::Pod(p.clone())))
    })
    .await?;
    let (Seen::Pod(p) | Seen::Completed(p)) = done;
    match phase(&p) {
        "Succeeded" => Ok(None),
        "Failed" => {
            let unknown = || {
                Error::msg(format!(
                    "pod {namespace}/{name} failed with unknown exit code"
                ))
            };
            let Some(term) = p.pointer("/status/containerStatuses/0/state/terminated") else {
                return Err(unknown());
            };
            let rc = term.get("exitCode").and_then(Value::as_i64).unwrap_or(0);
            if rc == 0 {
                return Err(unknown());
            }
            let s = |k: &str| term.get(k).and_then(Value::as_str).unwrap_or("");
            let mut msg = format!(
                "pod {namespace}/{name} terminated ({})\n{}",
                s("reason"),
                s("message")
            );
            if !msg.ends_with('\n') {
                msg.push('\n');
            }
            Ok(Some((msg, rc.clamp(0, 255) as u8)))
        }
        other => Err(Error::msg(format!(
            "pod {namespace}/{name} left in phase {other}"
        ))),
    }
}

/// kubectl's `logOpts`: the whole log of the pod's container.
async fn print_logs(ctx: &Ctx, p: &Value, quiet: bool) -> Result<()> {
    let typed: Pod =
        serde_json::from_value(p.clone()).map_err(|e| Error::msg(format!("decoding pod: {e}")))?;
    let found = crate::stream::container::pick(ctx.ui(), &typed, None, quiet)?;
    let src = logs::Source {
        namespace: typed.metadata.namespace.clone().unwrap_or_default(),
        pod: typed.metadata.name.clone().unwrap_or_default(),
        container: found.name.clone(),
    };
    let q = logs::Query {
        container: found.name,
        ..logs::Query::default()
    };
    let mut out = logs::LineWriter::new(ctx.ui(), Vec::new(), false);
    logs::read(ctx, &src, &q, &mut out).await
}

/// `--rm`: delete what was created (kubectl's `removeCreatedObjects`, grace period left to
/// the server, not waiting): `pod "NAME" deleted` unless `-q`.
async fn delete_created(
    ctx: &Ctx,
    namespace: &str,
    created: &[(&str, &str, String)],
    propagation: &str,
    quiet: bool,
) -> Result<()> {
    let client = ctx.client().await?;
    for (plural, kind, name) in created {
        let uri = format!("/api/v1/namespaces/{namespace}/{plural}/{name}");
        let body =
            json!({"kind": "DeleteOptions", "apiVersion": "v1", "propagationPolicy": propagation});
        match request::json(
            &client,
            http::Method::DELETE,
            &uri,
            Some(("application/json", &body)),
        )
        .await
        {
            Ok(_) => {
                if !quiet {
                    ctx.ui().print(&format!("{kind} {name:?} deleted\n"))?;
                }
            }
            Err(e) if crate::resource::visit::is_not_found(&e) => {}
            Err(e) => return Err(ctx.kube_error(e)),
        }
    }
    Ok(())
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Create and run a particular image in a pod."#;

#[cfg(test)]
mod tests {
    use super::valid_image;

    #[test]
    fn image_references() {
        for ok in [
            "nginx",
            "nginx:1.25",
            "library/nginx",
            "reg.io:5000/team/app:v1.2-rc_3",
            "localhost/app",
            "busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "a__b",
            "a---b",
        ] {
            assert!(valid_image(ok), "{ok}");
        }
        for bad in [
            "Bad Image",
            "UPPER",
            "nginx:",
            ":tag",
            "a/",
            "a..b",
            "-a",
            "a@sha256:x",
        ] {
            assert!(!valid_image(bad), "{bad}");
        }
    }
}
