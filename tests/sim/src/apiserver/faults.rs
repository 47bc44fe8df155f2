//! Fault injection: one middleware in front of every API request, so tests can check that a
//! client survives a flaky network and an overloaded apiserver.
//!
//! A spec is a comma-separated list (`kk-sim serve --faults SPEC`, or at run time
//! `PUT /kk-sim/faults` with the spec as the body; `GET` shows the current one):
//!
//! | item | effect |
//! |---|---|
//! | `reset=P` | with probability P, the connection is reset (TCP RST) before any response |
//! | `reset-after=P` | P: the request is handled (a write is applied), then the connection is reset, so the client never sees the answer |
//! | `status=CODE:P` | P: answer `CODE` with a `v1 Status` instead (repeatable: `status=503:0.05,status=429:0.05`) |
//! | `retry-after=N` | injected 429/5xx answers carry `Retry-After: N` |
//! | `slow=DUR[:P]` | delay requests by DUR (`200ms`, `2s`), all of them or with probability P |
//! | `watch-drop=DUR` | watch streams are cut (connection reset) DUR after they start |
//! | `stream-drop=DUR` | the same for other streams: `logs -f`, exec/attach/port-forward upgrades |
//! | `exec-cut=BYTES` | an exec's stdout ends after BYTES bytes with a normal close and no exit Status (a stream cut short: `kubectl cp --retries` resumes) |
//! | `watch-reset=P` | P: a watch request (only) is reset before it is handled |
//! | `watch-expire[=P]` | a watch that resumes from a resourceVersion older than the newest gets a 410 Expired `ERROR` event (that history was compacted), always or with P |
//! | `expire-continue[=P]` | list requests with a `continue` token get 410 Expired (always, or with P) |
//! | `seed=N` | the random sequence (default: from the clock) |
//! | `off` | no faults |
//!
//! Injected failures happen before the request reaches the apiserver proper (except
//! `reset-after`), so a refused write is never applied. `/kk-sim/faults` itself is never
//! faulted. Faults are process-wide; controllers work on the store directly and never see them.

use std::fmt;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures::task::AtomicWaker;
use http::{Method, Request, Response, StatusCode};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

use super::http::{Body, Query, bytes_response, error_response};
use super::status::ApiError;

/// The admin path that reads and replaces the spec.
pub const ADMIN_PATH: &str = "/kk-sim/faults";

/// What to inject. The default injects nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spec {
    /// Probability of a connection reset before the request is handled.
    pub reset: f64,
    /// Probability of a connection reset after the request was handled.
    pub reset_after: f64,
    /// `(code, probability)` of injected error answers.
    pub statuses: Vec<(u16, f64)>,
    /// `Retry-After` seconds on injected 429/5xx answers.
    pub retry_after: Option<u64>,
    /// Delay and its probability.
    pub slow: Option<(Duration, f64)>,
    /// Watches are cut this long after they start.
    pub watch_drop: Option<Duration>,
    /// Other streams are cut this long after they start.
    pub stream_drop: Option<Duration>,
    /// Exec sessions end (normal close, no Status) after this many bytes of stdout.
    pub exec_cut: Option<u64>,
    /// Probability that a `continue` token has expired.
    pub expire_continue: f64,
    /// Probability that a watch from an older resourceVersion finds it compacted (410).
    pub watch_expire: f64,
    /// Probability of a connection reset for a watch request.
    pub watch_reset: f64,
    /// Seed of the random sequence.
    pub seed: Option<u64>,
}

