//! Container port servers: each declared `containerPort` of a running container is a real
//! loopback socket owned by the sim, so port-forward and throughput tests move real bytes.
//!
//! Behaviour per connection: HTTP/1.x requests get the image's answers from the image table
//! ([`super::images`]: nginx's welcome page, the tutorial apps' texts, health endpoints...)
//! or, for images it does not list, a small hello page naming the pod and image. On every
//! image `GET /bytes/N` streams N bytes and POST/PUT echo the request body (the sim's test
//! hooks); a connection that does not start with an HTTP request line is a plain echo server.

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use futures::StreamExt;
use http_body_util::{BodyExt, Full, StreamBody, combinators::BoxBody};
use hyper::body::{Frame, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

use serde_json::Value;

use super::images::{self, Image, Style, TemplateVars};
use super::shell::SimFs;

/// A container port. The loopback listener is bound the first time something dials the port
/// ([`PortServer::addr`]: port-forward, a probe, the cluster network), not when the container
/// starts: binding costs the kernel O(sockets already bound), so 10,000 pods each listening
/// at start would make a preload O(n²) and hold 10,000 descriptors nobody uses.
pub struct PortServer {
    id: Arc<Identity>,
    state: Mutex<Listener>,
}

enum Listener {
    /// Not dialled yet.
    Idle,
    Bound {
        addr: SocketAddr,
        task: JoinHandle<()>,
    },
    /// The container's run ended: dials are refused.
    Stopped,
}

impl PortServer {
    /// Serves container port `port` of `app` (nothing is bound until the first dial).
    pub fn new(app: Arc<App>, port: u16) -> PortServer {
        PortServer {
            id: Arc::new(Identity { app, port }),
            state: Mutex::new(Listener::Idle),
        }
    }

    /// The loopback address the container port is served on (dial this to "reach the pod"),
    /// binding it on first use; connection refused once stopped. Needs a tokio runtime.
    pub fn addr(&self) -> io::Result<SocketAddr> {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        match &*state {
            Listener::Bound { addr, .. } => return Ok(*addr),
            Listener::Stopped => return Err(io::Error::from(io::ErrorKind::ConnectionRefused)),
            Listener::Idle => {}
        }
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
        listener.set_nonblocking(true)?;
        let listener = TcpListener::from_std(listener)?;
        let addr = listener.local_addr()?;
        let task = tokio::spawn(accept_loop(listener, self.id.clone()));
        *state = Listener::Bound { addr, task };
        Ok(addr)
    }

    /// Stops serving: the listener and all open connections are closed, later dials refused.
    pub fn stop(&self) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if let Listener::Bound { task, .. } = std::mem::replace(&mut *state, Listener::Stopped) {
            task.abort();
        }
    }
}

impl Drop for PortServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The port servers of one container run: stopped when the run ends (this is dropped), even
/// if a port-forward session still holds one of them.
#[derive(Default)]
pub struct RunPorts(pub Vec<Arc<PortServer>>);

impl Drop for RunPorts {
    fn drop(&mut self) {
        for server in &self.0 {
            server.stop();
        }
    }
}

/// The container behind a port: who it is and what its image answers.
pub struct App {
    /// Pod name (also the hostname).
    pub pod: String,
    pub namespace: String,
    /// The image reference from the spec.
    pub image_ref: String,
    pub image: Arc<Image>,
    pub pod_ip: String,
    /// The container's environment (templates read `{env:NAME}`).
    pub env: Vec<(String, String)>,
    /// The container's files (templates read `{file:/path}`).
    pub fs: Option<SimFs>,
    /// The main process's argv (templates read `{flag:NAME}`).
    pub argv: Vec<String>,
    /// When the container started (routes with `after`).
    pub started: std::time::Instant,
}

impl App {
    /// An app with nothing but its identity (tests, probes of bare containers).
    pub fn bare(pod: &str, namespace: &str, image: &str) -> App {
        App {
            pod: pod.to_string(),
            namespace: namespace.to_string(),
            image_ref: image.to_string(),
            image: images::lookup(image),
            pod_ip: String::new(),
            env: Vec::new(),
            fs: None,
            argv: Vec::new(),
            started: std::time::Instant::now(),
        }
    }
}

struct Identity {
    app: Arc<App>,
    port: u16,
}

/// Serves container port `port` of pod `namespace/pod` running `image`.
pub fn serve_container_port(pod: &str, namespace: &str, image: &str, port: u16) -> PortServer {
    PortServer::new(Arc::new(App::bare(pod, namespace, image)), port)
}

