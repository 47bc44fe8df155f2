//! Field sets as structured-merge-diff sees them: the set of leaf paths an object sets,
//! their `FieldsV1` encoding (`f:<field>`, `k:<json keys>`, `v:<json value>`, `"."`), their
//! display in conflict messages (`.spec.containers[name="nginx"].image`), and the object
//! operations apply needs (look up, remove and merge by path).
//!
//! A path is a list of encoded elements. Members of a set are leaves (scalars, atomic lists
//! and objects, empty objects) and items of map/set lists; plain objects are not members,
//! only their fields are.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::merge_keys::{Schema, Ssa, key_default};

pub type Path = Vec<String>;

/// A set of member paths.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldSet(pub BTreeSet<Path>);

impl FieldSet {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn union(&self, other: &FieldSet) -> FieldSet {
        FieldSet(self.0.union(&other.0).cloned().collect())
    }

    pub fn difference(&self, other: &FieldSet) -> FieldSet {
        FieldSet(self.0.difference(&other.0).cloned().collect())
    }

    pub fn intersection(&self, other: &FieldSet) -> FieldSet {
        FieldSet(self.0.intersection(&other.0).cloned().collect())
    }

    /// Whether `path` or anything below it is in the set.
    pub fn covers(&self, path: &[String]) -> bool {
        self.0.iter().any(|p| p.starts_with(path))
    }

    /// Whether paths below `path` are in the set.
    pub fn has_children(&self, path: &Path) -> bool {
        // Descendants sort right after their ancestor.
        self.0
            .range(path.clone()..)
            .find(|p| *p != path)
            .is_some_and(|p| p.starts_with(path))
    }

    /// Paths in structured-merge-diff's iteration order: at each level the members, then the
    /// children, each sorted.
    pub fn ordered(&self) -> Vec<Path> {
        let mut v: Vec<Path> = self.0.iter().cloned().collect();
        v.sort_by(smd_order);
        v
    }

    /// Decodes a `fieldsV1` object.
    pub fn from_fields_v1(v: &Value) -> Option<FieldSet> {
        let mut set = BTreeSet::new();
        decode(v, &mut Vec::new(), &mut set)?;
        Some(FieldSet(set))
    }

    /// Encodes as a `fieldsV1` object.
    pub fn to_fields_v1(&self) -> Value {
        let mut root = Map::new();
        for path in &self.0 {
            let mut node = &mut root;
            for (i, el) in path.iter().enumerate() {
                let child = node
                    .entry(el.clone())
                    .or_insert_with(|| Value::Object(Map::new()));
                let child = child.as_object_mut().expect("only objects are inserted");
                if i + 1 == path.len()
                    && self
                        .0
                        .iter()
                        .any(|p| p.len() > path.len() && p.starts_with(path))
                {
                    child.insert(".".into(), Value::Object(Map::new()));
                }
                node = child;
            }
        }
        Value::Object(root)
    }
}

fn decode(v: &Value, prefix: &mut Path, out: &mut BTreeSet<Path>) -> Option<()> {
    let m = v.as_object()?;
    if m.is_empty() && !prefix.is_empty() {
        out.insert(prefix.clone());
    }
    for (k, child) in m {
        if k == "." {
            out.insert(prefix.clone());
            continue;
        }
        if !(k.starts_with("f:")
            || k.starts_with("k:")
            || k.starts_with("v:")
            || k.starts_with("i:"))
        {
            return None;
        }
        prefix.push(k.clone());
        decode(child, prefix, out)?;
        prefix.pop();
    }
    Some(())
}

fn smd_order(a: &Path, b: &Path) -> Ordering {
    for i in 0..a.len().min(b.len()) {
        let a_member = a.len() == i + 1;
        let b_member = b.len() == i + 1;
        if a[i] != b[i] {
            return match (a_member, b_member) {
                (true, false) => Ordering::Less,
                (false, true) => Ordering::Greater,
                _ => a[i].cmp(&b[i]),
            };
        }
    }
    a.len().cmp(&b.len())
}

