//! `-v=6` to `-v=9`: kubectl's request and response logging (client-go's
//! `debuggingRoundTripper` and `logBody`), as klog lines on stderr, one set per attempt:
//!
//! | level | logged |
//! |---|---|
//! | 6 | `"Response" verb url status milliseconds` |
//! | 7 | `"Request" verb url headers`, then `"Response" status milliseconds` |
//! | 8 | as 7, plus the response headers and both bodies (first 1,024 characters) |
//! | 9 | `"Request" curlCommand`, `"Response" verb url status headers milliseconds`, bodies up to 10,240 characters (all of them from 10 on) |
//!
//! Credentials are never printed: an `Authorization` value keeps only its scheme
//! (`Bearer <masked>`), as client-go's `maskValue` does. The layer sits outside kube's own
//! stack, which adds the credentials and impersonation headers later; those are logged from
//! the configuration they come from.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;

use http::{HeaderMap, Request, Response};
use http_body_util::BodyExt;
use kube::client::{Body, DynBody};
use tower::{BoxError, Layer, Service};

use super::retry::{Kind, kind};
use crate::ui::Ui;

/// The lowest level that logs anything.
pub const MIN_LEVEL: i32 = 6;

/// What the log layer needs to know besides the request.
#[derive(Clone)]
pub struct LogLayer {
    level: i32,
    ui: Arc<Ui>,
    /// `scheme://host[:port]` the relative request URIs go to.
    base: String,
    /// Headers kube's stack adds below this layer (credentials masked).
    added: Vec<(String, String)>,
}

impl LogLayer {
    /// Logging at `level` for a client built from `config`.
    pub fn new(level: i32, ui: Arc<Ui>, config: &kube::Config) -> Self {
        LogLayer {
            level,
            ui,
            base: config
                .cluster_url
                .to_string()
                .trim_end_matches('/')
                .to_string(),
            added: added_headers(config),
        }
    }
}

/// The headers kube adds to every request below kk's layers: the configured ones (the
/// User-Agent), credentials (masked) and impersonation. (Like kubectl's, the log leaves out the transport's own `Accept-Encoding`.)
fn added_headers(config: &kube::Config) -> Vec<(String, String)> {
    let a = &config.auth_info;
    let mut out: Vec<(String, String)> = config
        .headers
        .iter()
        .map(|(k, v)| {
            (
                canonical(k.as_str()),
                mask(k.as_str(), &String::from_utf8_lossy(v.as_bytes())),
            )
        })
        .collect();
    let bearer = a.token.is_some()
        || a.token_file.is_some()
        || a.exec.is_some()
        || a.auth_provider.is_some();
    if bearer {
        out.push(("Authorization".into(), "Bearer <masked>".into()));
    } else if a.username.is_some() || a.password.is_some() {
        out.push(("Authorization".into(), "Basic <masked>".into()));
    }
    if let Some(u) = &a.impersonate {
        out.push(("Impersonate-User".into(), u.clone()));
    }
    if let Some(u) = &a.impersonate_uid {
        out.push(("Impersonate-Uid".into(), u.clone()));
    }
    for g in a.impersonate_groups.iter().flatten() {
        out.push(("Impersonate-Group".into(), g.clone()));
    }
    let mut extra: Vec<_> = a.impersonate_user_extra.iter().flatten().collect();
    extra.sort();
    for (k, vs) in extra {
        for v in vs {
            out.push((format!("Impersonate-Extra-{}", canonical(k)), v.clone()));
        }
    }
    out
}

impl<S> Layer<S> for LogLayer {
    type Service = Log<S>;

    fn layer(&self, inner: S) -> Log<S> {
        Log {
            inner,
            layer: self.clone(),
        }
    }
}

/// The logging service.
pub struct Log<S> {
    inner: S,
    layer: LogLayer,
}

type Resp = Response<Box<DynBody>>;

