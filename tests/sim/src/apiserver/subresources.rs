//! POST subresources the apiserver answers itself: `pods/binding` (and the `bindings`
//! resource), `pods/eviction`, `serviceaccounts/token`.

use std::sync::Arc;

use chrono::{SecondsFormat, Utc};
use http::Response;
use serde_json::{Value, json};

use super::ApiServer;
use super::handlers::ResourceRequest;
use super::http::{Body, json_response};
use super::objects::decode_body;
use super::status::ApiError;
use crate::store::{DeleteOptions, ResourceKey};

fn success(code: u16) -> Value {
    json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "code": code})
}

/// POST `…/{name}/{sub}`.
pub fn create(
    server: &Arc<ApiServer>,
    rr: &ResourceRequest,
    sub: &str,
    content_type: &str,
    body: &[u8],
) -> Result<Response<Body>, ApiError> {
    let ns = rr.ns().to_string();
    let name = rr.name.clone().unwrap_or_default();
    let into = match sub {
        "binding" => "Binding",
        "eviction" => "Eviction",
        "token" => "TokenRequest",
        _ => rr.served.info.kind.as_str(),
    };
    let obj = decode_body(content_type, body, into)?;
    match (rr.served.info.plural.as_str(), sub) {
        ("pods", "binding") => {
            let node = obj
                .pointer("/target/name")
                .and_then(Value::as_str)
                .unwrap_or("");
            bind_pod(server, &ns, &name, node)?;
            Ok(json_response(201, &success(201)))
        }
        ("pods", "eviction") => {
            let mut opts = DeleteOptions::default();
            if let Some(d) = obj.get("deleteOptions") {
                opts.grace_period_seconds = d.get("gracePeriodSeconds").and_then(Value::as_i64);
            }
            server
                .store
                .delete(&ResourceKey::new("", "pods"), &ns, &name, &opts)?;
            Ok(json_response(201, &success(201)))
        }
        ("serviceaccounts", "token") => {
            let sa =
                server
                    .store
                    .get_or_404(&ResourceKey::new("", "serviceaccounts"), &ns, &name)?;
            let secs = obj
                .pointer("/spec/expirationSeconds")
                .and_then(Value::as_i64)
                .unwrap_or(3600);
            let exp = (Utc::now() + chrono::Duration::seconds(secs))
                .to_rfc3339_opts(SecondsFormat::Secs, true);
            let token: String = (0..64).map(|_| crate::store::random_suffix(1)).collect();
            let mut out = obj.clone();
            out["kind"] = json!("TokenRequest");
            out["apiVersion"] = json!("authentication.k8s.io/v1");
            out["metadata"] = json!({"name": name, "namespace": ns,
                                     "creationTimestamp": crate::store::now_rfc3339()});
            out["spec"]["expirationSeconds"] = json!(secs);
            if out["spec"].get("audiences").is_none() {
                out["spec"]["audiences"] = json!(["https://kubernetes.default.svc.cluster.local"]);
            }
            out["status"] = json!({"token": format!("kk-sim.{}.{token}", sa["metadata"]["uid"].as_str().unwrap_or("")),
                                   "expirationTimestamp": exp});
            Ok(json_response(201, &out))
        }
        _ => Err(super::http::not_found_url()),
    }
}

/// Assigns a pod to a node as the Binding REST does: only once.
pub fn bind_pod(server: &ApiServer, ns: &str, name: &str, node: &str) -> Result<(), ApiError> {
    if node.is_empty() {
        return Err(ApiError::invalid(
            "",
            "Binding",
            name,
            vec![super::status::Cause {
                reason: "FieldValueRequired".into(),
                message: "Required value".into(),
                field: "target.name".into(),
            }],
        ));
    }
    let key = ResourceKey::new("", "pods");
    server.store.mutate(&key, ns, name, |pod| {
        if let Some(cur) = pod.pointer("/spec/nodeName").and_then(Value::as_str)
            && !cur.is_empty()
        {
            return Err(ApiError::new(
                409,
                "Conflict",
                format!("Operation cannot be fulfilled on pods/binding \"{name}\": pod {name} is already assigned to node \"{cur}\""),
            ));
        }
        if pod.pointer("/metadata/deletionTimestamp").is_some() {
            return Err(ApiError::new(409, "Conflict", format!(
                "Operation cannot be fulfilled on pods/binding \"{name}\": pod {name} is being deleted, cannot be assigned to a host"
            )));
        }
        pod["spec"]["nodeName"] = json!(node);
        let cond = json!({"type": "PodScheduled", "status": "True", "lastProbeTime": null,
                          "lastTransitionTime": crate::store::now_rfc3339()});
        let conds = pod["status"]["conditions"].as_array().cloned().unwrap_or_default();
        let mut conds: Vec<Value> = conds.into_iter().filter(|c| c["type"] != "PodScheduled").collect();
        conds.push(cond);
        pod["status"]["conditions"] = json!(conds);
        Ok(())
    })?;
    Ok(())
}
