//! One-call entry points for the router: check the upgrade, return the 101 response to send,
//! and serve the session on the upgraded connection in a background task.
//!
//! The hyper connection must be served with upgrades enabled
//! (`hyper_util::server::conn::auto::Builder::serve_connection_with_upgrades`, or
//! `http1::Builder::serve_connection(..).with_upgrades()`), and the router must return the
//! `Response<()>` (with an empty body of its own type) unchanged.

use http::{Request, Response};

use super::exec::{ExecParams, Runner, exec_ws};
use super::portforward::{Dialer, parse_ports, portforward_spdy, portforward_ws};
use super::upgrade::{
    PORTFORWARD_SPDY_PROTOCOL, is_spdy, is_websocket, raw, spdy_accept, websocket, websocket_accept,
};
use super::wschannel::{ChannelProtocol, SPDY_TUNNEL, V4, V4_BASE64, V5};
use crate::apiserver::status::ApiError;

/// `GET …/pods/<p>/exec` or `…/attach` with `Upgrade: websocket`. The caller has already
/// resolved the pod and container (404/400 before the upgrade) and built the `runner`
/// (for exec: [`super::exec::shell_runner`]). A request without a WebSocket upgrade (kubectl's
/// SPDY fallback for exec) gets a 400 Status.
pub fn serve_exec<B: Send + 'static>(
    req: Request<B>,
    params: ExecParams,
    runner: Runner,
) -> Result<Response<()>, ApiError> {
    if !is_websocket(&req) {
        return Err(ApiError::bad_request(
            "Upgrade request required: exec and attach are served over WebSocket (v5.channel.k8s.io, v4.channel.k8s.io)",
        ));
    }
    let (resp, proto) = websocket_accept(&req, &[V5, V4, V4_BASE64])?;
    let protocol = ChannelProtocol::from_name(proto).unwrap_or(ChannelProtocol::V4);
    tokio::spawn(async move {
        if let Ok(ws) = websocket(req).await {
            exec_ws(ws, protocol, params, runner).await;
        }
    });
    Ok(resp)
}

/// `…/pods/<p>/portforward` in all three flavours: SPDY tunnelled in a WebSocket (kubectl's
/// first choice), raw SPDY/3.1 (kubectl's fallback), and v4 WebSocket channels with
/// `?ports=` (kube-rs). `query` is the raw query string; `dialer` connects to the pod's
/// container ports; `pod_label` names the pod in error messages (`<name>_<namespace>`... as
/// the caller prefers).
pub fn serve_portforward<B: Send + 'static>(
    req: Request<B>,
    query: &str,
    dialer: Dialer,
    pod_label: String,
) -> Result<Response<()>, ApiError> {
    if is_websocket(&req) {
        let (resp, proto) = websocket_accept(&req, &[SPDY_TUNNEL, V4, V4_BASE64])?;
        if proto == SPDY_TUNNEL {
            tokio::spawn(async move {
                if let Ok(ws) = websocket(req).await {
                    let io = super::portforward::tunnel_io(ws);
                    portforward_spdy(io, dialer, pod_label).await;
                }
            });
        } else {
            let ports = parse_ports(query)?;
            let protocol = ChannelProtocol::from_name(proto).unwrap_or(ChannelProtocol::V4);
            tokio::spawn(async move {
                if let Ok(ws) = websocket(req).await {
                    portforward_ws(ws, protocol, ports, dialer, pod_label).await;
                }
            });
        }
        return Ok(resp);
    }
    if is_spdy(&req) {
        let resp = spdy_accept(&req, PORTFORWARD_SPDY_PROTOCOL)?;
        tokio::spawn(async move {
            if let Ok(io) = raw(req).await {
                portforward_spdy(io, dialer, pod_label).await;
            }
        });
        return Ok(resp);
    }
    Err(ApiError::bad_request("Upgrade request required"))
}
