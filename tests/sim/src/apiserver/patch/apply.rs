//! `application/apply-patch+yaml`: server-side apply as structured-merge-diff does it.
//!
//! 1. The applied configuration is merged into the live object (objects by field, map lists
//!    by key, set lists as unions, the rest replaced).
//! 2. Any field the merge adds or changes that another manager owns is a conflict: a 409
//!    listing them all, unless `force`, which takes the fields from their owners.
//! 3. The applier now owns exactly the fields of its configuration; fields it applied last
//!    time, no longer applies and no one else owns are removed from the object.

use serde_json::{Map, Value, json};

use super::fieldset::{self, FieldSet, Path};
use super::managed_fields::{self, Entry};
use super::merge_keys::{Schema, Ssa, supports_strategic};
use super::plain_error;
use crate::apiserver::status::ApiError;

/// The annotation `kubectl apply` (client-side) keeps its last configuration in.
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// The fields of `live`'s last-applied configuration whose values `live` still has (None
/// without the annotation).
fn last_applied_unchanged(live: &Value, live_set: &FieldSet) -> Option<FieldSet> {
    let text = live
        .pointer("/metadata/annotations")?
        .get(LAST_APPLIED)?
        .as_str()?;
    let applied: Value = serde_json::from_str(text).ok()?;
    let (group, kind) = managed_fields::group_kind(live);
    let schema = Schema::root(&group, &kind);
    let applied_set = managed_fields::strip(
        fieldset::fields(&applied, schema, fieldset::Mode::Apply).ok()?,
        &group,
        "",
    );
    let change = managed_fields::compare(&applied, &applied_set, live, live_set);
    Some(
        applied_set
            .difference(&change.changed)
            .difference(&change.removed),
    )
}

/// See [`super::server_side_apply`].
pub fn server_side_apply(
    group: &str,
    kind: &str,
    current: Option<&Value>,
    applied: &[u8],
    manager: &str,
    force: bool,
    now: &str,
) -> Result<Value, ApiError> {
    apply_to(group, kind, current, applied, manager, force, now, "")
}