async fn accept_loop(listener: TcpListener, id: Arc<Identity>) {
    // Connections live in the JoinSet, so aborting this task closes them all.
    let mut conns = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((sock, _)) => {
                    let id = id.clone();
                    conns.spawn(async move {
                        let _ = handle(sock, id).await;
                    });
                }
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(10)).await,
            },
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
        }
    }
}

const METHODS: &[&str] = &[
    "GET ", "HEAD ", "POST ", "PUT ", "DELETE ", "OPTIONS ", "PATCH ",
];

async fn handle(mut sock: TcpStream, id: Arc<Identity>) -> io::Result<()> {
    let _ = sock.set_nodelay(true);
    let mut first = vec![0u8; 4096];
    let n = sock.read(&mut first).await?;
    if n == 0 {
        return Ok(());
    }
    first.truncate(n);
    let looks_http = METHODS.iter().any(|m| {
        let m = m.as_bytes();
        first.len() >= m.len() && first.starts_with(m) || m.starts_with(&first)
    });
    if !looks_http {
        sock.write_all(&first).await?;
        let (mut r, mut w) = sock.split();
        tokio::io::copy(&mut r, &mut w).await?;
        return Ok(());
    }
    let io = TokioIo::new(Rewind {
        prefix: Some(Bytes::from(first)),
        inner: sock,
    });
    let service = hyper::service::service_fn(move |req| {
        let id = id.clone();
        async move {
            match respond(req, &id).await {
                Some(r) => Ok::<_, io::Error>(r),
                None => Err(io::Error::other("handler panicked")),
            }
        }
    });
    // Port-forward clients often half-close after sending the request (kubectl does when the
    // local client does); like nginx, answer anyway instead of dropping the connection.
    hyper::server::conn::http1::Builder::new()
        .half_close(true)
        .serve_connection(io, service)
        .await
        .map_err(io::Error::other)
}

type Body = BoxBody<Bytes, io::Error>;

fn full(s: impl Into<Bytes>) -> Body {
    Full::new(s.into())
        .map_err(|never: Infallible| match never {})
        .boxed()
}

/// The body of `GET /bytes/N`: N bytes in 64 KiB chunks, generated lazily.
fn byte_stream(n: u64) -> Body {
    const CHUNK: u64 = 64 * 1024;
    let chunk = Bytes::from(vec![b'x'; CHUNK as usize]);
    let count = n.div_ceil(CHUNK);
    let stream = futures::stream::iter(0..count).map(move |i| {
        let len = if i + 1 == count && !n.is_multiple_of(CHUNK) {
            n % CHUNK
        } else {
            CHUNK
        };
        Ok::<_, io::Error>(Frame::data(chunk.slice(..len as usize)))
    });
    BodyExt::boxed(StreamBody::new(stream))
}

/// What a request gets: None drops the connection without an answer (a Go handler that
/// panicked).
async fn respond(req: Request<Incoming>, id: &Identity) -> Option<Response<Body>> {
    let app = &id.app;
    let http = app.image.http.clone().unwrap_or_default();
    let path = req.uri().path().to_string();
    let method = req.method().clone();
    let mut builder = Response::builder();
    if let Some(server) = &http.server {
        builder = builder.header("Server", server.as_str());
    } else if http.style == Style::Hello {
        builder = builder.header("Server", "kk-sim");
    }
    if let Some(n) = path.strip_prefix("/bytes/") {
        return Some(
            match n.parse::<u64>() {
                Ok(n) => builder
                    .header("Content-Type", "application/octet-stream")
                    .header("Content-Length", n)
                    .body(byte_stream(n)),
                Err(_) => builder
                    .status(400)
                    .header("Content-Type", "text/plain")
                    .body(full(format!("invalid byte count {n:?}\n"))),
            }
            .unwrap_or_else(|_| Response::new(full(""))),
        );
    }
    if method == hyper::Method::POST || method == hyper::Method::PUT {
        let ct = req.headers().get("content-type").cloned();
        let body = req
            .into_body()
            .collect()
            .await
            .map(|b| b.to_bytes())
            .unwrap_or_default();
        let mut b = builder;
        if let Some(ct) = ct {
            b = b.header("Content-Type", ct);
        }
        return Some(
            b.body(full(body))
                .unwrap_or_else(|_| Response::new(full(""))),
        );
    }
    let route = http.routes.iter().find(|r| {
        if r.exact {
            path == r.path
        } else {
            path.starts_with(&r.path)
        }
    });
    let uptime = app.started.elapsed();
    let (status, body, content_type) = match route {
        Some(r) => {
            let late = r
                .after
                .as_ref()
                .filter(|a| crate::clock::simulated(uptime).as_secs_f64() > a.seconds);
            let status = late.and_then(|a| a.status).or(r.status).unwrap_or(200);
            let tpl = late.and_then(|a| a.body.clone()).unwrap_or(r.body.clone());
            let fs = app.fs.clone();
            let read =
                move |p: &str| -> Option<Vec<u8>> { fs.as_ref()?.lock().ok()?.get(p).cloned() };
            let vars = TemplateVars {
                hostname: &app.pod,
                pod_ip: &app.pod_ip,
                path: &path,
                port: id.port,
                uptime: crate::clock::simulated(uptime).as_secs_f64(),
                env: &app.env,
                argv: &app.argv,
                file: Some(&read),
                ..Default::default()
            };
            let body = images::render(&tpl, &vars).ok()?;
            let ct = r
                .content_type
                .clone()
                .unwrap_or_else(|| default_type(http.style));
            (status, body, ct)
        }
        None => not_found(http.style, app, id.port, &path),
    };
    Some(
        builder
            .status(status)
            .header("Content-Type", content_type)
            .body(full(body))
            .unwrap_or_else(|_| Response::new(full(""))),
    )
}