impl Spec {
    /// Parses a spec (see the module documentation). Errors name the bad item.
    pub fn parse(s: &str) -> Result<Spec, String> {
        let mut spec = Spec::default();
        for item in s.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (key, value) = match item.split_once('=') {
                Some((k, v)) => (k.trim(), Some(v.trim())),
                None => (item, None),
            };
            let bad = |why: &str| format!("invalid fault {item:?}: {why}");
            let need = || value.ok_or_else(|| bad("needs a value"));
            match key {
                "off" | "none" if value.is_none() => spec = Spec::default(),
                "reset" => spec.reset = probability(need()?).map_err(|e| bad(&e))?,
                "reset-after" => spec.reset_after = probability(need()?).map_err(|e| bad(&e))?,
                "status" => {
                    let (code, p) = need()?
                        .split_once(':')
                        .ok_or_else(|| bad("expected CODE:PROBABILITY"))?;
                    let code: u16 = code
                        .parse()
                        .ok()
                        .filter(|c| (400..600).contains(c))
                        .ok_or_else(|| bad("the code must be 400-599"))?;
                    let p = probability(p).map_err(|e| bad(&e))?;
                    spec.statuses.push((code, p));
                }
                "retry-after" => {
                    spec.retry_after =
                        Some(need()?.parse().map_err(|_| bad("expected whole seconds"))?)
                }
                "slow" => {
                    let v = need()?;
                    let (d, p) = match v.split_once(':') {
                        Some((d, p)) => (d, probability(p).map_err(|e| bad(&e))?),
                        None => (v, 1.0),
                    };
                    spec.slow = Some((duration(d).map_err(|e| bad(&e))?, p));
                }
                "watch-drop" => spec.watch_drop = Some(duration(need()?).map_err(|e| bad(&e))?),
                "stream-drop" => spec.stream_drop = Some(duration(need()?).map_err(|e| bad(&e))?),
                "exec-cut" => {
                    spec.exec_cut = Some(
                        need()?
                            .parse()
                            .ok()
                            .filter(|n| *n > 0)
                            .ok_or_else(|| bad("expected a number of bytes above 0"))?,
                    )
                }
                "expire-continue" => {
                    spec.expire_continue = match value {
                        None => 1.0,
                        Some(p) => probability(p).map_err(|e| bad(&e))?,
                    }
                }
                "watch-reset" => spec.watch_reset = probability(need()?).map_err(|e| bad(&e))?,
                "watch-expire" => {
                    spec.watch_expire = match value {
                        None => 1.0,
                        Some(p) => probability(p).map_err(|e| bad(&e))?,
                    }
                }
                "seed" => spec.seed = Some(need()?.parse().map_err(|_| bad("expected a number"))?),
                _ => return Err(bad("unknown fault")),
            }
        }
        let total: f64 = spec.reset + spec.statuses.iter().map(|(_, p)| p).sum::<f64>();
        if total > 1.0 {
            return Err(format!(
                "invalid faults {s:?}: reset and status probabilities add up to more than 1"
            ));
        }
        Ok(spec)
    }

    /// Whether anything at all is injected.
    pub fn is_off(&self) -> bool {
        Spec {
            seed: None,
            ..self.clone()
        } == Spec::default()
    }
}

impl fmt::Display for Spec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut items = Vec::new();
        if self.reset > 0.0 {
            items.push(format!("reset={}", self.reset));
        }
        if self.reset_after > 0.0 {
            items.push(format!("reset-after={}", self.reset_after));
        }
        for (c, p) in &self.statuses {
            items.push(format!("status={c}:{p}"));
        }
        if let Some(r) = self.retry_after {
            items.push(format!("retry-after={r}"));
        }
        if let Some((d, p)) = self.slow {
            items.push(if p >= 1.0 {
                format!("slow={}ms", d.as_millis())
            } else {
                format!("slow={}ms:{p}", d.as_millis())
            });
        }
        if let Some(d) = self.watch_drop {
            items.push(format!("watch-drop={}ms", d.as_millis()));
        }
        if let Some(d) = self.stream_drop {
            items.push(format!("stream-drop={}ms", d.as_millis()));
        }
        if let Some(n) = self.exec_cut {
            items.push(format!("exec-cut={n}"));
        }
        if self.expire_continue >= 1.0 {
            items.push("expire-continue".into());
        } else if self.expire_continue > 0.0 {
            items.push(format!("expire-continue={}", self.expire_continue));
        }
        if self.watch_reset > 0.0 {
            items.push(format!("watch-reset={}", self.watch_reset));
        }
        if self.watch_expire >= 1.0 {
            items.push("watch-expire".into());
        } else if self.watch_expire > 0.0 {
            items.push(format!("watch-expire={}", self.watch_expire));
        }
        if let Some(s) = self.seed {
            items.push(format!("seed={s}"));
        }
        if items.is_empty() {
            items.push("off".into());
        }
        f.write_str(&items.join(","))
    }
}

