//! `rollout status` on a terminal (kk only): instead of a new "Waiting for..." line on
//! every change, one block redrawn in place — kubectl's current line, then per ReplicaSet
//! (Deployment) or ControllerRevision (DaemonSet, StatefulSet) its desired / updated /
//! ready / available pods, then each stuck pod (a container waiting for a reason such as
//! `ImagePullBackOff` or `CrashLoopBackOff`) with its newest event. The block ends as
//! kubectl's final line. Not a terminal (a pipe, a file): kubectl's lines, byte for byte
//! (see `status.rs`).
//!
//! Shaped as `describe` is: [`related`] fetches, [`render`] draws without I/O, [`Screen`]
//! owns the redrawing.

use std::io;

use serde_json::Value;

use crate::ctx::Ctx;
use crate::error::Result;
use crate::printers::tabwriter::TabWriter;
use crate::resource::polymorphic::{self, Workload};
use crate::resource::visit::{Lister, Requester};
use crate::ui::Ui;
use crate::ui::colour::{Colour, Style};

/// At most this many revisions and stuck pods are shown.
const MAX_ROWS: usize = 5;
const MAX_STUCK: usize = 3;

/// Waiting reasons that are only a pod on its way, not stuck.
const STARTING: &[&str] = &["ContainerCreating", "PodInitializing"];

/// What the block shows besides the workload itself.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Related {
    /// ReplicaSets or ControllerRevisions, oldest revision first.
    pub revisions: Vec<(i64, Value)>,
    /// The workload's pods.
    pub pods: Vec<Value>,
    /// The newest event of each stuck pod, by pod name.
    pub events: Vec<(String, Value)>,
}

/// Everything the block needs, fetched (kubectl's helpers: `polymorphic::history`, the
/// selector's pods, each stuck pod's events). A failed lookup leaves its part empty: the
/// view is a convenience, kubectl's line is the result.
pub async fn related(ctx: &Ctx, requester: &Requester, obj: &Value) -> Related {
    let mut out = Related {
        revisions: polymorphic::history(ctx, requester, obj)
            .await
            .unwrap_or_default(),
        ..Related::default()
    };
    let ns = text(obj, "/metadata/namespace");
    if let Ok(sel) = polymorphic::selector(obj) {
        let path = format!("/api/v1/namespaces/{ns}/pods");
        let pods = Lister::new(requester.clone(), path, vec![("labelSelector", sel)], 0)
            .all_items()
            .await
            .unwrap_or_default();
        out.pods = pods
            .into_iter()
            .filter(|p| polymorphic::is_controlled_by(p, obj) || owned_via_rs(p, &out))
            .collect();
    }
    for pod in out
        .pods
        .iter()
        .filter(|p| stuck_reason(p).is_some())
        .take(MAX_STUCK)
    {
        let name = text(pod, "/metadata/name");
        let path = format!("/api/v1/namespaces/{ns}/events");
        let query = vec![(
            "fieldSelector",
            format!("involvedObject.kind=Pod,involvedObject.name={name}"),
        )];
        let events = Lister::new(requester.clone(), path, query, 0)
            .all_items()
            .await
            .unwrap_or_default();
        if let Some(newest) = events.into_iter().max_by_key(event_time) {
            out.events.push((name.to_string(), newest));
        }
    }
    out
}

/// A Deployment's pods belong to its ReplicaSets.
fn owned_via_rs(pod: &Value, related: &Related) -> bool {
    related
        .revisions
        .iter()
        .any(|(_, rs)| polymorphic::is_controlled_by(pod, rs))
}

