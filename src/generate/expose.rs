//! The Service of `kubectl expose` (`createService` in `expose.go`) and of `kubectl run
//! --expose` (the `service/v2` generator, the same rules), plus what expose reads from the
//! object it exposes (kubectl's polymorphic helpers `MapBasedSelectorForObject`,
//! `PortsForObject`, `MultiProtocolsForObject`, `CanBeExposed`).

use serde_json::{Map, Value, json};

use crate::resource::polymorphic::{self, Workload};

/// kubectl's `canBeExposed`: `cannot expose a <GroupKind>` for other kinds.
pub fn can_be_exposed(group: &str, kind: &str) -> Result<(), String> {
    match (group, kind) {
        ("", "ReplicationController" | "Service" | "Pod")
        | ("apps" | "extensions", "Deployment" | "ReplicaSet") => Ok(()),
        ("", kind) => Err(format!("cannot expose a {kind}")),
        (group, kind) => Err(format!("cannot expose a {kind}.{group}")),
    }
}

fn string_map(v: Option<&Value>) -> Vec<(String, String)> {
    v.and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
        .collect()
}

/// kubectl's `MakeLabels`: `k=v,...` (kubectl walks a Go map; kk sorts, the object built
/// from it is the same).
pub fn make_labels(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// kubectl's `MapBasedSelectorForObject`, with its messages.
pub fn selector_for_object(obj: &Value) -> Result<String, String> {
    let expressions = |sel: &Value| -> Result<(), String> {
        match sel.get("matchExpressions").and_then(Value::as_array) {
            Some(e) if !e.is_empty() => Err(format!(
                "couldn't convert expressions - \"{}\" to map-based selector format",
                go_expressions(e)
            )),
            _ => Ok(()),
        }
    };
    let sel = obj.pointer("/spec/selector");
    match Workload::of(obj) {
        Some(Workload::ReplicationController) => Ok(make_labels(&string_map(sel))),
        Some(Workload::Pod) => {
            let labels = string_map(obj.pointer("/metadata/labels"));
            if labels.is_empty() {
                return Err("the pod has no labels and cannot be exposed".into());
            }
            Ok(make_labels(&labels))
        }
        Some(w @ (Workload::Deployment | Workload::ReplicaSet)) => {
            let what = if w == Workload::Deployment {
                "deployment"
            } else {
                "replicaset"
            };
            let labels = string_map(sel.and_then(|s| s.get("matchLabels")));
            if labels.is_empty() {
                return Err(format!(
                    "invalid {what}: no selectors, therefore cannot be exposed"
                ));
            }
            expressions(sel.unwrap_or(&Value::Null))?;
            Ok(make_labels(&labels))
        }
        _ if is_service(obj) => {
            if sel.is_none_or(Value::is_null) {
                return Err("the service has no pod selector set".into());
            }
            Ok(make_labels(&string_map(sel)))
        }
        _ => Err(format!(
            "cannot extract pod selector from {}",
            polymorphic::go_type(obj)
        )),
    }
}

/// Go's `%+v` of `[]LabelSelectorRequirement`.
fn go_expressions(e: &[Value]) -> String {
    let items: Vec<String> = e
        .iter()
        .map(|r| {
            let s = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            let values: Vec<String> = r
                .get("values")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
            format!(
                "{{Key:{} Operator:{} Values:[{}]}}",
                s("key"),
                s("operator"),
                values.join(" ")
            )
        })
        .collect();
    format!("[{}]", items.join(" "))
}

fn is_service(obj: &Value) -> bool {
    obj.get("apiVersion").and_then(Value::as_str) == Some("v1")
        && obj.get("kind").and_then(Value::as_str) == Some("Service")
}

/// `(port, protocol)` of the containers' ports (not init containers) or the Service's.
fn port_list(obj: &Value) -> Result<Vec<(i64, String)>, String> {
    let (list, key): (Vec<&Value>, &str) = if is_service(obj) {
        (
            obj.pointer("/spec/ports")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .collect(),
            "port",
        )
    } else {
        match Workload::of(obj) {
            Some(
                Workload::Pod
                | Workload::ReplicationController
                | Workload::Deployment
                | Workload::ReplicaSet,
            ) => (
                polymorphic::pod_spec(obj)
                    .and_then(|s| s.get("containers"))
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .flat_map(|c| {
                        c.get("ports")
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                    })
                    .collect(),
                "containerPort",
            ),
            _ => {
                return Err(format!(
                    "cannot extract ports from {}",
                    polymorphic::go_type(obj)
                ));
            }
        }
    };
    Ok(list
        .into_iter()
        .map(|p| {
            let protocol = p
                .get("protocol")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .unwrap_or("TCP");
            (
                p.get(key).and_then(Value::as_i64).unwrap_or(0),
                protocol.to_string(),
            )
        })
        .collect())
}

/// kubectl's `PortsForObject`: the distinct port numbers, in order.
pub fn ports_for_object(obj: &Value) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for (port, _) in port_list(obj)? {
        let p = port.to_string();
        if !out.contains(&p) {
            out.push(p);
        }
    }
    Ok(out)
}

