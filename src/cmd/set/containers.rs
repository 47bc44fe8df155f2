//! Picking containers of a pod spec as kubectl's `set` does: `selectContainers` with its
//! `*` wildcards (`-c/--containers`), over `initContainers` and `containers`.

use serde_json::Value;

/// kubectl's `selectString`: `*` matches anything; otherwise `spec` with `*` wildcards,
/// matched as kubectl's loop does (quirks included).
pub fn matches(s: &str, spec: &str) -> bool {
    if spec == "*" {
        return true;
    }
    if !spec.contains('*') {
        return s == spec;
    }
    let parts: Vec<&str> = spec.split('*').collect();
    let mut pos = 0usize;
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() {
            continue;
        }
        // Go: strings.Index(s[pos:], part), compared with pos (not pos-relative).
        let next = s
            .get(pos..)
            .and_then(|rest| rest.find(part))
            .map_or(-1, |n| n as i64);
        if next < pos as i64
            || (i == 0 && pos != 0)
            || (i == parts.len() - 1 && s.len() as i64 != part.len() as i64 + next)
        {
            return false;
        }
        pos = next as usize;
    }
    true
}

/// The containers of `spec` named by `selector` (regular first, then init, as kubectl
/// appends them), mutable.
pub fn select<'a>(spec: &'a mut Value, selector: &str) -> Vec<&'a mut Value> {
    let mut regular = Vec::new();
    let mut init = Vec::new();
    if let Some(map) = spec.as_object_mut() {
        let (mut c, mut i) = (None, None);
        for (k, v) in map.iter_mut() {
            match k.as_str() {
                "containers" => c = v.as_array_mut(),
                "initContainers" => i = v.as_array_mut(),
                _ => {}
            }
        }
        for (list, into) in [(c, &mut regular), (i, &mut init)] {
            for ctr in list.into_iter().flatten() {
                if matches(name(ctr), selector) {
                    into.push(ctr);
                }
            }
        }
    }
    regular.extend(init);
    regular
}

/// A container's name.
pub fn name(c: &Value) -> &str {
    c.get("name").and_then(Value::as_str).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn wildcards_like_kubectl() {
        assert!(matches("web", "*"));
        assert!(matches("web", "web"));
        assert!(!matches("web", "we"));
        assert!(matches("web-1", "web*"));
        assert!(matches("my-web", "*web"));
        assert!(!matches("web-1", "*web"));
        assert!(!matches("api", "web*"));
    }

    #[test]
    fn regular_then_init() {
        let mut spec = json!({"initContainers": [{"name": "i"}], "containers": [{"name": "a"}, {"name": "b"}]});
        let names: Vec<String> = select(&mut spec, "*")
            .iter()
            .map(|c| name(c).to_string())
            .collect();
        assert_eq!(names, ["a", "b", "i"]);
        assert_eq!(select(&mut spec, "b").len(), 1);
    }
}
