//! `kk cluster-info`: the control plane address and every Service labelled
//! `kubernetes.io/cluster-service=true` in kube-system (or `-n`), with kubectl's proxy URLs.

pub mod dump;

use serde_json::Value;

use crate::ctx::Ctx;
use crate::error::Result;

/// Display addresses of the control plane and services with label
/// kubernetes.io/cluster-service=true.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Subcommand>,
}

/// `cluster-info`'s subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Subcommand {
    /// Dump relevant information for debugging and diagnosis
    #[command(long_about = dump::ABOUT, after_long_help = dump::EXAMPLES)]
    Dump(dump::Args),
}

const TRAILER: &str =
    "\nTo further debug and diagnose cluster problems, use 'kk cluster-info dump'.\n";

/// Run `cluster-info`. The trailer is printed even when listing failed, as kubectl does.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    if let Some(Subcommand::Dump(a)) = &args.command {
        return dump::run(ctx, a).await;
    }
    let result = lines(ctx).await;
    if let Ok(text) = &result {
        ctx.ui().print(text)?;
    }
    ctx.ui().print(TRAILER)?;
    result.map(|_| ())
}

async fn lines(ctx: &Ctx) -> Result<String> {
    let settings = ctx.client_settings().await?;
    let host = settings
        .config
        .cluster_url
        .to_string()
        .trim_end_matches('/')
        .to_string();
    let ns = ctx
        .global()
        .namespace
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "kube-system".into());
    let client = ctx.client().await?;
    let path = crate::resource::request::with_query(
        &format!("/api/v1/namespaces/{ns}/services"),
        &[("labelSelector", "kubernetes.io/cluster-service=true".into())],
    );
    let req = http::Request::get(path)
        .header(http::header::ACCEPT, "application/json, */*")
        .body(Vec::new())
        .map_err(|e| crate::error::Error::msg(e.to_string()))?;
    let list: Value = client.request(req).await.map_err(|e| ctx.kube_error(e))?;
    let mut out = format!("Kubernetes control plane is running at {host}\n");
    for svc in list
        .get("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (name, link) = service_line(svc, &host);
        out.push_str(&format!("{name} is running at {link}\n"));
    }
    Ok(out)
}

fn s<'a>(v: &'a Value, p: &str) -> &'a str {
    v.pointer(p).and_then(Value::as_str).unwrap_or("")
}

/// The display name and link kubectl prints for one Service.
pub fn service_line(svc: &Value, host: &str) -> (String, String) {
    let name = s(svc, "/metadata/name");
    let ns = s(svc, "/metadata/namespace");
    let empty = Vec::new();
    let ports = svc
        .pointer("/spec/ports")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let ingress = svc
        .pointer("/status/loadBalancer/ingress/0")
        .filter(|i| i.is_object());
    let link = if let Some(ing) = ingress {
        let ip = match s(ing, "/ip") {
            "" => s(ing, "/hostname"),
            ip => ip,
        };
        ports
            .iter()
            .map(|p| {
                let port = p.get("port").and_then(Value::as_i64).unwrap_or(0);
                format!("http://{ip}:{port} ")
            })
            .collect::<String>()
    } else {
        let mut target = name.to_string();
        if let Some(p) = ports.first() {
            let pname = s(p, "/name");
            let port = p.get("port").and_then(Value::as_i64).unwrap_or(0);
            let scheme = if pname == "https" || port == 443 {
                "https"
            } else {
                ""
            };
            target = if !scheme.is_empty() {
                format!("{scheme}:{name}:{pname}")
            } else if !pname.is_empty() {
                format!("{name}:{pname}")
            } else {
                name.to_string()
            };
        }
        format!("{host}/api/v1/namespaces/{ns}/services/{target}/proxy")
    };
    let display = svc
        .pointer("/metadata/labels/kubernetes.io~1name")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
        .unwrap_or(name);
    (display.to_string(), link)
}

/// The long description of `ClusterInfo` (help and man page).
pub const ABOUT: &str = r#"Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kk cluster-info dump'."#;

/// Examples for `ClusterInfo`.
pub const EXAMPLES: &str = r#"  # Print the address of the control plane and cluster services
  kk cluster-info"#;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn links_like_kubectl() {
        let dns = json!({"metadata": {"name": "kube-dns", "namespace": "kube-system",
            "labels": {"kubernetes.io/name": "CoreDNS"}},
            "spec": {"ports": [{"name": "dns", "port": 53}]}});
        assert_eq!(
            service_line(&dns, "https://h:6443"),
            (
                "CoreDNS".to_string(),
                "https://h:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy"
                    .to_string()
            )
        );
        let tls = json!({"metadata": {"name": "m", "namespace": "x"},
            "spec": {"ports": [{"port": 443}]}});
        assert_eq!(
            service_line(&tls, "https://h").1,
            "https://h/api/v1/namespaces/x/services/https:m:/proxy"
        );
        let lb = json!({"metadata": {"name": "lb", "namespace": "x"},
            "spec": {"ports": [{"port": 80}, {"port": 81}]},
            "status": {"loadBalancer": {"ingress": [{"ip": "1.2.3.4"}]}}});
        assert_eq!(
            service_line(&lb, "h").1,
            "http://1.2.3.4:80 http://1.2.3.4:81 "
        );
    }
}