/// `.spec.template.spec.containers[name="nginx"].image`, as in conflict messages.
pub fn display(path: &[String]) -> String {
    let mut s = String::new();
    for el in path {
        if let Some(f) = el.strip_prefix("f:") {
            s.push('.');
            s.push_str(f);
        } else if let Some(k) = el.strip_prefix("k:") {
            let keys: Map<String, Value> = serde_json::from_str(k).unwrap_or_default();
            let parts: Vec<String> = keys.iter().map(|(k, v)| format!("{k}={v}")).collect();
            s.push_str(&format!("[{}]", parts.join(",")));
        } else if let Some(v) = el.strip_prefix("v:") {
            s.push_str(&format!("[={v}]"));
        } else if let Some(i) = el.strip_prefix("i:") {
            s.push_str(&format!("[{i}]"));
        }
    }
    s
}

/// The `k:` element of a map-list item, with defaulted key fields filled in; an error names
/// the key field the item lacks.
pub fn item_key(item: &Value, keys: &[&str]) -> Result<String, String> {
    let mut m = Map::new();
    for k in keys {
        let v = match item.get(*k) {
            Some(v) if !v.is_null() => v.clone(),
            _ => match key_default(k) {
                Some(d) => Value::String(d.into()),
                None => return Err((*k).to_string()),
            },
        };
        m.insert((*k).to_string(), v);
    }
    Ok(format!("k:{}", Value::Object(m)))
}

/// Error of [`fields`]: a map-list item lacks a key field.
#[derive(Debug, PartialEq)]
pub struct MissingKey {
    pub list: String,
    pub index: usize,
    pub key: String,
}

/// Which of structured-merge-diff's two walks to mirror.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `ToFieldSet`, the set an apply configuration claims: leaves and list items only, and
    /// empty objects and lists claim nothing.
    Apply,
    /// The comparison behind update tracking, against a freshly created (zero) object: empty
    /// values are leaves (`resources: {}` is owned by whoever wrote it), and a map or
    /// optional struct is itself a member (`"."`) besides its fields, since it was added as
    /// a whole. Go value structs (`spec`, `template`) are not.
    Update,
}

/// The member paths an object sets.
pub fn fields(obj: &Value, schema: Schema, mode: Mode) -> Result<FieldSet, MissingKey> {
    let mut w = Walker {
        mode,
        out: BTreeSet::new(),
        prefix: Vec::new(),
    };
    if let Value::Object(m) = obj {
        w.object(m, schema)?;
    }
    Ok(FieldSet(w.out))
}

struct Walker {
    mode: Mode,
    out: BTreeSet<Path>,
    prefix: Path,
}

impl Walker {
    fn object(&mut self, m: &Map<String, Value>, schema: Schema) -> Result<(), MissingKey> {
        for (k, v) in m {
            let info = schema.field(k);
            self.prefix.push(format!("f:{k}"));
            let whole = info.ssa == Ssa::Default && !info.value_struct;
            if whole && self.mode == Mode::Update && v.as_object().is_some_and(|m| !m.is_empty()) {
                self.leaf();
            }
            self.value(v, info.ssa, info.schema)?;
            self.prefix.pop();
        }
        Ok(())
    }

    fn leaf(&mut self) {
        self.out.insert(self.prefix.clone());
    }

    fn value(&mut self, v: &Value, ssa: Ssa, schema: Schema) -> Result<(), MissingKey> {
        let granular_empty = match (v, ssa) {
            (Value::Object(m), Ssa::Default) => m.is_empty(),
            (Value::Array(a), Ssa::Map(_) | Ssa::Set) => a.is_empty(),
            _ => false,
        };
        if granular_empty {
            if self.mode == Mode::Update {
                self.leaf();
            }
            return Ok(());
        }
        match (v, ssa) {
            (Value::Object(m), Ssa::Default) => self.object(m, schema),
            (Value::Array(items), Ssa::Map(keys)) => {
                for (index, item) in items.iter().enumerate() {
                    let key = item_key(item, keys).map_err(|key| MissingKey {
                        list: display(&self.prefix),
                        index,
                        key,
                    })?;
                    self.prefix.push(key);
                    self.leaf();
                    if let Value::Object(m) = item {
                        self.object(m, schema)?;
                    }
                    self.prefix.pop();
                }
                Ok(())
            }
            (Value::Array(items), Ssa::Set) => {
                for item in items {
                    self.prefix.push(format!("v:{item}"));
                    self.leaf();
                    self.prefix.pop();
                }
                Ok(())
            }
            _ => {
                self.leaf();
                Ok(())
            }
        }
    }
}

