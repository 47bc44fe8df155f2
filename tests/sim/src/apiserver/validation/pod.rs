//! Pod, pod template, container and volume validation (core `ValidatePodSpec` and friends), and
//! the pod update rules (only images, activeDeadlineSeconds, tolerations additions...).

use std::collections::BTreeSet;

use serde_json::Value;

use super::super::status::Cause;
use super::field::{Go, duplicate, forbidden, invalid, not_found, not_supported, required};
use super::meta::{annotations, labels};
use super::names::{
    is_dns1123_label, is_dns1123_subdomain, is_env_var_name, is_valid_port_name, is_valid_port_num,
};

const RESTART_POLICIES: &[&str] = &["Always", "OnFailure", "Never"];

/// The volume source fields (anything else in a volume is an unknown field, dropped by the
/// decoder rather than counted as a second source).
const VOLUME_SOURCES: &[&str] = &[
    "hostPath",
    "emptyDir",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "gitRepo",
    "secret",
    "nfs",
    "iscsi",
    "glusterfs",
    "persistentVolumeClaim",
    "rbd",
    "flexVolume",
    "cinder",
    "cephfs",
    "flocker",
    "downwardAPI",
    "fc",
    "azureFile",
    "configMap",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "photonPersistentDisk",
    "projected",
    "portworxVolume",
    "scaleIO",
    "storageos",
    "csi",
    "ephemeral",
    "image",
];

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn arr<'a>(v: &'a Value, k: &str) -> &'a [Value] {
    v.get(k)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// `ValidatePodTemplateSpec` at `path` (e.g. `spec.template`): note the apiserver reports
/// template labels at `<path>.labels`, not `<path>.metadata.labels`.
pub(crate) fn pod_template(errs: &mut Vec<Cause>, t: &Value, path: &str) {
    let meta = t.get("metadata").unwrap_or(&Value::Null);
    labels(errs, meta.get("labels"), &format!("{path}.labels"));
    annotations(
        errs,
        meta.get("annotations"),
        &format!("{path}.annotations"),
    );
    let spec = t.get("spec").unwrap_or(&Value::Null);
    pod_spec(errs, spec, &format!("{path}.spec"));
    if !arr(spec, "ephemeralContainers").is_empty() {
        errs.push(forbidden(
            &format!("{path}.spec.ephemeralContainers"),
            "ephemeral containers not allowed in pod template",
        ));
    }
}

/// `ValidatePodSpec`.
pub(crate) fn pod_spec(errs: &mut Vec<Cause>, spec: &Value, path: &str) {
    let volumes = volumes(errs, spec, &format!("{path}.volumes"));
    let containers = arr(spec, "containers");
    if containers.is_empty() {
        errs.push(required(&format!("{path}.containers"), ""));
    }
    let mut names = BTreeSet::new();
    for (i, c) in containers.iter().enumerate() {
        container(errs, c, &format!("{path}.containers[{i}]"), &volumes);
        let name = s(c, "name");
        if !names.insert(name.to_string()) {
            errs.push(duplicate(
                &format!("{path}.containers[{i}].name"),
                Go::str(name),
            ));
        }
    }
    for (i, c) in arr(spec, "initContainers").iter().enumerate() {
        let p = format!("{path}.initContainers[{i}]");
        container(errs, c, &p, &volumes);
        let name = s(c, "name");
        if !names.insert(name.to_string()) {
            errs.push(duplicate(&format!("{p}.name"), Go::str(name)));
        }
    }
    let restart = s(spec, "restartPolicy");
    if restart.is_empty() {
        errs.push(required(&format!("{path}.restartPolicy"), ""));
    } else if !RESTART_POLICIES.contains(&restart) {
        errs.push(not_supported(
            &format!("{path}.restartPolicy"),
            Go::str(restart),
            RESTART_POLICIES,
        ));
    }
    let dns = s(spec, "dnsPolicy");
    if dns == "None" && spec.get("dnsConfig").is_none_or(Value::is_null) {
        errs.push(required(
            &format!("{path}.dnsConfig"),
            "must provide `dnsConfig` when `dnsPolicy` is None",
        ));
    }
    const DNS: &[&str] = &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    if dns.is_empty() {
        errs.push(required(&format!("{path}.dnsPolicy"), ""));
    } else if !DNS.contains(&dns) {
        errs.push(not_supported(
            &format!("{path}.dnsPolicy"),
            Go::str(dns),
            DNS,
        ));
    }
    labels(
        errs,
        spec.get("nodeSelector"),
        &format!("{path}.nodeSelector"),
    );
    let sa = s(spec, "serviceAccountName");
    if !sa.is_empty() {
        for m in is_dns1123_subdomain(sa) {
            errs.push(invalid(
                &format!("{path}.serviceAccountName"),
                Go::str(sa),
                &m,
            ));
        }
    }
    let node = s(spec, "nodeName");
    if !node.is_empty() {
        for m in is_dns1123_subdomain(node) {
            errs.push(invalid(&format!("{path}.nodeName"), Go::str(node), &m));
        }
    }
    if let Some(ads) = spec.get("activeDeadlineSeconds").and_then(Value::as_i64)
        && !(1..=i32::MAX as i64).contains(&ads)
    {
        errs.push(invalid(
            &format!("{path}.activeDeadlineSeconds"),
            Go::Int(ads),
            "must be between 1 and 2147483647, inclusive",
        ));
    }
    for key in ["hostname", "subdomain"] {
        let v = s(spec, key);
        if !v.is_empty() {
            for m in is_dns1123_label(v) {
                errs.push(invalid(&format!("{path}.{key}"), Go::str(v), &m));
            }
        }
    }
    for (i, t) in arr(spec, "tolerations").iter().enumerate() {
        toleration(errs, t, &format!("{path}.tolerations[{i}]"));
    }
}

