//! Go's `encoding/json` type errors for built-in kinds: the apiserver decodes a body into its
//! typed struct before anything else, so a value of the wrong JSON type (a number or a list
//! in a ConfigMap's `data`, a string for `replicas`) is a 400 BadRequest:
//! `json: cannot unmarshal number into Go struct field ConfigMap.data of type string`.
//! The struct shapes come from the served OpenAPI definitions.
//!
//! A strategic merge patch is applied to maps and the result read by apimachinery's
//! unstructured converter instead, which words the same mistakes its own way
//! (`unrecognized type: int32`, `cannot convert int64 to string`, `cannot restore struct
//! from: string`): [`Decoder::Unstructured`].

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

/// Which decoder reads the object, and so whose words a type error is in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Decoder {
    /// Go's `encoding/json` on the request body (create, update, JSON and merge patches).
    Json,
    /// `runtime.DefaultUnstructuredConverter` on the map a strategic merge patch produced,
    /// where JSON integers are `int64` and other numbers `float64`.
    Unstructured,
}

/// The first type error decoding `obj` into the definition `def` (walked in key order).
pub(crate) fn first_error(def: &str, obj: &Value, decoder: Decoder) -> Option<String> {
    let schema = definitions().get(def)?;
    let strukt = short_name(def);
    Walk { decoder }.walk(schema, obj, &strukt, "")
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

/// The Go kind of a decoded JSON value, as `reflect.Kind` names it in the converter's errors.
fn unstructured_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "invalid",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_i64() => "int64",
        Value::Number(_) => "float64",
        Value::String(_) => "string",
        Value::Array(_) => "slice",
        Value::Object(_) => "map",
    }
}

struct Walk {
    decoder: Decoder,
}

impl Walk {
    /// A value of the wrong shape for a struct, slice or map (`what`), or a scalar that does
    /// not convert to the Go type `schema` names.
    fn mismatch(&self, v: &Value, strukt: &str, path: &str, schema: &Value, what: Shape) -> String {
        match self.decoder {
            Decoder::Json => {
                let value = match (what, v) {
                    (Shape::Integer, Value::Number(n)) => format!("number {n}"),
                    _ => json_kind(v).to_string(),
                };
                format!(
                    "json: cannot unmarshal {value} into Go struct field {strukt}.{path} of type {}",
                    go_type(schema)
                )
            }
            Decoder::Unstructured => {
                let kind = unstructured_kind(v);
                match what {
                    Shape::Struct => format!("cannot restore struct from: {kind}"),
                    Shape::Slice => format!("cannot restore slice from {kind}"),
                    Shape::Map => format!("cannot restore map from {kind}"),
                    // Go converts integers to strings and floats to integers (the latter
                    // refused by the converter unless whole); everything else is no
                    // conversion at all.
                    Shape::Scalar | Shape::Integer => {
                        let to = go_type(schema);
                        let convertible = match v {
                            Value::Number(n) if n.is_i64() => to == "string",
                            Value::Number(_) => what == Shape::Integer,
                            _ => false,
                        };
                        if convertible {
                            format!("cannot convert {kind} to {to}")
                        } else {
                            format!("unrecognized type: {to}")
                        }
                    }
                }
            }
        }
    }

    fn walk(&self, schema: &Value, v: &Value, strukt: &str, path: &str) -> Option<String> {
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
                    return Some(self.mismatch(v, &strukt, path, schema, Shape::Struct));
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
            let field =
                |(k, fv): (&String, &Value)| self.walk(props.get(k)?, fv, &strukt, &join(k));
            // The converter walks the Go struct's fields in order, and every kind starts with
            // TypeMeta and ObjectMeta; the rest are taken in key order.
            if self.decoder == Decoder::Unstructured && path.is_empty() {
                let first = ["apiVersion", "kind", "metadata"];
                return obj
                    .iter()
                    .filter(|(k, _)| first.contains(&k.as_str()))
                    .chain(obj.iter().filter(|(k, _)| !first.contains(&k.as_str())))
                    .find_map(field);
            }
            return obj.iter().find_map(field);
        }
        let bad = |what: Shape| Some(self.mismatch(v, &strukt, path, schema, what));
        let unstructured = self.decoder == Decoder::Unstructured;
        match resolved.get("type").and_then(Value::as_str) {
            Some("array") => match v.as_array() {
                None => bad(Shape::Slice),
                Some(items) => {
                    let item = resolved.get("items")?;
                    items.iter().find_map(|i| self.walk(item, i, &strukt, path))
                }
            },
            Some("object") => match (v.as_object(), resolved.get("additionalProperties")) {
                (None, _) => bad(Shape::Map),
                (Some(m), Some(ap)) if ap.is_object() => {
                    m.values().find_map(|x| self.walk(ap, x, &strukt, path))
                }
                _ => None,
            },
            // Bytes: the converter reads them from a string (base64, checked elsewhere).
            Some("string")
                if unstructured
                    && resolved.get("format").and_then(Value::as_str) == Some("byte") =>
            {
                (!v.is_string()).then(|| bad(Shape::Slice)).flatten()
            }
            Some("string") => (!v.is_string()).then(|| bad(Shape::Scalar)).flatten(),
            Some("boolean") => (!v.is_boolean()).then(|| bad(Shape::Scalar)).flatten(),
            Some("number") => (!v.is_number()).then(|| bad(Shape::Scalar)).flatten(),
            Some("integer") => {
                let Value::Number(n) = v else {
                    return bad(Shape::Integer);
                };
                let fits = if unstructured {
                    // The converter truncates integers silently and takes whole floats.
                    n.is_i64() || n.as_f64().is_some_and(|f| f == f.trunc())
                } else {
                    match resolved.get("format").and_then(Value::as_str) {
                        Some("int32") => n.as_i64().is_some_and(|i| i32::try_from(i).is_ok()),
                        _ => n.as_i64().is_some(),
                    }
                };
                (!fits).then(|| bad(Shape::Integer)).flatten()
            }
            _ => None,
        }
    }
}

