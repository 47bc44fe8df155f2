//! End-to-end tests of the streaming protocols over real loopback HTTP connections: a hyper
//! server routes `…/exec` and `…/portforward` through [`super::serve`], and the tests act as
//! the clients (tungstenite for WebSocket, the SPDY codec for SPDY).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures::{SinkExt, StreamExt};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use super::exec::{ExecParams, shell_runner};
use super::portforward::loopback_dialer;
use super::serve::{serve_exec, serve_portforward};
use super::spdy::{self, FLAG_FIN, Frame};
use crate::runtime::ports::{PortServer, serve_container_port};
use crate::runtime::shell::ShellContext;

fn route(req: Request<Incoming>, pf: Arc<PortServer>) -> Response<Full<Bytes>> {
    let query = req.uri().query().unwrap_or("").to_string();
    let path = req.uri().path().to_string();
    let result = if path.ends_with("/exec") {
        ExecParams::from_query(&query, true).and_then(|p| {
            let ctx = ShellContext::for_container("web-0", "default", "10.244.0.5", &[]);
            let runner = shell_runner(p.command.clone(), ctx, p.tty);
            serve_exec(req, p, runner)
        })
    } else {
        let dialer = loopback_dialer(HashMap::from([(80, pf)]));
        serve_portforward(req, &query, dialer, "web-0_default".into())
    };
    match result {
        Ok(resp) => resp.map(|()| Full::new(Bytes::new())),
        Err(e) => Response::builder()
            .status(e.code)
            .body(Full::new(Bytes::from(e.to_status().to_string())))
            .unwrap(),
    }
}

/// A server for the streaming endpoints, with container port 80 served by a port server.
async fn server() -> (SocketAddr, Arc<PortServer>) {
    let pod_port = Arc::new(serve_container_port("web-0", "default", "nginx:1.25", 80));
    let pf = pod_port.clone();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let (sock, _) = listener.accept().await.unwrap();
            let pf = pf.clone();
            tokio::spawn(async move {
                let svc = hyper::service::service_fn(move |req| {
                    let pf = pf.clone();
                    async move { Ok::<_, std::convert::Infallible>(route(req, pf)) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(sock), svc)
                    .with_upgrades()
                    .await;
            });
        }
    });
    (addr, pod_port)
}

type Client = tokio_tungstenite::WebSocketStream<TcpStream>;

async fn ws_connect(addr: SocketAddr, path: &str, protocols: &str) -> (Client, String) {
    let mut req = format!("ws://{addr}{path}").into_client_request().unwrap();
    req.headers_mut()
        .insert("Sec-WebSocket-Protocol", protocols.parse().unwrap());
    let sock = TcpStream::connect(addr).await.unwrap();
    let (ws, resp) = tokio_tungstenite::client_async(req, sock).await.unwrap();
    let proto = resp.headers()["sec-websocket-protocol"]
        .to_str()
        .unwrap()
        .to_string();
    (ws, proto)
}

/// Collects `(channel, payload)` messages until the server closes.
async fn collect(ws: &mut Client) -> Vec<(u8, Vec<u8>)> {
    let mut got = Vec::new();
    while let Ok(Some(m)) = tokio::time::timeout(Duration::from_secs(10), ws.next()).await {
        match m {
            Ok(Message::Binary(b)) if !b.is_empty() => got.push((b[0], b[1..].to_vec())),
            Ok(Message::Close(_)) | Err(_) => break,
            _ => {}
        }
    }
    got
}

fn channel(got: &[(u8, Vec<u8>)], ch: u8) -> String {
    got.iter()
        .filter(|(c, _)| *c == ch)
        .map(|(_, d)| String::from_utf8_lossy(d))
        .collect()
}

#[tokio::test]
async fn exec_v5_non_zero_exit() {
    let (addr, _pod) = server().await;
    let path = "/api/v1/namespaces/default/pods/web-0/exec?command=sh&command=-c&command=echo+hi%3B+echo+oops+%3E%262%3B+exit+3&container=web&stderr=true&stdout=true";
    let (mut ws, proto) = ws_connect(addr, path, "v5.channel.k8s.io").await;
    assert_eq!(proto, "v5.channel.k8s.io");
    let got = collect(&mut ws).await;
    assert_eq!(channel(&got, 1), "hi\n");
    assert_eq!(channel(&got, 2), "oops\n");
    // The status is the last message, after all output.
    assert_eq!(got.last().unwrap().0, 3);
    assert_eq!(
        channel(&got, 3),
        r#"{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: error executing command [sh -c echo hi; echo oops >&2; exit 3], exit code 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}"#
    );
}

