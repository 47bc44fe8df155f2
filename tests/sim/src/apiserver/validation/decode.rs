//! Values the apiserver already rejects while decoding the body (before any validation), with
//! a 400 BadRequest: JSON of the wrong type for the Go struct (`types.rs`), malformed
//! resource quantities and non-base64 Secret/ConfigMap bytes.
//! kubectl prints them as `Error from server (BadRequest): ... Secret in version "v1" cannot be
//! handled as a Secret: illegal base64 data at input byte 4`.

use serde_json::Value;

use super::super::status::ApiError;
pub(crate) use super::types::Decoder;

const QUANTITY_MSG: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/// The first decode error in `obj`, if any.
pub(crate) fn check(group: &str, kind: &str, obj: &Value) -> Result<(), ApiError> {
    let version = obj
        .get("apiVersion")
        .and_then(Value::as_str)
        .map(|av| av.rsplit('/').next().unwrap_or(av))
        .unwrap_or("v1");
    match detail(group, kind, obj, Decoder::Json) {
        None => Ok(()),
        Some(d) => Err(ApiError::bad_request(format!(
            "{kind} in version {version:?} cannot be handled as a {kind}: {d}"
        ))),
    }
}

/// What the decoder says of `obj` when it cannot be read as the kind (Go's `json:` type
/// errors or the unstructured converter's, malformed quantities, bad base64), without the
/// request-level wording.
pub(crate) fn detail(group: &str, kind: &str, obj: &Value, decoder: Decoder) -> Option<String> {
    let version = obj
        .get("apiVersion")
        .and_then(Value::as_str)
        .map(|av| av.rsplit('/').next().unwrap_or(av))
        .unwrap_or("v1");
    let typed = crate::apiserver::openapi::builtin_schema_name(group, version, kind)
        .and_then(|def| super::types::first_error(&def, obj, decoder));
    typed.or_else(|| match (group, kind) {
        ("", "Secret") => base64_maps(obj, &["data"]),
        ("", "ConfigMap") => base64_maps(obj, &["binaryData"]),
        ("", "ResourceQuota") => quantity_map(obj.pointer("/spec/hard")),
        ("", "LimitRange") => obj
            .pointer("/spec/limits")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find_map(|l| {
                [
                    "max",
                    "min",
                    "default",
                    "defaultRequest",
                    "maxLimitRequestRatio",
                ]
                .iter()
                .find_map(|k| quantity_map(l.get(*k)))
            }),
        ("", "PersistentVolumeClaim") => quantity_map(obj.pointer("/spec/resources/requests"))
            .or_else(|| quantity_map(obj.pointer("/spec/resources/limits"))),
        ("", "Pod") => pod_spec(obj.get("spec")),
        ("", "PodTemplate") => pod_spec(obj.pointer("/template/spec")),
        ("", "ReplicationController")
        | ("apps", "Deployment" | "ReplicaSet" | "DaemonSet" | "StatefulSet")
        | ("batch", "Job") => pod_spec(obj.pointer("/spec/template/spec")),
        ("batch", "CronJob") => pod_spec(obj.pointer("/spec/jobTemplate/spec/template/spec")),
        _ => None,
    })
}

