//! The resource verbs: get, list, create, update (PUT), patch, delete, deletecollection, and
//! the `/status` and `/scale` subresources. Each runs the apiserver's pipeline: decode →
//! admission (namespace checks, status discipline) → defaulting → validation →
//! fieldValidation → managedFields → store write (or dry run) → render.

use std::sync::Arc;

use http::Response;
use serde_json::{Value, json};

use super::ApiServer;
use super::admission;
use super::http::{Body, Query, Representation, add_warnings, bytes_response, json_response};
use super::objects::{
    ListItem, decode_body, decode_json, include_object, list_metadata, render_list, render_one,
    render_raw_list, selector_string, with_gvk,
};
use super::patch;
use super::selectors::{
    FieldSelector, Fields, LabelSelector, StoredJson, parse_field_selector, parse_label_selector,
};
use super::status::ApiError;
use super::{defaults, validation};
use crate::resources::Served;
use crate::store::{DeleteOptions, DeleteOutcome, name_of, now_rfc3339};

/// A parsed request on a resource URL.
pub struct ResourceRequest {
    /// The resource (and version) addressed.
    pub served: Served,
    /// Namespace from the URL.
    pub namespace: Option<String>,
    /// Object name from the URL.
    pub name: Option<String>,
    /// Subresource from the URL.
    pub sub: Option<String>,
    /// Query parameters.
    pub query: Query,
    /// Request headers.
    pub headers: http::HeaderMap,
}

impl ResourceRequest {
    /// A request made by the server itself (bootstrap, preload): no headers, field manager
    /// `manager`.
    pub fn internal(served: Served, namespace: Option<&str>, manager: &str) -> Self {
        ResourceRequest {
            served,
            namespace: namespace.map(str::to_string),
            name: None,
            sub: None,
            query: Query::parse(Some(&format!("fieldManager={manager}"))),
            headers: http::HeaderMap::new(),
        }
    }

    /// The namespace for storage ("" for cluster-scoped).
    pub fn ns(&self) -> &str {
        if self.served.info.namespaced {
            self.namespace.as_deref().unwrap_or("")
        } else {
            ""
        }
    }

    fn name(&self) -> &str {
        self.name.as_deref().unwrap_or("")
    }

    fn group(&self) -> &str {
        &self.served.info.group
    }

    fn plural(&self) -> &str {
        &self.served.info.plural
    }

    fn kind(&self) -> &str {
        &self.served.info.kind
    }

    fn dry_run(&self) -> bool {
        self.query.all("dryRun").contains(&"All")
    }

    /// `fieldManager`, else the User-Agent's program name, as the apiserver defaults it.
    fn field_manager(&self) -> String {
        if let Some(m) = self.query.non_empty("fieldManager") {
            return m.to_string();
        }
        let ua = self
            .headers
            .get(http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok());
        ua.and_then(|u| u.split('/').next())
            .filter(|s| !s.is_empty())
            .unwrap_or("unknown")
            .to_string()
    }

    fn repr(&self) -> Representation {
        super::http::negotiate(&self.headers)
    }

    fn render(&self, code: u16, obj: &Value) -> Response<Body> {
        let (ct, body) = render_one(
            &self.served,
            obj,
            self.repr(),
            include_object(self.query.get("includeObject")),
        );
        bytes_response(code, &ct, body, super::http::accepts_gzip(&self.headers))
    }
}

/// Parsed label + field selectors of a list/watch/deletecollection.
pub struct Selectors {
    label: LabelSelector,
    field: FieldSelector,
}

impl Selectors {
    /// From `labelSelector`/`fieldSelector` query parameters (400 on bad syntax).
    pub fn parse(rr: &ResourceRequest) -> Result<Self, ApiError> {
        let label = parse_label_selector(rr.query.get("labelSelector").unwrap_or(""))?;
        let field = parse_field_selector(
            rr.group(),
            rr.plural(),
            rr.query.get("fieldSelector").unwrap_or(""),
        )?;
        Ok(Selectors { label, field })
    }

    /// Whether an object matches both.
    pub fn matches<D: Fields + ?Sized>(&self, obj: &D) -> bool {
        self.label.matches(obj) && self.field.matches(obj)
    }

    /// True when both match everything.
    pub fn is_empty(&self) -> bool {
        self.label.is_empty() && self.field.is_empty()
    }
}

/// GET of one object (`/status` returns the whole object too).
pub fn get(server: &ApiServer, rr: &ResourceRequest) -> Result<Response<Body>, ApiError> {
    let obj = server
        .store
        .get_or_404(&rr.served.info.key(), rr.ns(), rr.name())?;
    match rr.sub.as_deref() {
        None | Some("status") => Ok(rr.render(200, &obj)),
        Some("scale") => Ok(json_response(200, &to_scale(&rr.served, &obj))),
        Some(_) => Err(super::http::not_found_url()),
    }
}

