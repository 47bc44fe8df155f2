//! `pods/portforward` sessions, relaying bytes to the container's loopback port servers:
//! * SPDY/3.1 (kubectl): per forwarded connection the client opens an `error` and a `data`
//!   stream sharing a `requestid`; the data stream is piped to a fresh connection to the
//!   pod port, dial failures are reported as text on the error stream. Used over a raw
//!   `Upgrade: SPDY/3.1` connection and tunnelled in a WebSocket ([`tunnel_io`]).
//! * v4 WebSocket channels (kube-rs): port i uses data channel 2i and error channel 2i+1,
//!   each opened by a 2-byte little-endian port number.

use std::collections::HashMap;
use std::io;
use std::sync::Arc;

use bytes::Bytes;
use futures::future::BoxFuture;
use futures::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

use super::exec::query_pairs;
use super::spdy::{self, FLAG_FIN, Frame};
use super::wschannel::ChannelProtocol;
use crate::apiserver::status::ApiError;
use crate::runtime::ports::PortServer;

/// Connects to a container port of the pod ("inside the pod's network namespace").
pub type Dialer = Arc<dyn Fn(u16) -> BoxFuture<'static, io::Result<TcpStream>> + Send + Sync>;

/// A dialer over the pod's port servers. Ports the pod does not serve (or no longer does)
/// are refused, like a closed port in a real pod.
pub fn loopback_dialer(ports: HashMap<u16, Arc<PortServer>>) -> Dialer {
    Arc::new(move |port| {
        let addr = ports
            .get(&port)
            .ok_or_else(|| io::Error::from(io::ErrorKind::ConnectionRefused))
            .and_then(|server| server.addr());
        Box::pin(async move { TcpStream::connect(addr?).await })
    })
}

/// The message the kubelet/containerd give for a failed dial.
pub fn dial_error(port: u16, pod_label: &str, err: &io::Error) -> String {
    let cause = if err.kind() == io::ErrorKind::ConnectionRefused {
        format!(
            "IPv4: dial tcp4 127.0.0.1:{port}: connect: connection refused IPv6 dial tcp6 [::1]:{port}: connect: connection refused "
        )
    } else {
        err.to_string()
    };
    format!(
        "error forwarding port {port} to pod {pod_label}, uid : failed to execute portforward in network namespace: failed to connect to localhost:{port} inside namespace \"{pod_label}\", {cause}"
    )
}

/// The `ports` of a WebSocket port-forward query: repeated and/or comma-separated.
pub fn parse_ports(query: &str) -> Result<Vec<u16>, ApiError> {
    let mut ports = Vec::new();
    for (k, v) in query_pairs(query) {
        if k != "ports" {
            continue;
        }
        for p in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let n: u16 = p.parse().map_err(|_| {
                ApiError::bad_request(format!(
                    "unable to parse \"{p}\" as a port: strconv.ParseUint: parsing \"{p}\": invalid syntax"
                ))
            })?;
            if n == 0 {
                return Err(ApiError::bad_request(format!("port \"{p}\" must be > 0")));
            }
            if !ports.contains(&n) {
                ports.push(n);
            }
        }
    }
    if ports.is_empty() {
        return Err(ApiError::bad_request("at least one port must be specified"));
    }
    if ports.len() > 128 {
        return Err(ApiError::bad_request(
            "too many ports: at most 128 may be forwarded",
        ));
    }
    Ok(ports)
}

