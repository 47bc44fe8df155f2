//! Validation of Service, ConfigMap, Secret, Namespace, PersistentVolumeClaim and Ingress.

use std::collections::BTreeSet;

use serde_json::Value;

use super::super::status::Cause;
use super::field::{
    Go, duplicate, forbidden, go_quote, invalid, not_supported, required, too_long,
};
use super::meta::labels;
use super::names::{is_config_map_key, is_dns1123_label, is_valid_port_name, is_valid_port_num};

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

const NODE_PORT_RANGE: (i64, i64) = (30000, 32767);

pub(crate) fn service(errs: &mut Vec<Cause>, obj: &Value, old: Option<&Value>) {
    let spec = obj.get("spec").unwrap_or(&Value::Null);
    let ty = s(spec, "type");
    let headless = s(spec, "clusterIP") == "None";
    let ports = spec
        .get("ports")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    if ports.is_empty() && !headless && ty != "ExternalName" {
        errs.push(required("spec.ports", ""));
    }
    const TYPES: &[&str] = &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
    if ty.is_empty() {
        errs.push(required("spec.type", ""));
    } else if !TYPES.contains(&ty) {
        errs.push(not_supported("spec.type", Go::str(ty), TYPES));
    }
    if ty == "ExternalName" {
        let name = s(spec, "externalName");
        if name.is_empty() {
            errs.push(required("spec.externalName", ""));
        }
    }
    let mut names = BTreeSet::new();
    let mut seen = BTreeSet::new();
    for (i, p) in ports.iter().enumerate() {
        let pp = format!("spec.ports[{i}]");
        let name = s(p, "name");
        if ports.len() > 1 && name.is_empty() {
            errs.push(required(&format!("{pp}.name"), ""));
        } else if !name.is_empty() {
            for m in is_dns1123_label(name) {
                errs.push(invalid(&format!("{pp}.name"), Go::str(name), &m));
            }
            if !names.insert(name.to_string()) {
                errs.push(duplicate(&format!("{pp}.name"), Go::str(name)));
            }
        }
        let port = p.get("port").and_then(Value::as_i64).unwrap_or(0);
        for m in is_valid_port_num(port) {
            errs.push(invalid(&format!("{pp}.port"), Go::Int(port), &m));
        }
        let proto = s(p, "protocol");
        const PROTOS: &[&str] = &["SCTP", "TCP", "UDP"];
        if proto.is_empty() {
            errs.push(required(&format!("{pp}.protocol"), ""));
        } else if !PROTOS.contains(&proto) {
            errs.push(not_supported(
                &format!("{pp}.protocol"),
                Go::str(proto),
                PROTOS,
            ));
        }
        match p.get("targetPort") {
            Some(Value::Number(n)) => {
                let n = n.as_i64().unwrap_or(0);
                for m in is_valid_port_num(n) {
                    errs.push(invalid(&format!("{pp}.targetPort"), Go::Int(n), &m));
                }
            }
            Some(Value::String(t)) => {
                for m in is_valid_port_name(t) {
                    errs.push(invalid(&format!("{pp}.targetPort"), Go::str(t), &m));
                }
            }
            _ => {}
        }
        let node_port = p.get("nodePort").and_then(Value::as_i64).unwrap_or(0);
        if node_port != 0 {
            if ty == "ClusterIP" {
                errs.push(forbidden(
                    &format!("{pp}.nodePort"),
                    "may not be used when `type` is 'ClusterIP'",
                ));
            } else if node_port < NODE_PORT_RANGE.0 || node_port > NODE_PORT_RANGE.1 {
                errs.push(invalid(
                    &format!("{pp}.nodePort"),
                    Go::Int(node_port),
                    "provided port is not in the valid range. The range of valid ports is \
                     30000-32767",
                ));
            }
        }
        if !seen.insert((proto.to_string(), port)) {
            errs.push(duplicate(
                &pp,
                Go::Raw(format!(
                    "core.ServicePort{{Name:\"\", Protocol:{}, AppProtocol:(*string)(nil), \
                     Port:{port}, TargetPort:intstr.IntOrString{{Type:0, IntVal:0, StrVal:\"\"}}, \
                     NodePort:0}}",
                    go_quote(proto)
                )),
            ));
        }
    }
    let affinity = s(spec, "sessionAffinity");
    if !affinity.is_empty() && affinity != "None" && affinity != "ClientIP" {
        errs.push(not_supported(
            "spec.sessionAffinity",
            Go::str(affinity),
            &["ClientIP", "None"],
        ));
    }
    labels(errs, spec.get("selector"), "spec.selector");
    let etp = s(spec, "externalTrafficPolicy");
    if !etp.is_empty() {
        let external_ips = spec
            .get("externalIPs")
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty());
        let accessible =
            ty == "NodePort" || ty == "LoadBalancer" || (ty == "ClusterIP" && external_ips);
        if !accessible {
            errs.push(invalid(
                "spec.externalTrafficPolicy",
                Go::str(etp),
                "may only be set for externally-accessible services",
            ));
        } else if etp != "Cluster" && etp != "Local" {
            errs.push(not_supported(
                "spec.externalTrafficPolicy",
                Go::str(etp),
                &["Cluster", "Local"],
            ));
        }
    }
    let Some(old) = old else { return };
    let os = old.get("spec").unwrap_or(&Value::Null);
    let (new_ip, old_ip) = (s(spec, "clusterIP"), s(os, "clusterIP"));
    if !old_ip.is_empty()
        && !new_ip.is_empty()
        && new_ip != old_ip
        && s(os, "type") != "ExternalName"
    {
        let shown = spec
            .get("clusterIPs")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|v| go_quote(v.as_str().unwrap_or("")))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_else(|| vec![go_quote(new_ip)]);
        errs.push(invalid(
            "spec.clusterIPs[0]",
            Go::Raw(format!("[]string{{{}}}", shown.join(", "))),
            "may not change once set",
        ));
    }
}

