//! Wires `pods/exec`, `pods/attach`, `pods/log` and `pods/portforward` into the apiserver
//! ([`register`]): resolves the pod and container like the apiserver/kubelet do (404/400
//! before any upgrade), then serves the session with [`super::serve`].
//!
//! Per-container state lives in [`crate::kubelet::process`] (process context, main processes)
//! and [`crate::kubelet::ports::pod_dialer`] (the pod's port servers).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use http::Response;
use serde_json::Value;

use super::exec::{ExecParams, shell_runner};
use super::portforward::loopback_dialer;
use super::serve::{serve_exec, serve_portforward};
use crate::apiserver::http::{Body, error_response, full};
use crate::apiserver::status::ApiError;
use crate::apiserver::{ApiServer, ExtensionRequest};
use crate::kubelet::logs::{self, ContainerLog, LogOptions};
use crate::kubelet::pods::{ContainerHandle, Kubelet};
use crate::kubelet::process::{self, container_context};
use crate::kubelet::shell::NetDialer;
use crate::store::ResourceKey;

/// Registers the streaming subresources on the apiserver.
pub fn register(server: &ApiServer) {
    server.register_extension(
        "",
        "pods",
        "exec",
        Arc::new(|s, r| Box::pin(async move { respond(exec(&s, r)) })),
    );
    server.register_extension(
        "",
        "pods",
        "attach",
        Arc::new(|s, r| Box::pin(async move { respond(attach(&s, r)) })),
    );
    server.register_extension(
        "",
        "pods",
        "log",
        Arc::new(|s, r| Box::pin(async move { log(&s, r).unwrap_or_else(|e| error_response(&e)) })),
    );
    server.register_extension(
        "",
        "pods",
        "portforward",
        Arc::new(|s, r| Box::pin(async move { respond(portforward(&s, r).await) })),
    );
}

fn respond(r: Result<Response<()>, ApiError>) -> Response<Body> {
    match r {
        Ok(resp) => resp.map(|()| full(bytes::Bytes::new())),
        Err(e) => error_response(&e),
    }
}