/// Serves a v4 WebSocket port-forward: one pod connection per requested port, closed (with
/// a normal close frame) once every pod connection has ended or the client closes.
pub async fn portforward_ws<S>(
    ws: WebSocketStream<S>,
    protocol: ChannelProtocol,
    ports: Vec<u16>,
    dialer: Dialer,
    pod_label: String,
) where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut tx, mut rx) = ws.split();
    let (out_tx, mut out_rx) = mpsc::unbounded_channel::<Message>();
    let writer = tokio::spawn(async move {
        while let Some(m) = out_rx.recv().await {
            let close = matches!(m, Message::Close(_));
            if tx.send(m).await.is_err() || close {
                break;
            }
        }
    });
    for (i, p) in ports.iter().enumerate() {
        let le = p.to_le_bytes();
        let _ = out_tx.send(protocol.encode((2 * i) as u8, &le));
        let _ = out_tx.send(protocol.encode((2 * i + 1) as u8, &le));
    }
    let (done_tx, mut done_rx) = mpsc::unbounded_channel::<()>();
    let mut writers: Vec<Option<mpsc::UnboundedSender<Vec<u8>>>> = Vec::new();
    let mut tasks: Vec<JoinHandle<()>> = Vec::new();
    for (i, &port) in ports.iter().enumerate() {
        let (w_tx, mut w_rx) = mpsc::unbounded_channel::<Vec<u8>>();
        writers.push(Some(w_tx));
        let (out, done, dialer, label) = (
            out_tx.clone(),
            done_tx.clone(),
            dialer.clone(),
            pod_label.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let (data_ch, err_ch) = ((2 * i) as u8, (2 * i + 1) as u8);
            match dialer(port).await {
                Err(e) => {
                    let _ =
                        out.send(protocol.encode(err_ch, dial_error(port, &label, &e).as_bytes()));
                }
                Ok(conn) => {
                    let (mut r, mut w) = conn.into_split();
                    let pump_in = tokio::spawn(async move {
                        while let Some(chunk) = w_rx.recv().await {
                            if w.write_all(&chunk).await.is_err() {
                                break;
                            }
                        }
                        let _ = w.shutdown().await;
                    });
                    let mut buf = vec![0u8; 32 * 1024];
                    loop {
                        match r.read(&mut buf).await {
                            Ok(0) | Err(_) => break,
                            Ok(n) => {
                                if out.send(protocol.encode(data_ch, &buf[..n])).is_err() {
                                    break;
                                }
                            }
                        }
                    }
                    pump_in.abort();
                }
            }
            let _ = done.send(());
        }));
    }
    drop(done_tx);
    let mut finished = 0;
    loop {
        tokio::select! {
            m = rx.next() => match m {
                Some(Ok(m @ (Message::Binary(_) | Message::Text(_)))) => {
                    if let Some((ch, data)) = protocol.decode(&m)
                        && ch % 2 == 0
                        && let Some(Some(w)) = writers.get((ch / 2) as usize)
                    {
                        let _ = w.send(data);
                    }
                }
                Some(Ok(Message::Ping(p))) => {
                    let _ = out_tx.send(Message::Pong(p));
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => break,
            },
            d = done_rx.recv() => {
                if d.is_some() {
                    finished += 1;
                }
                if d.is_none() || finished == ports.len() {
                    let _ = out_tx.send(Message::Close(Some(CloseFrame { code: CloseCode::Normal, reason: "".into() })));
                    break;
                }
            }
        }
    }
    for t in tasks {
        t.abort();
    }
    drop(out_tx);
    let _ = writer.await;
}

/// Adapts a WebSocket carrying a SPDY byte stream (`SPDY/3.1+portforward.k8s.io`) into a
/// byte stream: binary messages are chunks of the stream, in order; a close is EOF.
pub fn tunnel_io<S>(ws: WebSocketStream<S>) -> DuplexStream
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (inner, outer) = tokio::io::duplex(256 * 1024);
    tokio::spawn(async move {
        let (mut tx, mut rx) = ws.split();
        let (mut r, mut w) = tokio::io::split(outer);
        let mut buf = vec![0u8; 32 * 1024];
        loop {
            tokio::select! {
                m = rx.next() => match m {
                    Some(Ok(Message::Binary(d))) => {
                        if w.write_all(&d).await.is_err() {
                            break;
                        }
                    }
                    Some(Ok(Message::Ping(_))) => {
                        // tungstenite queued the pong; send it now.
                        let _ = tx.flush().await;
                    }
                    Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                    Some(Ok(_)) => {}
                },
                n = r.read(&mut buf) => match n {
                    Ok(0) | Err(_) => {
                        let _ = tx.send(Message::Close(Some(CloseFrame { code: CloseCode::Normal, reason: "".into() }))).await;
                        break;
                    }
                    Ok(n) => {
                        if tx.send(Message::Binary(Bytes::copy_from_slice(&buf[..n]))).await.is_err() {
                            break;
                        }
                    }
                },
            }
        }
    });
    inner
}

#[derive(Default)]
struct Pair {
    port: Option<u16>,
    error: Option<u32>,
    data: Option<u32>,
    data_rx: Option<mpsc::UnboundedReceiver<Option<Bytes>>>,
    task: Option<JoinHandle<()>>,
}

fn header<'a>(h: &'a spdy::Headers, name: &str) -> Option<&'a str> {
    h.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Serves a SPDY/3.1 port-forward session on `io` until the client goes away.