fn default_type(style: Style) -> String {
    match style {
        Style::Go => "text/plain; charset=utf-8",
        _ => "text/html",
    }
    .to_string()
}

/// The answer for a path no route serves: the server's 404 page, or the sim's hello page for
/// generic images (they answer every path).
fn not_found(style: Style, app: &App, port: u16, path: &str) -> (u16, String, String) {
    let html = "text/html".to_string();
    match style {
        Style::Go => (404, "404 page not found\n".into(), default_type(style)),
        Style::Nginx => (
            404,
            "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n".into(),
            html,
        ),
        Style::Apache => (
            404,
            "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n".into(),
            html,
        ),
        Style::Python => (
            404,
            "<!DOCTYPE HTML>\n<html lang=\"en\">\n    <head>\n        <meta charset=\"utf-8\">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 404</p>\n        <p>Message: File not found.</p>\n        <p>Error code explanation: 404 - Nothing matches the given URI.</p>\n    </body>\n</html>\n".into(),
            "text/html;charset=utf-8".into(),
        ),
        Style::Hello => (
            200,
            format!(
                "<!DOCTYPE html>\n<html>\n<head><title>Hello from {pod}</title></head>\n<body>\n<h1>Hello from {ns}/{pod}</h1>\n<p>Image: {image}</p>\n<p>Port: {port}</p>\n<p>Path: {path}</p>\n</body>\n</html>\n",
                pod = app.pod,
                ns = app.namespace,
                image = app.image_ref,
            ),
            html,
        ),
    }
}

/// A stream that first replays bytes already read (the sniffed request start).
struct Rewind<S> {
    prefix: Option<Bytes>,
    inner: S,
}

