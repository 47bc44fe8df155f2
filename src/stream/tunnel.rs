//! One upgraded connection for a whole port-forward session, as kubectl 1.33 does
//! (KEP-4006, `PortForwardWebsockets`): a WebSocket with the subprotocol
//! `SPDY/3.1+portforward.k8s.io` whose binary messages carry a SPDY/3.1 byte stream
//! ([`super::spdy`]). Every forwarded connection is a pair of SPDY streams sharing a
//! `requestid` — `error` (the server's messages) and `data` (the bytes) — so a new
//! connection costs two frames instead of a TLS handshake and an upgrade.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use futures::{SinkExt, StreamExt};
use http::header;
use tokio::sync::mpsc;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::Role;

use super::spdy::{CANCEL, Decoder, Encoder, Frame};

/// The WebSocket subprotocol of the tunnel.
pub const PROTOCOL: &str = "SPDY/3.1+portforward.k8s.io";

/// Frames queued for the writer, which owns the header compression (SPDY wants stream ids
/// and header blocks on the wire in the order they were made).
enum Out {
    Syn {
        stream: u32,
        headers: [(&'static str, String); 3],
    },
    Data {
        stream: u32,
        fin: bool,
        data: Bytes,
    },
    Reset {
        stream: u32,
    },
    /// A reset that waits to go with the next frame (or [`RELEASE_DELAY`]).
    Release {
        stream: u32,
    },
    Pong {
        id: u32,
    },
}

/// How long a [`Session::release`] waits for a frame to go with.
///
/// The apiserver connection has Nagle's algorithm on (kube's connector does not set
/// `TCP_NODELAY`, which Go sets on every connection): a reset sent alone, which the server
/// does not answer, holds back kk's next write — the next connection's streams — until the
/// server's delayed ACK, 40 ms later. Sent with that next write, it costs nothing.
const RELEASE_DELAY: std::time::Duration = std::time::Duration::from_millis(500);

/// Streams whose server half is still open: where their data goes.
type Streams = Arc<Mutex<HashMap<u32, mpsc::Sender<Bytes>>>>;

fn lock(s: &Streams) -> std::sync::MutexGuard<'_, HashMap<u32, mpsc::Sender<Bytes>>> {
    s.lock().unwrap_or_else(|p| p.into_inner())
}

/// A live tunnel.
pub struct Session {
    out: mpsc::Sender<Out>,
    streams: Streams,
    /// Next client stream id (odd) and request id; locked while a pair's SYNs are queued.
    next: tokio::sync::Mutex<(u32, u64)>,
    alive: Arc<AtomicBool>,
}

/// How an upgrade went.
pub enum Opened {
    /// The server speaks the tunnel.
    Session(Arc<Session>),
    /// The server does not (an older apiserver): forward the way it understands.
    Unsupported,
}

/// One forwarded connection's streams.
pub struct Pair {
    /// The data stream's id.
    pub stream: u32,
    /// Bytes from the pod; ends when the server closes its half.
    pub data: mpsc::Receiver<Bytes>,
    /// The server's error messages for this connection.
    pub error: mpsc::Receiver<Bytes>,
}

/// Upgrade `path` (`.../pods/NAME/portforward`) to a tunnel. `Err` is the server's refusal
/// (its Status message) or the connection's failure.
pub async fn open(client: &kube::Client, path: &str) -> Result<Opened, String> {
    let key = tokio_tungstenite::tungstenite::handshake::client::generate_key();
    let req = http::Request::get(path)
        .header(header::CONNECTION, "Upgrade")
        .header(header::UPGRADE, "websocket")
        .header(header::SEC_WEBSOCKET_VERSION, "13")
        .header(header::SEC_WEBSOCKET_KEY, &key)
        .header(header::SEC_WEBSOCKET_PROTOCOL, PROTOCOL)
        .body(kube::client::Body::from(Vec::new()))
        .map_err(|e| e.to_string())?;
    let res = client.send(req).await.map_err(|e| e.to_string())?;
    let status = res.status();
    if status != http::StatusCode::SWITCHING_PROTOCOLS {
        let body = http_body_util::BodyExt::collect(res.into_body())
            .await
            .map(|b| b.to_bytes())
            .unwrap_or_default();
        let message = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v.get("message")?.as_str().map(str::to_string));
        // An apiserver without the tunnel refuses the upgrade itself (no `ports`).
        if status == http::StatusCode::BAD_REQUEST {
            return Ok(Opened::Unsupported);
        }
        return Err(message.unwrap_or_else(|| {
            format!(
                "unable to upgrade connection: {}",
                String::from_utf8_lossy(&body)
            )
        }));
    }
    let accepted = res
        .headers()
        .get(header::SEC_WEBSOCKET_ACCEPT)
        .is_some_and(|v| v.as_bytes() == derive_accept_key(key.as_bytes()).as_bytes());
    let protocol = res
        .headers()
        .get(header::SEC_WEBSOCKET_PROTOCOL)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !accepted {
        return Err("unable to upgrade connection: bad Sec-WebSocket-Accept".to_string());
    }
    if protocol != PROTOCOL {
        return Ok(Opened::Unsupported);
    }
    let upgraded = hyper::upgrade::on(res)
        .await
        .map_err(|e| format!("unable to upgrade connection: {e}"))?;
    let ws = WebSocketStream::from_raw_socket(
        hyper_util::rt::TokioIo::new(upgraded),
        Role::Client,
        None,
    )
    .await;
    Ok(Opened::Session(Session::start(ws)))
}

