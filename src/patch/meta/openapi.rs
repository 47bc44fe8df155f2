//! Patch metadata from a server's OpenAPI v3 document of one group-version
//! (`GET /openapi/v3/apis/apps/v1`), read the way kubectl apply reads it
//! (`strategicpatch.PatchMetaFromOpenAPIV3`):
//!
//! - a kind takes strategic merge patches when the PATCH operation tagged with its
//!   `x-kubernetes-group-version-kind` accepts `application/strategic-merge-patch+json`;
//! - its fields' metadata are the `x-kubernetes-patch-strategy`,
//!   `x-kubernetes-patch-merge-key`, `x-kubernetes-list-type` and
//!   `x-kubernetes-list-map-keys` extensions on the properties of the component schema that
//!   carries the kind's `x-kubernetes-group-version-kind`; `$ref`, `allOf: [{$ref}]`,
//!   `items` and `additionalProperties` lead to the next schema.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::{FieldMeta, ListType, Schema, Types};

const SMP: &str = "application/strategic-merge-patch+json";
const GVK: &str = "x-kubernetes-group-version-kind";
const REF_PREFIX: &str = "#/components/schemas/";

/// The patch metadata one OpenAPI v3 group-version document provides.
#[derive(Debug, Clone, Default)]
pub struct OpenApiMeta {
    types: Types,
    /// Kinds whose PATCH operation exists but does not accept strategic merge patches.
    no_strategic: HashSet<(String, String)>,
}

impl OpenApiMeta {
    /// Read a document; parts it does not understand are skipped (no metadata there).
    pub fn from_v3(doc: &Value) -> OpenApiMeta {
        let mut out = OpenApiMeta::default();
        let schemas = doc
            .pointer("/components/schemas")
            .and_then(Value::as_object);
        let mut strategic = HashSet::new();
        if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
            for item in paths.values() {
                let Some(op) = item.get("patch") else {
                    continue;
                };
                let Some(gvk) = op.get(GVK).and_then(gvk_key) else {
                    continue;
                };
                let accepts = op
                    .pointer("/requestBody/content")
                    .and_then(Value::as_object)
                    .is_some_and(|c| c.contains_key(SMP));
                if accepts {
                    strategic.insert(gvk);
                } else {
                    out.no_strategic.insert(gvk);
                }
            }
        }
        let Some(schemas) = schemas else {
            return out;
        };
        for (name, schema) in schemas {
            let id = out.types.intern(name);
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (field, prop) in props {
                    if let Some(meta) = field_meta(&mut out.types, prop) {
                        out.types.set_field(id, field, meta);
                    }
                }
            }
            for gvk in schema
                .get(GVK)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(gvk_key)
            {
                if strategic.contains(&gvk) {
                    out.types.set_kind(&gvk.0, &gvk.1, id);
                }
            }
        }
        out
    }

    /// The schema of `(apiVersion, kind)` when this document says the kind takes strategic
    /// merge patches; `None` when it does not (the caller falls back to the compiled table).
    pub fn schema(&self, api_version: &str, kind: &str) -> Option<Schema<'_>> {
        self.types.schema(api_version, kind)
    }

    /// Whether the document lists a PATCH for the kind that refuses strategic merge patches
    /// (custom resources and aggregated APIs).
    pub fn refuses_strategic(&self, api_version: &str, kind: &str) -> bool {
        self.no_strategic
            .contains(&(api_version.to_string(), kind.to_string()))
    }

    /// The metadata graph read from the document.
    pub fn types(&self) -> &Types {
        &self.types
    }
}

/// `{"group": "apps", "version": "v1", "kind": "Deployment"}` → `("apps/v1", "Deployment")`.
fn gvk_key(v: &Value) -> Option<(String, String)> {
    let s = |k: &str| v.get(k).and_then(Value::as_str);
    let (group, version, kind) = (s("group")?, s("version")?, s("kind")?);
    let av = if group.is_empty() {
        version.to_string()
    } else {
        format!("{group}/{version}")
    };
    Some((av, kind.to_string()))
}

/// The schema name a property points at (`$ref`, or `allOf[0].$ref` as apimachinery
/// resolves it).
fn target(schema: &Value) -> Option<&str> {
    let schema = match schema.get("allOf").and_then(Value::as_array) {
        Some(all) if !all.is_empty() => &all[0],
        _ => schema,
    };
    schema
        .get("$ref")
        .and_then(Value::as_str)
        .map(|r| r.strip_prefix(REF_PREFIX).unwrap_or(r))
}

