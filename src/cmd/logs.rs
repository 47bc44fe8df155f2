//! `kk logs`: print the logs of a pod's container, of the pod an object picks (`TYPE/NAME`),
//! or of every pod matching `-l` — kubectl's flags, defaults, notices and errors.
//!
//! Beyond kubectl: `-f` with `-l` (or with `--all-pods`) follows every matching pod with no
//! stream cap, picks up pods that appear later and lets go of deleted ones, and on a colour
//! terminal marks each line with a coloured `[pod/<pod>/<container>]`. Not on a terminal (or
//! with `NO_COLOR`, or `--color=never`) the lines are kubectl's, byte for byte. See
//! `stream::follow`.

use k8s_openapi::api::core::v1::Pod;

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::GoDuration;
use crate::flags::Pflag;
use crate::resource::polymorphic::{self, Workload};
use crate::stream::follow::{self, Containers};
use crate::stream::logs::{self, LineWriter, PrefixStyle, Query, Source};
use crate::stream::{container, interrupt, pod};

const USAGE: &str = "logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]";

/// Print the logs for a container in a pod or specified resource. If the pod has only one
/// container, the container name is optional.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// POD or TYPE/NAME, then optionally the container
    #[arg(value_name = "POD", add = Complete::PodThenContainer)]
    pub args: Vec<String>,
    /// Get logs from all pod(s). Sets prefix to true.
    #[arg(long, pflag_bool())]
    pub all_pods: Option<bool>,
    /// Get all containers' logs in the pod(s).
    #[arg(long, pflag_bool())]
    pub all_containers: Option<bool>,
    /// Print the logs of this container
    #[arg(short = 'c', long, value_name = "CONTAINER", add = Complete::Container)]
    pub container: Option<String>,
    /// Specify if the logs should be streamed.
    #[arg(short = 'f', long, pflag_bool())]
    pub follow: Option<bool>,
    /// If watching / following pod logs, allow for any errors that occur to be non-fatal
    #[arg(long, pflag_bool())]
    pub ignore_errors: Option<bool>,
    /// Skip verifying the identity of the kubelet that logs are requested from. In theory, an
    /// attacker could provide invalid log content back. You might want to use this if your
    /// kubelet serving certificates have expired.
    #[arg(long, pflag_bool())]
    pub insecure_skip_tls_verify_backend: Option<bool>,
    /// Maximum bytes of logs to return. Defaults to no limit.
    #[arg(long, default_value_t = 0, allow_negative_numbers = true, value_name = "BYTES",
          value_parser = crate::go::parse_int64)]
    pub limit_bytes: i64,
    /// Specify maximum number of concurrent logs to follow when using by a selector. Without
    /// it, kk follows every matching pod (kubectl stops at 5).
    #[arg(long, allow_negative_numbers = true, value_name = "N", value_parser = crate::go::parse_int64)]
    pub max_log_requests: Option<i64>,
    /// The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one
    /// pod is running
    #[arg(long, default_value = "20s", value_name = "DURATION", value_parser = crate::flags::parse_go_duration)]
    pub pod_running_timeout: GoDuration,
    /// Prefix each log line with the log source (pod name and container name)
    #[arg(long, pflag_bool())]
    pub prefix: Option<bool>,
    /// If true, print the logs for the previous instance of the container in a pod if it
    /// exists.
    #[arg(short = 'p', long, pflag_bool())]
    pub previous: Option<bool>,
    /// Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l
    /// key1=value1,key2=value2). Matching objects must satisfy all of the specified label
    /// constraints.
    #[arg(short = 'l', long, value_name = "SELECTOR")]
    pub selector: Option<String>,
    /// Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all
    /// logs. Only one of since-time / since may be used.
    #[arg(long, default_value = "0s", value_name = "DURATION", value_parser = crate::flags::parse_go_duration)]
    pub since: GoDuration,
    /// Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of
    /// since-time / since may be used.
    #[arg(long, value_name = "TIME")]
    pub since_time: Option<String>,
    /// Lines of recent log file to display. Defaults to -1 with no selector, showing all log
    /// lines otherwise 10, if a selector is provided.
    #[arg(long, allow_negative_numbers = true, value_name = "LINES", value_parser = crate::go::parse_int64)]
    pub tail: Option<i64>,
    /// Include timestamps on each line in the log output
    #[arg(long, pflag_bool())]
    pub timestamps: Option<bool>,
}

