//! Printers for networking: services, endpoints, endpoint slices, ingresses, ingress classes
//! and network policies.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::descriptions as d;
use super::{
    Printer, age, age_col, arr_at, col, format_label_selector, int_at, list_with_more, name,
    name_col, str_at, wide,
};

pub(super) fn printer(group: &str, resource: &str) -> Option<Printer> {
    let (columns, cells): (Vec<_>, super::CellsFn) = match (group, resource) {
        ("", "services") => (
            vec![
                name_col(),
                col("Type", "string", d::SVC_TYPE),
                col("Cluster-IP", "string", d::SVC_CLUSTER_IP),
                col("External-IP", "string", d::SVC_EXTERNAL_IPS),
                col("Port(s)", "string", d::SVC_PORTS),
                age_col(),
                wide("Selector", "string", d::SVC_SELECTOR),
            ],
            service_cells,
        ),
        ("", "endpoints") => (
            vec![
                name_col(),
                col("Endpoints", "string", d::EP_SUBSETS),
                age_col(),
            ],
            endpoints_cells,
        ),
        ("discovery.k8s.io", "endpointslices") => (
            vec![
                name_col(),
                col("AddressType", "string", d::ES_ADDRESS_TYPE),
                col("Ports", "string", d::ES_PORTS),
                col("Endpoints", "string", d::ES_ENDPOINTS),
                age_col(),
            ],
            endpoint_slice_cells,
        ),
        ("networking.k8s.io", "ingresses") => (
            vec![
                name_col(),
                col(
                    "Class",
                    "string",
                    "The name of the IngressClass resource that should be used for additional configuration",
                ),
                col(
                    "Hosts",
                    "string",
                    "Hosts that incoming requests are matched against before the ingress rule",
                ),
                col(
                    "Address",
                    "string",
                    "Address is a list containing ingress points for the load-balancer",
                ),
                col("Ports", "string", "Ports of TLS configurations that open"),
                age_col(),
            ],
            ingress_cells,
        ),
        ("networking.k8s.io", "ingressclasses") => (
            vec![
                name_col(),
                col(
                    "Controller",
                    "string",
                    "Controller that is responsible for handling this class",
                ),
                col(
                    "Parameters",
                    "string",
                    "A reference to a resource with additional parameters",
                ),
                age_col(),
            ],
            ingress_class_cells,
        ),
        ("networking.k8s.io", "networkpolicies") => (
            vec![
                name_col(),
                col("Pod-Selector", "string", d::NP_POD_SELECTOR),
                age_col(),
            ],
            network_policy_cells,
        ),
        _ => return None,
    };
    Some(Printer { columns, cells })
}

/// Load-balancer ingress points (IP, else hostname), deduplicated in order of appearance.
fn lb_ingress(status: &[Value]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in status {
        let ip = str_at(i, "/ip");
        let v = if ip.is_empty() {
            str_at(i, "/hostname")
        } else {
            ip
        };
        if !v.is_empty() && !out.iter().any(|o| o == v) {
            out.push(v.to_string());
        }
    }
    out
}

/// `getServiceExternalIP` with `wide=true` (the server always prints wide cells, so the
/// 16-character load-balancer truncation never applies).
fn service_external_ip(svc: &Value) -> String {
    let external: Vec<&str> = arr_at(svc, "/spec/externalIPs")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    match str_at(svc, "/spec/type") {
        "ClusterIP" | "NodePort" => {
            if external.is_empty() {
                "<none>".to_string()
            } else {
                external.join(",")
            }
        }
        "LoadBalancer" => {
            let mut all = lb_ingress(arr_at(svc, "/status/loadBalancer/ingress"));
            if !external.is_empty() {
                all.extend(external.iter().map(|s| s.to_string()));
                return all.join(",");
            }
            if all.is_empty() {
                "<pending>".to_string()
            } else {
                all.join(",")
            }
        }
        "ExternalName" => str_at(svc, "/spec/externalName").to_string(),
        _ => "<unknown>".to_string(),
    }
}

/// `makePortString`: `80/TCP`, `80:30080/TCP`, joined with `,`.
fn service_ports(svc: &Value) -> String {
    let pieces: Vec<String> = arr_at(svc, "/spec/ports")
        .iter()
        .map(|p| {
            let port = int_at(p, "/port");
            let proto = str_at(p, "/protocol");
            let node_port = int_at(p, "/nodePort");
            if node_port > 0 {
                format!("{port}:{node_port}/{proto}")
            } else {
                format!("{port}/{proto}")
            }
        })
        .collect();
    if pieces.is_empty() {
        "<none>".to_string()
    } else {
        pieces.join(",")
    }
}

