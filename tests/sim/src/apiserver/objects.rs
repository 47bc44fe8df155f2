//! Object encoding helpers shared by the verbs: setting kind/apiVersion for the served
//! version, decoding request bodies (JSON, YAML, protobuf), and rendering one object or a list
//! in the negotiated representation (object, Table, PartialObjectMetadata).

use std::borrow::Cow;
use std::sync::Arc;

use chrono::Utc;
use serde_json::{Map, Value, json};

use super::http::Representation;
use super::protobuf;
use super::rawjson;
use super::status::ApiError;
use super::table::{IncludeObject, ListRow, build_table, write_list};
use crate::resources::Served;
use crate::store::{Raw, decode};

/// Content-Type of a Table answer.
pub const TABLE_CONTENT_TYPE: &str = "application/json;as=Table;v=v1;g=meta.k8s.io";
/// Content-Type of a PartialObjectMetadata(List) answer.
pub const METADATA_CONTENT_TYPE: &str =
    "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";

/// The object as served at `served`'s version: kind and apiVersion set (custom resources
/// stored at another version are relabelled: the sim's CRDs have no conversion).
pub fn with_gvk(served: &Served, obj: &Value) -> Value {
    let gv = served.info.group_version();
    let mut o = obj.clone();
    if let Some(m) = o.as_object_mut() {
        m.insert("apiVersion".into(), Value::String(gv));
        m.insert("kind".into(), Value::String(served.info.kind.clone()));
    }
    o
}

/// Like [`with_gvk`] but without cloning when already right.
pub fn gvk_arc(served: &Served, obj: &Arc<Value>) -> Arc<Value> {
    let gv = served.info.group_version();
    if obj.get("apiVersion").and_then(Value::as_str) == Some(gv.as_str())
        && obj.get("kind").and_then(Value::as_str) == Some(served.info.kind.as_str())
    {
        obj.clone()
    } else {
        Arc::new(with_gvk(served, obj))
    }
}

/// Decodes a request body by Content-Type into a JSON object; `into` is the kind the
/// endpoint reads (`Namespace`), named in the error for a body that is no object of any kind.
pub fn decode_body(content_type: &str, body: &[u8], into: &str) -> Result<Value, ApiError> {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let v: Value = match essence.as_str() {
        "" | "application/json" | "*/*" => decode_json(body, into)?,
        "application/yaml" | "application/apply-patch+yaml" => decode_yaml(body)?,
        "application/vnd.kubernetes.protobuf" => protobuf::decode(body)?,
        other => return Err(unsupported_media_type(other)),
    };
    match v {
        Value::Object(_) => Ok(v),
        // `null` reads as an empty object, as Go's decoder leaves the target untouched.
        Value::Null => Ok(json!({})),
        other => Err(unrecognized(
            into,
            &super::gojson::type_error(&other).unwrap_or_default(),
            body,
        )),
    }
}

/// The decoder's 400 for a body whose apiVersion/kind it cannot read.
fn unrecognized(into: &str, why: &str, body: &[u8]) -> ApiError {
    ApiError::bad_request(format!(
        "the object provided is unrecognized (must be of type {into}): couldn't get \
         version/kind; json parse error: {why} ({})",
        super::gojson::summary(body)
    ))
}

/// 415 with the apiserver's wording.
pub fn unsupported_media_type(ct: &str) -> ApiError {
    let _ = ct;
    ApiError::new(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: \
         application/json, application/yaml, application/vnd.kubernetes.protobuf, \
         application/cbor",
    )
}

/// JSON body → value, with the decoder's 400 (Go's wording of the syntax error) naming
/// `into`, the kind the endpoint reads.
pub fn decode_json(body: &[u8], into: &str) -> Result<Value, ApiError> {
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ApiError::bad_request("the body of the request was empty"));
    }
    if let Some(why) = super::gojson::syntax_error(body) {
        return Err(unrecognized(into, &why, body));
    }
    let v: Value =
        serde_json::from_slice(body).map_err(|e| unrecognized(into, &e.to_string(), body))?;
    match super::gojson::type_error(&v) {
        Some(why) if v.is_object() => Err(unrecognized(into, &why, body)),
        _ => Ok(v),
    }
}

