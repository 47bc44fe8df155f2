//! Naming primitives shared by the controllers: the pod-template hash and the random suffixes
//! (apimachinery `util/rand`, kubernetes `pkg/controller` `ComputeHash`).
//!
//! Upstream hashes a Go deep-dump of the template struct, which a Rust sim cannot reproduce
//! byte for byte, and nothing depends on the exact value. What kubectl relies on is kept:
//! identical templates give identical hashes, the collision count participates, and the
//! result uses only the "safe" alphabet (no vowels, no 0/1/3), at most 10 characters.

use serde_json::Value;

/// The alphabet of `utilrand.String` and `SafeEncodeString`: no vowels, no 0, 1 or 3.
pub const SAFE_ALPHABET: &[u8; 27] = b"bcdfghjklmnpqrstvwxz2456789";

/// FNV-1a, 32 bit.
fn fnv1a32(bytes: &[u8], mut hash: u32) -> u32 {
    for b in bytes {
        hash ^= u32::from(*b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

const FNV_OFFSET: u32 = 0x811c_9dc5;

/// Maps each character of `s` through the safe alphabet (upstream `SafeEncodeString`).
pub fn safe_encode(s: &str) -> String {
    s.bytes()
        .map(|b| SAFE_ALPHABET[(b as usize) % SAFE_ALPHABET.len()] as char)
        .collect()
}

/// The `pod-template-hash` / `controller-revision-hash` of a pod template.
///
/// serde_json's map is a BTreeMap here, so `to_vec` is canonical (sorted keys). The
/// `pod-template-hash` label itself is ignored so a ReplicaSet's template hashes like its
/// Deployment's.
pub fn template_hash(template: &Value, collision_count: Option<u32>) -> String {
    let mut t = template.clone();
    if let Some(labels) = t
        .pointer_mut("/metadata/labels")
        .and_then(Value::as_object_mut)
    {
        labels.remove("pod-template-hash");
        if labels.is_empty()
            && let Some(meta) = t.get_mut("metadata").and_then(Value::as_object_mut)
        {
            meta.remove("labels");
        }
    }
    let bytes = serde_json::to_vec(&t).unwrap_or_default();
    let mut hash = fnv1a32(&bytes, FNV_OFFSET);
    if let Some(c) = collision_count {
        let mut buf = [0u8; 8];
        buf[..4].copy_from_slice(&c.to_le_bytes());
        hash = fnv1a32(&buf, hash);
    }
    safe_encode(&hash.to_string())
}

/// A random suffix of `n` characters from the safe alphabet (`utilrand.String(n)`).
pub fn random_suffix(n: usize) -> String {
    use rand::RngExt;
    let mut rng = rand::rng();
    (0..n)
        .map(|_| SAFE_ALPHABET[rng.random_range(0..SAFE_ALPHABET.len())] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn hash_is_stable_and_safe() {
        let t = json!({"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"}]}});
        let h = template_hash(&t, None);
        assert_eq!(h, template_hash(&t.clone(), None));
        assert!(h.len() <= 10 && !h.is_empty());
        assert!(h.bytes().all(|b| SAFE_ALPHABET.contains(&b)));
    }

    #[test]
    fn hash_ignores_pod_template_hash_label_and_sees_collisions() {
        let t = json!({"metadata": {"labels": {"app": "web"}}, "spec": {}});
        let mut with = t.clone();
        with["metadata"]["labels"]["pod-template-hash"] = json!("abc");
        assert_eq!(template_hash(&t, None), template_hash(&with, None));
        assert_ne!(template_hash(&t, None), template_hash(&t, Some(1)));
        let other = json!({"metadata": {"labels": {"app": "web"}}, "spec": {"x": 1}});
        assert_ne!(template_hash(&t, None), template_hash(&other, None));
    }

    #[test]
    fn safe_encode_maps_digits() {
        // b'0' is 48, and 48 % 27 = 21 → '4'.
        assert_eq!(safe_encode("0"), "4");
        assert_eq!(random_suffix(5).len(), 5);
    }
}