/// Keys of `data`/`binaryData` (reported as `data[key]`) and the 1 MiB total.
fn data_keys(errs: &mut Vec<Cause>, obj: &Value, bags: [&str; 2]) {
    let mut total = 0;
    for (i, bag) in bags.iter().enumerate() {
        let Some(m) = obj.get(*bag).and_then(Value::as_object) else {
            continue;
        };
        let other = bags[1 - i];
        for (k, v) in m {
            for msg in is_config_map_key(k) {
                errs.push(invalid(&format!("{bag}[{k}]"), Go::str(k), &msg));
            }
            if obj.get(other).and_then(|o| o.get(k)).is_some() {
                errs.push(invalid(
                    &format!("{bag}[{k}]"),
                    Go::str(k),
                    &format!("duplicate of key present in {other}"),
                ));
            }
            total += v.as_str().map_or(0, str::len);
        }
    }
    if total > 1024 * 1024 {
        errs.push(too_long("", 1024 * 1024));
    }
}

fn immutable_data(errs: &mut Vec<Cause>, new: &Value, old: &Value, bags: [&str; 2]) {
    if old.get("immutable").and_then(Value::as_bool) != Some(true) {
        return;
    }
    const MSG: &str = "field is immutable when `immutable` is set";
    if new.get("immutable").and_then(Value::as_bool) != Some(true) {
        errs.push(forbidden("immutable", MSG));
    }
    for bag in bags {
        if new.get(bag) != old.get(bag) {
            errs.push(forbidden(bag, MSG));
        }
    }
}

pub(crate) fn config_map(errs: &mut Vec<Cause>, obj: &Value, old: Option<&Value>) {
    data_keys(errs, obj, ["data", "binaryData"]);
    if let Some(old) = old {
        immutable_data(errs, obj, old, ["data", "binaryData"]);
    }
}

pub(crate) fn secret(errs: &mut Vec<Cause>, obj: &Value, old: Option<&Value>) {
    // `stringData` was folded into `data` by defaulting.
    data_keys(errs, obj, ["data", "binaryData"]);
    let data = obj.get("data");
    let has = |k: &str| data.and_then(|d| d.get(k)).is_some();
    match s(obj, "type") {
        "kubernetes.io/service-account-token" => {
            let ann = obj.get("metadata").and_then(|m| m.get("annotations"));
            let key = "kubernetes.io/service-account.name";
            if ann
                .and_then(|a| a.get(key))
                .and_then(Value::as_str)
                .unwrap_or("")
                .is_empty()
            {
                errs.push(required(&format!("metadata.annotations[{key}]"), ""));
            }
        }
        "kubernetes.io/dockercfg" if !has(".dockercfg") => {
            errs.push(required("data[.dockercfg]", ""));
        }
        "kubernetes.io/dockerconfigjson" if !has(".dockerconfigjson") => {
            errs.push(required("data[.dockerconfigjson]", ""));
        }
        "kubernetes.io/basic-auth" if !has("username") && !has("password") => {
            errs.push(required("data[username]", ""));
            errs.push(required("data[password]", ""));
        }
        "kubernetes.io/ssh-auth" if !has("ssh-privatekey") => {
            errs.push(required("data[ssh-privatekey]", ""));
        }
        "kubernetes.io/tls" => {
            for k in ["tls.crt", "tls.key"] {
                if !has(k) {
                    errs.push(required(&format!("data[{k}]"), ""));
                }
            }
        }
        _ => {}
    }
    if let Some(old) = old {
        let (nt, ot) = (s(obj, "type"), s(old, "type"));
        if nt != ot {
            errs.push(invalid("type", Go::str(nt), "field is immutable"));
        }
        immutable_data(errs, obj, old, ["data", "binaryData"]);
    }
}

