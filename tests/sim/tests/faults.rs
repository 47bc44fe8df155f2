//! `kk-sim serve --faults` and `/kk-sim/faults`: each fault as a plain HTTP/1.1 client sees it
//! (plain-HTTP servers, so the test reads the bytes on the wire).

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::start;

/// One HTTP/1.1 exchange on a fresh connection: `(status, headers, body)`, or the I/O error
/// the client saw (a reset).
fn http(url: &str, method: &str, path: &str, body: &str) -> std::io::Result<Response> {
    let addr = url.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: \
         application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
        .collect();
    Ok(Response {
        status,
        headers,
        body: body.to_string(),
    })
}

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn set(url: &str, spec: &str) -> Response {
    http(url, "PUT", "/kk-sim/faults", spec).expect("admin endpoint")
}

#[test]
fn admin_endpoint_reads_and_replaces_the_spec() {
    let sim = start(&["--plain-http", "--faults", "status=503:0.5,retry-after=2"]);
    let r = http(&sim.url, "GET", "/kk-sim/faults", "").unwrap();
    assert_eq!(
        (r.status, r.body.as_str()),
        (200, "status=503:0.5,retry-after=2\n")
    );
    let r = set(&sim.url, "reset=0.1,watch-drop=3s");
    assert_eq!(
        (r.status, r.body.as_str()),
        (200, "reset=0.1,watch-drop=3000ms\n")
    );
    let r = set(&sim.url, "reset=lots");
    assert_eq!(r.status, 400);
    assert!(
        r.body.contains("invalid fault \"reset=lots\""),
        "{}",
        r.body
    );
    // A bad spec leaves the old one in place.
    let r = http(&sim.url, "GET", "/kk-sim/faults", "").unwrap();
    assert_eq!(r.body, "reset=0.1,watch-drop=3000ms\n");
    assert_eq!(set(&sim.url, "off").body, "off\n");
}

#[test]
fn bad_spec_on_the_command_line_exits_1() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kk-sim"))
        .args(["serve", "--kubeconfig", "/dev/null", "--faults", "reset=2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is not a probability between 0 and 1"),
        "{err}"
    );
}

#[test]
fn injected_statuses_carry_retry_after_and_a_status_body() {
    let sim = start(&["--plain-http"]);
    set(&sim.url, "status=429:1,retry-after=3");
    let r = http(&sim.url, "GET", "/api/v1/namespaces", "").unwrap();
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after"), Some("3"));
    assert!(
        r.body.contains(r#""reason":"TooManyRequests""#),
        "{}",
        r.body
    );
    set(&sim.url, "status=503:1");
    let r = http(&sim.url, "GET", "/api/v1/namespaces", "").unwrap();
    assert_eq!((r.status, r.header("retry-after")), (503, None));
    // A refused write is not applied.
    let cm = r#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"refused"}}"#;
    let r = http(
        &sim.url,
        "POST",
        "/api/v1/namespaces/default/configmaps",
        cm,
    )
    .unwrap();
    assert_eq!(r.status, 503);
    set(&sim.url, "off");
    let r = http(
        &sim.url,
        "GET",
        "/api/v1/namespaces/default/configmaps/refused",
        "",
    )
    .unwrap();
    assert_eq!(r.status, 404);
}

#[test]
fn resets_cut_the_connection_before_or_after_the_write() {
    let sim = start(&["--plain-http"]);
    set(&sim.url, "reset=1");
    let cm = r#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"before"}}"#;
    let e = http(
        &sim.url,
        "POST",
        "/api/v1/namespaces/default/configmaps",
        cm,
    )
    .unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}");
    set(&sim.url, "reset-after=1");
    let cm = r#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"after"}}"#;
    let e = http(
        &sim.url,
        "POST",
        "/api/v1/namespaces/default/configmaps",
        cm,
    )
    .unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}");
    set(&sim.url, "off");
    let path = "/api/v1/namespaces/default/configmaps/";
    let status = |name: &str| {
        http(&sim.url, "GET", &format!("{path}{name}"), "")
            .unwrap()
            .status
    };
    assert_eq!(
        (status("before"), status("after")),
        (404, 200),
        "reset-after applies the write, reset does not"
    );
}

#[test]
fn continue_tokens_expire() {
    let sim = start(&["--plain-http"]);
    let r = http(&sim.url, "GET", "/api/v1/namespaces?limit=1", "").unwrap();
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let token = v["metadata"]["continue"].as_str().unwrap().to_string();
    set(&sim.url, "expire-continue");
    let r = http(&sim.url, "GET", "/api/v1/namespaces?limit=1", "").unwrap();
    assert_eq!(r.status, 200, "first pages are served");
    let r = http(
        &sim.url,
        "GET",
        &format!("/api/v1/namespaces?limit=1&continue={token}"),
        "",
    )
    .unwrap();
    assert_eq!(r.status, 410);
    assert!(r.body.contains(r#""reason":"Expired""#), "{}", r.body);
}

#[test]
fn watches_are_cut_after_the_configured_time() {
    let sim = start(&["--plain-http", "--faults", "watch-drop=1s"]);
    let start = Instant::now();
    let e = http(&sim.url, "GET", "/api/v1/namespaces?watch=true", "").unwrap_err();
    let took = start.elapsed();
    assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}");
    assert!(
        (Duration::from_millis(900)..Duration::from_secs(10)).contains(&took),
        "{took:?}"
    );
    // Ordinary requests are not cut.
    let r = http(&sim.url, "GET", "/api/v1/namespaces", "").unwrap();
    assert_eq!(r.status, 200);
}