const EXAMPLES: &str = "  # Return snapshot logs from pod nginx with only one container
  kk logs nginx

  # Return snapshot logs from pod nginx, prefixing each line with the source pod and container name
  kk logs nginx --prefix

  # Return snapshot logs from pod nginx with multi containers
  kk logs nginx --all-containers=true

  # Return snapshot logs from all pods in the deployment nginx
  kk logs deployment/nginx --all-pods=true

  # Return snapshot logs from all containers in pods defined by label app=nginx
  kk logs -l app=nginx --all-containers=true

  # Return snapshot of previous terminated ruby container logs from pod web-1
  kk logs -p -c ruby web-1

  # Follow every pod labelled app=nginx, including pods created later
  kk logs -f -l app=nginx

  # Display only the most recent 20 lines of output in pod nginx
  kk logs --tail=20 nginx

  # Show all logs from pod nginx written in the last hour
  kk logs --since=1h nginx";

/// Run `kk logs`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let selector = args.selector.clone().filter(|s| !s.is_empty());
    let (resource, inline_container) = match (args.args.as_slice(), &selector) {
        ([], None) => return Err(usage_error()),
        ([], Some(_)) => (None, None),
        ([r], None) => (Some(r.clone()), None),
        ([_], Some(_)) => {
            return Err(Error::usage(
                "logs",
                "only a selector (-l) or a POD name is allowed",
            ));
        }
        ([r, c], _) => (Some(r.clone()), Some(c.clone())),
        _ => return Err(usage_error()),
    };
    let all_pods = args.all_pods.unwrap_or(false);
    if args.pod_running_timeout.secs <= 0.0 {
        return Err(Error::msg("--pod-running-timeout must be higher than zero"));
    }
    let query = to_query(args, selector.is_some(), inline_container.as_deref())?;
    let namespace = ctx.namespace().await?;

    // kubectl fetches the object (Complete) before it validates the flags, and picks the
    // pods after. The pods of a selector come with the resourceVersion of their list (where
    // a selector follow starts watching).
    let mut follow_selector = selector.clone();
    let (pods, list_rv) = match &resource {
        Some(r) => {
            let target = pod::Target::new(ctx, std::slice::from_ref(r)).await?;
            let obj = target
                .get()
                .await
                .map_err(|e| not_found_in(ctx, e, &namespace))?;
            validate(args, &query, inline_container.is_some())?;
            let timeout = Some(args.pod_running_timeout.duration());
            let req = target.requester();
            if Workload::of(&obj) == Some(Workload::Pod) {
                (vec![pod::typed(obj)?], String::new())
            } else if all_pods && query.follow {
                // kk follows the workload's selector, pods to come included.
                let sel = polymorphic::selector(&obj).map_err(|e| {
                    Error::msg(format!(
                        "cannot get the logs from {}: {e}",
                        polymorphic::go_type(&obj)
                    ))
                })?;
                let listed = list_pods(ctx, &namespace, &sel).await?;
                follow_selector = Some(sel);
                listed
            } else if all_pods {
                let pods = polymorphic::logs_pods(ctx, req, &obj, timeout).await?;
                let pods = pods.into_iter().map(pod::typed).collect::<Result<_>>()?;
                (pods, String::new())
            } else {
                let (first, n) = polymorphic::logs_pod(ctx, req, &obj, timeout).await?;
                let first = pod::typed(first)?;
                if n > 1 {
                    ctx.ui().eprint(&format!(
                        "Found {n} pods, using pod/{}\n",
                        first.metadata.name.as_deref().unwrap_or("")
                    ))?;
                }
                (vec![first], String::new())
            }
        }
        None => {
            let sel = selector.as_deref().unwrap_or_default();
            let (pods, rv) = list_pods(ctx, &namespace, sel).await?;
            if pods.is_empty() {
                ctx.ui()
                    .eprint(&format!("No resources found in {namespace} namespace.\n"))?;
            }
            validate(args, &query, inline_container.is_some())?;
            (pods, rv)
        }
    };

    let all_containers = args.all_containers.unwrap_or(false);
    let containers = if all_containers {
        Containers::All
    } else if query.container.is_empty() {
        Containers::Default
    } else {
        Containers::Named(query.container.clone())
    };
    let mut sources = Vec::new();
    for pod in &pods {
        sources.extend(sources_for(ctx, pod, &containers, all_pods)?);
    }

    let follow = query.follow;
    let explicit_cap = args.max_log_requests;
    if follow && sources.len() > 1 {
        // Without an explicit --max-log-requests kk follows every stream (kubectl: 5).
        if let Some(max) = explicit_cap
            && sources.len() as i64 > max
        {
            return Err(Error::msg(format!(
                "you are attempting to follow {} log streams, but maximum allowed concurrency is {max}, use --max-log-requests to increase the limit",
                sources.len()
            )));
        }
    }
    let colour = ctx.ui().colour();
    let dynamic = follow && follow_selector.is_some();
    let style = PrefixStyle {
        enabled: args.prefix.unwrap_or(false) || all_pods || (dynamic && colour.is_on()),
        colour,
    };
    let ignore_errors = args.ignore_errors.unwrap_or(false);
    let work = async {
        if dynamic {
            let sel = follow_selector.clone().unwrap_or_default();
            return follow::run(
                ctx,
                follow::Plan {
                    namespace: namespace.clone(),
                    selector: sel,
                    containers,
                    query,
                    style,
                    ignore_errors,
                    initial: pods,
                    resource_version: list_rv.clone(),
                },
            )
            .await;
        }
        if follow && sources.len() > 1 {
            return follow::all(ctx, &sources, &query, style, ignore_errors).await;
        }
        for src in &sources {
            let mut q = query.clone();
            q.container = src.container.clone();
            let mut out = LineWriter::new(ctx.ui(), style.prefix(src), false);
            if let Err(e) = logs::read(ctx, src, &q, &mut out).await {
                if !ignore_errors {
                    return Err(e);
                }
                ctx.ui().print(&follow::ignored(&e))?;
            }
        }
        Ok(())
    };
    match interrupt::run(work).await {
        Ok(r) => r,
        // kubectl's interrupt handler exits 1 on SIGINT/SIGTERM/SIGHUP/SIGQUIT.
        Err(_) => Err(Error::Exit(1)),
    }
}