/// Whether a list item matches a `k:`/`v:` element.
fn item_matches(item: &Value, el: &str, ssa: Ssa) -> bool {
    match ssa {
        Ssa::Map(keys) => item_key(item, keys).is_ok_and(|k| k == el),
        _ => el
            .strip_prefix("v:")
            .is_some_and(|v| serde_json::from_str::<Value>(v).ok().as_ref() == Some(item)),
    }
}

/// The value at `path`, if the object has it.
pub fn get<'a>(obj: &'a Value, path: &[String], schema: Schema) -> Option<&'a Value> {
    let (mut cur, mut schema, mut ssa) = (obj, schema, Ssa::Default);
    for el in path {
        if let Some(f) = el.strip_prefix("f:") {
            let info = schema.field(f);
            cur = cur.as_object()?.get(f)?;
            (schema, ssa) = (info.schema, info.ssa);
        } else {
            cur = cur
                .as_array()?
                .iter()
                .find(|item| item_matches(item, el, ssa))?;
            ssa = Ssa::Default;
        }
    }
    Some(cur)
}

/// Removes the value at `path` (a field or a list item); false if it was not there.
pub fn remove(obj: &mut Value, path: &[String], schema: Schema) -> bool {
    let Some((last, parent_path)) = path.split_last() else {
        return false;
    };
    let mut parent_ssa = Ssa::Default;
    let mut s = schema;
    // Walk to the parent, tracking the list type of the container the last element is in.
    let mut cur = obj;
    for el in parent_path {
        if let Some(f) = el.strip_prefix("f:") {
            let info = s.field(f);
            let Some(next) = cur.as_object_mut().and_then(|m| m.get_mut(f)) else {
                return false;
            };
            cur = next;
            (s, parent_ssa) = (info.schema, info.ssa);
        } else {
            let ssa = parent_ssa;
            let Some(next) = cur
                .as_array_mut()
                .and_then(|a| a.iter_mut().find(|item| item_matches(item, el, ssa)))
            else {
                return false;
            };
            cur = next;
            parent_ssa = Ssa::Default;
        }
    }
    if let Some(f) = last.strip_prefix("f:") {
        return cur.as_object_mut().and_then(|m| m.remove(f)).is_some();
    }
    let Some(list) = cur.as_array_mut() else {
        return false;
    };
    let before = list.len();
    list.retain(|item| !item_matches(item, last, parent_ssa));
    list.len() != before
}

/// Structured-merge-diff's merge of an applied configuration into the live object: objects
/// merge field by field, map lists by key, set lists as a union, everything else is replaced.
pub fn merge(live: Value, applied: Value, ssa: Ssa, schema: Schema) -> Value {
    match (live, applied, ssa) {
        (Value::Object(mut l), Value::Object(a), Ssa::Default) => {
            for (k, av) in a {
                let info = schema.field(&k);
                let lv = l.remove(&k).unwrap_or(Value::Null);
                l.insert(k, merge(lv, av, info.ssa, info.schema));
            }
            Value::Object(l)
        }
        (Value::Array(l), Value::Array(a), Ssa::Map(keys)) => {
            let key = |v: &Value| item_key(v, keys).ok();
            Value::Array(merge_items(l, a, key, |lv, av| match lv {
                Some(lv) => merge(lv, av, Ssa::Default, schema),
                None => av,
            }))
        }
        (Value::Array(l), Value::Array(a), Ssa::Set) => {
            Value::Array(merge_items(l, a, |v| Some(v.to_string()), |_, av| av))
        }
        (_, a, _) => a,
    }
}

