//! Watch streams: `?watch=true` and the legacy `/watch/` prefix. One JSON event per line,
//! flushed per event; kind/apiVersion on every object; synthetic ADDED for RV unset/"0";
//! history replay from an RV or a 410 `ERROR` event; selectors turn "stopped matching" into
//! DELETED; bookmarks, `sendInitialEvents` with the `k8s.io/initial-events-end` bookmark,
//! `timeoutSeconds`; Table and PartialObjectMetadata representations. Idle watches stay open.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use chrono::Utc;
use futures::StreamExt;
use http::{Response, header};
use http_body_util::{BodyExt, StreamBody};
use hyper::body::Frame;
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::ApiServer;
use super::handlers::{ResourceRequest, Selectors};
use super::http::{Body, Representation};
use super::objects::{
    TABLE_CONTENT_TYPE, include_object, partial_metadata, stored_at_version, with_gvk,
};
use super::status::ApiError;
use super::table::{IncludeObject, build_table};
use crate::resources::Served;
use crate::store::{Event, EventType, WatchFrom};

/// How often a watch with `allowWatchBookmarks=true` gets a BOOKMARK (real servers: ~1 min).
const BOOKMARK_INTERVAL: Duration = Duration::from_secs(30);

struct Encoder {
    served: Served,
    repr: Representation,
    include: IncludeObject,
    first_table: bool,
}

impl Encoder {
    fn object(&mut self, obj: &Value) -> Value {
        let obj = with_gvk(&self.served, obj);
        match self.repr {
            Representation::Object => obj,
            Representation::Metadata => partial_metadata(&obj),
            Representation::Table => {
                let mut t = build_table(
                    &self.served.info.group,
                    &self.served.info.plural,
                    self.served.crd_columns.as_ref(),
                    std::slice::from_ref(&obj),
                    self.include,
                    self.first_table,
                    Utc::now(),
                );
                // Later events carry `"columnDefinitions": null` (build_table without
                // definitions), as the apiserver's watchEmbeddedEncoder sends them.
                self.first_table = false;
                t["metadata"] = json!({"resourceVersion": obj["metadata"]["resourceVersion"]});
                t
            }
        }
    }

    /// One event line; `raw` is `obj` as stored (copied as is when it needs no relabelling).
    fn event(&mut self, ty: &str, obj: &Value, raw: &[u8]) -> Bytes {
        if self.repr == Representation::Object
            && stored_at_version(raw, &self.served.info.group_version())
        {
            // The key order of `line(json!(..))` (sorted), so both paths write the same bytes.
            let mut b = Vec::with_capacity(raw.len() + 32);
            b.extend_from_slice(b"{\"object\":");
            b.extend_from_slice(raw);
            b.extend_from_slice(b",\"type\":");
            serde_json::to_writer(&mut b, ty).ok();
            b.extend_from_slice(b"}\n");
            return Bytes::from(b);
        }
        let o = self.object(obj);
        line(&json!({"type": ty, "object": o}))
    }

    fn bookmark(&self, rv: u64, initial_end: bool) -> Bytes {
        let mut md = json!({"resourceVersion": rv.to_string(), "creationTimestamp": null});
        if initial_end {
            md["annotations"] = json!({"k8s.io/initial-events-end": "true"});
        }
        let obj = match self.repr {
            Representation::Metadata => {
                json!({"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": md})
            }
            _ => {
                json!({"kind": self.served.info.kind, "apiVersion": self.served.info.group_version(),
                        "metadata": md})
            }
        };
        line(&json!({"type": "BOOKMARK", "object": obj}))
    }
}

fn line(v: &Value) -> Bytes {
    let mut b = serde_json::to_vec(v).unwrap_or_default();
    b.push(b'\n');
    Bytes::from(b)
}

fn error_event(e: &ApiError) -> Bytes {
    line(&json!({"type": "ERROR", "object": e.to_status()}))
}

