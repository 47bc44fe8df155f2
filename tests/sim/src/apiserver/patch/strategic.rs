//! `application/strategic-merge-patch+json` for built-in kinds, with the semantics of
//! apimachinery's `strategicpatch` as the apiserver runs it (parallel directive lists merged,
//! unmatched nulls ignored):
//!
//! * objects merge key by key, `null` deletes;
//! * lists merge per the schema table ([`super::merge_keys`]): by merge key, as a union of
//!   scalars, or are replaced;
//! * directives `$patch` (`replace`/`delete`/`merge`), `$setElementOrder/<list>`,
//!   `$deleteFromPrimitiveList/<list>` and `$retainKeys`;
//! * merged lists are ordered like upstream: items named by the patch in patch order, items
//!   only on the server keep their place relative to them.

use serde_json::{Map, Value};

use super::merge_keys::{FieldInfo, Schema, Smp};
use super::{go_fmt, go_json_error, plain_error, unprocessable};
use crate::apiserver::status::ApiError;

type Obj = Map<String, Value>;

const PATCH: &str = "$patch";
const RETAIN_KEYS: &str = "$retainKeys";
const SET_ORDER: &str = "$setElementOrder/";
const DELETE_PRIMITIVE: &str = "$deleteFromPrimitiveList/";

/// Applies a strategic merge patch to `current`, an object of kind `group`/`kind`.
pub fn apply(group: &str, kind: &str, current: &Value, patch: &[u8]) -> Result<Value, ApiError> {
    let patch: Value = serde_json::from_slice(patch)
        .map_err(|e| ApiError::bad_request(go_json_error(&e, patch)))?;
    let Value::Object(patch) = patch else {
        return Err(ApiError::bad_request(format!(
            "json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
            json_kind(&patch)
        )));
    };
    let original = current.as_object().cloned().unwrap_or_default();
    Ok(Value::Object(merge_map(
        original,
        patch,
        Schema::root(group, kind),
    )?))
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Array(_) => "array",
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Bool(_) => "bool",
        _ => "null",
    }
}

fn bad_format(what: &str) -> ApiError {
    ApiError::bad_request(format!("invalid patch format of {what}"))
}

fn merge_map(mut original: Obj, mut patch: Obj, schema: Schema) -> Result<Obj, ApiError> {
    if let Some(directive) = patch.get(PATCH).cloned() {
        return match directive.as_str() {
            // The patch map stands for the whole value; merging it into nothing strips the
            // directives it may still carry.
            Some("replace") => {
                patch.remove(PATCH);
                merge_map(Obj::new(), patch, schema)
            }
            Some("delete") => Ok(Obj::new()),
            _ => Err(plain_error(format!(
                "unknown patch type: {} in map: {}",
                go_fmt(&directive),
                go_fmt(&Value::Object(patch))
            ))),
        };
    }
    retain_keys(&mut original, &mut patch)?;
    set_element_order(&mut original, &mut patch, schema)?;
    for (key, value) in patch {
        if let Some(field) = key.strip_prefix(DELETE_PRIMITIVE) {
            delete_from_primitive_list(&mut original, field, &value)?;
            continue;
        }
        if value.is_null() {
            original.remove(&key);
            continue;
        }
        let info = schema.field(&key);
        let merged = match original.remove(&key) {
            None => fresh(value, info)?,
            Some(Value::Object(o)) if value.is_object() => {
                let Value::Object(p) = value else {
                    unreachable!()
                };
                Value::Object(merge_map(o, p, info.schema)?)
            }
            Some(Value::Array(o)) if value.is_array() => {
                let Value::Array(p) = value else {
                    unreachable!()
                };
                Value::Array(merge_list_field(o, p, info)?)
            }
            // Different JSON types, or scalars: the patch value wins.
            Some(_) => fresh(value, info)?,
        };
        original.insert(key, merged);
    }
    Ok(original)
}

