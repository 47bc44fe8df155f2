//! Schema-directed transcoding of a decoded protobuf message (its `Debug` tree) into the JSON
//! the Go apiserver would produce from the same object.
//!
//! The OpenAPI schema of the kind gives the JSON field names (`podIP`, which prost turned into
//! `pod_ip`; they are matched ignoring case and underscores) and the special encodings (Time,
//! MicroTime, IntOrString, Quantity, bytes as base64, raw JSON). What the schema cannot give is
//! Go's `omitempty`: go-to-protobuf writes every non-pointer scalar, even when zero, so on the
//! wire an unset `minReadySeconds` looks like `0`. Like Go's JSON, zero scalars and empty
//! lists/maps are dropped, except for the fields listed in [`KEEP_ZERO`] / [`NULL_WHEN_EMPTY`]
//! (pointers whose zero means something, and fields without `omitempty`). Messages on the
//! wire are always kept (`"resources": {}`), like Go's non-pointer structs; a zero `Time`
//! becomes `null` (`"creationTimestamp": null`).

use base64::Engine;
use serde_json::{Map, Number, Value};

use super::debug_tree::Node;
use crate::apiserver::openapi::schemas::{REF_PREFIX, ref_name};

const META: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.";
const PROPS_OR: &str = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOr";
const JSON_SCHEMA_PROPS: &str =
    "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps";

/// (definition name suffix, JSON field) whose zero value must stay in the JSON: Go pointers
/// that clients set to 0/false on purpose, and non-`omitempty` scalars.
const KEEP_ZERO: &[(&str, &str)] = &[
    ("apps.v1.DeploymentSpec", "replicas"),
    ("apps.v1.ReplicaSetSpec", "replicas"),
    ("apps.v1.StatefulSetSpec", "replicas"),
    ("apps.v1.DeploymentSpec", "revisionHistoryLimit"),
    ("apps.v1.DeploymentSpec", "progressDeadlineSeconds"),
    ("core.v1.ReplicationControllerSpec", "replicas"),
    ("batch.v1.JobSpec", "parallelism"),
    ("batch.v1.JobSpec", "completions"),
    ("batch.v1.JobSpec", "backoffLimit"),
    ("batch.v1.JobSpec", "activeDeadlineSeconds"),
    ("batch.v1.JobSpec", "ttlSecondsAfterFinished"),
    ("batch.v1.JobSpec", "suspend"),
    ("batch.v1.JobSpec", "manualSelector"),
    ("batch.v1.CronJobSpec", "suspend"),
    ("batch.v1.CronJobSpec", "startingDeadlineSeconds"),
    ("batch.v1.CronJobSpec", "successfulJobsHistoryLimit"),
    ("batch.v1.CronJobSpec", "failedJobsHistoryLimit"),
    ("core.v1.PodSpec", "terminationGracePeriodSeconds"),
    ("core.v1.PodSpec", "activeDeadlineSeconds"),
    ("core.v1.PodSpec", "automountServiceAccountToken"),
    ("core.v1.PodSpec", "enableServiceLinks"),
    ("core.v1.PodSpec", "shareProcessNamespace"),
    ("core.v1.PodSpec", "hostUsers"),
    ("core.v1.PodSpec", "priority"),
    ("core.v1.ServiceAccount", "automountServiceAccountToken"),
    ("core.v1.ConfigMap", "immutable"),
    ("core.v1.Secret", "immutable"),
    ("core.v1.SecurityContext", "runAsUser"),
    ("core.v1.SecurityContext", "runAsGroup"),
    ("core.v1.SecurityContext", "runAsNonRoot"),
    ("core.v1.SecurityContext", "privileged"),
    ("core.v1.SecurityContext", "readOnlyRootFilesystem"),
    ("core.v1.SecurityContext", "allowPrivilegeEscalation"),
    ("core.v1.PodSecurityContext", "runAsUser"),
    ("core.v1.PodSecurityContext", "runAsGroup"),
    ("core.v1.PodSecurityContext", "runAsNonRoot"),
    ("core.v1.PodSecurityContext", "fsGroup"),
    ("core.v1.ContainerPort", "containerPort"),
    ("core.v1.ServicePort", "port"),
    ("core.v1.Probe", "terminationGracePeriodSeconds"),
    ("scheduling.v1.PriorityClass", "value"),
    ("policy.v1.PodDisruptionBudgetStatus", "disruptionsAllowed"),
    ("policy.v1.PodDisruptionBudgetStatus", "currentHealthy"),
    ("policy.v1.PodDisruptionBudgetStatus", "desiredHealthy"),
    ("policy.v1.PodDisruptionBudgetStatus", "expectedPods"),
    ("autoscaling.v1.HorizontalPodAutoscalerSpec", "maxReplicas"),
    (
        "autoscaling.v1.HorizontalPodAutoscalerStatus",
        "currentReplicas",
    ),
    (
        "autoscaling.v1.HorizontalPodAutoscalerStatus",
        "desiredReplicas",
    ),
    ("autoscaling.v2.HorizontalPodAutoscalerSpec", "maxReplicas"),
    (
        "autoscaling.v2.HorizontalPodAutoscalerStatus",
        "desiredReplicas",
    ),
    ("autoscaling.v1.ScaleSpec", "replicas"),
    ("autoscaling.v1.ScaleStatus", "replicas"),
    ("authentication.v1.TokenRequestSpec", "expirationSeconds"),
    ("DeleteOptions", "gracePeriodSeconds"),
    ("meta.v1.OwnerReference", "controller"),
    ("meta.v1.OwnerReference", "blockOwnerDeletion"),
    // Every `optional` (secret/configMap refs and volumes) and file mode is a pointer.
    ("", "optional"),
    ("", "defaultMode"),
    ("", "mode"),
    ("core.v1.PodSpec", "setHostnameAsFQDN"),
    ("core.v1.ServiceSpec", "allocateLoadBalancerNodePorts"),
    ("authorization.v1.SubjectAccessReviewStatus", "allowed"),
    ("authorization.v1.SubjectRulesReviewStatus", "incomplete"),
    ("apiextensions.v1.JSONSchemaProps", "maxLength"),
    ("apiextensions.v1.JSONSchemaProps", "minLength"),
    ("apiextensions.v1.JSONSchemaProps", "maxItems"),
    ("apiextensions.v1.JSONSchemaProps", "minItems"),
    ("apiextensions.v1.JSONSchemaProps", "maxProperties"),
    ("apiextensions.v1.JSONSchemaProps", "minProperties"),
    ("apiextensions.v1.JSONSchemaProps", "maximum"),
    ("apiextensions.v1.JSONSchemaProps", "minimum"),
    (
        "apiextensions.v1.JSONSchemaProps",
        "x-kubernetes-preserve-unknown-fields",
    ),
];

