//! Unit tests of the strategic merge patch beyond the kubectl fixtures (`src/patch/tests.rs`):
//! apimachinery behaviours named one by one, and a property test over generated
//! Deployments: a two-way patch applied to the old object gives the new one.

use serde_json::{Value, json};

use super::{apply, three_way, two_way};
use crate::patch::meta::Schema;
use crate::patch::{Error, to_json};

fn deploy() -> Schema<'static> {
    Schema::builtin("apps/v1", "Deployment")
}

fn pod() -> Schema<'static> {
    Schema::builtin("v1", "Pod")
}

fn tw(s: Schema<'_>, a: Value, b: Value) -> String {
    to_json(&two_way(s, &a, &b).unwrap())
}

#[test]
fn primitive_merge_lists_diff_as_sets_with_order() {
    // finalizers: removed values go to $deleteFromPrimitiveList, the new order is sent.
    let a = json!({"metadata": {"finalizers": ["x", "y", "z"]}});
    let b = json!({"metadata": {"finalizers": ["z", "w", "x"]}});
    assert_eq!(
        tw(pod(), a.clone(), b.clone()),
        r#"{"metadata":{"$deleteFromPrimitiveList/finalizers":["y"],"$setElementOrder/finalizers":["z","w","x"],"finalizers":["w"]}}"#
    );
    assert_eq!(
        apply(pod(), &a, &two_way(pod(), &a, &b).unwrap()).unwrap(),
        b
    );
    // Only the order changed: the order alone.
    assert_eq!(
        tw(
            pod(),
            json!({"metadata": {"finalizers": ["a", "b"]}}),
            json!({"metadata": {"finalizers": ["b", "a"]}})
        ),
        r#"{"metadata":{"$setElementOrder/finalizers":["b","a"]}}"#
    );
}

#[test]
fn lists_from_nothing_are_sent_whole() {
    assert_eq!(
        tw(
            pod(),
            json!({"spec": {"containers": []}}),
            json!({"spec": {"containers": [{"name": "a"}]}})
        ),
        r#"{"spec":{"containers":[{"name":"a"}]}}"#
    );
    // To nothing: every item deleted, no order.
    assert_eq!(
        tw(
            pod(),
            json!({"spec": {"containers": [{"name": "a"}, {"name": "b"}]}}),
            json!({"spec": {"containers": []}})
        ),
        r#"{"spec":{"containers":[{"$patch":"delete","name":"a"},{"$patch":"delete","name":"b"}]}}"#
    );
}