/// A patch value with nothing to merge into: taken as is, minus nulls and directives.
fn fresh(value: Value, info: FieldInfo) -> Result<Value, ApiError> {
    Ok(match value {
        Value::Object(p) => Value::Object(merge_map(Obj::new(), p, info.schema)?),
        Value::Array(p) => Value::Array(merge_list_field(Vec::new(), p, info)?),
        other => other,
    })
}

/// `$retainKeys`: keys of the original not listed are cleared before merging (union types
/// such as a Deployment's `strategy` or a volume source).
fn retain_keys(original: &mut Obj, patch: &mut Obj) -> Result<(), ApiError> {
    let Some(list) = patch.remove(RETAIN_KEYS) else {
        return Ok(());
    };
    let Value::Array(list) = list else {
        return Err(bad_format("retainKeys"));
    };
    let keep: Vec<&str> = list.iter().filter_map(Value::as_str).collect();
    if keep.len() != list.len() {
        return Err(bad_format("retainKeys"));
    }
    let unlisted = patch.iter().any(|(k, v)| {
        !v.is_null()
            && !k.starts_with(DELETE_PRIMITIVE)
            && !k.starts_with(SET_ORDER)
            && !keep.contains(&k.as_str())
    });
    if unlisted {
        return Err(bad_format("retainKeys"));
    }
    original.retain(|k, _| keep.contains(&k.as_str()));
    Ok(())
}

fn delete_from_primitive_list(
    original: &mut Obj,
    field: &str,
    value: &Value,
) -> Result<(), ApiError> {
    let Value::Array(remove) = value else {
        return Err(bad_format("primitive list"));
    };
    if remove.iter().any(|v| v.is_object() || v.is_array()) {
        return Err(bad_format("primitive list"));
    }
    if let Some(Value::Array(list)) = original.get_mut(field) {
        list.retain(|v| !remove.contains(v));
    }
    Ok(())
}

/// Processes every `$setElementOrder/<list>` together with the `<list>` it orders.
fn set_element_order(original: &mut Obj, patch: &mut Obj, schema: Schema) -> Result<(), ApiError> {
    let keys: Vec<String> = patch
        .keys()
        .filter(|k| k.starts_with(SET_ORDER))
        .cloned()
        .collect();
    for key in keys {
        let field = &key[SET_ORDER.len()..];
        let Some(Value::Array(order)) = patch.remove(&key) else {
            return Err(bad_format("setElementOrder list"));
        };
        let info = schema.field(field);
        let merge_key = match info.smp {
            Smp::MergeKey(k) => Some(k),
            _ => None,
        };
        let orig_list = match original.get(field) {
            Some(Value::Array(a)) => Some(a.clone()),
            _ => None,
        };
        let patch_list = match patch.remove(field) {
            Some(Value::Array(a)) => Some(a),
            None => None,
            Some(_) => return Err(bad_format("setElementOrder list")),
        };
        if let Some(p) = &patch_list {
            check_order_covers_patch(p, &order, merge_key)?;
        }
        let merged = match (orig_list.clone(), patch_list) {
            (Some(o), None) => o,
            (None, Some(p)) => merge_list_field(Vec::new(), p, info)?,
            (Some(o), Some(p)) => merge_list_field(o, p, info)?,
            (None, None) => continue,
        };
        let (named, server_only) = partition(merged, &order, merge_key);
        let ordered = normalize(
            named,
            server_only,
            &order,
            &orig_list.unwrap_or_default(),
            merge_key,
        );
        original.insert(field.to_string(), Value::Array(ordered));
    }
    Ok(())
}

