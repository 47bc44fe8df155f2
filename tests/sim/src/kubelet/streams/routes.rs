//! Wires `pods/exec` and `pods/portforward` into the apiserver ([`register`]): resolves the
//! pod and container like the apiserver/kubelet do (404/400 before any upgrade), then serves
//! the session with [`super::serve`].
//!
//! Until the pod lifecycle owns container processes, this module keeps per-container state
//! itself: one [`ShellContext`] per container (so files written by one exec are seen by the
//! next) and the container port servers of each pod, started on first port-forward for the
//! declared `containerPorts` (plus port 80 for web images, which listen there by default).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};

use http::Response;
use serde_json::Value;

use super::exec::{ExecParams, shell_runner};
use super::portforward::{Dialer, loopback_dialer};
use super::serve::{serve_exec, serve_portforward};
use crate::apiserver::http::{Body, error_response, full};
use crate::apiserver::status::ApiError;
use crate::apiserver::{ApiServer, ExtensionRequest};
use crate::kubelet::ports::{PortServer, serve_container_port};
use crate::kubelet::shell::{ImageProcess, ShellContext, image_default_process};
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
fn pick_container(pod: &Value, name: &str, wanted: Option<&str>) -> Result<Value, ApiError> {
    let names = container_names(pod);
    let chosen = match wanted.filter(|w| !w.is_empty()) {
        Some(w) => w.to_string(),
        None if names.len() == 1 => names[0].clone(),
        None => {
            return Err(ApiError::bad_request(format!(
                "a container name must be specified for pod {name}, choose one of: [{}]",
                names.join(" ")
            )));
        }
    };
    let spec = pod
        .pointer("/spec/containers")
        .and_then(Value::as_array)
        .and_then(|cs| cs.iter().find(|c| c["name"] == chosen.as_str()))
        .cloned()
        .ok_or_else(|| {
            ApiError::bad_request(format!("container {chosen} is not valid for pod {name}"))
        })?;
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

fn ctx_registry() -> &'static Mutex<HashMap<String, ShellContext>> {
    static R: OnceLock<Mutex<HashMap<String, ShellContext>>> = OnceLock::new();
    R.get_or_init(Default::default)
}

/// The container's process context: spec env (literal values and the common fieldRefs) on
/// top of the kubelet defaults; one per container instance, shared by all its processes.
pub fn container_context(pod: &Value, container: &Value) -> ShellContext {
    let uid = pod
        .pointer("/metadata/uid")
        .and_then(Value::as_str)
        .unwrap_or("");
    let cname = container["name"].as_str().unwrap_or("");
    let key = format!("{uid}/{cname}");
    let mut reg = ctx_registry().lock().unwrap_or_else(|p| p.into_inner());
    if let Some(c) = reg.get(&key) {
        return c.clone();
    }
    let s = |p: &str| {
        pod.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let pod_ip = s("/status/podIP");
    let mut env = Vec::new();
    for e in container["env"].as_array().into_iter().flatten() {
        let Some(name) = e["name"].as_str() else {
            continue;
        };
        let value = match (
            e.get("value").and_then(Value::as_str),
            e.pointer("/valueFrom/fieldRef/fieldPath")
                .and_then(Value::as_str),
        ) {
            (Some(v), _) => v.to_string(),
            (None, Some("metadata.name")) => s("/metadata/name"),
            (None, Some("metadata.namespace")) => s("/metadata/namespace"),
            (None, Some("metadata.uid")) => s("/metadata/uid"),
            (None, Some("spec.nodeName")) => s("/spec/nodeName"),
            (None, Some("spec.serviceAccountName")) => s("/spec/serviceAccountName"),
            (None, Some("status.podIP")) => pod_ip.clone(),
            (None, Some("status.hostIP")) => s("/status/hostIP"),
            _ => continue,
        };
        env.push((name.to_string(), value));
    }
    let ctx = ShellContext::for_container(
        &s("/metadata/name"),
        &s("/metadata/namespace"),
        &pod_ip,
        &env,
    );
    reg.insert(key, ctx.clone());
    ctx
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

type PortMap = HashMap<u16, PortServer>;

fn port_registry() -> &'static tokio::sync::Mutex<HashMap<String, PortMap>> {
    static R: OnceLock<tokio::sync::Mutex<HashMap<String, PortMap>>> = OnceLock::new();
    R.get_or_init(Default::default)
}

/// The pod's reachable ports: every declared TCP `containerPort` of every container, and 80
/// for containers running a web image's default process.
pub async fn pod_dialer(pod: &Value) -> std::io::Result<Dialer> {
    let uid = pod
        .pointer("/metadata/uid")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let ns = pod
        .pointer("/metadata/namespace")
        .and_then(Value::as_str)
        .unwrap_or("");
    let name = pod
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("");
    let mut wanted: Vec<(u16, String)> = Vec::new();
    for c in pod
        .pointer("/spec/containers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let image = c["image"].as_str().unwrap_or("").to_string();
        for p in c["ports"].as_array().into_iter().flatten() {
            let tcp = p
                .get("protocol")
                .and_then(Value::as_str)
                .is_none_or(|p| p == "TCP");
            if let Some(port) = p["containerPort"]
                .as_u64()
                .and_then(|n| u16::try_from(n).ok())
                && tcp
            {
                wanted.push((port, image.clone()));
            }
        }
        let no_command = c.get("command").is_none() && c.get("args").is_none();
        if no_command && matches!(image_default_process(&image), ImageProcess::Serve { .. }) {
            wanted.push((80, image.clone()));
        }
    }
    let mut reg = port_registry().lock().await;
    let servers = reg.entry(uid).or_default();
    for (port, image) in wanted {
        if let std::collections::hash_map::Entry::Vacant(slot) = servers.entry(port) {
            slot.insert(serve_container_port(name, ns, &image, port).await?);
        }
    }
    let addrs: HashMap<u16, SocketAddr> = servers.iter().map(|(p, s)| (*p, s.addr())).collect();
    Ok(loopback_dialer(addrs))
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
    let dialer = pod_dialer(&pod)
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