fn usage_error() -> Error {
    Error::usage(
        "logs",
        format!(
            "expected '{USAGE}'.\nPOD or TYPE/NAME is a required argument for the logs command"
        ),
    )
}

/// kubectl's `ToLogOptions` (the container is filled in per source).
fn to_query(args: &Args, selector: bool, inline: Option<&str>) -> Result<Query> {
    let since_time = match args.since_time.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(rfc3339_utc(s)?),
        None => None,
    };
    let since_seconds = (args.since.secs != 0.0).then(|| args.since.secs.round() as i64);
    let tail_lines = match args.tail {
        None if selector => Some(10),
        None | Some(-1) => None,
        Some(n) => Some(n),
    };
    Ok(Query {
        container: inline
            .map(str::to_string)
            .or_else(|| args.container.clone())
            .unwrap_or_default(),
        follow: args.follow.unwrap_or(false),
        previous: args.previous.unwrap_or(false),
        timestamps: args.timestamps.unwrap_or(false),
        since_seconds,
        since_time,
        tail_lines,
        limit_bytes: (args.limit_bytes != 0).then_some(args.limit_bytes),
        insecure_skip_tls_verify_backend: args.insecure_skip_tls_verify_backend.unwrap_or(false),
    })
}

/// kubectl's `Validate`.
fn validate(args: &Args, q: &Query, inline: bool) -> Result<()> {
    if args.since_time.as_deref().is_some_and(|s| !s.is_empty()) && args.since.secs != 0.0 {
        return Err(Error::msg(
            "at most one of `sinceTime` or `sinceSeconds` may be specified",
        ));
    }
    if args.all_containers.unwrap_or(false) && !q.container.is_empty() {
        return Err(Error::msg(format!(
            "--all-containers=true should not be specified with container name {}",
            q.container
        )));
    }
    if args.container.is_some() && inline {
        return Err(Error::msg(
            "only one of -c or an inline [CONTAINER] arg is allowed",
        ));
    }
    if args.limit_bytes < 0 {
        return Err(Error::msg("--limit-bytes must be greater than 0"));
    }
    if q.since_seconds.is_some_and(|s| s < 0) {
        return Err(Error::msg("--since must be greater than 0"));
    }
    if q.tail_lines.is_some_and(|t| t < -1) {
        return Err(Error::msg("--tail must be greater than or equal to -1"));
    }
    Ok(())
}

