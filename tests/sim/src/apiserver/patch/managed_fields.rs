//! `metadata.managedFields`: decoding and encoding the entries, the manager identity and
//! display used in conflict messages, and the bookkeeping of non-apply writes
//! (`operation: Update`), after the apiserver's fieldmanager:
//!
//! * the writer owns every field it added or changed, and takes them from other managers;
//! * fields that no longer exist are owned by no one; entries left empty are dropped;
//! * an entry's time moves only when its manager changed something;
//! * a request that rewrites `managedFields` itself (kubectl's client-side → server-side
//!   apply migration) is honoured, and `[{}]` resets them.

use serde_json::{Map, Value, json};

use super::fieldset::{self, FieldSet};
use super::merge_keys::{Schema, supports_strategic};

/// One `managedFields` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub manager: String,
    pub operation: String,
    pub api_version: String,
    pub time: Option<String>,
    pub subresource: String,
    pub fields: FieldSet,
}

impl Entry {
    /// The manager identity: appliers are one manager whatever apiVersion they used, while
    /// updaters are told apart by apiVersion and subresource too.
    pub fn identity(&self) -> String {
        // Go marshals the struct fields in declaration order; keep it for sorting.
        let mut s = format!(
            "{{\"manager\":{},\"operation\":{}",
            Value::String(self.manager.clone()),
            Value::String(self.operation.clone())
        );
        if self.operation != "Apply" && !self.api_version.is_empty() {
            s.push_str(&format!(
                ",\"apiVersion\":{}",
                Value::String(self.api_version.clone())
            ));
        }
        if !self.subresource.is_empty() {
            s.push_str(&format!(
                ",\"subresource\":{}",
                Value::String(self.subresource.clone())
            ));
        }
        s.push('}');
        s
    }

    /// How a conflict message names this manager: `"kubectl-client-side-apply" using apps/v1`.
    pub fn display(&self) -> String {
        let mut s = format!("{:?}", self.manager);
        if !self.subresource.is_empty() {
            s.push_str(&format!(" with subresource {:?}", self.subresource));
        }
        if self.operation == "Update" {
            s.push_str(&format!(" using {}", self.api_version));
        }
        s
    }

    fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("manager".into(), json!(self.manager));
        m.insert("operation".into(), json!(self.operation));
        m.insert("apiVersion".into(), json!(self.api_version));
        if let Some(t) = &self.time {
            m.insert("time".into(), json!(t));
        }
        m.insert("fieldsType".into(), json!("FieldsV1"));
        m.insert("fieldsV1".into(), self.fields.to_fields_v1());
        if !self.subresource.is_empty() {
            m.insert("subresource".into(), json!(self.subresource));
        }
        Value::Object(m)
    }

    fn from_json(v: &Value) -> Option<Entry> {
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        Some(Entry {
            manager: s("manager").unwrap_or_default(),
            operation: s("operation")?,
            api_version: s("apiVersion").unwrap_or_default(),
            time: s("time"),
            subresource: s("subresource").unwrap_or_default(),
            fields: match v.get("fieldsV1") {
                Some(f) => FieldSet::from_fields_v1(f)?,
                None => FieldSet::default(),
            },
        })
    }
}

/// The entries of `obj.metadata.managedFields`; None when absent, empty or undecodable.
pub fn decode(obj: &Value) -> Option<Vec<Entry>> {
    let list = obj.get("metadata")?.get("managedFields")?.as_array()?;
    if list.is_empty() {
        return None;
    }
    list.iter().map(Entry::from_json).collect()
}