/// Every item of the patch list must appear in `$setElementOrder`, in the same order.
fn check_order_covers_patch(
    patch: &[Value],
    order: &[Value],
    merge_key: Option<&str>,
) -> Result<(), ApiError> {
    let items: Vec<&Value> = patch.iter().filter(|v| v.get(PATCH).is_none()).collect();
    let mut at = 0;
    for o in order {
        if at < items.len() && identity(items[at], merge_key) == identity(o, merge_key) {
            at += 1;
        }
    }
    if at < items.len() {
        return Err(plain_error(format!(
            "The order in patch list:\n{}\n doesn't match $setElementOrder list:\n{}\n",
            go_fmt(&Value::Array(patch.to_vec())),
            go_fmt(&Value::Array(order.to_vec()))
        )));
    }
    Ok(())
}

/// What identifies a list item: its merge key value, or the value itself for scalars.
fn identity<'a>(v: &'a Value, merge_key: Option<&str>) -> Option<&'a Value> {
    match merge_key {
        Some(k) => v.get(k),
        None => Some(v),
    }
}

fn position(list: &[Value], v: &Value, merge_key: Option<&str>) -> Option<usize> {
    let id = identity(v, merge_key)?;
    list.iter().position(|x| identity(x, merge_key) == Some(id))
}

/// Splits `merged` into items named by `named_by` and items only the server has.
fn partition(
    merged: Vec<Value>,
    named_by: &[Value],
    key: Option<&str>,
) -> (Vec<Value>, Vec<Value>) {
    merged
        .into_iter()
        .partition(|v| position(named_by, v, key).is_some())
}

/// Orders patch items by `patch_order` and server-only items by their live order, then
/// interleaves them: a server-only item goes before the first patch item it preceded live.
fn normalize(
    mut named: Vec<Value>,
    mut server_only: Vec<Value>,
    patch_order: &[Value],
    live_order: &[Value],
    key: Option<&str>,
) -> Vec<Value> {
    let by = |order: &[Value], v: &Value| position(order, v, key).unwrap_or(usize::MAX);
    named.sort_by_key(|v| by(patch_order, v));
    server_only.sort_by_key(|v| by(live_order, v));
    let mut out = Vec::with_capacity(named.len() + server_only.len());
    let (mut left, mut right) = (
        server_only.into_iter().peekable(),
        named.into_iter().peekable(),
    );
    loop {
        match (left.peek(), right.peek()) {
            (Some(l), Some(r)) => {
                let before = match (position(live_order, l, key), position(live_order, r, key)) {
                    (Some(li), Some(ri)) => li < ri,
                    _ => false,
                };
                out.push(if before { left.next() } else { right.next() }.expect("peeked"));
            }
            (Some(_), None) => out.push(left.next().expect("peeked")),
            (None, Some(_)) => out.push(right.next().expect("peeked")),
            (None, None) => return out,
        }
    }
}

/// `mergeSliceHandler`: lists without a merge strategy are replaced by the patch list.
fn merge_list_field(
    original: Vec<Value>,
    patch: Vec<Value>,
    info: FieldInfo,
) -> Result<Vec<Value>, ApiError> {
    match info.smp {
        Smp::Replace => Ok(patch),
        Smp::MergePrimitive => merge_list(original, patch, None, info),
        Smp::MergeKey(k) => merge_list(original, patch, Some(k), info),
    }
}