pub(crate) fn namespace(errs: &mut Vec<Cause>, obj: &Value) {
    let fins = obj
        .get("spec")
        .and_then(|s| s.get("finalizers"))
        .and_then(Value::as_array);
    for f in fins.into_iter().flatten().filter_map(Value::as_str) {
        for m in super::names::is_qualified_name(f) {
            errs.push(invalid("spec.finalizers", Go::str(f), &m));
        }
        if !f.contains('/') && f != "kubernetes" {
            errs.push(invalid(
                "spec.finalizers",
                Go::str(f),
                "name is neither a standard finalizer name nor is it fully qualified",
            ));
        }
    }
}

pub(crate) fn pvc(errs: &mut Vec<Cause>, obj: &Value, old: Option<&Value>) {
    let spec = obj.get("spec").unwrap_or(&Value::Null);
    let modes = spec
        .get("accessModes")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    if modes.is_empty() {
        errs.push(required(
            "spec.accessModes",
            "at least 1 access mode is required",
        ));
    }
    const MODES: &[&str] = &[
        "ReadOnlyMany",
        "ReadWriteMany",
        "ReadWriteOnce",
        "ReadWriteOncePod",
    ];
    for m in modes {
        let m = m.as_str().unwrap_or("");
        if !MODES.contains(&m) {
            errs.push(not_supported("spec.accessModes", Go::str(m), MODES));
        }
    }
    let storage = spec
        .get("resources")
        .and_then(|r| r.get("requests"))
        .and_then(|r| r.get("storage"));
    if storage.is_none() {
        errs.push(required("spec.resources[storage]", ""));
    }
    if let Some(old) = old {
        let os = old.get("spec").unwrap_or(&Value::Null);
        let strip = |v: &Value| {
            let mut v = v.clone();
            if let Some(m) = v.as_object_mut() {
                m.remove("resources");
                m.remove("volumeAttributesClassName");
                // Binding may fill these in once (volume controller, default class admission).
                for once in ["volumeName", "storageClassName"] {
                    if s(os, once).is_empty() {
                        m.remove(once);
                    }
                }
            }
            v
        };
        if strip(spec) != strip(os) {
            let detail = format!(
                "spec is immutable after creation except resources.requests and \
                 volumeAttributesClassName for bound claims\n{}",
                super::field::spec_diff("core.PersistentVolumeClaimSpec", &strip(os), &strip(spec))
            );
            errs.push(forbidden("spec", &detail));
        }
    }
}

