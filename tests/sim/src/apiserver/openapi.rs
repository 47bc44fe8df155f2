//! `/openapi/v2` and `/openapi/v3` documents, enough for `kubectl apply`/`create -f` validation
//! (and `kubectl explain` for built-in kinds and CRDs with a schema, from either document).
//!
//! kubectl's default `--validate=strict` looks in the v3 GV document for a PATCH operation of
//! the GVK that lists a `fieldValidation` parameter; only then does it validate server-side
//! (`?fieldValidation=Strict`), else it needs v2 schemas or fails. `kubectl explain` searches
//! `components.schemas` for `x-kubernetes-group-version-kind`. The schemas carry the patch and
//! list extensions and the enums of a real apiserver ([`extensions`]). The documents still do
//! not advertise `application/strategic-merge-patch+json`: kubectl computes apply/edit patches
//! from the schema only when SMP is advertised, otherwise from its compiled-in types, which
//! know every merge key; the extensions table covers the kinds kk-sim's own patching needs.

pub mod crd;
pub mod extensions;
pub mod paths;
pub mod schemas;
pub mod v2proto;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::resources::ResourceInfo;

/// The `info` block of every document.
const INFO_VERSION: &str = "v1.33.1";

/// Bumped whenever this module changes the documents' shape, so cached copies are dropped.
const SHAPE_REVISION: &str = "kk-sim-openapi-3";

/// `/openapi/v3`: the root listing one path per group-version (`api/v1`, `apis/apps/v1`).
pub fn v3_root(resources: &[ResourceInfo]) -> Value {
    v3_root_with_crds(resources, &[])
}

/// [`v3_root`] when CRDs are served: `crds` are the stored CustomResourceDefinition objects,
/// whose `openAPIV3Schema`s become the schemas of their kinds (and enter the hashes).
pub fn v3_root_with_crds(resources: &[ResourceInfo], crds: &[Value]) -> Value {
    let crd_schemas = crd::schemas(crds);
    let mut paths = Map::new();
    for (gv_path, members) in by_group_version(resources) {
        // The document is a pure function of these inputs, so hashing them gives a key that
        // changes exactly when the document does, without building every document here.
        let mut h = Sha256::new();
        h.update(SHAPE_REVISION.as_bytes());
        for r in &members {
            h.update(format!("{r:?}\n").as_bytes());
            for c in crd_schemas.iter().filter(|c| c.matches(r)) {
                h.update(c.schema.to_string().as_bytes());
            }
        }
        let hash: String = h.finalize().iter().map(|b| format!("{b:02X}")).collect();
        paths.insert(
            gv_path.clone(),
            json!({"serverRelativeURL": format!("/openapi/v3/{gv_path}?hash={hash}")}),
        );
    }
    json!({"paths": paths})
}

/// `/openapi/v3/<path>` (`path` like `api/v1` or `apis/apps/v1`); None if no such GV.
pub fn v3_group_version(path: &str, resources: &[ResourceInfo]) -> Option<Value> {
    v3_group_version_with_crds(path, resources, &[])
}

/// [`v3_group_version`] with the stored CRD objects (see [`v3_root_with_crds`]).
pub fn v3_group_version_with_crds(
    path: &str,
    resources: &[ResourceInfo],
    crds: &[Value],
) -> Option<Value> {
    let path = path.trim_matches('/');
    let members = by_group_version(resources).remove(path)?;
    let builtin = schemas::definitions();
    let crd_schemas = crd::schemas(crds);
    let mut components = Map::new();
    let mut paths = Map::new();
    for r in &members {
        let kind_schema = crd_schemas
            .iter()
            .find(|c| c.matches(r))
            .map(|c| {
                components.insert(c.def_name.clone(), c.schema.clone());
                c.def_name.clone()
            })
            .or_else(|| builtin_schema_name(&r.group, &r.version, &r.kind));
        paths::add_resource(&mut paths, r, kind_schema.as_deref());
    }
    // Every schema the paths or the CRD schemas reference, transitively.
    let mut needed = BTreeSet::new();
    let mut roots: Vec<String> = schemas::COMMON.iter().map(|s| s.to_string()).collect();
    collect_refs(&Value::Object(paths.clone()), &mut roots);
    for c in components.values() {
        collect_refs(c, &mut roots);
    }
    for r in roots {
        if !components.contains_key(&r) {
            schemas::closure(&r, builtin, &mut needed);
        }
    }
    for name in needed {
        if let Some(def) = builtin.get(&name) {
            components.entry(name).or_insert_with(|| def.clone());
        }
    }
    Some(json!({
        "openapi": "3.0.0",
        "info": {"title": "Kubernetes", "version": INFO_VERSION},
        "paths": paths,
        "components": {"schemas": components},
    }))
}

