//! The network tools of the simulated container: `wget` and `curl` (HTTP/1.1 GET), `nc`,
//! `nslookup` and `getent hosts`, over whatever [`super::NetDialer`] and [`super::Resolver`]
//! the kubelet put in the context (the pod's own ports for `localhost`; Services, pods and
//! nodes through the cluster's DNS and routing). Messages and exit codes follow busybox,
//! curl and glibc's getent.

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

/// Status code, head (status line and headers, each line ending in CRLF, and the empty
/// line), body (chunked encoding decoded).
fn split_response(raw: &[u8]) -> Option<(u16, String, Vec<u8>)> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..end + 4]).into_owned();
    let code = head
        .lines()
        .next()?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
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
    Some((code, head, body))
}

/// What the tool sends.
struct Request<'a> {
    method: &'a str,
    agent: &'a str,
    /// Extra `Name: value` lines (curl's `-H`).
    headers: &'a [String],
    /// A body (curl's `-d`), sent as a form like curl does.
    data: Option<&'a str>,
}

impl Request<'_> {
    fn bytes(&self, url: &Url) -> Vec<u8> {
        let mut req = format!(
            "{} {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: {}\r\nAccept: */*\r\n",
            self.method, url.path, url.host, self.agent
        );
        for h in self.headers {
            req.push_str(h);
            req.push_str("\r\n");
        }
        if let Some(d) = self.data {
            let typed = self
                .headers
                .iter()
                .any(|h| h.to_ascii_lowercase().starts_with("content-type:"));
            if !typed {
                req.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
            }
            req.push_str(&format!("Content-Length: {}\r\n", d.len()));
        }
        req.push_str("Connection: close\r\n\r\n");
        let mut out = req.into_bytes();
        out.extend_from_slice(self.data.unwrap_or("").as_bytes());
        out
    }
}

enum Fetch {
    Ok(u16, String, Vec<u8>),
    NoNetwork,
    Refused,
    Other(String),
}