/// YAML (or JSON) body → value.
pub fn decode_yaml(body: &[u8]) -> Result<Value, ApiError> {
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ApiError::bad_request("the body of the request was empty"));
    }
    serde_yaml::from_slice::<Value>(body)
        .map_err(|e| ApiError::bad_request(format!("error converting YAML to JSON: yaml: {e}")))
}

/// `includeObject=` of a Table request.
pub fn include_object(q: Option<&str>) -> IncludeObject {
    // The router already refused unknown values with a 400.
    IncludeObject::parse(q).unwrap_or(IncludeObject::Metadata)
}

/// `PartialObjectMetadata` of an object.
pub fn partial_metadata(obj: &Value) -> Value {
    json!({"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
           "metadata": obj.get("metadata").cloned().unwrap_or_else(|| json!({}))})
}

/// Renders a single object: (content type, body).
pub fn render_one(
    served: &Served,
    obj: &Value,
    repr: Representation,
    include: IncludeObject,
) -> (String, Vec<u8>) {
    let obj = with_gvk(served, obj);
    match repr {
        Representation::Object => (
            "application/json".into(),
            serde_json::to_vec(&obj).unwrap_or_default(),
        ),
        Representation::Metadata => (
            METADATA_CONTENT_TYPE.into(),
            serde_json::to_vec(&partial_metadata(&obj)).unwrap_or_default(),
        ),
        Representation::Table => {
            let mut t = build_table(
                &served.info.group,
                &served.info.plural,
                served.crd_columns.as_ref(),
                std::slice::from_ref(&obj),
                include,
                true,
                Utc::now(),
            );
            let rv = obj
                .pointer("/metadata/resourceVersion")
                .cloned()
                .unwrap_or(json!(""));
            t["metadata"] = json!({"resourceVersion": rv});
            (
                TABLE_CONTENT_TYPE.into(),
                serde_json::to_vec(&t).unwrap_or_default(),
            )
        }
    }
}

/// List metadata: resourceVersion, and continue/remainingItemCount when paging.
pub fn list_metadata(rv: u64, cont: Option<String>, remaining: Option<usize>) -> Value {
    let mut m = Map::new();
    m.insert("resourceVersion".into(), Value::String(rv.to_string()));
    if let Some(c) = cont {
        m.insert("continue".into(), Value::String(c));
    }
    if let Some(r) = remaining {
        m.insert("remainingItemCount".into(), json!(r));
    }
    Value::Object(m)
}

/// Renders a list of objects: (content type, body). Items are serialized one by one so a
/// big list never builds a second tree.
pub fn render_list(
    served: &Served,
    items: &[Arc<Value>],
    metadata: Value,
    repr: Representation,
    include: IncludeObject,
) -> (String, Vec<u8>) {
    match repr {
        Representation::Object => {
            let gv = served.info.group_version();
            let mut out = Vec::with_capacity(items.len() * 1024 + 128);
            out.extend_from_slice(b"{\"apiVersion\":");
            serde_json::to_writer(&mut out, &gv).ok();
            out.extend_from_slice(b",\"items\":[");
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                let o = gvk_arc(served, it);
                serde_json::to_writer(&mut out, &*o).ok();
            }
            out.extend_from_slice(b"],\"kind\":");
            serde_json::to_writer(&mut out, &format!("{}List", served.info.kind)).ok();
            out.extend_from_slice(b",\"metadata\":");
            serde_json::to_writer(&mut out, &metadata).ok();
            out.push(b'}');
            ("application/json".into(), out)
        }
        Representation::Metadata | Representation::Table => {
            let objs: Vec<Value> = items
                .iter()
                .map(|o| (*gvk_arc(served, o)).clone())
                .collect();
            render_values(served, &objs, metadata, repr, include)
        }
    }
}