/// What to send for one store event given the selectors (None: nothing).
fn filter(ev: &Event, sel: &Selectors) -> Option<&'static str> {
    let now = sel.matches(&ev.object);
    let before = ev.old.as_ref().is_some_and(|o| sel.matches(o));
    match ev.kind {
        EventType::Added => now.then_some("ADDED"),
        EventType::Deleted => (now || before).then_some("DELETED"),
        EventType::Modified => match (before, now) {
            (true, true) => Some("MODIFIED"),
            (false, true) => Some("ADDED"),
            (true, false) => Some("DELETED"),
            (false, false) => None,
        },
    }
}

/// Starts a watch; the response streams until `timeoutSeconds`, the client goes away, or the
/// watcher falls too far behind (410 ERROR event).
pub fn watch(server: &Arc<ApiServer>, rr: ResourceRequest) -> Result<Response<Body>, ApiError> {
    let sel = Selectors::parse(&rr)?;
    let q = &rr.query;
    let send_initial = q.flag("sendInitialEvents");
    let bookmarks = q.flag("allowWatchBookmarks");
    let from = match q.non_empty("resourceVersion") {
        _ if send_initial => WatchFrom::Now,
        None | Some("0") => WatchFrom::Now,
        Some(rv) => WatchFrom::After(
            rv.parse()
                .map_err(|_| ApiError::bad_request(format!("invalid resource version: {rv}")))?,
        ),
    };
    let timeout = q
        .non_empty("timeoutSeconds")
        .and_then(|t| t.parse::<u64>().ok());
    let repr = super::http::negotiate(&rr.headers);
    let content_type = if repr == Representation::Table {
        TABLE_CONTENT_TYPE
    } else {
        "application/json"
    };
    let mut enc = Encoder {
        served: rr.served.clone(),
        repr,
        include: include_object(q.get("includeObject")),
        first_table: true,
    };
    let ns = if rr.served.info.namespaced {
        rr.namespace.clone()
    } else {
        None
    };
    let key = rr.served.info.key();
    let (tx, rx) = mpsc::channel::<Bytes>(256);
    match server.store.watch(&key, ns.as_deref(), from) {
        Err(e) => {
            let _ = tx.try_send(error_event(&e.to_api_error()));
            drop(tx);
        }
        Ok(mut w) => {
            tokio::spawn(async move {
                let deadline =
                    timeout.map(|t| tokio::time::Instant::now() + Duration::from_secs(t));
                let mut initial_pending = send_initial;
                let mut last_rv = w.snapshot_rv;
                let mut tick = tokio::time::interval(BOOKMARK_INTERVAL);
                tick.tick().await;
                loop {
                    if initial_pending && w.replay_remaining() == 0 {
                        initial_pending = false;
                        if tx.send(enc.bookmark(w.snapshot_rv, true)).await.is_err() {
                            return;
                        }
                    }
                    let sleep = async {
                        match deadline {
                            Some(d) => tokio::time::sleep_until(d).await,
                            None => std::future::pending().await,
                        }
                    };
                    tokio::select! {
                        ev = w.next() => match ev {
                            Ok(ev) => {
                                last_rv = last_rv.max(ev.rv);
                                if let Some(ty) = filter(&ev, &sel) {
                                    let b = enc.event(ty, &ev.object, &ev.raw);
                                    if tx.send(b).await.is_err() {
                                        return;
                                    }
                                }
                            }
                            Err(e) => {
                                let _ = tx.send(error_event(&e.to_api_error())).await;
                                return;
                            }
                        },
                        _ = tick.tick(), if bookmarks => {
                            if tx.send(enc.bookmark(last_rv, false)).await.is_err() {
                                return;
                            }
                        }
                        _ = sleep => return,
                        _ = tx.closed() => return,
                    }
                }
            });
        }
    }
    let stream = futures::stream::unfold(rx, |mut rx| async move {
        rx.recv()
            .await
            .map(|b| (Ok::<_, std::convert::Infallible>(Frame::data(b)), rx))
    })
    .boxed();
    let body: Body = StreamBody::new(stream).boxed_unsync();
    Ok(Response::builder()
        .status(200)
        .header(header::CONTENT_TYPE, content_type)
        .header("Cache-Control", "no-cache, private")
        .body(body)
        .unwrap_or_else(|_| Response::new(super::http::full(Bytes::new()))))
}