/// The block for `obj` whose current kubectl line is `message` (its trailing newline
/// dropped), each line cut to `width` columns.
pub fn render(
    obj: &Value,
    message: &str,
    related: &Related,
    width: usize,
    colour: Colour,
) -> Vec<String> {
    let mut lines = vec![message.trim_end().to_string()];
    let rows = revision_rows(obj, related);
    if !rows.is_empty() {
        let mut tw = TabWriter::new(0, 2, false).colour_escapes(colour.is_on());
        let head = [
            "REVISION",
            "NAME",
            "DESIRED",
            "UPDATED",
            "READY",
            "AVAILABLE",
        ]
        .map(|h| colour.paint(Style::Header, h))
        .join("\t");
        tw.write(&format!("{head}\n"));
        for r in rows {
            tw.write(&format!("{}\n", r.join("\t")));
        }
        lines.extend(tw.flush().lines().map(|l| format!("  {l}")));
    }
    for pod in &related.pods {
        let Some(reason) = stuck_reason(pod) else {
            continue;
        };
        let name = text(pod, "/metadata/name");
        let mut line = format!("  pod/{name}: {}", colour.status(&reason));
        if let Some((_, ev)) = related.events.iter().find(|(p, _)| p == name) {
            line.push_str(&format!(
                " — {}: {}",
                text(ev, "/reason"),
                text(ev, "/message").trim_end()
            ));
        }
        lines.push(line);
        if lines.len() > MAX_ROWS + MAX_STUCK + 2 {
            break;
        }
    }
    lines.into_iter().map(|l| cut(&l, width)).collect()
}

/// One table row per revision: newest first, the ones with pods (and the newest) only.
fn revision_rows(obj: &Value, related: &Related) -> Vec<[String; 6]> {
    let n = |v: &Value, p: &str| v.pointer(p).and_then(Value::as_i64).unwrap_or(0);
    let mut rows = Vec::new();
    match Workload::of(obj) {
        Some(Workload::Deployment) => {
            let sets: Vec<Value> = related.revisions.iter().map(|(_, v)| v.clone()).collect();
            let newest = polymorphic::new_replica_set(obj, &sets)
                .map(|rs| text(rs, "/metadata/name").to_string());
            for (rev, rs) in related.revisions.iter().rev() {
                let name = text(rs, "/metadata/name");
                let is_new = newest.as_deref() == Some(name);
                if !is_new && n(rs, "/spec/replicas") == 0 && n(rs, "/status/replicas") == 0 {
                    continue;
                }
                rows.push([
                    rev.to_string(),
                    if is_new {
                        format!("{name} (new)")
                    } else {
                        name.to_string()
                    },
                    n(rs, "/spec/replicas").to_string(),
                    if is_new {
                        n(rs, "/status/replicas").to_string()
                    } else {
                        "0".into()
                    },
                    n(rs, "/status/readyReplicas").to_string(),
                    n(rs, "/status/availableReplicas").to_string(),
                ]);
            }
        }
        Some(kind @ (Workload::DaemonSet | Workload::StatefulSet)) => {
            let (desired, updated, update_revision) = if kind == Workload::DaemonSet {
                let update = related
                    .revisions
                    .last()
                    .map(|(_, cr)| text(cr, "/metadata/name").to_string());
                (
                    n(obj, "/status/desiredNumberScheduled"),
                    n(obj, "/status/updatedNumberScheduled"),
                    update,
                )
            } else {
                (
                    obj.pointer("/spec/replicas")
                        .and_then(Value::as_i64)
                        .unwrap_or(1),
                    n(obj, "/status/updatedReplicas"),
                    Some(text(obj, "/status/updateRevision").to_string()),
                )
            };
            for (rev, cr) in related.revisions.iter().rev() {
                let name = text(cr, "/metadata/name");
                let pods: Vec<&Value> = related
                    .pods
                    .iter()
                    .filter(|p| text(p, "/metadata/labels/controller-revision-hash") == name)
                    .collect();
                let is_new = update_revision.as_deref() == Some(name);
                if !is_new && pods.is_empty() {
                    continue;
                }
                let ready = pods.iter().filter(|p| pod_ready(p)).count();
                rows.push([
                    rev.to_string(),
                    if is_new {
                        format!("{name} (new)")
                    } else {
                        name.to_string()
                    },
                    if is_new {
                        desired.to_string()
                    } else {
                        "0".into()
                    },
                    if is_new {
                        updated.to_string()
                    } else {
                        "0".into()
                    },
                    ready.to_string(),
                    ready.to_string(),
                ]);
            }
        }
        _ => {}
    }
    rows.truncate(MAX_ROWS);
    rows
}