/// A list of objects (kind and apiVersion set) as a PartialObjectMetadataList or a Table.
fn render_values(
    served: &Served,
    objs: &[Value],
    metadata: Value,
    repr: Representation,
    include: IncludeObject,
) -> (String, Vec<u8>) {
    if repr == Representation::Metadata {
        let items: Vec<Value> = objs.iter().map(partial_metadata).collect();
        let v = json!({"kind": "PartialObjectMetadataList", "apiVersion": "meta.k8s.io/v1",
                       "metadata": metadata, "items": items});
        return (
            METADATA_CONTENT_TYPE.replace("PartialObjectMetadata", "PartialObjectMetadataList"),
            serde_json::to_vec(&v).unwrap_or_default(),
        );
    }
    let mut t = build_table(
        &served.info.group,
        &served.info.plural,
        served.crd_columns.as_ref(),
        objs,
        include,
        true,
        Utc::now(),
    );
    t["metadata"] = metadata;
    (
        TABLE_CONTENT_TYPE.into(),
        serde_json::to_vec(&t).unwrap_or_default(),
    )
}

/// One object of a list being served: its stored bytes, and its parse if the list needed one
/// (selectors).
pub struct ListItem {
    /// `namespace/name`.
    pub key: String,
    raw: Raw,
    parsed: Option<Value>,
}

impl ListItem {
    /// An item.
    pub fn new(key: String, raw: Raw, parsed: Option<Value>) -> Self {
        ListItem { key, raw, parsed }
    }

    /// The object as served at `served`'s version.
    fn into_value(self, served: &Served) -> Value {
        let mut v = self.parsed.unwrap_or_else(|| decode(&self.raw));
        if let Some(m) = v.as_object_mut() {
            m.insert(
                "apiVersion".into(),
                Value::String(served.info.group_version()),
            );
            m.insert("kind".into(), Value::String(served.info.kind.clone()));
        }
        v
    }
}

impl ListItem {
    /// What a Table row needs: the parse its cells read and the bytes of its `object`
    /// (see [`ListRow`]). Stored bytes are not parsed whole: the row's metadata is copied
    /// from them and the cells read a parse without `metadata.managedFields`.
    fn for_table(
        &self,
        served: &Served,
        gv: &str,
        include: IncludeObject,
    ) -> (Value, Cow<'_, [u8]>) {
        let gvk = |mut v: Value| {
            if let Some(m) = v.as_object_mut() {
                m.insert("apiVersion".into(), Value::String(gv.to_string()));
                m.insert("kind".into(), Value::String(served.info.kind.clone()));
            }
            v
        };
        let raw: &[u8] = &self.raw;
        let stored_metadata = rawjson::member(raw, "metadata");
        let slim = || {
            let md = stored_metadata.as_ref()?;
            let mf = rawjson::member(&raw[md.value.clone()], "managedFields")?;
            let shift =
                |r: std::ops::Range<usize>| r.start + md.value.start..r.end + md.value.start;
            let mf = rawjson::Member {
                whole: shift(mf.whole),
                value: shift(mf.value),
            };
            Some(gvk(decode(&rawjson::without(raw, &mf))))
        };
        match (&self.parsed, include) {
            (None, IncludeObject::Object) if stored_at_version(raw, gv) => {
                let obj = slim().unwrap_or_else(|| gvk(decode(raw)));
                (obj, Cow::Borrowed(raw))
            }
            (None, IncludeObject::Metadata | IncludeObject::None) if stored_metadata.is_some() => {
                let obj = slim().unwrap_or_else(|| gvk(decode(raw)));
                let md = stored_metadata.map(|m| m.value).unwrap_or_default();
                (obj, Cow::Borrowed(&raw[md]))
            }
            _ => {
                let obj = gvk(self.parsed.clone().unwrap_or_else(|| decode(raw)));
                let bytes = match include {
                    IncludeObject::Object => serde_json::to_vec(&obj),
                    _ => serde_json::to_vec(obj.get("metadata").unwrap_or(&json!({}))),
                };
                (obj, Cow::Owned(bytes.unwrap_or_default()))
            }
        }
    }
}

/// Whether stored JSON already names `gv` (objects are serialized with sorted keys, so
/// `apiVersion` comes first; the kind of a resource never changes).
pub fn stored_at_version(raw: &[u8], gv: &str) -> bool {
    let prefix = b"{\"apiVersion\":\"";
    raw.starts_with(prefix)
        && raw[prefix.len()..].starts_with(gv.as_bytes())
        && raw.get(prefix.len() + gv.len()) == Some(&b'"')
}

