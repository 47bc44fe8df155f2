//! The `paths` of a v3 group-version document: one entry per resource URL, with operations
//! shaped like kube-apiserver's (`x-kubernetes-action`, `x-kubernetes-group-version-kind`,
//! the write query parameters kubectl's verifier looks for).

use serde_json::{Map, Value, json};

use super::schemas::REF_PREFIX;
use crate::resources::ResourceInfo;

const PATCH_DEF: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";
const STATUS_DEF: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
const DELETE_OPTIONS_DEF: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions";
const SCALE_DEF: &str = "io.k8s.api.autoscaling.v1.Scale";

/// The item URL (`…/namespaces/{namespace}/deployments/{name}`) and the collection URL.
pub fn urls(r: &ResourceInfo) -> (String, String) {
    let prefix = if r.group.is_empty() {
        format!("/api/{}", r.version)
    } else {
        format!("/apis/{}/{}", r.group, r.version)
    };
    let scope = if r.namespaced {
        "/namespaces/{namespace}"
    } else {
        ""
    };
    let collection = format!("{prefix}{scope}/{}", r.plural);
    (format!("{collection}/{{name}}"), collection)
}

fn schema_ref(name: Option<&str>) -> Value {
    match name {
        Some(n) => json!({"$ref": format!("{REF_PREFIX}{n}")}),
        None => json!({"type": "object"}),
    }
}

fn query(name: &str, description: &str) -> Value {
    json!({"name": name, "in": "query", "description": description,
           "schema": {"type": "string", "uniqueItems": true}})
}

fn write_params() -> Vec<Value> {
    vec![
        query(
            "dryRun",
            "When present, indicates that modifications should not be persisted. Valid values \
             are: - All: all dry run stages will be processed",
        ),
        query(
            "fieldManager",
            "fieldManager is a name associated with the actor or entity that is making these \
             changes.",
        ),
        query(
            "fieldValidation",
            "fieldValidation instructs the server on how to handle objects in the request \
             (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore \
             - Warn - Strict",
        ),
    ]
}

fn op(
    action: &str,
    verb_word: &str,
    r: &ResourceInfo,
    gvk: &Value,
    params: Vec<Value>,
    body: Option<Value>,
    response: Value,
) -> Value {
    let mut o = Map::new();
    o.insert(
        "description".into(),
        json!(format!("{verb_word} {}", r.kind)),
    );
    o.insert("operationId".into(), json!(format!("{action}{}", r.kind)));
    o.insert("parameters".into(), Value::Array(params));
    if let Some(b) = body {
        o.insert(
            "requestBody".into(),
            json!({"content": b, "required": true}),
        );
    }
    o.insert(
        "responses".into(),
        json!({"200": {"description": "OK", "content": {"application/json": {"schema": response}}},
               "401": {"description": "Unauthorized"}}),
    );
    o.insert("x-kubernetes-action".into(), json!(action));
    o.insert("x-kubernetes-group-version-kind".into(), gvk.clone());
    Value::Object(o)
}

fn patch_op(r: &ResourceInfo, gvk: &Value, response: Value) -> Value {
    let patch = json!({"schema": {"$ref": format!("{REF_PREFIX}{PATCH_DEF}")}});
    let mut params = write_params();
    params.push(
        json!({"name": "force", "in": "query", "schema": {"type": "boolean", "uniqueItems": true},
                       "description": "Force is going to \"force\" Apply requests."}),
    );
    let body = json!({
        "application/apply-patch+yaml": patch,
        "application/json-patch+json": patch,
        "application/merge-patch+json": patch,
    });
    op(
        "patch",
        "partially update the specified",
        r,
        gvk,
        params,
        Some(body),
        response,
    )
}

fn path_params(r: &ResourceInfo, named: bool) -> Value {
    let mut p = Vec::new();
    if named {
        p.push(json!({"name": "name", "in": "path", "required": true,
                      "description": format!("name of the {}", r.kind),
                      "schema": {"type": "string", "uniqueItems": true}}));
    }
    if r.namespaced {
        p.push(json!({"name": "namespace", "in": "path", "required": true,
                      "description": "object name and auth scope, such as for teams and projects",
                      "schema": {"type": "string", "uniqueItems": true}}));
    }
    p.push(query(
        "pretty",
        "If 'true', then the output is pretty printed.",
    ));
    Value::Array(p)
}

