//! The review APIs the apiserver answers itself (nothing is stored): `authentication.k8s.io`
//! SelfSubjectReview (`kubectl auth whoami`) and TokenReview; `authorization.k8s.io`
//! SelfSubjectAccessReview (`kubectl auth can-i`), SelfSubjectRulesReview (`auth can-i
//! --list`), SubjectAccessReview and LocalSubjectAccessReview, decided by this server's
//! authorizer ([`super::auth::authorize`]).

use std::sync::Arc;

use http::Response;
use serde_json::{Value, json};

use super::ApiServer;
use super::auth::{self, Attributes, User, UserInfo};
use super::handlers::ResourceRequest;
use super::http::{Body, json_response};
use super::objects::decode_body;
use super::status::ApiError;

fn user_json(info: &UserInfo) -> Value {
    let mut u = json!({"username": info.username, "groups": info.groups});
    if let Some(uid) = &info.uid {
        u["uid"] = json!(uid);
    }
    if !info.extra.is_empty() {
        u["extra"] = json!(info.extra);
    }
    u
}

/// The user a SubjectAccessReview's spec names.
fn subject(spec: &Value) -> User {
    let user = spec["user"].as_str().unwrap_or("");
    let groups: Vec<String> = spec["groups"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|g| g.as_str().map(String::from))
        .collect();
    match user {
        super::tls::ADMIN_USER => User::Admin,
        _ => User::Impersonated(UserInfo {
            username: user.to_string(),
            uid: spec["uid"].as_str().map(String::from),
            groups,
            extra: Default::default(),
        }),
    }
}

/// Whether `user` may do what a review's spec asks.
fn allowed(user: &User, spec: &Value, namespace: Option<&str>) -> bool {
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    if let Some(ra) = spec.get("resourceAttributes") {
        let (verb, group, resource) = (s(ra, "verb"), s(ra, "group"), s(ra, "resource"));
        let (sub, name) = (s(ra, "subresource"), s(ra, "name"));
        let ns = namespace
            .map(str::to_string)
            .unwrap_or_else(|| s(ra, "namespace"));
        let attrs = Attributes {
            verb: &verb,
            group: &group,
            resource: &resource,
            subresource: (!sub.is_empty()).then_some(sub.as_str()),
            namespace: &ns,
            name: &name,
        };
        auth::authorize(user, &attrs).is_ok()
    } else {
        let verb = spec
            .pointer("/nonResourceAttributes/verb")
            .and_then(Value::as_str)
            .unwrap_or("");
        is_admin(user) || matches!(verb, "get" | "head") && !matches!(user, User::Anonymous)
    }
}

fn is_admin(user: &User) -> bool {
    auth::user_info(user)
        .groups
        .iter()
        .any(|g| g == super::tls::ADMIN_GROUP)
}

/// The rules `user` has (SelfSubjectRulesReview), in the order a real cluster lists them.
fn rules(user: &User) -> (Value, Value) {
    let mut resource = Vec::new();
    let mut non_resource = Vec::new();
    if is_admin(user) {
        resource.push(json!({"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"]}));
        non_resource.push(json!({"verbs": ["*"], "nonResourceURLs": ["*"]}));
    } else if auth::user_info(user).username == auth::VIEWER_USER {
        resource.push(
            json!({"verbs": ["get", "list", "watch"], "apiGroups": ["*"], "resources": ["*"]}),
        );
    }
    resource.push(
        json!({"verbs": ["create"], "apiGroups": ["authentication.k8s.io"],
                         "resources": ["selfsubjectreviews"]}),
    );
    resource.push(
        json!({"verbs": ["create"], "apiGroups": ["authorization.k8s.io"],
                         "resources": ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]}),
    );
    for urls in [
        vec![
            "/api",
            "/api/*",
            "/apis",
            "/apis/*",
            "/healthz",
            "/livez",
            "/openapi",
            "/openapi/*",
            "/readyz",
            "/version",
            "/version/",
        ],
        vec!["/healthz", "/livez", "/readyz", "/version", "/version/"],
    ] {
        non_resource.push(json!({"verbs": ["get"], "nonResourceURLs": urls}));
    }
    (json!(resource), json!(non_resource))
}

/// POST of a review kind: the review with its `status` filled in (201).
pub fn review(
    server: &Arc<ApiServer>,
    rr: &ResourceRequest,
    user: &User,
    content_type: &str,
    body: &[u8],
) -> Result<Response<Body>, ApiError> {
    let kind = rr.served.info.kind.clone();
    let mut review = if body.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        decode_body(content_type, body, &kind)?
    };
    let spec = review.get("spec").cloned().unwrap_or(json!({}));
    let status = match kind.as_str() {
        "SelfSubjectReview" => json!({"userInfo": user_json(&auth::user_info(user))}),
        "TokenReview" => {
            let token = spec["token"].as_str().unwrap_or("");
            if !server.viewer_token.is_empty() && token == server.viewer_token {
                json!({"authenticated": true,
                       "user": user_json(&auth::user_info(&User::Viewer)),
                       "audiences": ["https://kubernetes.default.svc.cluster.local"]})
            } else {
                json!({"authenticated": false, "error": "invalid bearer token"})
            }
        }
        "SelfSubjectAccessReview" => {
            let ok = allowed(user, &spec, None);
            let mut st = json!({"allowed": ok});
            if ok && !matches!(user, User::Admin) {
                st["reason"] = json!("RBAC: allowed by ClusterRoleBinding");
            }
            st
        }
        "SubjectAccessReview" | "LocalSubjectAccessReview" => {
            let ns = (kind == "LocalSubjectAccessReview").then(|| rr.ns());
            json!({"allowed": allowed(&subject(&spec), &spec, ns)})
        }
        "SelfSubjectRulesReview" => {
            let (resource, non_resource) = rules(user);
            json!({"resourceRules": resource, "nonResourceRules": non_resource,
                   "incomplete": false})
        }
        _ => return Err(super::http::not_found_url()),
    };
    review["kind"] = json!(kind);
    review["apiVersion"] = json!(rr.served.info.group_version());
    review["metadata"] = json!({"creationTimestamp": null});
    if kind == "LocalSubjectAccessReview" {
        review["metadata"]["namespace"] = json!(rr.ns());
    }
    review["status"] = status;
    Ok(json_response(201, &review))
}