/// Why a pod is stuck: the first container (init containers first) waiting for another
/// reason than starting up.
pub fn stuck_reason(pod: &Value) -> Option<String> {
    ["/status/initContainerStatuses", "/status/containerStatuses"]
        .iter()
        .filter_map(|p| pod.pointer(p).and_then(Value::as_array))
        .flatten()
        .filter_map(|c| c.pointer("/state/waiting/reason").and_then(Value::as_str))
        .find(|r| !r.is_empty() && !STARTING.contains(r))
        .map(str::to_string)
}

fn pod_ready(pod: &Value) -> bool {
    pod.pointer("/status/conditions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .any(|c| {
            c.get("type").and_then(Value::as_str) == Some("Ready")
                && c.get("status").and_then(Value::as_str) == Some("True")
        })
}

/// When an event last happened (RFC 3339 sorts as text).
fn event_time(ev: &Value) -> String {
    [
        "/lastTimestamp",
        "/eventTime",
        "/metadata/creationTimestamp",
    ]
    .iter()
    .find_map(|p| ev.pointer(p).and_then(Value::as_str))
    .unwrap_or("")
    .to_string()
}

fn text<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

/// `line` cut to `width` visible columns (colour escapes kept whole).
fn cut(line: &str, width: usize) -> String {
    let mut out = String::new();
    let mut shown = 0;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            out.push(c);
            for e in chars.by_ref() {
                out.push(e);
                if e.is_ascii_alphabetic() {
                    break;
                }
            }
            continue;
        }
        if shown + 1 > width {
            // Close any open colour.
            if out.contains('\x1b') {
                out.push_str("\x1b[0m");
            }
            break;
        }
        out.push(c);
        shown += 1;
    }
    out
}

/// The block on the terminal: each draw replaces the previous one in place.
pub struct Screen<'a> {
    ui: &'a Ui,
    drawn: usize,
    last: Vec<String>,
}

impl<'a> Screen<'a> {
    /// Nothing drawn yet.
    pub fn new(ui: &'a Ui) -> Self {
        Screen {
            ui,
            drawn: 0,
            last: Vec::new(),
        }
    }

    /// The terminal's width (80 when it cannot be read).
    pub fn width() -> usize {
        crate::stream::terminal::size().map_or(80, |s| usize::from(s.width).max(20)) - 1
    }

    /// Replace the block with `lines` (nothing is written when they did not change).
    pub fn draw(&mut self, lines: Vec<String>) -> io::Result<()> {
        if lines == self.last {
            return Ok(());
        }
        let mut out = self.erase_sequence();
        for l in &lines {
            out.push_str(l);
            out.push('\n');
        }
        self.drawn = lines.len();
        self.last = lines;
        self.ui.print(&out)?;
        self.ui.flush()
    }

    /// Replace the block with kubectl's final line and, after a failure, the stuck pods'
    /// lines of the last block (the rest of it is gone).
    pub fn finish(&mut self, final_line: &str, keep_stuck: bool) -> io::Result<()> {
        let mut out = self.erase_sequence();
        out.push_str(final_line);
        if keep_stuck {
            for l in self.last.iter().filter(|l| l.starts_with("  pod/")) {
                out.push_str(l);
                out.push('\n');
            }
        }
        self.drawn = 0;
        self.last.clear();
        self.ui.print(&out)?;
        self.ui.flush()
    }