/// kubectl's `MultiProtocolsForObject`: each port number's protocols, in order.
pub fn protocols_for_object(obj: &Value) -> Result<Vec<(String, Vec<String>)>, String> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for (port, protocol) in port_list(obj)? {
        let p = port.to_string();
        match out.iter_mut().find(|(k, _)| *k == p) {
            Some((_, v)) => v.push(protocol),
            None => out.push((p, vec![protocol])),
        }
    }
    Ok(out)
}

/// kubectl's `parseLabels` (and `generate.ParseLabels`).
pub fn parse_labels(spec: &str) -> Result<Map<String, Value>, String> {
    if spec.is_empty() {
        return Err("no label spec passed".into());
    }
    let mut out = Map::new();
    for item in spec.split(',') {
        let parts: Vec<&str> = item.split('=').collect();
        if parts.len() != 2 {
            return Err(format!("unexpected label spec: {item}"));
        }
        if parts[0].is_empty() {
            return Err("unexpected empty label key".into());
        }
        out.insert(parts[0].to_string(), parts[1].into());
    }
    Ok(out)
}

/// What the Service is built from (kubectl's `ExposeServiceOptions` after introspection).
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// `--name`.
    pub name: String,
    /// The exposed object's name (cut to 63 characters).
    pub default_name: String,
    /// `k=v,...`.
    pub selector: String,
    /// `k=v,...` (empty: none).
    pub labels: String,
    /// `--port` or the one introspected port.
    pub port: String,
    /// Several introspected ports, `a,b`.
    pub ports: String,
    /// `--protocol`.
    pub protocol: String,
    /// The introspected protocols per port.
    pub protocols: Vec<(String, Vec<String>)>,
    /// `--target-port`.
    pub target_port: String,
    /// `--external-ip`.
    pub external_ip: String,
    /// `--type`.
    pub service_type: String,
    /// `--load-balancer-ip`.
    pub load_balancer_ip: String,
    /// `--session-affinity`.
    pub session_affinity: String,
    /// `--cluster-ip`.
    pub cluster_ip: String,
    /// `-n` when given explicitly (client dry runs show it).
    pub namespace: Option<String>,
}

/// Go's `strconv.Atoi` error text.
fn atoi(s: &str) -> Result<i64, String> {
    crate::go::atoi(s).ok_or_else(|| {
        let why = if s
            .trim_start_matches(['+', '-'])
            .bytes()
            .all(|b| b.is_ascii_digit())
            && !s.trim_start_matches(['+', '-']).is_empty()
        {
            "value out of range"
        } else {
            "invalid syntax"
        };
        format!("strconv.Atoi: parsing {s:?}: {why}")
    })
}