/// Adds the URLs of one resource (item, collection, status/scale subresources).
pub fn add_resource(paths: &mut Map<String, Value>, r: &ResourceInfo, schema_name: Option<&str>) {
    let gvk = json!({"group": r.group, "version": r.version, "kind": r.kind});
    let has = |v: &str| r.verbs.iter().any(|x| x == v);
    let obj = schema_ref(schema_name);
    let json_body =
        json!({"application/json": {"schema": obj}, "application/yaml": {"schema": obj}});
    let (item_url, collection_url) = urls(r);

    let mut item = Map::new();
    item.insert("parameters".into(), path_params(r, true));
    if has("get") {
        item.insert(
            "get".into(),
            op(
                "get",
                "read the specified",
                r,
                &gvk,
                vec![],
                None,
                obj.clone(),
            ),
        );
    }
    if has("update") {
        let put = op(
            "put",
            "replace the specified",
            r,
            &gvk,
            write_params(),
            Some(json_body.clone()),
            obj.clone(),
        );
        item.insert("put".into(), put);
    }
    if has("patch") {
        item.insert("patch".into(), patch_op(r, &gvk, obj.clone()));
    }
    if has("delete") {
        let options = json!({"$ref": format!("{REF_PREFIX}{DELETE_OPTIONS_DEF}")});
        let body = json!({"application/json": {"schema": options}});
        let status = json!({"$ref": format!("{REF_PREFIX}{STATUS_DEF}")});
        let mut params = vec![query(
            "dryRun",
            "When present, indicates that modifications should not be persisted.",
        )];
        params.push(json!({"name": "gracePeriodSeconds", "in": "query",
                           "schema": {"type": "integer", "uniqueItems": true}}));
        params.push(query(
            "propagationPolicy",
            "Whether and how garbage collection will be performed.",
        ));
        let mut del = op(
            "delete",
            "delete the specified",
            r,
            &gvk,
            params,
            Some(body),
            status,
        );
        del["requestBody"]["required"] = json!(false);
        item.insert("delete".into(), del);
    }
    if item.len() > 1 {
        paths.insert(item_url.clone(), Value::Object(item));
    }

    let mut coll = Map::new();
    coll.insert("parameters".into(), path_params(r, false));
    if has("list") {
        let list =
            json!({"type": "object", "properties": {"items": {"type": "array", "items": obj}}});
        let params = vec![
            query(
                "labelSelector",
                "A selector to restrict the list of returned objects by their labels.",
            ),
            query(
                "fieldSelector",
                "A selector to restrict the list of returned objects by their fields.",
            ),
        ];
        coll.insert(
            "get".into(),
            op(
                "list",
                "list or watch objects of kind",
                r,
                &gvk,
                params,
                None,
                list,
            ),
        );
    }
    if has("create") {
        let post = op(
            "post",
            "create a",
            r,
            &gvk,
            write_params(),
            Some(json_body.clone()),
            obj.clone(),
        );
        coll.insert("post".into(), post);
    }
    if coll.len() > 1 {
        paths.insert(collection_url, Value::Object(coll));
    }

    for sub in &r.subresources {
        let (sub_gvk, sub_schema) = match sub.as_str() {
            "status" => (gvk.clone(), obj.clone()),
            "scale" => (
                json!({"group": "autoscaling", "version": "v1", "kind": "Scale"}),
                json!({"$ref": format!("{REF_PREFIX}{SCALE_DEF}")}),
            ),
            _ => continue,
        };
        let body = json!({"application/json": {"schema": sub_schema},
                          "application/yaml": {"schema": sub_schema}});
        let mut s = Map::new();
        s.insert("parameters".into(), path_params(r, true));
        let read = format!("read {sub} of the specified");
        s.insert(
            "get".into(),
            op("get", &read, r, &sub_gvk, vec![], None, sub_schema.clone()),
        );
        let replace = format!("replace {sub} of the specified");
        s.insert(
            "put".into(),
            op(
                "put",
                &replace,
                r,
                &sub_gvk,
                write_params(),
                Some(body),
                sub_schema.clone(),
            ),
        );
        s.insert("patch".into(), patch_op(r, &sub_gvk, sub_schema));
        paths.insert(format!("{item_url}/{sub}"), Value::Object(s));
    }
}