/// Renders a list read from the store: (content type, body). JSON copies each item's stored
/// bytes; Tables and metadata parse them.
pub fn render_raw_list(
    served: &Served,
    items: Vec<ListItem>,
    metadata: Value,
    repr: Representation,
    include: IncludeObject,
) -> (String, Vec<u8>) {
    match repr {
        Representation::Object => {
            let gv = served.info.group_version();
            let size: usize = items.iter().map(|i| i.raw.len() + 1).sum();
            let mut out = Vec::with_capacity(size + 256);
            out.extend_from_slice(b"{\"apiVersion\":");
            serde_json::to_writer(&mut out, &gv).ok();
            out.extend_from_slice(b",\"items\":[");
            for (i, it) in items.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                if stored_at_version(&it.raw, &gv) {
                    out.extend_from_slice(&it.raw);
                } else {
                    serde_json::to_writer(&mut out, &it.into_value(served)).ok();
                }
            }
            out.extend_from_slice(b"],\"kind\":");
            serde_json::to_writer(&mut out, &format!("{}List", served.info.kind)).ok();
            out.extend_from_slice(b",\"metadata\":");
            serde_json::to_writer(&mut out, &metadata).ok();
            out.push(b'}');
            ("application/json".into(), out)
        }
        Representation::Table => {
            let gv = served.info.group_version();
            let prepared: Vec<(Value, Cow<'_, [u8]>)> = items
                .iter()
                .map(|it| it.for_table(served, &gv, include))
                .collect();
            let rows: Vec<ListRow<'_>> = prepared
                .iter()
                .map(|(obj, object)| ListRow { obj, object })
                .collect();
            let body = write_list(
                &served.info.group,
                &served.info.plural,
                served.crd_columns.as_ref(),
                &rows,
                include,
                &metadata,
                Utc::now(),
            );
            (TABLE_CONTENT_TYPE.into(), body)
        }
        Representation::Metadata => {
            let objs: Vec<Value> = items.into_iter().map(|i| i.into_value(served)).collect();
            render_values(served, &objs, metadata, repr, include)
        }
    }
}