/// `/openapi/v2`: the PATCH operations (GVK + `fieldValidation`) and the built-in
/// definitions with the patch/list extensions and enums ([`v2_definitions`]).
///
/// The operations consume no `application/strategic-merge-patch+json`, so kubectl's apply
/// still computes its patches from its compiled-in types (which know every merge key) rather
/// than from these schemas; with the kinds in `definitions`, kubectl validates the items of a
/// `kind: List` against them client-side, as on a real cluster. kubectl reads the document as
/// protobuf ([`v2proto::encode`]); this JSON form is for other clients.
pub fn v2(resources: &[ResourceInfo], crds: &[Value]) -> Value {
    let mut doc = v2_paths(resources);
    let mut defs = v2_definitions().clone();
    defs.extend(v2_crd_definitions(crds));
    doc["definitions"] = Value::Object(defs);
    doc
}

/// The served CRD versions' schemas as `/openapi/v2` definitions (named and completed as in
/// v3, [`crd::schemas`]), in Swagger 2.0 form: `$ref`s into `#/definitions/`, no `nullable`.
pub fn v2_crd_definitions(crds: &[Value]) -> Map<String, Value> {
    crd::schemas(crds)
        .into_iter()
        .map(|c| (c.def_name, strip_nullable(to_v2(&c.schema))))
        .collect()
}

/// Swagger 2.0 has no `nullable`; the apiserver drops it from CRD schemas it publishes there.
fn strip_nullable(mut v: Value) -> Value {
    match &mut v {
        Value::Object(m) => {
            m.remove("nullable");
            for (k, x) in m.iter_mut() {
                if k == "properties" {
                    if let Value::Object(props) = x {
                        for p in props.values_mut() {
                            *p = strip_nullable(std::mem::take(p));
                        }
                    }
                } else {
                    *x = strip_nullable(std::mem::take(x));
                }
            }
        }
        Value::Array(a) => {
            for x in a.iter_mut() {
                *x = strip_nullable(std::mem::take(x));
            }
        }
        _ => {}
    }
    v
}

/// [`v2`] without its definitions (which [`v2proto`] encodes once).
pub fn v2_paths(resources: &[ResourceInfo]) -> Value {
    let mut out = Map::new();
    for r in resources {
        let (item, _) = paths::urls(r);
        let params = json!([
            {"name": "fieldValidation", "in": "query", "type": "string", "uniqueItems": true},
            {"name": "dryRun", "in": "query", "type": "string", "uniqueItems": true},
            {"name": "fieldManager", "in": "query", "type": "string", "uniqueItems": true},
            {"name": "body", "in": "body", "required": true, "schema": {"type": "object"}},
        ]);
        out.insert(
            item,
            json!({"patch": {
                "operationId": format!("patch{}", r.kind),
                "consumes": ["application/json-patch+json", "application/merge-patch+json",
                             "application/apply-patch+yaml"],
                "produces": ["application/json"],
                "parameters": params,
                "responses": {"200": {"description": "OK"}},
                "x-kubernetes-action": "patch",
                "x-kubernetes-group-version-kind":
                    {"group": r.group, "version": r.version, "kind": r.kind},
            }}),
        );
    }
    json!({
        "swagger": "2.0",
        "info": {"title": "Kubernetes", "version": INFO_VERSION},
        "paths": out,
        "definitions": {},
    })
}