pub async fn portforward_spdy<IO>(io: IO, dialer: Dialer, pod_label: String)
where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut rd, mut wr) = tokio::io::split(io);
    let (out_tx, mut out_rx) = mpsc::unbounded_channel::<Frame>();
    let writer = tokio::spawn(async move {
        let mut comp = spdy::Compressor::new();
        while let Some(f) = out_rx.recv().await {
            let bytes = spdy::encode(&f, &mut comp);
            if wr.write_all(&bytes).await.is_err() || wr.flush().await.is_err() {
                break;
            }
        }
        let _ = wr.shutdown().await;
    });
    let mut decomp = spdy::Decompressor::new();
    let mut pairs: HashMap<String, Pair> = HashMap::new();
    let mut stream_req: HashMap<u32, String> = HashMap::new();
    let mut data_in: HashMap<u32, mpsc::UnboundedSender<Option<Bytes>>> = HashMap::new();
    while let Ok(Some(frame)) = spdy::read_frame(&mut rd, &mut decomp).await {
        match frame {
            Frame::SynStream {
                stream_id, headers, ..
            } => {
                let _ = out_tx.send(Frame::SynReply {
                    stream_id,
                    flags: 0,
                    headers: vec![],
                });
                let kind = header(&headers, "streamtype").unwrap_or("").to_string();
                let req = header(&headers, "requestid").unwrap_or("").to_string();
                let port = header(&headers, "port").and_then(|p| p.parse::<u16>().ok());
                if !matches!(kind.as_str(), "error" | "data") || port.is_none() {
                    let _ = out_tx.send(Frame::RstStream {
                        stream_id,
                        status: spdy::PROTOCOL_ERROR,
                    });
                    continue;
                }
                stream_req.insert(stream_id, req.clone());
                let pair = pairs.entry(req).or_default();
                pair.port = port;
                if kind == "error" {
                    pair.error = Some(stream_id);
                } else {
                    pair.data = Some(stream_id);
                    // Data may arrive before the pair is complete: buffer it from now on.
                    let (tx, rx) = mpsc::unbounded_channel();
                    data_in.insert(stream_id, tx);
                    pair.data_rx = Some(rx);
                }
                // Like the kubelet, forward once both streams of the request exist.
                if let (Some(error_id), Some(data_id), Some(rx)) =
                    (pair.error, pair.data, pair.data_rx.take())
                {
                    pair.task = Some(tokio::spawn(forward_one(
                        rx,
                        out_tx.clone(),
                        dialer.clone(),
                        pod_label.clone(),
                        pair.port.unwrap_or(0),
                        data_id,
                        error_id,
                    )));
                }
            }
            Frame::Data {
                stream_id,
                flags,
                data,
            } => {
                if let Some(tx) = data_in.get(&stream_id) {
                    if !data.is_empty() {
                        let _ = tx.send(Some(data));
                    }
                    if flags & FLAG_FIN != 0 {
                        let _ = tx.send(None);
                        data_in.remove(&stream_id);
                    }
                }
            }
            Frame::RstStream { stream_id, .. } => {
                data_in.remove(&stream_id);
                if let Some(req) = stream_req.remove(&stream_id)
                    && let Some(pair) = pairs.get_mut(&req)
                    && pair.data == Some(stream_id)
                    && let Some(t) = pair.task.take()
                {
                    t.abort();
                }
            }
            Frame::Ping { id } => {
                let _ = out_tx.send(Frame::Ping { id });
            }
            Frame::GoAway { .. } => break,
            _ => {}
        }
    }
    for (_, p) in pairs {
        if let Some(t) = p.task {
            t.abort();
        }
    }
    drop(out_tx);
    let _ = writer.await;
}

/// One forwarded connection: dial the pod port, then pipe the data stream both ways. The
/// error stream is closed when the connection ends; a failed dial writes its message there.
async fn forward_one(
    mut from_client: mpsc::UnboundedReceiver<Option<Bytes>>,
    out: mpsc::UnboundedSender<Frame>,
    dialer: Dialer,
    pod_label: String,
    port: u16,
    data_id: u32,
    error_id: u32,
) {
    let fin = |id| Frame::Data {
        stream_id: id,
        flags: FLAG_FIN,
        data: Bytes::new(),
    };
    let conn = match dialer(port).await {
        Ok(c) => c,
        Err(e) => {
            let msg = dial_error(port, &pod_label, &e);
            let _ = out.send(Frame::Data {
                stream_id: error_id,
                flags: 0,
                data: Bytes::from(msg),
            });
            let _ = out.send(fin(error_id));
            let _ = out.send(fin(data_id));
            return;
        }
    };
    let _ = conn.set_nodelay(true);
    let (mut r, mut w) = conn.into_split();
    let pump_in = tokio::spawn(async move {
        while let Some(Some(chunk)) = from_client.recv().await {
            if w.write_all(&chunk).await.is_err() {
                return;
            }
        }
        // The client half-closed the data stream: pass the EOF on to the pod.
        let _ = w.shutdown().await;
    });
    let mut buf = vec![0u8; 32 * 1024];
    loop {
        match r.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let data = Bytes::copy_from_slice(&buf[..n]);
                if out
                    .send(Frame::Data {
                        stream_id: data_id,
                        flags: 0,
                        data,
                    })
                    .is_err()
                {
                    pump_in.abort();
                    return;
                }
            }
        }
    }
    let _ = out.send(fin(data_id));
    let _ = out.send(fin(error_id));
    // Keep accepting client bytes until it closes its side or resets the stream.
    let _ = pump_in.await;
}
