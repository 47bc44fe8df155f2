//! `-f http://...` for the verbs that read manifests, against kubectl: manifests served by a
//! small HTTP server inside the test, and kubectl's words when a URL is not valid, answers
//! 404, keeps failing with 500 (three attempts) or refuses the connection.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::common::{TestEnv, kubectl_bin};
use crate::write_pair::Pair;

const CONFIGMAP: &str =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-url\ndata:\n  a: \"1\"\n";
const DEPLOYMENT: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx}]\n";

/// An HTTP/1.1 server on 127.0.0.1 answering `/cm.yaml`, `/both.yaml` (a ConfigMap and a
/// Deployment), `/broken` (500, counted) and 404 for anything else.
struct Server {
    base: String,
    failures: Arc<AtomicUsize>,
}

fn serve() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().unwrap());
    let failures = Arc::new(AtomicUsize::new(0));
    let counted = failures.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            // The headers, up to the blank line.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/");
            let both = format!("{CONFIGMAP}---\n{DEPLOYMENT}");
            let (status, body) = match path {
                "/cm.yaml" => ("200 OK", CONFIGMAP.to_string()),
                "/both.yaml" => ("200 OK", both),
                "/broken" => {
                    counted.fetch_add(1, Ordering::SeqCst);
                    ("500 Internal Server Error", "boom".to_string())
                }
                _ => ("404 Not Found", "404 page not found\n".to_string()),
            };
            let mut s = &stream;
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    Server { base, failures }
}

#[test]
fn verbs_read_manifests_from_urls() {
    let Some(pair) = Pair::new("urls") else {
        return;
    };
    let server = serve();
    let cm = format!("{}/cm.yaml", server.base);
    let both = format!("{}/both.yaml", server.base);
    pair.parity(&["create", "-f", &cm]);
    pair.parity(&["get", "-f", &cm, "-o", "name"]);
    pair.parity(&["apply", "-f", &both]);
    pair.parity(&["label", "-f", &cm, "via=url"]);
    pair.parity(&["annotate", "-f", &cm, "via=url"]);
    pair.parity(&[
        "patch",
        "--local",
        "-f",
        &cm,
        "-p",
        r#"{"data":{"b":"2"}}"#,
        "-o",
        "yaml",
    ]);
    pair.parity(&["replace", "-f", &cm]);
    pair.same_state(&["get", "configmap/from-url", "deployment/web", "-o", "yaml"]);
    pair.parity(&["delete", "-f", &both]);
    pair.same_state(&["get", "configmaps,deployments", "-o", "name"]);
}

#[test]
fn urls_that_cannot_be_read() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = TestEnv::sim("urls-bad");
    let server = serve();
    let missing = format!("{}/missing.yaml", server.base);
    let cm = format!("{}/cm.yaml", server.base);
    // A port nobody listens on.
    let refused = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/x.yaml", l.local_addr().unwrap())
    };
    for args in [
        &["get", "-f", &missing][..],
        &["apply", "-f", &missing],
        &["delete", "-f", &missing],
        &["get", "-f", &cm, "-f", &missing, "-o", "name"],
        &["get", "-f", &refused],
        &["apply", "-f", &refused],
        &["get", "-f", "http://[::1/x.yaml"],
        &["create", "-f", "http://exa mple.com/x.yaml"],
    ] {
        env.parity_ns(args);
    }
    // A server error is retried: three attempts each.
    let broken = format!("{}/broken", server.base);
    env.parity_ns(&["apply", "-f", &broken]);
    assert_eq!(server.failures.load(Ordering::SeqCst), 6);
}
