//! Protobuf request bodies (`application/vnd.kubernetes.protobuf`), transcoded to JSON.
//!
//! client-go's typed clients (every `kubectl create <generator>`, `autoscale`, `create token`)
//! send protobuf and cannot fall back to JSON on a 415, so the sim must read it. The body is
//! `k8s\0` + a `runtime.Unknown` {typeMeta, raw}; `raw` is decoded by prost as the `k8s-pb`
//! message of that GVK ([`kinds`]), then transcoded to JSON by walking the message against the
//! kind's OpenAPI schema ([`to_json`]), so the apiserver core only ever sees JSON.

pub mod debug_tree;
pub mod kinds;
pub mod to_json;

use prost::Message;
use serde_json::Value;

use super::status::ApiError;

/// The 4 magic bytes before a `runtime.Unknown` envelope.
pub const MAGIC: &[u8; 4] = b"k8s\0";

/// Decodes a protobuf body into the JSON object it stands for (apiVersion and kind set).
pub fn decode(body: &[u8]) -> Result<Value, ApiError> {
    let unrecognized = |detail: String| {
        ApiError::bad_request(format!("the object provided is unrecognized: {detail}"))
    };
    let envelope = body.strip_prefix(MAGIC.as_slice()).ok_or_else(|| {
        unrecognized("protobuf body does not start with the \"k8s\\x00\" prefix".into())
    })?;
    let unknown = k8s_pb::apimachinery::pkg::runtime::Unknown::decode(envelope)
        .map_err(|e| unrecognized(format!("protobuf envelope: {e}")))?;
    let encoding = unknown.content_encoding.as_deref().unwrap_or("");
    if !encoding.is_empty() {
        return Err(ApiError::new(
            415,
            "UnsupportedMediaType",
            format!("the body of the request uses the unsupported content encoding {encoding:?}"),
        ));
    }
    let type_meta = unknown.type_meta.unwrap_or_default();
    let api_version = type_meta.api_version.unwrap_or_default();
    let kind = type_meta.kind.unwrap_or_default();
    if api_version.is_empty() || kind.is_empty() {
        return Err(unrecognized(format!(
            "protobuf envelope without apiVersion/kind (apiVersion {api_version:?}, kind {kind:?})"
        )));
    }
    let Some(entry) = kinds::find(&api_version, &kind) else {
        return Err(ApiError::new(
            415,
            "UnsupportedMediaType",
            format!(
                "the body of the request was in an unknown format - protobuf is not supported for \
                 {api_version}, Kind={kind}; accepted media types include: application/json, \
                 application/yaml"
            ),
        ));
    };
    let raw = unknown.raw.unwrap_or_default();
    let debug = (entry.decode_debug)(&raw).map_err(|e| {
        // The apiserver's wording when the envelope named a GVK (transformDecodeError).
        ApiError::bad_request(format!(
            "{kind} in version {:?} cannot be handled as a {kind}: {e}",
            entry.version()
        ))
    })?;
    let transcode = |debug: &str| -> Result<Value, String> {
        let tree = debug_tree::parse(debug)?;
        let defs = super::openapi::schemas::definitions();
        to_json::message_to_json(&tree, &(entry.schema_name)(), defs)
    };
    // Any failure here is a sim bug (prost accepted the bytes), not the client's.
    let mut obj = transcode(&debug).map_err(|e| {
        ApiError::new(
            500,
            "InternalError",
            format!("transcoding {api_version}, Kind={kind}: {e}"),
        )
    })?;
    if let Value::Object(map) = &mut obj {
        map.insert("apiVersion".into(), Value::String(api_version));
        map.insert("kind".into(), Value::String(kind));
    }
    Ok(obj)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/tests/fixtures/protobuf/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn hex_fixture(name: &str) -> Vec<u8> {
        let text = String::from_utf8(fixture(&format!("{name}.hex"))).unwrap();
        let hex: String = text.split_whitespace().collect();
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect()
    }

    /// The body kubectl 1.33 POSTed must decode to exactly the JSON that the same command
    /// prints with `--dry-run=client -o json` (Go's JSON of the same object).
    fn assert_matches_dry_run(name: &str) {
        let got = decode(&hex_fixture(name)).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let want: Value = serde_json::from_slice(&fixture(&format!("{name}.json"))).unwrap();
        assert_eq!(
            got,
            want,
            "{name}:\n{}",
            serde_json::to_string_pretty(&got).unwrap()
        );
    }

    #[test]
    fn kubectl_create_bodies_decode_to_their_json() {
        for name in [
            "deployment",
            "deployment-zero-replicas",
            "namespace",
            "configmap",
            "secret",
            "service-clusterip",
            "service-nodeport",
            "job",
            "cronjob",
            "serviceaccount",
            "ingress",
            "role",
            "rolebinding",
            "clusterrole",
            "clusterrolebinding",
            "resourcequota",
            "priorityclass",
            "poddisruptionbudget",
            "hpa-v2",
            "clusterrole-aggregated",
            "secret-dockerregistry",
            "deployment-multi",
            "job-from-cronjob",
        ] {
            assert_matches_dry_run(name);
        }
    }

    #[test]
    fn token_request_and_hpa_v1() {
        // `kubectl create token sa --duration=10m --audience=a1` (no --dry-run exists for it).
        assert_eq!(
            decode(&hex_fixture("tokenrequest")).unwrap(),
            expected_token()
        );
        // `kubectl autoscale deployment d --min=2 --max=5 --cpu-percent=80` against a server
        // whose autoscaling/v2 failed: the autoscaling/v1 fallback body.
        assert_eq!(
            decode(&hex_fixture("hpa-v1")).unwrap(),
            json!({"apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler",
                   "metadata": {"name": "d", "creationTimestamp": null},
                   "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment",
                                               "name": "d"},
                            "minReplicas": 2, "maxReplicas": 5,
                            "targetCPUUtilizationPercentage": 80},
                   "status": {"currentReplicas": 0, "desiredReplicas": 0}})
        );
    }

    #[test]
    fn kubectl_auth_reviews() {
        let review = |name| decode(&hex_fixture(name)).unwrap();
        // `kubectl auth can-i create deployments.apps -n kube-system`
        assert_eq!(
            review("selfsubjectaccessreview"),
            json!({"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
                   "metadata": {"creationTimestamp": null},
                   "spec": {"resourceAttributes": {"namespace": "kube-system", "verb": "create",
                                                   "group": "apps", "resource": "deployments"}},
                   "status": {"allowed": false}})
        );
        // `kubectl auth can-i list pods --subresource=log`
        assert_eq!(
            review("selfsubjectaccessreview-subresource")["spec"],
            json!({"resourceAttributes": {"namespace": "default", "verb": "list",
                                          "resource": "pods", "subresource": "log"}})
        );
        // `kubectl auth whoami`
        assert_eq!(
            review("selfsubjectreview"),
            json!({"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview",
                   "metadata": {"creationTimestamp": null}, "status": {"userInfo": {}}})
        );
        // `kubectl auth can-i --list`
        assert_eq!(
            review("selfsubjectrulesreview"),
            json!({"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectRulesReview",
                   "metadata": {"creationTimestamp": null}, "spec": {"namespace": "default"},
                   "status": {"resourceRules": null, "nonResourceRules": null,
                              "incomplete": false}})
        );
    }

    fn expected_token() -> Value {
        // kubectl leaves the TokenRequest unnamed (the URL names the ServiceAccount). The empty
        // status.token is dropped like every empty string (the server fills it anyway).
        json!({"apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest",
               "metadata": {"creationTimestamp": null},
               "spec": {"audiences": ["a1"], "expirationSeconds": 600},
               "status": {"expirationTimestamp": null}})
    }

    #[test]
    fn secret_bytes_are_base64() {
        let got = decode(&hex_fixture("secret")).unwrap();
        assert_eq!(got["data"], json!({"pw": "cEBzcw==", "user": "YWRtaW4="}));
    }

    #[test]
    fn bad_bodies_are_refused_with_a_status() {
        let e = decode(b"{\"kind\":\"Pod\"}").unwrap_err();
        assert_eq!((e.code, e.reason.as_str()), (400, "BadRequest"));
        assert!(e.message.contains("k8s\\x00"), "{}", e.message);

        let mut body = hex_fixture("deployment");
        body.truncate(body.len() - 20);
        let e = decode(&body).unwrap_err();
        assert_eq!(
            (e.code, e.reason.as_str()),
            (400, "BadRequest"),
            "{}",
            e.message
        );

        // A valid envelope whose raw bytes are not a Deployment message.
        let mut body = MAGIC.to_vec();
        body.extend(envelope("apps/v1", "Deployment", &[0x0a, 0x05, 0x0a]));
        let e = decode(&body).unwrap_err();
        assert_eq!(e.code, 400, "{}", e.message);
        assert!(
            e.message
                .starts_with("Deployment in version \"v1\" cannot be handled as a Deployment: ")
        );

        let mut body = MAGIC.to_vec();
        body.extend(envelope("stable.example.com/v1", "CronTab", &[]));
        let e = decode(&body).unwrap_err();
        assert_eq!((e.code, e.reason.as_str()), (415, "UnsupportedMediaType"));
        assert!(
            e.message.contains("stable.example.com/v1, Kind=CronTab"),
            "{}",
            e.message
        );
    }

    #[test]
    fn times_int_or_string_and_quantities() {
        use k8s_pb::api::core::v1 as core;
        use k8s_pb::apimachinery::pkg::api::resource::Quantity;
        use k8s_pb::apimachinery::pkg::apis::meta::v1 as meta;
        use k8s_pb::apimachinery::pkg::util::intstr::IntOrString;
        let pod = core::Pod {
            metadata: Some(meta::ObjectMeta {
                name: Some("p".into()),
                creation_timestamp: Some(meta::Time {
                    seconds: Some(1704164645),
                    nanos: Some(0),
                }),
                ..Default::default()
            }),
            spec: Some(core::PodSpec {
                containers: vec![core::Container {
                    name: Some("c".into()),
                    resources: Some(core::ResourceRequirements {
                        limits: [(
                            "cpu".to_string(),
                            Quantity {
                                string: Some("500m".into()),
                            },
                        )]
                        .into(),
                        ..Default::default()
                    }),
                    readiness_probe: Some(core::Probe {
                        handler: Some(core::ProbeHandler {
                            http_get: Some(core::HttpGetAction {
                                port: Some(IntOrString {
                                    r#type: Some(1),
                                    int_val: Some(0),
                                    str_val: Some("http".into()),
                                }),
                                ..Default::default()
                            }),
                            ..Default::default()
                        }),
                        ..Default::default()
                    }),
                    ..Default::default()
                }],
                ..Default::default()
            }),
            status: None,
        };
        let mut body = MAGIC.to_vec();
        body.extend(envelope("v1", "Pod", &pod.encode_to_vec()));
        assert_eq!(
            decode(&body).unwrap(),
            json!({"apiVersion": "v1", "kind": "Pod",
                   "metadata": {"name": "p", "creationTimestamp": "2024-01-02T03:04:05Z"},
                   "spec": {"containers": [{"name": "c",
                       "resources": {"limits": {"cpu": "500m"}},
                       "readinessProbe": {"httpGet": {"port": "http"}}}]}})
        );
    }

    #[test]
    fn crd_schemas_with_raw_json_and_either_or_types() {
        use k8s_pb::apiextensions_apiserver::pkg::apis::apiextensions::v1 as ext;
        use k8s_pb::apimachinery::pkg::apis::meta::v1 as meta;
        let props = |ty: &str| ext::JsonSchemaProps {
            r#type: Some(ty.into()),
            ..Default::default()
        };
        let spec_schema = ext::JsonSchemaProps {
            r#type: Some("object".into()),
            properties: [
                (
                    "replicas".to_string(),
                    ext::JsonSchemaProps {
                        r#type: Some("integer".into()),
                        default: Some(ext::Json {
                            raw: Some(b"3".to_vec()),
                        }),
                        minimum: Some(0.0),
                        ..Default::default()
                    },
                ),
                (
                    "tags".to_string(),
                    ext::JsonSchemaProps {
                        r#type: Some("array".into()),
                        items: Some(Box::new(ext::JsonSchemaPropsOrArray {
                            schema: Some(Box::new(props("string"))),
                            j_son_schemas: vec![],
                        })),
                        x_kubernetes_list_type: Some("set".into()),
                        ..Default::default()
                    },
                ),
                (
                    "labels".to_string(),
                    ext::JsonSchemaProps {
                        r#type: Some("object".into()),
                        additional_properties: Some(Box::new(ext::JsonSchemaPropsOrBool {
                            allows: Some(true),
                            schema: Some(Box::new(props("string"))),
                        })),
                        ..Default::default()
                    },
                ),
                (
                    "extra".to_string(),
                    ext::JsonSchemaProps {
                        r#type: Some("object".into()),
                        x_kubernetes_preserve_unknown_fields: Some(true),
                        additional_properties: Some(Box::new(ext::JsonSchemaPropsOrBool {
                            allows: Some(false),
                            schema: None,
                        })),
                        ..Default::default()
                    },
                ),
            ]
            .into(),
            ..Default::default()
        };
        let crd = ext::CustomResourceDefinition {
            metadata: Some(meta::ObjectMeta {
                name: Some("crontabs.stable.example.com".into()),
                ..Default::default()
            }),
            spec: Some(ext::CustomResourceDefinitionSpec {
                group: Some("stable.example.com".into()),
                names: Some(ext::CustomResourceDefinitionNames {
                    plural: Some("crontabs".into()),
                    kind: Some("CronTab".into()),
                    ..Default::default()
                }),
                scope: Some("Namespaced".into()),
                versions: vec![ext::CustomResourceDefinitionVersion {
                    name: Some("v1".into()),
                    served: Some(true),
                    storage: Some(true),
                    schema: Some(ext::CustomResourceValidation {
                        open_apiv3_schema: Some(spec_schema),
                    }),
                    subresources: Some(ext::CustomResourceSubresources {
                        status: Some(ext::CustomResourceSubresourceStatus {}),
                        scale: None,
                    }),
                    ..Default::default()
                }],
                ..Default::default()
            }),
            status: None,
        };
        let mut body = MAGIC.to_vec();
        body.extend(envelope(
            "apiextensions.k8s.io/v1",
            "CustomResourceDefinition",
            &crd.encode_to_vec(),
        ));
        let got = decode(&body).unwrap();
        assert_eq!(
            got["spec"]["versions"][0]["schema"]["openAPIV3Schema"],
            json!({"type": "object", "properties": {
                "replicas": {"type": "integer", "default": 3, "minimum": 0},
                "tags": {"type": "array", "items": {"type": "string"},
                         "x-kubernetes-list-type": "set"},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": true,
                          "additionalProperties": false}}})
        );
        assert_eq!(
            got["spec"]["names"],
            json!({"plural": "crontabs", "kind": "CronTab"})
        );
        assert_eq!(got["spec"]["versions"][0]["served"], json!(true));
        assert_eq!(
            got["spec"]["versions"][0]["subresources"],
            json!({"status": {}})
        );
    }

    #[test]
    fn int_or_string_zero_and_micro_time_survive() {
        use k8s_pb::api::apps::v1 as apps;
        use k8s_pb::api::coordination::v1 as coordination;
        use k8s_pb::apimachinery::pkg::apis::meta::v1 as meta;
        use k8s_pb::apimachinery::pkg::util::intstr::IntOrString;
        let int = |i| IntOrString {
            r#type: Some(0),
            int_val: Some(i),
            str_val: Some(String::new()),
        };
        let d = apps::Deployment {
            spec: Some(apps::DeploymentSpec {
                min_ready_seconds: Some(0),
                paused: Some(false),
                strategy: Some(apps::DeploymentStrategy {
                    r#type: Some("RollingUpdate".into()),
                    rolling_update: Some(apps::RollingUpdateDeployment {
                        max_unavailable: Some(int(0)),
                        max_surge: Some(IntOrString {
                            r#type: Some(1),
                            int_val: Some(0),
                            str_val: Some("25%".into()),
                        }),
                    }),
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        let mut body = MAGIC.to_vec();
        body.extend(envelope("apps/v1", "Deployment", &d.encode_to_vec()));
        assert_eq!(
            decode(&body).unwrap()["spec"],
            json!({"strategy": {"type": "RollingUpdate",
                                "rollingUpdate": {"maxUnavailable": 0, "maxSurge": "25%"}}})
        );

        let lease = coordination::Lease {
            spec: Some(coordination::LeaseSpec {
                holder_identity: Some("me".into()),
                renew_time: Some(meta::MicroTime {
                    seconds: Some(1704164645),
                    nanos: Some(5_000),
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        let mut body = MAGIC.to_vec();
        body.extend(envelope(
            "coordination.k8s.io/v1",
            "Lease",
            &lease.encode_to_vec(),
        ));
        assert_eq!(
            decode(&body).unwrap()["spec"],
            json!({"holderIdentity": "me", "renewTime": "2024-01-02T03:04:05.000005Z"})
        );
    }

    #[test]
    fn every_builtin_kind_decodes() {
        for k in kinds::BUILTIN_KINDS {
            let mut body = MAGIC.to_vec();
            body.extend(envelope(k.api_version, k.kind, &[]));
            let got = decode(&body).unwrap_or_else(|e| panic!("{}: {e:?}", k.kind));
            assert_eq!(
                (got["apiVersion"].as_str(), got["kind"].as_str()),
                (Some(k.api_version), Some(k.kind))
            );
            // Only Go's non-omitempty lists (`null`) may appear in an empty message.
            let extra: Vec<_> = got
                .as_object()
                .unwrap()
                .iter()
                .filter(|(f, v)| !v.is_null() && *f != "apiVersion" && *f != "kind")
                .collect();
            assert!(extra.is_empty(), "{}: {extra:?}", k.kind);
        }
    }

    fn envelope(api_version: &str, kind: &str, raw: &[u8]) -> Vec<u8> {
        use k8s_pb::apimachinery::pkg::runtime::{TypeMeta, Unknown};
        Unknown {
            type_meta: Some(TypeMeta {
                api_version: Some(api_version.into()),
                kind: Some(kind.into()),
            }),
            raw: Some(raw.to_vec()),
            content_encoding: Some(String::new()),
            content_type: Some(String::new()),
        }
        .encode_to_vec()
    }
}