/// What the decoder expected where a value did not fit.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
    Struct,
    Slice,
    Map,
    Integer,
    Scalar,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn go_decoder_messages() {
        let cm = "io.k8s.api.core.v1.ConfigMap";
        assert_eq!(
            first_error(cm, &json!({"data": {"a": "1"}}), Decoder::Json),
            None
        );
        assert_eq!(
            first_error(cm, &json!({"data": {"a": 1}}), Decoder::Json).as_deref(),
            Some(
                "json: cannot unmarshal number into Go struct field ConfigMap.data of type string"
            )
        );
        assert_eq!(
            first_error(cm, &json!({"data": {"b": ["x"]}}), Decoder::Json).as_deref(),
            Some("json: cannot unmarshal array into Go struct field ConfigMap.data of type string")
        );
        let deploy = "io.k8s.api.apps.v1.Deployment";
        assert_eq!(
            first_error(deploy, &json!({"spec": {"replicas": "2"}}), Decoder::Json).as_deref(),
            Some(
                "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"
            )
        );
        assert_eq!(
            first_error(deploy, &json!({"spec": "x"}), Decoder::Json).as_deref(),
            Some(
                "json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec"
            )
        );
        assert_eq!(
            first_error(deploy, &json!({"spec": {"template": {"spec": {"containers": [{"name": "a", "ports": [{"containerPort": 1.5}]}]}}}}), Decoder::Json).as_deref(),
            Some("json: cannot unmarshal number 1.5 into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32")
        );
        assert_eq!(
            first_error(
                deploy,
                &json!({"metadata": {"creationTimestamp": null, "labels": {"a": "b"}}}),
                Decoder::Json
            ),
            None
        );
    }

    #[test]
    fn unstructured_converter_messages() {
        let deploy = "io.k8s.api.apps.v1.Deployment";
        let err = |v: Value| first_error(deploy, &v, Decoder::Unstructured);
        assert_eq!(err(json!({"spec": {"replicas": 3}})), None);
        assert_eq!(err(json!({"spec": {"replicas": 3.0}})), None);
        assert_eq!(
            err(json!({"spec": {"replicas": "abc"}})).as_deref(),
            Some("unrecognized type: int32")
        );
        assert_eq!(
            err(json!({"spec": {"replicas": 1.5}})).as_deref(),
            Some("cannot convert float64 to int32")
        );
        assert_eq!(
            err(json!({"spec": "x"})).as_deref(),
            Some("cannot restore struct from: string")
        );
        let containers = |c: Value| json!({"spec": {"template": {"spec": {"containers": c}}}});
        assert_eq!(
            err(containers(json!("x"))).as_deref(),
            Some("cannot restore slice from string")
        );
        assert_eq!(
            err(containers(json!([{"name": "a", "image": 5}]))).as_deref(),
            Some("cannot convert int64 to string")
        );
        assert_eq!(
            err(containers(json!([{"name": "a", "image": true}]))).as_deref(),
            Some("unrecognized type: string")
        );
        assert_eq!(
            err(json!({"metadata": {"labels": "x"}})).as_deref(),
            Some("cannot restore map from string")
        );
        let cm = "io.k8s.api.core.v1.ConfigMap";
        assert_eq!(
            first_error(cm, &json!({"data": {"a": 5}}), Decoder::Unstructured).as_deref(),
            Some("cannot convert int64 to string")
        );
        // ObjectMeta comes before the kind's own fields in the Go struct.
        assert_eq!(
            first_error(
                cm,
                &json!({"data": {"a": 1.5}, "metadata": {"labels": "x"}}),
                Decoder::Unstructured
            )
            .as_deref(),
            Some("cannot restore map from string")
        );
    }
}