/// kubectl's `createService`.
pub fn build(p: &Params) -> Result<Value, String> {
    if p.selector.is_empty() {
        return Err("selector must be specified".into());
    }
    let selector = parse_labels(&p.selector)?;
    let labels = if p.labels.is_empty() {
        None
    } else {
        Some(parse_labels(&p.labels)?)
    };
    let name = if p.name.is_empty() {
        if p.default_name.is_empty() {
            return Err("name must be specified".into());
        }
        &p.default_name
    } else {
        &p.name
    };
    let port_string = if p.ports.is_empty() {
        &p.port
    } else {
        &p.ports
    };
    let mut ports: Vec<Value> = Vec::new();
    if !port_string.is_empty() {
        let list: Vec<&str> = port_string.split(',').collect();
        for (i, s) in list.iter().enumerate() {
            let port = atoi(s)?;
            let port_name = if list.len() > 1 {
                format!("port-{}", i + 1)
            } else {
                String::new()
            };
            let mut protocol = p.protocol.clone();
            if protocol.is_empty() {
                protocol = "TCP".into();
                if let Some((_, found)) = p.protocols.iter().find(|(k, _)| k == s) {
                    if found.len() == 1 {
                        protocol = found[0].clone();
                    } else {
                        for pr in found {
                            ports.push(service_port(
                                &format!("port-{}-{}", i + 1, pr.to_lowercase()),
                                port,
                                pr,
                            ));
                        }
                        continue;
                    }
                }
            }
            ports.push(service_port(&port_name, port, &protocol));
        }
    }
    let target: Option<Value> = (!p.target_port.is_empty()).then(|| {
        // intstr.Parse: a number when it parses as one.
        match p.target_port.parse::<i32>() {
            Ok(n) => json!(n),
            Err(_) => json!(p.target_port),
        }
    });
    for sp in &mut ports {
        sp["targetPort"] = target.clone().unwrap_or_else(|| sp["port"].clone());
    }
    let mut svc = super::object("v1", "Service", name, p.namespace.as_deref());
    if let Some(l) = labels {
        svc["metadata"]["labels"] = Value::Object(l);
    }
    let mut spec = Map::new();
    spec.insert("selector".into(), Value::Object(selector));
    spec.insert("ports".into(), Value::Array(ports));
    if !p.external_ip.is_empty() {
        spec.insert("externalIPs".into(), json!([p.external_ip]));
    }
    if !p.service_type.is_empty() {
        spec.insert("type".into(), json!(p.service_type));
    }
    if p.service_type == "LoadBalancer" {
        spec.insert("loadBalancerIP".into(), json!(p.load_balancer_ip));
    }
    match p.session_affinity.as_str() {
        "" => {}
        "None" | "ClientIP" => {
            spec.insert("sessionAffinity".into(), json!(p.session_affinity));
        }
        other => return Err(format!("unknown session affinity: {other}")),
    }
    if !p.cluster_ip.is_empty() {
        spec.insert("clusterIP".into(), json!(p.cluster_ip));
    }
    svc["spec"] = Value::Object(spec);
    Ok(svc)
}

fn service_port(name: &str, port: i64, protocol: &str) -> Value {
    let mut m = Map::new();
    if !name.is_empty() {
        m.insert("name".into(), json!(name));
    }
    m.insert("port".into(), json!(port));
    m.insert("protocol".into(), json!(protocol));
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deploy(ports: Value) -> Value {
        json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "labels": {"app": "web"}},
            "spec": {"selector": {"matchLabels": {"app": "web"}},
                "template": {"spec": {"containers": [{"name": "a", "ports": ports}]}}}})
    }

    #[test]
    fn introspection_like_kubectl() {
        let d = deploy(
            json!([{"containerPort": 80}, {"containerPort": 53, "protocol": "UDP"}, {"containerPort": 53, "protocol": "TCP"}]),
        );
        assert_eq!(selector_for_object(&d).unwrap(), "app=web");
        assert_eq!(ports_for_object(&d).unwrap(), ["80", "53"]);
        let p = Params {
            default_name: "web".into(),
            selector: "app=web".into(),
            ports: "80,53".into(),
            protocols: protocols_for_object(&d).unwrap(),
            ..Params::default()
        };
        let svc = build(&p).unwrap();
        assert_eq!(
            svc["spec"]["ports"],
            json!([{"name": "port-1", "port": 80, "protocol": "TCP", "targetPort": 80},
                   {"name": "port-2-udp", "port": 53, "protocol": "UDP", "targetPort": 53},
                   {"name": "port-2-tcp", "port": 53, "protocol": "TCP", "targetPort": 53}])
        );
        let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {}});
        assert_eq!(
            selector_for_object(&pod).unwrap_err(),
            "the pod has no labels and cannot be exposed"
        );
        assert_eq!(
            can_be_exposed("", "ConfigMap").unwrap_err(),
            "cannot expose a ConfigMap"
        );
        assert_eq!(
            can_be_exposed("apps", "StatefulSet").unwrap_err(),
            "cannot expose a StatefulSet.apps"
        );
    }

    #[test]
    fn targets_and_errors() {
        let p = Params {
            default_name: "web".into(),
            selector: "app=web".into(),
            port: "80".into(),
            target_port: "http".into(),
            session_affinity: "Sticky".into(),
            ..Params::default()
        };
        assert_eq!(build(&p).unwrap_err(), "unknown session affinity: Sticky");
        let p = Params {
            session_affinity: String::new(),
            ..p
        };
        assert_eq!(build(&p).unwrap()["spec"]["ports"][0]["targetPort"], "http");
        let p = Params {
            port: "x".into(),
            ..p
        };
        assert_eq!(
            build(&p).unwrap_err(),
            "strconv.Atoi: parsing \"x\": invalid syntax"
        );
    }
}