impl Session {
    fn start<S>(ws: WebSocketStream<S>) -> Arc<Session>
    where
        S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
    {
        let (mut tx, mut rx) = ws.split();
        let (out, mut queue) = mpsc::channel::<Out>(256);
        let streams: Streams = Arc::default();
        let alive = Arc::new(AtomicBool::new(true));
        // Writer: queued frames, as many as are ready in one message; releases wait for
        // company.
        tokio::spawn(async move {
            let mut enc = Encoder::default();
            let mut released: Vec<u32> = Vec::new();
            loop {
                let mut next = if released.is_empty() {
                    match queue.recv().await {
                        Some(o) => Some(o),
                        None => break,
                    }
                } else {
                    match tokio::time::timeout(RELEASE_DELAY, queue.recv()).await {
                        Ok(Some(o)) => Some(o),
                        Ok(None) => break,
                        // Idle: the releases go alone.
                        Err(_) => None,
                    }
                };
                let idle = next.is_none();
                let mut buf = Vec::new();
                while let Some(o) = next {
                    match o {
                        Out::Syn { stream, headers } => {
                            let h = headers.each_ref().map(|(k, v)| (*k, v.as_str()));
                            enc.syn_stream(&mut buf, stream, &h);
                        }
                        Out::Data { stream, fin, data } => {
                            Encoder::data(&mut buf, stream, fin, &data)
                        }
                        Out::Reset { stream } => Encoder::rst_stream(&mut buf, stream, CANCEL),
                        Out::Release { stream } => released.push(stream),
                        Out::Pong { id } => Encoder::ping(&mut buf, id),
                    }
                    next = if buf.len() < 256 * 1024 {
                        queue.try_recv().ok()
                    } else {
                        None
                    };
                }
                if buf.is_empty() && !idle {
                    continue;
                }
                for stream in released.drain(..) {
                    Encoder::rst_stream(&mut buf, stream, CANCEL);
                }
                if tx.send(Message::Binary(Bytes::from(buf))).await.is_err() {
                    break;
                }
            }
            let _ = tx.close().await;
        });
        // Reader: frames to their streams.
        // Weak: the writer (and with it the WebSocket) ends when the session is dropped.
        let (r_streams, r_alive, r_out) = (streams.clone(), alive.clone(), out.downgrade());
        let reply = move |o: Out| {
            if let Some(out) = r_out.upgrade() {
                let _ = out.try_send(o);
            }
        };
        tokio::spawn(async move {
            let mut dec = Decoder::default();
            'read: while let Some(Ok(msg)) = rx.next().await {
                match msg {
                    Message::Binary(b) => dec.extend(&b),
                    Message::Close(_) => break,
                    _ => continue,
                }
                loop {
                    let frame = match dec.frame() {
                        Ok(Some(f)) => f,
                        Ok(None) => break,
                        Err(_) => break 'read,
                    };
                    match frame {
                        Frame::Data { stream, fin, data } => {
                            let to = lock(&r_streams).get(&stream).cloned();
                            if let Some(to) = to
                                && !data.is_empty()
                                && to.send(data).await.is_err()
                            {
                                // Nobody reads this stream any more.
                                lock(&r_streams).remove(&stream);
                                reply(Out::Reset { stream });
                            }
                            if fin {
                                lock(&r_streams).remove(&stream);
                            }
                        }
                        Frame::Reply { stream, fin: true } | Frame::Reset { stream } => {
                            lock(&r_streams).remove(&stream);
                        }
                        Frame::Ping { id } => {
                            reply(Out::Pong { id });
                        }
                        Frame::GoAway => break 'read,
                        Frame::Reply { .. } | Frame::Other => {}
                    }
                }
            }
            r_alive.store(false, Ordering::SeqCst);
            // Every stream ends with the session.
            lock(&r_streams).clear();
        });
        Arc::new(Session {
            out,
            streams,
            next: tokio::sync::Mutex::new((1, 0)),
            alive,
        })
    }

    /// Whether the tunnel is still up.
    pub fn is_alive(&self) -> bool {
        self.alive.load(Ordering::SeqCst) && !self.out.is_closed()
    }

    /// Open a connection to `port` in the pod: its error stream (which kk closes at once,
    /// as client-go does) and its data stream.
    pub async fn forward(&self, port: u16) -> Result<Pair, String> {
        let lost = || "lost connection to pod".to_string();
        let mut next = self.next.lock().await;
        let (error_id, data_id, request) = (next.0, next.0 + 2, next.1);
        *next = (next.0 + 4, next.1 + 1);
        let (error_tx, error) = mpsc::channel(4);
        let (data_tx, data) = mpsc::channel(16);
        {
            let mut streams = lock(&self.streams);
            if !self.alive.load(Ordering::SeqCst) {
                return Err(lost());
            }
            streams.insert(error_id, error_tx);
            streams.insert(data_id, data_tx);
        }
        let headers = |kind: &str| {
            [
                ("streamtype", kind.to_string()),
                ("port", port.to_string()),
                ("requestid", request.to_string()),
            ]
        };
        for o in [
            Out::Syn {
                stream: error_id,
                headers: headers("error"),
            },
            Out::Data {
                stream: error_id,
                fin: true,
                data: Bytes::new(),
            },
            Out::Syn {
                stream: data_id,
                headers: headers("data"),
            },
        ] {
            self.out.send(o).await.map_err(|_| lost())?;
        }
        drop(next);
        Ok(Pair {
            stream: data_id,
            data,
            error,
        })
    }

    /// Bytes to the pod on `stream`; `fin` ends kk's half.
    pub async fn send(&self, stream: u32, data: &[u8], fin: bool) -> Result<(), ()> {
        self.out
            .send(Out::Data {
                stream,
                fin,
                data: Bytes::copy_from_slice(data),
            })
            .await
            .map_err(|_| ())
    }

    /// Give up `stream` (the local side went away first).
    pub async fn reset(&self, stream: u32) {
        lock(&self.streams).remove(&stream);
        let _ = self.out.send(Out::Reset { stream }).await;
    }

    /// Reset `stream` after the server ended its side, so that it lets go of the pod
    /// connection; sent with the next frame (or alone within [`RELEASE_DELAY`]).
    pub async fn release(&self, stream: u32) {
        lock(&self.streams).remove(&stream);
        let _ = self.out.send(Out::Release { stream }).await;
    }
}
