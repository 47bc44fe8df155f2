//! Pods, and the pieces of a pod spec other describers reuse: containers (image, ports,
//! state, resources, probes, environment, mounts), volumes, tolerations and the Pod
//! Template block of workload describers.

use serde_json::Value;

use super::{
    PrefixWriter, Related, annotations, at, controlled_by, int_at, labels, rfc1123z, str_at,
    string_map,
};

/// Write a Pod's report (without events).
pub fn describe(w: &mut PrefixWriter, pod: &Value, _related: &Related) {
    let spec = pod.get("spec").unwrap_or(&Value::Null);
    let status = pod.get("status").unwrap_or(&Value::Null);
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(pod, &["metadata", "name"])),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", str_at(pod, &["metadata", "namespace"])),
    );
    if let Some(p) = spec.get("priority").and_then(Value::as_i64) {
        w.write(0, &format!("Priority:\t{p}\n"));
    }
    let pc = str_at(spec, &["priorityClassName"]);
    if !pc.is_empty() {
        w.write(0, &format!("Priority Class Name:\t{pc}\n"));
    }
    let rc = str_at(spec, &["runtimeClassName"]);
    if !rc.is_empty() {
        w.write(0, &format!("Runtime Class Name:\t{rc}\n"));
    }
    let sa = str_at(spec, &["serviceAccountName"]);
    if !sa.is_empty() {
        w.write(0, &format!("Service Account:\t{sa}\n"));
    }
    let node = str_at(spec, &["nodeName"]);
    if node.is_empty() {
        w.write(0, "Node:\t<none>\n");
    } else {
        w.write(
            0,
            &format!("Node:\t{node}/{}\n", str_at(status, &["hostIP"])),
        );
    }
    let start = str_at(status, &["startTime"]);
    if !start.is_empty() {
        w.write(0, &format!("Start Time:\t{}\n", rfc1123z(start)));
    }
    labels(
        w,
        0,
        "Labels",
        &string_map(at(pod, &["metadata", "labels"])),
    );
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(pod, &["metadata", "annotations"])),
    );
    let deleted = str_at(pod, &["metadata", "deletionTimestamp"]);
    if deleted.is_empty() {
        w.write(0, &format!("Status:\t{}\n", str_at(status, &["phase"])));
    } else {
        w.write(
            0,
            &format!("Status:\tTerminating (lasts {})\n", lasts(deleted)),
        );
        w.write(
            0,
            &format!(
                "Termination Grace Period:\t{}s\n",
                int_at(pod, &["metadata", "deletionGracePeriodSeconds"])
            ),
        );
    }
    for key in ["reason", "message"] {
        let v = str_at(status, &[key]);
        if !v.is_empty() {
            let title = if key == "reason" { "Reason" } else { "Message" };
            w.write(0, &format!("{title}:\t{v}\n"));
        }
    }
    w.write(0, &format!("IP:\t{}\n", str_at(status, &["podIP"])));
    let ips = list(status, "podIPs");
    if ips.is_empty() {
        w.write(0, "IPs:\t<none>\n");
    } else {
        w.write(0, "IPs:\n");
        for ip in ips {
            w.write(1, &format!("IP:\t{}\n", str_at(ip, &["ip"])));
        }
    }
    if let Some(c) = controlled_by(pod) {
        w.write(0, &format!("Controlled By:\t{c}\n"));
    }
    let nominated = str_at(status, &["nominatedNodeName"]);
    if !nominated.is_empty() {
        w.write(0, &format!("NominatedNodeName:\t{nominated}\n"));
    }
    let statuses = |key: &str| list(status, key);
    if !list(spec, "initContainers").is_empty() {
        containers(
            w,
            "Init Containers",
            list(spec, "initContainers"),
            Some(statuses("initContainerStatuses")),
            Some(pod),
            "",
        );
    }
    containers(
        w,
        "Containers",
        list(spec, "containers"),
        Some(statuses("containerStatuses")),
        Some(pod),
        "",
    );
    let gates = list(spec, "readinessGates");
    if !gates.is_empty() {
        w.write(0, "Readiness Gates:\n  Type\tStatus\n");
        for g in gates {
            let ty = str_at(g, &["conditionType"]);
            let st = list(status, "conditions")
                .into_iter()
                .find(|c| str_at(c, &["type"]) == ty)
                .map_or("<none>", |c| str_at(c, &["status"]));
            w.write(1, &format!("{ty} \t{st} \n"));
        }
    }
    let conditions = list(status, "conditions");
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\n");
        for c in conditions {
            w.write(
                1,
                &format!("{} \t{} \n", str_at(c, &["type"]), str_at(c, &["status"])),
            );
        }
    }
    volumes(w, list(spec, "volumes"), "");
    w.write(
        0,
        &format!("QoS Class:\t{}\n", str_at(status, &["qosClass"])),
    );
    labels(
        w,
        0,
        "Node-Selectors",
        &string_map(spec.get("nodeSelector")),
    );
    tolerations(w, 0, list(spec, "tolerations"));
}