fn probability(s: &str) -> Result<f64, String> {
    s.parse::<f64>()
        .ok()
        .filter(|p| (0.0..=1.0).contains(p))
        .ok_or_else(|| format!("{s:?} is not a probability between 0 and 1"))
}

/// `200ms`, `1.5s`, `2m`; a bare number is seconds.
fn duration(s: &str) -> Result<Duration, String> {
    let bad = || format!("{s:?} is not a duration (e.g. 200ms, 10s, 1m)");
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let n: f64 = s[..split].parse().map_err(|_| bad())?;
    let secs = match &s[split..] {
        "ms" => n / 1000.0,
        "" | "s" => n,
        "m" => n * 60.0,
        _ => return Err(bad()),
    };
    Duration::try_from_secs_f64(secs).map_err(|_| bad())
}

/// The live spec and the random sequence, shared by every connection.
#[derive(Default)]
pub struct Faults {
    spec: RwLock<Spec>,
    rng: AtomicU64,
}

impl Faults {
    /// Replaces the spec (the seed, if given, restarts the random sequence).
    pub fn set(&self, spec: Spec) {
        let seed = spec.seed.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        });
        self.rng.store(seed, Ordering::SeqCst);
        *self.spec.write().unwrap_or_else(|p| p.into_inner()) = spec;
    }

    /// The current spec.
    pub fn spec(&self) -> Spec {
        self.spec.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// A uniform draw in `[0, 1)` (splitmix64: lock-free and reproducible from the seed).
    fn draw(&self) -> f64 {
        let mut z = self
            .rng
            .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
            .wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&self, p: f64) -> bool {
        p > 0.0 && self.draw() < p
    }
}

/// One client connection, which a fault can cut.
#[derive(Default)]
pub struct Conn {
    killed: AtomicBool,
    read: AtomicWaker,
    write: AtomicWaker,
}

impl Conn {
    /// Cut the connection: pending and future reads and writes fail, and the socket is
    /// closed with a reset.
    pub fn kill(&self) {
        self.killed.store(true, Ordering::SeqCst);
        self.read.wake();
        self.write.wake();
    }

    fn killed(&self) -> bool {
        self.killed.load(Ordering::SeqCst)
    }
}

/// A TCP stream that [`Conn::kill`] can cut (wrapped below TLS, so the peer sees a reset).
pub struct Killable {
    inner: TcpStream,
    conn: Arc<Conn>,
}

impl Killable {
    /// Wraps an accepted stream.
    pub fn new(inner: TcpStream, conn: Arc<Conn>) -> Self {
        Killable { inner, conn }
    }
}

fn reset() -> io::Error {
    io::Error::new(
        io::ErrorKind::ConnectionReset,
        "kk-sim fault: connection reset",
    )
}

