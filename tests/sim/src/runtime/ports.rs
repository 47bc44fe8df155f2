//! Container port servers: each declared `containerPort` of a running container is a real
//! loopback socket owned by the sim, so port-forward and throughput tests move real bytes.
//!
//! Behaviour per connection: HTTP/1.x requests get a small hello page naming the pod and
//! image (like a hello-world app; nginx images also say `Welcome to nginx!`), `GET /bytes/N`
//! streams N bytes, POST/PUT echo the request body; a connection that does not start with an
//! HTTP request line is a plain echo server.

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
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

use super::shell::{ImageProcess, image_default_process};

/// A running port server; stopping (or dropping) it closes the listener and every connection.
pub struct PortServer {
    addr: SocketAddr,
    task: JoinHandle<()>,
}

impl PortServer {
    /// The loopback address the container port is served on (dial this to "reach the pod").
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops serving: the listener and all open connections are closed.
    pub fn stop(self) {
        self.task.abort();
    }
}

impl Drop for PortServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

struct Identity {
    pod: String,
    namespace: String,
    image: String,
    port: u16,
}

/// Binds `127.0.0.1:0` and serves container port `port` of pod `namespace/pod` running `image`.
pub async fn serve_container_port(
    pod: &str,
    namespace: &str,
    image: &str,
    port: u16,
) -> io::Result<PortServer> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    let id = Arc::new(Identity {
        pod: pod.to_string(),
        namespace: namespace.to_string(),
        image: image.to_string(),
        port,
    });
    let task = tokio::spawn(async move {
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
    });
    Ok(PortServer { addr, task })
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
        async move { Ok::<_, Infallible>(respond(req, &id).await) }
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

async fn respond(req: Request<Incoming>, id: &Identity) -> Response<Body> {
    let nginx = id.image.to_ascii_lowercase().contains("nginx");
    let server = if nginx { "nginx/1.27.3" } else { "kk-sim" };
    let path = req.uri().path().to_string();
    let method = req.method().clone();
    let builder = Response::builder().header("Server", server);
    if let Some(n) = path.strip_prefix("/bytes/") {
        return match n.parse::<u64>() {
            Ok(n) => builder
                .header("Content-Type", "application/octet-stream")
                .header("Content-Length", n)
                .body(byte_stream(n)),
            Err(_) => builder
                .status(400)
                .header("Content-Type", "text/plain")
                .body(full(format!("invalid byte count {n:?}\n"))),
        }
        .unwrap_or_else(|_| Response::new(full("")));
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
        return b
            .body(full(body))
            .unwrap_or_else(|_| Response::new(full("")));
    }
    let welcome = if nginx {
        "<h1>Welcome to nginx!</h1>\n"
    } else {
        ""
    };
    let page = format!(
        "<!DOCTYPE html>\n<html>\n<head><title>Hello from {pod}</title></head>\n<body>\n{welcome}<h1>Hello from {ns}/{pod}</h1>\n<p>Image: {image}</p>\n<p>Port: {port}</p>\n<p>Path: {path}</p>\n</body>\n</html>\n",
        pod = id.pod,
        ns = id.namespace,
        image = id.image,
        port = id.port,
    );
    builder
        .header("Content-Type", "text/html")
        .body(full(page))
        .unwrap_or_else(|_| Response::new(full("")))
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

/// The TCP ports a container listens on: every declared TCP `containerPort`, and 80 for a
/// container running a web image's default process (nginx and friends listen there whether
/// or not the spec declares it).
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
    let image = c["image"].as_str().unwrap_or("");
    let no_command = c.get("command").is_none() && c.get("args").is_none();
    if no_command
        && matches!(image_default_process(image), ImageProcess::Serve { .. })
        && !ports.contains(&80)
    {
        ports.push(80);
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
    async fn hello_page_bytes_and_echo() {
        let srv = serve_container_port("web-1", "team", "nginx:1.25", 80)
            .await
            .unwrap();
        assert!(srv.addr().ip().is_loopback());
        let resp = request(
            srv.addr(),
            "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .await;
        let (head, body) = split(&resp);
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(head.contains("server: nginx/1.27.3"), "{head}");
        let body = String::from_utf8(body).unwrap();
        assert!(body.contains("<h1>Welcome to nginx!</h1>"), "{body}");
        assert!(body.contains("Hello from team/web-1") && body.contains("Image: nginx:1.25"));

        let resp = request(
            srv.addr(),
            "GET /bytes/1000 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .await;
        let (head, body) = split(&resp);
        assert!(head.contains("content-length: 1000"), "{head}");
        assert_eq!(body, vec![b'x'; 1000]);

        // Large counts stream in chunks with an exact length.
        let resp = request(
            srv.addr(),
            "GET /bytes/200001 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .await;
        assert_eq!(split(&resp).1.len(), 200001);

        let resp = request(
            srv.addr(),
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
        )
        .await;
        assert_eq!(split(&resp).1, b"hello");

        // Not HTTP: echoed back as-is until the client half-closes.
        let mut s = TcpStream::connect(srv.addr()).await.unwrap();
        s.write_all(b"ping\n").await.unwrap();
        s.shutdown().await.unwrap();
        let mut out = Vec::new();
        s.read_to_end(&mut out).await.unwrap();
        assert_eq!(out, b"ping\n");

        let addr = srv.addr();
        srv.stop();
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        assert!(
            TcpStream::connect(addr).await.is_err(),
            "listener must be closed"
        );
    }
}
