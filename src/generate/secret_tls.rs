//! `kubectl create secret tls NAME --cert=path --key=path [--append-hash]`
//! (`create_secret_tls.go`): the pair is checked as Go's `tls.X509KeyPair` checks it, with
//! its messages, before it goes into `tls.crt` / `tls.key`.

use base64::Engine;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use serde_json::Value;

use super::secret::{Data, secret};
use super::sources::{Sources, path_error};

/// What `create secret tls` was given.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// The Secret's name.
    pub name: String,
    /// `--cert`.
    pub cert: String,
    /// `--key`.
    pub key: String,
    /// `--append-hash`.
    pub append_hash: bool,
    /// `-n` when given explicitly.
    pub namespace: Option<String>,
}

/// kubectl's `Validate()`.
pub fn validate(p: &Params) -> Result<(), String> {
    if p.key.is_empty() || p.cert.is_empty() {
        return Err("key and cert must be specified".into());
    }
    Ok(())
}

/// The TLS Secret.
pub fn build(p: &Params, src: &dyn Sources) -> Result<Value, String> {
    validate(p)?;
    let read = |f: &str| {
        src.read(f)
            .map_err(|e| format!("Cannot read file {f}, {}", path_error("open", f, &e)))
    };
    let cert = read(&p.cert)?;
    let key = read(&p.key)?;
    x509_key_pair(&cert, &key)?;
    let mut d = Data::default();
    d.0.insert("tls.crt".into(), cert);
    d.0.insert("tls.key".into(), key);
    Ok(secret(
        &p.name,
        p.namespace.as_deref(),
        "kubernetes.io/tls",
        &d,
        p.append_hash,
    ))
}

/// One block of `encoding/pem`: its type and decoded bytes.
struct Block {
    label: String,
    der: Vec<u8>,
}

/// Go's `pem.Decode` over the whole input: every well-formed block in order.
fn pem_blocks(data: &[u8]) -> Vec<Block> {
    let text = String::from_utf8_lossy(data);
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let line = line.trim_end();
        let Some(label) = line
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
        else {
            continue;
        };
        let end = format!("-----END {label}-----");
        let mut body = String::new();
        let mut closed = false;
        for l in lines.by_ref() {
            let l = l.trim();
            if l == end {
                closed = true;
                break;
            }
            if !l.contains(':') {
                body.push_str(l);
            }
        }
        if !closed {
            break;
        }
        if let Ok(der) = base64::engine::general_purpose::STANDARD.decode(body.as_bytes()) {
            out.push(Block {
                label: label.to_string(),
                der,
            });
        }
    }
    out
}

fn go_list(v: &[String]) -> String {
    format!("[{}]", v.join(" "))
}

/// `tls.X509KeyPair`'s checks and messages.
pub fn x509_key_pair(cert_pem: &[u8], key_pem: &[u8]) -> Result<(), String> {
    let mut certs = Vec::new();
    let mut skipped = Vec::new();
    for b in pem_blocks(cert_pem) {
        if b.label == "CERTIFICATE" {
            certs.push(b.der);
        } else {
            skipped.push(b.label);
        }
    }
    if certs.is_empty() {
        if skipped.is_empty() {
            return Err("tls: failed to find any PEM data in certificate input".into());
        }
        if skipped.len() == 1 && skipped[0].ends_with("PRIVATE KEY") {
            return Err("tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched".into());
        }
        return Err(format!(
            "tls: failed to find \"CERTIFICATE\" PEM block in certificate input after skipping PEM blocks of the following types: {}",
            go_list(&skipped)
        ));
    }
    skipped.clear();
    let mut key = None;
    for b in pem_blocks(key_pem) {
        if b.label == "PRIVATE KEY" || b.label.ends_with(" PRIVATE KEY") {
            key = Some(b.der);
            break;
        }
        skipped.push(b.label);
    }
    let Some(key) = key else {
        if skipped.is_empty() {
            return Err("tls: failed to find any PEM data in key input".into());
        }
        if skipped.len() == 1 && skipped[0] == "CERTIFICATE" {
            return Err(
                "tls: found a certificate rather than a key in the PEM for the private key".into(),
            );
        }
        return Err(format!(
            "tls: failed to find PEM block with type ending in \"PRIVATE KEY\" in key input after skipping PEM blocks of the following types: {}",
            go_list(&skipped)
        ));
    };
    // Go's parsePrivateKey tries PKCS#1, PKCS#8 and SEC 1 whatever the block says.
    let signing = [
        PrivateKeyDer::Pkcs1(key.clone().into()),
        PrivateKeyDer::Pkcs8(key.clone().into()),
        PrivateKeyDer::Sec1(key.into()),
    ]
    .iter()
    .find_map(|k| rustls::crypto::ring::sign::any_supported_type(k).ok())
    .ok_or_else(|| "tls: failed to parse private key".to_string())?;
    let cert = CertificateDer::from(certs.remove(0));
    let parsed = rustls::server::ParsedCertificate::try_from(&cert)
        .map_err(|_| "x509: malformed certificate".to_string())?;
    let Some(key_spki) = signing.public_key() else {
        return Ok(());
    };
    let cert_spki = parsed.subject_public_key_info();
    if algorithm_oid(&key_spki) != algorithm_oid(&cert_spki) {
        return Err("tls: private key type does not match public key type".into());
    }
    if key_spki.as_ref() != cert_spki.as_ref() {
        return Err("tls: private key does not match public key".into());
    }
    Ok(())
}

/// The algorithm OID of a DER `SubjectPublicKeyInfo` (`SEQUENCE { SEQUENCE { OID, ... } ...`).
fn algorithm_oid(spki: &[u8]) -> Option<&[u8]> {
    /// The contents of the DER element at the start of `b`, if it has tag `tag`.
    fn contents(b: &[u8], tag: u8) -> Option<&[u8]> {
        if *b.first()? != tag {
            return None;
        }
        let (len, skip) = match *b.get(1)? {
            n if n < 0x80 => (n as usize, 2),
            n => {
                let k = (n & 0x7f) as usize;
                let len = b
                    .get(2..2 + k)?
                    .iter()
                    .fold(0usize, |a, &x| a << 8 | x as usize);
                (len, 2 + k)
            }
        };
        b.get(skip..skip + len)
    }
    let outer = contents(spki, 0x30)?;
    let alg = contents(outer, 0x30)?;
    contents(alg, 0x06)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_errors_like_go() {
        assert_eq!(
            x509_key_pair(b"nothing", b"").unwrap_err(),
            "tls: failed to find any PEM data in certificate input"
        );
        let key_only = b"-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n";
        assert_eq!(
            x509_key_pair(key_only, b"").unwrap_err(),
            "tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched"
        );
        let cert = b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assert_eq!(
            x509_key_pair(cert, cert).unwrap_err(),
            "tls: found a certificate rather than a key in the PEM for the private key"
        );
        assert_eq!(
            x509_key_pair(cert, b"x").unwrap_err(),
            "tls: failed to find any PEM data in key input"
        );
        assert_eq!(
            x509_key_pair(cert, key_only).unwrap_err(),
            "tls: failed to parse private key"
        );
        let p = Params {
            name: "t".into(),
            ..Default::default()
        };
        assert_eq!(validate(&p).unwrap_err(), "key and cert must be specified");
    }
}