impl<S> Service<Request<Body>> for Log<S>
where
    S: Service<Request<Body>, Response = Resp, Error = BoxError>,
    S::Future: Send + 'static,
{
    type Response = Resp;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Resp, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        let layer = self.layer.clone();
        if layer.level < MIN_LEVEL {
            return Box::pin(self.inner.call(req));
        }
        let level = layer.level;
        let verb = req.method().to_string();
        let url = format!("{}{}", layer.base, req.uri());
        let streamed = matches!(kind(&req), Kind::Watch | Kind::Stream | Kind::Upgrade);
        let mut headers = headers_of(req.headers());
        let own = |k: &str| req.headers().contains_key(k);
        headers.extend(layer.added.iter().filter(|(k, _)| !own(k)).cloned());
        headers.sort();
        let ui = layer.ui.clone();
        // A body kk holds in memory is ready at once.
        let sent = req
            .body()
            .try_clone()
            .and_then(|b| futures::FutureExt::now_or_never(b.collect()))
            .and_then(Result::ok)
            .map(|b| b.to_bytes())
            .filter(|b| !b.is_empty());
        if level >= 8
            && let Some(bytes) = sent
        {
            emit(
                &ui,
                "helper.go:105",
                "Request Body",
                &[("body", body_value(level, &bytes))],
            );
        }
        if level >= 9 {
            let curl = Value::Text(curl(&verb, &headers, &url));
            emit(
                &ui,
                "round_trippers.go:527",
                "Request",
                &[("curlCommand", curl)],
            );
        } else if level >= 7 {
            let kv = [
                ("verb", Value::Text(verb.clone())),
                ("url", Value::Text(url.clone())),
                ("headers", Value::Text(header_lines(&headers))),
            ];
            emit(&ui, "round_trippers.go:527", "Request", &kv);
        }
        let start = Instant::now();
        let call = self.inner.call(req);
        Box::pin(async move {
            let result = call.await;
            let mut kv = Vec::new();
            if level == 6 || level >= 9 {
                kv.push(("verb", Value::Text(verb)));
                kv.push(("url", Value::Text(url)));
            }
            let ms = Value::Int(start.elapsed().as_millis() as i64);
            let resp = match result {
                Ok(resp) => resp,
                Err(e) => {
                    // client-go logs a failed attempt with an empty status.
                    kv.push(("status", Value::Text(String::new())));
                    kv.push(("milliseconds", ms));
                    emit(&ui, "round_trippers.go:632", "Response", &kv);
                    return Err(e);
                }
            };
            let status = resp.status();
            let reason = status.canonical_reason().unwrap_or("");
            let status_text = format!("{} {reason}", status.as_u16())
                .trim_end()
                .to_string();
            kv.push(("status", Value::Text(status_text)));
            if level >= 8 {
                let mut h = headers_of(resp.headers());
                h.sort();
                kv.push(("headers", Value::Text(header_lines(&h))));
            }
            kv.push(("milliseconds", ms));
            emit(&ui, "round_trippers.go:632", "Response", &kv);
            if level < 8 || streamed {
                return Ok(resp);
            }
            let (head, body) = resp.into_parts();
            let bytes = body.collect().await?.to_bytes();
            emit(
                &ui,
                "helper.go:105",
                "Response Body",
                &[("body", body_value(level, &bytes))],
            );
            let body: Box<DynBody> =
                Box::new(http_body_util::Full::new(bytes).map_err(|e| match e {}));
            Ok(Response::from_parts(head, body))
        })
    }
}

/// A klog key's value: quoted text (multi-line text in klog's `<` block) or a number.
enum Value {
    Text(String),
    Int(i64),
}

/// klog's line header: `I1207 16:26:36.170145   28635 file:line] `.
fn header(severity: char, source: &str) -> String {
    let now = chrono::Local::now();
    format!(
        "{severity}{} {:>7} {source}] ",
        now.format("%m%d %H:%M:%S%.6f"),
        std::process::id(),
    )
}

/// A `klog.Warningf` line on stderr: `W1207 16:26:36.170145   28635 file:line] text`.
pub fn warning(ui: &Ui, source: &str, text: &str) {
    let _ = ui.eprint(&format!("{}{text}\n", header('W', source)));
}

/// One klog info line: `I1207 16:26:36.170145   28635 file:line] "msg" key=value ...`.
fn emit(ui: &Ui, source: &str, msg: &str, kv: &[(&str, Value)]) {
    let mut line = header('I', source) + &crate::go::quote(msg);
    for (k, v) in kv {
        line.push(' ');
        line.push_str(k);
        line.push('=');
        match v {
            Value::Int(n) => line.push_str(&n.to_string()),
            Value::Text(s) => push_text(&mut line, s),
        }
    }
    line.push('\n');
    let _ = ui.eprint(&line);
}