#[tokio::test]
async fn exec_v5_stdin_close_and_ping() {
    let (addr, _pod) = server().await;
    let path =
        "/api/v1/namespaces/default/pods/web-0/exec?command=cat&stdin=true&stdout=true&stderr=true";
    let (mut ws, proto) = ws_connect(addr, path, "v5.channel.k8s.io, v4.channel.k8s.io").await;
    assert_eq!(proto, "v5.channel.k8s.io");
    ws.send(Message::Ping(Bytes::from_static(b"k")))
        .await
        .unwrap();
    ws.send(Message::Binary(Bytes::from_static(b"\x00abc\n")))
        .await
        .unwrap();
    ws.send(Message::Binary(Bytes::from_static(
        b"\x04{\"Width\":80,\"Height\":24}",
    )))
    .await
    .unwrap();
    ws.send(Message::Binary(Bytes::from_static(b"\xff\x00")))
        .await
        .unwrap();
    let mut pong = false;
    let mut got = Vec::new();
    while let Ok(Some(Ok(m))) = tokio::time::timeout(Duration::from_secs(10), ws.next()).await {
        match m {
            Message::Pong(p) => pong = p.as_ref() == b"k",
            Message::Binary(b) if !b.is_empty() => got.push((b[0], b[1..].to_vec())),
            Message::Close(_) => break,
            _ => {}
        }
    }
    assert!(pong, "ping must be answered");
    assert_eq!(channel(&got, 1), "abc\n");
    assert_eq!(channel(&got, 3), r#"{"metadata":{},"status":"Success"}"#);
}

#[tokio::test]
async fn exec_tty_interactive_shell_and_errors() {
    let (addr, _pod) = server().await;
    let path =
        "/api/v1/namespaces/default/pods/web-0/exec?command=sh&stdin=true&stdout=true&tty=true";
    let (mut ws, _) = ws_connect(addr, path, "v4.channel.k8s.io").await;
    ws.send(Message::Binary(Bytes::from_static(
        b"\x00hostname\rexit 5\r",
    )))
    .await
    .unwrap();
    let got = collect(&mut ws).await;
    assert_eq!(channel(&got, 1), "/ # hostname\r\nweb-0\r\n/ # exit 5\r\n");
    assert!(channel(&got, 3).contains("exit code 5"));

    // A resize reaches the process's terminal (`stty size` prints rows and columns).
    let (mut ws, _) = ws_connect(addr, path, "v5.channel.k8s.io").await;
    ws.send(Message::Binary(Bytes::from_static(
        b"\x04{\"Width\":132,\"Height\":43}",
    )))
    .await
    .unwrap();
    ws.send(Message::Binary(Bytes::from_static(
        b"\x00stty size\rexit\r",
    )))
    .await
    .unwrap();
    let got = collect(&mut ws).await;
    assert_eq!(channel(&got, 1), "/ # stty size\r\n43 132\r\n/ # exit\r\n");

    // A program the image does not have fails before it runs.
    let path = "/api/v1/namespaces/default/pods/web-0/exec?command=python&stdout=true";
    let (mut ws, _) = ws_connect(addr, path, "v5.channel.k8s.io").await;
    let status = channel(&collect(&mut ws).await, 3);
    assert!(
        status.contains(r#""reason":"InternalError""#)
            && status.contains("executable file not found in $PATH"),
        "{status}"
    );

    // Bad queries are refused before the upgrade with a Status.
    let sock = TcpStream::connect(addr).await.unwrap();
    let mut req = format!("ws://{addr}/api/v1/namespaces/default/pods/web-0/exec?command=sh&stderr=true&tty=true&stdout=true").into_client_request().unwrap();
    req.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        "v5.channel.k8s.io".parse().unwrap(),
    );
    match tokio_tungstenite::client_async(req, sock).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => {
            assert_eq!(resp.status(), 400);
            let body = String::from_utf8(resp.body().clone().unwrap_or_default()).unwrap();
            assert!(
                body.contains("stderr cannot be specified with tty"),
                "{body}"
            );
        }
        other => panic!("expected a 400, got {:?}", other.map(|_| ())),
    }
}

const GET: &[u8] = b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

#[tokio::test]
async fn portforward_websocket_v4() {
    let (addr, _pod) = server().await;
    let path = "/api/v1/namespaces/default/pods/web-0/portforward?ports=80,81";
    let (mut ws, proto) = ws_connect(addr, path, "v5.channel.k8s.io, v4.channel.k8s.io").await;
    assert_eq!(proto, "v4.channel.k8s.io");
    let mut msg = vec![0u8];
    msg.extend_from_slice(GET);
    ws.send(Message::Binary(Bytes::from(msg))).await.unwrap();
    let got = collect(&mut ws).await;
    // The first message of each channel is its port, little-endian.
    let firsts: Vec<_> = (0..4u8)
        .map(|c| got.iter().find(|(ch, _)| *ch == c).unwrap().1.clone())
        .collect();
    assert_eq!(
        firsts,
        vec![vec![80, 0], vec![80, 0], vec![81, 0], vec![81, 0]]
    );
    let data: Vec<u8> = got
        .iter()
        .filter(|(c, _)| *c == 0)
        .skip(1)
        .flat_map(|(_, d)| d.clone())
        .collect();
    let text = String::from_utf8_lossy(&data);
    assert!(
        text.starts_with("HTTP/1.1 200 OK") && text.contains("Welcome to nginx!"),
        "{text}"
    );
    // Port 81 is not served: its error channel explains.
    let err: String = got
        .iter()
        .filter(|(c, _)| *c == 3)
        .skip(1)
        .map(|(_, d)| String::from_utf8_lossy(d).into_owned())
        .collect();
    assert!(
        err.starts_with("error forwarding port 81 to pod web-0_default")
            && err.contains("connection refused"),
        "{err}"
    );
}