/// Merges two keyed lists in structured-merge-diff's order: applied items in applied order,
/// live-only items kept where they were relative to the items both lists have.
fn merge_items(
    live: Vec<Value>,
    applied: Vec<Value>,
    key: impl Fn(&Value) -> Option<String>,
    merge_item: impl Fn(Option<Value>, Value) -> Value,
) -> Vec<Value> {
    let lkeys: Vec<Option<String>> = live.iter().map(&key).collect();
    let rkeys: Vec<Option<String>> = applied.iter().map(&key).collect();
    let in_applied = |k: &Option<String>| k.is_some() && rkeys.contains(k);
    let mut live: Vec<Option<Value>> = live.into_iter().map(Some).collect();
    let mut shared = rkeys
        .iter()
        .filter(|k| k.is_some() && lkeys.contains(k))
        .peekable();
    let mut out = Vec::new();
    let (mut l, mut r) = (0, 0);
    let mut applied = applied.into_iter();
    while l < live.len() || r < rkeys.len() {
        if l < live.len() && r < rkeys.len() {
            if lkeys[l].is_some() && lkeys[l] == rkeys[r] {
                let lv = live[l].take();
                out.push(merge_item(lv, applied.next().expect("r in bounds")));
                (l, r) = (l + 1, r + 1);
                shared.next();
                continue;
            }
            if in_applied(&lkeys[l]) && shared.peek().is_some_and(|s| **s != lkeys[l]) {
                // Both lists have it, but it comes later in the applied order.
                l += 1;
                continue;
            }
        }
        if l < live.len() && (!in_applied(&lkeys[l]) || r >= rkeys.len()) {
            if let Some(v) = live[l].take() {
                out.push(v);
            }
            l += 1;
            continue;
        }
        if r < rkeys.len() {
            let i = lkeys.iter().position(|k| k.is_some() && *k == rkeys[r]);
            let lv = i.and_then(|i| live[i].take());
            out.push(merge_item(lv, applied.next().expect("r in bounds")));
            if shared.peek().is_some_and(|s| **s == rkeys[r]) {
                shared.next();
            }
            r += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn deploy() -> Value {
        json!({"apiVersion": "apps/v1", "kind": "Deployment",
               "metadata": {"name": "web", "labels": {"app": "web"}, "finalizers": ["x"]},
               "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}},
                        "template": {"metadata": {"labels": {"app": "web"}},
                                     "spec": {"containers": [{"name": "nginx", "image": "nginx",
                                                              "ports": [{"containerPort": 80}],
                                                              "resources": {}}]}}}})
    }

    fn schema() -> Schema {
        Schema::root("apps", "Deployment")
    }

    #[test]
    fn fields_v1_of_a_deployment() {
        let set = fields(&deploy(), schema(), Mode::Update).unwrap();
        assert_eq!(
            set.to_fields_v1(),
            json!({"f:apiVersion": {}, "f:kind": {},
                   "f:metadata": {"f:name": {}, "f:labels": {".": {}, "f:app": {}},
                                  "f:finalizers": {"v:\"x\"": {}}},
                   "f:spec": {"f:replicas": {}, "f:selector": {},
                              "f:template": {"f:metadata": {"f:labels": {".": {}, "f:app": {}}},
                                             "f:spec": {"f:containers": {"k:{\"name\":\"nginx\"}": {
                                                 ".": {}, "f:image": {}, "f:name": {},
                                                 "f:ports": {"k:{\"containerPort\":80,\"protocol\":\"TCP\"}": {
                                                     ".": {}, "f:containerPort": {}}},
                                                 "f:resources": {}}}}}}})
        );
        assert_eq!(FieldSet::from_fields_v1(&set.to_fields_v1()), Some(set));
    }

    #[test]
    fn empty_objects_are_leaves_only_when_tracking_updates() {
        let d = json!({"spec": {"template": {"spec": {"containers": [
            {"name": "c", "resources": {}, "env": []}]}}}});
        let item: Path = [
            "f:spec",
            "f:template",
            "f:spec",
            "f:containers",
            "k:{\"name\":\"c\"}",
        ]
        .map(String::from)
        .to_vec();
        let with = |f: &str| [item.clone(), vec![f.to_string()]].concat();
        let update = fields(&d, schema(), Mode::Update).unwrap();
        assert!(update.0.contains(&with("f:resources")) && update.0.contains(&with("f:env")));
        let apply = fields(&d, schema(), Mode::Apply).unwrap();
        assert!(!apply.0.contains(&with("f:resources")) && !apply.0.contains(&with("f:env")));
        assert!(apply.0.contains(&with("f:name")));
    }

    #[test]
    fn display_and_order_like_conflict_messages() {
        let set = fields(&deploy(), schema(), Mode::Update).unwrap();
        let shown: Vec<String> = set.ordered().iter().map(|p| display(p)).collect();
        assert_eq!(shown[0], ".apiVersion");
        let i_replicas = shown.iter().position(|s| s == ".spec.replicas").unwrap();
        let i_image = shown
            .iter()
            .position(|s| s == ".spec.template.spec.containers[name=\"nginx\"].image")
            .unwrap();
        assert!(i_replicas < i_image);
        assert!(shown.contains(&".metadata.finalizers[=\"x\"]".to_string()));
        assert!(shown.contains(
            &".spec.template.spec.containers[name=\"nginx\"].ports[containerPort=80,protocol=\"TCP\"]"
                .to_string()
        ));
    }

    #[test]
    fn get_and_remove_by_path() {
        let mut d = deploy();
        let p: Path = [
            "f:spec",
            "f:template",
            "f:spec",
            "f:containers",
            "k:{\"name\":\"nginx\"}",
            "f:image",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(get(&d, &p, schema()), Some(&json!("nginx")));
        assert!(remove(&mut d, &p, schema()));
        assert!(get(&d, &p, schema()).is_none());
        assert!(remove(&mut d, &p[..5], schema()));
        assert_eq!(d["spec"]["template"]["spec"]["containers"], json!([]));
        let fin: Path = ["f:metadata", "f:finalizers", "v:\"x\""]
            .map(String::from)
            .to_vec();
        assert!(remove(&mut d, &fin, schema()));
        assert_eq!(d["metadata"]["finalizers"], json!([]));
    }

    #[test]
    fn merge_by_keys_with_defaults() {
        let live = deploy();
        let applied = json!({"spec": {"template": {"spec": {"containers": [
            {"name": "nginx", "ports": [{"containerPort": 80, "protocol": "TCP", "name": "http"}]},
            {"name": "log", "image": "fluentd"}]}}}});
        let out = merge(live, applied, Ssa::Default, schema());
        let c = &out["spec"]["template"]["spec"]["containers"];
        assert_eq!(c[0]["image"], "nginx");
        assert_eq!(
            c[0]["ports"],
            json!([{"containerPort": 80, "protocol": "TCP", "name": "http"}])
        );
        assert_eq!(c[1]["name"], "log");
    }

    #[test]
    fn merged_lists_follow_the_applied_order() {
        let keys = |v: &Value| v.get("name").map(|n| n.to_string());
        let names = |v: Vec<Value>| -> Vec<String> {
            v.iter()
                .map(|x| x["name"].as_str().unwrap().to_string())
                .collect()
        };
        let l = |ns: &[&str]| -> Vec<Value> { ns.iter().map(|n| json!({"name": n})).collect() };
        let m = |a: Vec<Value>, b: Vec<Value>| names(merge_items(a, b, keys, |_, v| v));
        assert_eq!(m(l(&["a", "b"]), l(&["n", "a"])), ["n", "a", "b"]);
        assert_eq!(m(l(&["a", "b"]), l(&["b", "a"])), ["b", "a"]);
        assert_eq!(m(l(&["a", "x", "b"]), l(&["b", "c"])), ["a", "x", "b", "c"]);
        assert_eq!(m(l(&["a", "b", "c"]), l(&["c", "a"])), ["b", "c", "a"]);
    }

    #[test]
    fn missing_key_is_reported() {
        let d = json!({"spec": {"template": {"spec": {"containers": [{"image": "x"}]}}}});
        assert_eq!(
            fields(&d, schema(), Mode::Update),
            Err(MissingKey {
                list: ".spec.template.spec.containers".into(),
                index: 0,
                key: "name".into()
            })
        );
    }
}
