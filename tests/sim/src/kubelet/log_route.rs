//! `GET pods/<name>/log`: the apiserver proxies it to the kubelet, which reads the container's
//! log ([`super::pods::LogStore`]) with the query semantics of [`super::logs`].

use std::convert::Infallible;
use std::sync::Arc;

use futures::StreamExt;
use http_body_util::{BodyExt, StreamBody};
use hyper::body::Frame;
use serde_json::Value;

use super::logs::{self, LogOptions};
use super::pods::Kubelet;
use crate::apiserver::http::{Body, error_response, full};
use crate::apiserver::status::ApiError;
use crate::apiserver::{ApiServer, ExtensionRequest};
use crate::controllers::api::{res, uid};

/// Registers `pods/log` on the apiserver, served from `kubelet`'s logs.
pub fn register(server: &ApiServer, kubelet: Arc<Kubelet>) {
    server.register_extension(
        "",
        "pods",
        "log",
        Arc::new(move |s, r| {
            let k = kubelet.clone();
            Box::pin(async move {
                match serve(&s, &k, &r) {
                    Ok(resp) => resp,
                    Err(e) => error_response(&e),
                }
            })
        }),
    );
}

fn container_names(pod: &Value, key: &str) -> Vec<String> {
    pod.pointer(&format!("/spec/{key}"))
        .and_then(Value::as_array)
        .map(|cs| {
            cs.iter()
                .filter_map(|c| c["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn waiting_reason(pod: &Value, container: &str) -> String {
    ["containerStatuses", "initContainerStatuses"]
        .iter()
        .filter_map(|k| {
            pod.pointer(&format!("/status/{k}"))
                .and_then(Value::as_array)
        })
        .flatten()
        .find(|c| c["name"] == container)
        .and_then(|c| c.pointer("/state/waiting/reason").and_then(Value::as_str))
        .unwrap_or("ContainerCreating")
        .to_string()
}

fn serve(
    server: &ApiServer,
    kubelet: &Kubelet,
    r: &ExtensionRequest,
) -> Result<http::Response<Body>, ApiError> {
    let pod = server
        .store
        .get(&res::pods(), &r.namespace, &r.name)
        .ok_or_else(|| ApiError::not_found("", "pods", &r.name))?;
    let opts = LogOptions::from_query(r.request.uri().query().unwrap_or(""))?;
    let mains = container_names(&pod, "containers");
    let inits = container_names(&pod, "initContainers");
    let container = match opts.container.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => c.to_string(),
        None if mains.len() == 1 => mains[0].clone(),
        None => return Err(logs::container_required(&r.name, &mains)),
    };
    if !mains.contains(&container) && !inits.contains(&container) {
        return Err(logs::container_not_valid(&container, &r.name));
    }
    let pod_uid = uid(&pod);
    let log = if opts.previous {
        kubelet
            .logs
            .previous(pod_uid, &container)
            .ok_or_else(|| logs::previous_not_found(&container, &r.name))?
    } else {
        kubelet.logs.current(pod_uid, &container).ok_or_else(|| {
            logs::waiting_to_start(&container, &r.name, &waiting_reason(&pod, &container))
        })?
    };
    let builder = http::Response::builder()
        .status(200)
        .header("Content-Type", "text/plain");
    let body = if opts.follow {
        let stream = logs::follow(log, opts).map(|b| Ok::<_, Infallible>(Frame::data(b)));
        StreamBody::new(stream).boxed_unsync()
    } else {
        full(logs::render(&log.lines(), &opts, chrono::Utc::now()))
    };
    builder
        .body(body)
        .map_err(|e| ApiError::new(500, "InternalError", e.to_string()))
}