fn toleration(errs: &mut Vec<Cause>, t: &Value, path: &str) {
    let key = s(t, "key");
    let op = s(t, "operator");
    if !key.is_empty() {
        for m in super::names::is_qualified_name(key) {
            errs.push(invalid(&format!("{path}.key"), Go::str(key), &m));
        }
    }
    match op {
        "" | "Equal" => {
            if key.is_empty() {
                errs.push(invalid(
                    &format!("{path}.operator"),
                    Go::str(op),
                    "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
                ));
            }
        }
        "Exists" => {
            if !s(t, "value").is_empty() {
                errs.push(invalid(
                    &format!("{path}.operator"),
                    Go::Raw(format!("{t}")),
                    "value must be empty when `operator` is 'Exists'",
                ));
            }
        }
        other => errs.push(not_supported(
            &format!("{path}.operator"),
            Go::str(other),
            &["Equal", "Exists"],
        )),
    }
    let effect = s(t, "effect");
    const EFFECTS: &[&str] = &["NoSchedule", "PreferNoSchedule", "NoExecute"];
    if !effect.is_empty() && !EFFECTS.contains(&effect) {
        errs.push(not_supported(
            &format!("{path}.effect"),
            Go::str(effect),
            EFFECTS,
        ));
    }
    if t.get("tolerationSeconds").is_some_and(|v| !v.is_null()) && effect != "NoExecute" {
        errs.push(invalid(
            &format!("{path}.effect"),
            Go::str(effect),
            "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ));
    }
}

/// Volumes: names, duplicates and the required reference of each common source. Returns the
/// volume names for the volumeMounts check.
fn volumes(errs: &mut Vec<Cause>, spec: &Value, path: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (i, v) in arr(spec, "volumes").iter().enumerate() {
        let p = format!("{path}[{i}]");
        let name = s(v, "name");
        if name.is_empty() {
            errs.push(required(&format!("{p}.name"), ""));
        } else {
            for m in is_dns1123_label(name) {
                errs.push(invalid(&format!("{p}.name"), Go::str(name), &m));
            }
        }
        if !names.insert(name.to_string()) {
            errs.push(duplicate(&format!("{p}.name"), Go::str(name)));
        }
        // In the Go struct's field order, which decides which one is reported as extra.
        let sources: Vec<&str> = VOLUME_SOURCES
            .iter()
            .copied()
            .filter(|k| v.get(*k).is_some_and(|x| !x.is_null()))
            .collect();
        if sources.is_empty() {
            errs.push(required(&p, "must specify a volume type"));
        } else if sources.len() > 1 {
            errs.push(forbidden(
                &format!("{p}.{}", sources[1]),
                "may not specify more than 1 volume type",
            ));
        }
        for (source, key) in [
            ("configMap", "name"),
            ("secret", "secretName"),
            ("persistentVolumeClaim", "claimName"),
            ("hostPath", "path"),
            ("nfs", "path"),
        ] {
            if let Some(src) = v.get(source).filter(|x| x.is_object())
                && s(src, key).is_empty()
            {
                errs.push(required(&format!("{p}.{source}.{key}"), ""));
            }
        }
    }
    names
}

/// Container checks shared by regular and init containers, in upstream's order
/// (`validateContainerCommon`, then lifecycle/probes).
fn container(errs: &mut Vec<Cause>, c: &Value, path: &str, volumes: &BTreeSet<String>) {
    let name = s(c, "name");
    if name.is_empty() {
        errs.push(required(&format!("{path}.name"), ""));
    } else {
        for m in is_dns1123_label(name) {
            errs.push(invalid(&format!("{path}.name"), Go::str(name), &m));
        }
    }
    if s(c, "image").is_empty() {
        errs.push(required(&format!("{path}.image"), ""));
    }
    let policy = s(c, "terminationMessagePolicy");
    const TMP: &[&str] = &["File", "FallbackToLogsOnError"];
    if policy.is_empty() {
        errs.push(required(&format!("{path}.terminationMessagePolicy"), ""));
    } else if !TMP.contains(&policy) {
        errs.push(not_supported(
            &format!("{path}.terminationMessagePolicy"),
            Go::str(policy),
            TMP,
        ));
    }
    ports(errs, arr(c, "ports"), &format!("{path}.ports"));
    for (i, e) in arr(c, "env").iter().enumerate() {
        let p = format!("{path}.env[{i}].name");
        let n = s(e, "name");
        if n.is_empty() {
            errs.push(required(&p, ""));
        } else {
            for m in is_env_var_name(n) {
                errs.push(invalid(&p, Go::str(n), &m));
            }
        }
        if let Some(vf) = e.get("valueFrom").filter(|v| !v.is_null()) {
            let vp = format!("{path}.env[{i}].valueFrom");
            let sources = [
                "fieldRef",
                "resourceFieldRef",
                "configMapKeyRef",
                "secretKeyRef",
            ]
            .iter()
            .filter(|k| vf.get(**k).is_some_and(|x| !x.is_null()))
            .count();
            if sources == 0 {
                errs.push(invalid(
                    &vp,
                    Go::str(""),
                    "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or \
                     `secretKeyRef`",
                ));
            } else if sources > 1 {
                errs.push(invalid(
                    &vp,
                    Go::str(""),
                    "may not have more than one field specified at a time",
                ));
            } else if !s(e, "value").is_empty() {
                errs.push(invalid(
                    &vp,
                    Go::str(""),
                    "may not be specified when `value` is not empty",
                ));
            }
        }
    }
    let mut mount_paths = BTreeSet::new();
    for (i, m) in arr(c, "volumeMounts").iter().enumerate() {
        let p = format!("{path}.volumeMounts[{i}]");
        let n = s(m, "name");
        if n.is_empty() {
            errs.push(required(&format!("{p}.name"), ""));
        } else if !volumes.contains(n) {
            errs.push(not_found(&format!("{p}.name"), Go::str(n)));
        }
        let mp = s(m, "mountPath");
        if mp.is_empty() {
            errs.push(required(&format!("{p}.mountPath"), ""));
        } else if !mount_paths.insert(mp.to_string()) {
            errs.push(invalid(
                &format!("{p}.mountPath"),
                Go::str(mp),
                "must be unique",
            ));
        }
    }
    let pull = s(c, "imagePullPolicy");
    const PULL: &[&str] = &["Always", "IfNotPresent", "Never"];
    if pull.is_empty() {
        errs.push(required(&format!("{path}.imagePullPolicy"), ""));
    } else if !PULL.contains(&pull) {
        errs.push(not_supported(
            &format!("{path}.imagePullPolicy"),
            Go::str(pull),
            PULL,
        ));
    }
    resources(errs, c.get("resources"), &format!("{path}.resources"));
    for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(p) = c.get(probe).filter(|p| p.is_object()) {
            self::probe(
                errs,
                p,
                &format!("{path}.{probe}"),
                probe != "readinessProbe",
            );
        }
    }
}

fn probe(errs: &mut Vec<Cause>, p: &Value, path: &str, success_must_be_one: bool) {
    let handlers = ["exec", "httpGet", "tcpSocket", "grpc"]
        .iter()
        .filter(|h| p.get(**h).is_some_and(|x| !x.is_null()))
        .count();
    if handlers == 0 {
        errs.push(required(path, "must specify a handler type"));
    } else if handlers > 1 {
        errs.push(forbidden(path, "may not specify more than 1 handler type"));
    }
    for k in [
        "initialDelaySeconds",
        "timeoutSeconds",
        "periodSeconds",
        "successThreshold",
        "failureThreshold",
    ] {
        super::field::nonnegative(errs, p, k, &format!("{path}.{k}"));
    }
    if success_must_be_one
        && let Some(n) = p
            .get("successThreshold")
            .and_then(Value::as_i64)
            .filter(|n| *n != 1)
    {
        errs.push(invalid(
            &format!("{path}.successThreshold"),
            Go::Int(n),
            "must be 1",
        ));
    }
}

/// Pod-only container check (templates may keep whitespace around images).
pub(crate) fn pod_only(errs: &mut Vec<Cause>, spec: &Value) {
    for key in ["containers", "initContainers"] {
        for (i, c) in arr(spec, key).iter().enumerate() {
            let image = s(c, "image");
            if image.trim() != image {
                errs.push(invalid(
                    &format!("spec.{key}[{i}].image"),
                    Go::str(image),
                    "must not have leading or trailing whitespace",
                ));
            }
        }
    }
}

fn ports(errs: &mut Vec<Cause>, ports: &[Value], path: &str) {
    let mut names = BTreeSet::new();
    for (i, p) in ports.iter().enumerate() {
        let pp = format!("{path}[{i}]");
        let name = s(p, "name");
        if !name.is_empty() {
            let msgs = is_valid_port_name(name);
            if !msgs.is_empty() {
                for m in msgs {
                    errs.push(invalid(&format!("{pp}.name"), Go::str(name), &m));
                }
            } else if !names.insert(name.to_string()) {
                errs.push(duplicate(&format!("{pp}.name"), Go::str(name)));
            }
        }
        let cp = p.get("containerPort").and_then(Value::as_i64).unwrap_or(0);
        if cp == 0 {
            errs.push(required(&format!("{pp}.containerPort"), ""));
        } else {
            for m in is_valid_port_num(cp) {
                errs.push(invalid(&format!("{pp}.containerPort"), Go::Int(cp), &m));
            }
        }
        if let Some(hp) = p
            .get("hostPort")
            .and_then(Value::as_i64)
            .filter(|h| *h != 0)
        {
            for m in is_valid_port_num(hp) {
                errs.push(invalid(&format!("{pp}.hostPort"), Go::Int(hp), &m));
            }
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
    }
}

/// Requests may not exceed limits; quantities must parse.
fn resources(errs: &mut Vec<Cause>, res: Option<&Value>, path: &str) {
    let Some(res) = res else { return };
    let limits = res.get("limits").and_then(Value::as_object);
    for which in ["limits", "requests"] {
        let Some(m) = res.get(which).and_then(Value::as_object) else {
            continue;
        };
        for (k, v) in m {
            let shown = v
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| v.to_string());
            match quantity(v) {
                None => errs.push(invalid(
                    &format!("{path}.{which}[{k}]"),
                    Go::Str(shown),
                    "quantities must match the regular expression \
                     '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
                )),
                Some(q) if q < 0.0 => errs.push(invalid(
                    &format!("{path}.{which}[{k}]"),
                    Go::Str(shown),
                    "must be greater than or equal to 0",
                )),
                Some(q) if which == "requests" => {
                    if let Some(l) = limits.and_then(|l| l.get(k))
                        && quantity(l).is_some_and(|lq| q > lq)
                    {
                        let lshown = l
                            .as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| l.to_string());
                        errs.push(invalid(
                            &format!("{path}.requests"),
                            Go::Str(shown),
                            &format!("must be less than or equal to {k} limit of {lshown}"),
                        ));
                    }
                }
                Some(_) => {}
            }
        }
    }
}