/// `Terminating (lasts 5s)`: time since the deletion timestamp, in HumanDuration.
fn lasts(ts: &str) -> String {
    crate::printers::humanize::translate_timestamp_since(Some(ts), chrono::Utc::now())
}

/// The array at `key` (empty when missing).
pub fn list<'a>(v: &'a Value, key: &str) -> Vec<&'a Value> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

/// kubectl's `DescribePodTemplate` (the `Pod Template:` block of workloads).
pub fn template(w: &mut PrefixWriter, tpl: Option<&Value>) {
    w.write(0, "Pod Template:\n");
    let Some(tpl) = tpl else {
        w.write(1, "<unset>");
        return;
    };
    let spec = tpl.get("spec").unwrap_or(&Value::Null);
    labels(
        w,
        1,
        "Labels",
        &string_map(at(tpl, &["metadata", "labels"])),
    );
    let ann = string_map(at(tpl, &["metadata", "annotations"]));
    if !ann.is_empty() {
        annotations(w, 1, "Annotations", &ann);
    }
    let sa = str_at(spec, &["serviceAccountName"]);
    if !sa.is_empty() {
        w.write(1, &format!("Service Account:\t{sa}\n"));
    }
    if !list(spec, "initContainers").is_empty() {
        containers(
            w,
            "Init Containers",
            list(spec, "initContainers"),
            None,
            None,
            "  ",
        );
    }
    containers(w, "Containers", list(spec, "containers"), None, None, "  ");
    volumes(w, list(spec, "volumes"), "  ");
    labels(
        w,
        1,
        "Node-Selectors",
        &string_map(spec.get("nodeSelector")),
    );
    tolerations(w, 1, list(spec, "tolerations"));
}