/// `--since-time` as kubectl sends it: parsed as RFC 3339 (with Go's error text), then
/// re-encoded in UTC with whole seconds (`metav1.Time`).
fn rfc3339_utc(s: &str) -> Result<String> {
    match chrono::DateTime::parse_from_rfc3339(s) {
        Ok(t) if go_rfc3339_error(s).is_none() => Ok(t
            .with_timezone(&chrono::Utc)
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()),
        _ => Err(Error::msg(go_rfc3339_error(s).unwrap_or_else(|| {
            format!("parsing time {s:?} as \"2006-01-02T15:04:05Z07:00\": cannot parse {s:?} as \"2006\"")
        }))),
    }
}

/// Go's `time.Parse(time.RFC3339, s)` error text, walking the layout as Go does; `None`
/// when Go would accept `s`.
fn go_rfc3339_error(s: &str) -> Option<String> {
    const LAYOUT: &str = "2006-01-02T15:04:05Z07:00";
    let fail = |rest: &str, elem: &str| {
        Some(format!(
            "parsing time {s:?} as {LAYOUT:?}: cannot parse {rest:?} as {elem:?}"
        ))
    };
    let range = |what: &str| Some(format!("parsing time {s:?}: {what} out of range"));
    let digits = |v: &str, n: usize| -> Option<(u32, usize)> {
        let d = v.bytes().take(n).take_while(u8::is_ascii_digit).count();
        (d == n)
            .then(|| (v[..n].parse().ok(), n))
            .and_then(|(x, n)| Some((x?, n)))
    };
    let mut v = s;
    // year
    let Some((_, n)) = digits(v, 4) else {
        return fail(v, "2006");
    };
    v = &v[n..];
    let mut parts = [0u32; 5];
    for (i, (sep, elem)) in [
        ("-", "01"),
        ("-", "02"),
        ("T", "15"),
        (":", "04"),
        (":", "05"),
    ]
    .iter()
    .enumerate()
    {
        let Some(r) = v.strip_prefix(sep) else {
            return fail(v, sep);
        };
        v = r;
        // Go's stdHour accepts one or two digits; the others need two.
        let parsed = if *elem == "15" {
            digits(v, 2).or_else(|| digits(v, 1))
        } else {
            digits(v, 2)
        };
        let Some((x, n)) = parsed else {
            return fail(v, elem);
        };
        parts[i] = x;
        v = &v[n..];
    }
    if let Some(r) = v.strip_prefix('.') {
        let n = r.bytes().take_while(u8::is_ascii_digit).count();
        if n > 0 {
            v = &r[n..];
        }
    }
    if let Some(r) = v.strip_prefix('Z') {
        v = r;
    } else {
        let ok = v.len() >= 6
            && matches!(v.as_bytes()[0], b'+' | b'-')
            && v.as_bytes()[3] == b':'
            && v[1..3].bytes().all(|b| b.is_ascii_digit())
            && v[4..6].bytes().all(|b| b.is_ascii_digit());
        if !ok {
            return fail(v, "Z07:00");
        }
        v = &v[6..];
    }
    if !v.is_empty() {
        return Some(format!("parsing time {s:?}: extra text: {v:?}"));
    }
    let [month, day, hour, minute, second] = parts;
    if !(1..=12).contains(&month) {
        return range("month");
    }
    if hour >= 24 {
        return range("hour");
    }
    if minute >= 60 {
        return range("minute");
    }
    if second >= 60 {
        return range("second");
    }
    if day == 0 || day > 31 {
        return range("day");
    }
    None
}

