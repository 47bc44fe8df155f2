//! `wget` and `curl` of the simulated container: HTTP/1.1 GET over the container's network,
//! which is whatever [`super::NetDialer`] the kubelet put in the context (the pod's own ports
//! for `localhost`; services and other pods when the cluster network resolves them).
//! Messages and exit codes follow busybox wget and curl.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::exec::{Flow, Shell};

struct Url {
    host: String,
    port: u16,
    path: String,
}

fn parse_url(u: &str) -> Option<Url> {
    let rest = u.strip_prefix("http://").unwrap_or(u);
    if rest.starts_with("https://") || u.starts_with("https://") {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].to_string()),
        None => (rest, "/".to_string()),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), p.parse().ok()?),
        None => (authority.to_string(), 80),
    };
    if host.is_empty() {
        return None;
    }
    Some(Url { host, port, path })
}

/// Status code, reason line, body (chunked encoding decoded).
fn split_response(raw: &[u8]) -> Option<(u16, String, Vec<u8>)> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let status_line = head.lines().next()?.to_string();
    let code = status_line.split_whitespace().nth(1)?.parse().ok()?;
    let mut body = raw[end + 4..].to_vec();
    let chunked = head
        .lines()
        .any(|l| l.to_ascii_lowercase().starts_with("transfer-encoding:") && l.contains("chunked"));
    if chunked {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(nl) = body[at..].windows(2).position(|w| w == b"\r\n") {
            let size_hex = String::from_utf8_lossy(&body[at..at + nl]).into_owned();
            let size = usize::from_str_radix(size_hex.split(';').next()?.trim(), 16).ok()?;
            at += nl + 2;
            if size == 0 || at + size > body.len() {
                break;
            }
            out.extend_from_slice(&body[at..at + size]);
            at += size + 2;
        }
        body = out;
    }
    Some((code, status_line, body))
}

enum Fetch {
    Ok(u16, String, Vec<u8>),
    NoNetwork,
    Refused,
    Other(String),
}

impl Shell {
    async fn fetch(&mut self, url: &Url, timeout: Duration) -> Fetch {
        let Some(net) = self.net.clone() else {
            return Fetch::NoNetwork;
        };
        let attempt = async {
            let mut conn = net(url.host.clone(), url.port).await?;
            let req = format!(
                "GET {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: Wget\r\nAccept: */*\r\nConnection: close\r\n\r\n",
                url.path, url.host
            );
            conn.write_all(req.as_bytes()).await?;
            let mut raw = Vec::new();
            conn.read_to_end(&mut raw).await?;
            Ok::<_, std::io::Error>(raw)
        };
        match tokio::time::timeout(timeout, attempt).await {
            Err(_) => Fetch::Other("download timed out".into()),
            Ok(Err(e)) if e.kind() == std::io::ErrorKind::ConnectionRefused => Fetch::Refused,
            Ok(Err(e)) if e.kind() == std::io::ErrorKind::NotFound => Fetch::NoNetwork,
            Ok(Err(e)) => Fetch::Other(e.to_string()),
            Ok(Ok(raw)) => match split_response(&raw) {
                Some((c, l, b)) => Fetch::Ok(c, l, b),
                None => Fetch::Other("malformed HTTP response".into()),
            },
        }
    }

    async fn deliver(&mut self, target: Option<&str>, body: &[u8]) {
        match target {
            None | Some("-") => {
                if !self.out.write(body).await {
                    self.broken = true;
                }
            }
            Some(file) => {
                let path = if file.starts_with('/') {
                    file.to_string()
                } else {
                    let cwd = self.vars.get("PWD").cloned().unwrap_or_else(|| "/".into());
                    format!("{}/{file}", cwd.trim_end_matches('/'))
                };
                if let Ok(mut fs) = self.fs.lock() {
                    fs.insert(path, body.to_vec());
                }
            }
        }
    }

