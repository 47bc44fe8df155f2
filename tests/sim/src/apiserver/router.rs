//! Routing: the URL space of the apiserver (discovery, OpenAPI, health, resources under
//! `/api/v1` and `/apis/G/V`, the legacy `/watch/` prefix) to the verbs, with authentication,
//! authorization and panic containment around every request.

use std::sync::Arc;

use bytes::Bytes;
use futures::FutureExt;
use http::{Method, Request, Response, header};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use serde_json::json;

use super::auth::{self, Attributes, User};
use super::handlers::{self, ResourceRequest};
use super::http::{
    Body, Query, bytes_response, error_response, json_response, not_found_url, path_decode,
};
use super::status::ApiError;
use super::{ApiServer, discovery, openapi, watch};

/// Largest request body accepted (the apiserver's limit is 3 MiB per object; lists of
/// manifests can be larger).
const MAX_BODY: usize = 64 * 1024 * 1024;

/// Serves one request; never panics (a panic becomes a 500 Status).
pub async fn handle(
    server: Arc<ApiServer>,
    req: Request<Incoming>,
    has_client_cert: bool,
) -> Response<Body> {
    let fut = std::panic::AssertUnwindSafe(route(server, req, has_client_cert)).catch_unwind();
    match fut.await {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => error_response(&e),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic".into());
            let mut e = ApiError::new(
                500,
                "InternalError",
                format!("Internal error occurred: {msg}"),
            );
            e.details = Some(json!({"causes": [{"message": msg}]}));
            error_response(&e)
        }
    }
}

fn is_public(path: &str) -> bool {
    matches!(path, "/version" | "/healthz" | "/livez" | "/readyz")
        || path.starts_with("/healthz/")
        || path.starts_with("/livez/")
        || path.starts_with("/readyz/")
}

async fn read_body(req: Request<Incoming>) -> Result<Bytes, ApiError> {
    let body = http_body_util::Limited::new(req.into_body(), MAX_BODY);
    body.collect()
        .await
        .map(|c| c.to_bytes())
        .map_err(|e| ApiError::new(413, "RequestEntityTooLarge", format!("request body: {e}")))
}

