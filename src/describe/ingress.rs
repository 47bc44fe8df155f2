//! Ingresses: address, class, default backend, TLS and the rules table, each backend
//! followed by the service's endpoints for the port it names.

use serde_json::Value;

use super::pod::list;
use super::{PrefixWriter, Related, annotations, at, int_at, labels, str_at, string_map};

/// Write an Ingress's report (without events).
pub fn describe(w: &mut PrefixWriter, ing: &Value, related: &Related) {
    let spec = ing.get("spec").unwrap_or(&Value::Null);
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(ing, &["metadata", "name"])),
    );
    labels(
        w,
        0,
        "Labels",
        &string_map(at(ing, &["metadata", "labels"])),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", str_at(ing, &["metadata", "namespace"])),
    );
    let addrs: Vec<&str> = at(ing, &["status", "loadBalancer", "ingress"])
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|i| {
            let ip = str_at(i, &["ip"]);
            if ip.is_empty() {
                str_at(i, &["hostname"])
            } else {
                ip
            }
        })
        .collect();
    w.write(0, &format!("Address:\t{}\n", addrs.join(",")));
    let class = str_at(spec, &["ingressClassName"]);
    let class = if class.is_empty() { "<none>" } else { class };
    w.write(0, &format!("Ingress Class:\t{class}\n"));
    match spec.get("defaultBackend") {
        Some(b) => w.write(
            0,
            &format!(
                "Default backend:\t{} ({})\n",
                backend_name(b),
                backend_endpoints(b, related)
            ),
        ),
        None => w.write(0, "Default backend:\t<default>\n"),
    }
    let tls = list(spec, "tls");
    if !tls.is_empty() {
        w.write(0, "TLS:\n");
        for t in tls {
            let hosts: Vec<&str> = list(t, "hosts")
                .into_iter()
                .filter_map(Value::as_str)
                .collect();
            let secret = str_at(t, &["secretName"]);
            if secret.is_empty() {
                w.write(1, &format!("SNI routes {}\n", hosts.join(",")));
            } else {
                w.write(1, &format!("{secret} terminates {}\n", hosts.join(",")));
            }
        }
    }
    w.write(0, "Rules:\n  Host\tPath\tBackends\n");
    w.write(1, "----\t----\t--------\n");
    let rules = list(spec, "rules");
    if rules.is_empty() {
        let def = spec
            .get("defaultBackend")
            .map(|b| format!("{} ({})", backend_name(b), backend_endpoints(b, related)))
            .unwrap_or_else(|| "<default>".into());
        w.write(1, &format!("*\t*\t{def}\n"));
    }
    for r in rules {
        let host = str_at(r, &["host"]);
        let host = if host.is_empty() { "*" } else { host };
        w.write(1, &format!("{host}\t\n"));
        for p in list(r.get("http").unwrap_or(&Value::Null), "paths") {
            let b = p.get("backend").unwrap_or(&Value::Null);
            w.write(
                2,
                &format!(
                    "\t{} \t{} ({})\n",
                    str_at(p, &["path"]),
                    backend_name(b),
                    backend_endpoints(b, related)
                ),
            );
        }
    }
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(ing, &["metadata", "annotations"])),
    );
}

/// `service:port` (number or port name), or the resource backend.
fn backend_name(b: &Value) -> String {
    if let Some(s) = b.get("service") {
        let port = match at(s, &["port", "name"]).and_then(Value::as_str) {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => int_at(s, &["port", "number"]).to_string(),
        };
        return format!("{}:{port}", str_at(s, &["name"]));
    }
    if let Some(r) = b.get("resource") {
        return format!(
            "APIGroup: {}, Kind: {}, Name: {}",
            str_at(r, &["apiGroup"]),
            str_at(r, &["kind"]),
            str_at(r, &["name"])
        );
    }
    String::new()
}

/// The service's endpoints for the backend port (kubectl's `formatEndpoints`).
fn backend_endpoints(b: &Value, related: &Related) -> String {
    let Some(s) = b.get("service") else {
        return String::new();
    };
    let name = str_at(s, &["name"]);
    // kubectl reads the service first, so a missing service is the error shown.
    let find = |list: &[Value]| {
        list.iter()
            .find(|o| str_at(o, &["metadata", "name"]) == name)
            .cloned()
    };
    let Some(svc) = find(&related.services) else {
        return format!("<error: services \"{name}\" not found>");
    };
    // The service's EndpointSlices, as kubectl 1.33 lists them by the service-name label.
    let slices: Vec<Value> = related
        .endpoint_slices
        .iter()
        .filter(|es| str_at(es, &["metadata", "labels", "kubernetes.io/service-name"]) == name)
        .cloned()
        .collect();
    let (num, pname) = (int_at(s, &["port", "number"]), str_at(s, &["port", "name"]));
    let mut port_name = "";
    for sp in list(svc.get("spec").unwrap_or(&Value::Null), "ports") {
        if (num != 0 && num == int_at(sp, &["port"]))
            || (!pname.is_empty() && pname == str_at(sp, &["name"]))
        {
            port_name = str_at(sp, &["name"]);
        }
    }
    let shown = super::service::endpoints(&slices, port_name);
    if shown.is_empty() {
        "<none>".into()
    } else {
        shown
    }
}

/// Write an IngressClass's report (without events).
pub fn describe_class(w: &mut PrefixWriter, ic: &Value) {
    w.write(
        0,
        &format!("Name:\t{}\n", str_at(ic, &["metadata", "name"])),
    );
    labels(w, 0, "Labels", &string_map(at(ic, &["metadata", "labels"])));
    annotations(
        w,
        0,
        "Annotations",
        &string_map(at(ic, &["metadata", "annotations"])),
    );
    w.write(
        0,
        &format!("Controller:\t{}\n", str_at(ic, &["spec", "controller"])),
    );
    if let Some(p) = at(ic, &["spec", "parameters"]) {
        w.write(0, "Parameters:\n");
        for (key, title) in [
            ("apiGroup", "APIGroup"),
            ("kind", "Kind"),
            ("name", "Name"),
            ("namespace", "Namespace"),
            ("scope", "Scope"),
        ] {
            let v = str_at(p, &[key]);
            if !v.is_empty() || matches!(key, "kind" | "name") {
                w.write(1, &format!("{title}:\t{v}\n"));
            }
        }
    }
}
