//! HTTP upgrade handshakes for the streaming subresources: WebSocket (`Upgrade: websocket`,
//! subprotocol negotiation, `Sec-WebSocket-Accept`) and raw SPDY/3.1 (`Upgrade: SPDY/3.1`,
//! `X-Stream-Protocol-Version` negotiation). Errors come back as [`ApiError`]s so the router
//! answers them as a normal Status *before* any 101, which kubectl shows as
//! `error: unable to upgrade connection: <message>`.

use http::{HeaderMap, Request, Response, StatusCode};
use hyper::upgrade::Upgraded;
use hyper_util::rt::TokioIo;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::Role;

use crate::apiserver::status::ApiError;

/// The WebSocket over an upgraded hyper connection.
pub type Ws = WebSocketStream<TokioIo<Upgraded>>;

fn header_tokens<'a>(headers: &'a HeaderMap, name: &str) -> impl Iterator<Item = String> + 'a {
    headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Whether the request asks for a WebSocket upgrade.
pub fn is_websocket<B>(req: &Request<B>) -> bool {
    header_tokens(req.headers(), "upgrade").any(|t| t.eq_ignore_ascii_case("websocket"))
}

/// Whether the request asks for a raw SPDY/3.1 upgrade (kubectl's fallback dialer).
pub fn is_spdy<B>(req: &Request<B>) -> bool {
    header_tokens(req.headers(), "upgrade").any(|t| t.eq_ignore_ascii_case("SPDY/3.1"))
}

/// Checks a WebSocket upgrade request and builds the `101 Switching Protocols` response.
/// `supported` is in server preference order; the chosen subprotocol is returned too.
/// A client that offers none of them gets a 400, which makes kubectl fall back to SPDY.
pub fn websocket_accept<B>(
    req: &Request<B>,
    supported: &[&'static str],
) -> Result<(Response<()>, &'static str), ApiError> {
    let h = req.headers();
    if !is_websocket(req) {
        return Err(ApiError::bad_request(
            "unable to upgrade: missing upgrade headers in request",
        ));
    }
    let key = h
        .get("sec-websocket-key")
        .ok_or_else(|| ApiError::bad_request("unable to upgrade: missing Sec-WebSocket-Key"))?;
    if h.get("sec-websocket-version").and_then(|v| v.to_str().ok()) != Some("13") {
        return Err(ApiError::bad_request(
            "unable to upgrade: unsupported Sec-WebSocket-Version (want 13)",
        ));
    }
    let offered: Vec<String> = header_tokens(h, "sec-websocket-protocol").collect();
    let chosen = supported.iter().find(|s| offered.iter().any(|o| o == **s)).copied().ok_or_else(
        || {
            ApiError::bad_request(format!(
                "unable to upgrade: unable to negotiate protocol: client supports {offered:?}, server supports {supported:?}"
            ))
        },
    )?;
    let resp = Response::builder()
        .status(StatusCode::SWITCHING_PROTOCOLS)
        .header("Upgrade", "websocket")
        .header("Connection", "Upgrade")
        .header("Sec-WebSocket-Accept", derive_accept_key(key.as_bytes()))
        .header("Sec-WebSocket-Protocol", chosen)
        .body(())
        .map_err(|e| ApiError::new(500, "InternalError", e.to_string()))?;
    Ok((resp, chosen))
}

/// The `X-Stream-Protocol-Version` the port-forward SPDY endpoint speaks.
pub const PORTFORWARD_SPDY_PROTOCOL: &str = "portforward.k8s.io";

/// Checks a raw SPDY/3.1 upgrade and builds its 101 response. A client that does not offer
/// `protocol` in `X-Stream-Protocol-Version` gets a 403 like the apiserver's
/// `httpstream.Handshake`.
pub fn spdy_accept<B>(req: &Request<B>, protocol: &'static str) -> Result<Response<()>, ApiError> {
    if !is_spdy(req) {
        return Err(ApiError::bad_request(
            "unable to upgrade: missing upgrade headers in request",
        ));
    }
    let offered: Vec<String> = header_tokens(req.headers(), "x-stream-protocol-version").collect();
    if !offered.iter().any(|o| o == protocol) {
        return Err(ApiError::new(
            403,
            "Forbidden",
            format!(
                "unable to upgrade: unable to negotiate protocol: client supports {offered:?}, server accepts [\"{protocol}\"]"
            ),
        ));
    }
    Response::builder()
        .status(StatusCode::SWITCHING_PROTOCOLS)
        .header("Connection", "Upgrade")
        .header("Upgrade", "SPDY/3.1")
        .header("X-Stream-Protocol-Version", protocol)
        .body(())
        .map_err(|e| ApiError::new(500, "InternalError", e.to_string()))
}

/// Waits for hyper to hand over the upgraded connection of `req` (whose 101 response the
/// router returned) and wraps it as a server-side WebSocket. The hyper connection must be
/// served with upgrades enabled (`serve_connection_with_upgrades`).
pub async fn websocket<B>(req: Request<B>) -> Result<Ws, hyper::Error> {
    let upgraded = hyper::upgrade::on(req).await?;
    Ok(WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None).await)
}

