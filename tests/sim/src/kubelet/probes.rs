//! Container probes (`httpGet`, `tcpSocket`, `exec`) run against the simulated container:
//! HTTP and TCP probes dial the container's port servers through the pod's [`Dialer`], exec
//! probes run in the built-in shell. Failure texts are the kubelet's, since they end up in
//! `Unhealthy` events (`Readiness probe failed: <text>`).

use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::streams::portforward::Dialer;
use crate::runtime::shell::{self, ShellContext, ShellIo};

/// The outcome of one probe run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProbeResult {
    Success,
    /// The kubelet's failure message.
    Failure(String),
}

fn dial_failure(pod_ip: &str, port: u16, e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::ConnectionRefused {
        format!("dial tcp {pod_ip}:{port}: connect: connection refused")
    } else {
        format!("dial tcp {pod_ip}:{port}: {e}")
    }
}

/// `httpGet`: success for a 2xx/3xx status.
pub async fn http_get(
    dialer: &Dialer,
    pod_ip: &str,
    port: u16,
    path: &str,
    timeout: Duration,
) -> ProbeResult {
    let url = format!("http://{pod_ip}:{port}{path}");
    let attempt = async {
        let mut conn = dialer(port)
            .await
            .map_err(|e| dial_failure(pod_ip, port, &e))?;
        let req = format!(
            "GET {path} HTTP/1.1\r\nHost: {pod_ip}:{port}\r\nUser-Agent: kube-probe/1.33\r\nAccept: */*\r\nConnection: close\r\n\r\n"
        );
        conn.write_all(req.as_bytes())
            .await
            .map_err(|e| e.to_string())?;
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        while !head.windows(2).any(|w| w == b"\r\n") {
            let n = conn.read(&mut buf).await.map_err(|e| e.to_string())?;
            if n == 0 {
                return Err("EOF".to_string());
            }
            head.extend_from_slice(&buf[..n]);
        }
        let line = String::from_utf8_lossy(&head);
        line.split_whitespace()
            .nth(1)
            .and_then(|c| c.parse::<u16>().ok())
            .ok_or_else(|| "malformed HTTP response".to_string())
    };
    match tokio::time::timeout(timeout, attempt).await {
        Err(_) => ProbeResult::Failure(format!(
            "Get \"{url}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"
        )),
        Ok(Err(e)) => ProbeResult::Failure(format!("Get \"{url}\": {e}")),
        Ok(Ok(code)) if (200..400).contains(&code) => ProbeResult::Success,
        Ok(Ok(code)) => ProbeResult::Failure(format!("HTTP probe failed with statuscode: {code}")),
    }
}

/// `tcpSocket`: success when the port accepts a connection.
pub async fn tcp_socket(
    dialer: &Dialer,
    pod_ip: &str,
    port: u16,
    timeout: Duration,
) -> ProbeResult {
    match tokio::time::timeout(timeout, dialer(port)).await {
        Err(_) => ProbeResult::Failure(format!("dial tcp {pod_ip}:{port}: i/o timeout")),
        Ok(Err(e)) => ProbeResult::Failure(dial_failure(pod_ip, port, &e)),
        Ok(Ok(_)) => ProbeResult::Success,
    }
}

/// `exec`: success when the command exits 0; otherwise its output is the message.
pub async fn exec(command: &[String], ctx: &ShellContext, timeout: Duration) -> ProbeResult {
    let out = shell::OutputBuffer::default();
    let io = ShellIo {
        stdin: None,
        stdout: Box::new(out.clone()),
        stderr: Box::new(out.clone()),
        size: shell::term_size(),
    };
    match tokio::time::timeout(timeout, shell::run(command, ctx, io, false)).await {
        Err(_) => ProbeResult::Failure(format!("command \"{}\" timed out", command.join(" "))),
        Ok(0) => ProbeResult::Success,
        Ok(_) => ProbeResult::Failure(out.text()),
    }
}

