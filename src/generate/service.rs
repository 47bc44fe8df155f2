//! `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME [--tcp=port[:target]]
//! [--clusterip] [--node-port] [--external-name]` (`create_service.go`): selector and label
//! `app=NAME`, one TCP port per `--tcp`, named after it (`5678:8080` → `5678-8080`).

use serde_json::{Value, json};

use super::validation;

/// What `create service <type>` was given.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// The Service's name.
    pub name: String,
    /// `ClusterIP`, `NodePort`, `LoadBalancer` or `ExternalName`.
    pub type_: String,
    /// `--tcp` port specs.
    pub tcp: Vec<String>,
    /// `--clusterip` (`None`: headless).
    pub cluster_ip: String,
    /// `--node-port` (0: unset).
    pub node_port: i64,
    /// `--external-name`.
    pub external_name: String,
    /// `-n` when given explicitly.
    pub namespace: Option<String>,
}

/// kubectl's `Validate()`.
pub fn validate(p: &Params) -> Result<(), String> {
    if p.cluster_ip == "None" && p.type_ != "ClusterIP" {
        return Err("ClusterIP=None can only be used with ClusterIP service type".into());
    }
    if p.cluster_ip != "None" && p.tcp.is_empty() && p.type_ != "ExternalName" {
        return Err("at least one tcp port specifier must be provided".into());
    }
    if p.type_ == "ExternalName" && !validation::is_dns1123_subdomain(&p.external_name).is_empty() {
        return Err(format!("invalid service external name {}", p.external_name));
    }
    Ok(())
}

/// `utilsnet.ParsePort(s, true)`: Go's `strconv.ParseUint(s, 10, 16)`.
fn parse_port(s: &str) -> Result<i64, String> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("strconv.ParseUint: parsing {s:?}: invalid syntax"));
    }
    match s.parse::<u16>() {
        Ok(n) => Ok(n as i64),
        Err(_) => Err(format!(
            "strconv.ParseUint: parsing {s:?}: value out of range"
        )),
    }
}

/// `parsePorts`: `port[:targetPort]`, the target a number or a port name.
pub fn parse_ports(spec: &str) -> Result<(i64, Value), String> {
    let parts: Vec<&str> = spec.split(':').collect();
    let port = parse_port(parts[0])?;
    if parts.len() == 1 {
        return Ok((port, json!(port)));
    }
    let target = parts[1];
    match crate::go::atoi(target) {
        None => {
            let errs = validation::is_valid_port_name(target);
            if !errs.is_empty() {
                return Err(errs.join(","));
            }
            Ok((port, json!(target)))
        }
        Some(n) => {
            if !(1..=65535).contains(&n) {
                return Err("must be between 1 and 65535, inclusive".into());
            }
            Ok((port, json!(n)))
        }
    }
}

/// The Service.
pub fn build(p: &Params) -> Result<Value, String> {
    validate(p)?;
    let mut ports = Vec::new();
    for spec in &p.tcp {
        let (port, target) = parse_ports(spec)?;
        let mut sp = json!({
            "name": spec.replace(':', "-"),
            "port": port,
            "targetPort": target,
            "protocol": "TCP",
        });
        if p.node_port != 0 {
            sp["nodePort"] = json!(p.node_port as i32);
        }
        ports.push(sp);
    }
    let mut s = super::object("v1", "Service", &p.name, p.namespace.as_deref());
    s["metadata"]["labels"] = json!({"app": p.name});
    s["spec"] = json!({
        "type": p.type_,
        "selector": {"app": p.name},
        "ports": ports,
        "externalName": p.external_name,
    });
    if !p.cluster_ip.is_empty() {
        s["spec"]["clusterIP"] = json!(p.cluster_ip);
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::super::shape;
    use super::*;

    // kubectl.1.33 create service clusterip my-cs --tcp=5678:8080 --tcp=80:http
    //   --dry-run=client -o yaml
    #[test]
    fn clusterip_like_kubectl() {
        let p = Params {
            name: "my-cs".into(),
            type_: "ClusterIP".into(),
            tcp: vec!["5678:8080".into(), "80:http".into()],
            ..Default::default()
        };
        let s = shape::normalize(&build(&p).unwrap());
        assert_eq!(
            crate::printers::yaml::to_kubectl_yaml(&s).unwrap(),
            "apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: my-cs
  name: my-cs
spec:
  ports:
  - name: 5678-8080
    port: 5678
    protocol: TCP
    targetPort: 8080
  - name: 80-http
    port: 80
    protocol: TCP
    targetPort: http
  selector:
    app: my-cs
  type: ClusterIP
status:
  loadBalancer: {}
"
        );
    }

    #[test]
    fn errors_like_kubectl() {
        assert_eq!(
            parse_ports("x").unwrap_err(),
            "strconv.ParseUint: parsing \"x\": invalid syntax"
        );
        assert_eq!(
            parse_ports("70000").unwrap_err(),
            "strconv.ParseUint: parsing \"70000\": value out of range"
        );
        assert_eq!(
            parse_ports("80:0").unwrap_err(),
            "must be between 1 and 65535, inclusive"
        );
        let p = Params {
            name: "x".into(),
            type_: "NodePort".into(),
            cluster_ip: "None".into(),
            ..Default::default()
        };
        assert_eq!(
            validate(&p).unwrap_err(),
            "ClusterIP=None can only be used with ClusterIP service type"
        );
    }
}
