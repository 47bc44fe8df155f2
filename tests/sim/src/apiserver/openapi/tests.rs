//! Tests of the OpenAPI documents' shape (what kubectl's verifier and `explain` read).

use serde_json::{Value, json};

use super::*;

fn res(
    group: &str,
    version: &str,
    kind: &str,
    plural: &str,
    namespaced: bool,
    subs: &[&str],
) -> ResourceInfo {
    ResourceInfo {
        group: group.into(),
        version: version.into(),
        kind: kind.into(),
        plural: plural.into(),
        singular: kind.to_lowercase(),
        short_names: vec![],
        namespaced,
        verbs: [
            "create",
            "delete",
            "deletecollection",
            "get",
            "list",
            "patch",
            "update",
            "watch",
        ]
        .map(String::from)
        .to_vec(),
        categories: vec![],
        subresources: subs.iter().map(|s| s.to_string()).collect(),
    }
}

pub(super) fn sample() -> Vec<ResourceInfo> {
    vec![
        res("", "v1", "Pod", "pods", true, &["status"]),
        res("", "v1", "Namespace", "namespaces", false, &["status"]),
        res("", "v1", "ConfigMap", "configmaps", true, &[]),
        res(
            "apps",
            "v1",
            "Deployment",
            "deployments",
            true,
            &["status", "scale"],
        ),
        res("batch", "v1", "Job", "jobs", true, &["status"]),
        res("stable.example.com", "v1", "CronTab", "crontabs", true, &[]),
    ]
}

pub(super) fn crontab_crd() -> Value {
    json!({"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
           "metadata": {"name": "crontabs.stable.example.com"},
           "spec": {"group": "stable.example.com", "scope": "Namespaced",
                    "names": {"kind": "CronTab", "plural": "crontabs", "singular": "crontab"},
                    "versions": [{"name": "v1", "served": true, "storage": true,
                                  "schema": {"openAPIV3Schema": crontab_schema()}}]}})
}

fn crontab_schema() -> Value {
    let cron_spec = json!({"type": "string", "description": "When."});
    let spec = json!({"type": "object", "description": "The cron spec.",
                      "properties": {"cronSpec": cron_spec}});
    json!({"type": "object", "description": "A cron tab.", "properties": {"spec": spec}})
}

fn hash_of(root: &Value, gv: &str) -> String {
    let url = root["paths"][gv]["serverRelativeURL"].as_str().unwrap();
    url.split_once("?hash=").unwrap().1.to_string()
}

#[test]
fn root_lists_every_group_version_with_a_hash() {
    let root = v3_root(&sample());
    let paths = root["paths"].as_object().unwrap();
    let keys: Vec<&str> = paths.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "api/v1",
            "apis/apps/v1",
            "apis/batch/v1",
            "apis/stable.example.com/v1"
        ]
    );
    let url = paths["apis/apps/v1"]["serverRelativeURL"].as_str().unwrap();
    assert!(url.starts_with("/openapi/v3/apis/apps/v1?hash="), "{url}");
    assert_eq!(hash_of(&root, "apis/apps/v1").len(), 64);
}

#[test]
fn hash_changes_with_the_document_and_only_then() {
    let base = v3_root(&sample());
    let mut reversed = sample();
    reversed.reverse();
    assert_eq!(base, v3_root(&reversed));
    let mut more = sample();
    more.push(res("apps", "v1", "ReplicaSet", "replicasets", true, &[]));
    let changed = v3_root(&more);
    assert_ne!(
        hash_of(&base, "apis/apps/v1"),
        hash_of(&changed, "apis/apps/v1")
    );
    assert_eq!(hash_of(&base, "api/v1"), hash_of(&changed, "api/v1"));
    // A CRD schema appearing changes its GV's document, so its hash.
    let with_crd = v3_root_with_crds(&sample(), &[crontab_crd()]);
    assert_ne!(
        hash_of(&base, "apis/stable.example.com/v1"),
        hash_of(&with_crd, "apis/stable.example.com/v1")
    );
}