    /// busybox `wget [-q] [-O FILE] [-T SEC] URL`.
    pub(crate) async fn wget(&mut self, args: &[String]) -> Flow {
        let (mut output, mut timeout, mut url) = (None, 10u64, None);
        let mut i = 0;
        while i < args.len() {
            let a = args[i].as_str();
            match a {
                "-O" | "-T" => {
                    let v = args.get(i + 1).cloned().unwrap_or_default();
                    if a == "-O" {
                        output = Some(v)
                    } else {
                        timeout = v.parse().unwrap_or(10)
                    }
                    i += 1;
                }
                _ if a.starts_with("-O") && a.len() > 2 => output = Some(a[2..].to_string()),
                _ if a.starts_with("-qO") => output = Some(a[3..].to_string()),
                _ if a.starts_with('-') => {}
                _ => url = Some(a.to_string()),
            }
            i += 1;
        }
        let Some(raw_url) = url else {
            self.complain("wget: missing URL").await;
            self.last = 1;
            return Flow::Normal;
        };
        let Some(u) = parse_url(&raw_url) else {
            self.complain(&format!("wget: not an http or ftp url: {raw_url}"))
                .await;
            self.last = 1;
            return Flow::Normal;
        };
        let target = output.unwrap_or_else(|| {
            let name = u.path.rsplit('/').next().unwrap_or("");
            if name.is_empty() {
                "index.html".into()
            } else {
                name.to_string()
            }
        });
        self.last = 1;
        match self.fetch(&u, Duration::from_secs(timeout)).await {
            Fetch::NoNetwork => {
                self.complain(&format!("wget: bad address '{}'", u.host))
                    .await
            }
            Fetch::Refused => {
                self.complain("wget: can't connect to remote host: Connection refused")
                    .await
            }
            Fetch::Other(e) => self.complain(&format!("wget: {e}")).await,
            Fetch::Ok(code, line, _) if !(200..300).contains(&code) => {
                self.complain(&format!("wget: server returned error: {line}"))
                    .await
            }
            Fetch::Ok(_, _, body) => {
                self.deliver(Some(&target), &body).await;
                self.last = 0;
            }
        }
        if self.broken {
            Flow::Exit
        } else {
            Flow::Normal
        }
    }

    /// `curl [-s] [-S] [-f] [-o FILE] [-m SEC] URL`.
    pub(crate) async fn curl(&mut self, args: &[String]) -> Flow {
        let (mut silent, mut show_err, mut fail, mut output, mut timeout, mut url) =
            (false, false, false, None, 10u64, None);
        let mut i = 0;
        while i < args.len() {
            let a = args[i].as_str();
            match a {
                "-o" | "--output" | "-m" | "--max-time" | "-H" | "-X" | "-w" => {
                    let v = args.get(i + 1).cloned().unwrap_or_default();
                    match a {
                        "-o" | "--output" => output = Some(v),
                        "-m" | "--max-time" => timeout = v.parse().unwrap_or(10),
                        _ => {}
                    }
                    i += 1;
                }
                "--silent" => silent = true,
                "--fail" => fail = true,
                "--show-error" => show_err = true,
                _ if a.starts_with("--") => {}
                _ if a.starts_with('-') => {
                    for c in a.chars().skip(1) {
                        match c {
                            's' => silent = true,
                            'S' => show_err = true,
                            'f' => fail = true,
                            _ => {}
                        }
                    }
                }
                _ => url = Some(a.to_string()),
            }
            i += 1;
        }
        let report = !silent || show_err;
        let Some(raw_url) = url else {
            self.complain("curl: no URL specified").await;
            self.last = 2;
            return Flow::Normal;
        };
        let Some(u) = parse_url(&raw_url) else {
            if report {
                self.complain(&format!(
                    "curl: (1) Protocol not supported or disabled: {raw_url}"
                ))
                .await;
            }
            self.last = 1;
            return Flow::Normal;
        };
        let (code, msg) = match self.fetch(&u, Duration::from_secs(timeout)).await {
            Fetch::NoNetwork => (6, format!("curl: (6) Could not resolve host: {}", u.host)),
            Fetch::Refused => (
                7,
                format!(
                    "curl: (7) Failed to connect to {} port {} after 0 ms: Couldn't connect to server",
                    u.host, u.port
                ),
            ),
            Fetch::Other(e) => (28, format!("curl: (28) {e}")),
            Fetch::Ok(status, _, _) if fail && status >= 400 => (
                22,
                format!("curl: (22) The requested URL returned error: {status}"),
            ),
            Fetch::Ok(_, _, body) => {
                self.deliver(output.as_deref(), &body).await;
                (0, String::new())
            }
        };
        if code != 0 && report {
            self.complain(&msg).await;
        }
        self.last = code;
        if self.broken {
            Flow::Exit
        } else {
            Flow::Normal
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_responses() {
        let u = parse_url("http://web.default.svc:8080/a/b?x=1").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.path.as_str()),
            ("web.default.svc", 8080, "/a/b?x=1")
        );
        let u = parse_url("localhost").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.path.as_str()),
            ("localhost", 80, "/")
        );
        assert!(parse_url("https://x").is_none());
        let (c, l, b) =
            split_response(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
                .unwrap();
        assert_eq!(
            (c, l.as_str(), b.as_slice()),
            (200, "HTTP/1.1 200 OK", &b"abcde"[..])
        );
    }
}