#[test]
fn retain_keys_is_sent_with_the_kept_keys() {
    let a =
        json!({"spec": {"strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1}}}});
    let b =
        json!({"spec": {"strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 2}}}});
    assert_eq!(
        tw(deploy(), a.clone(), b),
        r#"{"spec":{"strategy":{"$retainKeys":["rollingUpdate","type"],"rollingUpdate":{"maxSurge":2}}}}"#
    );
    // Nothing changed: no directive.
    assert_eq!(tw(deploy(), a.clone(), a), "{}");
}

#[test]
fn apply_retain_keys_clears_the_rest() {
    let live = json!({"spec": {"strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1}}, "replicas": 1}});
    let patch = json!({"spec": {"strategy": {"$retainKeys": ["type"], "type": "Recreate"}}});
    assert_eq!(
        apply(deploy(), &live, &patch).unwrap(),
        json!({"spec": {"strategy": {"type": "Recreate"}, "replicas": 1}})
    );
}

#[test]
fn replace_directive_and_unknown_fields() {
    // Fields the table does not know merge like maps and replace like atomic lists.
    let a = json!({"spec": {"x": {"l": [1, 2], "m": {"k": 1}}}});
    let b = json!({"spec": {"x": {"l": [2], "m": {"k": 1, "j": 2}}}});
    assert_eq!(
        tw(deploy(), a, b),
        r#"{"spec":{"x":{"l":[2],"m":{"j":2}}}}"#
    );
    // A $patch in both documents: only a change is sent.
    assert_eq!(
        tw(
            deploy(),
            json!({"a": {"$patch": "replace"}}),
            json!({"a": {"$patch": "delete"}})
        ),
        r#"{"a":{"$patch":"delete"}}"#
    );
    assert_eq!(
        two_way(deploy(), &json!({"$patch": 1}), &json!({"$patch": "x"})).unwrap_err(),
        Error::Invalid("invalid value for special key: $patch".into())
    );
}

#[test]
fn type_changes_and_numbers() {
    // int64 and float64 are different types to apimachinery.
    assert_eq!(
        tw(deploy(), json!({"a": 1}), json!({"a": 1.0})),
        r#"{"a":1}"#
    );
    assert_eq!(tw(deploy(), json!({"a": 1.5}), json!({"a": 1.5})), "{}");
    assert_eq!(
        tw(deploy(), json!({"a": [1]}), json!({"a": {"b": 1}})),
        r#"{"a":{"b":1}}"#
    );
    assert_eq!(
        tw(deploy(), json!({"a": 1}), json!({"a": null})),
        r#"{"a":null}"#
    );
}

#[test]
fn list_errors_have_apimachinery_texts() {
    let e = two_way(
        pod(),
        &json!({"spec": {"containers": [{"name": "a"}, "x"]}}),
        &json!({"spec": {"containers": [{"name": "b"}]}}),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "list element types are not identical: [[map[name:a] x] [map[name:b]]]"
    );
    let e = two_way(
        pod(),
        &json!({"spec": {"containers": [{"image": "a"}]}}),
        &json!({"spec": {"containers": [{"name": "b"}]}}),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "map: map[image:a] does not contain declared merge key: name"
    );
    let e = two_way(
        pod(),
        &json!({"metadata": {"finalizers": [["a"]]}}),
        &json!({"metadata": {"finalizers": [["b"]]}}),
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "lists of lists are not supported");
    // A directive is only read when merging into an existing map...
    assert_eq!(
        apply(pod(), &json!({}), &json!({"spec": {"$patch": 7}})).unwrap(),
        json!({})
    );
    let e = apply(pod(), &json!({"spec": {}}), &json!({"spec": {"$patch": 7}})).unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown patch type: %!s(int64=7) in map: map[$patch:7]"
    );
    let e = apply(
        pod(),
        &json!({"metadata": {"finalizers": ["a"]}}),
        &json!({"metadata": {"$deleteFromPrimitiveListx": ["a"]}}),
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "invalid patch format of primitive list");
    assert_eq!(
        apply(pod(), &json!([1]), &json!({}))
            .unwrap_err()
            .to_string(),
        "invalid JSON document"
    );
}

#[test]
fn duplicate_merge_keys_pair_in_gos_sort_order() {
    // Go's insertion sort with a `<=` comparator reverses items with equal keys; both lists
    // are reversed the same way, so the items pair up positionally and the patch lists
    // them in that reversed order.
    let a = json!({"spec": {"containers": [{"name": "c", "ports": [
        {"containerPort": 53, "protocol": "TCP"}, {"containerPort": 53, "protocol": "UDP"}]}]}});
    let b = json!({"spec": {"containers": [{"name": "c", "ports": [
        {"containerPort": 53, "protocol": "TCP", "name": "t"}, {"containerPort": 53, "protocol": "UDP", "name": "u"}]}]}});
    assert_eq!(
        tw(pod(), a, b),
        r#"{"spec":{"$setElementOrder/containers":[{"name":"c"}],"containers":[{"$setElementOrder/ports":[{"containerPort":53},{"containerPort":53}],"name":"c","ports":[{"containerPort":53,"name":"u"},{"containerPort":53,"name":"t"}]}]}}"#
    );
}

#[test]
fn three_way_conflicts_only_without_overwrite() {
    let original = json!({"spec": {"replicas": 1}});
    let modified = json!({"spec": {"replicas": 2}});
    let current = json!({"spec": {"replicas": 5}});
    let s = deploy();
    assert_eq!(
        to_json(&three_way(s, &original, &modified, &current, true).unwrap()),
        r#"{"spec":{"replicas":2}}"#
    );
    let Err(Error::Conflict(msg)) = three_way(s, &original, &modified, &current, false) else {
        panic!("no conflict");
    };
    assert_eq!(
        msg,
        "patch:\nspec:\n  replicas: 2\n\nconflicts with changes made from original to current:\nspec:\n  replicas: 5\n\n"
    );
    // Someone else's change to another field is no conflict.
    let current = json!({"spec": {"replicas": 1, "paused": true}});
    assert!(three_way(s, &original, &modified, &current, false).is_ok());
    // Merge lists conflict item by item.
    let o = json!({"spec": {"template": {"spec": {"containers": [{"name": "a", "image": "1"}]}}}});
    let m = json!({"spec": {"template": {"spec": {"containers": [{"name": "a", "image": "2"}]}}}});
    let c = json!({"spec": {"template": {"spec": {"containers": [{"name": "a", "image": "1"}, {"name": "b", "image": "9"}]}}}});
    assert!(three_way(s, &o, &m, &c, false).is_ok());
    let c = json!({"spec": {"template": {"spec": {"containers": [{"name": "a", "image": "3"}]}}}});
    assert!(matches!(
        three_way(s, &o, &m, &c, false),
        Err(Error::Conflict(_))
    ));
}

/// A small deterministic generator (xorshift), so the property test needs no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    /// A random subset of `items` in a random order.
    fn pick<'a>(&mut self, items: &[&'a str]) -> Vec<&'a str> {
        let mut v: Vec<&str> = items.iter().copied().filter(|_| self.chance(60)).collect();
        for i in (1..v.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            v.swap(i, j);
        }
        v
    }
}

fn gen_container(r: &mut Rng, name: &str) -> Value {
    let mut c = json!({"name": name, "image": format!("img:{}", r.below(3))});
    if r.chance(70) {
        c["env"] = r
            .pick(&["A", "B", "C", "D"])
            .into_iter()
            .map(|n| json!({"name": n, "value": r.below(3).to_string()}))
            .collect();
    }
    if r.chance(50) {
        c["ports"] = r
            .pick(&["80", "443", "8080"])
            .into_iter()
            .map(|p| json!({"containerPort": p.parse::<i64>().unwrap(), "protocol": "TCP"}))
            .collect();
    }
    if r.chance(40) {
        c["args"] = r
            .pick(&["x", "y", "z"])
            .into_iter()
            .map(Value::from)
            .collect();
    }
    c
}

fn gen_deployment(r: &mut Rng) -> Value {
    let mut d = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"}, "spec": {}});
    if r.chance(60) {
        let labels: serde_json::Map<String, Value> = r
            .pick(&["a", "b", "c"])
            .into_iter()
            .map(|k| (k.to_string(), Value::from(r.below(2).to_string())))
            .collect();
        d["metadata"]["labels"] = Value::Object(labels);
    }
    if r.chance(50) {
        d["metadata"]["finalizers"] = r
            .pick(&["f/1", "f/2", "f/3", "f/4"])
            .into_iter()
            .map(Value::from)
            .collect();
    }
    if r.chance(70) {
        d["spec"]["replicas"] = json!(r.below(4));
    }
    match r.below(3) {
        0 => d["spec"]["strategy"] = json!({"type": "Recreate"}),
        1 => {
            d["spec"]["strategy"] =
                json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": r.below(3)}})
        }
        _ => {}
    }
    let containers: Vec<Value> = r
        .pick(&["one", "two", "three"])
        .into_iter()
        .map(|n| gen_container(r, n))
        .collect();
    d["spec"]["template"] = json!({"spec": {"containers": containers}});
    if r.chance(50) {
        let vols: Vec<Value> = r
            .pick(&["v1", "v2"])
            .into_iter()
            .map(|n| match r.below(3) {
                0 => json!({"name": n, "emptyDir": {}}),
                1 => json!({"name": n, "configMap": {"name": "c"}}),
                _ => json!({"name": n, "secret": {"secretName": "s"}}),
            })
            .collect();
        d["spec"]["template"]["spec"]["volumes"] = Value::Array(vols);
    }
    d
}

#[test]
fn property_two_way_patch_applies_to_the_new_object() {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    for i in 0..1500 {
        let a = gen_deployment(&mut r);
        let b = gen_deployment(&mut r);
        let p = two_way(deploy(), &a, &b).unwrap();
        let got = apply(deploy(), &a, &p).unwrap();
        assert_eq!(got, b, "case {i}: patch {}\nfrom {a}", to_json(&p));
        if a == b {
            assert_eq!(to_json(&p), "{}", "case {i}");
        }
    }
}

#[test]
fn property_three_way_reaches_the_new_configuration() {
    // When nobody else changed the object (current = original), applying the three-way
    // patch gives the new configuration; applying the same configuration again sends
    // nothing.
    let mut r = Rng(0x2545_f491_4f6c_dd1d);
    for i in 0..1000 {
        let o = gen_deployment(&mut r);
        let m = gen_deployment(&mut r);
        let p = three_way(deploy(), &o, &m, &o, true).unwrap();
        assert_eq!(
            apply(deploy(), &o, &p).unwrap(),
            m,
            "case {i}: {}",
            to_json(&p)
        );
        assert_eq!(
            to_json(&three_way(deploy(), &m, &m, &m, true).unwrap()),
            "{}",
            "case {i}"
        );
    }
}

/// Random JSON built from keys and values that exercise every directive.
fn gen_noise(r: &mut Rng, depth: u32) -> Value {
    const KEYS: &[&str] = &[
        "spec",
        "template",
        "containers",
        "name",
        "env",
        "image",
        "metadata",
        "finalizers",
        "strategy",
        "volumes",
        "$patch",
        "$retainKeys",
        "$setElementOrder/containers",
        "$setElementOrder/finalizers",
        "$deleteFromPrimitiveList/finalizers",
        "$deleteFromPrimitiveList",
        "$setElementOrder",
        "ports",
        "containerPort",
    ];
    const STRS: &[&str] = &["delete", "replace", "merge", "one", "two", "x", "f/1", ""];
    match (r.below(if depth == 0 { 4 } else { 7 }), depth) {
        (0, _) => Value::Null,
        (1, _) => json!(r.below(3)),
        (2, _) => json!(STRS[r.below(STRS.len() as u64) as usize]),
        (3, _) => json!(r.chance(50)),
        (4 | 5, d) => {
            let mut m = serde_json::Map::new();
            for _ in 0..r.below(4) {
                let k = KEYS[r.below(KEYS.len() as u64) as usize];
                m.insert(k.to_string(), gen_noise(r, d - 1));
            }
            Value::Object(m)
        }
        (_, d) => Value::Array((0..r.below(4)).map(|_| gen_noise(r, d - 1)).collect()),
    }
}

#[test]
fn property_nothing_panics_on_odd_patches() {
    let mut r = Rng(0x1234_5678_9abc_def1);
    for _ in 0..1500 {
        let doc = if r.chance(50) {
            gen_deployment(&mut r)
        } else {
            gen_noise(&mut r, 4)
        };
        let patch = gen_noise(&mut r, 5);
        let _ = apply(deploy(), &doc, &patch);
        let _ = two_way(deploy(), &doc, &patch);
        let other = gen_noise(&mut r, 4);
        let _ = three_way(deploy(), &other, &patch, &doc, r.chance(50));
        let _ = crate::patch::merge::apply(&doc, &patch);
        let _ = crate::patch::merge::three_way(&other, &patch, &doc);
        let _ = crate::patch::json::apply(&doc, &gen_noise(&mut r, 3));
        let _ = crate::patch::json::apply(&doc, &gen_json_patch(&mut r));
    }
}

fn gen_json_patch(r: &mut Rng) -> Value {
    const OPS: &[&str] = &["add", "remove", "replace", "move", "copy", "test", "bogus"];
    const PATHS: &[&str] = &[
        "",
        "/",
        "/spec",
        "/spec/template/spec/containers/0",
        "/spec/template/spec/containers/-",
        "/spec/template/spec/containers/-1",
        "/spec/template/spec/containers/99",
        "/metadata/finalizers/0",
        "/metadata/finalizers/-",
        "/metadata/labels/a",
        "/a~1b/~0",
        "/spec/replicas/x",
        "spec",
        "/metadata/finalizers/+1",
        "/metadata/finalizers/-9",
    ];
    let ops: Vec<Value> = (0..r.below(5))
        .map(|_| {
            let mut op = serde_json::Map::new();
            op.insert("op".into(), json!(OPS[r.below(OPS.len() as u64) as usize]));
            if r.chance(90) {
                op.insert(
                    "path".into(),
                    json!(PATHS[r.below(PATHS.len() as u64) as usize]),
                );
            }
            if r.chance(60) {
                op.insert(
                    "from".into(),
                    json!(PATHS[r.below(PATHS.len() as u64) as usize]),
                );
            }
            if r.chance(80) {
                op.insert("value".into(), gen_noise(r, 2));
            }
            Value::Object(op)
        })
        .collect();
    Value::Array(ops)
}