async fn route(
    server: Arc<ApiServer>,
    req: Request<Incoming>,
    has_client_cert: bool,
) -> Result<Response<Body>, ApiError> {
    let path = req.uri().path().to_string();
    let query = Query::parse(req.uri().query());
    let authz = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let user = auth::authenticate(
        has_client_cert,
        authz,
        &server.viewer_token,
        server.plain_http,
    )?;
    if user == User::Anonymous && !is_public(&path) {
        return Err(auth::unauthorized());
    }
    let user = auth::impersonate(user, req.headers())?;
    let segs: Vec<String> = path
        .trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .map(path_decode)
        .collect();
    let seg: Vec<&str> = segs.iter().map(String::as_str).collect();
    let method = req.method().clone();
    let headers = req.headers().clone();
    // Everything outside the resource tree is read-only.
    let read_only = |r: Result<Response<Body>, ApiError>| -> Result<Response<Body>, ApiError> {
        if method != Method::GET && method != Method::HEAD {
            return Err(ApiError::new(
                405,
                "MethodNotAllowed",
                "the server does not allow this method on the requested resource".to_string(),
            ));
        }
        r
    };
    match seg.as_slice() {
        [] => read_only(Ok(json_response(200, &root_paths(&server)))),
        ["version"] => read_only(Ok(json_response(200, &server.version()))),
        ["healthz" | "livez" | "readyz", ..] => read_only(Ok(bytes_response(
            200,
            "text/plain; charset=utf-8",
            b"ok".to_vec(),
            false,
        ))),
        ["api"] => read_only(Ok(discovery_root(&server, &headers, true))),
        ["apis"] => read_only(Ok(discovery_root(&server, &headers, false))),
        ["api", "v1"] => read_only(
            discovery::api_resource_list(&server.registry, "", "v1")
                .map(|v| json_response(200, &v))
                .ok_or_else(not_found_url),
        ),
        ["apis", g] => read_only(
            discovery::api_group(&server.registry, g)
                .map(|v| json_response(200, &v))
                .ok_or_else(not_found_url),
        ),
        ["apis", g, v] => read_only(
            discovery::api_resource_list(&server.registry, g, v)
                .map(|v| json_response(200, &v))
                .ok_or_else(not_found_url),
        ),
        ["openapi", "v2"] => {
            let accept = headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok());
            let resources = server.registry.all();
            let crds = stored_crds(&server);
            read_only(Ok(match accept {
                Some(a) if openapi::v2proto::wanted(a) => super::http::bytes_response(
                    200,
                    openapi::v2proto::CONTENT_TYPE,
                    openapi::v2proto::encode_with(
                        &openapi::v2_paths(&resources),
                        &openapi::v2_crd_definitions(&crds),
                    ),
                    super::http::accepts_gzip(&headers),
                ),
                _ => json_response(200, &openapi::v2(&resources, &crds)),
            }))
        }
        ["openapi", "v3"] => read_only(Ok(json_response(
            200,
            &openapi::v3_root_with_crds(&server.registry.all(), &stored_crds(&server)),
        ))),
        ["openapi", "v3", rest @ ..] => read_only(
            openapi::v3_group_version_with_crds(
                &rest.join("/"),
                &server.registry.all(),
                &stored_crds(&server),
            )
            .map(|v| json_response(200, &v))
            .ok_or_else(not_found_url),
        ),
        ["api", "v1", rest @ ..] => {
            let rest: Vec<String> = rest.iter().map(|s| s.to_string()).collect();
            resource(server, req, user, query, "", "v1", rest).await
        }
        ["apis", g, v, rest @ ..] => {
            let (g, v) = (g.to_string(), v.to_string());
            let rest: Vec<String> = rest.iter().map(|s| s.to_string()).collect();
            resource(server, req, user, query, &g, &v, rest).await
        }
        _ => Err(not_found_url()),
    }
}

/// The stored CRDs, whose schemas the OpenAPI documents publish.
fn stored_crds(server: &ApiServer) -> Vec<serde_json::Value> {
    let key = crate::store::ResourceKey::new("apiextensions.k8s.io", "customresourcedefinitions");
    server
        .store
        .list(&key, None)
        .0
        .iter()
        .map(|o| (**o).clone())
        .collect()
}

/// `GET /`: the list of served paths, like the apiserver's index.
fn root_paths(server: &ApiServer) -> serde_json::Value {
    let mut paths = vec![
        "/api".to_string(),
        "/api/v1".to_string(),
        "/apis".to_string(),
    ];
    for (g, vs) in server.registry.groups() {
        if g.is_empty() {
            continue;
        }
        paths.push(format!("/apis/{g}"));
        paths.extend(vs.iter().map(|v| format!("/apis/{g}/{v}")));
    }
    for p in [
        "/healthz",
        "/livez",
        "/openapi/v2",
        "/openapi/v3",
        "/readyz",
        "/version",
    ] {
        paths.push(p.to_string());
    }
    paths.sort();
    json!({"paths": paths})
}

fn discovery_root(server: &ApiServer, headers: &http::HeaderMap, core: bool) -> Response<Body> {
    if let Some(v) = discovery::aggregated_version(headers) {
        let doc = discovery::aggregated(&server.registry, core, v);
        return bytes_response(
            200,
            &discovery::aggregated_content_type(v),
            serde_json::to_vec(&doc).unwrap_or_default(),
            super::http::accepts_gzip(headers),
        );
    }
    if core {
        json_response(200, &discovery::api_versions(&server.address))
    } else {
        json_response(200, &discovery::api_group_list(&server.registry))
    }
}

/// The parts of a resource URL after `/api/v1` or `/apis/G/V`.
struct Parsed {
    watch_prefix: bool,
    namespace: Option<String>,
    resource: String,
    name: Option<String>,
    sub: Option<String>,
}