/// (definition name suffix, JSON field) of lists without `omitempty`: empty means `null`.
const NULL_WHEN_EMPTY: &[(&str, &str)] = &[
    (
        "autoscaling.v2.HorizontalPodAutoscalerStatus",
        "currentMetrics",
    ),
    ("authentication.v1.TokenRequestSpec", "audiences"),
    ("rbac.v1.Role", "rules"),
    ("rbac.v1.ClusterRole", "rules"),
    ("authorization.v1.SubjectRulesReviewStatus", "resourceRules"),
    (
        "authorization.v1.SubjectRulesReviewStatus",
        "nonResourceRules",
    ),
];

fn listed(table: &[(&str, &str)], def: &str, field: &str) -> bool {
    table
        .iter()
        .any(|(suffix, f)| *f == field && def.ends_with(suffix))
}

/// Transcodes `node` (a decoded message) as the definition `def_name`.
pub fn message_to_json(
    node: &Node,
    def_name: &str,
    defs: &Map<String, Value>,
) -> Result<Value, String> {
    let schema = serde_json::json!({ "$ref": format!("{REF_PREFIX}{def_name}") });
    convert(node, &schema, defs, "")
}

fn convert(
    node: &Node,
    schema: &Value,
    defs: &Map<String, Value>,
    at: &str,
) -> Result<Value, String> {
    let (name, schema) = match ref_name(schema) {
        Some(n) => (
            n,
            defs.get(n).ok_or_else(|| format!("{at}: no schema {n}"))?,
        ),
        None => ("", schema),
    };
    if let Some(v) = special(node, name, schema, defs, at)? {
        return Ok(v);
    }
    match node {
        Node::Struct(_, fields) => {
            // A message without properties in its schema is an empty Go struct
            // (CustomResourceSubresourceStatus): `{}`.
            let no_props = Map::new();
            let props = schema
                .get("properties")
                .and_then(Value::as_object)
                .unwrap_or(&no_props);
            let mut out = Map::new();
            for (rust_name, value) in fields {
                if *value == Node::Null {
                    continue;
                }
                let Some((json_name, prop)) = props.iter().find(|(p, _)| same_name(p, rust_name))
                else {
                    // Go structs embedded with `json:",inline"` (Probe's ProbeHandler, Volume's
                    // VolumeSource, IngressRule's IngressRuleValue) are nested messages in
                    // proto but flat in JSON: their fields are the parent's properties.
                    if let Node::Struct(..) = value {
                        let flat = convert(
                            value,
                            &Value::Object(schema.as_object().cloned().unwrap_or_default()),
                            defs,
                            at,
                        )?;
                        if let Value::Object(m) = flat {
                            out.extend(m);
                        }
                    }
                    // Otherwise a field the 1.33 schema lacks (k8s-pb may be newer): dropped,
                    // like the real apiserver drops proto fields it does not know.
                    continue;
                };
                let path = format!("{at}.{json_name}");
                let v = convert(value, prop, defs, &path)?;
                let empty_collection = matches!(value, Node::List(_) | Node::Map(_))
                    && (v.as_array().is_some_and(Vec::is_empty)
                        || v.as_object().is_some_and(Map::is_empty));
                if empty_collection {
                    if listed(NULL_WHEN_EMPTY, name, json_name) {
                        out.insert(json_name.clone(), Value::Null);
                    }
                    continue;
                }
                let scalar = matches!(value, Node::Str(_) | Node::Num(_) | Node::Bool(_));
                if scalar && is_zero_scalar(&v) && !listed(KEEP_ZERO, name, json_name) {
                    continue;
                }
                out.insert(json_name.clone(), v);
            }
            Ok(Value::Object(out))
        }
        Node::List(items) => {
            if schema.get("format").and_then(Value::as_str) == Some("byte") {
                return bytes(items, at)
                    .map(|b| Value::String(base64::engine::general_purpose::STANDARD.encode(b)));
            }
            let item_schema = schema
                .get("items")
                .ok_or_else(|| format!("{at}: a list where the schema has none"))?;
            let out: Result<Vec<Value>, String> = items
                .iter()
                .enumerate()
                .map(|(i, n)| convert(n, item_schema, defs, &format!("{at}[{i}]")))
                .collect();
            Ok(Value::Array(out?))
        }
        Node::Map(entries) => {
            let value_schema = schema
                .get("additionalProperties")
                .ok_or_else(|| format!("{at}: a map where the schema has none"))?;
            let mut out = Map::new();
            for (k, v) in entries {
                let Node::Str(key) = k else {
                    return Err(format!("{at}: a map key is not a string"));
                };
                out.insert(
                    key.clone(),
                    convert(v, value_schema, defs, &format!("{at}.{key}"))?,
                );
            }
            Ok(Value::Object(out))
        }
        Node::Str(s) => Ok(Value::String(s.clone())),
        Node::Bool(b) => Ok(Value::Bool(*b)),
        Node::Num(n) => number(n, at),
        Node::Null => Ok(Value::Null),
    }
}

