//! client-go's request retry and `--request-timeout`, as one tower service over kube's stack
//! (client-go `rest/request.go` `request()`/`Watch()` and `rest/with_retry.go`):
//!
//! - at most 10 retries per request;
//! - any verb whose body can be replayed: a 429 or 5xx answer carrying `Retry-After: N` is
//!   retried after N seconds (the server promises it did not act on the request);
//! - GET only: a connection reset, an unexpected EOF or a lost HTTP/2 connection is retried
//!   after 1 second. Writes never are: the server may have applied them, and a second try
//!   could apply them twice;
//! - `--request-timeout` is one deadline for the whole exchange, retries and waits included,
//!   and for reading the body. A watch that reaches it ends quietly (kubectl exits 0); any
//!   other request fails with `context deadline exceeded`.
//!
//! kk goes one step further than client-go for plain GETs (not watches, log streams or
//! upgrades): it reads the whole body here, so a connection cut half-way through a list is
//! retried too instead of failing the command.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::{Method, Request, Response, StatusCode};
use http_body::{Body as HttpBody, Frame, SizeHint};
use http_body_util::BodyExt;
use kube::client::{Body, DynBody};
use tokio::time::{Instant, Sleep};
use tower::{BoxError, Layer, Service};

/// client-go's `maxRetries` default.
pub const MAX_RETRIES: u32 = 10;

/// client-go's wait after a retryable connection error (its synthetic `Retry-After: 1`).
const CONNECTION_RETRY_WAIT: Duration = Duration::from_secs(1);

/// The error of a request that outlived `--request-timeout` (Go's `context.DeadlineExceeded`).
#[derive(Debug)]
pub struct DeadlineExceeded;

impl std::fmt::Display for DeadlineExceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("context deadline exceeded")
    }
}

impl std::error::Error for DeadlineExceeded {}

/// Adds [`Retry`] to a stack.
#[derive(Clone, Debug)]
pub struct RetryLayer {
    timeout: Option<Duration>,
    max_retries: u32,
    connection_wait: Duration,
}

impl RetryLayer {
    /// Retry like client-go, within `timeout` per request when given.
    pub fn new(timeout: Option<Duration>) -> Self {
        RetryLayer {
            timeout,
            max_retries: MAX_RETRIES,
            connection_wait: CONNECTION_RETRY_WAIT,
        }
    }

    #[cfg(test)]
    fn with_connection_wait(mut self, d: Duration) -> Self {
        self.connection_wait = d;
        self
    }
}

impl<S> Layer<S> for RetryLayer {
    type Service = Retry<S>;

    fn layer(&self, inner: S) -> Retry<S> {
        Retry {
            inner,
            policy: self.clone(),
        }
    }
}

/// The retrying service; `S` must be cheap to clone (a `tower::buffer::Buffer`).
#[derive(Clone, Debug)]
pub struct Retry<S> {
    inner: S,
    policy: RetryLayer,
}

type Resp = Response<Box<DynBody>>;

impl<S> Service<Request<Body>> for Retry<S>
where
    S: Service<Request<Body>, Response = Resp, Error = BoxError> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Resp;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Resp, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        // The ready service goes into the future; a fresh clone waits for the next call.
        let fresh = self.inner.clone();
        let inner = std::mem::replace(&mut self.inner, fresh);
        let policy = self.policy.clone();
        Box::pin(send(inner, policy, req))
    }
}

/// What kind of exchange a request starts, which decides what may be retried and buffered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A plain GET: retried on connection errors, body read here.
    Read,
    /// A watch: retried on connection errors while it is being established; ends quietly
    /// at the deadline.
    Watch,
    /// A followed log or other open-ended GET stream.
    Stream,
    /// An upgrade (exec, attach, port-forward): passed through untouched.
    Upgrade,
    /// A write: retried only on a `Retry-After` answer.
    Write,
}

fn kind(req: &Request<Body>) -> Kind {
    if req.headers().contains_key(http::header::UPGRADE) {
        return Kind::Upgrade;
    }
    if req.method() != Method::GET {
        return Kind::Write;
    }
    let query = req.uri().query().unwrap_or("");
    let flag = |name: &str| {
        query.split('&').any(|kv| {
            kv.strip_prefix(name)
                .and_then(|r| r.strip_prefix('='))
                .is_some_and(|v| matches!(v, "true" | "1"))
        })
    };
    if flag("watch") || req.uri().path().contains("/watch/") {
        Kind::Watch
    } else if flag("follow") {
        Kind::Stream
    } else {
        Kind::Read
    }
}