/// kubectl's `describeContainers`. `space` is `"  "` inside a pod template.
fn containers(
    w: &mut PrefixWriter,
    label: &str,
    list_: Vec<&Value>,
    statuses: Option<Vec<&Value>>,
    pod: Option<&Value>,
    space: &str,
) {
    w.write(0, &format!("{space}{label}:\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for c in list_ {
        let name = str_at(c, &["name"]);
        let st = statuses
            .as_ref()
            .and_then(|s| s.iter().find(|s| str_at(s, &["name"]) == name).copied());
        w.write(1, &format!("{name_indent}{name}:\n"));
        if let Some(st) = st {
            w.write(
                2,
                &format!("Container ID:\t{}\n", str_at(st, &["containerID"])),
            );
        }
        w.write(2, &format!("Image:\t{}\n", str_at(c, &["image"])));
        if let Some(st) = st {
            w.write(2, &format!("Image ID:\t{}\n", str_at(st, &["imageID"])));
        }
        let ports = list(c, "ports");
        let port_str = join_ports(&ports, "containerPort");
        let key = if port_str.contains(',') {
            "Ports"
        } else {
            "Port"
        };
        w.write(2, &format!("{key}:\t{port_str}\n"));
        let host_str = join_ports(&ports, "hostPort");
        let key = if host_str.contains(',') {
            "Host Ports"
        } else {
            "Host Port"
        };
        w.write(2, &format!("{key}:\t{host_str}\n"));
        for (key, title) in [("command", "Command"), ("args", "Args")] {
            let items = list(c, key);
            if !items.is_empty() {
                w.write(2, &format!("{title}:\n"));
                for item in items {
                    for l in item.as_str().unwrap_or_default().split('\n') {
                        w.write(3, &format!("{l}\n"));
                    }
                }
            }
        }
        if let Some(st) = st {
            state(w, "State", st.get("state"));
            if at(st, &["lastState", "terminated"]).is_some() {
                state(w, "Last State", st.get("lastState"));
            }
            let ready = st.get("ready").and_then(Value::as_bool) == Some(true);
            w.write(
                2,
                &format!("Ready:\t{}\n", if ready { "True" } else { "False" }),
            );
            w.write(
                2,
                &format!("Restart Count:\t{}\n", int_at(st, &["restartCount"])),
            );
        }
        resources(w, c.get("resources"));
        for (key, title) in [
            ("livenessProbe", "Liveness"),
            ("readinessProbe", "Readiness"),
            ("startupProbe", "Startup"),
        ] {
            if let Some(p) = c.get(key) {
                w.write(2, &format!("{title}:\t{}\n", probe(p)));
            }
        }
        env_from(w, list(c, "envFrom"));
        env(w, c, pod);
        mounts(w, list(c, "volumeMounts"));
    }
}

fn join_ports(ports: &[&Value], key: &str) -> String {
    if ports.is_empty() {
        return "<none>".into();
    }
    ports
        .iter()
        .map(|p| {
            let proto = str_at(p, &["protocol"]);
            let proto = if proto.is_empty() { "TCP" } else { proto };
            format!("{}/{proto}", int_at(p, &[key]))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn state(w: &mut PrefixWriter, title: &str, s: Option<&Value>) {
    let s = s.unwrap_or(&Value::Null);
    if let Some(r) = s.get("running") {
        w.write(2, &format!("{title}:\tRunning\n"));
        w.write(
            3,
            &format!("Started:\t{}\n", rfc1123z(str_at(r, &["startedAt"]))),
        );
    } else if let Some(wt) = s.get("waiting") {
        w.write(2, &format!("{title}:\tWaiting\n"));
        let reason = str_at(wt, &["reason"]);
        if !reason.is_empty() {
            w.write(3, &format!("Reason:\t{reason}\n"));
        }
    } else if let Some(t) = s.get("terminated") {
        w.write(2, &format!("{title}:\tTerminated\n"));
        for (k, tl) in [("reason", "Reason"), ("message", "Message")] {
            let v = str_at(t, &[k]);
            if !v.is_empty() {
                w.write(3, &format!("{tl}:\t{v}\n"));
            }
        }
        w.write(3, &format!("Exit Code:\t{}\n", int_at(t, &["exitCode"])));
        let sig = int_at(t, &["signal"]);
        if sig > 0 {
            w.write(3, &format!("Signal:\t{sig}\n"));
        }
        w.write(
            3,
            &format!("Started:\t{}\n", rfc1123z(str_at(t, &["startedAt"]))),
        );
        w.write(
            3,
            &format!("Finished:\t{}\n", rfc1123z(str_at(t, &["finishedAt"]))),
        );
    } else {
        w.write(2, &format!("{title}:\tWaiting\n"));
    }
}

fn resources(w: &mut PrefixWriter, r: Option<&Value>) {
    let Some(r) = r else { return };
    for (key, title) in [("limits", "Limits"), ("requests", "Requests")] {
        let m = string_map(r.get(key));
        if !m.is_empty() {
            w.write(2, &format!("{title}:\n"));
        }
        for (name, q) in m {
            w.write(3, &format!("{name}:\t{q}\n"));
        }
    }
}

/// kubectl's `DescribeProbe`: the handler, then its timing attributes.
fn probe(p: &Value) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        int_at(p, &["initialDelaySeconds"]),
        int_at(p, &["timeoutSeconds"]),
        int_at(p, &["periodSeconds"]),
        int_at(p, &["successThreshold"]),
        int_at(p, &["failureThreshold"])
    );
    let port = |v: Option<&Value>| match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    if let Some(e) = p.get("exec") {
        let cmd: Vec<&str> = list(e, "command")
            .into_iter()
            .filter_map(Value::as_str)
            .collect();
        format!("exec [{}] {attrs}", cmd.join(" "))
    } else if let Some(h) = p.get("httpGet") {
        let scheme = str_at(h, &["scheme"]).to_lowercase();
        let scheme = if scheme.is_empty() {
            "http".into()
        } else {
            scheme
        };
        let host = str_at(h, &["host"]);
        let port = port(h.get("port"));
        let host_port = if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        };
        format!(
            "http-get {scheme}://{host_port}{} {attrs}",
            str_at(h, &["path"])
        )
    } else if let Some(t) = p.get("tcpSocket") {
        format!(
            "tcp-socket {}:{} {attrs}",
            str_at(t, &["host"]),
            port(t.get("port"))
        )
    } else if let Some(g) = p.get("grpc") {
        format!(
            "grpc <pod>:{} {} {attrs}",
            int_at(g, &["port"]),
            str_at(g, &["service"])
        )
    } else {
        format!("unknown {attrs}")
    }
}

fn env_from(w: &mut PrefixWriter, sources: Vec<&Value>) {
    if sources.is_empty() {
        return;
    }
    w.write(2, "Environment Variables from:\n");
    for s in sources {
        let (kind, r) = match (s.get("configMapRef"), s.get("secretRef")) {
            (Some(r), _) => ("ConfigMap", r),
            (_, Some(r)) => ("Secret", r),
            _ => continue,
        };
        let optional = r.get("optional").and_then(Value::as_bool).unwrap_or(false);
        let prefix = str_at(s, &["prefix"]);
        if prefix.is_empty() {
            w.write(
                3,
                &format!("{}\t{kind}\tOptional: {optional}\n", str_at(r, &["name"])),
            );
        } else {
            w.write(
                3,
                &format!(
                    "{}\t{kind} with prefix '{prefix}'\tOptional: {optional}\n",
                    str_at(r, &["name"])
                ),
            );
        }
    }
}

fn env(w: &mut PrefixWriter, container: &Value, pod: Option<&Value>) {
    let vars = list(container, "env");
    if vars.is_empty() {
        w.write(2, "Environment:\t<none>\n");
        return;
    }
    w.write(2, "Environment:\n");
    for e in vars {
        let name = str_at(e, &["name"]);
        let Some(from) = e.get("valueFrom") else {
            for (i, l) in str_at(e, &["value"]).split('\n').enumerate() {
                if i == 0 {
                    w.write(3, &format!("{name}:\t{l}\n"));
                } else {
                    w.write(3, &format!("\t{l}\n"));
                }
            }
            continue;
        };
        let optional = |r: &Value| r.get("optional").and_then(Value::as_bool).unwrap_or(false);
        if let Some(f) = from.get("fieldRef") {
            let path = str_at(f, &["fieldPath"]);
            let value = pod.map(|p| field_value(p, path)).unwrap_or_default();
            w.write(
                3,
                &format!("{name}:\t{value} ({}:{path})\n", str_at(f, &["apiVersion"])),
            );
        } else if let Some(r) = from.get("resourceFieldRef") {
            let value = if pod.is_some() {
                resource_value(container, r)
            } else {
                String::new()
            };
            w.write(
                3,
                &format!("{name}:\t{value} ({})\n", str_at(r, &["resource"])),
            );
        } else if let Some(r) = from.get("secretKeyRef") {
            w.write(
                3,
                &format!(
                    "{name}:\t<set to the key '{}' in secret '{}'>\tOptional: {}\n",
                    str_at(r, &["key"]),
                    str_at(r, &["name"]),
                    optional(r)
                ),
            );
        } else if let Some(r) = from.get("configMapKeyRef") {
            w.write(
                3,
                &format!(
                    "{name}:\t<set to the key '{}' of config map '{}'>\tOptional: {}\n",
                    str_at(r, &["key"]),
                    str_at(r, &["name"]),
                    optional(r)
                ),
            );
        }
    }
}

/// A `resourceFieldRef` resolved against the container, as kubectl does: CPU in whole
/// divisor units rounded up, other resources in bytes over the divisor, rounded up.
fn resource_value(container: &Value, r: &Value) -> String {
    use super::quantity::Quantity;
    let res = str_at(r, &["resource"]);
    let Some((which, name)) = res.split_once('.') else {
        return String::new();
    };
    let which = if which == "limits" {
        "limits"
    } else {
        "requests"
    };
    let q = at(container, &["resources", which, name])
        .and_then(Value::as_str)
        .and_then(Quantity::parse)
        .unwrap_or_default();
    let divisor = match r.get("divisor") {
        Some(Value::String(d)) => Quantity::parse(d),
        Some(Value::Number(n)) => Quantity::parse(&n.to_string()),
        _ => None,
    }
    .filter(|d| d.milli != 0)
    .unwrap_or(Quantity {
        milli: 1000,
        binary: false,
    });
    let v = if name == "cpu" {
        (q.milli as f64 / divisor.milli as f64).ceil()
    } else {
        (q.value() as f64 / divisor.value().max(1) as f64).ceil()
    };
    format!("{}", v as i64)
}

/// A downward-API field path resolved the way kubectl's describe does
/// (`fieldpath.ExtractFieldPathAsString`): only metadata fields; others print empty.
fn field_value(pod: &Value, path: &str) -> String {
    let meta = |k: &str| str_at(pod, &["metadata", k]).to_string();
    match path {
        "metadata.name" => meta("name"),
        "metadata.namespace" => meta("namespace"),
        "metadata.uid" => meta("uid"),
        _ => {
            // metadata.labels['k'] / metadata.annotations['k']
            for (prefix, key) in [
                ("metadata.labels['", "labels"),
                ("metadata.annotations['", "annotations"),
            ] {
                if let Some(k) = path.strip_prefix(prefix).and_then(|r| r.strip_suffix("']")) {
                    return str_at(pod, &["metadata", key, k]).to_string();
                }
            }
            String::new()
        }
    }
}

fn mounts(w: &mut PrefixWriter, mounts: Vec<&Value>) {
    if mounts.is_empty() {
        w.write(2, "Mounts:\t<none>\n");
        return;
    }
    w.write(2, "Mounts:\n");
    let mut sorted = mounts;
    sorted.sort_by_key(|m| str_at(m, &["mountPath"]));
    for m in sorted {
        let ro = m.get("readOnly").and_then(Value::as_bool) == Some(true);
        let mut flags = vec![if ro {
            "ro".to_string()
        } else {
            "rw".to_string()
        }];
        let sub = str_at(m, &["subPath"]);
        if !sub.is_empty() {
            flags.push(format!("path=\"{sub}\""));
        }
        w.write(
            3,
            &format!(
                "{} from {} ({})\n",
                str_at(m, &["mountPath"]),
                str_at(m, &["name"]),
                flags.join(",")
            ),
        );
    }
}

/// kubectl's `describeVolumes`.
fn volumes(w: &mut PrefixWriter, vols: Vec<&Value>, space: &str) {
    if vols.is_empty() {
        w.write(0, &format!("{space}Volumes:\t<none>\n"));
        return;
    }
    w.write(0, &format!("{space}Volumes:\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    let b = |v: &Value, k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
    for v in vols {
        w.write(1, &format!("{name_indent}{}:\n", str_at(v, &["name"])));
        if let Some(p) = v.get("projected") {
            w.write(
                2,
                "Type:\tProjected (a volume that contains injected data from multiple sources)\n",
            );
            for s in list(p, "sources") {
                if let Some(t) = s.get("serviceAccountToken") {
                    w.write(
                        2,
                        &format!(
                            "TokenExpirationSeconds:\t{}\n",
                            int_at(t, &["expirationSeconds"])
                        ),
                    );
                } else if let Some(c) = s.get("configMap") {
                    w.write(2, &format!("ConfigMapName:\t{}\n", str_at(c, &["name"])));
                    w.write(2, &format!("Optional:\t{}\n", b(c, "optional")));
                } else if let Some(c) = s.get("secret") {
                    w.write(2, &format!("SecretName:\t{}\n", str_at(c, &["name"])));
                    w.write(2, &format!("Optional:\t{}\n", b(c, "optional")));
                } else if s.get("downwardAPI").is_some() {
                    w.write(2, "DownwardAPI:\ttrue\n");
                }
            }
        } else if let Some(e) = v.get("emptyDir") {
            w.write(
                2,
                "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n",
            );
            w.write(2, &format!("Medium:\t{}\n", str_at(e, &["medium"])));
            let size = e
                .get("sizeLimit")
                .map(|s| s.as_str().map_or_else(|| s.to_string(), str::to_string))
                .unwrap_or_else(|| "<unset>".into());
            w.write(2, &format!("SizeLimit:\t{size}\n"));
        } else if let Some(c) = v.get("configMap") {
            w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n");
            w.write(2, &format!("Name:\t{}\n", str_at(c, &["name"])));
            w.write(2, &format!("Optional:\t{}\n", b(c, "optional")));
        } else if let Some(s) = v.get("secret") {
            w.write(2, "Type:\tSecret (a volume populated by a Secret)\n");
            w.write(2, &format!("SecretName:\t{}\n", str_at(s, &["secretName"])));
            w.write(2, &format!("Optional:\t{}\n", b(s, "optional")));
        } else if let Some(c) = v.get("persistentVolumeClaim") {
            w.write(
                2,
                "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n",
            );
            w.write(2, &format!("ClaimName:\t{}\n", str_at(c, &["claimName"])));
            w.write(2, &format!("ReadOnly:\t{}\n", b(c, "readOnly")));
        } else if let Some(h) = v.get("hostPath") {
            w.write(2, "Type:\tHostPath (bare host directory volume)\n");
            w.write(2, &format!("Path:\t{}\n", str_at(h, &["path"])));
            w.write(2, &format!("HostPathType:\t{}\n", str_at(h, &["type"])));
        } else {
            w.write(2, "<unknown>\n");
        }
    }
}

/// kubectl's `printTolerationsMultiline` at `level`.
fn tolerations(w: &mut PrefixWriter, level: usize, tols: Vec<&Value>) {
    w.write(level, "Tolerations:\t");
    if tols.is_empty() {
        w.line("<none>");
        return;
    }
    // kubectl prints them ordered by key.
    let mut tols = tols;
    tols.sort_by_key(|t| str_at(t, &["key"]));
    for (i, t) in tols.into_iter().enumerate() {
        if i > 0 {
            w.write(level, "\t");
        }
        let mut s = str_at(t, &["key"]).to_string();
        let value = str_at(t, &["value"]);
        if !value.is_empty() {
            s.push('=');
            s.push_str(value);
        }
        let effect = str_at(t, &["effect"]);
        if !effect.is_empty() {
            s.push(':');
            s.push_str(effect);
        }
        if str_at(t, &["operator"]) == "Exists" && value.is_empty() {
            // A bare `operator: Exists` tolerates everything and prints without a space.
            if s.is_empty() {
                s.push_str("op=Exists");
            } else {
                s.push_str(" op=Exists");
            }
        }
        if let Some(secs) = t.get("tolerationSeconds").and_then(Value::as_i64) {
            s.push_str(&format!(" for {secs}s"));
        }
        w.line(&s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tolerations_sorted_and_bare_exists() {
        let t = [
            json!({"operator": "Exists"}),
            json!({"key": "b", "operator": "Equal", "value": "v", "effect": "NoSchedule"}),
            json!({"key": "a", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}),
        ];
        let mut w = PrefixWriter::new();
        tolerations(&mut w, 0, t.iter().collect());
        assert_eq!(
            w.finish(),
            "Tolerations:  op=Exists\n              a:NoExecute op=Exists for 300s\n              b=v:NoSchedule\n"
        );
    }

    #[test]
    fn probes() {
        let p = json!({"httpGet": {"path": "/healthz", "port": 80}, "timeoutSeconds": 1,
            "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3});
        assert_eq!(
            probe(&p),
            "http-get http://:80/healthz delay=0s timeout=1s period=10s #success=1 #failure=3"
        );
    }
}