/// The types whose JSON form is not their proto structure.
fn special(
    node: &Node,
    name: &str,
    schema: &Value,
    defs: &Map<String, Value>,
    at: &str,
) -> Result<Option<Value>, String> {
    let Node::Struct(struct_name, fields) = node else {
        return Ok(None);
    };
    let field = |f: &str| fields.iter().find(|(n, _)| same_name(f, n)).map(|x| &x.1);
    let int = |f: &str| -> Result<i64, String> {
        match field(f) {
            None | Some(Node::Null) => Ok(0),
            Some(Node::Num(n)) => n.parse().map_err(|_| format!("{at}: bad {f} {n}")),
            Some(_) => Err(format!("{at}: {f} is not a number")),
        }
    };
    let string = |f: &str| match field(f) {
        Some(Node::Str(s)) => s.clone(),
        _ => String::new(),
    };
    let raw_json = |f: &str| -> Result<Value, String> {
        match field(f) {
            None | Some(Node::Null) => Ok(Value::Null),
            Some(Node::List(items)) => {
                let b = bytes(items, at)?;
                if b.is_empty() {
                    return Ok(Value::Null);
                }
                serde_json::from_slice(&b).map_err(|e| format!("{at}: raw JSON: {e}"))
            }
            Some(_) => Err(format!("{at}: {f} is not bytes")),
        }
    };
    let v = match name.strip_prefix(META).unwrap_or(name) {
        "Time" => {
            let (s, n) = (int("seconds")?, int("nanos")?);
            if s == 0 && n == 0 {
                Value::Null
            } else {
                Value::String(timestamp(s, n, false, at)?)
            }
        }
        "MicroTime" => {
            let (s, n) = (int("seconds")?, int("nanos")?);
            if s == 0 && n == 0 {
                Value::Null
            } else {
                Value::String(timestamp(s, n, true, at)?)
            }
        }
        "io.k8s.apimachinery.pkg.util.intstr.IntOrString" => {
            if int("type")? == 1 {
                Value::String(string("strVal"))
            } else {
                Value::from(int("intVal")?)
            }
        }
        "io.k8s.apimachinery.pkg.api.resource.Quantity" => Value::String(string("string")),
        "FieldsV1" | "io.k8s.apimachinery.pkg.runtime.RawExtension" => raw_json("raw")?,
        "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON" => raw_json("raw")?,
        n if n.starts_with(PROPS_OR) => {
            // JSONSchemaPropsOrBool/OrArray/OrStringArray: JSON holds either the schema or the
            // bool / list alternative, whichever proto field is set.
            let props = serde_json::json!({ "$ref": format!("{REF_PREFIX}{JSON_SCHEMA_PROPS}") });
            let schema_alt = match field("schema") {
                Some(n @ Node::Struct(..)) => Some(convert(n, &props, defs, at)?),
                _ => None,
            };
            match &n[PROPS_OR.len()..] {
                "Bool" => {
                    schema_alt.unwrap_or(Value::Bool(field("allows") == Some(&Node::Bool(true))))
                }
                "Array" => match field("JSONSchemas") {
                    Some(Node::List(items)) if !items.is_empty() => Value::Array(
                        items
                            .iter()
                            .map(|i| convert(i, &props, defs, at))
                            .collect::<Result<_, _>>()?,
                    ),
                    _ => schema_alt.unwrap_or(Value::Null),
                },
                "StringArray" => match field("property") {
                    Some(Node::List(items)) if !items.is_empty() => Value::Array(
                        items
                            .iter()
                            .map(|i| convert(i, &serde_json::json!({"type": "string"}), defs, at))
                            .collect::<Result<_, _>>()?,
                    ),
                    _ => schema_alt.unwrap_or(Value::Null),
                },
                _ => return Ok(None),
            }
        }
        _ if struct_name == "Duration"
            && schema.get("type").and_then(Value::as_str) == Some("string") =>
        {
            Value::String(go_duration(int("duration")?))
        }
        _ => return Ok(None),
    };
    Ok(Some(v))
}

