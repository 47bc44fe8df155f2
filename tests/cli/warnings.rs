//! Server `Warning` headers reach stderr as kubectl's `Warning: <text>` lines, once each.

use std::io::{Read, Write};
use std::net::TcpListener;

use crate::common::TestEnv;

/// A one-purpose HTTP server on loopback answering every request with `body` and two
/// identical warnings.
fn warning_server(body: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut buf = Vec::new();
            let mut chunk = [0u8; 1024];
            while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                match s.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                }
            }
            let resp = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                 Warning: 299 - \"this API is deprecated\"\r\n\
                 Warning: 299 - \"this API is deprecated\"\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = s.write_all(resp.as_bytes());
        }
    });
    format!("http://{addr}")
}

#[test]
fn warnings_are_printed_once() {
    let url = warning_server(r#"{"major":"1","minor":"33","gitVersion":"v1.33.1"}"#);
    let out = TestEnv::offline().run_kk(&["--server", &url, "version"]);
    assert_eq!(out.code, 0, "{out}");
    assert_eq!(out.stderr, "Warning: this API is deprecated\n");
    assert!(out.stdout.ends_with("Server Version: v1.33.1\n"), "{out}");
}

#[test]
fn warnings_as_errors() {
    let url = warning_server(r#"{"major":"1","minor":"33","gitVersion":"v1.33.1"}"#);
    let out = TestEnv::offline().run_kk(&["--server", &url, "--warnings-as-errors", "version"]);
    assert_eq!(out.code, 1, "{out}");
    assert_eq!(
        out.stderr,
        "Warning: this API is deprecated\nerror: 1 warning received\n"
    );
}