/// Continue token: base64 of `{"v":"meta.k8s.io/v1","rv":N,"start":"<key>\u0000"}` like the
/// apiserver's, so clients treating it as opaque round-trip it. `rv` -1 means "continue at the
/// latest state" (the token a 410 for an expired one carries).
fn encode_continue(rv: i64, last_key: &str) -> String {
    use base64::Engine;
    let v = json!({"v": "meta.k8s.io/v1", "rv": rv, "start": format!("{last_key}\u{0}")});
    base64::engine::general_purpose::URL_SAFE.encode(v.to_string())
}

/// The start key and the resourceVersion (None: latest) of a continue token.
fn decode_continue(token: &str) -> Result<(String, Option<u64>), ApiError> {
    use base64::Engine;
    let bad = || ApiError::bad_request(format!("continue key is not valid: {token}"));
    let raw = base64::engine::general_purpose::URL_SAFE
        .decode(token)
        .or_else(|_| base64::engine::general_purpose::STANDARD.decode(token))
        .map_err(|_| bad())?;
    let v: Value = serde_json::from_slice(&raw).map_err(|_| bad())?;
    let start = v["start"].as_str().ok_or_else(bad)?;
    let rv = match v["rv"].as_i64() {
        Some(-1) => None,
        Some(rv) if rv > 0 => Some(rv as u64),
        _ => return Err(bad()),
    };
    Ok((start.trim_end_matches('\u{0}').to_string(), rv))
}

/// The 410 for a continue token whose resourceVersion was compacted: etcd3's
/// `handleCompactedErrorForPaging`, with a token that continues at the latest state.
fn continue_expired(after: &str) -> ApiError {
    let mut e = ApiError::new(
        410,
        "Expired",
        "The provided continue parameter is too old to display a consistent list result. You \
         can start a new list without the continue parameter, or use the continue token in \
         this response to retrieve the remainder of the results. Continuing with the provided \
         token results in an inconsistent list - objects that were created, modified, or \
         deleted between the time the first chunk was returned and now may show up in the list.",
    );
    e.list_continue = Some(encode_continue(-1, after));
    e
}

/// How many stored objects a selector-filtered list reads per store lock.
const LIST_CHUNK: usize = 1000;

/// LIST with selectors and `limit`/`continue` paging. Pages after the first read the state at
/// the first page's resourceVersion, as etcd does (410 once that is compacted). Without
/// selectors nothing is parsed: a JSON list copies the stored bytes (selectors parse only the
/// fields they read).
pub fn list(server: &ApiServer, rr: &ResourceRequest) -> Result<Response<Body>, ApiError> {
    let sel = Selectors::parse(rr)?;
    let ns = if rr.served.info.namespaced {
        rr.namespace.as_deref()
    } else {
        None
    };
    let (mut after, mut at) = match rr.query.non_empty("continue") {
        Some(t) => {
            let (k, rv) = decode_continue(t)?;
            (Some(k), rv)
        }
        None => (None, None),
    };
    let limit: usize = rr
        .query
        .non_empty("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    let key = rr.served.info.key();
    let repr = rr.repr();
    let expired = |after: &Option<String>| continue_expired(after.as_deref().unwrap_or(""));
    let mut selected: Vec<ListItem> = Vec::new();
    let mut remaining = None;
    let mut more = false;
    if sel.is_empty() {
        let max = if limit > 0 { limit } else { usize::MAX };
        let r = server
            .store
            .range(&key, ns, after.as_deref(), at, max)
            .map_err(|_| expired(&after))?;
        at = Some(r.rv);
        more = r.rest > 0;
        remaining = more.then_some(r.rest);
        selected = r
            .items
            .into_iter()
            .map(|(k, raw)| ListItem::new(k, raw, None))
            .collect();
    } else {
        // Read in chunks (matching happens outside the store lock), all at one
        // resourceVersion. Selectors read only the fields they name from the stored bytes.
        'read: loop {
            let r = server
                .store
                .range(&key, ns, after.as_deref(), at, LIST_CHUNK)
                .map_err(|_| expired(&after))?;
            at = Some(r.rv);
            let last = r.items.last().map(|(k, _)| k.clone());
            for (k, raw) in r.items {
                if !sel.matches(&StoredJson(&raw)) {
                    continue;
                }
                if limit > 0 && selected.len() >= limit {
                    // One more match exists: there is a next page.
                    more = true;
                    break 'read;
                }
                selected.push(ListItem::new(k, raw, None));
            }
            if r.rest == 0 {
                break;
            }
            after = last;
        }
    }
    let rv = at.unwrap_or_else(|| server.store.current_rv());
    let cont = if more {
        selected
            .last()
            .map(|it| encode_continue(rv as i64, &it.key))
    } else {
        None
    };
    let md = list_metadata(rv, cont, remaining);
    let (ct, body) = render_raw_list(
        &rr.served,
        selected,
        md,
        repr,
        include_object(rr.query.get("includeObject")),
    );
    Ok(bytes_response(
        200,
        &ct,
        body,
        super::http::accepts_gzip(&rr.headers),
    ))
}

