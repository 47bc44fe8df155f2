//! Go's `encoding/json` type errors for built-in kinds: the apiserver decodes a body into its
//! typed struct before anything else, so a value of the wrong JSON type (a number or a list
//! in a ConfigMap's `data`, a string for `replicas`) is a 400 BadRequest:
//! `json: cannot unmarshal number into Go struct field ConfigMap.data of type string`.
//! The struct shapes come from the served OpenAPI definitions.

use serde_json::Value;

use crate::apiserver::openapi::schemas::definitions;

/// Types with their own JSON decoding, checked elsewhere or accepting any JSON.
const OPAQUE: &[&str] = &[
    "io.k8s.apimachinery.pkg.apis.meta.v1.Time",
    "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime",
    "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1",
    "io.k8s.apimachinery.pkg.api.resource.Quantity",
    "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
    "io.k8s.apimachinery.pkg.runtime.RawExtension",
    "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON",
    "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray",
    "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool",
    "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray",
];

/// The first type error decoding `obj` into the definition `def` (walked in key order).
pub(crate) fn first_error(def: &str, obj: &Value) -> Option<String> {
    let schema = definitions().get(def)?;
    let strukt = short_name(def);
    walk(schema, obj, &strukt, "")
}

fn short_name(def: &str) -> String {
    def.rsplit('.').next().unwrap_or(def).to_string()
}

/// The definition a schema refers to (`$ref`, or a lone `allOf` around one).
fn reference(schema: &Value) -> Option<&str> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        return r.rsplit('/').next();
    }
    match schema
        .get("allOf")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
    {
        Some([one]) => reference(one),
        _ => None,
    }
}

/// The Go type of a schema as the decoder names it: `string`, `int32`, `[]string`,
/// `map[string]string`, `v1.Container`.
fn go_type(schema: &Value) -> String {
    if let Some(r) = reference(schema) {
        let mut parts = r.rsplit('.');
        let name = parts.next().unwrap_or(r);
        let package = parts.next().unwrap_or("");
        return match definitions()
            .get(r)
            .and_then(|d| d.get("type"))
            .and_then(Value::as_str)
        {
            Some("string") if !OPAQUE.contains(&r) => "string".into(),
            _ => format!("{package}.{name}"),
        };
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("array") => format!("[]{}", schema.get("items").map(go_type).unwrap_or_default()),
        Some("object") => match schema.get("additionalProperties").filter(|a| a.is_object()) {
            Some(v) => format!("map[string]{}", go_type(v)),
            None => "map[string]interface {}".into(),
        },
        Some("integer") => match schema.get("format").and_then(Value::as_str) {
            Some("int32") => "int32".into(),
            _ => "int64".into(),
        },
        Some("number") => "float64".into(),
        Some("boolean") => "bool".into(),
        Some("string") if schema.get("format").and_then(Value::as_str) == Some("byte") => {
            "[]uint8".into()
        }
        _ => "string".into(),
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn mismatch(value: &str, strukt: &str, path: &str, schema: &Value) -> Option<String> {
    Some(format!(
        "json: cannot unmarshal {value} into Go struct field {strukt}.{path} of type {}",
        go_type(schema)
    ))
}

fn walk(schema: &Value, v: &Value, strukt: &str, path: &str) -> Option<String> {
    if v.is_null() {
        return None;
    }
    let mut strukt = strukt.to_string();
    let mut resolved = schema;
    if let Some(r) = reference(schema) {
        if OPAQUE.contains(&r) {
            return None;
        }
        resolved = definitions().get(r)?;
        if resolved.get("properties").is_some() {
            if !v.is_object() {
                return mismatch(json_kind(v), &strukt, path, schema);
            }
            strukt = short_name(r);
        }
    }
    let join = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    if let Some(props) = resolved.get("properties").and_then(Value::as_object) {
        let obj = v.as_object()?;
        return obj
            .iter()
            .find_map(|(k, fv)| walk(props.get(k)?, fv, &strukt, &join(k)));
    }
    let bad = |value: &str| mismatch(value, &strukt, path, schema);
    match resolved.get("type").and_then(Value::as_str) {
        Some("array") => match v.as_array() {
            None => bad(json_kind(v)),
            Some(items) => {
                let item = resolved.get("items")?;
                items.iter().find_map(|i| walk(item, i, &strukt, path))
            }
        },
        Some("object") => match (v.as_object(), resolved.get("additionalProperties")) {
            (None, _) => bad(json_kind(v)),
            (Some(m), Some(ap)) if ap.is_object() => {
                m.values().find_map(|x| walk(ap, x, &strukt, path))
            }
            _ => None,
        },
        Some("string") => (!v.is_string()).then(|| bad(json_kind(v))).flatten(),
        Some("boolean") => (!v.is_boolean()).then(|| bad(json_kind(v))).flatten(),
        Some("number") => (!v.is_number()).then(|| bad(json_kind(v))).flatten(),
        Some("integer") => {
            let Value::Number(n) = v else {
                return bad(json_kind(v));
            };
            let fits = match resolved.get("format").and_then(Value::as_str) {
                Some("int32") => n.as_i64().is_some_and(|i| i32::try_from(i).is_ok()),
                _ => n.as_i64().is_some(),
            };
            (!fits).then(|| bad(&format!("number {n}"))).flatten()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn go_decoder_messages() {
        let cm = "io.k8s.api.core.v1.ConfigMap";
        assert_eq!(first_error(cm, &json!({"data": {"a": "1"}})), None);
        assert_eq!(
            first_error(cm, &json!({"data": {"a": 1}})).as_deref(),
            Some(
                "json: cannot unmarshal number into Go struct field ConfigMap.data of type string"
            )
        );
        assert_eq!(
            first_error(cm, &json!({"data": {"b": ["x"]}})).as_deref(),
            Some("json: cannot unmarshal array into Go struct field ConfigMap.data of type string")
        );
        let deploy = "io.k8s.api.apps.v1.Deployment";
        assert_eq!(
            first_error(deploy, &json!({"spec": {"replicas": "2"}})).as_deref(),
            Some(
                "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"
            )
        );
        assert_eq!(
            first_error(deploy, &json!({"spec": "x"})).as_deref(),
            Some(
                "json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec"
            )
        );
        assert_eq!(
            first_error(deploy, &json!({"spec": {"template": {"spec": {"containers": [{"name": "a", "ports": [{"containerPort": 1.5}]}]}}}})).as_deref(),
            Some("json: cannot unmarshal number 1.5 into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32")
        );
        assert_eq!(
            first_error(
                deploy,
                &json!({"metadata": {"creationTimestamp": null, "labels": {"a": "b"}}})
            ),
            None
        );
    }
}
