//! Raw API requests for resource verbs: send through kube's `Client`, print the server's
//! `Warning: 299 - "..."` headers on stderr as kubectl does (each text once per process), and
//! turn error responses into `kube::Error::Api` with the server's Status. (Watches keep
//! kube's `request_stream`: the list before them already reported any warning.)

use std::sync::Mutex;

use crate::ui::Ui;

static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Send `req`; on success return the response body as text.
pub async fn text(
    ui: &Ui,
    client: &kube::Client,
    req: http::Request<Vec<u8>>,
) -> Result<String, kube::Error> {
    let res = send(ui, client, req).await?;
    let bytes = res.into_body().collect_bytes().await?;
    String::from_utf8(bytes.to_vec()).map_err(kube::Error::FromUtf8)
}

/// Send `req` and return the response with its body unread (for streams such as
/// `pods/log`); warnings are printed and error statuses become `kube::Error::Api`.
pub async fn send(
    ui: &Ui,
    client: &kube::Client,
    req: http::Request<Vec<u8>>,
) -> Result<http::Response<kube::client::Body>, kube::Error> {
    let res = client.send(req.map(kube::client::Body::from)).await?;
    for w in res.headers().get_all("warning") {
        if let Some(text) = w.to_str().ok().and_then(parse_warning) {
            let mut seen = SEEN.lock().unwrap_or_else(|p| p.into_inner());
            if !seen.contains(&text) {
                let _ = ui.warn(&text);
                seen.push(text);
            }
        }
    }
    let status = res.status();
    if status.is_client_error() || status.is_server_error() {
        let bytes = res.into_body().collect_bytes().await?;
        let body = String::from_utf8_lossy(&bytes).into_owned();
        let st = serde_json::from_str::<kube::core::Status>(&body)
            .ok()
            .filter(|s| !s.message.is_empty() || !s.reason.is_empty())
            .unwrap_or_else(|| {
                kube::core::Status::failure(body.trim(), "").with_code(status.as_u16())
            });
        return Err(kube::Error::Api(Box::new(st)));
    }
    Ok(res)
}

/// The text of an RFC 7234 warning header with code 299 (`299 - "text" ["date"]`).
pub fn parse_warning(h: &str) -> Option<String> {
    let rest = h.trim().strip_prefix("299")?.trim_start();
    let (_agent, rest) = rest.split_once(' ')?;
    let mut chars = rest.trim_start().chars();
    if chars.next()? != '"' {
        return None;
    }
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?),
            '"' => return Some(out),
            c => out.push(c),
        }
    }
    None
}

/// `path?k=v&...` with Go's `url.Values.Encode` (sorted keys, `+` for spaces).
pub fn with_query(path: &str, query: &[(&str, String)]) -> String {
    if query.is_empty() {
        return path.to_string();
    }
    let mut q: Vec<&(&str, String)> = query.iter().collect();
    q.sort_by(|a, b| a.0.cmp(b.0));
    let parts: Vec<String> = q
        .iter()
        .map(|(k, v)| format!("{}={}", query_escape(k), query_escape(v)))
        .collect();
    format!("{path}?{}", parts.join("&"))
}

/// Go's `url.QueryEscape`.
pub fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warning_headers() {
        assert_eq!(
            parse_warning(r#"299 - "v1 ComponentStatus is deprecated in v1.19+""#).as_deref(),
            Some("v1 ComponentStatus is deprecated in v1.19+")
        );
        assert_eq!(
            parse_warning(r#"299 kube "say \"hi\"" "Mon, 01 Jan 2024 00:00:00 GMT""#).as_deref(),
            Some("say \"hi\"")
        );
        assert_eq!(parse_warning(r#"199 - "misc""#), None);
        assert_eq!(parse_warning(r#"299 - "unterminated"#), None);
    }
}