/// Unknown-field handling per `fieldValidation` (default Warn): Err for Strict, else the
/// warnings to send.
fn field_validation(rr: &ResourceRequest, obj: &Value) -> Result<Vec<String>, ApiError> {
    let mode = rr.query.non_empty("fieldValidation").unwrap_or("Warn");
    if mode == "Ignore" {
        return Ok(Vec::new());
    }
    if !matches!(mode, "Strict" | "Warn") {
        return Err(ApiError::bad_request(format!(
            "fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\", got {mode:?}"
        )));
    }
    let unknown: Vec<String> = validation::unknown_fields(rr.group(), rr.kind(), obj)
        .into_iter()
        .map(|p| format!("unknown field \"{}\"", p.trim_start_matches('.')))
        .collect();
    if unknown.is_empty() {
        return Ok(Vec::new());
    }
    if mode == "Strict" {
        // The decoder's wording: `Deployment in version "v1" cannot be handled as a ...`.
        let (kind, version) = (rr.kind(), &rr.served.info.version);
        return Err(ApiError::bad_request(format!(
            "{kind} in version {version:?} cannot be handled as a {kind}: strict decoding error: {}",
            unknown.join(", ")
        )));
    }
    Ok(unknown)
}

/// Checks kind/apiVersion of a body against the URL and fills them when absent.
fn check_gvk(rr: &ResourceRequest, obj: &mut Value) -> Result<(), ApiError> {
    let want_gv = rr.served.info.group_version();
    let gv = obj
        .get("apiVersion")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let kind = obj
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if !rr.served.custom {
        foreign_builtin(rr, &gv, &kind)?;
    }
    if !gv.is_empty() && gv != want_gv {
        // Custom resources are served at every version without conversion.
        let same_group = rr.served.custom && gv.split_once('/').map(|(g, _)| g) == Some(rr.group());
        if !same_group {
            return Err(ApiError::bad_request(format!(
                "the API version in the data ({gv}) does not match the expected API version ({want_gv})"
            )));
        }
    }
    if !kind.is_empty() && kind != rr.kind() {
        return Err(ApiError::bad_request(format!(
            "the kind in the data ({kind}) does not match the expected kind ({})",
            rr.kind()
        )));
    }
    let o = obj.as_object_mut().expect("checked object");
    o.insert("apiVersion".into(), Value::String(want_gv));
    o.insert("kind".into(), Value::String(rr.kind().to_string()));
    Ok(())
}

/// A built-in endpoint given a body of another kind: the decoder's words for a kind the
/// scheme does not know at that version, or one it cannot convert into the endpoint's
/// (`Pod in version "v1" cannot be handled as a Namespace: converting (v1.Pod) to
/// (core.Namespace): unknown conversion`). An absent kind or apiVersion is the endpoint's.
fn foreign_builtin(rr: &ResourceRequest, gv: &str, kind: &str) -> Result<(), ApiError> {
    let target = rr.kind();
    let want_gv = rr.served.info.group_version();
    let gv = if gv.is_empty() { want_gv.as_str() } else { gv };
    let kind = if kind.is_empty() { target } else { kind };
    if kind == target && gv == want_gv {
        return Ok(());
    }
    let version = gv.rsplit('/').next().unwrap_or(gv);
    let known = crate::apiserver::protobuf::kinds::find(gv, kind).is_some();
    let why = if !known {
        format!(
            "no kind {kind:?} is registered for version {gv:?} in scheme \
             \"pkg/api/legacyscheme/scheme.go:30\""
        )
    } else if kind == target && gv.split_once('/').map(|(g, _)| g) == Some(rr.group()) {
        // The same kind at another version of the group converts; the handler then refuses
        // the version (see `check_gvk`).
        return Ok(());
    } else {
        // The internal types live in a package named for the group (`core` for the legacy
        // group, whose Events events.k8s.io shares).
        let internal = match rr.group() {
            "" | "events.k8s.io" => "core",
            g => g.split('.').next().unwrap_or(g),
        };
        format!("converting ({version}.{kind}) to ({internal}.{target}): unknown conversion")
    };
    Err(ApiError::bad_request(format!(
        "{kind} in version {version:?} cannot be handled as a {target}: {why}"
    )))
}

