//! The apiserver's defaulting (what a created object gains that kubectl output depends on).
//!
//! This mirrors three upstream layers at once, because a real cluster's stored objects show the
//! result of all of them: the per-version `SetDefaults_*` functions, the create-time strategy
//! hooks (Job selector generation, pod status), and the admission plugins every real cluster
//! runs (ServiceAccount, Priority, DefaultTolerationSeconds). It also materialises the fields Go
//! always serialises because they are non-pointer structs (`resources: {}`, template
//! `metadata.creationTimestamp: null`, `status.loadBalancer: {}`), since kubectl prints them.
//!
//! Every function is idempotent: the core calls it on create, update and patch.

mod other;
mod pod;
mod workloads;

use serde_json::{Map, Value, json};

/// Fills in defaults for an object of `group`/`kind` (e.g. Deployment strategy, pod
/// restartPolicy, container terminationMessagePath, Service sessionAffinity).
///
/// For a Job created without `manualSelector: true`, this also generates the selector and the
/// template labels from `metadata.uid` (generating a uid when the object has none yet), so the
/// core should assign the uid before calling this or keep the one found here.
pub fn apply_defaults(group: &str, kind: &str, obj: &mut Value) {
    if !obj.is_object() {
        return;
    }
    match (group, kind) {
        ("", "Pod") => pod::pod(obj),
        ("", "PodTemplate") => {
            if let Some(t) = obj.get_mut("template") {
                pod::template(t);
            }
        }
        ("", "ReplicationController") => workloads::replication_controller(obj),
        ("apps", "Deployment") => workloads::deployment(obj),
        ("apps", "ReplicaSet") => workloads::replica_set(obj),
        ("apps", "DaemonSet") => workloads::daemon_set(obj),
        ("apps", "StatefulSet") => workloads::stateful_set(obj),
        ("batch", "Job") => workloads::job(obj),
        ("batch", "CronJob") => workloads::cron_job(obj),
        ("", "Service") => other::service(obj),
        ("", "Namespace") => other::namespace(obj),
        ("", "Secret") => other::secret(obj),
        ("", "PersistentVolumeClaim") => other::pvc(obj),
        ("", "PersistentVolume") => other::pv(obj),
        ("", "Endpoints") => other::endpoints(obj),
        ("discovery.k8s.io", "EndpointSlice") => other::endpoint_slice(obj),
        ("networking.k8s.io", "Ingress") => other::ingress(obj),
        ("networking.k8s.io", "NetworkPolicy") => other::network_policy(obj),
        ("storage.k8s.io", "StorageClass") => other::storage_class(obj),
        ("scheduling.k8s.io", "PriorityClass") => other::priority_class(obj),
        ("rbac.authorization.k8s.io", "RoleBinding" | "ClusterRoleBinding") => {
            other::role_binding(obj)
        }
        ("autoscaling", "HorizontalPodAutoscaler") => other::hpa(obj),
        ("policy", "PodDisruptionBudget") => other::pdb(obj),
        ("apiextensions.k8s.io", "CustomResourceDefinition") => other::crd(obj),
        _ => {}
    }
}

/// Sets `key` to `value` when it is absent or null (Go's "unset" for pointers and strings).
fn set_default(m: &mut Map<String, Value>, key: &str, value: Value) {
    match m.get(key) {
        None | Some(Value::Null) => {
            m.insert(key.to_string(), value);
        }
        Some(Value::String(s)) if s.is_empty() && value.is_string() => {
            m.insert(key.to_string(), value);
        }
        _ => {}
    }
}

/// The object at `key`, created as `{}` when absent or null; None when it is not an object.
fn child<'a>(m: &'a mut Map<String, Value>, key: &str) -> Option<&'a mut Map<String, Value>> {
    if matches!(m.get(key), None | Some(Value::Null)) {
        m.insert(key.to_string(), json!({}));
    }
    m.get_mut(key).and_then(Value::as_object_mut)
}

/// The object at `key` only if it already exists.
fn existing<'a>(m: &'a mut Map<String, Value>, key: &str) -> Option<&'a mut Map<String, Value>> {
    m.get_mut(key).and_then(Value::as_object_mut)
}

/// Each object element of the array at `key`, if any.
fn each_item(m: &mut Map<String, Value>, key: &str, mut f: impl FnMut(&mut Map<String, Value>)) {
    if let Some(items) = m.get_mut(key).and_then(Value::as_array_mut) {
        for item in items.iter_mut().filter_map(Value::as_object_mut) {
            f(item);
        }
    }
}

/// Metadata of an embedded template: Go's non-pointer `ObjectMeta` always serialises, and its
/// `creationTimestamp` marshals as null.
fn template_metadata(m: &mut Map<String, Value>) {
    if let Some(meta) = child(m, "metadata")
        && !meta.contains_key("creationTimestamp")
    {
        meta.insert("creationTimestamp".into(), Value::Null);
    }
}

/// A random RFC 4122 version-4 UUID, formatted like Go's `uuid.New().String()`.
fn new_uid() -> String {
    let mut b: [u8; 16] = rand::random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Five random characters from apimachinery's `utilrand.String` alphabet.
fn random_suffix() -> String {
    suffix_from(&new_uid())
}

/// Five characters from apimachinery's `utilrand.String` alphabet (no vowels, no look-alikes),
/// derived from `seed` rather than drawn: defaulting must give the same answer when it runs
/// again on the stored object (update validation compares defaulted specs).
fn suffix_from(seed: &str) -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    // FNV-1a: small, stable across runs and platforms.
    let mut h: u64 = 0xcbf29ce484222325;
    for b in seed.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    (0..5)
        .map(|_| {
            let c = ALPHABET[(h % ALPHABET.len() as u64) as usize] as char;
            h /= ALPHABET.len() as u64;
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_has_uuid_v4_shape() {
        let u = new_uid();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert!(matches!(&u[19..20], "8" | "9" | "a" | "b"));
        assert_eq!(u.matches('-').count(), 4);
    }

    #[test]
    fn suffix_uses_apimachinery_alphabet_and_is_stable() {
        let s = suffix_from("default/web-1");
        assert_eq!(s.len(), 5);
        assert!(s.chars().all(|c| "bcdfghjklmnpqrstvwxz2456789".contains(c)));
        assert_eq!(s, suffix_from("default/web-1"));
        assert_ne!(s, suffix_from("default/web-2"));
    }

    #[test]
    fn unknown_kinds_and_non_objects_are_untouched() {
        let mut v = json!({"spec": {"x": 1}});
        apply_defaults("example.com", "Widget", &mut v);
        assert_eq!(v, json!({"spec": {"x": 1}}));
        let mut s = json!("str");
        apply_defaults("", "Pod", &mut s);
        assert_eq!(s, json!("str"));
    }

    #[test]
    fn set_default_keeps_present_values_and_fills_empty_strings() {
        let mut m = Map::new();
        m.insert("a".into(), json!(""));
        m.insert("b".into(), json!(false));
        set_default(&mut m, "a", json!("x"));
        set_default(&mut m, "b", json!(true));
        set_default(&mut m, "c", json!(3));
        assert_eq!(Value::Object(m), json!({"a": "x", "b": false, "c": 3}));
    }
}