/// kubectl's wording for a missing object: `error from server (NotFound): <message> in
/// namespace "<ns>"`.
fn not_found_in(ctx: &Ctx, e: kube::Error, namespace: &str) -> Error {
    match e {
        kube::Error::Api(s) if s.code == 404 => Error::msg(format!(
            "error from server (NotFound): {} in namespace {namespace:?}",
            s.message
        )),
        e => ctx.kube_error(e),
    }
}

async fn list_pods(ctx: &Ctx, namespace: &str, selector: &str) -> Result<(Vec<Pod>, String)> {
    let client = ctx.client().await?;
    let api: kube::Api<Pod> = kube::Api::namespaced(client, namespace);
    let lp = kube::api::ListParams::default().labels(selector);
    let list = api.list(&lp).await.map_err(|e| ctx.kube_error(e))?;
    Ok((
        list.items,
        list.metadata.resource_version.unwrap_or_default(),
    ))
}

/// The log sources of one pod (kubectl's `logsForObjectWithClient` for a pod).
fn sources_for(
    ctx: &Ctx,
    pod: &Pod,
    containers: &Containers,
    all_pods: bool,
) -> Result<Vec<Source>> {
    let src = |c: String| Source {
        namespace: pod.metadata.namespace.clone().unwrap_or_default(),
        pod: pod.metadata.name.clone().unwrap_or_default(),
        container: c,
    };
    match containers {
        Containers::All => Ok(container::all(pod).into_iter().map(src).collect()),
        Containers::Named(n) => {
            if container::find(pod, n).is_none() {
                return Err(Error::msg(format!(
                    "container {n} is not valid for pod {}",
                    pod.metadata.name.as_deref().unwrap_or("")
                )));
            }
            Ok(vec![src(n.clone())])
        }
        Containers::Default => Ok(vec![src(container::for_logs(ctx.ui(), pod, all_pods)?)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_time_errors() {
        assert_eq!(
            go_rfc3339_error("bad").unwrap(),
            r#"parsing time "bad" as "2006-01-02T15:04:05Z07:00": cannot parse "bad" as "2006""#
        );
        assert_eq!(
            go_rfc3339_error("2024-01-01").unwrap(),
            r#"parsing time "2024-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T""#
        );
        assert_eq!(
            go_rfc3339_error("2024-13-01T00:00:00Z").unwrap(),
            r#"parsing time "2024-13-01T00:00:00Z": month out of range"#
        );
        assert_eq!(go_rfc3339_error("2024-08-30T06:00:00.5+02:00"), None);
        assert_eq!(
            rfc3339_utc("2024-08-30T06:00:00.5+02:00").unwrap(),
            "2024-08-30T04:00:00Z"
        );
    }
}