#[test]
fn gv_document_has_patch_with_gvk_and_field_validation() {
    assert_eq!(v3_group_version("apis/nope/v1", &sample()), None);
    let doc = v3_group_version("apis/apps/v1", &sample()).unwrap();
    assert_eq!(doc["openapi"], "3.0.0");
    let item = &doc["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"];
    let patch = &item["patch"];
    assert_eq!(
        patch["x-kubernetes-group-version-kind"],
        json!({"group": "apps", "version": "v1", "kind": "Deployment"})
    );
    let names: Vec<&str> = patch["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"fieldValidation") && names.contains(&"dryRun"),
        "{names:?}"
    );
    let content = patch["requestBody"]["content"].as_object().unwrap();
    assert!(!content.contains_key("application/strategic-merge-patch+json"));
    assert!(content.contains_key("application/merge-patch+json"));
    let scale =
        &doc["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]["patch"];
    assert_eq!(scale["x-kubernetes-group-version-kind"]["kind"], "Scale");
    // Cluster-scoped resources have no namespace segment.
    let core = v3_group_version("api/v1", &sample()).unwrap();
    assert!(core["paths"]["/api/v1/namespaces/{name}"]["patch"].is_object());
    assert!(core["paths"]["/api/v1/namespaces/{namespace}/pods"]["post"].is_object());
}

#[test]
fn gv_document_carries_complete_schemas() {
    let doc = v3_group_version("apis/apps/v1", &sample()).unwrap();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let d = &schemas["io.k8s.api.apps.v1.Deployment"];
    assert_eq!(
        d["x-kubernetes-group-version-kind"],
        json!([{"group": "apps", "kind": "Deployment", "version": "v1"}])
    );
    for name in [
        "io.k8s.api.apps.v1.DeploymentSpec",
        "io.k8s.api.core.v1.PodSpec",
        "io.k8s.api.autoscaling.v1.Scale",
        "io.k8s.apimachinery.pkg.apis.meta.v1.Patch",
        "io.k8s.apimachinery.pkg.apis.meta.v1.Status",
    ] {
        assert!(schemas.contains_key(name), "{name} missing");
    }
    // No reference dangles.
    let mut refs = Vec::new();
    collect_refs(&doc, &mut refs);
    for r in refs {
        assert!(schemas.contains_key(&r), "dangling $ref {r}");
    }
    // Only this GV's top-level kinds carry a GVK (plus Scale, which its subresource serves).
    let kinds: Vec<&str> = schemas
        .iter()
        .filter(|(_, s)| s.get("x-kubernetes-group-version-kind").is_some())
        .map(|(n, _)| n.as_str())
        .collect();
    assert!(kinds.contains(&"io.k8s.api.apps.v1.Deployment"));
    assert!(
        !kinds.contains(&"io.k8s.api.apps.v1.StatefulSet"),
        "{kinds:?}"
    );
}

#[test]
fn crd_schema_becomes_a_component() {
    let without = v3_group_version("apis/stable.example.com/v1", &sample()).unwrap();
    let post =
        &without["paths"]["/apis/stable.example.com/v1/namespaces/{namespace}/crontabs"]["post"];
    assert_eq!(
        post["requestBody"]["content"]["application/json"]["schema"],
        json!({"type": "object"})
    );

    let doc = v3_group_version_with_crds("apis/stable.example.com/v1", &sample(), &[crontab_crd()])
        .unwrap();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let ct = &schemas["com.example.stable.v1.CronTab"];
    assert_eq!(
        ct["x-kubernetes-group-version-kind"],
        json!([{"group": "stable.example.com", "kind": "CronTab", "version": "v1"}])
    );
    assert_eq!(
        ct["properties"]["spec"]["properties"]["cronSpec"]["type"],
        "string"
    );
    assert_eq!(ct["properties"]["kind"]["type"], "string");
    assert!(schemas.contains_key("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"));
    let patch = &doc["paths"]["/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}"]
        ["patch"];
    assert_eq!(patch["x-kubernetes-group-version-kind"]["kind"], "CronTab");
}

#[test]
fn v2_lists_patch_operations_and_definitions() {
    let doc = v2(&sample(), &[]);
    assert_eq!(doc["swagger"], "2.0");
    assert_eq!(v2_paths(&sample())["definitions"], json!({}));
    let deployment = &doc["definitions"]["io.k8s.api.apps.v1.Deployment"];
    assert_eq!(
        deployment["properties"]["spec"]["$ref"],
        "#/definitions/io.k8s.api.apps.v1.DeploymentSpec"
    );
    // Swagger 2.0 has neither `allOf` wrappers nor `oneOf`, and no `#/components` refs
    // (JSONSchemaProps has properties of those names, objects).
    let text = doc["definitions"].to_string();
    assert!(!text.contains("\"allOf\":[") && !text.contains("\"oneOf\":["));
    assert!(!text.contains("#/components"));
    let patch = &doc["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]["patch"];
    assert_eq!(
        patch["x-kubernetes-group-version-kind"]["kind"],
        "Deployment"
    );
    assert!(
        patch["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "fieldValidation")
    );
}
