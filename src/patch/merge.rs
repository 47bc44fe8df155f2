//! JSON merge patch (RFC 7386) as kubectl computes it: `jsonmergepatch.CreateMergePatch`.

use serde_json::{Map, Value};

/// RFC 7386 merge patch turning `old` into `new` (jsonmergepatch's `CreateMergePatch`).
pub fn create(old: &Value, new: &Value) -> Value {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            let mut p = Map::new();
            for (k, va) in a {
                match b.get(k) {
                    None => {
                        p.insert(k.clone(), Value::Null);
                    }
                    Some(vb) if vb != va => {
                        let sub = if va.is_object() && vb.is_object() {
                            create(va, vb)
                        } else {
                            vb.clone()
                        };
                        p.insert(k.clone(), sub);
                    }
                    Some(_) => {}
                }
            }
            for (k, vb) in b {
                if !a.contains_key(k) {
                    p.insert(k.clone(), vb.clone());
                }
            }
            Value::Object(p)
        }
        (_, n) => n.clone(),
    }
}
