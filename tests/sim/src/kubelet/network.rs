//! The cluster network as a container sees it: CoreDNS's names and kube-proxy's routing.
//!
//! * DNS ([`resolve`]): the pod's search path (`<ns>.svc.cluster.local svc.cluster.local
//!   cluster.local`, `ndots:5`); `<svc>.<ns>.svc.cluster.local` is the Service's ClusterIP, a
//!   headless Service's ready endpoints, or an ExternalName's CNAME; `<host>.<subdomain>.<ns>.
//!   svc.cluster.local` a pod with that hostname and subdomain; `<a-b-c-d>.<ns>.pod.
//!   cluster.local` that IP.
//! * Routing ([`Network::connect`]): a Service ClusterIP:port reaches a ready endpoint's
//!   target port, round-robin as kube-proxy spreads connections; a node address and a
//!   Service's nodePort the same; a pod IP the pod's port servers; loopback and the pod's own
//!   IP its own containers. No ready endpoint: connection refused (kube-proxy's REJECT).

use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock, Weak};

use serde_json::Value;

use super::pods::{Kubelet, PodHandle};
use crate::controllers::api::{Api, deleting, name, namespace, res};
use crate::runtime::shell::{NetDialer, Resolution, Resolver};

/// The cluster's DNS domain.
pub const DOMAIN: &str = "cluster.local";

fn s<'a>(v: &'a Value, p: &str) -> &'a str {
    v.pointer(p).and_then(Value::as_str).unwrap_or("")
}

/// What CoreDNS answers for `name` asked from a pod in `ns` (search path applied).
pub fn resolve(api: &Api, ns: &str, name: &str) -> Resolution {
    let name = name.trim_end_matches('.');
    if name.parse::<std::net::Ipv4Addr>().is_ok() {
        return Resolution {
            name: name.to_string(),
            cname: None,
            addrs: vec![name.to_string()],
        };
    }
    let mut candidates = Vec::new();
    if name.matches('.').count() < 5 {
        for suffix in [
            format!("{ns}.svc.{DOMAIN}"),
            format!("svc.{DOMAIN}"),
            DOMAIN.to_string(),
        ] {
            candidates.push(format!("{name}.{suffix}"));
        }
    }
    candidates.push(name.to_string());
    for c in candidates {
        if let Some(r) = lookup_fqdn(api, &c, 0) {
            return r;
        }
    }
    Resolution {
        name: name.to_string(),
        cname: None,
        addrs: Vec::new(),
    }
}

fn lookup_fqdn(api: &Api, fqdn: &str, depth: u8) -> Option<Resolution> {
    let rest = fqdn.strip_suffix(&format!(".{DOMAIN}"))?;
    let parts: Vec<&str> = rest.split('.').collect();
    let found = |addrs: Vec<String>| Resolution {
        name: fqdn.to_string(),
        cname: None,
        addrs,
    };
    match parts.as_slice() {
        [svc, ns, "svc"] => {
            let svc = api.get(&res::services(), ns, svc)?;
            if s(&svc, "/spec/type") == "ExternalName" {
                let target = s(&svc, "/spec/externalName")
                    .trim_end_matches('.')
                    .to_string();
                let addrs = if depth < 4 {
                    lookup_fqdn(api, &target, depth + 1)
                        .map(|r| r.addrs)
                        .unwrap_or_default()
                } else {
                    Vec::new()
                };
                return Some(Resolution {
                    name: fqdn.to_string(),
                    cname: Some(target),
                    addrs,
                });
            }
            match s(&svc, "/spec/clusterIP") {
                "None" => Some(found(ready_addresses(api, ns, name(&svc)))),
                "" => None,
                ip => Some(found(vec![ip.to_string()])),
            }
        }
        [host, sub, ns, "svc"] => api
            .list(&res::pods(), Some(ns))
            .iter()
            .find(|p| {
                s(p, "/spec/hostname") == *host
                    && s(p, "/spec/subdomain") == *sub
                    && !s(p, "/status/podIP").is_empty()
            })
            .map(|p| found(vec![s(p, "/status/podIP").to_string()])),
        [ip, _ns, "pod"] => {
            let ip = ip.replace('-', ".");
            ip.parse::<std::net::Ipv4Addr>()
                .ok()
                .map(|_| found(vec![ip]))
        }
        _ => None,
    }
}