/// Puts the URL's namespace into the body (400 if it names another).
fn check_namespace(rr: &ResourceRequest, obj: &mut Value) -> Result<(), ApiError> {
    let md = obj
        .as_object_mut()
        .expect("checked object")
        .entry("metadata")
        .or_insert_with(|| json!({}));
    if !md.is_object() {
        return Err(ApiError::bad_request("metadata must be an object"));
    }
    if rr.served.info.namespaced {
        let url_ns = rr.ns();
        match md.get("namespace").and_then(Value::as_str) {
            Some(n) if !n.is_empty() && n != url_ns => {
                return Err(ApiError::bad_request(
                    "the namespace of the provided object does not match the namespace sent on the request",
                ));
            }
            _ => {}
        }
        md["namespace"] = json!(url_ns);
    } else if let Some(m) = md.as_object_mut() {
        m.remove("namespace");
    }
    Ok(())
}

/// POST to a collection.
pub async fn create(
    server: &Arc<ApiServer>,
    rr: &ResourceRequest,
    content_type: &str,
    body: &[u8],
) -> Result<Response<Body>, ApiError> {
    let mut obj = decode_body(content_type, body, rr.kind())?;
    check_gvk(rr, &mut obj)?;
    check_namespace(rr, &mut obj)?;
    let warnings = field_validation(rr, &obj)?;
    let created = create_object(server, rr, obj)?;
    let mut resp = rr.render(201, &created);
    add_warnings(&mut resp, &warnings);
    Ok(resp)
}

/// The create pipeline after decoding (also used by server-side apply of a missing object,
/// bootstrap and `--preload`).
pub fn create_object(
    server: &Arc<ApiServer>,
    rr: &ResourceRequest,
    mut obj: Value,
) -> Result<Arc<Value>, ApiError> {
    if rr.served.info.namespaced {
        admission::check_namespace_writable(
            server,
            rr.ns(),
            rr.group(),
            rr.plural(),
            name_of(&obj),
        )?;
    }
    if rr.served.info.has_subresource("status")
        && let Some(o) = obj.as_object_mut()
    {
        // PrepareForCreate: status is the controllers' to write.
        o.remove("status");
    }
    if let Some(md) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
        // The apiserver assigns uids; defaulting may pick one (Job selectors) that the store keeps.
        md.remove("uid");
    }
    // generateName is resolved before validation (names.SimpleNameGenerator in BeforeCreate).
    let generated = name_of(&obj).is_empty()
        && obj
            .pointer("/metadata/generateName")
            .and_then(Value::as_str)
            .is_some_and(|g| !g.is_empty());
    if generated {
        let base: String = obj["metadata"]["generateName"]
            .as_str()
            .unwrap_or("")
            .chars()
            .take(58)
            .collect();
        obj["metadata"]["name"] = json!(format!("{base}{}", crate::store::random_suffix(5)));
    }
    admission::before_create(server, &rr.served, &mut obj)?;
    defaults::apply_defaults(rr.group(), rr.kind(), &mut obj);
    admission::after_defaults(&rr.served, &mut obj);
    validation::validate(rr.group(), rr.kind(), &obj, None)?;
    let now = now_rfc3339();
    if obj.pointer("/metadata/managedFields").is_none() {
        patch::track_update(None, &mut obj, &rr.field_manager(), "Update", None, &now);
    }
    let key = rr.served.info.key();
    if rr.dry_run() {
        return server.store.create_dry_run(&key, obj);
    }
    let mut created = server.store.create(&key, obj.clone());
    // RetryGenerateName: a collision with a generated name draws another one.
    let mut tries = 0;
    while generated && tries < 8 && matches!(&created, Err(e) if e.reason == "AlreadyExists") {
        let base: String = obj["metadata"]["generateName"]
            .as_str()
            .unwrap_or("")
            .chars()
            .take(58)
            .collect();
        obj["metadata"]["name"] = json!(format!("{base}{}", crate::store::random_suffix(5)));
        created = server.store.create(&key, obj.clone());
        tries += 1;
    }
    let created = created?;
    admission::after_create(server, &rr.served, &created);
    Ok(created)
}

/// Applies the status-subresource discipline to a new version of an object.
fn merge_for_subresource(
    served: &Served,
    sub: Option<&str>,
    old: &Value,
    mut new: Value,
) -> Result<Value, ApiError> {
    match sub {
        None => {
            if served.info.has_subresource("status")
                && let Some(o) = new.as_object_mut()
            {
                match old.get("status") {
                    Some(s) => o.insert("status".into(), s.clone()),
                    None => o.remove("status"),
                };
            }
            Ok(new)
        }
        Some("status") => {
            let mut out = old.clone();
            match new.get("status") {
                Some(s) => out["status"] = s.clone(),
                None => {
                    if let Some(o) = out.as_object_mut() {
                        o.remove("status");
                    }
                }
            }
            // A server-side apply to /status computed the managers' entries.
            if let Some(mf) = new.pointer("/metadata/managedFields") {
                out["metadata"]["managedFields"] = mf.clone();
            }
            // The precondition travels with the request.
            out["metadata"]["resourceVersion"] = new
                .pointer("/metadata/resourceVersion")
                .cloned()
                .unwrap_or(json!(""));
            Ok(out)
        }
        Some("approval") => {
            // certificatesigningrequests/approval: only the Approved/Denied conditions change.
            let mut out = old.clone();
            out["status"]["conditions"] = new
                .pointer("/status/conditions")
                .cloned()
                .unwrap_or(json!([]));
            out["metadata"]["resourceVersion"] = new
                .pointer("/metadata/resourceVersion")
                .cloned()
                .unwrap_or(json!(""));
            Ok(out)
        }
        Some("finalize") => {
            let mut out = old.clone();
            out["spec"]["finalizers"] = new
                .pointer("/spec/finalizers")
                .cloned()
                .unwrap_or(json!([]));
            Ok(out)
        }
        Some(other) => Err(ApiError::new(
            405,
            "MethodNotAllowed",
            format!(
                "update is not supported on resources of kind \"{}/{other}\"",
                served.info.plural
            ),
        )),
    }
}