    /// Back to the block's first line, and the screen below cleared.
    fn erase_sequence(&self) -> String {
        if self.drawn == 0 {
            return String::new();
        }
        format!("\r\x1b[{}A\x1b[J", self.drawn)
    }
}

/// The newest version of the watched object and kubectl's line for it.
pub type Latest = std::cell::RefCell<Option<(Value, String)>>;

/// Redraw the block whenever the object changes (`changed`) and every second (pods and
/// events change without it); never ends.
pub async fn redraw(
    ctx: &Ctx,
    requester: &Requester,
    latest: &Latest,
    changed: &tokio::sync::Notify,
    screen: &std::cell::RefCell<Screen<'_>>,
) -> Result<()> {
    loop {
        let current = latest.borrow().clone();
        if let Some((obj, message)) = current {
            let related = related(ctx, requester, &obj).await;
            // The object may have moved on while the lookups ran: draw the newest line.
            let message = latest.borrow().as_ref().map_or(message, |(_, m)| m.clone());
            let lines = render(&obj, &message, &related, Screen::width(), ctx.ui().colour());
            screen.borrow_mut().draw(lines)?;
        }
        tokio::select! {
            () = changed.notified() => {}
            () = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn deployment() -> Value {
        json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "namespace": "ns", "uid": "d"},
            "spec": {"replicas": 2, "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "web", "image": "b"}]}}},
        })
    }

    fn rs(name: &str, rev: i64, image: &str, replicas: i64, ready: i64) -> (i64, Value) {
        (
            rev,
            json!({
                "metadata": {"name": name, "creationTimestamp": format!("2026-01-0{rev}T00:00:00Z"),
                             "ownerReferences": [{"uid": "d", "controller": true}]},
                "spec": {"replicas": replicas, "template": {"metadata": {"labels": {"app": "web", "pod-template-hash": name}}, "spec": {"containers": [{"name": "web", "image": image}]}}},
                "status": {"replicas": replicas, "readyReplicas": ready, "availableReplicas": ready},
            }),
        )
    }

    #[test]
    fn a_deployment_block() {
        let related = Related {
            revisions: vec![
                rs("web-a", 1, "a", 2, 2),
                rs("web-z", 2, "z", 0, 0),
                rs("web-b", 3, "b", 1, 0),
            ],
            pods: vec![json!({
                "metadata": {"name": "web-b-x"},
                "status": {"containerStatuses": [{"state": {"waiting": {"reason": "CrashLoopBackOff"}}}]},
            })],
            events: vec![(
                "web-b-x".into(),
                json!({"reason": "BackOff", "message": "Back-off restarting failed container web"}),
            )],
        };
        let lines = render(
            &deployment(),
            "Waiting for deployment \"web\" rollout to finish: 1 out of 2 new replicas have been updated...\n",
            &related,
            200,
            Colour::OFF,
        );
        assert_eq!(
            lines,
            [
                "Waiting for deployment \"web\" rollout to finish: 1 out of 2 new replicas have been updated...",
                "  REVISION  NAME         DESIRED  UPDATED  READY  AVAILABLE",
                "  3         web-b (new)  1        1        0      0",
                "  1         web-a        2        0        2      2",
                "  pod/web-b-x: CrashLoopBackOff — BackOff: Back-off restarting failed container web",
            ]
        );
        assert_eq!(
            render(&deployment(), "x\n", &related, 12, Colour::OFF)[1],
            "  REVISION  "
        );
    }

    #[test]
    fn starting_pods_are_not_stuck() {
        let pod = |reason: &str| json!({"status": {"containerStatuses": [{"state": {"waiting": {"reason": reason}}}]}});
        assert_eq!(stuck_reason(&pod("ContainerCreating")), None);
        assert_eq!(
            stuck_reason(&pod("ImagePullBackOff")).as_deref(),
            Some("ImagePullBackOff")
        );
        assert_eq!(stuck_reason(&json!({"status": {}})), None);
    }
}
