//! Endpoints and EndpointSlice controllers (kubernetes `pkg/controller/endpoint` and
//! `endpointslice`): for every Service with a selector, the IPs of matching pods that have
//! one and are not terminating — ready ones as addresses, others as notReadyAddresses /
//! `ready: false` — with target ports resolved against the pods' container ports.
//! `kubectl get ep` reads Endpoints; `kubectl describe svc` reads EndpointSlices.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{Value, json};

use super::api::{Api, deleting, name, owner_ref, res};
use super::replicaset::is_ready;
use super::{Controller, Key};
use crate::apiserver::selectors::selector_from_map;
use crate::store::{Event, ResourceKey, now_rfc3339};

/// The Endpoints + EndpointSlice controller.
pub struct EndpointsController {
    api: Api,
}

impl EndpointsController {
    /// A controller on `api`.
    pub fn new(api: Api) -> Self {
        EndpointsController { api }
    }
}

/// A service port resolved for one pod: (name, port, protocol).
fn resolve_port(svc_port: &Value, pod: &Value) -> Option<(Option<String>, i64, String)> {
    let protocol = svc_port["protocol"].as_str().unwrap_or("TCP").to_string();
    let pname = svc_port["name"]
        .as_str()
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    let target = svc_port.get("targetPort").unwrap_or(&svc_port["port"]);
    let port = match target {
        Value::Number(n) => n.as_i64()?,
        Value::String(s) => match s.parse::<i64>() {
            Ok(n) => n,
            Err(_) => pod
                .pointer("/spec/containers")?
                .as_array()?
                .iter()
                .flat_map(|c| c["ports"].as_array().cloned().unwrap_or_default())
                .find(|p| p["name"] == s.as_str())?["containerPort"]
                .as_i64()?,
        },
        _ => svc_port["port"].as_i64()?,
    };
    Some((pname, port, protocol))
}