/// The update pipeline shared by PUT and PATCH: `compute(old)` gives the new object (already
/// merged for the subresource); retried on internal conflicts unless the client pinned a
/// resourceVersion.
fn update_object(
    server: &Arc<ApiServer>,
    rr: &ResourceRequest,
    operation: &str,
    mut compute: impl FnMut(&Value) -> Result<Value, ApiError>,
) -> Result<(Arc<Value>, Vec<String>), ApiError> {
    let key = rr.served.info.key();
    loop {
        let old = server.store.get_or_404(&key, rr.ns(), rr.name())?;
        let mut new = compute(&old)?;
        let client_rv = new
            .pointer("/metadata/resourceVersion")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        if let Some(rv) = &client_rv
            && Some(rv.as_str())
                != old
                    .pointer("/metadata/resourceVersion")
                    .and_then(Value::as_str)
        {
            return Err(ApiError::conflict(rr.group(), rr.plural(), rr.name()));
        }
        let warnings = if rr.sub.is_none() {
            field_validation(rr, &new)?
        } else {
            Vec::new()
        };
        admission::before_update(&rr.served, &old, &mut new);
        defaults::apply_defaults(rr.group(), rr.kind(), &mut new);
        admission::after_defaults(&rr.served, &mut new);
        validation::validate(rr.group(), rr.kind(), &new, Some(&old))?;
        if operation == "Update" {
            let now = now_rfc3339();
            patch::track_update(
                Some(&old),
                &mut new,
                &rr.field_manager(),
                "Update",
                rr.sub.as_deref(),
                &now,
            );
        }
        new["metadata"]["resourceVersion"] = old
            .pointer("/metadata/resourceVersion")
            .cloned()
            .unwrap_or(json!(""));
        let res = if rr.dry_run() {
            server.store.update_dry_run(&key, new)
        } else {
            server.store.update(&key, new)
        };
        match res {
            Err(e) if e.code == 409 && e.reason == "Conflict" && client_rv.is_none() => continue,
            Err(e) => return Err(e),
            Ok(o) => {
                admission::after_update(server, &rr.served, &o);
                return Ok((o, warnings));
            }
        }
    }
}

/// PUT on an object or its `/status`, `/scale`, `/finalize`.
pub fn update(
    server: &Arc<ApiServer>,
    rr: &ResourceRequest,
    content_type: &str,
    body: &[u8],
) -> Result<Response<Body>, ApiError> {
    let mut obj = decode_body(content_type, body, rr.kind())?;
    if rr.sub.as_deref() == Some("scale") {
        let replicas = scale_replicas(&obj)?;
        let pinned = obj.pointer("/metadata/resourceVersion").cloned();
        let (o, _) = update_object(server, rr, "Update", |old| {
            let mut n = old.clone();
            set_replicas(&rr.served, &mut n, replicas);
            n["metadata"]["resourceVersion"] = pinned.clone().unwrap_or(json!(""));
            Ok(n)
        })?;
        return Ok(json_response(200, &to_scale(&rr.served, &o)));
    }
    check_gvk(rr, &mut obj)?;
    check_namespace(rr, &mut obj)?;
    let body_name = name_of(&obj).to_string();
    if body_name.is_empty() {
        obj["metadata"]["name"] = json!(rr.name());
    } else if body_name != rr.name() {
        return Err(ApiError::bad_request(format!(
            "the name of the object ({body_name}) does not match the name on the URL ({})",
            rr.name()
        )));
    }
    let (o, warnings) = update_object(server, rr, "Update", |old| {
        merge_for_subresource(&rr.served, rr.sub.as_deref(), old, obj.clone())
    })?;
    let mut resp = rr.render(200, &o);
    add_warnings(&mut resp, &warnings);
    Ok(resp)
}

fn scale_replicas(scale: &Value) -> Result<i64, ApiError> {
    scale
        .pointer("/spec/replicas")
        .and_then(Value::as_i64)
        .ok_or_else(|| {
            ApiError::bad_request(
                "Scale.autoscaling \"\" is invalid: spec.replicas: Required value",
            )
        })
}

