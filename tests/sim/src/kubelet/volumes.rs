//! Volumes as the container sees them: the kubelet writes the files of each `volumeMount`
//! into the container's filesystem — configMap and secret volumes (their keys, or `items`
//! renamed to paths), downwardAPI (name, namespace, uid, labels, annotations, node, IPs),
//! projected (all of those plus `serviceAccountToken`, as in the `kube-api-access-*` volume),
//! emptyDir and claim/host volumes as empty directories; `subPath` mounts one entry. When a
//! ConfigMap or Secret changes, [`refresh`] rewrites the volumes of the running containers
//! that mount it (not `subPath` mounts, as on a real kubelet).
//!
//! Not modelled: file modes (`defaultMode`), and emptyDir shared between the containers of
//! a pod (each container has its own filesystem).

use std::collections::BTreeMap;

use base64::Engine;
use serde_json::Value;

use crate::controllers::api::{Api, namespace};
use crate::runtime::shell::SimFs;
use crate::store::ResourceKey;

/// The keys of ConfigMap or Secret `obj_name` in `ns` with their bytes (Secret values
/// decoded); `binary` adds a ConfigMap's `binaryData` (volumes show it, env does not). None
/// when it does not exist.
pub(super) fn source_data(
    api: &Api,
    ns: &str,
    secret: bool,
    obj_name: &str,
    binary: bool,
) -> Option<BTreeMap<String, Vec<u8>>> {
    let key = ResourceKey::new("", if secret { "secrets" } else { "configmaps" });
    let obj = api.get(&key, ns, obj_name)?;
    let b64 = |v: &Value| {
        base64::engine::general_purpose::STANDARD
            .decode(v.as_str().unwrap_or(""))
            .unwrap_or_default()
    };
    let entries = |f: &str| {
        obj.get(f)
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v))
            .collect::<Vec<_>>()
    };
    let mut out = BTreeMap::new();
    for (k, v) in entries("data") {
        let bytes = if secret {
            b64(v)
        } else {
            v.as_str().unwrap_or("").as_bytes().to_vec()
        };
        out.insert(k, bytes);
    }
    if binary && !secret {
        for (k, v) in entries("binaryData") {
            out.insert(k, b64(v));
        }
    }
    Some(out)
}

/// `items` select and rename keys; without them every key is a file.
fn keyed(data: BTreeMap<String, Vec<u8>>, items: Option<&Value>) -> Vec<(String, Vec<u8>)> {
    match items.and_then(Value::as_array) {
        Some(items) => items
            .iter()
            .filter_map(|i| {
                let key = i["key"].as_str()?;
                let path = i["path"].as_str().unwrap_or(key);
                data.get(key).map(|v| (path.to_string(), v.clone()))
            })
            .collect(),
        None => data.into_iter().collect(),
    }
}

fn downward(pod: &Value, items: Option<&Value>, pod_ip: &str) -> Vec<(String, Vec<u8>)> {
    items
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|i| {
            let path = i["path"].as_str()?;
            let v = match i.pointer("/fieldRef/fieldPath").and_then(Value::as_str) {
                Some(f) => super::env::field(pod, f, pod_ip),
                None => i
                    .pointer("/resourceFieldRef/resource")
                    .map(|_| "0".to_string())
                    .unwrap_or_default(),
            };
            Some((path.to_string(), v.into_bytes()))
        })
        .collect()
}

/// The files of volume `vol` (paths relative to its mount), or None for a volume that is
/// only a directory.
fn files(api: &Api, pod: &Value, vol: &Value, pod_ip: &str) -> Option<Vec<(String, Vec<u8>)>> {
    let ns = namespace(pod);
    if let Some(cm) = vol.get("configMap") {
        let data = source_data(api, ns, false, cm["name"].as_str().unwrap_or(""), true)
            .unwrap_or_default();
        return Some(keyed(data, cm.get("items")));
    }
    if let Some(sec) = vol.get("secret") {
        let data = source_data(
            api,
            ns,
            true,
            sec["secretName"].as_str().unwrap_or(""),
            true,
        )
        .unwrap_or_default();
        return Some(keyed(data, sec.get("items")));
    }
    if let Some(d) = vol.get("downwardAPI") {
        return Some(downward(pod, d.get("items"), pod_ip));
    }
    if let Some(p) = vol.get("projected") {
        let mut out = Vec::new();
        for src in p["sources"].as_array().into_iter().flatten() {
            if let Some(cm) = src.get("configMap") {
                let data = source_data(api, ns, false, cm["name"].as_str().unwrap_or(""), true)
                    .unwrap_or_default();
                out.extend(keyed(data, cm.get("items")));
            } else if let Some(sec) = src.get("secret") {
                let data = source_data(api, ns, true, sec["name"].as_str().unwrap_or(""), true)
                    .unwrap_or_default();
                out.extend(keyed(data, sec.get("items")));
            } else if let Some(d) = src.get("downwardAPI") {
                out.extend(downward(pod, d.get("items"), pod_ip));
            } else if let Some(t) = src.get("serviceAccountToken") {
                let path = t["path"].as_str().unwrap_or("token");
                let token = format!(
                    "kk-sim.{}.{}",
                    pod.pointer("/metadata/uid")
                        .and_then(Value::as_str)
                        .unwrap_or(""),
                    crate::store::random_suffix(40)
                );
                out.push((path.to_string(), token.into_bytes()));
            }
        }
        return Some(out);
    }
    None
}