/// `spec.selector` of a workload rendered as a label-selector string (Scale `status.selector`).
pub fn selector_string(sel: &Value) -> String {
    let mut parts = Vec::new();
    // ReplicationControllers use a plain label map instead of a LabelSelector.
    let plain_map = sel.get("matchLabels").is_none() && sel.get("matchExpressions").is_none();
    if plain_map && let Some(m) = sel.as_object() {
        for (k, v) in m {
            parts.push(format!("{k}={}", v.as_str().unwrap_or("")));
        }
    }
    if let Some(m) = sel.get("matchLabels").and_then(Value::as_object) {
        for (k, v) in m {
            parts.push(format!("{k}={}", v.as_str().unwrap_or("")));
        }
    }
    if let Some(exprs) = sel.get("matchExpressions").and_then(Value::as_array) {
        for e in exprs {
            let key = e["key"].as_str().unwrap_or("");
            let mut vals: Vec<&str> = e["values"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            vals.sort();
            match e["operator"].as_str().unwrap_or("") {
                "In" => parts.push(format!("{key} in ({})", vals.join(","))),
                "NotIn" => parts.push(format!("{key} notin ({})", vals.join(","))),
                "Exists" => parts.push(key.to_string()),
                "DoesNotExist" => parts.push(format!("!{key}")),
                _ => {}
            }
        }
    }
    parts.sort();
    parts.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list served as a Table from stored bytes is byte for byte the Table built from the
    /// parsed objects, for every `includeObject` and for items a selector already parsed.
    #[test]
    fn tables_from_stored_bytes_match_tables_from_parses() {
        let reg = crate::resources::Registry::new();
        let pod = |name: &str, extra: Value| {
            let p = json!({"apiVersion": "v1", "kind": "Pod",
                "metadata": {"name": name, "namespace": "ns", "uid": "u", "resourceVersion": "7",
                    "creationTimestamp": "2020-01-01T00:00:00Z", "labels": {"a": "b"},
                    "managedFields": [{"manager": "m", "operation": "Update", "fieldsType": "FieldsV1",
                        "fieldsV1": {"f:spec": {"f:containers": {"k:{\"name\":\"c\"}": {".": {}}}}}}]},
                "spec": {"containers": [{"name": "c", "image": "nginx"}], "nodeName": "n1"},
                "status": {"phase": "Running", "podIP": "10.0.0.1",
                    "containerStatuses": [{"name": "c", "ready": true, "restartCount": 2,
                        "lastState": {"terminated": {"finishedAt": "2020-01-01T00:00:00Z"}},
                        "state": {"running": {}}}],
                    "conditions": [{"type": "Ready", "status": "True"}]}});
            crate::apiserver::patch::merge_patch(&p, extra.to_string().as_bytes()).unwrap()
        };
        let objs = [
            pod("a", json!({})),
            pod(
                "b",
                json!({"metadata": {"managedFields": null, "deletionTimestamp": "2020-01-01T00:00:00Z"}}),
            ),
            pod(
                "c",
                json!({"apiVersion": "v0", "metadata": {"managedFields": [], "labels": null}}),
            ),
        ];
        let cases = [
            (reg.find_any_version("", "pods").unwrap(), objs.to_vec()),
            (reg.find_any_version("", "pods").unwrap(), Vec::new()),
            (reg.find_any_version("", "namespaces").unwrap(), Vec::new()),
            (
                reg.find_any_version("apps", "deployments").unwrap(),
                vec![json!({
                "apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": {"name": "d", "creationTimestamp": "2020-01-01T00:00:00Z", "managedFields": [{"manager": "x"}]},
                "spec": {"replicas": 2, "template": {"spec": {"containers": [{"name": "c", "image": "i"}]}}},
                "status": {"readyReplicas": 1}})],
            ),
        ];
        for (served, objs) in cases {
            for include in [
                IncludeObject::None,
                IncludeObject::Metadata,
                IncludeObject::Object,
            ] {
                for parsed in [false, true] {
                    let items = || {
                        objs.iter()
                            .map(|o| {
                                let raw = crate::store::encode(o);
                                ListItem::new(String::new(), raw, parsed.then(|| o.clone()))
                            })
                            .collect::<Vec<_>>()
                    };
                    let md = list_metadata(9, Some("c".into()), Some(3));
                    let (_, fast) = render_raw_list(
                        &served,
                        items(),
                        md.clone(),
                        Representation::Table,
                        include,
                    );
                    let values: Vec<Value> =
                        items().into_iter().map(|i| i.into_value(&served)).collect();
                    let (_, slow) =
                        render_values(&served, &values, md, Representation::Table, include);
                    assert_eq!(
                        String::from_utf8(fast).unwrap(),
                        String::from_utf8(slow).unwrap(),
                        "{} {include:?} parsed={parsed}",
                        served.info.plural
                    );
                }
            }
        }
    }

    #[test]
    fn selector_string_sorts_requirements() {
        let s = json!({"matchLabels":{"b":"2","a":"1"},
                       "matchExpressions":[{"key":"env","operator":"In","values":["y","x"]}]});
        assert_eq!(selector_string(&s), "a=1,b=2,env in (x,y)");
    }

    #[test]
    fn malformed_json_is_400() {
        let e = decode_body("application/json", b"{nope", "Namespace").unwrap_err();
        assert_eq!(e.code, 400);
        assert_eq!(
            e.message,
            "the object provided is unrecognized (must be of type Namespace): couldn't get \
             version/kind; json parse error: invalid character 'n' looking for beginning of \
             object key string ({nope)"
        );
        let e = decode_body("application/json", b"[1]", "Namespace").unwrap_err();
        assert!(e.message.ends_with("json: cannot unmarshal array into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" } (5b315d)"), "{}", e.message);
        let e = decode_body("text/plain", b"{}", "Namespace").unwrap_err();
        assert_eq!(e.code, 415);
    }
}