/// prost's snake_case of a proto (= JSON) name, compared on letters and digits only, without
/// case (`podIPs` ~ `pod_i_ps`, `$ref` ~ `r#ref`, `x-kubernetes-list-type` ~
/// `x_kubernetes_list_type`).
fn same_name(json_name: &str, rust_name: &str) -> bool {
    let rust = rust_name.trim_start_matches("r#");
    let norm = |s: &str| {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect::<String>()
    };
    norm(json_name) == norm(rust)
}

fn is_zero_scalar(v: &Value) -> bool {
    match v {
        Value::Bool(b) => !b,
        Value::String(s) => s.is_empty(),
        Value::Number(n) => n.as_f64() == Some(0.0),
        _ => false,
    }
}

fn number(text: &str, at: &str) -> Result<Value, String> {
    if let Ok(i) = text.parse::<i64>() {
        return Ok(Value::from(i));
    }
    if let Ok(u) = text.parse::<u64>() {
        return Ok(Value::from(u));
    }
    let f: f64 = text
        .parse()
        .map_err(|_| format!("{at}: bad number {text}"))?;
    // Go writes an integral float64 without a fraction (`0`, not `0.0`).
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return Ok(Value::from(f as i64));
    }
    Number::from_f64(f)
        .map(Value::Number)
        .ok_or_else(|| format!("{at}: {text} has no JSON form"))
}