impl Controller for EndpointsController {
    fn name(&self) -> &'static str {
        "endpoints"
    }

    fn watches(&self) -> Vec<ResourceKey> {
        vec![res::services(), res::pods()]
    }

    fn keys_for(&self, ev: &Event) -> Vec<Key> {
        if ev.resource == res::services() {
            return vec![Key::new(&ev.namespace, name(&ev.object))];
        }
        // A pod change matters to every service whose selector matched it before or after.
        let mut keys = Vec::new();
        for svc in self.api.list(&res::services(), Some(&ev.namespace)) {
            let Some(sel) = svc
                .pointer("/spec/selector")
                .filter(|s| s.as_object().is_some_and(|m| !m.is_empty()))
            else {
                continue;
            };
            let sel = selector_from_map(sel);
            if sel.matches(&ev.object) || ev.old.as_ref().is_some_and(|o| sel.matches(o)) {
                keys.push(Key::new(&ev.namespace, name(&svc)));
            }
        }
        keys
    }

    fn sync(&self, key: &Key) -> Option<Duration> {
        let svc = self.api.get(&res::services(), &key.namespace, &key.name);
        let Some(svc) = svc.filter(|s| !deleting(s)) else {
            // Service gone: its Endpoints go too (slices follow by ownerReference).
            let _ = self
                .api
                .remove(&res::endpoints(), &key.namespace, &key.name);
            return None;
        };
        let selector = svc
            .pointer("/spec/selector")
            .filter(|s| s.as_object().is_some_and(|m| !m.is_empty()))?;
        let sel = selector_from_map(selector);
        let publish_not_ready = svc
            .pointer("/spec/publishNotReadyAddresses")
            .and_then(Value::as_bool)
            == Some(true);
        let svc_ports = svc
            .pointer("/spec/ports")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut pods: Vec<_> = self
            .api
            .list(&res::pods(), Some(&key.namespace))
            .into_iter()
            .filter(|p| sel.matches(p) && !deleting(p))
            .filter(|p| {
                p.pointer("/status/podIP")
                    .and_then(Value::as_str)
                    .is_some_and(|ip| !ip.is_empty())
            })
            .collect();
        pods.sort_by(|a, b| {
            a.pointer("/status/podIP")
                .and_then(Value::as_str)
                .cmp(&b.pointer("/status/podIP").and_then(Value::as_str))
        });

        // Endpoints: subsets grouped by identical resolved port sets.
        let mut subsets: BTreeMap<String, (Value, Vec<Value>, Vec<Value>)> = BTreeMap::new();
        let mut slice_endpoints = Vec::new();
        let mut slice_ports: Option<Value> = None;
        for p in &pods {
            let ip = p
                .pointer("/status/podIP")
                .and_then(Value::as_str)
                .unwrap_or("");
            let ready = is_ready(p) || publish_not_ready;
            let target = json!({"kind": "Pod", "namespace": key.namespace, "name": name(p), "uid": p.pointer("/metadata/uid")});
            let node = p.pointer("/spec/nodeName").cloned().unwrap_or(Value::Null);
            let ports: Vec<Value> = svc_ports
                .iter()
                .filter_map(|sp| resolve_port(sp, p))
                .map(|(n, port, proto)| {
                    let mut v = json!({"port": port, "protocol": proto});
                    if let Some(n) = n {
                        v["name"] = json!(n);
                    }
                    v
                })
                .collect();
            let addr = json!({"ip": ip, "nodeName": node, "targetRef": target});
            let entry = subsets
                .entry(serde_json::to_string(&ports).unwrap_or_default())
                .or_insert_with(|| (json!(ports.clone()), vec![], vec![]));
            if ready {
                entry.1.push(addr);
            } else {
                entry.2.push(addr);
            }
            slice_ports.get_or_insert_with(|| {
                json!(
                    ports
                        .iter()
                        .map(|p| {
                            let mut q = p.clone();
                            if q.get("name").is_none() {
                                q["name"] = json!("");
                            }
                            q
                        })
                        .collect::<Vec<_>>()
                )
            });
            slice_endpoints.push(json!({
                "addresses": [ip],
                "conditions": {"ready": ready, "serving": ready, "terminating": false},
                "nodeName": node,
                "targetRef": target,
            }));
        }
        let subsets: Vec<Value> = subsets
            .into_values()
            .map(|(ports, ready, not_ready)| {
                let mut s = json!({"ports": ports});
                if !ready.is_empty() {
                    s["addresses"] = json!(ready);
                }
                if !not_ready.is_empty() {
                    s["notReadyAddresses"] = json!(not_ready);
                }
                s
            })
            .collect();
        let labels = svc
            .pointer("/metadata/labels")
            .cloned()
            .unwrap_or_else(|| json!({}));
        let now = now_rfc3339();
        let existing = self.api.get(&res::endpoints(), &key.namespace, &key.name);
        match existing {
            None => {
                let mut ep = json!({
                    "apiVersion": "v1", "kind": "Endpoints",
                    "metadata": {"name": key.name, "namespace": key.namespace, "labels": labels,
                                 "annotations": {"endpoints.kubernetes.io/last-change-trigger-time": now}},
                });
                if !subsets.is_empty() {
                    ep["subsets"] = json!(subsets);
                }
                let _ = self.api.create(
                    &res::endpoints(),
                    &key.namespace,
                    ep,
                    "kube-controller-manager",
                );
            }
            Some(_) => {
                let _ = self.api.mutate(&res::endpoints(), &key.namespace, &key.name, |ep| {
                    let want = if subsets.is_empty() { None } else { Some(json!(subsets)) };
                    if ep.get("subsets") == want.as_ref() {
                        return false;
                    }
                    match &want {
                        Some(s) => ep["subsets"] = s.clone(),
                        None => {
                            ep.as_object_mut().map(|m| m.remove("subsets"));
                        }
                    }
                    ep["metadata"]["annotations"]["endpoints.kubernetes.io/last-change-trigger-time"] = json!(now);
                    true
                });
            }
        }

        // One EndpointSlice per service (IPv4).
        let slice_ports = slice_ports.unwrap_or_else(|| {
            json!(svc_ports.iter().map(|sp| json!({
                "name": sp["name"].as_str().unwrap_or(""),
                "port": sp.get("targetPort").and_then(Value::as_i64).or_else(|| sp["port"].as_i64()),
                "protocol": sp["protocol"].as_str().unwrap_or("TCP")})).collect::<Vec<_>>())
        });
        let svc_uid = svc
            .pointer("/metadata/uid")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let existing_slice = self
            .api
            .list(&res::endpointslices(), Some(&key.namespace))
            .into_iter()
            .find(|s| {
                s.pointer("/metadata/labels/kubernetes.io~1service-name")
                    .and_then(Value::as_str)
                    == Some(key.name.as_str())
                    && super::api::controlled_by(s, &svc_uid)
            });
        match existing_slice {
            None => {
                let mut slabels = labels.clone();
                slabels["kubernetes.io/service-name"] = json!(key.name);
                slabels["endpointslice.kubernetes.io/managed-by"] =
                    json!("endpointslice-controller.k8s.io");
                let slice = json!({
                    "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
                    "metadata": {"generateName": format!("{}-", key.name), "namespace": key.namespace,
                                 "labels": slabels, "ownerReferences": [owner_ref(&svc)],
                                 "annotations": {"endpoints.kubernetes.io/last-change-trigger-time": now}},
                    "addressType": "IPv4",
                    "endpoints": slice_endpoints,
                    "ports": slice_ports,
                });
                let _ = self.api.create(
                    &res::endpointslices(),
                    &key.namespace,
                    slice,
                    "kube-controller-manager",
                );
            }
            Some(s) => {
                let _ = self
                    .api
                    .mutate(&res::endpointslices(), &key.namespace, name(&s), |o| {
                        if o["endpoints"] == json!(slice_endpoints) && o["ports"] == slice_ports {
                            return false;
                        }
                        o["endpoints"] = json!(slice_endpoints);
                        o["ports"] = slice_ports.clone();
                        true
                    });
            }
        }
        None
    }
}
