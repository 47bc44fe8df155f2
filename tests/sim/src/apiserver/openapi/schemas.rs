//! The OpenAPI v3 schemas of every built-in kind (`components.schemas`), derived once from
//! `k8s-openapi`'s `schemars` impls and shaped like kube-apiserver's: `$ref`s point into
//! `#/components/schemas/`, a `$ref` with a description is wrapped in `allOf` (OpenAPI 3.0 ignores
//! `$ref` siblings), and each top-level kind carries `x-kubernetes-group-version-kind`, which
//! `kubectl explain` searches for.

use std::sync::OnceLock;

use k8s_openapi::apimachinery::pkg::apis::meta::v1 as meta;
use k8s_openapi::schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

use crate::apiserver::protobuf::kinds::BUILTIN_KINDS;

/// The prefix of every `$ref`.
pub const REF_PREFIX: &str = "#/components/schemas/";

/// Definitions every group-version document carries (patch bodies, delete options, Status,
/// and ObjectMeta, which CRD schemas reference).
pub const COMMON: &[&str] = &[
    "io.k8s.apimachinery.pkg.apis.meta.v1.Patch",
    "io.k8s.apimachinery.pkg.apis.meta.v1.Status",
    "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
    "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
];

/// All definitions by name (`io.k8s.api.apps.v1.Deployment`).
pub fn definitions() -> &'static Map<String, Value> {
    static DEFS: OnceLock<Map<String, Value>> = OnceLock::new();
    DEFS.get_or_init(build)
}

fn build() -> Map<String, Value> {
    let mut generator = SchemaSettings::openapi3().into_generator();
    for k in BUILTIN_KINDS {
        (k.add_schema)(&mut generator);
    }
    generator.subschema_for::<meta::Patch>();
    generator.subschema_for::<meta::Status>();
    generator.subschema_for::<meta::DeleteOptions>();
    let mut defs = generator.take_definitions(true);
    for k in BUILTIN_KINDS {
        if let Some(Value::Object(def)) = defs.get_mut((k.schema_name)().as_ref()) {
            // k8s-openapi models `metadata` as non-optional, so its schema lists it as
            // required; the apiserver's does not (`kubectl explain` would print -required-).
            if let Some(Value::Array(required)) = def.get_mut("required") {
                required.retain(|r| r != "metadata");
                if required.is_empty() {
                    def.remove("required");
                }
            }
            let gvk = json!({"group": k.group(), "kind": k.kind, "version": k.version()});
            match def.get_mut("x-kubernetes-group-version-kind") {
                Some(Value::Array(list)) => list.push(gvk),
                _ => {
                    def.insert("x-kubernetes-group-version-kind".into(), json!([gvk]));
                }
            }
        }
    }
    super::extensions::annotate(&mut defs);
    defs
}

/// The definition name a schema refers to (`{"$ref": ..}` or `{"allOf": [{"$ref": ..}]}`).
pub fn ref_name(schema: &Value) -> Option<&str> {
    let r = schema.get("$ref").or_else(|| {
        let all_of = schema.get("allOf")?.as_array()?;
        all_of.iter().find_map(|s| s.get("$ref"))
    })?;
    r.as_str()?.strip_prefix(REF_PREFIX)
}

/// Collects the names of every definition reachable from `name` (itself included).
pub fn closure(
    name: &str,
    defs: &Map<String, Value>,
    out: &mut std::collections::BTreeSet<String>,
) {
    if !out.insert(name.to_string()) {
        return;
    }
    if let Some(def) = defs.get(name) {
        walk_refs(def, &mut |r| closure(r, defs, out));
    }
}

fn walk_refs(v: &Value, f: &mut dyn FnMut(&str)) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == "$ref" {
                    if let Some(r) = x.as_str().and_then(|s| s.strip_prefix(REF_PREFIX)) {
                        f(r);
                    }
                } else {
                    walk_refs(x, f);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| walk_refs(x, f)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_carry_their_gvk_and_refs_point_into_components() {
        let defs = definitions();
        let d = &defs["io.k8s.api.apps.v1.Deployment"];
        assert_eq!(
            d["x-kubernetes-group-version-kind"],
            json!([{"group": "apps", "kind": "Deployment", "version": "v1"}])
        );
        assert_eq!(d.get("required"), None, "metadata is not required");
        let spec = &d["properties"]["spec"];
        assert_eq!(ref_name(spec), Some("io.k8s.api.apps.v1.DeploymentSpec"));
        assert!(
            spec["description"]
                .as_str()
                .unwrap()
                .starts_with("Specification")
        );
        assert_eq!(
            defs["io.k8s.api.core.v1.Event"]["x-kubernetes-group-version-kind"],
            json!([{"group": "", "kind": "Event", "version": "v1"}])
        );
        let mut all = std::collections::BTreeSet::new();
        closure("io.k8s.api.apps.v1.Deployment", defs, &mut all);
        assert!(all.contains("io.k8s.api.core.v1.Container"));
        assert!(
            all.iter().all(|n| defs.contains_key(n)),
            "dangling $ref in {all:?}"
        );
    }
}