/// The ready addresses of Service `ns/name`'s Endpoints.
fn ready_addresses(api: &Api, ns: &str, svc: &str) -> Vec<String> {
    let Some(ep) = api.get(&res::endpoints(), ns, svc) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for subset in ep["subsets"].as_array().into_iter().flatten() {
        for a in subset["addresses"].as_array().into_iter().flatten() {
            if let Some(ip) = a["ip"].as_str()
                && !out.iter().any(|x| x == ip)
            {
                out.push(ip.to_string());
            }
        }
    }
    out
}

/// The ready `(ip, targetPort)` backends of port `svc_port` of Service `svc`.
fn backends(api: &Api, svc: &Value, svc_port: &Value) -> Vec<(String, u16)> {
    let Some(ep) = api.get(&res::endpoints(), namespace(svc), name(svc)) else {
        return Vec::new();
    };
    let port_name = svc_port["name"].as_str().unwrap_or("");
    let mut out = Vec::new();
    for subset in ep["subsets"].as_array().into_iter().flatten() {
        let Some(port) = subset["ports"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["name"].as_str().unwrap_or("") == port_name)
            .and_then(|p| p["port"].as_u64())
            .and_then(|p| u16::try_from(p).ok())
        else {
            continue;
        };
        for a in subset["addresses"].as_array().into_iter().flatten() {
            if let Some(ip) = a["ip"].as_str() {
                out.push((ip.to_string(), port));
            }
        }
    }
    out
}

/// kube-proxy's per-Service round-robin position.
fn next_index(key: &str, n: usize) -> usize {
    static RR: OnceLock<Mutex<HashMap<String, usize>>> = OnceLock::new();
    let mut m = RR
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    let i = m.entry(key.to_string()).or_insert(0);
    let out = *i % n.max(1);
    *i = i.wrapping_add(1);
    out
}

fn refused() -> io::Error {
    io::Error::from(io::ErrorKind::ConnectionRefused)
}

/// The network of one pod.
pub struct Network {
    api: Api,
    kubelet: Weak<Kubelet>,
    own: Arc<PodHandle>,
    own_ip: String,
}

impl Network {
    /// The network pod `own` (IP `own_ip`) sees.
    pub fn new(api: Api, kubelet: Weak<Kubelet>, own: Arc<PodHandle>, own_ip: String) -> Self {
        Network {
            api,
            kubelet,
            own,
            own_ip,
        }
    }

    /// Where `ip:port` leads, as a loopback address of a container port server.
    fn route(&self, ip: &str, port: u16) -> io::Result<SocketAddr> {
        if ["127.0.0.1", "::1", "0.0.0.0", "localhost"].contains(&ip) || ip == self.own_ip {
            return self.own.port_addr(port).ok_or_else(refused);
        }
        let services = self.api.list(&res::services(), None);
        if let Some(svc) = services
            .iter()
            .find(|sv| s(sv, "/spec/clusterIP") == ip && ip != "None")
        {
            let svc_port = svc["spec"]["ports"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|p| {
                    p["port"].as_u64() == Some(u64::from(port))
                        && p["protocol"].as_str().unwrap_or("TCP") == "TCP"
                })
                .ok_or_else(refused)?;
            return self.to_backend(svc, svc_port);
        }
        let on_node = self.api.list(&res::nodes(), None).into_iter().find(|n| {
            n.pointer("/status/addresses")
                .and_then(Value::as_array)
                .is_some_and(|a| a.iter().any(|x| x["address"] == ip))
        });
        if on_node.is_some() {
            let by_node_port = services.iter().find_map(|sv| {
                sv["spec"]["ports"]
                    .as_array()?
                    .iter()
                    .find(|p| p["nodePort"].as_u64() == Some(u64::from(port)))
                    .map(|p| (sv, p))
            });
            if let Some((svc, p)) = by_node_port {
                return self.to_backend(svc, p);
            }
        }
        self.pod_port(ip, port)
    }

    fn to_backend(&self, svc: &Value, svc_port: &Value) -> io::Result<SocketAddr> {
        let list = backends(&self.api, svc, svc_port);
        if list.is_empty() {
            return Err(refused());
        }
        let key = format!("{}/{}", s(svc, "/metadata/uid"), svc_port["port"]);
        let (ip, port) = &list[next_index(&key, list.len())];
        self.pod_port(ip, *port)
    }