fn parse_rest(
    server: &ApiServer,
    group: &str,
    version: &str,
    mut rest: Vec<String>,
) -> Option<Parsed> {
    let watch_prefix = rest.first().is_some_and(|s| s == "watch");
    if watch_prefix {
        rest.remove(0);
    }
    // `namespaces/X/<resource>...` is a namespace prefix unless `<resource>` is a subresource of
    // the Namespace itself (status, finalize).
    let ns_prefix = rest.len() >= 3
        && rest[0] == "namespaces"
        && server
            .registry
            .find(group, version, &rest[2])
            .is_some_and(|s| s.info.namespaced);
    let (namespace, rest) = if ns_prefix {
        (Some(rest[1].clone()), rest[2..].to_vec())
    } else {
        (None, rest)
    };
    match rest.len() {
        1..=3 => Some(Parsed {
            watch_prefix,
            namespace,
            resource: rest[0].clone(),
            name: rest.get(1).cloned(),
            sub: rest.get(2).cloned(),
        }),
        _ => None,
    }
}

fn verb_for(method: &Method, has_name: bool, watch: bool) -> Option<&'static str> {
    Some(match (method, has_name) {
        (&Method::GET | &Method::HEAD, _) if watch => "watch",
        (&Method::GET | &Method::HEAD, true) => "get",
        (&Method::GET | &Method::HEAD, false) => "list",
        (&Method::POST, _) => "create",
        (&Method::PUT, true) => "update",
        (&Method::PATCH, true) => "patch",
        (&Method::DELETE, true) => "delete",
        (&Method::DELETE, false) => "deletecollection",
        _ => return None,
    })
}

/// A request under `/api/v1` or `/apis/G/V`: the verbs, plus the deprecation warning of
/// deprecated resources on every answer (errors included), as the apiserver sends it.
async fn resource(
    server: Arc<ApiServer>,
    req: Request<Incoming>,
    user: User,
    query: Query,
    group: &str,
    version: &str,
    rest: Vec<String>,
) -> Result<Response<Body>, ApiError> {
    let plural = rest
        .iter()
        .position(|s| s != "watch" && s != "namespaces")
        .map(|i| {
            // `namespaces/NS/<resource>`: the resource is two further on.
            if i == 0 || rest.get(i - 1).is_some_and(|p| p != "namespaces") {
                rest[i].clone()
            } else {
                rest.get(i + 1).cloned().unwrap_or_default()
            }
        })
        .unwrap_or_default();
    let warning = super::deprecation::warning(group, version, &plural);
    let result = resource_verbs(server, req, user, query, group, version, rest).await;
    match warning {
        None => result,
        Some(w) => {
            let mut resp = result.unwrap_or_else(|e| error_response(&e));
            super::http::add_warnings(&mut resp, &[w.to_string()]);
            Ok(resp)
        }
    }
}