fn quantity(v: &Value) -> Option<f64> {
    if let Some(n) = v.as_f64() {
        return Some(n);
    }
    let s = v.as_str()?;
    let split = s.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(s.len());
    let (num, suffix) = s.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mult = match suffix {
        "" => 1.0,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024.0,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        _ if suffix.starts_with(['e', 'E']) => 10f64.powi(suffix[1..].parse().ok()?),
        _ => return None,
    };
    Some(n * mult)
}

/// The fields a pod update may change, as listed in the apiserver's Forbidden message.
const UPDATABLE: &str = "`spec.containers[*].image`,`spec.initContainers[*].image`,\
`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),\
`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

/// `ValidatePodUpdate`'s spec rules.
pub(crate) fn pod_update(errs: &mut Vec<Cause>, new: &Value, old: &Value) {
    let ns = new.get("spec").unwrap_or(&Value::Null);
    let os = old.get("spec").unwrap_or(&Value::Null);
    for key in ["containers", "initContainers"] {
        let (nc, oc) = (arr(ns, key), arr(os, key));
        if nc.len() != oc.len() {
            errs.push(forbidden(
                &format!("spec.{key}"),
                "pod updates may not add or remove containers",
            ));
            return;
        }
    }
    let nads = ns.get("activeDeadlineSeconds").and_then(Value::as_i64);
    let oads = os.get("activeDeadlineSeconds").and_then(Value::as_i64);
    match (nads, oads) {
        (Some(n), _) if !(0..=i32::MAX as i64).contains(&n) => {
            errs.push(invalid(
                "spec.activeDeadlineSeconds",
                Go::Int(n),
                "must be between 0 and 2147483647, inclusive",
            ));
            return;
        }
        (Some(n), Some(o)) if o < n => {
            errs.push(invalid(
                "spec.activeDeadlineSeconds",
                Go::Int(n),
                "must be less than or equal to previous value",
            ));
            return;
        }
        (None, Some(_)) => errs.push(invalid(
            "spec.activeDeadlineSeconds",
            Go::Raw("null".into()),
            "must not update from a positive integer to nil value",
        )),
        _ => {}
    }
    let new_tols = arr(ns, "tolerations");
    for old_t in arr(os, "tolerations") {
        let kept = new_tols.iter().any(|t| same_toleration(t, old_t));
        if !kept {
            errs.push(forbidden(
                "spec.tolerations",
                "existing toleration can not be modified except its tolerationSeconds",
            ));
            break;
        }
    }
    if ns == os {
        return;
    }
    // What remains after the allowed changes are undone must equal the old spec.
    let mut munged = ns.clone();
    if let Some(m) = munged.as_object_mut() {
        for key in ["containers", "initContainers"] {
            if let Some(cs) = m.get_mut(key).and_then(Value::as_array_mut) {
                for (c, o) in cs.iter_mut().zip(arr(os, key)) {
                    if let (Some(c), Some(img)) = (c.as_object_mut(), o.get("image")) {
                        c.insert("image".into(), img.clone());
                    }
                }
            }
        }
        for key in ["activeDeadlineSeconds", "tolerations", "schedulingGates"] {
            match os.get(key) {
                Some(v) => m.insert(key.into(), v.clone()),
                None => m.remove(key),
            };
        }
        let old_grace = os
            .get("terminationGracePeriodSeconds")
            .and_then(Value::as_i64);
        let new_grace = ns
            .get("terminationGracePeriodSeconds")
            .and_then(Value::as_i64);
        if old_grace.is_some_and(|g| g < 0) && new_grace == Some(1) {
            m.insert(
                "terminationGracePeriodSeconds".into(),
                os["terminationGracePeriodSeconds"].clone(),
            );
        }
    }
    if &munged != os {
        let detail = format!(
            "pod updates may not change fields other than {UPDATABLE}\n{}",
            super::field::spec_diff("core.PodSpec", os, &munged)
        );
        errs.push(forbidden("spec", &detail));
    }
}

