//! `-f http(s)://...`: manifests fetched over HTTP as kubectl's URL visitor fetches them
//! (three attempts a second apart; connection failures and 5xx answers are retried, other
//! statuses are not; redirects followed), with its messages for a URL that is not valid,
//! a status other than 200, and a server that cannot be reached.

use std::time::Duration;

use http_body_util::BodyExt;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use crate::error::{Error, Result};

/// cli-runtime's `defaultHttpGetAttempts`.
const ATTEMPTS: usize = 3;
/// Go's `http.Client` gives up after ten redirects.
const MAX_REDIRECTS: usize = 10;

/// Whether a `-f` value is a URL (kubectl: starts with `http://` or `https://`).
pub fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

/// Go's `url.Parse` complaints kubectl reports before anything is sent:
/// `the URL passed to filename "x" is not valid: parse "x": <why>`.
pub fn check(s: &str) -> Result<()> {
    let why = parse_problem(s);
    match why {
        Some(why) => Err(Error::msg(format!(
            "the URL passed to filename {s:?} is not valid: parse {s:?}: {why}"
        ))),
        None => Ok(()),
    }
}

fn parse_problem(s: &str) -> Option<String> {
    let rest = s.split_once("://").map_or("", |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if let Some(bad) = s
        .split('%')
        .skip(1)
        .find(|esc| esc.len() < 2 || !esc.as_bytes()[..2].iter().all(u8::is_ascii_hexdigit))
    {
        let shown: String = bad.chars().take(2).collect();
        return Some(format!("invalid URL escape \"%{shown}\""));
    }
    let (host, port) = if let Some(v6) = host_port.strip_prefix('[') {
        match v6.find(']') {
            Some(i) => (&host_port[..i + 2], &v6[i + 1..]),
            None => return Some("missing ']' in host".into()),
        }
    } else {
        match host_port.rfind(':') {
            Some(i) => (&host_port[..i], &host_port[i..]),
            None => (host_port, ""),
        }
    };
    let digits = port
        .strip_prefix(':')
        .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !port.is_empty() && !digits {
        return Some(format!("invalid port {port:?} after host"));
    }
    if let Some(c) = host
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:[]%".contains(*c)))
    {
        return Some(format!(
            "invalid character {:?} in host name",
            c.to_string()
        ));
    }
    None
}

/// The body of `url`, or kubectl's message for why it could not be read.
pub async fn fetch(url: &str) -> Result<String> {
    let mut last = Error::msg(format!("unable to read URL {url:?}"));
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        match get(url).await {
            Ok((200, _, body)) => return Ok(body),
            Ok((code, status, _)) => {
                last = Error::msg(format!(
                    "unable to read URL {url:?}, server reported {status}, status code={code}"
                ));
                if !(500..600).contains(&code) {
                    break;
                }
            }
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// One GET (following redirects): status code, Go's `resp.Status` text and the body.
async fn get(url: &str) -> Result<(u16, String, String)> {
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_native_roots(rustls::crypto::ring::default_provider())
        .map_err(|e| Error::msg(e.to_string()))?
        .https_or_http()
        .enable_http1()
        .build();
    let client: Client<_, http_body_util::Empty<bytes::Bytes>> =
        Client::builder(TokioExecutor::new()).build(connector);
    let mut target = url.to_string();
    for _ in 0..=MAX_REDIRECTS {
        let uri: http::Uri = target
            .parse()
            .map_err(|e: http::uri::InvalidUri| Error::msg(format!("Get {target:?}: {e}")))?;
        let host = uri.authority().map(|a| a.to_string()).unwrap_or_default();
        let req = http::Request::get(uri.clone())
            .header(http::header::USER_AGENT, "kk")
            .body(http_body_util::Empty::new())
            .map_err(|e| Error::msg(e.to_string()))?;
        let res = client
            .request(req)
            .await
            .map_err(|e| Error::Plain(crate::error::connection_message(&host, &e)))?;
        let code = res.status().as_u16();
        if res.status().is_redirection()
            && let Some(next) = res
                .headers()
                .get(http::header::LOCATION)
                .and_then(|l| l.to_str().ok())
        {
            target = redirect_target(&uri, next);
            continue;
        }
        let reason = res
            .extensions()
            .get::<hyper::ext::ReasonPhrase>()
            .map(|r| String::from_utf8_lossy(r.as_bytes()).into_owned())
            .or_else(|| res.status().canonical_reason().map(str::to_string))
            .unwrap_or_default();
        let status = format!("{code} {reason}");
        let body = res
            .into_body()
            .collect()
            .await
            .map_err(|e| Error::Plain(crate::error::connection_message(&host, &e)))?
            .to_bytes();
        return Ok((code, status, String::from_utf8_lossy(&body).into_owned()));
    }
    Err(Error::msg(format!(
        "Get {target:?}: stopped after 10 redirects"
    )))
}

/// A `Location` header against the URL that sent it.
fn redirect_target(base: &http::Uri, location: &str) -> String {
    if is_url(location) {
        return location.to_string();
    }
    let scheme = base.scheme_str().unwrap_or("http");
    let authority = base.authority().map(|a| a.as_str()).unwrap_or("");
    if location.starts_with('/') {
        format!("{scheme}://{authority}{location}")
    } else {
        let path = base.path();
        let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        format!("{scheme}://{authority}{dir}{location}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_url_parse_problems() {
        assert_eq!(
            parse_problem("http://[::1/x").as_deref(),
            Some("missing ']' in host")
        );
        assert_eq!(
            parse_problem("http://exa mple.com/x").as_deref(),
            Some("invalid character \" \" in host name")
        );
        assert_eq!(
            parse_problem("http://h:x1/").as_deref(),
            Some("invalid port \":x1\" after host")
        );
        assert_eq!(
            parse_problem("http://h/%zz").as_deref(),
            Some("invalid URL escape \"%zz\"")
        );
        assert_eq!(parse_problem("https://127.0.0.1:8080/a%20b.yaml?x=1"), None);
        assert_eq!(parse_problem("http://[::1]:80/x"), None);
    }

    #[test]
    fn redirects_resolve_against_the_base() {
        let base: http::Uri = "http://h:1/a/b.yaml".parse().unwrap();
        assert_eq!(redirect_target(&base, "/c.yaml"), "http://h:1/c.yaml");
        assert_eq!(redirect_target(&base, "c.yaml"), "http://h:1/a/c.yaml");
        assert_eq!(redirect_target(&base, "https://x/y"), "https://x/y");
    }
}
