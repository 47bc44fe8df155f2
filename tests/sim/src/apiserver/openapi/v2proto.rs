//! The protobuf form of `/openapi/v2` (gnostic's `openapi.v2.Document`), which kubectl asks for
//! with `Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf` and cannot read as
//! JSON (`proto: cannot parse invalid wire-format data`).
//!
//! kubectl reads this document in two places: client-side schema validation of a `kind: List`
//! (its v3 field-validation verifier never vouches for `v1 List`, so strict validation falls
//! back to the v2 schemas of the items; a kind missing from `definitions` is skipped and the
//! server still validates each item with `?fieldValidation=Strict`), and the legacy
//! field-validation verifier, which looks for the GVK's PATCH operation with a
//! `fieldValidation` query parameter. Only the messages and fields [`super::v2`] fills are
//! modelled; field numbers follow gnostic-models' `openapiv2/OpenAPIv2.proto`.

use prost::Message;
use serde_json::Value;

/// The content type the apiserver answers with. kubectl asks for the older `@v1.0` spelling,
/// which the apiserver still accepts, but Go's `mime.ParseMediaType` rejects `@` in a response
/// (`mime: unexpected content after media subtype`), hence the dotted form here.
pub const CONTENT_TYPE: &str = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

/// The deprecated spelling kubectl sends in `Accept`.
const CONTENT_TYPE_DEPRECATED: &str = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

#[derive(Clone, PartialEq, Message)]
pub struct Document {
    #[prost(string, tag = "1")]
    pub swagger: String,
    #[prost(message, optional, tag = "2")]
    pub info: Option<Info>,
    #[prost(message, optional, tag = "8")]
    pub paths: Option<Paths>,
    #[prost(message, optional, tag = "9")]
    pub definitions: Option<Definitions>,
}

#[derive(Clone, PartialEq, Message)]
pub struct Info {
    #[prost(string, tag = "1")]
    pub title: String,
    #[prost(string, tag = "2")]
    pub version: String,
}

#[derive(Clone, PartialEq, Message)]
pub struct Paths {
    #[prost(message, repeated, tag = "2")]
    pub path: Vec<NamedPathItem>,
}

#[derive(Clone, PartialEq, Message)]
pub struct NamedPathItem {
    #[prost(string, tag = "1")]
    pub name: String,
    #[prost(message, optional, tag = "2")]
    pub value: Option<PathItem>,
}

#[derive(Clone, PartialEq, Message)]
pub struct PathItem {
    #[prost(message, optional, tag = "8")]
    pub patch: Option<Operation>,
}

#[derive(Clone, PartialEq, Message)]
pub struct Operation {
    #[prost(string, tag = "5")]
    pub operation_id: String,
    #[prost(string, repeated, tag = "6")]
    pub produces: Vec<String>,
    #[prost(string, repeated, tag = "7")]
    pub consumes: Vec<String>,
    #[prost(message, repeated, tag = "8")]
    pub parameters: Vec<ParametersItem>,
    #[prost(message, optional, tag = "9")]
    pub responses: Option<Responses>,
    #[prost(message, repeated, tag = "13")]
    pub vendor_extension: Vec<NamedAny>,
}

/// `ParametersItem { oneof { Parameter parameter = 1; ... } }`: only inline parameters.
#[derive(Clone, PartialEq, Message)]
pub struct ParametersItem {
    #[prost(message, optional, tag = "1")]
    pub parameter: Option<Parameter>,
}

/// `Parameter { oneof { BodyParameter = 1; NonBodyParameter = 2 } }`.
#[derive(Clone, PartialEq, Message)]
pub struct Parameter {
    #[prost(message, optional, tag = "1")]
    pub body_parameter: Option<BodyParameter>,
    #[prost(message, optional, tag = "2")]
    pub non_body_parameter: Option<NonBodyParameter>,
}

#[derive(Clone, PartialEq, Message)]
pub struct BodyParameter {
    #[prost(string, tag = "2")]
    pub name: String,
    #[prost(string, tag = "3")]
    pub r#in: String,
    #[prost(bool, tag = "4")]
    pub required: bool,
    #[prost(message, optional, tag = "5")]
    pub schema: Option<Schema>,
}

/// `NonBodyParameter { oneof { ...; QueryParameterSubSchema = 3; ... } }`.
#[derive(Clone, PartialEq, Message)]
pub struct NonBodyParameter {
    #[prost(message, optional, tag = "3")]
    pub query_parameter_sub_schema: Option<QueryParameterSubSchema>,
}

#[derive(Clone, PartialEq, Message)]
pub struct QueryParameterSubSchema {
    #[prost(string, tag = "2")]
    pub r#in: String,
    #[prost(string, tag = "4")]
    pub name: String,
    #[prost(string, tag = "6")]
    pub r#type: String,
    #[prost(bool, tag = "20")]
    pub unique_items: bool,
}

