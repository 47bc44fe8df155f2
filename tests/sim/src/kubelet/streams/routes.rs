//! Wires the kubelet's streaming and log endpoints into the apiserver ([`register`]):
//! `pods/exec`, `pods/attach`, `pods/log` and `pods/portforward`. Each resolves the pod and
//! container like the apiserver and kubelet do (404/400 before any upgrade), then serves the
//! session with [`super::serve`] against what the [`Kubelet`] runs: the container's process
//! context for exec, its main process for attach and logs, its port servers for port-forward.

use std::sync::Arc;

use http::Response;
use serde_json::Value;

use super::exec::{ExecParams, shell_runner};
use super::portforward::loopback_dialer;
use super::serve::{serve_exec, serve_portforward};
use crate::apiserver::http::{Body, error_response, full};
use crate::apiserver::status::ApiError;
use crate::apiserver::{ApiServer, ExtensionRequest};
use crate::kubelet::logs::{self, LogOptions};
use crate::kubelet::pods::{ContainerHandle, Kubelet};
use crate::store::ResourceKey;

/// Registers exec, attach, log and port-forward on the apiserver, served by `kubelet`.
pub fn register(server: &ApiServer, kubelet: Arc<Kubelet>) {
    let k = kubelet.clone();
    server.register_extension(
        "",
        "pods",
        "exec",
        Arc::new(move |s, r| {
            let k = k.clone();
            Box::pin(async move { respond(exec(&s, &k, r)) })
        }),
    );
    let k = kubelet.clone();
    server.register_extension(
        "",
        "pods",
        "attach",
        Arc::new(move |s, r| {
            let k = k.clone();
            Box::pin(async move { respond(attach(&s, &k, r)) })
        }),
    );
    let k = kubelet.clone();
    server.register_extension(
        "",
        "pods",
        "log",
        Arc::new(move |s, r| {
            let k = k.clone();
            Box::pin(async move { log(&s, &k, r).unwrap_or_else(|e| error_response(&e)) })
        }),
    );
    server.register_extension(
        "",
        "pods",
        "portforward",
        Arc::new(move |s, r| {
            let k = kubelet.clone();
            Box::pin(async move { respond(portforward(&s, &k, r)) })
        }),
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
    // Like the apiserver's ValidateContainer: init and ephemeral containers count too.
    let spec = [
        "/spec/containers",
        "/spec/initContainers",
        "/spec/ephemeralContainers",
    ]
    .iter()
    .filter_map(|p| pod.pointer(p).and_then(Value::as_array))
    .flatten()
    .find(|c| c["name"] == chosen.as_str())
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

fn get_pod(server: &ApiServer, ext: &ExtensionRequest) -> Result<Arc<Value>, ApiError> {
    server
        .store
        .get_or_404(&ResourceKey::new("", "pods"), &ext.namespace, &ext.name)
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

fn exec(
    server: &ApiServer,
    kubelet: &Kubelet,
    ext: ExtensionRequest,
) -> Result<Response<()>, ApiError> {
    let query = ext.request.uri().query().unwrap_or("").to_string();
    let mut params = ExecParams::from_query(&query, true)?;
    params.stdout_limit = server.faults.spec().exec_cut;
    let pod = get_pod(server, &ext)?;
    let container = pick_container(&pod, &ext.name, params.container.as_deref())?;
    let cname = container["name"].as_str().unwrap_or("");
    let ctx = running_container(kubelet, &ext.namespace, &ext.name, cname, |c| c.ctx.clone())?;
    let runner = shell_runner(params.command.clone(), ctx, params.tty);
    serve_exec(ext.request, params, runner)
}

fn attach(
    server: &ApiServer,
    kubelet: &Kubelet,
    ext: ExtensionRequest,
) -> Result<Response<()>, ApiError> {
    let query = ext.request.uri().query().unwrap_or("").to_string();
    let params = ExecParams::from_query(&query, false)?;
    let pod = get_pod(server, &ext)?;
    let container = pick_container(&pod, &ext.name, params.container.as_deref())?;
    let cname = container["name"].as_str().unwrap_or("");
    let process = running_container(kubelet, &ext.namespace, &ext.name, cname, |c| {
        c.process.clone()
    })?;
    serve_exec(ext.request, params, process.attach_runner())
}

/// Why a container has no log yet, from its status (`ContainerCreating` by default).
fn waiting_reason(pod: &Value, container: &str) -> String {
    ["containerStatuses", "initContainerStatuses"]
        .iter()
        .filter_map(|k| {
            pod.pointer(&format!("/status/{k}"))
                .and_then(Value::as_array)
        })
        .flatten()
        .find(|c| c["name"] == container)
        .and_then(|c| c.pointer("/state/waiting/reason"))
        .and_then(Value::as_str)
        .unwrap_or("ContainerCreating")
        .to_string()
}

fn log(
    server: &ApiServer,
    kubelet: &Kubelet,
    ext: ExtensionRequest,
) -> Result<Response<Body>, ApiError> {
    let query = ext.request.uri().query().unwrap_or("").to_string();
    let opts = LogOptions::from_query(&query)?;
    let pod = get_pod(server, &ext)?;
    let container = find_container(&pod, &ext.name, opts.container.as_deref())?;
    let cname = container["name"].as_str().unwrap_or("").to_string();
    let handle = kubelet.pod(&ext.namespace, &ext.name);
    let runs = handle.as_ref().and_then(|h| {
        let m = h.containers.lock().ok()?;
        m.get(&cname)
            .map(|c| (c.process.clone(), c.previous.clone()))
    });
    let process = if opts.previous {
        runs.and_then(|(_, prev)| prev)
            .ok_or_else(|| logs::previous_not_found(&cname, &ext.name))?
    } else {
        runs.map(|(cur, _)| cur).ok_or_else(|| {
            logs::waiting_to_start(&cname, &ext.name, &waiting_reason(&pod, &cname))
        })?
    };
    let builder = Response::builder()
        .status(200)
        .header("Content-Type", "text/plain");
    let body = if opts.follow && !process.log.is_closed() {
        use futures::StreamExt;
        use http_body_util::BodyExt;
        let stream = logs::follow(process.log.clone(), opts)
            .map(|b| Ok::<_, std::convert::Infallible>(hyper::body::Frame::data(b)));
        http_body_util::StreamBody::new(stream).boxed_unsync()
    } else {
        full(logs::render(
            &process.log.lines(),
            &opts,
            chrono::Utc::now(),
        ))
    };
    builder
        .body(body)
        .map_err(|e| ApiError::new(500, "InternalError", e.to_string()))
}

fn portforward(
    server: &ApiServer,
    kubelet: &Kubelet,
    ext: ExtensionRequest,
) -> Result<Response<()>, ApiError> {
    let pod = get_pod(server, &ext)?;
    let handle = kubelet.pod(&ext.namespace, &ext.name).ok_or_else(|| {
        ApiError::bad_request(format!("pod {} is not running on any node", ext.name))
    })?;
    let query = ext.request.uri().query().unwrap_or("").to_string();
    let label = pod
        .pointer("/metadata/uid")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    serve_portforward(ext.request, &query, loopback_dialer(handle.ports()), label)
}