/// Writes the entries into `obj.metadata.managedFields`, in the apiserver's order: Apply
/// before Update, then by time, manager, apiVersion and subresource.
pub fn encode(obj: &mut Value, mut entries: Vec<Entry>) {
    entries.retain(|e| !e.fields.is_empty());
    cap_update_managers(&mut entries);
    entries.sort_by(|a, b| {
        (
            &a.operation,
            &a.time,
            &a.manager,
            &a.api_version,
            &a.subresource,
        )
            .cmp(&(
                &b.operation,
                &b.time,
                &b.manager,
                &b.api_version,
                &b.subresource,
            ))
    });
    let Some(meta) = obj
        .as_object_mut()
        .map(|o| o.entry("metadata").or_insert_with(|| json!({})))
    else {
        return;
    };
    let Some(meta) = meta.as_object_mut() else {
        return;
    };
    if entries.is_empty() {
        meta.remove("managedFields");
    } else {
        meta.insert(
            "managedFields".into(),
            Value::Array(entries.iter().map(Entry::to_json).collect()),
        );
    }
}

/// The apiserver keeps at most this many Update entries; older ones are merged.
const MAX_UPDATE_MANAGERS: usize = 10;

/// Merges the oldest Update entries, per apiVersion, into an `ancient-changes` entry until
/// at most [`MAX_UPDATE_MANAGERS`] remain (the fieldmanager's `capManagers`).
fn cap_update_managers(entries: &mut Vec<Entry>) {
    let mut updaters: Vec<usize> = (0..entries.len())
        .filter(|&i| entries[i].operation != "Apply")
        .collect();
    if updaters.len() <= MAX_UPDATE_MANAGERS {
        return;
    }
    updaters.sort_by(|&a, &b| entries[a].time.cmp(&entries[b].time));
    let mut count = updaters.len();
    let mut first_of_version: Vec<(String, usize)> = Vec::new();
    let mut merged_away: Vec<usize> = Vec::new();
    for &i in &updaters {
        if count <= MAX_UPDATE_MANAGERS {
            break;
        }
        let version = entries[i].api_version.clone();
        let Some(&(_, first)) = first_of_version.iter().find(|(v, _)| *v == version) else {
            first_of_version.push((version, i));
            continue;
        };
        // The first entry of this version becomes the bucket the others are merged into.
        let fields = std::mem::take(&mut entries[i].fields);
        let time = entries[i].time.clone();
        let bucket = &mut entries[first];
        bucket.manager = "ancient-changes".into();
        bucket.operation = "Update".into();
        bucket.subresource = String::new();
        bucket.fields = bucket.fields.union(&fields);
        bucket.time = time;
        merged_away.push(i);
        count -= 1;
    }
    let mut i = 0;
    entries.retain(|_| {
        i += 1;
        !merged_away.contains(&(i - 1))
    });
}

/// The schema root and the fields of `obj` a writer can own (system metadata and the parts
/// the endpoint resets are excluded).
pub fn owned_fields(obj: &Value, subresource: &str) -> Result<FieldSet, fieldset::MissingKey> {
    let (group, kind) = group_kind(obj);
    let set = fieldset::fields(obj, Schema::root(&group, &kind), fieldset::Mode::Update)?;
    Ok(strip(set, &group, subresource))
}

/// `group` and `kind` of an object from its apiVersion and kind.
pub fn group_kind(obj: &Value) -> (String, String) {
    let api_version = obj.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    let group = api_version
        .rsplit_once('/')
        .map_or("", |(g, _)| g)
        .to_string();
    let kind = obj
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    (group, kind)
}

const SYSTEM_META: &[&str] = &[
    "name",
    "namespace",
    "creationTimestamp",
    "selfLink",
    "uid",
    "generation",
    "managedFields",
    "resourceVersion",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
];

/// Drops what no manager owns: apiVersion, kind, system metadata, and the half of a
/// built-in object the endpoint ignores (status on the main resource, spec on `/status`).
pub fn strip(set: FieldSet, group: &str, subresource: &str) -> FieldSet {
    let builtin = supports_strategic(group, "");
    FieldSet(
        set.0
            .into_iter()
            .filter(|p| {
                let top = p[0].as_str();
                if top == "f:apiVersion" || top == "f:kind" {
                    return false;
                }
                if top == "f:metadata" {
                    return p.len() > 1 && !SYSTEM_META.iter().any(|m| p[1] == format!("f:{m}"));
                }
                match (builtin, subresource) {
                    (true, "status") => top == "f:status",
                    (true, _) => top != "f:status",
                    (false, _) => true,
                }
            })
            .collect(),
    )
}