fn service_cells(svc: &Value, now: DateTime<Utc>) -> Vec<Value> {
    // The apiserver keeps clusterIP == clusterIPs[0]; fall back for objects without the list.
    let cluster_ip = match (
        str_at(svc, "/spec/clusterIPs/0"),
        str_at(svc, "/spec/clusterIP"),
    ) {
        ("", "") => "<none>",
        ("", ip) | (ip, _) => ip,
    };
    let selector = svc.pointer("/spec/selector").unwrap_or(&Value::Null);
    vec![
        json!(name(svc)),
        json!(str_at(svc, "/spec/type")),
        json!(cluster_ip),
        json!(service_external_ip(svc)),
        json!(service_ports(svc)),
        age(svc, now),
        json!(super::super::selectors::format_labels(selector)),
    ]
}

/// `net.JoinHostPort`: IPv6 addresses get brackets.
fn join_host_port(ip: &str, port: i64) -> String {
    if ip.contains(':') {
        format!("[{ip}]:{port}")
    } else {
        format!("{ip}:{port}")
    }
}

/// `formatEndpoints`: up to three `ip:port` (or bare IPs for port-less subsets).
fn endpoints_cells(ep: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let subsets = arr_at(ep, "/subsets");
    let text = if subsets.is_empty() {
        "<none>".to_string()
    } else {
        const MAX: usize = 3;
        let mut list: Vec<String> = Vec::new();
        let mut more = false;
        let mut count = 0;
        for ss in subsets {
            let addresses = arr_at(ss, "/addresses");
            let ports = arr_at(ss, "/ports");
            if ports.is_empty() {
                count += addresses.len();
                for a in addresses {
                    if list.len() == MAX {
                        more = true;
                        break;
                    }
                    list.push(str_at(a, "/ip").to_string());
                }
                continue;
            }
            for p in ports {
                count += addresses.len();
                for a in addresses {
                    if list.len() == MAX {
                        more = true;
                        break;
                    }
                    list.push(join_host_port(str_at(a, "/ip"), int_at(p, "/port")));
                }
            }
        }
        let ret = list.join(",");
        if more {
            format!("{ret} + {} more...", count - MAX)
        } else {
            ret
        }
    };
    vec![json!(name(ep)), json!(text), age(ep, now)]
}

fn endpoint_slice_cells(es: &Value, now: DateTime<Utc>) -> Vec<Value> {
    const MAX: usize = 3;
    let mut ports = Vec::new();
    let mut more = false;
    let mut count = 0;
    for p in arr_at(es, "/ports") {
        if ports.len() < MAX {
            let n = match (
                p.get("port").and_then(Value::as_i64),
                p.get("name").and_then(Value::as_str),
            ) {
                (Some(port), _) => port.to_string(),
                (None, Some(n)) => n.to_string(),
                (None, None) => "*".to_string(),
            };
            ports.push(n);
        } else if ports.len() == MAX {
            more = true;
        }
        count += 1;
    }
    let ports_cell = list_with_more(&ports, more, count, MAX);
    let mut addrs = Vec::new();
    let (mut more, mut count) = (false, 0);
    for e in arr_at(es, "/endpoints") {
        for a in arr_at(e, "/addresses") {
            if addrs.len() < MAX {
                addrs.push(a.as_str().unwrap_or_default().to_string());
            } else if addrs.len() == MAX {
                more = true;
            }
            count += 1;
        }
    }
    vec![
        json!(name(es)),
        json!(str_at(es, "/addressType")),
        json!(ports_cell),
        json!(list_with_more(&addrs, more, count, MAX)),
        age(es, now),
    ]
}

fn ingress_cells(ing: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let class = ing
        .pointer("/spec/ingressClassName")
        .and_then(Value::as_str)
        .unwrap_or("<none>");
    // formatHosts: up to three hosts; rules without a host count toward "more" but print nothing.
    let rules = arr_at(ing, "/spec/rules");
    const MAX: usize = 3;
    let mut hosts: Vec<&str> = Vec::new();
    let mut more = false;
    for r in rules {
        if hosts.len() == MAX {
            more = true;
        }
        let h = str_at(r, "/host");
        if !more && !h.is_empty() {
            hosts.push(h);
        }
    }
    let hosts_cell = if hosts.is_empty() {
        "*".to_string()
    } else if more {
        format!("{} + {} more...", hosts.join(","), rules.len() - MAX)
    } else {
        hosts.join(",")
    };
    let address = lb_ingress(arr_at(ing, "/status/loadBalancer/ingress")).join(",");
    let ports = if arr_at(ing, "/spec/tls").is_empty() {
        "80"
    } else {
        "80, 443"
    };
    vec![
        json!(name(ing)),
        json!(class),
        json!(hosts_cell),
        json!(address),
        json!(ports),
        age(ing, now),
    ]
}

