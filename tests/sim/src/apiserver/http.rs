//! HTTP plumbing shared by the handlers: the response body type, JSON/Status responses, gzip,
//! query-string decoding and Accept/Content-Type negotiation.

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Write;

use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Response, StatusCode, header};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full};
use serde_json::Value;

use super::status::ApiError;

/// Every response body: buffered or streamed (watches).
pub type Body = UnsyncBoxBody<Bytes, Infallible>;

/// The real apiserver gzips only responses at least this large (`defaultGzipThresholdBytes`).
const GZIP_THRESHOLD: usize = 128 * 1024;

/// A buffered body.
pub fn full(b: impl Into<Bytes>) -> Body {
    Full::new(b.into()).boxed_unsync()
}

/// Response with a JSON body (already serialized) and a content type.
pub fn bytes_response(code: u16, content_type: &str, body: Vec<u8>, gzip: bool) -> Response<Body> {
    let mut b = Response::builder()
        .status(StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header(header::CONTENT_TYPE, content_type)
        .header("Cache-Control", "no-cache, private");
    let body = if gzip && body.len() >= GZIP_THRESHOLD {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        match enc.write_all(&body).and_then(|_| enc.finish()) {
            Ok(z) => {
                b = b.header(header::CONTENT_ENCODING, "gzip");
                z
            }
            Err(_) => body,
        }
    } else {
        body
    };
    b.body(full(body))
        .unwrap_or_else(|_| Response::new(full(Bytes::new())))
}

/// A JSON value response with `application/json`.
pub fn json_response(code: u16, v: &Value) -> Response<Body> {
    bytes_response(
        code,
        "application/json",
        serde_json::to_vec(v).unwrap_or_default(),
        false,
    )
}

/// The `v1 Status` response for an error.
pub fn error_response(e: &ApiError) -> Response<Body> {
    json_response(e.code, &e.to_status())
}

/// `404 the server could not find the requested resource` (unknown URL or resource).
pub fn not_found_url() -> ApiError {
    let mut e = ApiError::new(
        404,
        "NotFound",
        "the server could not find the requested resource",
    );
    e.details = Some(serde_json::json!({}));
    e
}

/// Decodes `application/x-www-form-urlencoded` text (`+` is a space).
pub fn url_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Decodes a path segment (percent escapes only).
pub fn path_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    url_decode(&s.replace('+', "%2B"))
}

/// Parsed query string. Empty pairs (`?&a=b`, sent by kube-rs) are skipped.
#[derive(Clone, Debug, Default)]
pub struct Query {
    map: HashMap<String, Vec<String>>,
}

impl Query {
    /// Parses a raw query string.
    pub fn parse(q: Option<&str>) -> Self {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for pair in q.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            map.entry(url_decode(k)).or_default().push(url_decode(v));
        }
        Query { map }
    }

    /// First value of a parameter.
    pub fn get(&self, k: &str) -> Option<&str> {
        self.map.get(k).and_then(|v| v.first()).map(String::as_str)
    }

    /// First non-empty value.
    pub fn non_empty(&self, k: &str) -> Option<&str> {
        self.get(k).filter(|v| !v.is_empty())
    }

    /// All values of a parameter.
    pub fn all(&self, k: &str) -> Vec<&str> {
        self.map
            .get(k)
            .map(|v| v.iter().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// A copy with `extra` ANDed into `fieldSelector`.
    pub fn with_field_selector(mut self, extra: &str) -> Self {
        let cur = self.get("fieldSelector").unwrap_or("").to_string();
        let v = if cur.is_empty() {
            extra.to_string()
        } else {
            format!("{cur},{extra}")
        };
        self.map.insert("fieldSelector".into(), vec![v]);
        self
    }

    /// `true`/`1` (Go's strconv.ParseBool truthy values).
    pub fn flag(&self, k: &str) -> bool {
        matches!(
            self.get(k),
            Some("true" | "1" | "t" | "T" | "TRUE" | "True")
        )
    }
}

/// One media range of an Accept header, e.g. `application/json;as=Table;v=v1;g=meta.k8s.io`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MediaType {
    /// `type/subtype`, lower-cased.
    pub essence: String,
    /// Parameters, keys lower-cased.
    pub params: HashMap<String, String>,
}

impl MediaType {
    /// Parses one media type.
    pub fn parse(s: &str) -> Self {
        let mut parts = s.split(';');
        let essence = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let params = parts
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| {
                (
                    k.trim().to_ascii_lowercase(),
                    v.trim().trim_matches('"').to_string(),
                )
            })
            .collect();
        MediaType { essence, params }
    }

    /// A parameter's value.
    pub fn param(&self, k: &str) -> Option<&str> {
        self.params.get(k).map(String::as_str)
    }
}

/// All media ranges of an Accept header, in order.
pub fn accept_list(headers: &HeaderMap) -> Vec<MediaType> {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter(|s| !s.trim().is_empty())
        .map(MediaType::parse)
        .collect()
}

/// What representation the client asked for on resource reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Representation {
    /// The object or list itself.
    Object,
    /// `meta.k8s.io/v1` Table.
    Table,
    /// `PartialObjectMetadata` / `PartialObjectMetadataList`.
    Metadata,
}

/// Picks the first Accept entry this server can produce. JSON is the answer to anything else
/// (including protobuf: clients decode by the response Content-Type).
pub fn negotiate(headers: &HeaderMap) -> Representation {
    for m in accept_list(headers) {
        let json_like = m.essence == "application/json" || m.essence == "*/*";
        if !json_like {
            continue;
        }
        match (m.param("as"), m.param("g")) {
            (Some("Table"), Some("meta.k8s.io")) => return Representation::Table,
            (Some("PartialObjectMetadata" | "PartialObjectMetadataList"), Some("meta.k8s.io")) => {
                return Representation::Metadata;
            }
            (None, _) => return Representation::Object,
            _ => continue,
        }
    }
    Representation::Object
}

/// Whether the client accepts gzip.
pub fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.trim().starts_with("gzip")))
}

/// Adds `Warning: 299 - "<text>"` headers.
pub fn add_warnings(resp: &mut Response<Body>, warnings: &[String]) {
    for w in warnings {
        let escaped = w.replace('\\', "\\\\").replace('"', "\\\"");
        if let Ok(v) = HeaderValue::from_str(&format!("299 - \"{escaped}\"")) {
            resp.headers_mut().append("Warning", v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_decodes_plus_and_skips_empty_pairs() {
        let q = Query::parse(Some("&labelSelector=env+in+%28a%2Cb%29&watch=true&x"));
        assert_eq!(q.get("labelSelector"), Some("env in (a,b)"));
        assert!(q.flag("watch"));
        assert_eq!(q.get("x"), Some(""));
    }

    #[test]
    fn negotiates_table_then_json() {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT,
            HeaderValue::from_static(
                "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json",
            ),
        );
        assert_eq!(negotiate(&h), Representation::Table);
        h.insert(
            header::ACCEPT,
            HeaderValue::from_static("application/vnd.kubernetes.protobuf,application/json"),
        );
        assert_eq!(negotiate(&h), Representation::Object);
    }
}