    /// A pod's container port by pod IP (hostNetwork pods share their node's IP).
    fn pod_port(&self, ip: &str, port: u16) -> io::Result<SocketAddr> {
        let kubelet = self.kubelet.upgrade().ok_or_else(refused)?;
        let pods = self.api.list(&res::pods(), None);
        let mut known = false;
        for p in pods
            .iter()
            .filter(|p| s(p, "/status/podIP") == ip && !deleting(p))
        {
            known = true;
            if let Some(addr) = kubelet
                .pod(namespace(p), name(p))
                .and_then(|h| h.port_addr(port))
            {
                return Ok(addr);
            }
        }
        if known {
            Err(refused())
        } else {
            Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "Connection timed out",
            ))
        }
    }

    /// The dialer the pod's shell uses (`curl`, `wget`, `nc`).
    pub fn dialer(self: &Arc<Self>) -> NetDialer {
        let me = self.clone();
        Arc::new(move |host: String, port: u16| {
            let me = me.clone();
            Box::pin(async move {
                let own = ["localhost", "127.0.0.1", "::1", "0.0.0.0"].contains(&host.as_str())
                    || host == me.own.name;
                let ip = if own {
                    "127.0.0.1".to_string()
                } else {
                    let r = resolve(&me.api, &me.own.namespace, &host);
                    r.addrs.first().cloned().ok_or_else(|| {
                        io::Error::new(io::ErrorKind::NotFound, format!("bad address '{host}'"))
                    })?
                };
                let addr = me.route(&ip, port)?;
                tokio::net::TcpStream::connect(addr).await
            })
        })
    }

    /// The resolver the pod's shell uses (`nslookup`, `getent hosts`).
    pub fn resolver(self: &Arc<Self>) -> Resolver {
        let me = self.clone();
        Arc::new(move |host: String| {
            if host == me.own.name || host == "localhost" {
                let ip = if host == "localhost" {
                    "127.0.0.1".to_string()
                } else {
                    me.own_ip.clone()
                };
                return Resolution {
                    name: host,
                    cname: None,
                    addrs: vec![ip],
                };
            }
            resolve(&me.api, &me.own.namespace, &host)
        })
    }
}

/// The service links of a container in `ns` (`enableServiceLinks`): for every Service with a
/// ClusterIP, `<NAME>_SERVICE_HOST`, `_SERVICE_PORT`, `_SERVICE_PORT_<PORTNAME>`, `_PORT`,
/// `_PORT_<port>_<PROTO>` and its `_PROTO`/`_PORT`/`_ADDR`, as the kubelet sets them; the
/// `kubernetes` Service of `default` is always there. `links: false` keeps only that one.
pub fn service_env(api: &Api, ns: &str, links: bool) -> Vec<(String, String)> {
    let mut svcs: Vec<Arc<Value>> = if links {
        api.list(&res::services(), Some(ns))
    } else {
        Vec::new()
    };
    if ns != "default" || !links {
        svcs.extend(api.get(&res::services(), "default", "kubernetes"));
    }
    let mut out = Vec::new();
    for svc in svcs {
        let ip = s(&svc, "/spec/clusterIP");
        if ip.is_empty() || ip == "None" {
            continue;
        }
        let prefix = name(&svc).to_ascii_uppercase().replace('-', "_");
        let ports: Vec<Value> = svc["spec"]["ports"].as_array().cloned().unwrap_or_default();
        let Some(first) = ports.first() else {
            continue;
        };
        out.push((format!("{prefix}_SERVICE_HOST"), ip.to_string()));
        out.push((format!("{prefix}_SERVICE_PORT"), first["port"].to_string()));
        for p in &ports {
            if let Some(pn) = p["name"].as_str().filter(|n| !n.is_empty()) {
                out.push((
                    format!(
                        "{prefix}_SERVICE_PORT_{}",
                        pn.to_ascii_uppercase().replace('-', "_")
                    ),
                    p["port"].to_string(),
                ));
            }
        }
        fn proto(p: &Value) -> String {
            p["protocol"].as_str().unwrap_or("TCP").to_ascii_lowercase()
        }
        out.push((
            format!("{prefix}_PORT"),
            format!("{}://{ip}:{}", proto(first), first["port"]),
        ));
        for p in &ports {
            let pr = proto(p);
            let base = format!("{prefix}_PORT_{}_{}", p["port"], pr.to_ascii_uppercase());
            out.push((base.clone(), format!("{pr}://{ip}:{}", p["port"])));
            out.push((format!("{base}_PROTO"), pr.clone()));
            out.push((format!("{base}_PORT"), p["port"].to_string()));
            out.push((format!("{base}_ADDR"), ip.to_string()));
        }
    }
    out
}