impl AsyncRead for Killable {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let me = self.get_mut();
        me.conn.read.register(cx.waker());
        if me.conn.killed() {
            return Poll::Ready(Err(reset()));
        }
        Pin::new(&mut me.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for Killable {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let me = self.get_mut();
        me.conn.write.register(cx.waker());
        if me.conn.killed() {
            return Poll::Ready(Err(reset()));
        }
        Pin::new(&mut me.inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let me = self.get_mut();
        if me.conn.killed() {
            return Poll::Ready(Err(reset()));
        }
        Pin::new(&mut me.inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let me = self.get_mut();
        if me.conn.killed() {
            return Poll::Ready(Err(reset()));
        }
        Pin::new(&mut me.inner).poll_shutdown(cx)
    }
}

impl Drop for Killable {
    fn drop(&mut self) {
        if self.conn.killed() {
            // Closing with a zero linger sends RST instead of FIN.
            let _ = self.inner.set_zero_linger();
        }
    }
}

/// The middleware: serve `/kk-sim/faults`, else inject what the spec says around `next`.
pub async fn around<F, Fut>(
    faults: &Faults,
    conn: &Arc<Conn>,
    newest_rv: impl Fn() -> u64,
    req: Request<Incoming>,
    next: F,
) -> Response<Body>
where
    F: FnOnce(Request<Incoming>) -> Fut,
    Fut: Future<Output = Response<Body>>,
{
    if req.uri().path() == ADMIN_PATH {
        return admin(faults, req).await;
    }
    let spec = faults.spec();
    if spec.is_off() {
        return next(req).await;
    }
    if let Some((d, p)) = spec.slow
        && faults.chance(p)
    {
        tokio::time::sleep(d).await;
    }
    // One draw decides between a reset, one of the statuses, and passing through.
    let mut x = faults.draw();
    if x < spec.reset {
        conn.kill();
        return bytes_response(500, "text/plain", Vec::new(), false);
    }
    x -= spec.reset;
    for &(code, p) in &spec.statuses {
        if x < p {
            return injected_status(code, spec.retry_after);
        }
        x -= p;
    }
    let query = Query::parse(req.uri().query());
    if query.non_empty("continue").is_some() && faults.chance(spec.expire_continue) {
        return error_response(&ApiError::new(
            410,
            "Expired",
            "The provided continue parameter is too old to display a consistent list result. \
             You can start a new list without the continue parameter.",
        ));
    }
    let watch = query.flag("watch") || req.uri().path().contains("/watch/");
    if watch && faults.chance(spec.watch_reset) {
        conn.kill();
        return bytes_response(500, "text/plain", Vec::new(), false);
    }
    if watch
        && let Some(rv) = query
            .non_empty("resourceVersion")
            .and_then(|rv| rv.parse::<u64>().ok())
        && rv > 0
        && faults.chance(spec.watch_expire)
        && rv < newest_rv()
    {
        let status = ApiError::new(
            410,
            "Expired",
            format!("too old resource version: {rv} ({})", newest_rv()),
        )
        .to_status();
        let mut event = serde_json::to_vec(&serde_json::json!({"type": "ERROR", "object": status}))
            .unwrap_or_default();
        event.push(b'\n');
        return bytes_response(200, "application/json", event, false);
    }
    let stream = req.uri().path().ends_with("/log") && query.flag("follow")
        || req.headers().contains_key(http::header::UPGRADE);
    let resp = next(req).await;
    if faults.chance(spec.reset_after) {
        conn.kill();
        return resp;
    }
    let drop_after = if watch {
        spec.watch_drop
    } else if stream {
        spec.stream_drop
    } else {
        None
    };
    match drop_after {
        Some(d)
            if resp.status().is_success() || resp.status() == StatusCode::SWITCHING_PROTOCOLS =>
        {
            cut_after(conn.clone(), d, resp)
        }
        _ => resp,
    }
}

/// Arms a timer that kills the connection after `d`; for an ordinary streamed body the
/// timer is disarmed when the body ends first (the connection may serve other requests).
fn cut_after(conn: Arc<Conn>, d: Duration, resp: Response<Body>) -> Response<Body> {
    let timer = tokio::spawn(async move {
        tokio::time::sleep(d).await;
        conn.kill();
    });
    if resp.status() == StatusCode::SWITCHING_PROTOCOLS {
        // The upgraded connection is never reused: the timer may outlive the response.
        return resp;
    }
    let guard = AbortOnDrop(timer);
    resp.map(move |body| {
        body.map_frame(move |f| {
            let _ = &guard;
            f
        })
        .boxed_unsync()
    })
}

struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A Status answer as the apiserver gives for `code` (`Retry-After` when configured).
fn injected_status(code: u16, retry_after: Option<u64>) -> Response<Body> {
    let (reason, message) = match code {
        429 => (
            "TooManyRequests",
            "Too many requests, please try again later.",
        ),
        500 => (
            "InternalError",
            "Internal error occurred: kk-sim injected fault",
        ),
        503 => (
            "ServiceUnavailable",
            "the server is currently unable to handle the request",
        ),
        504 => (
            "Timeout",
            "the server was unable to return a response in the time allotted, but may still be processing the request",
        ),
        _ => ("", "kk-sim injected fault"),
    };
    let mut resp = error_response(&ApiError::new(code, reason, message));
    if let Some(secs) = retry_after
        && (code == 429 || code >= 500)
        && let Ok(v) = http::HeaderValue::from_str(&secs.to_string())
    {
        resp.headers_mut().insert(http::header::RETRY_AFTER, v);
    }
    resp
}

/// `GET` shows the spec; `PUT`/`POST` with a spec body replaces it (400 on a bad spec).
async fn admin(faults: &Faults, req: Request<Incoming>) -> Response<Body> {
    let text = |code: u16, s: String| {
        bytes_response(code, "text/plain; charset=utf-8", s.into_bytes(), false)
    };
    match *req.method() {
        Method::GET => text(200, format!("{}\n", faults.spec())),
        Method::PUT | Method::POST => {
            let body = req
                .into_body()
                .collect()
                .await
                .map(|c| c.to_bytes())
                .unwrap_or_else(|_| Bytes::new());
            match Spec::parse(&String::from_utf8_lossy(&body)) {
                Ok(spec) => {
                    let shown = format!("{spec}\n");
                    faults.set(spec);
                    text(200, shown)
                }
                Err(e) => text(400, format!("{e}\n")),
            }
        }
        _ => text(405, "use GET, or PUT a fault spec\n".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_example() {
        let s = Spec::parse(
            "reset=0.05,status=503:0.05,status=429:0.05,retry-after=1,slow=200ms,\
             watch-drop=10s,stream-drop=5s,expire-continue",
        )
        .unwrap();
        assert_eq!(s.reset, 0.05);
        assert_eq!(s.statuses, vec![(503, 0.05), (429, 0.05)]);
        assert_eq!(s.retry_after, Some(1));
        assert_eq!(s.slow, Some((Duration::from_millis(200), 1.0)));
        assert_eq!(s.watch_drop, Some(Duration::from_secs(10)));
        assert_eq!(s.stream_drop, Some(Duration::from_secs(5)));
        assert_eq!(s.expire_continue, 1.0);
        assert_eq!(
            s.to_string(),
            "reset=0.05,status=503:0.05,status=429:0.05,retry-after=1,slow=200ms,\
             watch-drop=10000ms,stream-drop=5000ms,expire-continue"
        );
        assert_eq!(Spec::parse(&s.to_string()).unwrap(), s);
        let c = Spec::parse("exec-cut=4096").unwrap();
        assert_eq!(
            (c.exec_cut, c.to_string().as_str()),
            (Some(4096), "exec-cut=4096")
        );
        assert!(Spec::parse("exec-cut=0").is_err());
        let w = Spec::parse("watch-reset=1,watch-expire").unwrap();
        assert_eq!((w.watch_reset, w.watch_expire), (1.0, 1.0));
        assert_eq!(w.to_string(), "watch-reset=1,watch-expire");
        assert_eq!(Spec::parse(&w.to_string()).unwrap(), w);
    }

    #[test]
    fn rejects_bad_items_by_name() {
        for (spec, want) in [
            ("reset=2", "invalid fault \"reset=2\""),
            ("status=503", "expected CODE:PROBABILITY"),
            ("status=200:0.1", "the code must be 400-599"),
            ("slow=fast", "is not a duration"),
            ("bogus", "unknown fault"),
            ("reset", "needs a value"),
            ("reset=0.6,status=500:0.6", "add up to more than 1"),
        ] {
            let e = Spec::parse(spec).unwrap_err();
            assert!(e.contains(want), "{spec}: {e}");
        }
        assert!(Spec::parse("off").unwrap().is_off());
        assert!(Spec::parse("").unwrap().is_off());
    }

    #[test]
    fn draws_follow_the_probability_and_the_seed() {
        let f = Faults::default();
        f.set(Spec::parse("seed=7").unwrap());
        let a: Vec<f64> = (0..5).map(|_| f.draw()).collect();
        f.set(Spec::parse("seed=7").unwrap());
        let b: Vec<f64> = (0..5).map(|_| f.draw()).collect();
        assert_eq!(a, b);
        let hits = (0..100_000).filter(|_| f.chance(0.05)).count();
        assert!((4_000..6_000).contains(&hits), "{hits}");
        assert!((0..1000).all(|_| (0.0..1.0).contains(&f.draw())));
    }
}