fn merge_list(
    original: Vec<Value>,
    patch: Vec<Value>,
    key: Option<&str>,
    info: FieldInfo,
) -> Result<Vec<Value>, ApiError> {
    if original.is_empty() && patch.is_empty() {
        return Ok(original);
    }
    if original.iter().chain(&patch).any(Value::is_array) {
        let mut e = unprocessable();
        e.message = "lists of lists are not supported".into();
        return Err(e);
    }
    let maps = patch
        .iter()
        .chain(&original)
        .next()
        .is_some_and(Value::is_object);
    if !maps {
        let mut merged: Vec<Value> = Vec::new();
        for v in original.iter().chain(&patch) {
            if !merged.contains(v) {
                merged.push(v.clone());
            }
        }
        let (named, server_only) = partition(merged, &patch, None);
        return Ok(normalize(named, server_only, &patch, &original, None));
    }
    let key = key.ok_or_else(|| plain_error("cannot merge lists without merge key".to_string()))?;
    let (original, patch) = special_elements(original, patch, key)?;
    let mut merged = original.clone();
    for item in &patch {
        let Value::Object(p) = item else {
            return Err(plain_error(format!(
                "unable to merge list item {}",
                go_fmt(item)
            )));
        };
        let Some(id) = p.get(key) else {
            return Err(no_merge_key(item, key));
        };
        match merged.iter().position(|o| o.get(key) == Some(id)) {
            Some(i) => {
                let o = match merged[i].take() {
                    Value::Object(o) => o,
                    _ => Obj::new(),
                };
                merged[i] = Value::Object(merge_map(o, p.clone(), info.schema)?);
            }
            None => merged.push(Value::Object(merge_map(
                Obj::new(),
                p.clone(),
                info.schema,
            )?)),
        }
    }
    let (named, server_only) = partition(merged, &patch, Some(key));
    Ok(normalize(named, server_only, &patch, &original, Some(key)))
}

fn no_merge_key(item: &Value, key: &str) -> ApiError {
    plain_error(format!(
        "map: {} does not contain declared merge key: {key}",
        go_fmt(item)
    ))
}

