//! Services: type, IPs, every port with its target and endpoints (from the service's
//! EndpointSlices, at most three addresses then `+ N more...`), affinity and policies.

use serde_json::Value;

use super::pod::list;
use super::{
    PrefixWriter, Related, annotations, at, int_at, labels, map_selector, str_at, string_map,
};

/// Write a Service's report (without events).
pub fn describe(w: &mut PrefixWriter, svc: &Value, related: &Related) {
    let spec = svc.get("spec").unwrap_or(&Value::Null);
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(svc, &["metadata", "name"])),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", str_at(svc, &["metadata", "namespace"])),
    );
    labels(
        w,
        0,
        "Labels",
        &string_map(at(svc, &["metadata", "labels"])),
    );
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(svc, &["metadata", "annotations"])),
    );
    let sel = string_map(spec.get("selector"));
    let sel = if sel.is_empty() {
        "<none>".to_string()
    } else {
        map_selector(&sel)
    };
    w.write(0, &format!("Selector:\t{sel}\n"));
    let ty = str_at(spec, &["type"]);
    w.write(0, &format!("Type:\t{ty}\n"));
    let policy = str_at(spec, &["ipFamilyPolicy"]);
    if !policy.is_empty() {
        w.write(0, &format!("IP Family Policy:\t{policy}\n"));
    }
    let strs = |key: &str| -> Vec<&str> {
        list(spec, key)
            .into_iter()
            .filter_map(Value::as_str)
            .collect()
    };
    let families = strs("ipFamilies");
    let families = if families.is_empty() {
        "<none>".to_string()
    } else {
        families.join(",")
    };
    w.write(0, &format!("IP Families:\t{families}\n"));
    w.write(0, &format!("IP:\t{}\n", str_at(spec, &["clusterIP"])));
    let ips = strs("clusterIPs");
    let ips = if ips.is_empty() {
        "<none>".to_string()
    } else {
        ips.join(",")
    };
    w.write(0, &format!("IPs:\t{ips}\n"));
    let external = strs("externalIPs");
    if !external.is_empty() {
        w.write(0, &format!("External IPs:\t{}\n", external.join(",")));
    }
    let lb_ip = str_at(spec, &["loadBalancerIP"]);
    if !lb_ip.is_empty() {
        w.write(0, &format!("IP:\t{lb_ip}\n"));
    }
    let ext_name = str_at(spec, &["externalName"]);
    if !ext_name.is_empty() {
        w.write(0, &format!("External Name:\t{ext_name}\n"));
    }
    let ingress: Vec<String> = at(svc, &["status", "loadBalancer", "ingress"])
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|i| {
            let ip = str_at(i, &["ip"]);
            if ip.is_empty() {
                str_at(i, &["hostname"]).to_string()
            } else {
                ip.to_string()
            }
        })
        .collect();
    if !ingress.is_empty() {
        w.write(
            0,
            &format!("LoadBalancer Ingress:\t{}\n", ingress.join(", ")),
        );
    }
    for p in list(spec, "ports") {
        let name = str_at(p, &["name"]);
        let shown = if name.is_empty() { "<unset>" } else { name };
        let proto = str_at(p, &["protocol"]);
        w.write(
            0,
            &format!("Port:\t{shown}\t{}/{proto}\n", int_at(p, &["port"])),
        );
        match p.get("targetPort") {
            Some(Value::String(s)) => w.write(0, &format!("TargetPort:\t{s}/{proto}\n")),
            Some(Value::Number(n)) => w.write(0, &format!("TargetPort:\t{n}/{proto}\n")),
            _ => {}
        }
        let node_port = int_at(p, &["nodePort"]);
        if node_port != 0 {
            w.write(0, &format!("NodePort:\t{shown}\t{node_port}/{proto}\n"));
        }
        w.write(
            0,
            &format!(
                "Endpoints:\t{}\n",
                endpoints(&related.endpoint_slices, name)
            ),
        );
    }
    w.write(
        0,
        &format!(
            "Session Affinity:\t{}\n",
            str_at(spec, &["sessionAffinity"])
        ),
    );
    for (key, title) in [
        ("externalTrafficPolicy", "External Traffic Policy"),
        ("internalTrafficPolicy", "Internal Traffic Policy"),
    ] {
        let v = str_at(spec, &[key]);
        if !v.is_empty() {
            w.write(0, &format!("{title}:\t{v}\n"));
        }
    }
    let hc = int_at(spec, &["healthCheckNodePort"]);
    if hc != 0 {
        w.write(0, &format!("HealthCheck NodePort:\t{hc}\n"));
    }
    let ranges = strs("loadBalancerSourceRanges");
    if !ranges.is_empty() {
        w.write(
            0,
            &format!("LoadBalancer Source Ranges:\t{}\n", ranges.join(",")),
        );
    }
}

/// kubectl's `formatEndpointSlices` for one service port (matched by name).
pub(crate) fn endpoints(slices: &[Value], port_name: &str) -> String {
    if slices.is_empty() {
        return "<none>".into();
    }
    const MAX: usize = 3;
    let mut shown = Vec::new();
    let mut count = 0;
    let mut more = false;
    for s in slices {
        let ports: Vec<&Value> = list(s, "ports")
            .into_iter()
            .filter(|p| str_at(p, &["name"]) == port_name)
            .collect();
        for e in list(s, "endpoints") {
            let ready = at(e, &["conditions", "ready"])
                .and_then(Value::as_bool)
                .unwrap_or(true);
            let addr = list(e, "addresses")
                .first()
                .and_then(|a| a.as_str())
                .unwrap_or("")
                .to_string();
            for p in &ports {
                if shown.len() == MAX {
                    more = true;
                }
                if !more && ready {
                    let host = if addr.contains(':') {
                        format!("[{addr}]")
                    } else {
                        addr.clone()
                    };
                    shown.push(format!("{host}:{}", int_at(p, &["port"])));
                }
                count += 1;
            }
        }
    }
    let joined = shown.join(",");
    if more {
        format!("{joined} + {} more...", count - MAX)
    } else {
        joined
    }
}
