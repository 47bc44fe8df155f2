//! The kubelet's prober for one container run: startup, liveness and readiness probes on
//! their schedules (`initialDelaySeconds`, `periodSeconds`, `successThreshold`,
//! `failureThreshold`, scaled by `--speed`), the `Unhealthy` events they record ("Liveness
//! probe failed: HTTP probe failed with statuscode: 500"), readiness as the pod's READY column
//! sees it, and the `Killing` of a container whose liveness or startup probe failed.
//!
//! Documented overrides (pod annotations, for tests and demos; `.<container>` narrows one to
//! a container): `kk-sim.io/liveness-fail-after: 20s` fails liveness probes after that much
//! container uptime, `kk-sim.io/readiness-fail: "true"` fails readiness probes.

use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::sync::mpsc;

use super::probes::{ProbeResult, run_probe};
use super::streams::portforward::Dialer;
use crate::runtime::shell::ShellContext;

/// What the prober tells the container's loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Readiness changed.
    Ready(bool),
    /// A failed probe: the event's message (`Readiness probe failed: ...`).
    Unhealthy(String),
    /// The liveness or startup probe failed for good: kill and restart, with this `Killing`
    /// message.
    Kill(String),
}

/// A pod annotation for container `c`: `key.<c>` first, then `key`.
pub fn annotation<'a>(pod: &'a Value, key: &str, c: &str) -> Option<&'a str> {
    let ann = pod.pointer("/metadata/annotations")?;
    ann.get(format!("{key}.{c}"))
        .or_else(|| ann.get(key))
        .and_then(Value::as_str)
}

/// `20s`, `1m30s`, `1.5`: a Go-ish duration (a bare number is seconds).
pub fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    if let Ok(n) = s.parse::<f64>() {
        return (n >= 0.0).then(|| Duration::from_secs_f64(n));
    }
    let mut total = 0f64;
    let mut num = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let unit = if c == 'm' && chars.peek() == Some(&'s') {
            chars.next();
            0.001
        } else {
            match c {
                'h' => 3600.0,
                'm' => 60.0,
                's' => 1.0,
                _ => return None,
            }
        };
        total += num.parse::<f64>().ok()? * unit;
        num.clear();
    }
    (num.is_empty()).then(|| Duration::from_secs_f64(total))
}

fn secs(probe: &Value, key: &str, default: u64) -> Duration {
    Duration::from_secs(probe[key].as_u64().unwrap_or(default))
}

fn count(probe: &Value, key: &str, default: u64) -> u64 {
    probe[key].as_u64().unwrap_or(default).max(1)
}

/// The failure a forced override reports for this probe's handler.
fn forced_failure(probe: &Value, pod_ip: &str) -> String {
    if probe.get("httpGet").is_some() {
        "HTTP probe failed with statuscode: 500".into()
    } else if let Some(t) = probe.get("tcpSocket") {
        format!(
            "dial tcp {pod_ip}:{}: connect: connection refused",
            t["port"]
        )
    } else {
        "command terminated with non-zero exit code: exit status 1".into()
    }
}

/// Everything one probe loop needs.
pub struct ProbeTarget {
    pub pod: Value,
    pub container: Value,
    pub dialer: Dialer,
    pub pod_ip: String,
    pub ctx: ShellContext,
    pub started: Instant,
}

impl ProbeTarget {
    async fn probe(&self, kind: &str, probe: &Value) -> ProbeResult {
        let cname = self.container["name"].as_str().unwrap_or("");
        let forced = match kind {
            "Liveness" => annotation(&self.pod, "kk-sim.io/liveness-fail-after", cname)
                .and_then(parse_duration)
                .is_some_and(|d| crate::clock::simulated(self.started.elapsed()) >= d),
            "Readiness" => annotation(&self.pod, "kk-sim.io/readiness-fail", cname) == Some("true"),
            _ => false,
        };
        if forced {
            return ProbeResult::Failure(forced_failure(probe, &self.pod_ip));
        }
        run_probe(
            probe,
            &self.container,
            &self.dialer,
            &self.pod_ip,
            &self.ctx,
        )
        .await
    }
}