fn field_meta(types: &mut Types, prop: &Value) -> Option<FieldMeta> {
    let p: &Map<String, Value> = prop.as_object()?;
    let mut meta = FieldMeta::default();
    if let Some(s) = p.get("x-kubernetes-patch-strategy").and_then(Value::as_str) {
        meta.set_strategies(s);
    }
    if let Some(k) = p
        .get("x-kubernetes-patch-merge-key")
        .and_then(Value::as_str)
    {
        meta.merge_key = k.to_string();
    }
    meta.list_type = p
        .get("x-kubernetes-list-type")
        .and_then(Value::as_str)
        .and_then(ListType::parse);
    if let Some(keys) = p
        .get("x-kubernetes-list-map-keys")
        .and_then(Value::as_array)
    {
        meta.map_keys = keys
            .iter()
            .filter_map(|k| k.as_str().map(String::from))
            .collect();
    }
    let elem = if let Some(items) = p.get("items") {
        target(items)
    } else if let Some(t) = target(prop) {
        Some(t)
    } else if let Some(values) = p.get("additionalProperties") {
        meta.map_of = target(values).is_some();
        target(values)
    } else {
        None
    };
    meta.elem = elem.map(|t| types.intern(t));
    (meta != FieldMeta::default()).then_some(meta)
}

#[cfg(test)]
mod tests {
    use super::super::Strategy;
    use super::*;

    /// A trimmed OpenAPI v3 document in the shape kube-apiserver 1.33 serves for apps/v1
    /// (property layout, `allOf` wrappers and extensions as the real one writes them).
    fn apps_v1() -> Value {
        serde_json::from_str(include_str!(
            "../../../fixtures/patch/openapi/apps-v1-trimmed.json"
        ))
        .unwrap()
    }

    #[test]
    fn reads_kinds_that_take_strategic_patches() {
        let m = OpenApiMeta::from_v3(&apps_v1());
        let d = m.schema("apps/v1", "Deployment").expect("deployment");
        let c = d
            .field_at(&["spec", "template", "spec", "containers"])
            .unwrap();
        assert_eq!(
            (c.strategy, c.merge_key.as_str()),
            (Strategy::Merge, "name")
        );
        assert_eq!(c.list_type, Some(ListType::Map));
        assert_eq!(c.map_keys, ["name"]);
        let env = d
            .field_at(&["spec", "template", "spec", "containers", "env"])
            .unwrap();
        assert_eq!(env.merge_key, "name");
        let vols = d
            .field_at(&["spec", "template", "spec", "volumes"])
            .unwrap();
        assert!(vols.retain_keys);
        assert!(d.field_at(&["spec", "strategy"]).unwrap().retain_keys);
        let fin = d.field_at(&["metadata", "finalizers"]).unwrap();
        assert_eq!(fin.strategy, Strategy::Merge);
        // The kind without a strategic PATCH is refused, the unknown one is absent.
        assert!(m.schema("apps/v1", "Widget").is_none());
        assert!(m.refuses_strategic("apps/v1", "Widget"));
        assert!(!m.refuses_strategic("apps/v1", "Deployment"));
        assert!(m.schema("apps/v1", "StatefulSet").is_none());
    }

    #[test]
    fn overrides_the_table_where_the_server_says_otherwise() {
        // A server whose Deployment containers have no merge key (an old or odd server):
        // its document wins, so lists are replaced, as kubectl would do against it.
        let mut doc = apps_v1();
        let c = doc
            .pointer_mut("/components/schemas/io.k8s.api.core.v1.PodSpec/properties/containers")
            .unwrap()
            .as_object_mut()
            .unwrap();
        c.remove("x-kubernetes-patch-strategy");
        c.remove("x-kubernetes-patch-merge-key");
        let m = OpenApiMeta::from_v3(&doc);
        let d = m.schema("apps/v1", "Deployment").unwrap();
        let c = d
            .field_at(&["spec", "template", "spec", "containers"])
            .unwrap();
        assert_eq!(c.strategy, Strategy::None);
        assert!(c.elem.is_some());
    }

    #[test]
    fn tolerates_odd_documents() {
        let m = OpenApiMeta::from_v3(&serde_json::json!({"paths": 1, "components": []}));
        assert!(m.schema("v1", "Pod").is_none());
        let m = OpenApiMeta::from_v3(&serde_json::json!({}));
        assert!(m.types().kinds().next().is_none());
    }
}