fn bytes(items: &[Node], at: &str) -> Result<Vec<u8>, String> {
    items
        .iter()
        .map(|n| match n {
            Node::Num(x) => x.parse::<u8>().map_err(|_| format!("{at}: bad byte {x}")),
            _ => Err(format!("{at}: bytes expected")),
        })
        .collect()
}

/// metav1.Time marshals as RFC 3339 in UTC with whole seconds; MicroTime with 6 digits.
fn timestamp(seconds: i64, nanos: i64, micro: bool, at: &str) -> Result<String, String> {
    let nanos = u32::try_from(nanos).map_err(|_| format!("{at}: bad nanos {nanos}"))?;
    let t = chrono::DateTime::from_timestamp(seconds, nanos)
        .ok_or_else(|| format!("{at}: time out of range"))?;
    Ok(if micro {
        t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    })
}

/// Go's `time.Duration.String()`: `1h2m3.5s`, `1.5s`, `100ms`, `0s`.
pub fn go_duration(nanos: i64) -> String {
    if nanos == 0 {
        return "0s".into();
    }
    let sign = if nanos < 0 { "-" } else { "" };
    let n = nanos.unsigned_abs();
    let frac = |value: u64, unit: u64| -> String {
        let whole = value / unit;
        let rest = value % unit;
        if rest == 0 {
            return whole.to_string();
        }
        let width = unit.to_string().len() - 1;
        let digits = format!("{rest:0width$}");
        format!("{whole}.{}", digits.trim_end_matches('0'))
    };
    if n < 1_000 {
        return format!("{sign}{n}ns");
    }
    if n < 1_000_000 {
        return format!("{sign}{}µs", frac(n, 1_000));
    }
    if n < 1_000_000_000 {
        return format!("{sign}{}ms", frac(n, 1_000_000));
    }
    let secs_total = n / 1_000_000_000;
    let (h, m) = (secs_total / 3600, (secs_total / 60) % 60);
    let s = frac(n % 60_000_000_000, 1_000_000_000);
    if h > 0 {
        format!("{sign}{h}h{m}m{s}s")
    } else if m > 0 {
        format!("{sign}{m}m{s}s")
    } else {
        format!("{sign}{s}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_duration_matches_go() {
        assert_eq!(go_duration(0), "0s");
        assert_eq!(go_duration(1_500_000_000), "1.5s");
        assert_eq!(go_duration(600_000_000_000), "10m0s");
        assert_eq!(go_duration(3_723_500_000_000), "1h2m3.5s");
        assert_eq!(go_duration(100_000_000), "100ms");
        assert_eq!(go_duration(1_500), "1.5µs");
        assert_eq!(go_duration(7), "7ns");
        assert_eq!(go_duration(-2_000_000_000), "-2s");
    }

    #[test]
    fn names_match_across_prost_snake_case() {
        assert!(same_name("podIPs", "pod_i_ps"));
        assert!(same_name("type", "r#type"));
        assert!(same_name(
            "targetCPUUtilizationPercentage",
            "target_cpu_utilization_percentage"
        ));
        assert!(!same_name("podIP", "pod_i_ps"));
        assert!(same_name("$ref", "r#ref"));
        assert!(same_name(
            "x-kubernetes-list-type",
            "x_kubernetes_list_type"
        ));
        assert!(same_name("JSONSchemas", "j_son_schemas"));
    }

    #[test]
    fn timestamps_are_go_rfc3339() {
        assert_eq!(
            timestamp(1704164645, 0, false, "").unwrap(),
            "2024-01-02T03:04:05Z"
        );
        assert_eq!(
            timestamp(1704164645, 123456789, true, "").unwrap(),
            "2024-01-02T03:04:05.123456Z"
        );
    }
}