/// Server-side apply to the main resource (`subresource` "") or to a subresource such as
/// `status`, whose manager entry then carries the subresource and owns only what the
/// subresource writes.
#[allow(clippy::too_many_arguments)]
pub fn apply_to(
    group: &str,
    kind: &str,
    current: Option<&Value>,
    applied: &[u8],
    manager: &str,
    force: bool,
    now: &str,
    subresource: &str,
) -> Result<Value, ApiError> {
    let config: Value = serde_yaml::from_slice(applied)
        .map_err(|e| ApiError::bad_request(format!("error decoding YAML: {e}")))?;
    let mut config = match config {
        Value::Object(m) => m,
        // An empty document decodes to an empty object in Go.
        Value::Null => Map::new(),
        other => {
            let what = match other {
                Value::Array(_) => "array",
                Value::String(_) => "string",
                Value::Bool(_) => "bool",
                _ => "number",
            };
            return Err(ApiError::bad_request(format!(
                "error decoding YAML: json: cannot unmarshal {what} into Go value of type \
                 map[string]interface {{}}"
            )));
        }
    };
    if config
        .get("metadata")
        .and_then(|m| m.get("managedFields"))
        .is_some_and(|f| !f.is_null())
    {
        return Err(ApiError::bad_request("metadata.managedFields must be nil"));
    }
    let patch_version = config
        .get("apiVersion")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if let Some(expected) = expected_version(group, current, &patch_version) {
        return Err(ApiError::bad_request(format!(
            "Incorrect version specified in apply patch. Specified patch version: {patch_version}, expected: {expected}"
        )));
    }
    // The main resource ignores the status of a built-in kind.
    if supports_strategic(group, kind) && subresource.is_empty() {
        config.remove("status");
    }
    let config = Value::Object(strip_nulls(config));
    let schema = Schema::root(group, kind);

    let mut live = current.cloned().unwrap_or_else(|| json!({}));
    let mut entries = managed_fields::decode(&live).unwrap_or_default();
    if let Some(m) = live.get_mut("metadata").and_then(Value::as_object_mut) {
        m.remove("managedFields");
    }

    let typed_error = |e: fieldset::MissingKey| {
        let name = config
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or("");
        let ns = config
            .pointer("/metadata/namespace")
            .and_then(Value::as_str)
            .unwrap_or("");
        plain_error(format!(
            "failed to create typed patch object ({ns}/{name}; {gv}, Kind={kind}): {}: element {}: \
             associative list with keys has an element that omits key field {:?} (and doesn't have \
             default value)",
            e.list,
            e.index,
            e.key,
            gv = go_group_version(&patch_version),
        ))
    };
    let applied_set = managed_fields::strip(
        fieldset::fields(&config, schema, fieldset::Mode::Apply).map_err(typed_error)?,
        group,
        subresource,
    );
    let mut merged = fieldset::merge(live.clone(), config.clone(), Ssa::Default, schema);
    let live_set = managed_fields::owned_fields(&live, subresource).unwrap_or_default();
    let merged_set = managed_fields::owned_fields(&merged, subresource).unwrap_or_default();
    let change = managed_fields::compare(&live, &live_set, &merged, &merged_set);

    let me = Entry {
        manager: manager.to_string(),
        operation: "Apply".into(),
        api_version: patch_version.clone(),
        time: Some(now.to_string()),
        subresource: subresource.to_string(),
        fields: applied_set,
    };
    let my_id = me.identity();
    let mut conflicts: Vec<(Entry, FieldSet)> = Vec::new();
    for e in &entries {
        if e.identity() == my_id {
            continue;
        }
        let c = e.fields.intersection(&change.changed);
        if !c.is_empty() {
            conflicts.push((e.clone(), c));
        }
    }
    if !conflicts.is_empty() && !force {
        // kubectl's first server-side apply after client-side applies takes over, without
        // conflicts, every field the last-applied annotation holds and nobody has changed
        // since (the apiserver's last-applied manager, for field manager "kubectl" only).
        let allowed = if manager == "kubectl" {
            last_applied_unchanged(&live, &live_set)
        } else {
            None
        };
        let remaining: Vec<(Entry, FieldSet)> = conflicts
            .iter()
            .map(|(e, c)| {
                (
                    e.clone(),
                    allowed.as_ref().map_or(c.clone(), |a| c.difference(a)),
                )
            })
            .filter(|(_, c)| !c.is_empty())
            .collect();
        if !remaining.is_empty() {
            return Err(conflict_error(remaining));
        }
    }
    let last_set = match entries.iter().position(|e| e.identity() == my_id) {
        Some(i) => entries.remove(i).fields,
        None => FieldSet::default(),
    };
    for e in &mut entries {
        if let Some((_, c)) = conflicts.iter().find(|(o, _)| o.identity() == e.identity()) {
            e.fields = e.fields.difference(c);
        }
    }
    entries.push(me);

    prune(&mut merged, &last_set, &entries, schema);
    let final_set = managed_fields::owned_fields(&merged, subresource).unwrap_or_default();
    let gone = merged_set.difference(&final_set).union(&change.removed);
    for e in &mut entries {
        e.fields = e.fields.difference(&gone);
    }
    // The applier's time moves only when the apply changed the object.
    if merged == live {
        let previous = current.and_then(managed_fields::decode).unwrap_or_default();
        let before = previous
            .iter()
            .find(|e| e.identity() == my_id)
            .and_then(|e| e.time.clone());
        if let (Some(t), Some(mine)) = (before, entries.iter_mut().find(|e| e.identity() == my_id))
        {
            mine.time = Some(t);
        }
    }
    managed_fields::encode(&mut merged, entries);
    // Server-side applies by "kubectl" keep an existing last-applied annotation up to date
    // (the apiserver's last-applied updater), so a later client-side apply diffs right.
    if manager == "kubectl"
        && subresource.is_empty()
        && let Some(ann) = merged
            .pointer_mut("/metadata/annotations")
            .and_then(Value::as_object_mut)
        && ann.contains_key(LAST_APPLIED)
    {
        let mut applied = config.clone();
        if let Some(a) = applied
            .pointer_mut("/metadata/annotations")
            .and_then(Value::as_object_mut)
        {
            a.remove(LAST_APPLIED);
        }
        ann.insert(LAST_APPLIED.into(), json!(format!("{applied}\n")));
    }
    Ok(merged)
}