/// Why the kubelet cannot set up `pod`'s volumes yet — the `FailedMount` event's message
/// (`MountVolume.SetUp failed for volume "cfg" : configmap "x" not found`) — or None. A
/// ConfigMap/Secret (directly or in a projection) that does not exist, or lacks a key named
/// in `items`, holds the pod in ContainerCreating unless marked `optional`.
pub fn mount_error(api: &Api, pod: &Value) -> Option<String> {
    let ns = namespace(pod);
    let check = |secret: bool, src: &Value, name_field: &str| -> Option<String> {
        let obj_name = src[name_field].as_str().unwrap_or("");
        if src["optional"] == true {
            return None;
        }
        let Some(data) = source_data(api, ns, secret, obj_name, true) else {
            return Some(super::env::not_found(secret, obj_name));
        };
        let missing = src["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|i| i["key"].as_str())
            .find(|k| !data.contains_key(*k))?;
        Some(if secret {
            format!("references non-existent secret key: {missing}")
        } else {
            format!("configmap references non-existent config key: {missing}")
        })
    };
    pod.pointer("/spec/volumes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find_map(|v| {
            let err = if let Some(cm) = v.get("configMap") {
                check(false, cm, "name")
            } else if let Some(sec) = v.get("secret") {
                check(true, sec, "secretName")
            } else {
                v.pointer("/projected/sources")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .find_map(|src| match (src.get("configMap"), src.get("secret")) {
                        (Some(cm), _) => check(false, cm, "name"),
                        (None, Some(sec)) => check(true, sec, "name"),
                        _ => None,
                    })
            }?;
            Some(format!(
                "MountVolume.SetUp failed for volume \"{}\" : {err}",
                v["name"].as_str().unwrap_or("")
            ))
        })
}

fn join(base: &str, rel: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        rel.trim_start_matches('/')
    )
}

/// Writes the volumes mounted by container `c` of `pod` into `fs`. With `refresh`, only the
/// ConfigMap/Secret-backed mounts without `subPath` are rewritten (files that went away are
/// removed).
pub fn project(api: &Api, pod: &Value, c: &Value, pod_ip: &str, fs: &SimFs, refresh: bool) {
    let volumes: BTreeMap<&str, &Value> = pod
        .pointer("/spec/volumes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| Some((v["name"].as_str()?, v)))
        .collect();
    for m in c["volumeMounts"].as_array().into_iter().flatten() {
        let (Some(vname), Some(mount)) = (m["name"].as_str(), m["mountPath"].as_str()) else {
            continue;
        };
        let Some(vol) = volumes.get(vname) else {
            continue;
        };
        let sub = m["subPath"].as_str().filter(|s| !s.is_empty());
        if refresh && sub.is_some() {
            continue;
        }
        let projected = files(api, pod, vol, pod_ip);
        if refresh && projected.is_none() {
            continue;
        }
        let Ok(mut fs) = fs.lock() else {
            continue;
        };
        match (projected, sub) {
            (None, _) => {
                fs.entry(join(mount, ".keep")).or_default();
            }
            (Some(list), Some(sub)) => {
                for (rel, bytes) in list {
                    if rel == sub {
                        fs.insert(mount.to_string(), bytes);
                    } else if let Some(below) = rel.strip_prefix(&format!("{sub}/")) {
                        fs.insert(join(mount, below), bytes);
                    }
                }
            }
            (Some(list), None) => {
                if refresh {
                    let prefix = format!("{}/", mount.trim_end_matches('/'));
                    fs.retain(|k, _| !k.starts_with(&prefix));
                }
                fs.entry(join(mount, ".keep")).or_default();
                for (rel, bytes) in list {
                    fs.insert(join(mount, &rel), bytes);
                }
            }
        }
    }
}

/// The ConfigMaps (`false`) and Secrets (`true`) whose data `pod`'s volumes show, directly
/// or in a projection: what a change must be rewritten into.
pub fn sources(pod: &Value) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    for v in pod
        .pointer("/spec/volumes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let projected = v
            .pointer("/projected/sources")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .flat_map(|s| {
                [
                    (false, s.pointer("/configMap/name")),
                    (true, s.pointer("/secret/name")),
                ]
            });
        let direct = [
            (false, v.pointer("/configMap/name")),
            (true, v.pointer("/secret/secretName")),
        ];
        for (secret, n) in direct.into_iter().chain(projected) {
            if let Some(n) = n.and_then(Value::as_str) {
                out.push((secret, n.to_string()));
            }
        }
    }
    out
}