/// Runs the container's probes until the receiver goes away (the run ended). Without a
/// readiness probe the container is ready as soon as it started (and its startup probe, if
/// any, succeeded).
pub async fn run(t: ProbeTarget, tx: mpsc::UnboundedSender<Verdict>) {
    let c = t.container.clone();
    let cname = c["name"].as_str().unwrap_or("").to_string();
    let sleep = |d: Duration| tokio::time::sleep(crate::clock::scaled(d));
    // Startup probe: nothing else runs until it succeeds.
    if let Some(p) = c.get("startupProbe") {
        sleep(secs(p, "initialDelaySeconds", 0)).await;
        let threshold = count(p, "failureThreshold", 3);
        let mut failures = 0;
        loop {
            match t.probe("Startup", p).await {
                ProbeResult::Success => break,
                ProbeResult::Failure(msg) => {
                    failures += 1;
                    if tx
                        .send(Verdict::Unhealthy(format!("Startup probe failed: {msg}")))
                        .is_err()
                    {
                        return;
                    }
                    if failures >= threshold {
                        let _ = tx.send(Verdict::Kill(format!(
                            "Container {cname} failed startup probe, will be restarted"
                        )));
                        return;
                    }
                }
            }
            sleep(secs(p, "periodSeconds", 10)).await;
        }
    }
    let readiness = c.get("readinessProbe").cloned();
    if readiness.is_none() && tx.send(Verdict::Ready(true)).is_err() {
        return;
    }
    let liveness = c.get("livenessProbe").cloned();
    let ready_task = readiness.map(|p| {
        let tx = tx.clone();
        let t = &t;
        async move {
            sleep(secs(&p, "initialDelaySeconds", 0)).await;
            let (need_ok, need_fail) = (
                count(&p, "successThreshold", 1),
                count(&p, "failureThreshold", 3),
            );
            let (mut oks, mut fails, mut ready) = (0u64, 0u64, false);
            loop {
                match t.probe("Readiness", &p).await {
                    ProbeResult::Success => {
                        oks += 1;
                        fails = 0;
                        if !ready && oks >= need_ok {
                            ready = true;
                            if tx.send(Verdict::Ready(true)).is_err() {
                                return;
                            }
                        }
                    }
                    ProbeResult::Failure(msg) => {
                        fails += 1;
                        oks = 0;
                        if tx
                            .send(Verdict::Unhealthy(format!("Readiness probe failed: {msg}")))
                            .is_err()
                        {
                            return;
                        }
                        if ready && fails >= need_fail {
                            ready = false;
                            if tx.send(Verdict::Ready(false)).is_err() {
                                return;
                            }
                        }
                    }
                }
                sleep(secs(&p, "periodSeconds", 10)).await;
            }
        }
    });
    let live_task = liveness.map(|p| {
        let tx = tx.clone();
        let t = &t;
        let cname = cname.clone();
        async move {
            sleep(secs(&p, "initialDelaySeconds", 0)).await;
            let need_fail = count(&p, "failureThreshold", 3);
            let mut fails = 0u64;
            loop {
                match t.probe("Liveness", &p).await {
                    ProbeResult::Success => fails = 0,
                    ProbeResult::Failure(msg) => {
                        fails += 1;
                        if tx
                            .send(Verdict::Unhealthy(format!("Liveness probe failed: {msg}")))
                            .is_err()
                        {
                            return;
                        }
                        if fails >= need_fail {
                            let _ = tx.send(Verdict::Kill(format!(
                                "Container {cname} failed liveness probe, will be restarted"
                            )));
                            return;
                        }
                    }
                }
                sleep(secs(&p, "periodSeconds", 10)).await;
            }
        }
    });
    let ready_fut = async {
        if let Some(f) = ready_task {
            f.await
        } else {
            std::future::pending::<()>().await
        }
    };
    let live_fut = async {
        if let Some(f) = live_task {
            f.await
        } else {
            std::future::pending::<()>().await
        }
    };
    // A Kill ends the run; otherwise both loops go on until the container stops.
    tokio::select! {
        _ = ready_fut => {}
        _ = live_fut => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("20s"), Some(Duration::from_secs(20)));
        assert_eq!(parse_duration("1m30s"), Some(Duration::from_secs(90)));
        assert_eq!(parse_duration("2"), Some(Duration::from_secs(2)));
        assert_eq!(parse_duration("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(parse_duration("x"), None);
    }
}