/// The version the apply body must name, if it names another: the stored object's
/// apiVersion, or at least the resource's group when creating.
fn expected_version(group: &str, current: Option<&Value>, patch_version: &str) -> Option<String> {
    if let Some(live) = current
        .and_then(|c| c.get("apiVersion"))
        .and_then(Value::as_str)
    {
        return (live != patch_version).then(|| live.to_string());
    }
    let patch_group = patch_version.rsplit_once('/').map_or("", |(g, _)| g);
    let version = patch_version
        .rsplit_once('/')
        .map_or(patch_version, |(_, v)| v);
    if patch_version.is_empty() || patch_group != group {
        let v = if version.is_empty() { "v1" } else { version };
        return Some(if group.is_empty() {
            v.to_string()
        } else {
            format!("{group}/{v}")
        });
    }
    None
}

/// Go's `schema.GroupVersion.String()` inside `GroupVersionKind.String()`: `apps/v1`, `/v1`.
fn go_group_version(api_version: &str) -> String {
    if api_version.contains('/') {
        api_version.to_string()
    } else {
        format!("/{api_version}")
    }
}

fn strip_nulls(m: Map<String, Value>) -> Map<String, Value> {
    m.into_iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| {
            let v = match v {
                Value::Object(o) => Value::Object(strip_nulls(o)),
                Value::Array(a) => Value::Array(
                    a.into_iter()
                        .map(|x| match x {
                            Value::Object(o) => Value::Object(strip_nulls(o)),
                            x => x,
                        })
                        .collect(),
                ),
                v => v,
            };
            (k, v)
        })
        .collect()
}

/// Removes what the applier owned before and owns no more, unless another manager still
/// owns it or something below it. Objects emptied that way go too, as no one owns them.
fn prune(obj: &mut Value, last: &FieldSet, entries: &[Entry], schema: Schema) {
    let owned = entries
        .iter()
        .fold(FieldSet::default(), |acc, e| acc.union(&e.fields));
    let mut gone: Vec<&Path> = last.0.iter().filter(|p| !owned.covers(p)).collect();
    // Shallowest first: a list item goes as a whole before its fields would empty it (an
    // item without its key fields could no longer be found).
    gone.sort_by_key(|p| p.len());
    for path in gone {
        if fieldset::remove(obj, path, schema) {
            remove_empty_parents(obj, path, &owned, schema);
        }
    }
}

fn remove_empty_parents(obj: &mut Value, path: &[String], owned: &FieldSet, schema: Schema) {
    let mut parent = &path[..path.len() - 1];
    while !parent.is_empty() && parent.last().is_some_and(|el| el.starts_with("f:")) {
        let empty = match fieldset::get(obj, parent, schema) {
            Some(Value::Object(m)) => m.is_empty(),
            Some(Value::Array(a)) => a.is_empty(),
            _ => false,
        };
        if !empty || owned.covers(parent) || parent.len() == 1 && parent[0] == "f:metadata" {
            return;
        }
        fieldset::remove(obj, parent, schema);
        parent = &parent[..parent.len() - 1];
    }
}