/// A minimal SPDY client: opens the error+data stream pair, sends `request`, returns what
/// came back on the data and error streams.
async fn spdy_forward<IO: AsyncRead + AsyncWrite + Unpin>(
    io: IO,
    port: u16,
    request: &[u8],
) -> (Vec<u8>, String) {
    let (mut r, mut w) = tokio::io::split(io);
    let mut comp = spdy::Compressor::new();
    let mut decomp = spdy::Decompressor::new();
    let hdrs = |t: &str| {
        vec![
            ("streamtype".to_string(), t.to_string()),
            ("port".to_string(), port.to_string()),
            ("requestid".to_string(), "0".to_string()),
        ]
    };
    let mut out = Vec::new();
    out.extend(spdy::encode(
        &Frame::SynStream {
            stream_id: 1,
            assoc_id: 0,
            priority: 0,
            flags: FLAG_FIN,
            headers: hdrs("error"),
        },
        &mut comp,
    ));
    out.extend(spdy::encode(
        &Frame::SynStream {
            stream_id: 3,
            assoc_id: 0,
            priority: 0,
            flags: 0,
            headers: hdrs("data"),
        },
        &mut comp,
    ));
    out.extend(spdy::encode(&Frame::Ping { id: 1 }, &mut comp));
    out.extend(spdy::encode(
        &Frame::Data {
            stream_id: 3,
            flags: FLAG_FIN,
            data: Bytes::copy_from_slice(request),
        },
        &mut comp,
    ));
    w.write_all(&out).await.unwrap();
    let (mut data, mut err, mut replies, mut pinged) = (Vec::new(), Vec::new(), 0, false);
    let (mut data_fin, mut err_fin) = (false, false);
    while !(data_fin && err_fin) {
        let f = tokio::time::timeout(
            Duration::from_secs(10),
            spdy::read_frame(&mut r, &mut decomp),
        )
        .await
        .unwrap()
        .unwrap()
        .expect("frame");
        match f {
            Frame::SynReply { .. } => replies += 1,
            Frame::Ping { id: 1 } => pinged = true,
            Frame::Data {
                stream_id: 3,
                flags,
                data: d,
            } => {
                data.extend_from_slice(&d);
                data_fin |= flags & FLAG_FIN != 0;
            }
            Frame::Data {
                stream_id: 1,
                flags,
                data: d,
            } => {
                err.extend_from_slice(&d);
                err_fin |= flags & FLAG_FIN != 0;
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(replies, 2, "each stream gets a SYN_REPLY");
    assert!(pinged, "ping must be echoed");
    (data, String::from_utf8(err).unwrap())
}

#[tokio::test]
async fn portforward_raw_spdy() {
    let (addr, _pod) = server().await;
    let mut sock = TcpStream::connect(addr).await.unwrap();
    sock.write_all(b"POST /api/v1/namespaces/default/pods/web-0/portforward HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\nContent-Length: 0\r\n\r\n").await.unwrap();
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let mut b = [0u8; 1];
        sock.read_exact(&mut b).await.unwrap();
        head.push(b[0]);
    }
    let head = String::from_utf8(head).unwrap().to_ascii_lowercase();
    assert!(
        head.starts_with("http/1.1 101 switching protocols"),
        "{head}"
    );
    assert!(
        head.contains("x-stream-protocol-version: portforward.k8s.io"),
        "{head}"
    );
    let (data, err) = spdy_forward(sock, 80, GET).await;
    let text = String::from_utf8_lossy(&data);
    assert!(
        text.starts_with("HTTP/1.1 200 OK") && text.contains("<h1>Welcome to nginx!</h1>"),
        "{text}"
    );
    assert_eq!(err, "");
}

#[tokio::test]
async fn portforward_spdy_tunnelled_in_websocket() {
    let (addr, _pod) = server().await;
    let path = "/api/v1/namespaces/default/pods/web-0/portforward";
    let (ws, proto) = ws_connect(addr, path, "SPDY/3.1+portforward.k8s.io").await;
    assert_eq!(proto, "SPDY/3.1+portforward.k8s.io");
    // The client side of the tunnel is the same adapter: binary messages = stream bytes.
    let io = super::portforward::tunnel_io(ws);
    let (data, err) = spdy_forward(
        io,
        80,
        b"GET /bytes/100000 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .await;
    let body_at = data.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    assert_eq!(data.len() - body_at, 100000);
    assert_eq!(err, "");

    // A port nothing listens on: the error stream carries the reason.
    let (ws, _) = ws_connect(addr, path, "SPDY/3.1+portforward.k8s.io").await;
    let (data, err) = spdy_forward(super::portforward::tunnel_io(ws), 9999, GET).await;
    assert!(data.is_empty());
    assert!(
        err.starts_with("error forwarding port 9999 to pod web-0_default, uid : ")
            && err.contains("connection refused"),
        "{err}"
    );
}