async fn send<S>(mut inner: S, policy: RetryLayer, req: Request<Body>) -> Result<Resp, BoxError>
where
    S: Service<Request<Body>, Response = Resp, Error = BoxError> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    let kind = kind(&req);
    let deadline = policy.timeout.map(|t| Instant::now() + t);
    if kind == Kind::Upgrade {
        return within(deadline, inner.call(req)).await?;
    }
    let (parts, body) = req.into_parts();
    // Only a body held in memory can be sent again.
    let replayable = body.try_clone().is_some();
    let mut body = Some(body);
    let mut attempt = 0;
    loop {
        let this_body = match body.as_ref().and_then(Body::try_clone) {
            Some(b) => b,
            None => body.take().unwrap_or_else(Body::empty),
        };
        let req = Request::from_parts(parts.clone(), this_body);
        if attempt > 0 {
            tower::ServiceExt::ready(&mut inner).await?;
        }
        let result = within(deadline, inner.call(req)).await?;
        let wait = match result {
            Ok(resp) => match retry_after(&resp) {
                Some(wait) if replayable && attempt < policy.max_retries => wait,
                _ if kind == Kind::Read && resp.status().is_success() => {
                    // Read the whole body now: a cut in the middle is retried like any
                    // other connection error.
                    let (head, body) = resp.into_parts();
                    match within(deadline, body.collect()).await? {
                        Ok(all) => {
                            let body: Box<DynBody> = Box::new(
                                http_body_util::Full::new(all.to_bytes()).map_err(|e| match e {}),
                            );
                            return Ok(Response::from_parts(head, body));
                        }
                        Err(e)
                            if is_connection_loss(e.as_ref()) && attempt < policy.max_retries =>
                        {
                            policy.connection_wait
                        }
                        Err(e) => return Err(e),
                    }
                }
                _ => return Ok(with_deadline(resp, deadline, kind == Kind::Watch)),
            },
            Err(e) => {
                let retryable = matches!(kind, Kind::Read | Kind::Watch)
                    && is_connection_loss(e.as_ref())
                    && attempt < policy.max_retries;
                if !retryable {
                    return Err(e);
                }
                policy.connection_wait
            }
        };
        attempt += 1;
        if let Some(d) = deadline
            && Instant::now() + wait > d
        {
            // client-go's rate limiter refuses to wait past the context's deadline.
            tokio::time::sleep_until(d).await;
            return Err(DeadlineExceeded.into());
        }
        tokio::time::sleep(wait).await;
    }
}

/// Runs `fut` until `deadline` (if any); outliving it is [`DeadlineExceeded`].
async fn within<F: Future>(deadline: Option<Instant>, fut: F) -> Result<F::Output, BoxError> {
    match deadline {
        None => Ok(fut.await),
        Some(d) => tokio::time::timeout_at(d, fut)
            .await
            .map_err(|_| DeadlineExceeded.into()),
    }
}

/// client-go's `checkWait`: a 429 or 5xx with `Retry-After` in whole seconds.
fn retry_after(resp: &Resp) -> Option<Duration> {
    let status = resp.status();
    if status != StatusCode::TOO_MANY_REQUESTS && !status.is_server_error() {
        return None;
    }
    let secs: u64 = resp
        .headers()
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_secs(secs))
}

/// client-go's `IsConnectionReset || IsProbableEOF || IsHTTP2ConnectionLost`: the connection
/// went away under the request (never a refused or unreachable server, which fails fast).
pub fn is_connection_loss(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur = Some(e);
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind as K;
            if matches!(
                io.kind(),
                K::ConnectionReset | K::ConnectionAborted | K::UnexpectedEof | K::BrokenPipe
            ) {
                return true;
            }
        }
        if let Some(h) = err.downcast_ref::<hyper::Error>()
            && (h.is_incomplete_message() || h.is_closed() || h.is_canceled())
        {
            return true;
        }
        cur = err.source();
    }
    false
}

/// Bounds reading the body by the deadline: a watch then ends, anything else fails.
fn with_deadline(resp: Resp, deadline: Option<Instant>, watch: bool) -> Resp {
    let Some(d) = deadline else {
        return resp;
    };
    resp.map(|inner| {
        Box::new(DeadlineBody {
            inner,
            sleep: Box::pin(tokio::time::sleep_until(d)),
            watch,
        }) as Box<DynBody>
    })
}

struct DeadlineBody {
    inner: Box<DynBody>,
    sleep: Pin<Box<Sleep>>,
    watch: bool,
}

