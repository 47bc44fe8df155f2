//! `--overrides` and `--override-type` of `run` and `expose` (kubectl's `OverrideOptions`):
//! the generated object, patched with the inline JSON as a JSON merge patch (the default),
//! a JSON patch or a strategic merge patch, then decoded into its Go struct again (unknown
//! fields dropped, zero values written, [`super::shape`]).

use serde_json::Value;

use crate::patch::{self, PatchType, Schema};

/// Apply `overrides` (`""`: none) of type `override_type` to `obj`.
pub fn apply(obj: &Value, overrides: &str, override_type: &str) -> Result<Value, String> {
    if overrides.is_empty() {
        return Ok(obj.clone());
    }
    let ty = match override_type {
        "" | "merge" => PatchType::Merge,
        "json" => PatchType::Json,
        "strategic" => PatchType::Strategic,
        other => return Err(format!("invalid override type: {other}")),
    };
    let fragment: Value = match serde_json::from_str(overrides) {
        Ok(v) => v,
        // evanphx's MergePatch cannot read the patch.
        Err(_) if ty == PatchType::Merge => return Err("Invalid JSON Patch".into()),
        Err(e) => return Err(go_json_error(&e)),
    };
    let s = |k: &str| obj.get(k).and_then(Value::as_str).unwrap_or("");
    let schema = Schema::builtin(s("apiVersion"), s("kind"));
    let patched = patch::apply(schema, ty, obj, &fragment).map_err(|e| e.to_string())?;
    Ok(super::shape::normalize(&patched))
}

/// `encoding/json`'s syntax error text, as near as serde's position allows.
fn go_json_error(e: &serde_json::Error) -> String {
    if e.is_eof() {
        "unexpected end of JSON input".into()
    } else {
        format!("invalid character looking for beginning of value ({e})")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn merge_json_and_strategic() {
        let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
            "spec": {"containers": [{"name": "p", "image": "a"}]}});
        let m = apply(&pod, r#"{"spec":{"hostNetwork":true}}"#, "merge").unwrap();
        assert_eq!(m["spec"]["hostNetwork"], true);
        let s = apply(
            &pod,
            r#"{"spec":{"containers":[{"name":"p","image":"b"}]}}"#,
            "strategic",
        )
        .unwrap();
        assert_eq!(s["spec"]["containers"][0]["image"], "b");
        let j = apply(
            &pod,
            r#"[{"op":"replace","path":"/spec/containers/0/image","value":"c"}]"#,
            "json",
        )
        .unwrap();
        assert_eq!(j["spec"]["containers"][0]["image"], "c");
        assert_eq!(apply(&pod, "{", "merge").unwrap_err(), "Invalid JSON Patch");
        assert_eq!(
            apply(&pod, "{}", "x").unwrap_err(),
            "invalid override type: x"
        );
    }
}