/// The 409 of `managedfields/internal/conflict.go`.
fn conflict_error(conflicts: Vec<(Entry, FieldSet)>) -> ApiError {
    let mut by_manager: Vec<(Entry, Vec<Path>)> = conflicts
        .into_iter()
        .map(|(e, set)| (e, set.ordered()))
        .collect();
    by_manager.sort_by_key(|(e, _)| e.identity());
    let count: usize = by_manager.iter().map(|(_, p)| p.len()).sum();
    let mut causes = Vec::new();
    for (e, paths) in &by_manager {
        for p in paths {
            causes.push(json!({
                "reason": "FieldManagerConflict",
                "message": format!("conflict with {}", e.display()),
                "field": fieldset::display(p),
            }));
        }
    }
    let message = if count == 1 {
        let (e, paths) = &by_manager[0];
        format!(
            "Apply failed with 1 conflict: conflict with {}: {}",
            e.display(),
            fieldset::display(&paths[0])
        )
    } else {
        let mut lines = Vec::new();
        for (e, paths) in &by_manager {
            lines.push(format!("conflicts with {}:", e.display()));
            lines.extend(paths.iter().map(|p| format!("- {}", fieldset::display(p))));
        }
        format!("Apply failed with {count} conflicts: {}", lines.join("\n"))
    };
    let mut err = ApiError::new(409, "Conflict", message);
    err.details = Some(json!({ "causes": causes }));
    err
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apiserver::patch::managed_fields::{decode, track_update};

    const T0: &str = "2026-11-21T10:00:00Z";
    const T1: &str = "2026-11-21T11:00:00Z";

    fn manifest(replicas: u32, image: &str) -> String {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\n  \
             labels:\n    app: web\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels:\n      \
             app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      \
             containers:\n      - name: nginx\n        image: {image}\n        ports:\n        \
             - containerPort: 80\n"
        )
    }

    fn ssa(
        current: Option<&Value>,
        body: &str,
        manager: &str,
        force: bool,
    ) -> Result<Value, ApiError> {
        server_side_apply(
            "apps",
            "Deployment",
            current,
            body.as_bytes(),
            manager,
            force,
            T1,
        )
    }

    #[test]
    fn create_records_the_apply_entry() {
        let out = ssa(None, &manifest(2, "nginx:1.25"), "kubectl", false).unwrap();
        assert_eq!(out["spec"]["replicas"], 2);
        assert_eq!(out["metadata"]["name"], "web");
        assert_eq!(
            out["metadata"]["managedFields"],
            json!([{"manager": "kubectl", "operation": "Apply", "apiVersion": "apps/v1",
                    "time": T1, "fieldsType": "FieldsV1", "fieldsV1": {
                        "f:metadata": {"f:labels": {"f:app": {}}},
                        "f:spec": {"f:replicas": {}, "f:selector": {}, "f:template": {
                            "f:metadata": {"f:labels": {"f:app": {}}},
                            "f:spec": {"f:containers": {"k:{\"name\":\"nginx\"}": {
                                ".": {}, "f:image": {}, "f:name": {},
                                "f:ports": {"k:{\"containerPort\":80,\"protocol\":\"TCP\"}": {
                                    ".": {}, "f:containerPort": {}}}}}}}}}}])
        );
    }

    /// A live object as the apiserver stores it after `kubectl apply` (client-side).
    fn client_side_applied() -> Value {
        let mut d: Value = serde_yaml::from_str(&manifest(2, "nginx:1.25")).unwrap();
        d["metadata"]["uid"] = json!("u1");
        d["spec"]["template"]["spec"]["containers"][0]["ports"][0]["protocol"] = json!("TCP");
        d["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"] = json!("IfNotPresent");
        track_update(
            None,
            &mut d,
            "kubectl-client-side-apply",
            "Update",
            None,
            T0,
        );
        d
    }

    #[test]
    fn conflict_with_an_update_manager() {
        let live = client_side_applied();
        let e = ssa(Some(&live), &manifest(3, "nginx:1.25"), "kubectl", false).unwrap_err();
        assert_eq!(
            e.to_status(),
            json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                   "message": "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas",
                   "reason": "Conflict",
                   "details": {"causes": [{"reason": "FieldManagerConflict",
                                           "message": "conflict with \"kubectl-client-side-apply\" using apps/v1",
                                           "field": ".spec.replicas"}]},
                   "code": 409})
        );
    }

    #[test]
    fn same_values_are_shared_and_force_takes_ownership() {
        let live = client_side_applied();
        // Same values: no conflict, both managers own them.
        let out = ssa(Some(&live), &manifest(2, "nginx:1.25"), "kubectl", false).unwrap();
        let entries = decode(&out).unwrap();
        assert_eq!(entries.len(), 2);
        let replicas = vec!["f:spec".to_string(), "f:replicas".to_string()];
        assert!(entries.iter().all(|e| e.fields.0.contains(&replicas)));
        // Forced change: the other manager loses the field.
        let out = ssa(Some(&live), &manifest(5, "nginx:1.25"), "kubectl", true).unwrap();
        assert_eq!(out["spec"]["replicas"], 5);
        let entries = decode(&out).unwrap();
        assert_eq!(entries[0].operation, "Apply");
        assert!(entries[0].fields.0.contains(&replicas));
        assert!(!entries[1].fields.0.contains(&replicas));
        assert_eq!(entries[1].time.as_deref(), Some(T0));
    }

    #[test]
    fn conflicts_between_two_appliers_list_every_field() {
        let live = ssa(None, &manifest(2, "nginx:1.25"), "kubectl", false).unwrap();
        let e = ssa(Some(&live), &manifest(3, "nginx:1.26"), "other", false).unwrap_err();
        assert_eq!(
            e.message,
            "Apply failed with 2 conflicts: conflicts with \"kubectl\":\n- .spec.replicas\n\
             - .spec.template.spec.containers[name=\"nginx\"].image"
        );
        let causes = e.details.unwrap()["causes"].clone();
        assert_eq!(
            causes[1]["field"],
            ".spec.template.spec.containers[name=\"nginx\"].image"
        );
        assert_eq!(causes[1]["message"], "conflict with \"kubectl\"");
    }

    #[test]
    fn fields_no_longer_applied_are_removed() {
        let live = ssa(None, &manifest(2, "nginx:1.25"), "kubectl", false).unwrap();
        let smaller = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  \
                       selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      \
                       labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        \
                       image: nginx:1.26\n";
        let out = ssa(Some(&live), smaller, "kubectl", false).unwrap();
        assert!(out["spec"].get("replicas").is_none());
        assert!(out["metadata"].get("labels").is_none());
        let c = &out["spec"]["template"]["spec"]["containers"][0];
        assert_eq!(c["image"], "nginx:1.26");
        assert!(c.get("ports").is_none());
        // A field another manager also owns stays.
        let mut shared = live.clone();
        shared["spec"]["replicas"] = json!(2);
        track_update(Some(&live), &mut shared, "hpa", "Update", None, T0);
        let mut touched = shared.clone();
        touched["spec"]["replicas"] = json!(4);
        track_update(Some(&shared), &mut touched, "hpa", "Update", None, T0);
        let out = ssa(Some(&touched), smaller, "kubectl", false).unwrap();
        assert_eq!(out["spec"]["replicas"], 4);
    }

    #[test]
    fn unchanged_apply_keeps_the_time() {
        let live = ssa(None, &manifest(2, "nginx:1.25"), "kubectl", false).unwrap();
        let again = server_side_apply(
            "apps",
            "Deployment",
            Some(&live),
            manifest(2, "nginx:1.25").as_bytes(),
            "kubectl",
            false,
            "2030-01-01T00:00:00Z",
        )
        .unwrap();
        assert_eq!(again, live);
    }

    #[test]
    fn bad_bodies() {
        let e = ssa(None, "- a", "kubectl", false).unwrap_err();
        assert_eq!(
            e.message,
            "error decoding YAML: json: cannot unmarshal array into Go value of type map[string]interface {}"
        );
        let e = ssa(None, "", "kubectl", false).unwrap_err();
        assert_eq!(
            e.message,
            "Incorrect version specified in apply patch. Specified patch version: , expected: apps/v1"
        );
        let e = ssa(None, "a: [", "kubectl", false).unwrap_err();
        assert_eq!(e.code, 400);
        assert!(
            e.message.starts_with("error decoding YAML: "),
            "{}",
            e.message
        );
        let e = ssa(
            None,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  managedFields: []\n",
            "m",
            false,
        )
        .unwrap_err();
        assert_eq!(e.message, "metadata.managedFields must be nil");
        let live = ssa(None, &manifest(2, "x"), "kubectl", false).unwrap();
        let e = ssa(
            Some(&live),
            "apiVersion: apps/v1beta2\nkind: Deployment\n",
            "m",
            false,
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            "Incorrect version specified in apply patch. Specified patch version: apps/v1beta2, expected: apps/v1"
        );
        let e = ssa(None, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - image: x\n", "m", false)
            .unwrap_err();
        assert_eq!(e.code, 500);
        assert_eq!(
            e.message,
            "failed to create typed patch object (/web; apps/v1, Kind=Deployment): \
             .spec.template.spec.containers: element 0: associative list with keys has an element \
             that omits key field \"name\" (and doesn't have default value)"
        );
    }
}