#[derive(Clone, PartialEq, Message)]
pub struct Responses {
    #[prost(message, repeated, tag = "1")]
    pub response_code: Vec<NamedResponseValue>,
}

#[derive(Clone, PartialEq, Message)]
pub struct NamedResponseValue {
    #[prost(string, tag = "1")]
    pub name: String,
    #[prost(message, optional, tag = "2")]
    pub value: Option<ResponseValue>,
}

/// `ResponseValue { oneof { Response response = 1; ... } }`.
#[derive(Clone, PartialEq, Message)]
pub struct ResponseValue {
    #[prost(message, optional, tag = "1")]
    pub response: Option<Response>,
}

#[derive(Clone, PartialEq, Message)]
pub struct Response {
    #[prost(string, tag = "1")]
    pub description: String,
}

#[derive(Clone, PartialEq, Message)]
pub struct Definitions {
    #[prost(message, repeated, tag = "1")]
    pub additional_properties: Vec<NamedSchema>,
}

#[derive(Clone, PartialEq, Message)]
pub struct NamedSchema {
    #[prost(string, tag = "1")]
    pub name: String,
    #[prost(message, optional, tag = "2")]
    pub value: Option<Schema>,
}

#[derive(Clone, PartialEq, Message)]
pub struct Schema {
    #[prost(string, tag = "1")]
    pub r#ref: String,
    #[prost(string, tag = "2")]
    pub format: String,
    #[prost(string, tag = "4")]
    pub description: String,
    #[prost(string, repeated, tag = "19")]
    pub required: Vec<String>,
    #[prost(message, repeated, tag = "20")]
    pub r#enum: Vec<Any>,
    #[prost(message, optional, tag = "21")]
    pub additional_properties: Option<AdditionalPropertiesItem>,
    #[prost(message, optional, tag = "22")]
    pub r#type: Option<TypeItem>,
    #[prost(message, optional, tag = "23")]
    pub items: Option<ItemsItem>,
    #[prost(message, optional, tag = "25")]
    pub properties: Option<Properties>,
    #[prost(message, repeated, tag = "31")]
    pub vendor_extension: Vec<NamedAny>,
}

/// `AdditionalPropertiesItem { oneof { Schema schema = 1; bool boolean = 2; } }`.
#[derive(Clone, PartialEq, Message)]
pub struct AdditionalPropertiesItem {
    #[prost(message, optional, boxed, tag = "1")]
    pub schema: Option<Box<Schema>>,
    #[prost(bool, optional, tag = "2")]
    pub boolean: Option<bool>,
}

#[derive(Clone, PartialEq, Message)]
pub struct ItemsItem {
    #[prost(message, repeated, tag = "1")]
    pub schema: Vec<Schema>,
}

#[derive(Clone, PartialEq, Message)]
pub struct Properties {
    #[prost(message, repeated, tag = "1")]
    pub additional_properties: Vec<NamedSchema>,
}

#[derive(Clone, PartialEq, Message)]
pub struct TypeItem {
    #[prost(string, repeated, tag = "1")]
    pub value: Vec<String>,
}

/// gnostic keeps vendor extensions as YAML text.
#[derive(Clone, PartialEq, Message)]
pub struct Any {
    #[prost(string, tag = "2")]
    pub yaml: String,
}

#[derive(Clone, PartialEq, Message)]
pub struct NamedAny {
    #[prost(string, tag = "1")]
    pub name: String,
    #[prost(message, optional, tag = "2")]
    pub value: Option<Any>,
}

/// Encodes the JSON v2 document ([`super::v2`]) as the protobuf message.
pub fn encode(doc: &Value) -> Vec<u8> {
    document(doc).encode_to_vec()
}

/// [`encode`] of a document without definitions ([`super::v2_paths`]) plus the built-in
/// definitions ([`super::v2_definitions`]), encoded once: a message field may come in any
/// order, so their bytes are appended as they are.
pub fn encode_with_builtins(doc: &Value) -> Vec<u8> {
    static DEFS: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let defs = DEFS.get_or_init(|| {
        let defs = definitions(super::v2_definitions());
        let mut buf = Vec::new();
        prost::encoding::message::encode(9, &defs, &mut buf);
        buf
    });
    let mut out = encode(doc);
    out.extend_from_slice(defs);
    out
}

/// [`encode_with_builtins`] and more definitions (the CRDs'): a message field that occurs
/// twice is merged by protobuf decoders, so the extra `definitions` add their entries.
pub fn encode_with(doc: &Value, extra: &serde_json::Map<String, Value>) -> Vec<u8> {
    let mut out = encode_with_builtins(doc);
    if !extra.is_empty() {
        prost::encoding::message::encode(9, &definitions(extra), &mut out);
    }
    out
}

