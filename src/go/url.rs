//! Go's `net/url.Parse`, as far as client-go's server URLs depend on it: which texts parse,
//! what the scheme, host and path are, and the error words (`invalid character " " in host
//! name`, `invalid port ":x" after host`, `first path segment in URL cannot contain colon`).

/// The parts of a parsed URL kk looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// Lower-cased; empty when the text has none.
    pub scheme: String,
    /// `host[:port]` without user information; empty when there is no authority.
    pub host: String,
    /// The path, unescaped.
    pub path: String,
}

/// `url.Parse(raw)`; the error is the inner error's text (what kubectl prints after `Unable to
/// connect to the server: ` for a `*url.Error`).
pub fn parse(raw: &str) -> Result<Url, String> {
    let without_fragment = raw.split_once('#').map_or(raw, |(u, _)| u);
    if raw.bytes().any(|b| b < 0x20 || b == 0x7f) {
        return Err("net/url: invalid control character in URL".into());
    }
    let (scheme, rest) = scheme(without_fragment)?;
    let rest = rest.split_once('?').map_or(rest, |(r, _)| r);
    let mut url = Url {
        scheme: scheme.to_ascii_lowercase(),
        host: String::new(),
        path: String::new(),
    };
    let mut rest = rest;
    if !rest.starts_with('/') {
        if !url.scheme.is_empty() {
            // An opaque URL (`mailto:x`): no host, no path.
            return Ok(url);
        }
        let segment = rest.split('/').next().unwrap_or("");
        if segment.contains(':') {
            return Err("first path segment in URL cannot contain colon".into());
        }
    }
    if (!url.scheme.is_empty() || !rest.starts_with("///")) && rest.starts_with("//") {
        let authority = &rest[2..];
        let (authority, path) = match authority.find('/') {
            Some(i) => (&authority[..i], &authority[i..]),
            None => (authority, ""),
        };
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        url.host = parse_host(host)?;
        rest = path;
    }
    url.path = unescape(rest, false)?;
    Ok(url)
}

/// `url.ParseRequestURI(raw)` as client-go's `RequestURI` uses it: an absolute URL or an
/// absolute path, of which a request keeps the path and query (escaped for the wire). The
/// error is Go's `parse "<raw>": <reason>`.
pub fn parse_request_uri(raw: &str) -> Result<String, String> {
    let err = |e: String| format!("parse {}: {e}", crate::go::quote(raw));
    let (scheme, rest) = scheme(raw).map_err(err)?;
    if scheme.is_empty() && !raw.starts_with('/') {
        return Err(err("invalid URI for request".into()));
    }
    parse(raw).map_err(err)?;
    let path_query = if scheme.is_empty() {
        raw
    } else if let Some(authority) = rest.strip_prefix("//") {
        authority.find(['/', '?']).map_or("", |i| &authority[i..])
    } else if rest.starts_with('/') {
        rest
    } else {
        // Opaque (`a:b`): no path.
        rest.find('?').map_or("", |i| &rest[i..])
    };
    let mut out = String::new();
    if !path_query.starts_with('/') {
        out.push('/');
    }
    for b in path_query.bytes() {
        if b.is_ascii_graphic() && !br#""<>\^`{|}"#.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Ok(out)
}

/// `getScheme`: letters, then letters, digits, `+`, `-` or `.` up to the first `:`.
fn scheme(raw: &str) -> Result<(&str, &str), String> {
    for (i, c) in raw.char_indices() {
        match c {
            'a'..='z' | 'A'..='Z' => {}
            '0'..='9' | '+' | '-' | '.' if i > 0 => {}
            ':' if i == 0 => return Err("missing protocol scheme".into()),
            ':' => return Ok((&raw[..i], &raw[i + 1..])),
            _ => return Ok(("", raw)),
        }
    }
    Ok(("", raw))
}

/// `parseHost`: a bracketed IPv6 literal or a name, an optional `:digits` port, escapes
/// decoded, and only the characters Go allows in a host name.
fn parse_host(host: &str) -> Result<String, String> {
    let port_from = if host.starts_with('[') {
        let Some(close) = host.rfind(']') else {
            return Err("missing ']' in host".into());
        };
        Some(close + 1)
    } else {
        host.rfind(':')
    };
    if let Some(i) = port_from {
        let port = &host[i..];
        let valid = port.is_empty()
            || port
                .strip_prefix(':')
                .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()));
        if !valid {
            return Err(format!("invalid port {port:?} after host"));
        }
    }
    unescape(host, true)
}