fn ingress_class_cells(ic: &Value, now: DateTime<Utc>) -> Vec<Value> {
    let params = match ic.pointer("/spec/parameters").filter(|p| p.is_object()) {
        None => "<none>".to_string(),
        Some(p) => {
            let mut s = str_at(p, "/kind").to_string();
            if let Some(g) = p.get("apiGroup").and_then(Value::as_str) {
                s = format!("{s}.{g}");
            }
            format!("{s}/{}", str_at(p, "/name"))
        }
    };
    vec![
        json!(name(ic)),
        json!(str_at(ic, "/spec/controller")),
        json!(params),
        age(ic, now),
    ]
}

fn network_policy_cells(np: &Value, now: DateTime<Utc>) -> Vec<Value> {
    // PodSelector is a struct, never nil: an absent one formats like an empty selector.
    let sel = np
        .pointer("/spec/podSelector")
        .cloned()
        .unwrap_or_else(|| json!({}));
    vec![
        json!(name(np)),
        json!(format_label_selector(Some(&sel))),
        age(np, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::tests::{ago, cells, headers};
    use serde_json::{Value, json};

    fn svc(spec: Value) -> Value {
        json!({"metadata": {"name": "web", "namespace": "default", "creationTimestamp": ago(30 * 86400)},
            "spec": spec})
    }

    #[test]
    fn service_rows() {
        assert_eq!(
            headers("", "services"),
            [
                "Name",
                "Type",
                "Cluster-IP",
                "External-IP",
                "Port(s)",
                "Age",
                "Selector*"
            ]
        );
        let s = svc(
            json!({"type": "ClusterIP", "clusterIP": "10.96.0.1", "clusterIPs": ["10.96.0.1"],
            "ports": [{"port": 443, "protocol": "TCP", "targetPort": 6443}]}),
        );
        assert_eq!(
            Value::Array(cells("", "services", s)),
            json!([
                "web",
                "ClusterIP",
                "10.96.0.1",
                "<none>",
                "443/TCP",
                "30d",
                "<none>"
            ])
        );
        let s = svc(
            json!({"type": "NodePort", "clusterIPs": ["10.96.3.4"], "selector": {"app": "web"},
            "ports": [{"port": 80, "nodePort": 30080, "protocol": "TCP"}, {"port": 53, "protocol": "UDP"}]}),
        );
        assert_eq!(
            Value::Array(cells("", "services", s)),
            json!([
                "web",
                "NodePort",
                "10.96.3.4",
                "<none>",
                "80:30080/TCP,53/UDP",
                "30d",
                "app=web"
            ])
        );
        let s = svc(json!({"type": "LoadBalancer", "clusterIPs": ["10.96.3.5"],
            "ports": [{"port": 80, "nodePort": 31000, "protocol": "TCP"}]}));
        assert_eq!(cells("", "services", s.clone())[3], "<pending>");
        let mut s = s;
        s["status"] = json!({"loadBalancer": {"ingress": [{"ip": "203.0.113.10"}, {"hostname": "lb.example.com"}]}});
        assert_eq!(
            cells("", "services", s.clone())[3],
            "203.0.113.10,lb.example.com"
        );
        s["spec"]["externalIPs"] = json!(["198.51.100.1"]);
        assert_eq!(
            cells("", "services", s)[3],
            "203.0.113.10,lb.example.com,198.51.100.1"
        );
        let s = svc(json!({"type": "ExternalName", "externalName": "db.example.com"}));
        assert_eq!(
            Value::Array(cells("", "services", s)),
            json!([
                "web",
                "ExternalName",
                "<none>",
                "db.example.com",
                "<none>",
                "30d",
                "<none>"
            ])
        );
        let s = svc(
            json!({"type": "ClusterIP", "clusterIPs": ["None"], "externalIPs": ["1.2.3.4", "5.6.7.8"]}),
        );
        let c = cells("", "services", s);
        assert_eq!(
            (c[2].as_str(), c[3].as_str()),
            (Some("None"), Some("1.2.3.4,5.6.7.8"))
        );
    }

    #[test]
    fn endpoints_rows() {
        let ep = |subsets: Value| json!({"metadata": {"name": "web"}, "subsets": subsets});
        assert_eq!(cells("", "endpoints", ep(json!([])))[1], "<none>");
        assert_eq!(
            cells("", "endpoints", json!({"metadata": {"name": "x"}}))[1],
            "<none>"
        );
        let e = ep(
            json!([{"addresses": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2"}],
            "notReadyAddresses": [{"ip": "10.0.0.9"}], "ports": [{"port": 8080, "protocol": "TCP"}]}]),
        );
        assert_eq!(cells("", "endpoints", e)[1], "10.0.0.1:8080,10.0.0.2:8080");
        let e = ep(
            json!([{"addresses": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2"}, {"ip": "10.0.0.3"}],
            "ports": [{"port": 80}, {"port": 443}]}]),
        );
        assert_eq!(
            cells("", "endpoints", e)[1],
            "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 3 more..."
        );
        let e = ep(
            json!([{"addresses": [{"ip": "fd00::1"}], "ports": [{"port": 80}]},
            {"addresses": [{"ip": "10.1.1.1"}]}]),
        );
        assert_eq!(cells("", "endpoints", e)[1], "[fd00::1]:80,10.1.1.1");
    }

    #[test]
    fn endpoint_slice_rows() {
        let es = json!({"metadata": {"name": "web-abc12"}, "addressType": "IPv4",
            "ports": [{"port": 80, "name": "http"}, {"name": "metrics"}, {}, {"port": 9}],
            "endpoints": [{"addresses": ["10.0.0.1"]}, {"addresses": ["10.0.0.2", "10.0.0.3"]}, {"addresses": ["10.0.0.4"]}]});
        assert_eq!(
            Value::Array(cells("discovery.k8s.io", "endpointslices", es)),
            json!([
                "web-abc12",
                "IPv4",
                "80,metrics,* + 1 more...",
                "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...",
                "<unknown>"
            ])
        );
        let es = json!({"metadata": {"name": "e"}, "addressType": "IPv4"});
        let c = cells("discovery.k8s.io", "endpointslices", es);
        assert_eq!(
            (c[2].as_str(), c[3].as_str()),
            (Some("<unset>"), Some("<unset>"))
        );
    }

    #[test]
    fn ingress_and_class_rows() {
        assert_eq!(
            headers("networking.k8s.io", "ingresses"),
            ["Name", "Class", "Hosts", "Address", "Ports", "Age"]
        );
        let ing = json!({"metadata": {"name": "web", "creationTimestamp": ago(61)},
            "spec": {"ingressClassName": "nginx", "tls": [{"hosts": ["a.example.com"]}],
                "rules": [{"host": "a.example.com"}, {"host": "b.example.com"}]},
            "status": {"loadBalancer": {"ingress": [{"ip": "192.0.2.1"}]}}});
        assert_eq!(
            Value::Array(cells("networking.k8s.io", "ingresses", ing)),
            json!([
                "web",
                "nginx",
                "a.example.com,b.example.com",
                "192.0.2.1",
                "80, 443",
                "61s"
            ])
        );
        let ing = json!({"metadata": {"name": "x"}, "spec": {"rules": [
            {"host": "a"}, {"host": "b"}, {"host": "c"}, {"host": "d"}, {}]}});
        let c = cells("networking.k8s.io", "ingresses", ing);
        assert_eq!(
            (c[1].as_str(), c[2].as_str(), c[3].as_str(), c[4].as_str()),
            (
                Some("<none>"),
                Some("a,b,c + 2 more..."),
                Some(""),
                Some("80")
            )
        );
        let ing = json!({"metadata": {"name": "y"}, "spec": {"defaultBackend": {}}});
        assert_eq!(cells("networking.k8s.io", "ingresses", ing)[2], "*");
        let ic = json!({"metadata": {"name": "nginx"}, "spec": {"controller": "k8s.io/ingress-nginx",
            "parameters": {"apiGroup": "k8s.example.com", "kind": "IngressParameters", "name": "p"}}});
        assert_eq!(
            Value::Array(cells("networking.k8s.io", "ingressclasses", ic)),
            json!([
                "nginx",
                "k8s.io/ingress-nginx",
                "IngressParameters.k8s.example.com/p",
                "<unknown>"
            ])
        );
        let np = json!({"metadata": {"name": "deny"}, "spec": {"podSelector": {}}});
        assert_eq!(
            cells("networking.k8s.io", "networkpolicies", np)[1],
            "<none>"
        );
    }
}