/// klog's string values: quoted on one line, or (with a line break) a block of
/// tab-indented lines closed by ` >`.
fn push_text(line: &mut String, s: &str) {
    if !s.contains('\n') {
        line.push_str(&crate::go::quote(s));
        return;
    }
    line.push_str("<\n");
    let mut rest = s;
    while let Some(i) = rest.find('\n') {
        line.push('\t');
        line.push_str(&rest[..=i]);
        rest = &rest[i + 1..];
    }
    if rest.is_empty() {
        line.push_str(" >");
    } else {
        line.push('\t');
        line.push_str(rest);
        line.push_str("\n >");
    }
}

/// client-go's `truncateBody`: 1,024 characters at level 8, 10,240 at 9, all from 10.
fn body_value(level: i32, bytes: &[u8]) -> Value {
    let body = String::from_utf8_lossy(bytes);
    let max = match level {
        8 => 1024,
        9 => 10240,
        _ => usize::MAX,
    };
    let chars = body.chars().count();
    if chars <= max {
        return Value::Text(body.into_owned());
    }
    let head: String = body.chars().take(max).collect();
    Value::Text(format!("{head} [truncated {} chars]", chars - max))
}

/// Headers with names in Go's canonical form and credentials masked.
fn headers_of(map: &HeaderMap) -> Vec<(String, String)> {
    map.iter()
        .map(|(k, v)| {
            let name = canonical(k.as_str());
            let value = String::from_utf8_lossy(v.as_bytes()).into_owned();
            let value = mask(&name, &value);
            (name, value)
        })
        .collect()
}

/// `Key: value` lines.
fn header_lines(h: &[(String, String)]) -> String {
    h.iter().map(|(k, v)| format!("{k}: {v}\n")).collect()
}

/// client-go's `toCurl`.
fn curl(verb: &str, h: &[(String, String)], url: &str) -> String {
    let headers: String = h
        .iter()
        .map(|(k, v)| format!(" -H {}", crate::go::quote(&format!("{k}: {v}"))))
        .collect();
    format!("curl -v -X{verb} {headers} '{url}'\n")
}

/// client-go's `maskValue`: an `Authorization` value keeps only a known scheme.
pub fn mask(key: &str, value: &str) -> String {
    if !key.eq_ignore_ascii_case("authorization") || value.is_empty() {
        return value.to_string();
    }
    let scheme = value.split(' ').next().unwrap_or(value);
    if !matches!(
        scheme.to_ascii_lowercase().as_str(),
        "bearer" | "basic" | "negotiate"
    ) {
        return "<masked>".into();
    }
    if value.len() > scheme.len() + 1 {
        format!("{scheme} <masked>")
    } else {
        scheme.to_string()
    }
}

/// Go's `http.CanonicalHeaderKey`: `content-type` → `Content-Type`.
fn canonical(k: &str) -> String {
    let mut out = String::with_capacity(k.len());
    let mut upper = true;
    for c in k.chars() {
        out.push(if upper {
            c.to_ascii_uppercase()
        } else {
            c.to_ascii_lowercase()
        });
        upper = c == '-';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_credentials_like_client_go() {
        assert_eq!(mask("Authorization", "Bearer abc.def"), "Bearer <masked>");
        assert_eq!(
            mask("authorization", "Basic dXNlcjpwYXNz"),
            "Basic <masked>"
        );
        assert_eq!(mask("Authorization", "Bearer"), "Bearer");
        assert_eq!(mask("Authorization", "secret-token"), "<masked>");
        assert_eq!(mask("Accept", "application/json"), "application/json");
    }

    #[test]
    fn klog_text_values() {
        let mut l = String::new();
        push_text(&mut l, "Accept: a\nUser-Agent: b\n");
        assert_eq!(l, "<\n\tAccept: a\n\tUser-Agent: b\n >");
        let mut l = String::new();
        push_text(&mut l, "a\"b");
        assert_eq!(l, "\"a\\\"b\"");
        assert_eq!(canonical("content-type"), "Content-Type");
        assert_eq!(
            curl("GET", &[("Accept".into(), "x".into())], "https://h/api"),
            "curl -v -XGET  -H \"Accept: x\" 'https://h/api'\n"
        );
    }

    #[test]
    fn bodies_are_truncated_by_level() {
        let long = "x".repeat(1030);
        let Value::Text(t) = body_value(8, long.as_bytes()) else {
            panic!()
        };
        assert!(t.ends_with("x [truncated 6 chars]"), "{t}");
        let Value::Text(t) = body_value(9, long.as_bytes()) else {
            panic!()
        };
        assert_eq!(t, long);
    }
}