async fn resource_verbs(
    server: Arc<ApiServer>,
    req: Request<Incoming>,
    user: User,
    mut query: Query,
    group: &str,
    version: &str,
    rest: Vec<String>,
) -> Result<Response<Body>, ApiError> {
    let p = parse_rest(&server, group, version, rest).ok_or_else(not_found_url)?;
    let served = server
        .registry
        .find(group, version, &p.resource)
        .ok_or_else(not_found_url)?;
    let namespaced = served.info.namespaced;
    if !namespaced && p.namespace.is_some() {
        return Err(not_found_url());
    }
    if namespaced && p.namespace.is_none() && (p.name.is_some() || req.method() == Method::POST) {
        return Err(not_found_url());
    }
    if let Some(sub) = &p.sub
        && !served.info.has_subresource(sub)
    {
        return Err(not_found_url());
    }
    let mut watch = p.watch_prefix || query.flag("watch");
    let mut name = p.name.clone();
    if p.watch_prefix
        && let Some(n) = name.take()
    {
        // `/watch/.../NAME` watches one object: a metadata.name field selector.
        query = query.with_field_selector(&format!("metadata.name={n}"));
        watch = true;
    }
    let method = req.method().clone();
    let verb = verb_for(&method, name.is_some(), watch).ok_or_else(|| {
        ApiError::new(
            405,
            "MethodNotAllowed",
            format!(
                "{} is not supported on resources of kind \"{}\"",
                method.as_str().to_lowercase(),
                p.resource
            ),
        )
    })?;
    let attrs = Attributes {
        verb,
        group,
        resource: &p.resource,
        subresource: p.sub.as_deref(),
        namespace: p.namespace.as_deref().unwrap_or(""),
        name: name.as_deref().unwrap_or(""),
    };
    auth::authorize(&user, &attrs)?;
    // Subresources served by other components (kubelet streams, proxies).
    if let Some(sub) = &p.sub
        && let Some(h) = server.extension(group, &p.resource, sub)
    {
        let ext = super::ExtensionRequest {
            namespace: p.namespace.clone().unwrap_or_default(),
            name: name.clone().unwrap_or_default(),
            query,
            request: req,
        };
        return Ok(h(server.clone(), ext).await);
    }
    let base_verb = if p.sub.is_none() { verb } else { "" };
    if !base_verb.is_empty() && !served.info.has_verb(base_verb) {
        return Err(ApiError::new(
            405,
            "MethodNotAllowed",
            format!(
                "{} is not supported on resources of kind \"{}\"",
                base_verb, p.resource
            ),
        ));
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let rr = ResourceRequest {
        served,
        namespace: p.namespace.clone(),
        name,
        sub: p.sub.clone(),
        query,
        headers: req.headers().clone(),
    };
    if matches!(verb, "get" | "list" | "watch") {
        // Decoding the query rejects an unknown includeObject before anything else.
        super::table::IncludeObject::parse(rr.query.get("includeObject"))?;
    }
    match (verb, rr.sub.as_deref()) {
        ("watch", _) => watch::watch(&server, rr),
        ("get", _) => handlers::get(&server, &rr),
        ("list", _) => handlers::list(&server, &rr),
        ("create", None) if group.is_empty() && rr.served.info.plural == "bindings" => {
            let body = read_body(req).await?;
            let b = super::objects::decode_body(&content_type, &body, "Binding")?;
            let pod = b
                .pointer("/metadata/name")
                .and_then(serde_json::Value::as_str)
                .unwrap_or("");
            let node = b
                .pointer("/target/name")
                .and_then(serde_json::Value::as_str)
                .unwrap_or("");
            super::subresources::bind_pod(&server, rr.ns(), pod, node)?;
            Ok(json_response(
                201,
                &json!({"kind": "Status", "apiVersion": "v1", "metadata": {},
                                          "status": "Success", "code": 201}),
            ))
        }
        ("create", None) if matches!(group, "authentication.k8s.io" | "authorization.k8s.io") => {
            let body = read_body(req).await?;
            super::reviews::review(&server, &rr, &user, &content_type, &body)
        }
        ("create", None) => {
            let body = read_body(req).await?;
            handlers::create(&server, &rr, &content_type, &body).await
        }
        ("create", Some(sub)) => {
            let body = read_body(req).await?;
            super::subresources::create(&server, &rr, sub, &content_type, &body)
        }
        ("update", _) => {
            let body = read_body(req).await?;
            handlers::update(&server, &rr, &content_type, &body)
        }
        ("patch", _) => {
            let body = read_body(req).await?;
            handlers::patch(&server, &rr, &content_type, &body).await
        }
        ("delete", None) => {
            let body = read_body(req).await?;
            handlers::delete(&server, &rr, &body)
        }
        ("deletecollection", None) => {
            let body = read_body(req).await?;
            handlers::delete_collection(&server, &rr, &body)
        }
        (v, Some(sub)) => Err(ApiError::new(
            405,
            "MethodNotAllowed",
            format!(
                "{v} is not supported on resources of kind \"{}/{sub}\"",
                rr.served.info.plural
            ),
        )),
        (v, None) => Err(ApiError::new(
            405,
            "MethodNotAllowed",
            format!(
                "{v} is not supported on resources of kind \"{}\"",
                rr.served.info.plural
            ),
        )),
    }
}