fn definitions(m: &serde_json::Map<String, Value>) -> Definitions {
    Definitions {
        additional_properties: m
            .iter()
            .map(|(name, s)| NamedSchema {
                name: name.clone(),
                value: Some(schema(s)),
            })
            .collect(),
    }
}

fn document(doc: &Value) -> Document {
    let paths = doc["paths"].as_object().map(|m| Paths {
        path: m
            .iter()
            .map(|(name, item)| NamedPathItem {
                name: name.clone(),
                value: Some(PathItem {
                    patch: item.get("patch").map(operation),
                }),
            })
            .collect(),
    });
    let definitions = doc["definitions"]
        .as_object()
        .filter(|m| !m.is_empty())
        .map(definitions);
    Document {
        swagger: text(&doc["swagger"]),
        info: Some(Info {
            title: text(&doc["info"]["title"]),
            version: text(&doc["info"]["version"]),
        }),
        paths,
        definitions,
    }
}

fn operation(op: &Value) -> Operation {
    let responses = op["responses"].as_object().map(|m| Responses {
        response_code: m
            .iter()
            .map(|(code, r)| NamedResponseValue {
                name: code.clone(),
                value: Some(ResponseValue {
                    response: Some(Response {
                        description: text(&r["description"]),
                    }),
                }),
            })
            .collect(),
    });
    let vendor_extension = extensions(op);
    Operation {
        operation_id: text(&op["operationId"]),
        produces: strings(&op["produces"]),
        consumes: strings(&op["consumes"]),
        parameters: op["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .map(parameter)
            .collect(),
        responses,
        vendor_extension,
    }
}

fn parameter(p: &Value) -> ParametersItem {
    let param = if p["in"] == "body" {
        Parameter {
            body_parameter: Some(BodyParameter {
                name: text(&p["name"]),
                r#in: text(&p["in"]),
                required: p["required"].as_bool().unwrap_or(false),
                schema: p.get("schema").map(schema),
            }),
            non_body_parameter: None,
        }
    } else {
        Parameter {
            body_parameter: None,
            non_body_parameter: Some(NonBodyParameter {
                query_parameter_sub_schema: Some(QueryParameterSubSchema {
                    r#in: text(&p["in"]),
                    name: text(&p["name"]),
                    r#type: text(&p["type"]),
                    unique_items: p["uniqueItems"].as_bool().unwrap_or(false),
                }),
            }),
        }
    };
    ParametersItem {
        parameter: Some(param),
    }
}

fn schema(s: &Value) -> Schema {
    let additional_properties = s.get("additionalProperties").map(|a| match a {
        Value::Bool(b) => AdditionalPropertiesItem {
            schema: None,
            boolean: Some(*b),
        },
        other => AdditionalPropertiesItem {
            schema: Some(Box::new(schema(other))),
            boolean: None,
        },
    });
    Schema {
        r#ref: text(&s["$ref"]),
        format: text(&s["format"]),
        description: text(&s["description"]),
        required: strings(&s["required"]),
        r#enum: s["enum"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| Any { yaml: yaml(v) })
            .collect(),
        additional_properties,
        r#type: s.get("type").map(|t| TypeItem {
            value: match t {
                Value::Array(_) => strings(t),
                _ => vec![text(t)],
            },
        }),
        items: s.get("items").map(|i| ItemsItem {
            schema: match i {
                Value::Array(a) => a.iter().map(schema).collect(),
                one => vec![schema(one)],
            },
        }),
        properties: s["properties"].as_object().map(|m| Properties {
            additional_properties: m
                .iter()
                .map(|(name, p)| NamedSchema {
                    name: name.clone(),
                    value: Some(schema(p)),
                })
                .collect(),
        }),
        vendor_extension: extensions(s),
    }
}

/// The `x-` members of a schema or operation, as gnostic keeps them.
fn extensions(v: &Value) -> Vec<NamedAny> {
    v.as_object()
        .into_iter()
        .flatten()
        .filter(|(k, _)| k.starts_with("x-"))
        .map(|(k, v)| NamedAny {
            name: k.clone(),
            value: Some(Any { yaml: yaml(v) }),
        })
        .collect()
}

/// A value as gnostic stores it: YAML text (`group: ""\nkind: Pod\n...`, `- name\n`).
fn yaml(v: &Value) -> String {
    serde_yaml::to_string(v).unwrap_or_default()
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}