/// Runs the probe described by a container's `readinessProbe`/`livenessProbe`/`startupProbe`
/// JSON. A named port is looked up in `container.ports`. A probe with no handler succeeds
/// (the apiserver would have rejected it).
pub async fn run_probe(
    probe: &Value,
    container: &Value,
    dialer: &Dialer,
    pod_ip: &str,
    ctx: &ShellContext,
) -> ProbeResult {
    let timeout = Duration::from_secs(probe["timeoutSeconds"].as_u64().unwrap_or(1).max(1));
    let port_of = |p: &Value| -> Option<u16> {
        match p {
            Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
            Value::String(name) => container["ports"]
                .as_array()?
                .iter()
                .find(|cp| cp["name"] == name.as_str())
                .and_then(|cp| cp["containerPort"].as_u64())
                .and_then(|n| u16::try_from(n).ok()),
            _ => None,
        }
    };
    if let Some(h) = probe.get("httpGet") {
        let Some(port) = port_of(&h["port"]) else {
            return ProbeResult::Failure(format!("unable to find port {}", h["port"]));
        };
        let path = h["path"].as_str().unwrap_or("/");
        return http_get(dialer, pod_ip, port, path, timeout).await;
    }
    if let Some(t) = probe.get("tcpSocket") {
        let Some(port) = port_of(&t["port"]) else {
            return ProbeResult::Failure(format!("unable to find port {}", t["port"]));
        };
        return tcp_socket(dialer, pod_ip, port, timeout).await;
    }
    if let Some(cmd) = probe.pointer("/exec/command").and_then(Value::as_array) {
        let argv: Vec<String> = cmd
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect();
        return exec(&argv, ctx, timeout).await;
    }
    ProbeResult::Success
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::kubelet::streams::portforward::loopback_dialer;
    use crate::runtime::ports::serve_container_port;

    #[tokio::test]
    async fn probes_against_the_builtin_server() {
        let srv = serve_container_port("p", "default", "example/app", 8080);
        let dialer = loopback_dialer(HashMap::from([(8080, std::sync::Arc::new(srv))]));
        let ctx = ShellContext::for_container("p", "default", "10.0.0.9", &[]);
        let t = Duration::from_secs(2);
        assert_eq!(
            http_get(&dialer, "10.0.0.9", 8080, "/healthz", t).await,
            ProbeResult::Success
        );
        assert_eq!(
            http_get(&dialer, "10.0.0.9", 9090, "/", t).await,
            ProbeResult::Failure(
                "Get \"http://10.0.0.9:9090/\": dial tcp 10.0.0.9:9090: connect: connection refused"
                    .into()
            )
        );
        assert_eq!(
            http_get(&dialer, "10.0.0.9", 8080, "/bytes/x", t).await,
            ProbeResult::Failure("HTTP probe failed with statuscode: 400".into())
        );
        assert_eq!(
            tcp_socket(&dialer, "10.0.0.9", 8080, t).await,
            ProbeResult::Success
        );
        let c =
            serde_json::json!({"name": "c", "ports": [{"name": "http", "containerPort": 8080}]});
        let probe = serde_json::json!({"httpGet": {"path": "/", "port": "http"}});
        assert_eq!(
            run_probe(&probe, &c, &dialer, "10.0.0.9", &ctx).await,
            ProbeResult::Success
        );
        let probe =
            serde_json::json!({"exec": {"command": ["sh", "-c", "echo not ready; exit 1"]}});
        assert_eq!(
            run_probe(&probe, &c, &dialer, "10.0.0.9", &ctx).await,
            ProbeResult::Failure("not ready\n".into())
        );
        let probe = serde_json::json!({"exec": {"command": ["cat", "/etc/hostname"]}});
        assert_eq!(
            run_probe(&probe, &c, &dialer, "10.0.0.9", &ctx).await,
            ProbeResult::Success
        );
    }
}