/// List items carrying `$patch`: `delete` removes the matching live item, `replace` makes
/// the rest of the patch list the whole list.
fn special_elements(
    mut original: Vec<Value>,
    patch: Vec<Value>,
    key: &str,
) -> Result<(Vec<Value>, Vec<Value>), ApiError> {
    let mut plain = Vec::new();
    let mut replace = false;
    for item in patch {
        let Some(directive) = item.get(PATCH) else {
            plain.push(item);
            continue;
        };
        match directive.as_str() {
            Some("delete") => {
                let id = item.get(key).ok_or_else(|| no_merge_key(&item, key))?;
                original.retain(|o| o.get(key) != Some(id));
            }
            Some("replace") => replace = true,
            Some("merge") => {
                return Err(plain_error(
                    "merging lists cannot yet be specified in the patch".into(),
                ));
            }
            _ => {
                return Err(plain_error(format!(
                    "unknown patch type: {} in map: {}",
                    go_fmt(directive),
                    go_fmt(&item)
                )));
            }
        }
    }
    if replace {
        return Ok((plain, Vec::new()));
    }
    Ok((original, plain))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn deploy() -> Value {
        json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "labels": {"app": "web"}, "finalizers": ["a", "b"]},
            "spec": {
                "replicas": 2,
                "strategy": {"type": "RollingUpdate",
                             "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
                "template": {
                    "metadata": {"labels": {"app": "web"}},
                    "spec": {"containers": [
                        {"name": "nginx", "image": "nginx:1.25",
                         "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
                         "ports": [{"containerPort": 80, "protocol": "TCP"}],
                         "args": ["-a", "-b"]},
                        {"name": "sidecar", "image": "busybox:1.36", "command": ["sleep", "inf"]}
                    ]}
                }
            }
        })
    }

    fn smp(patch: Value) -> Value {
        apply(
            "apps",
            "Deployment",
            &deploy(),
            patch.to_string().as_bytes(),
        )
        .unwrap()
    }

    fn containers(v: &Value) -> &Vec<Value> {
        v["spec"]["template"]["spec"]["containers"]
            .as_array()
            .unwrap()
    }

    fn names(list: &[Value]) -> Vec<&str> {
        list.iter().map(|c| c["name"].as_str().unwrap()).collect()
    }

    #[test]
    fn set_image_with_element_order_keeps_other_container() {
        // What `kubectl set image deploy/web nginx=nginx:1.27` sends.
        let out = smp(json!({"spec": {"template": {"spec": {
            "$setElementOrder/containers": [{"name": "nginx"}],
            "containers": [{"image": "nginx:1.27", "name": "nginx"}]}}}}));
        let c = containers(&out);
        assert_eq!(names(c), ["nginx", "sidecar"]);
        assert_eq!(c[0]["image"], "nginx:1.27");
        assert_eq!(
            c[0]["env"],
            deploy()["spec"]["template"]["spec"]["containers"][0]["env"]
        );
        assert_eq!(c[1], deploy()["spec"]["template"]["spec"]["containers"][1]);
        assert!(
            out["spec"]["template"]["spec"]
                .get("$setElementOrder/containers")
                .is_none()
        );
    }

    #[test]
    fn element_order_reorders_containers() {
        let out = smp(json!({"spec": {"template": {"spec": {
            "$setElementOrder/containers": [{"name": "sidecar"}, {"name": "nginx"}]}}}}));
        assert_eq!(names(containers(&out)), ["sidecar", "nginx"]);
    }

    #[test]
    fn env_merges_by_name_and_new_items_append() {
        let out = smp(json!({"spec": {"template": {"spec": {"containers": [
            {"name": "nginx", "env": [{"name": "B", "value": "two"}, {"name": "C", "value": "3"}]}
        ]}}}}));
        let env = &containers(&out)[0]["env"];
        assert_eq!(
            env,
            &json!([{"name": "A", "value": "1"}, {"name": "B", "value": "two"},
                    {"name": "C", "value": "3"}])
        );
        // Lists without a strategy are replaced.
        let out = smp(json!({"spec": {"template": {"spec": {"containers": [
            {"name": "nginx", "args": ["-z"]}]}}}}));
        assert_eq!(containers(&out)[0]["args"], json!(["-z"]));
    }

    #[test]
    fn patch_delete_removes_a_container() {
        let out = smp(json!({"spec": {"template": {"spec": {
            "$setElementOrder/containers": [{"name": "nginx"}],
            "containers": [{"$patch": "delete", "name": "sidecar"}]}}}}));
        assert_eq!(names(containers(&out)), ["nginx"]);
    }

    #[test]
    fn null_deletes_and_unmatched_nulls_are_ignored() {
        let out = smp(json!({"spec": {"replicas": null, "paused": null,
        "template": {"spec": {"containers": [
            {"name": "nginx", "env": [{"name": "A", "value": null}]}
        ]}}}}));
        assert!(out["spec"].get("replicas").is_none());
        assert!(out["spec"].get("paused").is_none());
        assert_eq!(containers(&out)[0]["env"][0], json!({"name": "A"}));
    }

    #[test]
    fn retain_keys_clears_the_other_union_members() {
        // kubectl apply switching the strategy to Recreate.
        let out = smp(json!({"spec": {"strategy": {
            "$retainKeys": ["type"], "type": "Recreate", "rollingUpdate": null}}}));
        assert_eq!(out["spec"]["strategy"], json!({"type": "Recreate"}));
        let e = apply(
            "apps",
            "Deployment",
            &deploy(),
            br#"{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{"maxSurge":1}}}}"#,
        )
        .unwrap_err();
        assert_eq!(
            (e.code, e.message.as_str()),
            (400, "invalid patch format of retainKeys")
        );
    }

    #[test]
    fn daemonset_undo_replaces_the_whole_template() {
        let ds = json!({"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "d"},
            "spec": {"template": {"metadata": {"labels": {"app": "d"},
                                               "annotations": {"x": "1"}},
                                  "spec": {"containers": [{"name": "a", "image": "a:2"},
                                                          {"name": "b", "image": "b:2"}]}}}});
        let patch = json!({"spec": {"template": {"$patch": "replace",
            "metadata": {"labels": {"app": "d"}},
            "spec": {"containers": [{"name": "a", "image": "a:1"}]}}}});
        let out = apply("apps", "DaemonSet", &ds, patch.to_string().as_bytes()).unwrap();
        assert_eq!(
            out["spec"]["template"],
            json!({"metadata": {"labels": {"app": "d"}},
                   "spec": {"containers": [{"name": "a", "image": "a:1"}]}})
        );
    }

    #[test]
    fn list_replace_directive_and_map_delete_directive() {
        let out = smp(json!({"spec": {"template": {"spec": {"containers": [
            {"$patch": "replace"}, {"name": "only", "image": "x"}]}}}}));
        assert_eq!(
            containers(&out),
            &vec![json!({"name": "only", "image": "x"})]
        );
        let out = smp(json!({"spec": {"strategy": {"$patch": "delete"}}}));
        assert_eq!(out["spec"]["strategy"], json!({}));
    }

    #[test]
    fn finalizers_union_and_delete_from_primitive_list() {
        let out = smp(json!({"metadata": {"finalizers": ["c", "a"]}}));
        // Patch items in patch order; "b" (server only) stays after the items it followed live.
        assert_eq!(out["metadata"]["finalizers"], json!(["c", "a", "b"]));
        // An empty list merges nothing (kubectl patch --local agrees); null clears.
        let out = smp(
            json!({"metadata": {"finalizers": []}, "spec": {"template": {"spec": {
            "containers": []}}}}),
        );
        assert_eq!(out["metadata"]["finalizers"], json!(["a", "b"]));
        assert_eq!(names(containers(&out)), ["nginx", "sidecar"]);
        let out = smp(json!({"metadata": {"finalizers": null}}));
        assert!(out["metadata"].get("finalizers").is_none());
        let out = smp(json!({"metadata": {"$deleteFromPrimitiveList/finalizers": ["a"]}}));
        assert_eq!(out["metadata"]["finalizers"], json!(["b"]));
    }

    #[test]
    fn rollout_pause_resume_restart_bodies() {
        let out = smp(json!({"spec": {"paused": true}}));
        assert_eq!(out["spec"]["paused"], true);
        let out = apply("apps", "Deployment", &out, br#"{"spec":{"paused":null}}"#).unwrap();
        assert!(out["spec"].get("paused").is_none());
        let out = smp(json!({"spec": {"template": {"metadata": {"annotations": {
            "kubectl.kubernetes.io/restartedAt": "2026-11-21T22:46:21Z"}}}}}));
        assert_eq!(
            out["spec"]["template"]["metadata"]["labels"],
            json!({"app": "web"})
        );
        assert_eq!(
            out["spec"]["template"]["metadata"]["annotations"]["kubectl.kubernetes.io/restartedAt"],
            "2026-11-21T22:46:21Z"
        );
    }

    #[test]
    fn service_ports_merge_by_port() {
        let svc = json!({"kind": "Service", "spec": {"ports": [
            {"port": 80, "targetPort": 8080}, {"port": 443, "targetPort": 8443}]}});
        let out = apply(
            "",
            "Service",
            &svc,
            br#"{"spec":{"ports":[{"port":443,"targetPort":9443}]}}"#,
        )
        .unwrap();
        assert_eq!(
            out["spec"]["ports"],
            json!([{"port": 80, "targetPort": 8080}, {"port": 443, "targetPort": 9443}])
        );
    }

    #[test]
    fn new_container_is_added_without_directives() {
        let out = smp(json!({"spec": {"template": {"spec": {
            "$setElementOrder/containers": [{"name": "nginx"}, {"name": "log"}, {"name": "sidecar"}],
            "containers": [{"name": "log", "image": "fluentd",
                            "$setElementOrder/env": [{"name": "X"}], "env": [{"name": "X"}]}]}}}}));
        let c = containers(&out);
        assert_eq!(names(c), ["nginx", "log", "sidecar"]);
        assert_eq!(
            c[1],
            json!({"name": "log", "image": "fluentd", "env": [{"name": "X"}]})
        );
    }

    /// Expected results produced by `kubectl patch --local` (the same strategicpatch code).
    #[test]
    fn pod_lists_match_kubectl() {
        let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p",
            "ownerReferences": [{"apiVersion": "v1", "kind": "X", "name": "o1", "uid": "u1"},
                                {"apiVersion": "v1", "kind": "X", "name": "o2", "uid": "u2"}]},
            "spec": {"containers": [{"name": "c", "image": "x",
                                     "volumeMounts": [{"name": "v1", "mountPath": "/a"}],
                                     "ports": [{"containerPort": 80, "name": "http"}]}],
                     "volumes": [{"name": "v1", "emptyDir": {}},
                                 {"name": "v2", "configMap": {"name": "cm"}}]}});
        let p = |patch: Value| apply("", "Pod", &pod, patch.to_string().as_bytes()).unwrap();
        let out = p(json!({"metadata": {"ownerReferences": [
            {"uid": "u2", "name": "o2b"}, {"uid": "u3", "name": "o3", "apiVersion": "v1", "kind": "X"}]}}));
        assert_eq!(
            out["metadata"]["ownerReferences"],
            json!([{"apiVersion": "v1", "kind": "X", "name": "o1", "uid": "u1"},
                   {"apiVersion": "v1", "kind": "X", "name": "o2b", "uid": "u2"},
                   {"apiVersion": "v1", "kind": "X", "name": "o3", "uid": "u3"}])
        );
        let out = p(json!({"spec": {"volumes": [
            {"name": "v2", "$retainKeys": ["name", "secret"], "secret": {"secretName": "s"}}]}}));
        assert_eq!(
            out["spec"]["volumes"],
            json!([{"emptyDir": {}, "name": "v1"}, {"name": "v2", "secret": {"secretName": "s"}}])
        );
        let out = p(json!({"spec": {"containers": [{"name": "c",
            "volumeMounts": [{"name": "v2", "mountPath": "/b"}, {"mountPath": "/a", "readOnly": true}],
            "ports": [{"containerPort": 80, "protocol": "UDP"}, {"containerPort": 81}]}]}}));
        assert_eq!(
            out["spec"]["containers"][0],
            json!({"image": "x", "name": "c",
                   "ports": [{"containerPort": 80, "name": "http", "protocol": "UDP"},
                             {"containerPort": 81}],
                   "volumeMounts": [{"mountPath": "/b", "name": "v2"},
                                    {"mountPath": "/a", "name": "v1", "readOnly": true}]})
        );
        let out = p(
            json!({"spec": {"$setElementOrder/volumes": [{"name": "v2"}, {"name": "v1"}],
            "volumes": [{"name": "v1", "emptyDir": {"medium": "Memory"}}]}}),
        );
        assert_eq!(
            out["spec"]["volumes"],
            json!([{"configMap": {"name": "cm"}, "name": "v2"},
                   {"emptyDir": {"medium": "Memory"}, "name": "v1"}])
        );
    }

    #[test]
    fn errors() {
        let e = apply("apps", "Deployment", &deploy(), b"[1]").unwrap_err();
        assert_eq!(
            (e.code, e.message.as_str()),
            (
                400,
                "json: cannot unmarshal array into Go value of type map[string]interface {}"
            )
        );
        let e = apply("apps", "Deployment", &deploy(), b"{\"spec\":").unwrap_err();
        assert_eq!(
            (e.code, e.message.as_str()),
            (400, "unexpected end of JSON input")
        );
        let e = apply(
            "apps",
            "Deployment",
            &deploy(),
            br#"{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}"#,
        )
        .unwrap_err();
        assert_eq!(e.code, 500);
        assert_eq!(
            e.message,
            "map: map[image:x] does not contain declared merge key: name"
        );
        let e = apply(
            "apps",
            "Deployment",
            &deploy(),
            br#"{"metadata":{"$deleteFromPrimitiveList/finalizers":"a"}}"#,
        )
        .unwrap_err();
        assert_eq!(
            (e.code, e.message.as_str()),
            (400, "invalid patch format of primitive list")
        );
    }
}