/// Where a resource keeps its replica counts and selector: `(spec replicas, status replicas,
/// selector)` as JSON paths like `.spec.replicas`; CRDs name them in `subresources.scale`.
fn scale_paths(served: &Served) -> (String, String, Option<String>) {
    match &served.crd_scale {
        Some(sc) => (
            sc["specReplicasPath"]
                .as_str()
                .unwrap_or(".spec.replicas")
                .to_string(),
            sc["statusReplicasPath"]
                .as_str()
                .unwrap_or(".status.replicas")
                .to_string(),
            sc["labelSelectorPath"].as_str().map(str::to_string),
        ),
        None => (".spec.replicas".into(), ".status.replicas".into(), None),
    }
}

fn path_get<'a>(obj: &'a Value, path: &str) -> Option<&'a Value> {
    path.trim_start_matches('.')
        .split('.')
        .try_fold(obj, |o, k| o.get(k))
}

fn path_set(obj: &mut Value, path: &str, v: Value) {
    let mut cur = obj;
    let keys: Vec<&str> = path.trim_start_matches('.').split('.').collect();
    for k in &keys[..keys.len() - 1] {
        if !cur.get(*k).is_some_and(Value::is_object) {
            cur[*k] = json!({});
        }
        cur = &mut cur[*k];
    }
    cur[keys[keys.len() - 1]] = v;
}

/// Sets the desired replicas of a scalable object.
fn set_replicas(served: &Served, obj: &mut Value, replicas: i64) {
    path_set(obj, &scale_paths(served).0, json!(replicas));
}

/// The autoscaling/v1 Scale view of a workload.
pub fn to_scale(served: &Served, obj: &Value) -> Value {
    let md = &obj["metadata"];
    let (spec_path, status_path, selector_path) = scale_paths(served);
    let selector = match selector_path {
        Some(p) => path_get(obj, &p)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        None => selector_string(obj.pointer("/spec/selector").unwrap_or(&Value::Null)),
    };
    json!({
        "kind": "Scale",
        "apiVersion": "autoscaling/v1",
        "metadata": {"name": md["name"], "namespace": md["namespace"], "uid": md["uid"],
                     "resourceVersion": md["resourceVersion"], "creationTimestamp": md["creationTimestamp"]},
        "spec": {"replicas": path_get(obj, &spec_path).cloned().unwrap_or(json!(0))},
        "status": {"replicas": path_get(obj, &status_path).cloned().unwrap_or(json!(0)),
                   "selector": selector},
    })
    .tap_ns(served)
}

trait TapNs {
    fn tap_ns(self, served: &Served) -> Value;
}

impl TapNs for Value {
    fn tap_ns(mut self, served: &Served) -> Value {
        if !served.info.namespaced
            && let Some(m) = self["metadata"].as_object_mut()
        {
            m.remove("namespace");
        }
        self
    }
}

