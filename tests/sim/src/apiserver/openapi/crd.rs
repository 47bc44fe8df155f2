//! Schemas of custom resources, taken from their CRD's `spec.versions[].schema.openAPIV3Schema`
//! and completed the way kube-apiserver publishes them: `apiVersion`/`kind`/`metadata`
//! properties and `x-kubernetes-group-version-kind`, under a name made of the reversed group
//! (`com.example.stable.v1.CronTab`).

use serde_json::{Value, json};

use super::schemas::REF_PREFIX;
use crate::resources::ResourceInfo;

const API_VERSION: &str = "APIVersion defines the versioned schema of this representation of an \
    object. Servers should convert recognized schemas to the latest internal value, and may reject \
    unrecognized values. More info: \
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
const KIND: &str = "Kind is a string value representing the REST resource this object represents. \
    Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In \
    CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/\
    api-conventions.md#types-kinds";
const METADATA: &str = "Standard object's metadata. More info: \
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

/// The published schema of one served CRD version.
#[derive(Clone, Debug, PartialEq)]
pub struct CrdSchema {
    /// `stable.example.com`.
    pub group: String,
    /// `v1`.
    pub version: String,
    /// `CronTab`.
    pub kind: String,
    /// `com.example.stable.v1.CronTab`.
    pub def_name: String,
    /// The completed schema.
    pub schema: Value,
}

impl CrdSchema {
    /// Whether `r` is the resource this schema describes.
    pub fn matches(&self, r: &ResourceInfo) -> bool {
        r.group == self.group && r.version == self.version && r.kind == self.kind
    }
}

/// The schemas of every served version that has one; CRDs without schemas are skipped.
pub fn schemas(crds: &[Value]) -> Vec<CrdSchema> {
    let mut out = Vec::new();
    for crd in crds {
        let spec = &crd["spec"];
        let (Some(group), Some(kind)) = (spec["group"].as_str(), spec["names"]["kind"].as_str())
        else {
            continue;
        };
        for v in spec["versions"].as_array().into_iter().flatten() {
            let Some(version) = v["name"].as_str() else {
                continue;
            };
            let Some(raw) = v["schema"]["openAPIV3Schema"].as_object() else {
                continue;
            };
            if v["served"] == json!(false) {
                continue;
            }
            let reversed: Vec<&str> = group.split('.').rev().collect();
            let def_name = format!("{}.{version}.{kind}", reversed.join("."));
            let mut schema = raw.clone();
            let props = schema.entry("properties").or_insert_with(|| json!({}));
            if let Some(props) = props.as_object_mut() {
                props.insert(
                    "apiVersion".into(),
                    json!({"type": "string", "description": API_VERSION}),
                );
                props.insert(
                    "kind".into(),
                    json!({"type": "string", "description": KIND}),
                );
                let meta = format!("{REF_PREFIX}io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
                props.insert(
                    "metadata".into(),
                    json!({"allOf": [{"$ref": meta}], "description": METADATA}),
                );
            }
            schema.insert(
                "x-kubernetes-group-version-kind".into(),
                json!([{"group": group, "kind": kind, "version": version}]),
            );
            out.push(CrdSchema {
                group: group.into(),
                version: version.into(),
                kind: kind.into(),
                def_name,
                schema: Value::Object(schema),
            });
        }
    }
    out
}