/// The built-in definitions in Swagger 2.0 form, as a real apiserver's `/openapi/v2` has
/// them: `$ref`s into `#/definitions/` with their description beside them (no `allOf`
/// wrapper), `IntOrString` a string of format `int-or-string`, `Quantity` a string, no
/// `oneOf`; the extensions and enums as in v3.
pub fn v2_definitions() -> &'static Map<String, Value> {
    static DEFS: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    DEFS.get_or_init(|| {
        schemas::definitions()
            .iter()
            .map(|(name, def)| {
                let mut def = to_v2(def);
                if let Some(format) = match name.as_str() {
                    "io.k8s.apimachinery.pkg.util.intstr.IntOrString" => Some("int-or-string"),
                    "io.k8s.apimachinery.pkg.api.resource.Quantity" => Some(""),
                    _ => None,
                } {
                    def["type"] = json!("string");
                    if !format.is_empty() {
                        def["format"] = json!(format);
                    }
                }
                (name.clone(), def)
            })
            .collect()
    })
}

fn to_v2(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("$ref", Value::String(r)) => {
                        let name = r.strip_prefix(schemas::REF_PREFIX).unwrap_or(r);
                        out.insert(k.clone(), json!(format!("#/definitions/{name}")));
                    }
                    ("allOf", Value::Array(all))
                        if all.len() == 1 && all[0].get("$ref").is_some() =>
                    {
                        if let Value::Object(inner) = to_v2(&all[0]) {
                            out.extend(inner);
                        }
                    }
                    ("oneOf" | "x-kubernetes-int-or-string", _) => {}
                    // Property names are data, not schema keywords.
                    ("properties", Value::Object(props)) => {
                        let props = props.iter().map(|(p, s)| (p.clone(), to_v2(s)));
                        out.insert(k.clone(), Value::Object(props.collect()));
                    }
                    _ => {
                        out.insert(k.clone(), to_v2(x));
                    }
                }
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(to_v2).collect()),
        other => other.clone(),
    }
}

/// The resources grouped by their v3 path (`api/v1`, `apis/apps/v1`).
fn by_group_version(resources: &[ResourceInfo]) -> BTreeMap<String, Vec<&ResourceInfo>> {
    let mut out: BTreeMap<String, Vec<&ResourceInfo>> = BTreeMap::new();
    for r in resources {
        out.entry(gv_path(&r.group, &r.version))
            .or_default()
            .push(r);
    }
    // The registry's order must not leak into the hashes (a reorder would only defeat caches).
    for members in out.values_mut() {
        members.sort_by(|a, b| (&a.plural, &a.kind).cmp(&(&b.plural, &b.kind)));
    }
    out
}

/// `api/v1` for the core group, `apis/<group>/<version>` otherwise.
pub fn gv_path(group: &str, version: &str) -> String {
    if group.is_empty() {
        format!("api/{version}")
    } else {
        format!("apis/{group}/{version}")
    }
}

/// The definition name of a built-in kind (`io.k8s.api.core.v1.ConfigMap`).
pub(crate) fn builtin_schema_name(group: &str, version: &str, kind: &str) -> Option<String> {
    let api_version = if group.is_empty() {
        version.to_string()
    } else {
        format!("{group}/{version}")
    };
    crate::apiserver::protobuf::kinds::find(&api_version, kind)
        .map(|k| (k.schema_name)().into_owned())
}

fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (
                    k.as_str(),
                    x.as_str().and_then(|s| s.strip_prefix(schemas::REF_PREFIX)),
                ) {
                    ("$ref", Some(r)) => out.push(r.to_string()),
                    _ => collect_refs(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect_refs(x, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests;