/// What a write changed: fields added or set to a new value, and fields removed.
pub struct Change {
    pub changed: FieldSet,
    pub removed: FieldSet,
}

pub fn compare(old: &Value, old_set: &FieldSet, new: &Value, new_set: &FieldSet) -> Change {
    let (group, kind) = group_kind(new);
    let schema = Schema::root(&group, &kind);
    let added = new_set.difference(old_set);
    let modified = FieldSet(
        new_set
            .intersection(old_set)
            .0
            .into_iter()
            .filter(|p| {
                // Only leaves can be modified; a member with fields below it (a map added as
                // a whole) changes through them.
                p.last().is_some_and(|el| el.starts_with("f:"))
                    && !old_set.has_children(p)
                    && !new_set.has_children(p)
                    && fieldset::get(old, p, schema) != fieldset::get(new, p, schema)
            })
            .collect(),
    );
    Change {
        changed: added.union(&modified),
        removed: old_set.difference(new_set),
    }
}

/// See [`super::track_update`].
pub fn track_update(
    old: Option<&Value>,
    new: &mut Value,
    manager: &str,
    operation: &str,
    subresource: Option<&str>,
    now: &str,
) {
    let subresource = subresource.unwrap_or("");
    let mut entries = managers_of_request(old, new);
    // The schema comes from apiVersion/kind; take them from whichever side has them.
    let typed = |obj: Option<&Value>, other: Option<&Value>| {
        let mut o = obj.cloned().unwrap_or_else(|| json!({}));
        for k in ["apiVersion", "kind"] {
            if o.get(k).is_none()
                && let (Some(v), Some(m)) = (other.and_then(|x| x.get(k)), o.as_object_mut())
            {
                m.insert(k.to_string(), v.clone());
            }
        }
        o
    };
    let old_obj = typed(old, Some(&*new));
    let new_obj = typed(Some(&*new), old);
    // An object whose list items lack their keys cannot be tracked field by field; the
    // apiserver leaves its managedFields alone then, and so do we.
    let (Ok(old_set), Ok(new_set)) = (
        owned_fields(&old_obj, subresource),
        owned_fields(&new_obj, subresource),
    ) else {
        encode(new, entries);
        return;
    };
    let change = compare(&old_obj, &old_set, &new_obj, &new_set);
    for e in &mut entries {
        e.fields = e
            .fields
            .difference(&change.changed)
            .difference(&change.removed);
    }
    if !change.changed.is_empty() {
        let api_version = new_obj
            .get("apiVersion")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let mine = Entry {
            manager: manager.to_string(),
            operation: operation.to_string(),
            api_version,
            time: Some(now.to_string()),
            subresource: subresource.to_string(),
            fields: FieldSet::default(),
        };
        let id = mine.identity();
        let entry = match entries.iter().position(|e| e.identity() == id) {
            Some(i) => &mut entries[i],
            None => {
                entries.push(mine);
                entries.last_mut().expect("just pushed")
            }
        };
        entry.fields = entry.fields.union(&change.changed);
        entry.time = Some(now.to_string());
    }
    encode(new, entries);
}