/// `unescape` in host or path mode: `%XX` decoded (a bad escape is an error); in a host,
/// ASCII characters outside Go's host set are refused.
fn unescape(s: &str, host: bool) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = |j: usize| b.get(j).and_then(|c| (*c as char).to_digit(16));
                let end = (i + 3).min(b.len());
                let bad = || {
                    format!(
                        "invalid URL escape {:?}",
                        String::from_utf8_lossy(&b[i..end])
                    )
                };
                let (Some(h), Some(l)) = (hex(i + 1), hex(i + 2)) else {
                    return Err(bad());
                };
                // A host may escape only non-ASCII bytes (and `%25`, in a zone).
                if host && h < 8 && &b[i..end] != b"%25" {
                    return Err(bad());
                }
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            c if host && c < 0x80 && !host_char(c) => {
                return Err(format!(
                    "invalid character {:?} in host name",
                    (c as char).to_string()
                ));
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The ASCII characters `shouldEscape(c, encodeHost)` lets through.
fn host_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"-_.~!$&'()*+,;=:[]<>\"".contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &str) -> (String, String, String) {
        let u = parse(raw).unwrap();
        (u.scheme, u.host, u.path)
    }

    #[test]
    fn parses_like_go() {
        let t = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
        assert_eq!(ok("https://h:6443"), t("https", "h:6443", ""));
        assert_eq!(ok("HTTP://u:p@h/a%20b?q#f"), t("http", "h", "/a b"));
        assert_eq!(ok("https://[::1]:443/"), t("https", "[::1]:443", "/"));
        assert_eq!(ok("h"), t("", "", "h"));
        assert_eq!(ok("http://https://a b:1"), t("http", "https:", "//a b:1"));
        assert_eq!(ok("mailto:x"), t("mailto", "", ""));
    }

    #[test]
    fn errors_in_go_words() {
        let err = |raw: &str| parse(raw).unwrap_err();
        assert_eq!(err("http://a b"), "invalid character \" \" in host name");
        assert_eq!(err("https://x:port"), "invalid port \":port\" after host");
        assert_eq!(
            err("a b:80"),
            "first path segment in URL cannot contain colon"
        );
        assert_eq!(err(":x"), "missing protocol scheme");
        assert_eq!(err("https://[::1"), "missing ']' in host");
        assert_eq!(err("http://a%zz"), "invalid URL escape \"%zz\"");
        let req = |s: &str| parse_request_uri(s);
        assert_eq!(req("/api/v1/x?a=1").as_deref(), Ok("/api/v1/x?a=1"));
        assert_eq!(req("/a b").as_deref(), Ok("/a%20b"));
        assert_eq!(req("https://h:1/p?q").as_deref(), Ok("/p?q"));
        assert_eq!(req("a:b").as_deref(), Ok("/"));
        assert_eq!(
            req("x y"),
            Err("parse \"x y\": invalid URI for request".to_string())
        );
        assert_eq!(
            req("/a%zz"),
            Err("parse \"/a%zz\": invalid URL escape \"%zz\"".to_string())
        );
        assert_eq!(err("http://a%20b"), "invalid URL escape \"%20\"");
        assert_eq!(
            err("http://a\nb"),
            "net/url: invalid control character in URL"
        );
    }
}