/// Whether an `Accept` header asks for this representation (kubectl lists only it).
pub fn wanted(accept: &str) -> bool {
    accept
        .split(',')
        .map(|m| m.split(';').next().unwrap_or("").trim())
        .any(|m| m == CONTENT_TYPE || m == CONTENT_TYPE_DEPRECATED)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn patch_operation_round_trips_with_gvk_and_field_validation() {
        let doc = json!({
            "swagger": "2.0",
            "info": {"title": "Kubernetes", "version": "v1.33.1"},
            "paths": {"/api/v1/namespaces/{namespace}/configmaps/{name}": {"patch": {
                "operationId": "patchConfigMap",
                "consumes": ["application/merge-patch+json"],
                "produces": ["application/json"],
                "parameters": [
                    {"name": "fieldValidation", "in": "query", "type": "string",
                     "uniqueItems": true},
                    {"name": "body", "in": "body", "required": true,
                     "schema": {"type": "object"}},
                ],
                "responses": {"200": {"description": "OK"}},
                "x-kubernetes-group-version-kind":
                    {"group": "", "version": "v1", "kind": "ConfigMap"},
            }}},
            "definitions": {},
        });
        let got = Document::decode(encode(&doc).as_slice()).unwrap();
        assert_eq!(got.swagger, "2.0");
        assert_eq!(got.info.as_ref().unwrap().version, "v1.33.1");
        assert_eq!(got.definitions, None);
        let paths = got.paths.unwrap().path;
        assert_eq!(
            paths[0].name,
            "/api/v1/namespaces/{namespace}/configmaps/{name}"
        );
        let op = paths[0].value.clone().unwrap().patch.unwrap();
        assert_eq!(op.operation_id, "patchConfigMap");
        let q = op.parameters[0].parameter.clone().unwrap();
        let q = q.non_body_parameter.unwrap().query_parameter_sub_schema;
        assert_eq!(q.unwrap().name, "fieldValidation");
        let body = op.parameters[1].parameter.clone().unwrap().body_parameter;
        assert_eq!(
            body.unwrap().schema.unwrap().r#type.unwrap().value,
            vec!["object"]
        );
        assert_eq!(
            op.vendor_extension,
            vec![NamedAny {
                name: "x-kubernetes-group-version-kind".into(),
                value: Some(Any {
                    yaml: "group: ''\nkind: ConfigMap\nversion: v1\n".into()
                }),
            }]
        );
    }

    #[test]
    fn builtin_definitions_carry_refs_extensions_and_enums() {
        let bytes = encode_with_builtins(&json!({"swagger": "2.0", "info": {}, "paths": {}}));
        let defs = Document::decode(bytes.as_slice())
            .unwrap()
            .definitions
            .unwrap()
            .additional_properties;
        let def = |name: &str| {
            defs.iter()
                .find(|d| d.name == name)
                .and_then(|d| d.value.clone())
                .unwrap_or_else(|| panic!("no {name}"))
        };
        let prop = |s: &Schema, name: &str| {
            s.properties
                .as_ref()
                .and_then(|p| p.additional_properties.iter().find(|p| p.name == name))
                .and_then(|p| p.value.clone())
                .unwrap_or_else(|| panic!("no property {name}"))
        };
        let spec = def("io.k8s.api.core.v1.PodSpec");
        let containers = prop(&spec, "containers");
        assert_eq!(
            containers.items.unwrap().schema[0].r#ref,
            "#/definitions/io.k8s.api.core.v1.Container"
        );
        let ext: Vec<(String, String)> = containers
            .vendor_extension
            .iter()
            .map(|e| (e.name.clone(), e.value.clone().unwrap().yaml))
            .collect();
        assert!(ext.contains(&("x-kubernetes-patch-merge-key".into(), "name\n".into())));
        assert!(ext.contains(&("x-kubernetes-list-map-keys".into(), "- name\n".into())));
        let policy = prop(&spec, "restartPolicy");
        let values: Vec<String> = policy.r#enum.iter().map(|a| a.yaml.clone()).collect();
        assert_eq!(values, ["Always\n", "Never\n", "OnFailure\n"]);
        let selector = prop(&spec, "nodeSelector").additional_properties.unwrap();
        assert_eq!(selector.schema.unwrap().r#type.unwrap().value, ["string"]);
        let port = def("io.k8s.apimachinery.pkg.util.intstr.IntOrString");
        assert_eq!(
            (port.r#type.unwrap().value, port.format),
            (vec!["string".to_string()], "int-or-string".to_string())
        );
        // The `allOf` wrapper of v3 is a plain `$ref` with its description in v2.
        let meta = prop(&def("io.k8s.api.apps.v1.Deployment"), "metadata");
        assert_eq!(
            meta.r#ref,
            "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
        );
        assert!(meta.description.starts_with("Standard object's metadata."));
    }

    #[test]
    fn accept_negotiation() {
        assert!(wanted(
            "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"
        ));
        assert!(wanted(
            "application/json;q=0.9, application/com.github.proto-openapi.spec.v2@v1.0+protobuf"
        ));
        assert!(wanted(
            "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"
        ));
        assert!(!wanted("application/json"));
        assert!(!wanted(""));
    }
}