impl HttpBody for DeadlineBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        if let Poll::Ready(frame) = Pin::new(&mut self.inner).poll_frame(cx) {
            return Poll::Ready(frame);
        }
        match self.sleep.as_mut().poll(cx) {
            Poll::Ready(()) if self.watch => Poll::Ready(None),
            Poll::Ready(()) => Poll::Ready(Some(Err(DeadlineExceeded.into()))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// A fake server: answers each call with the next scripted outcome, counting calls.
    #[derive(Clone)]
    struct Script {
        calls: Arc<AtomicUsize>,
        answers: Arc<Vec<Answer>>,
    }

    #[derive(Clone)]
    enum Answer {
        Status(u16, Option<&'static str>),
        Reset,
        Refused,
        CutBody,
    }

    impl Service<Request<Body>> for Script {
        type Response = Resp;
        type Error = BoxError;
        type Future = Pin<Box<dyn Future<Output = Result<Resp, BoxError>> + Send>>;

        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, _req: Request<Body>) -> Self::Future {
            let n = self.calls.fetch_add(1, Ordering::SeqCst);
            let answer = self.answers[n.min(self.answers.len() - 1)].clone();
            Box::pin(async move {
                let ok = |code: u16, after: Option<&str>, body: Box<DynBody>| {
                    let mut b = Response::builder().status(code);
                    if let Some(a) = after {
                        b = b.header("Retry-After", a);
                    }
                    Ok(b.body(body).unwrap())
                };
                let full = |s: &'static str| -> Box<DynBody> {
                    Box::new(http_body_util::Full::new(Bytes::from(s)).map_err(|e| match e {}))
                };
                match answer {
                    Answer::Status(code, after) => ok(code, after, full("body")),
                    Answer::Reset => {
                        Err(std::io::Error::from(std::io::ErrorKind::ConnectionReset).into())
                    }
                    Answer::Refused => {
                        Err(std::io::Error::from(std::io::ErrorKind::ConnectionRefused).into())
                    }
                    Answer::CutBody => {
                        let stream = futures::stream::iter(vec![
                            Ok(Frame::data(Bytes::from("part"))),
                            Err(BoxError::from(std::io::Error::from(
                                std::io::ErrorKind::UnexpectedEof,
                            ))),
                        ]);
                        ok(200, None, Box::new(http_body_util::StreamBody::new(stream)))
                    }
                }
            })
        }
    }

    fn run(
        method: &str,
        uri: &str,
        answers: Vec<Answer>,
        timeout: Option<Duration>,
    ) -> (Result<String, String>, usize) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap();
        let calls = Arc::new(AtomicUsize::new(0));
        let script = Script {
            calls: calls.clone(),
            answers: Arc::new(answers),
        };
        let mut svc = RetryLayer::new(timeout)
            .with_connection_wait(Duration::from_millis(10))
            .layer(script);
        let req = Request::builder()
            .method(method)
            .uri(uri)
            .body(Body::from(b"{}".to_vec()))
            .unwrap();
        let out = rt.block_on(async {
            let resp = svc.call(req).await.map_err(|e| e.to_string())?;
            let status = resp.status().as_u16();
            let body = resp
                .into_body()
                .collect()
                .await
                .map_err(|e| e.to_string())?
                .to_bytes();
            Ok(format!("{status} {}", String::from_utf8_lossy(&body)))
        });
        (out, calls.load(Ordering::SeqCst))
    }

    use Answer::*;

    #[test]
    fn retry_after_answers_are_retried_for_any_verb() {
        for method in ["GET", "POST", "DELETE"] {
            let (out, calls) = run(
                method,
                "/api/v1/pods",
                vec![
                    Status(503, Some("1")),
                    Status(429, Some("0")),
                    Status(200, None),
                ],
                None,
            );
            assert_eq!((out.unwrap().as_str(), calls), ("200 body", 3), "{method}");
        }
    }

    #[test]
    fn errors_without_retry_after_are_final() {
        let (out, calls) = run(
            "GET",
            "/api/v1/pods",
            vec![Status(503, None), Status(200, None)],
            None,
        );
        assert_eq!((out.unwrap().as_str(), calls), ("503 body", 1));
        let (out, calls) = run(
            "GET",
            "/x",
            vec![Status(404, Some("1")), Status(200, None)],
            None,
        );
        assert_eq!((out.unwrap().as_str(), calls), ("404 body", 1));
    }

    #[test]
    fn connection_losses_are_retried_for_reads_only() {
        let (out, calls) = run(
            "GET",
            "/api/v1/pods",
            vec![Reset, CutBody, Status(200, None)],
            None,
        );
        assert_eq!((out.unwrap().as_str(), calls), ("200 body", 3));
        let (out, calls) = run(
            "GET",
            "/api/v1/pods?watch=true",
            vec![Reset, Status(200, None)],
            None,
        );
        assert_eq!((out.unwrap().as_str(), calls), ("200 body", 2));
        for method in ["POST", "PUT", "PATCH", "DELETE"] {
            let (out, calls) = run(method, "/api/v1/pods", vec![Reset, Status(200, None)], None);
            assert!(out.unwrap_err().contains("reset"), "{method}");
            assert_eq!(calls, 1, "{method} must not be sent twice");
        }
        let (out, calls) = run(
            "GET",
            "/api/v1/pods",
            vec![Refused, Status(200, None)],
            None,
        );
        assert!(out.is_err());
        assert_eq!(calls, 1, "a refused connection fails fast");
    }

    #[test]
    fn retries_stop_after_ten() {
        let (out, calls) = run("GET", "/api/v1/pods", vec![Reset], None);
        assert!(out.is_err());
        assert_eq!(calls, 11);
        let (out, calls) = run("GET", "/api/v1/pods", vec![Status(503, Some("1"))], None);
        assert_eq!((out.unwrap().as_str(), calls), ("503 body", 11));
    }

    #[test]
    fn the_deadline_covers_retries_and_waits() {
        let (out, calls) = run(
            "GET",
            "/api/v1/pods",
            vec![Status(503, Some("5")), Status(200, None)],
            Some(Duration::from_secs(2)),
        );
        assert_eq!(out.unwrap_err(), "context deadline exceeded");
        assert_eq!(calls, 1);
    }
}