fn container_names(pod: &Value) -> Vec<String> {
    pod.pointer("/spec/containers")
        .and_then(Value::as_array)
        .map(|cs| {
            cs.iter()
                .filter_map(|c| c["name"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// The pod's container spec named `wanted` (or its only container), with the apiserver's
/// errors for a missing or ambiguous name, and the kubelet's for a pod that cannot run it.
fn find_container(pod: &Value, name: &str, wanted: Option<&str>) -> Result<Value, ApiError> {
    let names = container_names(pod);
    let chosen = match wanted.filter(|w| !w.is_empty()) {
        Some(w) => w.to_string(),
        None if names.len() == 1 => names[0].clone(),
        None => return Err(logs::container_required(name, &names)),
    };
    let spec = pod
        .pointer("/spec/containers")
        .and_then(Value::as_array)
        .and_then(|cs| cs.iter().find(|c| c["name"] == chosen.as_str()))
        .cloned()
        .ok_or_else(|| logs::container_not_valid(&chosen, name))?;
    Ok(spec)
}

/// [`find_container`], and the container must be able to run a process (pod scheduled, not
/// terminated).
fn pick_container(pod: &Value, name: &str, wanted: Option<&str>) -> Result<Value, ApiError> {
    let spec = find_container(pod, name, wanted)?;
    let chosen = spec["name"].as_str().unwrap_or("").to_string();
    if pod
        .pointer("/spec/nodeName")
        .and_then(Value::as_str)
        .unwrap_or("")
        .is_empty()
    {
        return Err(ApiError::bad_request(format!(
            "pod {name} does not have a host assigned"
        )));
    }
    let phase = pod
        .pointer("/status/phase")
        .and_then(Value::as_str)
        .unwrap_or("");
    let terminated = pod
        .pointer("/status/containerStatuses")
        .and_then(Value::as_array)
        .and_then(|s| s.iter().find(|c| c["name"] == chosen.as_str()))
        .is_some_and(|c| c.pointer("/state/running").is_none() && c.get("state").is_some());
    if matches!(phase, "Succeeded" | "Failed") || terminated {
        return Err(ApiError::bad_request(format!(
            "container not found (\"{chosen}\")"
        )));
    }
    Ok(spec)
}

fn exec(server: &Arc<ApiServer>, ext: ExtensionRequest) -> Result<Response<()>, ApiError> {
    let query = ext.request.uri().query().unwrap_or("").to_string();
    let params = ExecParams::from_query(&query, true)?;
    let pod = server
        .store
        .get_or_404(&ResourceKey::new("", "pods"), &ext.namespace, &ext.name)?;
    let container = pick_container(&pod, &ext.name, params.container.as_deref())?;
    let ctx = container_context(&pod, &container);
    let runner = shell_runner(params.command.clone(), ctx, params.tty);
    serve_exec(ext.request, params, runner)
}

async fn portforward(
    server: &Arc<ApiServer>,
    ext: ExtensionRequest,
) -> Result<Response<()>, ApiError> {
    let pod = server
        .store
        .get_or_404(&ResourceKey::new("", "pods"), &ext.namespace, &ext.name)?;
    if pod
        .pointer("/spec/nodeName")
        .and_then(Value::as_str)
        .unwrap_or("")
        .is_empty()
    {
        return Err(ApiError::bad_request(format!(
            "pod {} does not have a host assigned",
            ext.name
        )));
    }
    let dialer = crate::kubelet::ports::pod_dialer(&pod)
        .await
        .map_err(|e| ApiError::new(500, "InternalError", format!("starting pod ports: {e}")))?;
    let query = ext.request.uri().query().unwrap_or("").to_string();
    let label = pod
        .pointer("/metadata/uid")
        .and_then(Value::as_str)
        .unwrap_or(&ext.name)
        .to_string();
    serve_portforward(ext.request, &query, dialer, label)
}

fn pod_uid(pod: &Value) -> String {
    pod.pointer("/metadata/uid")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

fn attach(server: &Arc<ApiServer>, ext: ExtensionRequest) -> Result<Response<()>, ApiError> {
    let query = ext.request.uri().query().unwrap_or("").to_string();
    let params = ExecParams::from_query(&query, false)?;
    let pod = server
        .store
        .get_or_404(&ResourceKey::new("", "pods"), &ext.namespace, &ext.name)?;
    let container = pick_container(&pod, &ext.name, params.container.as_deref())?;
    let cname = container["name"].as_str().unwrap_or("");
    let proc = process::lookup(&pod_uid(&pod), cname)
        .filter(|p| p.exit_code().is_none())
        .ok_or_else(|| ApiError::bad_request(format!("container not found (\"{cname}\")")))?;
    serve_exec(ext.request, params, proc.attach_runner())
}

/// Why a container has no log yet, from its status (`ContainerCreating` by default).
fn waiting_reason(pod: &Value, container: &str) -> String {
    pod.pointer("/status/containerStatuses")
        .and_then(Value::as_array)
        .and_then(|s| s.iter().find(|c| c["name"] == container))
        .and_then(|c| c.pointer("/state/waiting/reason"))
        .and_then(Value::as_str)
        .unwrap_or("ContainerCreating")
        .to_string()
}

fn log(server: &Arc<ApiServer>, ext: ExtensionRequest) -> Result<Response<Body>, ApiError> {
    let query = ext.request.uri().query().unwrap_or("").to_string();
    let opts = LogOptions::from_query(&query)?;
    let pod = server
        .store
        .get_or_404(&ResourceKey::new("", "pods"), &ext.namespace, &ext.name)?;
    let container = find_container(&pod, &ext.name, opts.container.as_deref())?;
    let cname = container["name"].as_str().unwrap_or("").to_string();
    let uid = pod_uid(&pod);
    let proc = if opts.previous {
        process::lookup_previous(&uid, &cname)
            .ok_or_else(|| logs::previous_not_found(&cname, &ext.name))?
    } else {
        process::lookup(&uid, &cname).ok_or_else(|| {
            logs::waiting_to_start(&cname, &ext.name, &waiting_reason(&pod, &cname))
        })?
    };
    let builder = Response::builder()
        .status(200)
        .header("Content-Type", "text/plain");
    let body = if opts.follow && !proc.log.is_closed() {
        use futures::StreamExt;
        use http_body_util::BodyExt;
        let stream = logs::follow(proc.log.clone(), opts)
            .map(|b| Ok::<_, std::convert::Infallible>(hyper::body::Frame::data(b)));
        http_body_util::StreamBody::new(stream).boxed_unsync()
    } else {
        full(logs::render(&proc.log.lines(), &opts, chrono::Utc::now()))
    };
    builder
        .body(body)
        .map_err(|e| ApiError::new(500, "InternalError", e.to_string()))
}

/// Re-registers exec, attach and port-forward against the pods `kubelet` runs: exec uses the
/// container's own process context (files and env shared with its main process), port-forward
/// reaches the ports the kubelet serves for the pod's running containers, and attach streams
/// the container's output from now until it exits. Call once the kubelet exists.
pub fn register_with_kubelet(server: &ApiServer, kubelet: Arc<Kubelet>) {
    let k = kubelet.clone();
    server.register_extension(
        "",
        "pods",
        "exec",
        Arc::new(move |s, r| {
            let k = k.clone();
            Box::pin(async move { respond(exec_on_kubelet(&s, &k, r)) })
        }),
    );
    let k = kubelet.clone();
    server.register_extension(
        "",
        "pods",
        "attach",
        Arc::new(move |s, r| {
            let k = k.clone();
            Box::pin(async move { respond(attach_on_kubelet(&s, &k, r)) })
        }),
    );
    server.register_extension(
        "",
        "pods",
        "portforward",
        Arc::new(move |s, r| {
            let k = kubelet.clone();
            Box::pin(async move { respond(portforward_on_kubelet(&s, &k, r)) })
        }),
    );
}

/// The running container `cname` of the pod, as the kubelet knows it.
fn running_container<T>(
    kubelet: &Kubelet,
    ns: &str,
    pod: &str,
    cname: &str,
    f: impl FnOnce(&ContainerHandle) -> T,
) -> Result<T, ApiError> {
    kubelet
        .pod(ns, pod)
        .and_then(|h| {
            let cs = h.containers.lock().ok()?;
            cs.get(cname).filter(|c| c.running).map(f)
        })
        .ok_or_else(|| ApiError::bad_request(format!("container not found (\"{cname}\")")))
}

fn exec_on_kubelet(
    server: &Arc<ApiServer>,
    kubelet: &Kubelet,
    ext: ExtensionRequest,
) -> Result<Response<()>, ApiError> {
    let query = ext.request.uri().query().unwrap_or("").to_string();
    let params = ExecParams::from_query(&query, true)?;
    let pod = server
        .store
        .get_or_404(&ResourceKey::new("", "pods"), &ext.namespace, &ext.name)?;
    let container = pick_container(&pod, &ext.name, params.container.as_deref())?;
    let cname = container["name"].as_str().unwrap_or("");
    let mut ctx = running_container(kubelet, &ext.namespace, &ext.name, cname, |c| c.ctx.clone())?;
    if ctx.net.is_none() {
        ctx.net = Some(own_ports_net(
            &pod,
            pod_ports(kubelet, &ext.namespace, &ext.name),
        ));
    }
    let runner = shell_runner(params.command.clone(), ctx, params.tty);
    serve_exec(ext.request, params, runner)
}

fn attach_on_kubelet(
    server: &Arc<ApiServer>,
    kubelet: &Kubelet,
    ext: ExtensionRequest,
) -> Result<Response<()>, ApiError> {
    let query = ext.request.uri().query().unwrap_or("").to_string();
    let params = ExecParams::from_query(&query, false)?;
    let pod = server
        .store
        .get_or_404(&ResourceKey::new("", "pods"), &ext.namespace, &ext.name)?;
    let container = pick_container(&pod, &ext.name, params.container.as_deref())?;
    let cname = container["name"].as_str().unwrap_or("").to_string();
    running_container(kubelet, &ext.namespace, &ext.name, &cname, |_| ())?;
    let log = kubelet
        .logs
        .current(&pod_uid(&pod), &cname)
        .ok_or_else(|| ApiError::bad_request(format!("container not found (\"{cname}\")")))?;
    serve_exec(ext.request, params, log_attach_runner(log))
}

/// Attach to a process whose stdin the kubelet does not expose: what the container prints
/// from now on, until it exits (its log closes). Client stdin is read and dropped.
fn log_attach_runner(log: Arc<ContainerLog>) -> super::exec::Runner {
    Box::new(move |io| {
        Box::pin(async move {
            use futures::StreamExt;
            use tokio::io::AsyncWriteExt;
            let opts = LogOptions {
                follow: true,
                tail_lines: Some(0),
                ..Default::default()
            };
            let mut stream = Box::pin(logs::follow(log, opts));
            let mut out = io.stdout;
            while let Some(chunk) = stream.next().await {
                if out.write_all(&chunk).await.is_err() || out.flush().await.is_err() {
                    break;
                }
            }
            super::exec::ExecOutcome::Exited(0)
        })
    })
}

fn portforward_on_kubelet(
    server: &Arc<ApiServer>,
    kubelet: &Kubelet,
    ext: ExtensionRequest,
) -> Result<Response<()>, ApiError> {
    let pod = server
        .store
        .get_or_404(&ResourceKey::new("", "pods"), &ext.namespace, &ext.name)?;
    let handle = kubelet.pod(&ext.namespace, &ext.name).ok_or_else(|| {
        ApiError::bad_request(format!("pod {} is not running on any node", ext.name))
    })?;
    drop(handle);
    let ports = pod_ports(kubelet, &ext.namespace, &ext.name);
    let query = ext.request.uri().query().unwrap_or("").to_string();
    let label = pod_uid(&pod);
    serve_portforward(ext.request, &query, loopback_dialer(ports), label)
}

/// The loopback addresses of the ports served for the pod's running containers.
fn pod_ports(kubelet: &Kubelet, ns: &str, name: &str) -> HashMap<u16, SocketAddr> {
    kubelet
        .pod(ns, name)
        .and_then(|h| {
            h.containers.lock().ok().map(|cs| {
                cs.values()
                    .filter(|c| c.running)
                    .flat_map(|c| c.ports.iter().map(|(p, a)| (*p, *a)))
                    .collect()
            })
        })
        .unwrap_or_default()
}

/// A container network where `localhost`, the pod IP and the pod name reach `ports`; other
/// names do not resolve (`wget: bad address`).
fn own_ports_net(pod: &Value, ports: HashMap<u16, SocketAddr>) -> NetDialer {
    let s = |p: &str| {
        pod.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let own = [s("/status/podIP"), s("/metadata/name")];
    let dialer = loopback_dialer(ports);
    Arc::new(move |host: String, port: u16| {
        let local = ["localhost", "127.0.0.1", "::1", "0.0.0.0"].contains(&host.as_str())
            || own.iter().any(|o| !o.is_empty() && *o == host);
        if local {
            dialer(port)
        } else {
            Box::pin(async move {
                Err(std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!("bad address '{host}'"),
                ))
            })
        }
    })
}
