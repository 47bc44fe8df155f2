//! Raw API requests for resource verbs: send through kube's `Client` and turn error
//! responses into `kube::Error::Api` with the server's Status. Server warnings are printed by
//! the client's own layer (`Ctx::client`, `warnings.rs`), for these requests as for all.

use crate::go;

/// Send one JSON request and decode the JSON answer. API Status failures stay
/// `kube::Error::Api` so callers can look at the reason (NotFound, AlreadyExists...).
pub async fn json(
    client: &kube::Client,
    method: http::Method,
    uri: &str,
    body: Option<(&str, &serde_json::Value)>,
) -> Result<serde_json::Value, kube::Error> {
    match body {
        Some((content_type, v)) => {
            let bytes = serde_json::to_vec(v).map_err(kube::Error::SerdeError)?;
            raw(client, method, uri, Some((content_type, bytes))).await
        }
        None => raw(client, method, uri, None).await,
    }
}

/// [`json`] with the body as bytes, sent as given (a patch the user typed, which the server
/// judges).
pub async fn raw(
    client: &kube::Client,
    method: http::Method,
    uri: &str,
    body: Option<(&str, Vec<u8>)>,
) -> Result<serde_json::Value, kube::Error> {
    let mut req = http::Request::builder()
        .method(method)
        .uri(uri)
        .header(http::header::ACCEPT, "application/json");
    let bytes = match body {
        Some((content_type, bytes)) => {
            req = req.header(http::header::CONTENT_TYPE, content_type);
            bytes
        }
        None => Vec::new(),
    };
    let req = req.body(bytes).map_err(kube::Error::HttpError)?;
    let text = text(client, req).await?;
    serde_json::from_str(&text).map_err(kube::Error::SerdeError)
}

/// kubectl's `rawhttp`: `method` to a request URI (`path?query`) with `body` exactly as
/// given and no Content-Type; the answer's bytes as they came.
pub async fn raw_uri(
    client: &kube::Client,
    method: http::Method,
    uri: &str,
    body: Vec<u8>,
) -> Result<Vec<u8>, kube::Error> {
    let req = http::Request::builder()
        .method(method)
        .uri(uri)
        .header(http::header::ACCEPT, "application/json, */*")
        .body(body)
        .map_err(kube::Error::HttpError)?;
    let res = send(client, req).await?;
    Ok(res.into_body().collect_bytes().await?.to_vec())
}

/// Send `req`; on success return the response body as text.
pub async fn text(
    client: &kube::Client,
    req: http::Request<Vec<u8>>,
) -> Result<String, kube::Error> {
    let res = send(client, req).await?;
    let bytes = res.into_body().collect_bytes().await?;
    String::from_utf8(bytes.to_vec()).map_err(kube::Error::FromUtf8)
}

/// Send `req` and return the response with its body unread (for streams such as
/// `pods/log`); error statuses become `kube::Error::Api`.
pub async fn send(
    client: &kube::Client,
    req: http::Request<Vec<u8>>,
) -> Result<http::Response<kube::client::Body>, kube::Error> {
    let res = client.send(req.map(kube::client::Body::from)).await?;
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

/// `path?k=v&...` with Go's `url.Values.Encode` (sorted keys, `+` for spaces).
pub fn with_query(path: &str, query: &[(&str, String)]) -> String {
    if query.is_empty() {
        return path.to_string();
    }
    let mut q: Vec<&(&str, String)> = query.iter().collect();
    q.sort_by(|a, b| a.0.cmp(b.0));
    let parts: Vec<String> = q
        .iter()
        .map(|(k, v)| format!("{}={}", go::query_escape(k), go::query_escape(v)))
        .collect();
    format!("{path}?{}", parts.join("&"))
}
