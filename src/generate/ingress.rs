//! `kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]] [--class]
//! [--default-backend=svc:port] [--annotation=k=v]` (`create_ingress.go`): rules grouped by
//! host, `path*` meaning `pathType: Prefix` (else `Exact`), TLS entries grouped by secret.

use std::collections::BTreeMap;

use serde_json::{Value, json};

/// What `create ingress` was given.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// The Ingress's name.
    pub name: String,
    /// `--class`.
    pub class: String,
    /// `--rule`.
    pub rules: Vec<String>,
    /// `--default-backend`.
    pub default_backend: String,
    /// `--annotation`.
    pub annotations: Vec<String>,
    /// `-n` when given explicitly.
    pub namespace: Option<String>,
}

fn word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// kubectl's rule regex `^[\w*.-]*/.*=[\w-]+:[\w-]+` (an unanchored end: the TLS part is
/// optional).
fn rule_matches(rule: &str) -> bool {
    let host_len = rule
        .find(|c: char| !(word(c) || c == '*' || c == '.'))
        .unwrap_or(rule.len());
    let Some(rest) = rule[host_len..].strip_prefix('/') else {
        return false;
    };
    rest.match_indices('=').any(|(i, _)| {
        let after = &rest[i + 1..];
        let svc = after.find(|c: char| !word(c)).unwrap_or(after.len());
        svc > 0
            && after[svc..]
                .strip_prefix(':')
                .is_some_and(|port| port.starts_with(word))
    })
}

/// kubectl's `Validate()`.
pub fn validate(p: &Params) -> Result<(), String> {
    if p.default_backend.is_empty() && p.rules.is_empty() {
        return Err("not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)".into());
    }
    for r in &p.rules {
        if !rule_matches(r) {
            return Err(format!(
                "rule {r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]"
            ));
        }
    }
    for a in &p.annotations {
        if !a.contains('=') {
            return Err(format!(
                "annotation {a} is invalid and should be in format key=[value]"
            ));
        }
    }
    if !p.default_backend.is_empty() && p.default_backend.split(':').count() != 2 {
        return Err("default-backend should be in format servicename:serviceport".into());
    }
    Ok(())
}

/// `buildIngressBackendSvc`: `svc:port`, the port a number or a name.
fn backend(service: &str) -> Value {
    let mut parts = service.split(':');
    let name = parts.next().unwrap_or("");
    let port = parts.next().unwrap_or("");
    let port = match port.parse::<i32>() {
        Ok(n) => json!({"number": n}),
        Err(_) => json!({"name": port}),
    };
    json!({"service": {"name": name, "port": port}})
}

fn http_path(pathsvc: &str) -> Value {
    let mut parts = pathsvc.split('=');
    let mut path = format!("/{}", parts.next().unwrap_or(""));
    let service = parts.next().unwrap_or("");
    let mut path_type = "Exact";
    if path.ends_with('*') {
        path_type = "Prefix";
        path.pop();
    }
    json!({"path": path, "pathType": path_type, "backend": backend(service)})
}

fn tls(p: &Params) -> Vec<Value> {
    let mut seen: Vec<String> = Vec::new();
    let mut out: Vec<(Vec<String>, String)> = Vec::new();
    for rule in &p.rules {
        let parts: Vec<&str> = rule.split(',').collect();
        if parts.len() != 2 {
            continue;
        }
        let host = rule.split('/').next().unwrap_or("").to_string();
        let secret = parts[1].split('=').nth(1).unwrap_or("").to_string();
        if seen.contains(&host) {
            continue;
        }
        if let Some(entry) = out.iter_mut().find(|(_, s)| *s == secret) {
            entry.0.push(host.clone());
            seen.push(host);
            continue;
        }
        let hosts = if host.is_empty() {
            Vec::new()
        } else {
            vec![host.clone()]
        };
        if !secret.is_empty() || !hosts.is_empty() {
            out.push((hosts, secret));
        }
        seen.push(host);
    }
    out.into_iter()
        .map(|(hosts, secret)| json!({"hosts": hosts, "secretName": secret}))
        .collect()
}

fn rules(p: &Params) -> Vec<Value> {
    let mut out: Vec<(String, Vec<Value>)> = Vec::new();
    for rule in &p.rules {
        let no_tls = rule.split(',').next().unwrap_or("");
        let (host, rest) = no_tls.split_once('/').unwrap_or((no_tls, ""));
        let path = http_path(rest);
        match out.iter_mut().find(|(h, _)| h == host) {
            Some((_, paths)) => paths.push(path),
            None => out.push((host.to_string(), vec![path])),
        }
    }
    out.into_iter()
        .map(|(host, paths)| json!({"host": host, "http": {"paths": paths}}))
        .collect()
}

/// The Ingress.
pub fn build(p: &Params) -> Result<Value, String> {
    validate(p)?;
    let annotations: BTreeMap<&str, &str> = p
        .annotations
        .iter()
        .filter_map(|a| a.split_once('='))
        .collect();
    let mut ing = super::object(
        "networking.k8s.io/v1",
        "Ingress",
        &p.name,
        p.namespace.as_deref(),
    );
    ing["metadata"]["annotations"] = json!(annotations);
    let mut spec = json!({"tls": tls(p), "rules": rules(p)});
    if !p.class.is_empty() {
        spec["ingressClassName"] = json!(p.class);
    }
    if !p.default_backend.is_empty() {
        spec["defaultBackend"] = backend(&p.default_backend);
    }
    ing["spec"] = spec;
    Ok(ing)
}

#[cfg(test)]
mod tests {
    use super::super::shape;
    use super::*;

    // kubectl.1.33 create ingress ing --class=default --default-backend=defsvc:http
    //   --rule='foo.com/=svc:https,tls' --rule='foo.com/path/sub*=other:8080'
    //   --rule='bar.com/*=svc2:80,tls=sec' --annotation=a=b --dry-run=client -o yaml
    #[test]
    fn like_kubectl() {
        let p = Params {
            name: "ing".into(),
            class: "default".into(),
            default_backend: "defsvc:http".into(),
            rules: vec![
                "foo.com/=svc:https,tls".into(),
                "foo.com/path/sub*=other:8080".into(),
                "bar.com/*=svc2:80,tls=sec".into(),
            ],
            annotations: vec!["a=b".into()],
            ..Default::default()
        };
        let ing = shape::normalize(&build(&p).unwrap());
        assert_eq!(
            crate::printers::yaml::to_kubectl_yaml(&ing).unwrap(),
            "apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  annotations:
    a: b
  creationTimestamp: null
  name: ing
spec:
  defaultBackend:
    service:
      name: defsvc
      port:
        name: http
  ingressClassName: default
  rules:
  - host: foo.com
    http:
      paths:
      - backend:
          service:
            name: svc
            port:
              name: https
        path: /
        pathType: Exact
      - backend:
          service:
            name: other
            port:
              number: 8080
        path: /path/sub
        pathType: Prefix
  - host: bar.com
    http:
      paths:
      - backend:
          service:
            name: svc2
            port:
              number: 80
        path: /
        pathType: Prefix
  tls:
  - hosts:
    - foo.com
  - hosts:
    - bar.com
    secretName: sec
status:
  loadBalancer: {}
"
        );
    }

    #[test]
    fn rule_syntax() {
        assert!(rule_matches("/path=svc:80"));
        assert!(rule_matches("a.b/x=y=svc:port,tls=s"));
        assert!(!rule_matches("foo.com=svc:80"));
        assert!(!rule_matches("foo.com/=svc"));
        assert!(!rule_matches("foo.com/=:80"));
    }
}