fn same_toleration(a: &Value, b: &Value) -> bool {
    ["key", "operator", "value", "effect"].iter().all(|k| {
        let norm = |v: &Value| match (*k, s(v, k)) {
            ("operator", "") => "Equal".to_string(),
            (_, x) => x.to_string(),
        };
        norm(a) == norm(b)
    })
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

    fn defaulted_spec(containers: Value) -> Value {
        json!({"containers": containers, "restartPolicy": "Always", "dnsPolicy": "ClusterFirst"})
    }

    #[test]
    fn containers_required() {
        let mut errs = Vec::new();
        pod_spec(&mut errs, &defaulted_spec(json!([])), "spec");
        assert_eq!(msgs(&errs), vec!["spec.containers: Required value"]);
    }

    #[test]
    fn container_name_image_ports() {
        let mut errs = Vec::new();
        let spec = defaulted_spec(json!([
            {"name": "", "image": "", "imagePullPolicy": "Always", "terminationMessagePolicy": "File",
             "ports": [{"containerPort": 70000, "protocol": "TCP"},
                       {"containerPort": 80, "protocol": "HTTP", "name": "web"},
                       {"containerPort": 81, "protocol": "TCP", "name": "web"}]},
            {"name": "Bad_Name", "image": "x", "imagePullPolicy": "Sometimes", "terminationMessagePolicy": "File",
             "volumeMounts": [{"name": "data", "mountPath": "/d"}]}
        ]));
        pod_spec(&mut errs, &spec, "spec");
        let m = msgs(&errs);
        assert_eq!(m[0], "spec.containers[0].name: Required value");
        assert_eq!(m[1], "spec.containers[0].image: Required value");
        assert_eq!(
            m[2],
            "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 \
             and 65535, inclusive"
        );
        assert_eq!(
            m[3],
            "spec.containers[0].ports[1].protocol: Unsupported value: \"HTTP\": supported values: \
             \"SCTP\", \"TCP\", \"UDP\""
        );
        assert_eq!(
            m[4],
            "spec.containers[0].ports[2].name: Duplicate value: \"web\""
        );
        assert!(m[5].starts_with(
            "spec.containers[1].name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 label"
        ));
        assert_eq!(
            m[6],
            "spec.containers[1].volumeMounts[0].name: Not found: \"data\""
        );
        assert_eq!(
            m[7],
            "spec.containers[1].imagePullPolicy: Unsupported value: \"Sometimes\": supported \
             values: \"Always\", \"IfNotPresent\", \"Never\""
        );
        assert_eq!(m.len(), 8, "{m:?}");
    }

    #[test]
    fn env_value_from_and_dns_none() {
        let mut errs = Vec::new();
        let spec = json!({"restartPolicy": "Always", "dnsPolicy": "None",
            "containers": [{"name": "c", "image": "i", "imagePullPolicy": "Always",
                "terminationMessagePolicy": "File",
                "env": [{"name": "A", "value": "x", "valueFrom": {"fieldRef":
                    {"fieldPath": "metadata.name"}}}, {"name": "B", "valueFrom": {}}]}]});
        pod_spec(&mut errs, &spec, "spec");
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not be specified \
                 when `value` is not empty",
                "spec.containers[0].env[1].valueFrom: Invalid value: \"\": must specify one of: \
                 `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
                "spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None",
            ]
        );
    }

    #[test]
    fn restart_policy_and_resources() {
        let mut errs = Vec::new();
        let spec = json!({"restartPolicy": "Sometimes", "dnsPolicy": "ClusterFirst",
            "containers": [{"name": "c", "image": "i", "imagePullPolicy": "Always", "terminationMessagePolicy": "File",
                "resources": {"limits": {"cpu": "1"}, "requests": {"cpu": "2"}}}]});
        pod_spec(&mut errs, &spec, "spec");
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.containers[0].resources.requests: Invalid value: \"2\": must be less than \
                 or equal to cpu limit of 1",
                "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \
                 \"Always\", \"OnFailure\", \"Never\"",
            ]
        );
    }

    #[test]
    fn pod_update_rules() {
        let old = json!({"spec": {"containers": [{"name": "c", "image": "nginx:1",
            "ports": [{"containerPort": 80}]}], "tolerations": [{"key": "a", "operator": "Exists"}]}});
        let mut image_only = old.clone();
        image_only["spec"]["containers"][0]["image"] = json!("nginx:2");
        image_only["spec"]["tolerations"]
            .as_array_mut()
            .unwrap()
            .push(json!({"key": "b", "operator": "Exists"}));
        let mut errs = Vec::new();
        pod_update(&mut errs, &image_only, &old);
        assert!(errs.is_empty(), "{errs:?}");

        let mut port = old.clone();
        port["spec"]["containers"][0]["ports"][0]["containerPort"] = json!(81);
        let mut errs = Vec::new();
        pod_update(&mut errs, &port, &old);
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].field, "spec");
        assert_eq!(errs[0].reason, "FieldValueForbidden");
        let first_line = errs[0].message.lines().next().unwrap();
        assert_eq!(
            first_line,
            "Forbidden: pod updates may not change fields other than `spec.containers[*].image`,\
             `spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only \
             additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to \
             be set to 1 if it was previously negative)"
        );

        let mut more = old.clone();
        more["spec"]["containers"]
            .as_array_mut()
            .unwrap()
            .push(json!({"name": "d", "image": "x"}));
        let mut errs = Vec::new();
        pod_update(&mut errs, &more, &old);
        assert_eq!(
            msgs(&errs),
            vec!["spec.containers: Forbidden: pod updates may not add or remove containers"]
        );

        let mut removed = old.clone();
        removed["spec"]["tolerations"] = json!([]);
        let mut errs = Vec::new();
        pod_update(&mut errs, &removed, &old);
        assert_eq!(
            msgs(&errs),
            vec![
                "spec.tolerations: Forbidden: existing toleration can not be modified except its \
                  tolerationSeconds"
            ]
        );
    }
}
