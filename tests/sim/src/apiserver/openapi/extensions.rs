//! The OpenAPI extensions and enums a 1.33 apiserver publishes on the built-in schemas,
//! added to the schemas derived from `k8s-openapi` (which carries neither):
//! * patch and list facts — `x-kubernetes-patch-merge-key`, `x-kubernetes-patch-strategy`,
//!   `x-kubernetes-list-type`, `x-kubernetes-list-map-keys`, `x-kubernetes-map-type` — taken
//!   from the table kk-sim's own strategic merge patch and server-side apply use
//!   ([`crate::apiserver::patch::merge_keys`]), by walking every kind's schema alongside it;
//! * enums — the `enum` values of string fields and the "Possible enum values" paragraph the
//!   apiserver appends to their descriptions (what `kubectl explain` prints), from the table
//!   in `enums.yaml` ([`enums`]).

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use serde_json::{Map, Value, json};

use super::schemas::ref_name;
use crate::apiserver::patch::merge_keys::{Schema, Smp, Ssa};
use crate::apiserver::protobuf::kinds::BUILTIN_KINDS;

/// The enum string fields (`enums.yaml`): definition → field → value → its description as
/// the apiserver words it (empty: the value alone), in the apiserver's order.
pub type Enums = BTreeMap<String, BTreeMap<String, serde_yaml::Mapping>>;

/// The table of enum fields, parsed once.
pub fn enums() -> &'static Enums {
    static ENUMS: OnceLock<Enums> = OnceLock::new();
    ENUMS.get_or_init(|| {
        serde_yaml::from_str(include_str!("enums.yaml"))
            .unwrap_or_else(|e| panic!("apiserver/openapi/enums.yaml: {e}"))
    })
}

/// Adds the extensions and enums to `defs` (the built-in definitions by name).
pub fn annotate(defs: &mut Map<String, Value>) {
    let mut seen = HashSet::new();
    for k in BUILTIN_KINDS {
        let name = (k.schema_name)().into_owned();
        walk(defs, &name, Schema::root(k.group(), k.kind), &mut seen);
    }
    for (def, fields) in enums() {
        for (field, values) in fields {
            let Some(prop) = defs
                .get_mut(def)
                .and_then(|d| d.pointer_mut(&format!("/properties/{field}")))
            else {
                continue;
            };
            let text = |v: &serde_yaml::Value| v.as_str().unwrap_or("").to_string();
            prop["enum"] = json!(values.keys().map(text).collect::<Vec<_>>());
            let mut doc = prop["description"].as_str().unwrap_or("").to_string();
            doc.push_str("\n\nPossible enum values:");
            for (v, d) in values {
                doc.push_str(&format!("\n - `\"{}\"`", text(v)));
                if !text(d).is_empty() {
                    doc.push(' ');
                    doc.push_str(&text(d));
                }
            }
            prop["description"] = json!(doc);
        }
    }
}

fn walk(defs: &mut Map<String, Value>, def: &str, schema: Schema, seen: &mut HashSet<String>) {
    if !schema.is_known() || !seen.insert(format!("{def}|{}", schema.type_name())) {
        return;
    }
    let props: Vec<(String, Value)> = match defs.get(def).and_then(|d| d.get("properties")) {
        Some(Value::Object(m)) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        _ => return,
    };
    for (field, prop) in props {
        let info = schema.field(&field);
        let is_list = prop["type"] == "array";
        let mut ext = Map::new();
        if is_list {
            match info.smp {
                Smp::MergeKey(k) => {
                    ext.insert("x-kubernetes-patch-merge-key".into(), json!(k));
                    ext.insert("x-kubernetes-patch-strategy".into(), json!("merge"));
                }
                Smp::MergePrimitive => {
                    ext.insert("x-kubernetes-patch-strategy".into(), json!("merge"));
                }
                Smp::Replace => {}
            }
            match info.ssa {
                Ssa::Map(keys) => {
                    ext.insert("x-kubernetes-list-type".into(), json!("map"));
                    ext.insert("x-kubernetes-list-map-keys".into(), json!(keys));
                }
                Ssa::Set => {
                    ext.insert("x-kubernetes-list-type".into(), json!("set"));
                }
                Ssa::Default if info.smp != Smp::Replace => {
                    ext.insert("x-kubernetes-list-type".into(), json!("atomic"));
                }
                _ => {}
            }
        } else if info.ssa == Ssa::AtomicObject {
            ext.insert("x-kubernetes-map-type".into(), json!("atomic"));
        }
        if !ext.is_empty()
            && let Some(Value::Object(p)) = defs
                .get_mut(def)
                .and_then(|d| d.pointer_mut(&format!("/properties/{field}")))
        {
            p.extend(ext);
        }
        let child = if is_list { &prop["items"] } else { &prop };
        if let Some(r) = ref_name(child) {
            let r = r.to_string();
            walk(defs, &r, info.schema, seen);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::schemas::definitions;

    #[test]
    fn every_enum_of_the_table_lands_on_a_served_field() {
        let defs = definitions();
        for (def, fields) in super::enums() {
            for (field, values) in fields {
                let prop = &defs[def.as_str()]["properties"][field.as_str()];
                assert_eq!(prop["type"], "string", "{def}.{field}");
                assert_eq!(
                    prop["enum"].as_array().map(Vec::len),
                    Some(values.len()),
                    "{def}.{field}"
                );
            }
        }
        let phase = &defs["io.k8s.api.core.v1.PodStatus"]["properties"]["phase"];
        assert_eq!(
            phase["enum"],
            serde_json::json!(["Failed", "Pending", "Running", "Succeeded", "Unknown"])
        );
    }

    #[test]
    fn pod_spec_and_service_carry_the_facts() {
        let defs = definitions();
        let containers = &defs["io.k8s.api.core.v1.PodSpec"]["properties"]["containers"];
        assert_eq!(containers["x-kubernetes-patch-merge-key"], "name");
        assert_eq!(containers["x-kubernetes-patch-strategy"], "merge");
        assert_eq!(containers["x-kubernetes-list-type"], "map");
        assert_eq!(
            containers["x-kubernetes-list-map-keys"],
            serde_json::json!(["name"])
        );
        let ports = &defs["io.k8s.api.core.v1.Container"]["properties"]["ports"];
        assert_eq!(
            ports["x-kubernetes-list-map-keys"],
            serde_json::json!(["containerPort", "protocol"])
        );
        let fins =
            &defs["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]["properties"]["finalizers"];
        assert_eq!(fins["x-kubernetes-list-type"], "set");
        let aff = &defs["io.k8s.api.core.v1.ServiceSpec"]["properties"]["sessionAffinity"];
        assert_eq!(aff["enum"], serde_json::json!(["ClientIP", "None"]));
        assert!(
            aff["description"]
                .as_str()
                .unwrap()
                .ends_with("Possible enum values:\n - `\"ClientIP\"` is the Client IP based.\n - `\"None\"` - no session affinity.")
        );
    }
}
