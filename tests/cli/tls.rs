//! TLS verification: a server whose certificate is signed by another CA, expired, issued for
//! another host name or self-signed is refused with Go's wording as kubectl prints it; a
//! kubeconfig that sets both a CA and `insecure-skip-tls-verify` is refused like kubectl's;
//! `--insecure-skip-tls-verify` given as a flag connects. Certificates are made here (rcgen);
//! the server is a bare rustls listener that answers `/version`.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;

use base64::Engine;
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::common::TestEnv;

struct Ca {
    pem: String,
    issuer: Issuer<'static, KeyPair>,
}

fn ca(name: &str) -> Ca {
    let key = KeyPair::generate().unwrap();
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, name);
    p.distinguished_name = dn;
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let cert = p.self_signed(&key).unwrap();
    Ca {
        pem: cert.pem(),
        issuer: Issuer::new(p, key),
    }
}

/// A serving certificate for `names`, valid in `[from, to]` (years), signed by `ca` or
/// self-signed.
fn leaf(names: &[&str], years: (i32, i32), ca: Option<&Ca>) -> (CertificateDer<'static>, KeyPair) {
    let key = KeyPair::generate().unwrap();
    let mut p =
        CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>()).unwrap();
    p.not_before = rcgen::date_time_ymd(years.0, 1, 1);
    p.not_after = rcgen::date_time_ymd(years.1, 1, 1);
    let cert = match ca {
        Some(ca) => p.signed_by(&key, &ca.issuer).unwrap(),
        None => p.self_signed(&key).unwrap(),
    };
    (cert.der().clone(), key)
}

/// Serves TLS with `cert` on a free port (answering any request with a `/version` body)
/// until the test ends; returns the port.
fn serve(cert: CertificateDer<'static>, key: KeyPair) -> u16 {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .unwrap();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for tcp in listener.incoming() {
            let Ok(tcp) = tcp else { continue };
            let config = config.clone();
            std::thread::spawn(move || {
                let conn = rustls::ServerConnection::new(config).unwrap();
                let mut tls = rustls::StreamOwned::new(conn, tcp);
                let mut req = Vec::new();
                let mut buf = [0u8; 1024];
                while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => req.extend_from_slice(&buf[..n]),
                    }
                }
                let body = r#"{"major":"1","minor":"33","gitVersion":"v1.33.1"}"#;
                let _ = write!(
                    tls,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
                     Connection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.flush();
                tls.conn.send_close_notify();
                let _ = tls.flush();
            });
        }
    });
    port
}

/// An env whose kubeconfig points at `server` with `cluster` settings (YAML flow items).
fn env_for(server: &str, cluster: &str) -> TestEnv {
    let mut env = TestEnv::offline();
    std::fs::write(
        env.path("kubeconfig"),
        format!(
            "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: tls\n  \
             cluster: {{server: '{server}', {cluster}}}\ncontexts:\n- name: c\n  context: \
             {{cluster: tls, user: u}}\nusers:\n- name: u\n  user: {{token: t0ken}}\n"
        ),
    )
    .unwrap();
    env.kubeconfig = Some("kubeconfig".into());
    env
}

fn ca_data(ca: &Ca) -> String {
    format!(
        "certificate-authority-data: {}",
        base64::engine::general_purpose::STANDARD.encode(&ca.pem)
    )
}

/// kk and kubectl print the same refusal (exit 1) containing `needle`.
#[track_caller]
fn refused(env: &TestEnv, needle: &str) {
    let args = ["get", "--raw", "/version"];
    let out = env.run_kk(&args);
    assert_eq!(out.code, 1, "{out}");
    assert!(out.stdout.is_empty(), "{out}");
    assert!(out.stderr.contains(needle), "{needle:?} not in {out}");
    env.parity(&args);
}

#[test]
fn bad_certificates_are_refused_with_gos_words() {
    let good = ca("good-ca");
    let other = ca("other-ca");
    // Signed by a CA the kubeconfig does not trust.
    let (c, k) = leaf(&["127.0.0.1", "localhost"], (2020, 2090), Some(&other));
    let port = serve(c, k);
    let env = env_for(&format!("https://127.0.0.1:{port}"), &ca_data(&good));
    refused(&env, "x509: certificate signed by unknown authority");
    // Self-signed, checked against the system roots (no CA configured).
    let (c, k) = leaf(&["127.0.0.1", "localhost"], (2020, 2090), None);
    let port = serve(c, k);
    let env = env_for(
        &format!("https://127.0.0.1:{port}"),
        "insecure-skip-tls-verify: false",
    );
    refused(&env, "x509: certificate signed by unknown authority");
    // Expired.
    let (c, k) = leaf(&["127.0.0.1", "localhost"], (2015, 2020), Some(&good));
    let port = serve(c, k);
    let env = env_for(&format!("https://127.0.0.1:{port}"), &ca_data(&good));
    refused(&env, "x509: certificate has expired or is not yet valid");
    // Issued for another host name, reached by IP and by name.
    let (c, k) = leaf(&["api.example.com"], (2020, 2090), Some(&good));
    let port = serve(c, k);
    let env = env_for(&format!("https://127.0.0.1:{port}"), &ca_data(&good));
    refused(
        &env,
        "x509: cannot validate certificate for 127.0.0.1 because it doesn't contain any IP SANs",
    );
    let env = env_for(&format!("https://localhost:{port}"), &ca_data(&good));
    refused(
        &env,
        "x509: certificate is valid for api.example.com, not localhost",
    );
    // The right CA and name: it works (the checks above are not refusing everything).
    let (c, k) = leaf(&["127.0.0.1", "localhost"], (2020, 2090), Some(&good));
    let port = serve(c, k);
    let env = env_for(&format!("https://127.0.0.1:{port}"), &ca_data(&good));
    let out = env.run_kk(&["get", "--raw", "/version"]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, r#"{"major":"1","minor":"33","gitVersion":"v1.33.1"}"#),
        "{out}"
    );
}

#[test]
fn insecure_skip_tls_verify_with_a_ca_is_refused_like_kubectl() {
    let good = ca("good-ca");
    let (c, k) = leaf(&["api.example.com"], (2020, 2090), Some(&ca("nobody")));
    let port = serve(c, k);
    let server = format!("https://127.0.0.1:{port}");
    // Both in the kubeconfig: a configuration error, nothing sent.
    let env = env_for(
        &server,
        &format!("{}, insecure-skip-tls-verify: true", ca_data(&good)),
    );
    let args = ["get", "--raw", "/version"];
    let out = env.run_kk(&args);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            1,
            "error: specifying a root certificates file with the insecure flag is not allowed\n"
        )
    );
    env.parity(&args);
    // The flag over a kubeconfig CA: kubectl drops the CA and skips verification.
    let env = env_for(&server, &ca_data(&good));
    let args = ["get", "--raw", "/version", "--insecure-skip-tls-verify"];
    let out = env.run_kk(&args);
    assert_eq!(out.code, 0, "{out}");
    env.parity(&args);
}