/// Waits for the upgraded raw connection (SPDY).
pub async fn raw<B>(req: Request<B>) -> Result<TokioIo<Upgraded>, hyper::Error> {
    Ok(TokioIo::new(hyper::upgrade::on(req).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(headers: &[(&str, &str)]) -> Request<()> {
        let mut b = Request::builder().uri("/api/v1/namespaces/default/pods/p/exec");
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(()).unwrap()
    }

    #[test]
    fn websocket_negotiation() {
        let base = [
            ("Connection", "Upgrade"),
            ("Upgrade", "websocket"),
            ("Sec-WebSocket-Version", "13"),
            ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
        ];
        let mut h = base.to_vec();
        h.push((
            "Sec-WebSocket-Protocol",
            "v4.channel.k8s.io, v5.channel.k8s.io",
        ));
        let (resp, proto) =
            websocket_accept(&req(&h), &["v5.channel.k8s.io", "v4.channel.k8s.io"]).unwrap();
        assert_eq!(proto, "v5.channel.k8s.io");
        assert_eq!(resp.status(), 101);
        // The RFC 6455 example key.
        assert_eq!(
            resp.headers()["sec-websocket-accept"],
            "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        );
        assert_eq!(
            resp.headers()["sec-websocket-protocol"],
            "v5.channel.k8s.io"
        );

        let mut h = base.to_vec();
        h.push(("Sec-WebSocket-Protocol", "channel.k8s.io"));
        let e = websocket_accept(&req(&h), &["v5.channel.k8s.io"]).unwrap_err();
        assert_eq!(e.code, 400);
        assert!(
            e.message.contains("unable to negotiate protocol"),
            "{}",
            e.message
        );
        assert_eq!(
            websocket_accept(&req(&base[..1]), &["v5.channel.k8s.io"])
                .unwrap_err()
                .code,
            400
        );
    }

    #[test]
    fn spdy_negotiation() {
        let r = req(&[
            ("Connection", "Upgrade"),
            ("Upgrade", "SPDY/3.1"),
            ("X-Stream-Protocol-Version", "portforward.k8s.io"),
        ]);
        assert!(is_spdy(&r) && !is_websocket(&r));
        let resp = spdy_accept(&r, PORTFORWARD_SPDY_PROTOCOL).unwrap();
        assert_eq!(resp.status(), 101);
        assert_eq!(
            resp.headers()["x-stream-protocol-version"],
            "portforward.k8s.io"
        );
        assert_eq!(resp.headers()["upgrade"], "SPDY/3.1");
        let r = req(&[
            ("Upgrade", "SPDY/3.1"),
            ("X-Stream-Protocol-Version", "v4.channel.k8s.io"),
        ]);
        assert_eq!(
            spdy_accept(&r, PORTFORWARD_SPDY_PROTOCOL).unwrap_err().code,
            403
        );
    }
}