pub(crate) fn ingress(errs: &mut Vec<Cause>, obj: &Value) {
    let spec = obj.get("spec").unwrap_or(&Value::Null);
    let rules = spec
        .get("rules")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    if rules.is_empty() && spec.get("defaultBackend").is_none_or(Value::is_null) {
        errs.push(invalid(
            "spec",
            Go::Raw("[]networking.IngressRule(nil)".into()),
            "either `defaultBackend` or `rules` must be specified",
        ));
    }
    for (i, r) in rules.iter().enumerate() {
        let paths = r
            .get("http")
            .and_then(|h| h.get("paths"))
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        for (j, p) in paths.iter().enumerate() {
            let pp = format!("spec.rules[{i}].http.paths[{j}]");
            let ty = s(p, "pathType");
            const TYPES: &[&str] = &["Exact", "ImplementationSpecific", "Prefix"];
            if ty.is_empty() {
                errs.push(required(
                    &format!("{pp}.pathType"),
                    "pathType must be specified",
                ));
            } else if !TYPES.contains(&ty) {
                errs.push(not_supported(&format!("{pp}.pathType"), Go::str(ty), TYPES));
            }
            let path = s(p, "path");
            if ty != "ImplementationSpecific" && !ty.is_empty() && !path.starts_with('/') {
                errs.push(invalid(
                    &format!("{pp}.path"),
                    Go::str(path),
                    "must be an absolute path",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn msgs(errs: &[Cause]) -> Vec<String> {
        errs.iter()
            .map(|c| format!("{}: {}", c.field, c.message))
            .collect()
    }

    #[test]
    fn service_rules() {
        let mut errs = Vec::new();
        service(
            &mut errs,
            &json!({"spec": {"type": "ClusterIP", "sessionAffinity": "None"}}),
            None,
        );
        assert_eq!(msgs(&errs), vec!["spec.ports: Required value"]);

        let mut errs = Vec::new();
        service(
            &mut errs,
            &json!({"spec": {"type": "ClusterIP", "clusterIP": "None"}}),
            None,
        );
        assert!(errs.is_empty());

        let mut errs = Vec::new();
        service(
            &mut errs,
            &json!({"spec": {"type": "Internal", "ports": [
                {"port": 80, "protocol": "TCP", "targetPort": 0},
                {"name": "b", "port": 0, "protocol": "TCP", "targetPort": 80, "nodePort": 30001}]}}),
            None,
        );
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \
                 \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
                "spec.ports[0].name: Required value",
                "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
                "spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            ]
        );

        let mut errs = Vec::new();
        service(
            &mut errs,
            &json!({"spec": {"type": "NodePort", "ports": [{"port": 80, "protocol": "TCP",
                "targetPort": 80, "nodePort": 80}]}}),
            None,
        );
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid \
                  range. The range of valid ports is 30000-32767"
            ]
        );

        let old = json!({"spec": {"type": "ClusterIP", "clusterIP": "10.96.0.10",
            "ports": [{"port": 80, "protocol": "TCP"}]}});
        let mut new = old.clone();
        new["spec"]["clusterIP"] = json!("10.96.0.11");
        new["spec"]["clusterIPs"] = json!(["10.96.0.11"]);
        let mut errs = Vec::new();
        service(&mut errs, &new, Some(&old));
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.11\"}: may not change once set"
            ]
        );
    }

    #[test]
    fn configmap_and_secret_rules() {
        let mut errs = Vec::new();
        config_map(
            &mut errs,
            &json!({"data": {"bad key": "v", "ok": "v"}, "binaryData": {"ok": ""}}),
            None,
        );
        let m = msgs(&errs);
        assert!(
            m[0].starts_with("data[bad key]: Invalid value: \"bad key\": a valid config key must")
        );
        assert_eq!(
            m[1],
            "data[ok]: Invalid value: \"ok\": duplicate of key present in binaryData"
        );
        assert_eq!(
            m[2],
            "binaryData[ok]: Invalid value: \"ok\": duplicate of key present in data"
        );

        let old = json!({"immutable": true, "data": {"a": "1"}});
        let mut errs = Vec::new();
        config_map(
            &mut errs,
            &json!({"immutable": true, "data": {"a": "2"}}),
            Some(&old),
        );
        assert_eq!(
            msgs(&errs),
            vec!["data: Forbidden: field is immutable when `immutable` is set"]
        );

        let mut errs = Vec::new();
        secret(
            &mut errs,
            &json!({"type": "kubernetes.io/tls", "data": {"tls.crt": ""}}),
            None,
        );
        assert_eq!(msgs(&errs), vec!["data[tls.key]: Required value"]);
        let mut errs = Vec::new();
        secret(
            &mut errs,
            &json!({"type": "Opaque"}),
            Some(&json!({"type": "kubernetes.io/tls"})),
        );
        assert_eq!(
            msgs(&errs),
            vec!["type: Invalid value: \"Opaque\": field is immutable"]
        );
    }

    #[test]
    fn pvc_and_ingress() {
        let mut errs = Vec::new();
        pvc(&mut errs, &json!({"spec": {}}), None);
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.accessModes: Required value: at least 1 access mode is required",
                "spec.resources[storage]: Required value",
            ]
        );
        let old = json!({"spec": {"accessModes": ["ReadWriteOnce"], "volumeMode": "Filesystem",
            "resources": {"requests": {"storage": "1Gi"}}}});
        let mut bound = old.clone();
        bound["spec"]["volumeName"] = json!("pv-1");
        bound["spec"]["resources"]["requests"]["storage"] = json!("2Gi");
        let mut errs = Vec::new();
        pvc(&mut errs, &bound, Some(&old));
        assert!(errs.is_empty(), "{errs:?}");
        let mut modes = old.clone();
        modes["spec"]["accessModes"] = json!(["ReadWriteMany"]);
        pvc(&mut errs, &modes, Some(&old));
        assert_eq!(
            msgs(&errs)[0].lines().next().unwrap(),
            "spec: Forbidden: spec is immutable after creation except resources.requests and \
             volumeAttributesClassName for bound claims"
        );
        assert!(msgs(&errs)[0].contains("- \taccessModes: [\"ReadWriteOnce\"],\n"));
        let mut errs = Vec::new();
        ingress(
            &mut errs,
            &json!({"spec": {"rules": [{"http": {"paths": [
            {"path": "/", "backend": {}}, {"path": "api", "pathType": "Prefix"}]}}]}}),
        );
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified",
                "spec.rules[0].http.paths[1].path: Invalid value: \"api\": must be an absolute path",
            ]
        );
    }
}