impl<S: AsyncRead + Unpin> AsyncRead for Rewind<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if let Some(mut p) = self.prefix.take() {
            let n = p.len().min(buf.remaining());
            buf.put_slice(&p[..n]);
            let rest = p.split_off(n);
            if !rest.is_empty() {
                self.prefix = Some(rest);
            }
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Rewind<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        b: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, b)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// The TCP ports a container listens on: every declared TCP `containerPort`, and the ports
/// of its image's server when the container runs it (nginx listens on 80, the tutorial apps
/// on 3000, whether or not the spec declares them).
pub fn container_ports(c: &Value) -> Vec<u16> {
    let mut ports: Vec<u16> = c["ports"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| {
            p.get("protocol")
                .and_then(Value::as_str)
                .is_none_or(|p| p == "TCP")
        })
        .filter_map(|p| {
            p["containerPort"]
                .as_u64()
                .and_then(|n| u16::try_from(n).ok())
        })
        .collect();
    let strings = |k: &str| -> Vec<String> {
        c[k].as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(String::from))
            .collect()
    };
    let image = images::lookup(c["image"].as_str().unwrap_or(""));
    if let Some(argv) = image.main_argv(&strings("command"), &strings("args")) {
        for p in image.ports_for(&argv) {
            if !ports.contains(&p) {
                ports.push(p);
            }
        }
    }
    ports
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn request(addr: SocketAddr, req: &str) -> Vec<u8> {
        let mut s = TcpStream::connect(addr).await.unwrap();
        s.write_all(req.as_bytes()).await.unwrap();
        let mut out = Vec::new();
        s.read_to_end(&mut out).await.unwrap();
        out
    }

    fn split(resp: &[u8]) -> (String, Vec<u8>) {
        let i = resp
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("no header end");
        (
            String::from_utf8_lossy(&resp[..i]).into_owned(),
            resp[i + 4..].to_vec(),
        )
    }

    #[tokio::test]
    async fn tutorial_apps_answer_like_the_go_programs() {
        let app = App {
            env: vec![("DB_URL".into(), "mysql://db".into())],
            ..App::bare("hello-1", "default", "leigg/hellok8s:v4_configmap")
        };
        let fs: SimFs = Default::default();
        let app = Arc::new(App {
            fs: Some(fs.clone()),
            ..app
        });
        let srv = PortServer::new(app, 3000);
        // The Go handler panics without its file: the connection closes unanswered.
        let resp = request(
            srv.addr().unwrap(),
            "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .await;
        assert!(resp.is_empty(), "{}", String::from_utf8_lossy(&resp));
        fs.lock().unwrap().insert(
            "/etc/configmap_vol/app-config.json".into(),
            b"{\"a\":1}".to_vec(),
        );
        let resp = request(
            srv.addr().unwrap(),
            "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .await;
        let (head, body) = split(&resp);
        assert!(
            head.contains("content-type: text/plain; charset=utf-8"),
            "{head}"
        );
        assert_eq!(
            String::from_utf8(body).unwrap(),
            "[v4] Hello, Kubernetes! From host: hello-1\nGet Database Connect URL: mysql://db\napp-config.json:{\"a\":1}"
        );
        let ready = serve_container_port("r", "default", "leigg/hellok8s:readiness", 3000);
        let resp = request(
            ready.addr().unwrap(),
            "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .await;
        assert!(
            split(&resp)
                .0
                .starts_with("HTTP/1.1 500 Internal Server Error")
        );
    }

    #[tokio::test]
    async fn hello_page_bytes_and_echo() {
        let srv = serve_container_port("web-1", "team", "nginx:1.25", 80);
        assert!(
            matches!(*srv.state.lock().unwrap(), Listener::Idle),
            "nothing is bound before the first dial"
        );
        assert!(srv.addr().unwrap().ip().is_loopback());
        let resp = request(
            srv.addr().unwrap(),
            "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .await;
        let (head, body) = split(&resp);
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(head.contains("server: nginx/1.27.3"), "{head}");
        let body = String::from_utf8(body).unwrap();
        assert!(body.contains("<h1>Welcome to nginx!</h1>"), "{body}");
        // nginx's own 404 for other paths; a generic image's hello page names the pod.
        let resp = request(
            srv.addr().unwrap(),
            "GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .await;
        assert!(split(&resp).0.starts_with("HTTP/1.1 404 Not Found\r\n"));
        let generic = serve_container_port("web-1", "team", "example/app:2", 8080);
        let resp = request(
            generic.addr().unwrap(),
            "GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .await;
        let body = String::from_utf8(split(&resp).1).unwrap();
        assert!(
            body.contains("Hello from team/web-1") && body.contains("Image: example/app:2"),
            "{body}"
        );

        let resp = request(
            srv.addr().unwrap(),
            "GET /bytes/1000 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .await;
        let (head, body) = split(&resp);
        assert!(head.contains("content-length: 1000"), "{head}");
        assert_eq!(body, vec![b'x'; 1000]);

        // Large counts stream in chunks with an exact length.
        let resp = request(
            srv.addr().unwrap(),
            "GET /bytes/200001 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .await;
        assert_eq!(split(&resp).1.len(), 200001);

        let resp = request(
            srv.addr().unwrap(),
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
        )
        .await;
        assert_eq!(split(&resp).1, b"hello");

        // Not HTTP: echoed back as-is until the client half-closes.
        let mut s = TcpStream::connect(srv.addr().unwrap()).await.unwrap();
        s.write_all(b"ping\n").await.unwrap();
        s.shutdown().await.unwrap();
        let mut out = Vec::new();
        s.read_to_end(&mut out).await.unwrap();
        assert_eq!(out, b"ping\n");

        let addr = srv.addr().unwrap();
        srv.stop();
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        assert!(
            TcpStream::connect(addr).await.is_err(),
            "listener must be closed"
        );
        assert_eq!(
            srv.addr().unwrap_err().kind(),
            io::ErrorKind::ConnectionRefused,
            "a stopped port refuses"
        );
    }
}