fn pod_spec(spec: Option<&Value>) -> Option<String> {
    let spec = spec?;
    let containers = ["initContainers", "containers"]
        .iter()
        .filter_map(|k| spec.get(*k).and_then(Value::as_array))
        .flatten();
    for c in containers {
        for which in ["limits", "requests"] {
            if let Some(e) = quantity_map(c.get("resources").and_then(|r| r.get(which))) {
                return Some(e);
            }
        }
    }
    if let Some(e) = quantity_map(spec.get("overhead")) {
        return Some(e);
    }
    let volumes = spec
        .get("volumes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    volumes
        .filter_map(|v| v.pointer("/emptyDir/sizeLimit"))
        .find_map(|q| (!is_quantity(q)).then(|| QUANTITY_MSG.to_string()))
}

fn quantity_map(m: Option<&Value>) -> Option<String> {
    let m = m?.as_object()?;
    m.values()
        .find(|q| !is_quantity(q))
        .map(|_| QUANTITY_MSG.to_string())
}

/// `resource.ParseQuantity`'s accepted syntax: a signed decimal, then an SI/binary suffix or a
/// decimal exponent.
fn is_quantity(v: &Value) -> bool {
    if v.is_number() {
        return true;
    }
    let Some(s) = v.as_str() else { return false };
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let digits_end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, suffix) = s.split_at(digits_end);
    if num.is_empty() || num == "." || num.matches('.').count() > 1 {
        return false;
    }
    const SUFFIXES: &[&str] = &[
        "", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei",
    ];
    if SUFFIXES.contains(&suffix) {
        return true;
    }
    match suffix.strip_prefix(['e', 'E']) {
        Some(exp) => {
            let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
            !exp.is_empty() && exp.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

fn base64_maps(obj: &Value, keys: &[&str]) -> Option<String> {
    keys.iter()
        .filter_map(|k| obj.get(*k).and_then(Value::as_object))
        .flat_map(|m| m.values())
        .find_map(|v| base64_error(v.as_str().unwrap_or("")))
        .map(|at| format!("illegal base64 data at input byte {at}"))
}

/// Where Go's `base64.StdEncoding` reports `CorruptInputError` for `s`, if it does (newlines
/// are skipped, padding must complete the last quantum).
fn base64_error(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut quantum = 0;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\n' || c == b'\r' {
            i += 1;
            continue;
        }
        if c == b'=' {
            // Padding is only allowed as the 3rd/4th character of the last quantum.
            if quantum < 2 {
                return Some(i);
            }
            let needed = 4 - quantum;
            let pad: Vec<usize> = (i..bytes.len())
                .filter(|j| bytes[*j] != b'\n' && bytes[*j] != b'\r')
                .collect();
            if pad.len() < needed {
                return Some(bytes.len());
            }
            if let Some(bad) = pad.iter().take(needed).find(|j| bytes[**j] != b'=') {
                return Some(*bad);
            }
            return pad.get(needed).copied();
        }
        if !(c.is_ascii_alphanumeric() || c == b'+' || c == b'/') {
            return Some(i);
        }
        quantum = (quantum + 1) % 4;
        i += 1;
    }
    if quantum == 0 {
        None
    } else {
        let significant = bytes
            .iter()
            .filter(|b| **b != b'\n' && **b != b'\r')
            .count();
        Some(significant - quantum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn base64_positions_match_go() {
        assert_eq!(base64_error("aGk="), None);
        assert_eq!(base64_error("YWRtaW4="), None);
        assert_eq!(base64_error("cGFzc3dvcmQ="), None);
        assert_eq!(base64_error(""), None);
        assert_eq!(base64_error("admin"), Some(4));
        assert_eq!(base64_error("hello world"), Some(5));
        assert_eq!(base64_error("abc"), Some(0));
        assert_eq!(base64_error("a==="), Some(1));
        assert_eq!(base64_error("aGk=x"), Some(4));
    }

    #[test]
    fn quantities() {
        for ok in [
            "1",
            "100m",
            "1.5Gi",
            "2e3",
            "+1",
            "0.5",
            "128974848",
            "1E-3",
        ] {
            assert!(is_quantity(&json!(ok)), "{ok}");
        }
        assert!(is_quantity(&json!(2)));
        for bad in ["", "abc", "1GB", "1.2.3", "m", "1Kib"] {
            assert!(!is_quantity(&json!(bad)), "{bad}");
        }
    }

    #[test]
    fn errors_read_like_the_decoder() {
        let s = json!({"apiVersion": "v1", "kind": "Secret", "data": {"u": "admin"}});
        let e = check("", "Secret", &s).unwrap_err();
        assert_eq!(e.code, 400);
        assert_eq!(
            e.message,
            "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 4"
        );
        let d = json!({"apiVersion": "apps/v1", "spec": {"template": {"spec": {"containers": [
            {"resources": {"limits": {"memory": "1GB"}}}]}}}});
        assert_eq!(
            check("apps", "Deployment", &d).unwrap_err().message,
            format!(
                "Deployment in version \"v1\" cannot be handled as a Deployment: {QUANTITY_MSG}"
            )
        );
        assert!(
            check(
                "",
                "ConfigMap",
                &json!({"data": {"a": "not base64 at all"}})
            )
            .is_ok()
        );
    }
}