/// The managers a write starts from: the request's own managedFields when it set some
/// (`[{}]` meaning "reset"), else the stored object's.
fn managers_of_request(old: Option<&Value>, new: &Value) -> Vec<Entry> {
    let requested = new.get("metadata").and_then(|m| m.get("managedFields"));
    if requested == Some(&json!([{}])) {
        return Vec::new();
    }
    decode(new)
        .or_else(|| old.and_then(decode))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: &str = "2026-11-21T10:00:00Z";
    const T1: &str = "2026-11-21T11:00:00Z";

    fn deploy(replicas: u32, image: &str) -> Value {
        json!({"apiVersion": "apps/v1", "kind": "Deployment",
               "metadata": {"name": "web", "namespace": "default", "uid": "u1",
                            "resourceVersion": "5", "labels": {"app": "web"}},
               "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web"}},
                        "template": {"metadata": {"labels": {"app": "web"}},
                                     "spec": {"containers": [{"name": "nginx", "image": image}]}}},
               "status": {"replicas": 0}})
    }

    #[test]
    fn create_owns_every_field_set_except_system_ones() {
        let mut d = deploy(1, "nginx:1.25");
        track_update(None, &mut d, "kubectl-create", "Update", None, T0);
        assert_eq!(
            d["metadata"]["managedFields"],
            json!([{"manager": "kubectl-create", "operation": "Update", "apiVersion": "apps/v1",
                    "time": T0, "fieldsType": "FieldsV1", "fieldsV1": {
                        "f:metadata": {"f:labels": {".": {}, "f:app": {}}},
                        "f:spec": {"f:replicas": {}, "f:selector": {}, "f:template": {
                            "f:metadata": {"f:labels": {".": {}, "f:app": {}}},
                            "f:spec": {"f:containers": {"k:{\"name\":\"nginx\"}": {
                                ".": {}, "f:image": {}, "f:name": {}}}}}}}}])
        );
    }

    #[test]
    fn update_takes_changed_fields_from_others() {
        let mut old = deploy(1, "nginx:1.25");
        track_update(
            None,
            &mut old,
            "kubectl-client-side-apply",
            "Update",
            None,
            T0,
        );
        let mut new = old.clone();
        new["spec"]["replicas"] = json!(3);
        track_update(
            Some(&old),
            &mut new,
            "kubectl-scale",
            "Update",
            Some("scale"),
            T1,
        );
        let entries = decode(&new).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].manager, "kubectl-client-side-apply");
        assert_eq!(entries[0].time.as_deref(), Some(T0));
        assert!(
            !entries[0]
                .fields
                .0
                .contains(&vec!["f:spec".to_string(), "f:replicas".to_string()])
        );
        assert_eq!(entries[1].manager, "kubectl-scale");
        assert_eq!(entries[1].subresource, "scale");
        assert_eq!(
            entries[1].fields.to_fields_v1(),
            json!({"f:spec": {"f:replicas": {}}})
        );
    }

    #[test]
    fn no_op_update_changes_nothing_and_status_writes_own_status() {
        let mut old = deploy(1, "nginx:1.25");
        track_update(None, &mut old, "kubectl-create", "Update", None, T0);
        let mut same = old.clone();
        track_update(Some(&old), &mut same, "kubectl-edit", "Update", None, T1);
        assert_eq!(same, old);
        let mut st = old.clone();
        st["status"] = json!({"replicas": 1, "readyReplicas": 1});
        track_update(
            Some(&old),
            &mut st,
            "kube-controller-manager",
            "Update",
            Some("status"),
            T1,
        );
        let entries = decode(&st).unwrap();
        assert_eq!(
            entries[1].display(),
            "\"kube-controller-manager\" with subresource \"status\" using apps/v1"
        );
        assert_eq!(
            entries[1].fields.to_fields_v1(),
            json!({"f:status": {"f:readyReplicas": {}, "f:replicas": {}}})
        );
    }

    #[test]
    fn removed_fields_are_dropped_and_empty_entries_vanish() {
        let mut old = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"},
                             "data": {"a": "1"}});
        track_update(None, &mut old, "kubectl-create", "Update", None, T0);
        assert_eq!(
            decode(&old).unwrap()[0].fields.to_fields_v1(),
            json!({"f:data": {".": {}, "f:a": {}}})
        );
        let mut new = old.clone();
        new["data"] = json!({"b": "2"});
        track_update(Some(&old), &mut new, "kubectl-edit", "Update", None, T1);
        let entries = decode(&new).unwrap();
        // The creator still owns the map it added, but not the key that is gone.
        assert_eq!(entries[0].manager, "kubectl-create");
        assert_eq!(entries[0].fields.to_fields_v1(), json!({"f:data": {}}));
        assert_eq!(
            entries[1].fields.to_fields_v1(),
            json!({"f:data": {"f:b": {}}})
        );
        let mut gone = new.clone();
        gone.as_object_mut().unwrap().remove("data");
        track_update(Some(&new), &mut gone, "kubectl-edit", "Update", None, T1);
        assert!(gone["metadata"].get("managedFields").is_none());
    }

    #[test]
    fn explicit_managed_fields_in_the_request_win_and_reset() {
        let mut old = deploy(1, "x");
        track_update(None, &mut old, "kubectl-create", "Update", None, T0);
        let mut new = old.clone();
        new["metadata"]["managedFields"] = json!([{}]);
        track_update(Some(&old), &mut new, "kubectl", "Update", None, T1);
        assert!(new["metadata"].get("managedFields").is_none());
        let mut migrated = old.clone();
        migrated["metadata"]["managedFields"][0]["manager"] = json!("kubectl");
        migrated["metadata"]["managedFields"][0]["operation"] = json!("Apply");
        track_update(Some(&old), &mut migrated, "kubectl", "Update", None, T1);
        let entries = decode(&migrated).unwrap();
        assert_eq!((entries.len(), entries[0].operation.as_str()), (1, "Apply"));
    }

    #[test]
    fn stored_objects_without_type_fields_take_them_from_the_other_side() {
        let old = deploy(1, "a");
        let mut new = deploy(1, "b");
        new.as_object_mut().unwrap().remove("apiVersion");
        new.as_object_mut().unwrap().remove("kind");
        track_update(Some(&old), &mut new, "kubectl-set", "Update", None, T1);
        let e = &decode(&new).unwrap()[0];
        assert_eq!(e.api_version, "apps/v1");
        assert_eq!(
            e.fields.to_fields_v1(),
            json!({"f:spec": {"f:template": {"f:spec": {"f:containers": {
                "k:{\"name\":\"nginx\"}": {"f:image": {}}}}}}})
        );
    }

    #[test]
    fn more_than_ten_updaters_are_merged_into_ancient_changes() {
        let mut obj = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"},
                             "data": {}});
        for i in 0..12 {
            let mut next = obj.clone();
            next["data"][format!("k{i}")] = json!("v");
            track_update(
                Some(&obj),
                &mut next,
                &format!("m{i:02}"),
                "Update",
                None,
                &format!("2026-11-21T10:00:{i:02}Z"),
            );
            obj = next;
        }
        let entries = decode(&obj).unwrap();
        assert_eq!(entries.len(), 10);
        assert_eq!(entries[0].manager, "ancient-changes");
        assert_eq!(entries[0].time.as_deref(), Some("2026-11-21T10:00:02Z"));
        assert_eq!(
            entries[0].fields.to_fields_v1(),
            json!({"f:data": {"f:k0": {}, "f:k1": {}, "f:k2": {}}})
        );
        assert_eq!(entries[1].manager, "m03");
    }

    #[test]
    fn entries_sort_apply_first_then_by_time() {
        let e = |m: &str, op: &str, t: &str| Entry {
            manager: m.into(),
            operation: op.into(),
            api_version: "v1".into(),
            time: Some(t.into()),
            subresource: String::new(),
            fields: FieldSet::from_fields_v1(&json!({"f:data": {}})).unwrap(),
        };
        let mut obj = json!({"metadata": {}});
        encode(
            &mut obj,
            vec![
                e("b", "Update", T1),
                e("a", "Update", T1),
                e("z", "Apply", T1),
                e("c", "Update", T0),
            ],
        );
        let order: Vec<&str> = obj["metadata"]["managedFields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["manager"].as_str().unwrap())
            .collect();
        assert_eq!(order, ["z", "c", "a", "b"]);
    }
}