/// PATCH in the four content types.
pub async fn patch(
    server: &Arc<ApiServer>,
    rr: &ResourceRequest,
    content_type: &str,
    body: &[u8],
) -> Result<Response<Body>, ApiError> {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let force = rr.query.flag("force");
    let manager = rr.field_manager();
    match essence.as_str() {
        "application/json-patch+json" | "application/merge-patch+json" => {}
        "application/strategic-merge-patch+json" => {
            if rr.served.custom {
                return Err(ApiError::new(
                    415,
                    "UnsupportedMediaType",
                    "the body of the request was in an unknown format - accepted media types include: \
                     application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, \
                     application/apply-patch+cbor",
                ));
            }
        }
        "application/apply-patch+yaml" => {
            if rr.query.non_empty("fieldManager").is_none() {
                return Err(ApiError::invalid(
                    "meta.k8s.io",
                    "PatchOptions",
                    "",
                    vec![super::status::Cause {
                        reason: "FieldValueRequired".into(),
                        message: "Required value: is required for apply patch".into(),
                        field: "fieldManager".into(),
                    }],
                ));
            }
        }
        _ => {
            return Err(ApiError::new(
                415,
                "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: \
                     application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, \
                     application/strategic-merge-patch+json, application/apply-patch+cbor",
            ));
        }
    }
    if force && essence != "application/apply-patch+yaml" {
        return Err(ApiError::bad_request(
            "force is only allowed for apply patches",
        ));
    }
    let key = rr.served.info.key();
    let is_apply = essence == "application/apply-patch+yaml";
    if is_apply && rr.sub.is_none() && server.store.get(&key, rr.ns(), rr.name()).is_none() {
        let now = now_rfc3339();
        let mut obj =
            patch::server_side_apply(rr.group(), rr.kind(), None, body, &manager, force, &now)?;
        if !obj.is_object() {
            return Err(ApiError::bad_request("apply patch must be an object"));
        }
        check_gvk(rr, &mut obj)?;
        check_namespace(rr, &mut obj)?;
        if name_of(&obj) != rr.name() {
            return Err(ApiError::bad_request(format!(
                "the name of the object ({}) does not match the name on the URL ({})",
                name_of(&obj),
                rr.name()
            )));
        }
        let warnings = field_validation(rr, &obj)?;
        let created = create_object(server, rr, obj)?;
        let mut resp = rr.render(201, &created);
        add_warnings(&mut resp, &warnings);
        return Ok(resp);
    }
    let sub = rr.sub.clone();
    let operation = if is_apply { "Apply" } else { "Update" };
    let served = rr.served.clone();
    let (o, warnings) = update_object(server, rr, operation, |old| {
        // Patches apply to the representation the URL names: the object, or its Scale.
        let base = if sub.as_deref() == Some("scale") {
            to_scale(&served, old)
        } else {
            old.clone()
        };
        let base = with_gvk_for(&served, &base, sub.as_deref());
        let now = now_rfc3339();
        let mut patched = match essence.as_str() {
            "application/json-patch+json" => patch::json_patch(&base, body)?,
            "application/merge-patch+json" => patch::merge_patch(&base, body)?,
            "application/strategic-merge-patch+json" => {
                patch::strategic_merge_patch(&served.info.group, &served.info.kind, &base, body)?
            }
            _ => patch::server_side_apply_to(
                &served.info.group,
                &served.info.kind,
                Some(&base),
                body,
                &manager,
                force,
                &now,
                sub.as_deref().filter(|s| *s == "status").unwrap_or(""),
            )?,
        };
        if !patched.is_object() {
            return Err(ApiError::bad_request("the patched object is not an object"));
        }
        if sub.as_deref() != Some("scale") {
            let (group, kind) = (&served.info.group, &served.info.kind);
            match essence.as_str() {
                "application/json-patch+json" | "application/merge-patch+json" => {
                    validation::patched_object(group, kind, &patched)?
                }
                "application/strategic-merge-patch+json" => {
                    // The patch already parsed as an object to be applied.
                    let patch: Value = serde_json::from_slice(body).unwrap_or_default();
                    validation::strategic_patched_object(group, kind, &patch, &patched)?
                }
                _ => {}
            }
        }
        // A resourceVersion left in the result only counts if the patch changed it
        // (a precondition); the base's own RV means "no precondition".
        let base_rv = base.pointer("/metadata/resourceVersion").cloned();
        if patched.pointer("/metadata/resourceVersion").cloned() == base_rv
            && let Some(m) = patched.get_mut("metadata").and_then(Value::as_object_mut)
        {
            m.remove("resourceVersion");
        }
        if sub.as_deref() == Some("scale") {
            let replicas = scale_replicas(&patched)?;
            let mut n = old.clone();
            set_replicas(&served, &mut n, replicas);
            n["metadata"]["resourceVersion"] = patched
                .pointer("/metadata/resourceVersion")
                .cloned()
                .unwrap_or(json!(""));
            return Ok(n);
        }
        // Patches cannot rename or move objects: the apiserver's `checkName` on the result.
        if name_of(&patched) != name_of(old) {
            return Err(ApiError::bad_request(format!(
                "the name of the object ({}) does not match the name on the URL ({})",
                name_of(&patched),
                name_of(old)
            )));
        }
        let url_ns = old.pointer("/metadata/namespace").and_then(Value::as_str);
        let patched_ns = patched
            .pointer("/metadata/namespace")
            .and_then(Value::as_str)
            .filter(|n| !n.is_empty());
        if let (Some(url_ns), Some(patched_ns)) = (url_ns, patched_ns)
            && url_ns != patched_ns
        {
            return Err(ApiError::bad_request(format!(
                "the namespace of the object ({patched_ns}) does not match the namespace on the URL ({url_ns})"
            )));
        }
        if let Some(m) = patched.get_mut("metadata").and_then(Value::as_object_mut)
            && served.info.namespaced
        {
            m.insert("namespace".into(), old["metadata"]["namespace"].clone());
        }
        merge_for_subresource(&served, sub.as_deref(), old, patched)
    })?;
    if rr.sub.as_deref() == Some("scale") {
        return Ok(json_response(200, &to_scale(&rr.served, &o)));
    }
    let mut resp = rr.render(200, &o);
    add_warnings(&mut resp, &warnings);
    Ok(resp)
}

fn with_gvk_for(served: &Served, obj: &Value, sub: Option<&str>) -> Value {
    if sub == Some("scale") {
        obj.clone()
    } else {
        with_gvk(served, obj)
    }
}