impl Shell {
    async fn fetch(&mut self, url: &Url, req: &Request<'_>, timeout: Duration) -> Fetch {
        let Some(net) = self.net.clone() else {
            return Fetch::NoNetwork;
        };
        let bytes = req.bytes(url);
        let attempt = async {
            let mut conn = net(url.host.clone(), url.port).await?;
            conn.write_all(&bytes).await?;
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
        let req = Request {
            method: "GET",
            agent: "Wget",
            headers: &[],
            data: None,
        };
        match self.fetch(&u, &req, Duration::from_secs(timeout)).await {
            Fetch::NoNetwork => {
                self.complain(&format!("wget: bad address '{}'", u.host))
                    .await
            }
            Fetch::Refused => {
                self.complain("wget: can't connect to remote host: Connection refused")
                    .await
            }
            Fetch::Other(e) => self.complain(&format!("wget: {e}")).await,
            Fetch::Ok(code, head, _) if !(200..300).contains(&code) => {
                let line = head.lines().next().unwrap_or("");
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

    /// `curl [-s] [-S] [-f] [-i] [-I] [-X METHOD] [-H LINE]... [-d DATA] [-o FILE] [-m SEC]
    /// URL`.
    pub(crate) async fn curl(&mut self, args: &[String]) -> Flow {
        let (mut silent, mut show_err, mut fail, mut output, mut timeout, mut url) =
            (false, false, false, None, 10u64, None);
        let (mut include, mut head_only, mut method, mut headers, mut data) =
            (false, false, None::<String>, Vec::new(), None::<String>);
        let mut i = 0;
        while i < args.len() {
            let a = args[i].as_str();
            match a {
                "-o" | "--output" | "-m" | "--max-time" | "-H" | "--header" | "-X"
                | "--request" | "-d" | "--data" | "--data-raw" | "-w" => {
                    let v = args.get(i + 1).cloned().unwrap_or_default();
                    match a {
                        "-o" | "--output" => output = Some(v),
                        "-m" | "--max-time" => timeout = v.parse().unwrap_or(10),
                        "-H" | "--header" => headers.push(v),
                        "-X" | "--request" => method = Some(v),
                        "-d" | "--data" | "--data-raw" => data = Some(v),
                        _ => {}
                    }
                    i += 1;
                }
                "--silent" => silent = true,
                "--fail" => fail = true,
                "--show-error" => show_err = true,
                "--include" => include = true,
                "--head" => head_only = true,
                _ if a.starts_with("--") => {}
                _ if a.starts_with('-') => {
                    for c in a.chars().skip(1) {
                        match c {
                            's' => silent = true,
                            'S' => show_err = true,
                            'f' => fail = true,
                            'i' => include = true,
                            'I' => head_only = true,
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
        let default_method = match (head_only, &data) {
            (true, _) => "HEAD",
            (false, Some(_)) => "POST",
            (false, None) => "GET",
        };
        let req = Request {
            method: method.as_deref().unwrap_or(default_method),
            agent: "curl/8.11.1",
            headers: &headers,
            data: data.as_deref(),
        };
        let fetched = self.fetch(&u, &req, Duration::from_secs(timeout)).await;
        let (code, msg) = match fetched {
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
            Fetch::Ok(_, head, body) => {
                // -I prints the head alone, -i the head then the body, as received.
                let mut shown = Vec::new();
                if include || head_only {
                    shown.extend_from_slice(head.as_bytes());
                }
                if !head_only {
                    shown.extend_from_slice(&body);
                }
                self.deliver(output.as_deref(), &shown).await;
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

/// The cluster DNS server, as `/etc/resolv.conf` names it.
const NAMESERVER: &str = "10.96.0.10";

impl Shell {
    fn resolve_name(&self, name: &str) -> super::Resolution {
        match &self.dns {
            Some(r) => r(name.to_string()),
            None => super::Resolution {
                name: name.to_string(),
                ..Default::default()
            },
        }
    }

    /// busybox `nslookup NAME`.
    pub(crate) async fn nslookup(&mut self, args: &[String]) -> Flow {
        let Some(name) = args.iter().find(|a| !a.starts_with('-')) else {
            self.complain("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]")
                .await;
            self.last = 1;
            return Flow::Normal;
        };
        let r = self.resolve_name(name);
        let mut out = format!("Server:\t\t{NAMESERVER}\nAddress:\t{NAMESERVER}:53\n\n");
        if r.addrs.is_empty() && r.cname.is_none() {
            out.push_str(&format!(
                "** server can't find {}: NXDOMAIN\n\n** server can't find {}: NXDOMAIN\n\n",
                r.name, r.name
            ));
            self.say(&out).await;
            self.last = 1;
            return Flow::Normal;
        }
        let mut answered = r.name.clone();
        if let Some(c) = &r.cname {
            out.push_str(&format!("{}\tcanonical name = {c}\n", r.name));
            answered = c.clone();
        }
        for a in &r.addrs {
            out.push_str(&format!("Name:\t{answered}\nAddress: {a}\n"));
        }
        out.push('\n');
        self.say(&out).await;
        self.last = 0;
        Flow::Normal
    }

    /// `getent hosts NAME...` (glibc's format; exit 2 when a name is not found).
    pub(crate) async fn getent(&mut self, args: &[String]) -> Flow {
        match args.first().map(String::as_str) {
            Some("hosts" | "ahosts" | "ahostsv4") => {}
            Some(db) => {
                self.complain(&format!("Unknown database: {db}\nTry `getent --help' or `getent --usage' for more information."))
                    .await;
                self.last = 1;
                return Flow::Normal;
            }
            None => {
                self.complain("getent: wrong number of arguments\nTry `getent --help' or `getent --usage' for more information.")
                    .await;
                self.last = 1;
                return Flow::Normal;
            }
        }
        self.last = 0;
        for name in &args[1..] {
            let r = self.resolve_name(name);
            if r.addrs.is_empty() {
                self.last = 2;
                continue;
            }
            let canonical = r.cname.clone().unwrap_or(r.name.clone());
            let line = format!("{:<15} {canonical}\n", r.addrs[0]);
            self.say(&line).await;
        }
        Flow::Normal
    }

    /// busybox `nc [-z] [-v] [-w SEC] HOST PORT`: connects, sends stdin, prints what comes
    /// back; `-z` only checks that the port accepts connections.
    pub(crate) async fn nc(&mut self, args: &[String]) -> Flow {
        let (mut zero, mut verbose, mut wait, mut pos) = (false, false, 10u64, Vec::new());
        let mut i = 0;
        while i < args.len() {
            let a = args[i].as_str();
            if a == "-w" {
                wait = args.get(i + 1).and_then(|v| v.parse().ok()).unwrap_or(10);
                i += 1;
            } else if let Some(flags) = a.strip_prefix('-') {
                for c in flags.chars() {
                    match c {
                        'z' => zero = true,
                        'v' => verbose = true,
                        _ => {}
                    }
                }
            } else {
                pos.push(a.to_string());
            }
            i += 1;
        }
        let (Some(host), Some(port)) =
            (pos.first(), pos.get(1).and_then(|p| p.parse::<u16>().ok()))
        else {
            self.complain("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect")
                .await;
            self.last = 1;
            return Flow::Normal;
        };
        let Some(net) = self.net.clone() else {
            self.complain(&format!("nc: bad address '{host}'")).await;
            self.last = 1;
            return Flow::Normal;
        };
        let ip = self
            .resolve_name(host)
            .addrs
            .first()
            .cloned()
            .unwrap_or(host.clone());
        let conn = tokio::time::timeout(Duration::from_secs(wait), net(host.clone(), port)).await;
        let mut conn = match conn {
            Err(_) => {
                self.complain(&format!("nc: {host} ({ip}:{port}): Connection timed out"))
                    .await;
                self.last = 1;
                return Flow::Normal;
            }
            Ok(Err(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                self.complain(&format!("nc: bad address '{host}'")).await;
                self.last = 1;
                return Flow::Normal;
            }
            Ok(Err(e)) => {
                let why = if e.kind() == std::io::ErrorKind::ConnectionRefused {
                    "Connection refused".to_string()
                } else {
                    e.to_string()
                };
                self.complain(&format!("nc: {host} ({ip}:{port}): {why}"))
                    .await;
                self.last = 1;
                return Flow::Normal;
            }
            Ok(Ok(c)) => c,
        };
        if verbose {
            self.complain(&format!("{host} ({ip}:{port}) open")).await;
        }
        self.last = 0;
        if zero {
            return Flow::Normal;
        }
        if let Some(stdin) = self.stdin.as_mut() {
            let mut buf = Vec::new();
            let _ = tokio::io::AsyncReadExt::read_to_end(stdin, &mut buf).await;
            let _ = conn.write_all(&buf).await;
        }
        let _ = conn.shutdown().await;
        let mut reply = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(wait), conn.read_to_end(&mut reply)).await;
        if !self.out.write(&reply).await {
            self.broken = true;
            return Flow::Exit;
        }
        Flow::Normal
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
            (
                200,
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                &b"abcde"[..]
            )
        );
    }
}