/// DeleteOptions from the body (JSON, may be empty) and query parameters.
fn delete_options(rr: &ResourceRequest, body: &[u8]) -> Result<(DeleteOptions, bool), ApiError> {
    let mut opts = DeleteOptions::default();
    let mut dry_run = rr.dry_run();
    if !body.iter().all(|b| b.is_ascii_whitespace()) {
        let v = decode_json(body, "DeleteOptions")?;
        opts.grace_period_seconds = v.get("gracePeriodSeconds").and_then(Value::as_i64);
        opts.propagation_policy = v
            .get("propagationPolicy")
            .and_then(Value::as_str)
            .map(str::to_string);
        if v.get("orphanDependents").and_then(Value::as_bool) == Some(true) {
            opts.propagation_policy
                .get_or_insert_with(|| "Orphan".into());
        }
        opts.precondition_uid = v
            .pointer("/preconditions/uid")
            .and_then(Value::as_str)
            .map(str::to_string);
        opts.precondition_rv = v
            .pointer("/preconditions/resourceVersion")
            .and_then(Value::as_str)
            .map(str::to_string);
        if v.get("dryRun")
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().any(|x| x == "All"))
        {
            dry_run = true;
        }
    }
    if let Some(g) = rr.query.non_empty("gracePeriodSeconds") {
        opts.grace_period_seconds = Some(
            g.parse()
                .map_err(|_| ApiError::bad_request(format!("invalid gracePeriodSeconds: {g}")))?,
        );
    }
    if let Some(p) = rr.query.non_empty("propagationPolicy") {
        opts.propagation_policy = Some(p.to_string());
    }
    if rr.query.get("orphanDependents") == Some("true") {
        opts.propagation_policy
            .get_or_insert_with(|| "Orphan".into());
    }
    if let Some(p) = &opts.propagation_policy
        && !matches!(p.as_str(), "Orphan" | "Background" | "Foreground")
    {
        return Err(ApiError::invalid(
            "meta.k8s.io",
            "DeleteOptions",
            "",
            vec![super::status::Cause {
                reason: "FieldValueNotSupported".into(),
                message: format!(
                    "Unsupported value: \"{p}\": supported values: \"Foreground\", \"Background\", \"Orphan\""
                ),
                field: "propagationPolicy".into(),
            }],
        ));
    }
    Ok((opts, dry_run))
}

/// DELETE of one object.
pub fn delete(
    server: &Arc<ApiServer>,
    rr: &ResourceRequest,
    body: &[u8],
) -> Result<Response<Body>, ApiError> {
    let (opts, dry_run) = delete_options(rr, body)?;
    let key = rr.served.info.key();
    let out = if dry_run {
        server
            .store
            .delete_dry_run(&key, rr.ns(), rr.name(), &opts)?
    } else {
        server.store.delete(&key, rr.ns(), rr.name(), &opts)?
    };
    if !dry_run {
        admission::after_delete(server, &rr.served, &out);
    }
    match &out {
        DeleteOutcome::Marked(o) => Ok(rr.render(200, o)),
        DeleteOutcome::Removed(o) if rr.served.info.delete_returns_object() => {
            Ok(rr.render(200, o))
        }
        DeleteOutcome::Removed(o) => Ok(json_response(200, &delete_status(rr, o))),
    }
}

fn delete_status(rr: &ResourceRequest, obj: &Value) -> Value {
    let mut details = json!({"name": name_of(obj), "kind": rr.plural(),
                             "uid": obj.pointer("/metadata/uid").cloned().unwrap_or(json!(""))});
    if !rr.group().is_empty() {
        details["group"] = json!(rr.group());
    }
    json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "details": details})
}

/// DELETE on a collection: deletes every selected object, answers with the list of them.
pub fn delete_collection(
    server: &Arc<ApiServer>,
    rr: &ResourceRequest,
    body: &[u8],
) -> Result<Response<Body>, ApiError> {
    let (opts, dry_run) = delete_options(rr, body)?;
    let sel = Selectors::parse(rr)?;
    let key = rr.served.info.key();
    let ns = if rr.served.info.namespaced {
        rr.namespace.as_deref()
    } else {
        None
    };
    let (items, _) = server.store.list(&key, ns);
    let mut deleted = Vec::new();
    for it in items.iter().filter(|o| sel.matches(&**o)) {
        let ns = crate::store::namespace_of(it).to_string();
        let res = if dry_run {
            server.store.delete_dry_run(&key, &ns, name_of(it), &opts)
        } else {
            server.store.delete(&key, &ns, name_of(it), &opts)
        };
        match res {
            Ok(out) => {
                if !dry_run {
                    admission::after_delete(server, &rr.served, &out);
                }
                deleted.push(out.object().clone());
            }
            Err(e) if e.code == 404 => {}
            Err(e) => return Err(e),
        }
    }
    let md = list_metadata(server.store.current_rv(), None, None);
    let (ct, body) = render_list(
        &rr.served,
        &deleted,
        md,
        Representation::Object,
        include_object(None),
    );
    Ok(bytes_response(200, &ct, body, false))
}
