//! Authentication (client certificate, bearer token), impersonation (`Impersonate-User`,
//! `-Group`, `-Uid`, `-Extra-*`) and authorization (admin and `system:masters`: everything;
//! viewer: read-only; any other user: only asking who it is and what it may do), with the
//! apiserver's 401/403 Status messages.

use std::collections::BTreeMap;

use serde_json::json;

use super::status::ApiError;

/// The viewer's user name, as in the 403 messages.
pub const VIEWER_USER: &str = "viewer";

/// A user as a SelfSubjectReview reports it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserInfo {
    pub username: String,
    pub uid: Option<String>,
    pub groups: Vec<String>,
    pub extra: BTreeMap<String, Vec<String>>,
}

/// The user info of `user`.
pub fn user_info(user: &User) -> UserInfo {
    let named = |n: &str, g: &[&str]| UserInfo {
        username: n.to_string(),
        groups: g.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    };
    match user {
        User::Admin => named(
            super::tls::ADMIN_USER,
            &[super::tls::ADMIN_GROUP, "system:authenticated"],
        ),
        User::Viewer => named(VIEWER_USER, &["system:authenticated"]),
        User::Anonymous => named("system:anonymous", &["system:unauthenticated"]),
        User::Impersonated(info) => info.clone(),
    }
}

/// Who is calling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum User {
    /// Client certificate signed by the cluster CA (or plain HTTP): full access.
    Admin,
    /// The kubeconfig's `kk-sim-viewer` bearer token: get/list/watch only.
    Viewer,
    /// No credentials: only the public info endpoints (`/version`, `/healthz`...).
    Anonymous,
    /// Someone the caller impersonates.
    Impersonated(UserInfo),
}

/// Applies the `Impersonate-*` headers: the caller must be allowed to impersonate (the
/// admin is; others get the RBAC 403 for `impersonate` on `users`/`groups`/`uids`), and the
/// request then runs as that user (groups plus `system:authenticated`).
pub fn impersonate(user: User, headers: &http::HeaderMap) -> Result<User, ApiError> {
    let values = |name: &str| -> Vec<String> {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_string)
            .collect()
    };
    let users = values("impersonate-user");
    let groups = values("impersonate-group");
    let uids = values("impersonate-uid");
    let mut extra: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in headers {
        if let Some(key) = k.as_str().strip_prefix("impersonate-extra-")
            && let Ok(v) = v.to_str()
        {
            let key = super::http::path_decode(key);
            extra.entry(key).or_default().push(v.to_string());
        }
    }
    if users.is_empty() && groups.is_empty() && uids.is_empty() && extra.is_empty() {
        return Ok(user);
    }
    let Some(name) = users.first().cloned() else {
        return Err(ApiError::new(
            500,
            "InternalError",
            "Internal error occurred: requested [{Kind:Group}] without impersonating a user",
        ));
    };
    let may = |resource: &str, value: &str| -> Result<(), ApiError> {
        let attrs = Attributes {
            verb: "impersonate",
            group: "",
            resource,
            subresource: None,
            namespace: "",
            name: value,
        };
        authorize(&user, &attrs)
    };
    may("users", &name)?;
    for g in &groups {
        may("groups", g)?;
    }
    for u in &uids {
        may("uids", u)?;
    }
    let mut all_groups = groups;
    if !all_groups.iter().any(|g| g == "system:authenticated") {
        all_groups.push("system:authenticated".into());
    }
    Ok(User::Impersonated(UserInfo {
        username: name,
        uid: uids.first().cloned(),
        groups: all_groups,
        extra,
    }))
}

/// Identifies the caller. `Err` is a 401 (a bearer token that matches nobody).
pub fn authenticate(
    has_client_cert: bool,
    authorization: Option<&str>,
    viewer_token: &str,
    plain_http: bool,
) -> Result<User, ApiError> {
    if plain_http || has_client_cert {
        return Ok(User::Admin);
    }
    match authorization {
        Some(h) => {
            let token = h.strip_prefix("Bearer ").map(str::trim);
            match token {
                Some(t) if t == viewer_token => Ok(User::Viewer),
                _ => Err(unauthorized()),
            }
        }
        None => Ok(User::Anonymous),
    }
}

/// `401 Unauthorized`.
pub fn unauthorized() -> ApiError {
    ApiError::new(401, "Unauthorized", "Unauthorized")
}

/// What a request wants to do, for authorization and its messages.
#[derive(Clone, Debug)]
pub struct Attributes<'a> {
    /// get, list, watch, create, update, patch, delete, deletecollection.
    pub verb: &'a str,
    /// API group ("" for core).
    pub group: &'a str,
    /// Plural resource.
    pub resource: &'a str,
    /// Subresource, if any.
    pub subresource: Option<&'a str>,
    /// Namespace ("" for cluster scope).
    pub namespace: &'a str,
    /// Object name ("" for collections).
    pub name: &'a str,
}

/// What every authenticated user may do (`system:basic-user`): ask who it is and what it
/// may do.
fn self_review(attrs: &Attributes<'_>) -> bool {
    attrs.verb == "create"
        && matches!(
            (attrs.group, attrs.resource),
            ("authentication.k8s.io", "selfsubjectreviews")
                | ("authorization.k8s.io", "selfsubjectaccessreviews")
                | ("authorization.k8s.io", "selfsubjectrulesreviews")
        )
}

/// Whether `user` may do `attrs`; Err is the 401/403 to send.
pub fn authorize(user: &User, attrs: &Attributes<'_>) -> Result<(), ApiError> {
    match user {
        User::Admin => Ok(()),
        User::Anonymous => Err(unauthorized()),
        User::Viewer => {
            if self_review(attrs) || matches!(attrs.verb, "get" | "list" | "watch") {
                Ok(())
            } else {
                Err(forbidden(VIEWER_USER, attrs))
            }
        }
        User::Impersonated(info) => {
            let masters = info.groups.iter().any(|g| g == super::tls::ADMIN_GROUP);
            let viewer_read =
                info.username == VIEWER_USER && matches!(attrs.verb, "get" | "list" | "watch");
            if masters || self_review(attrs) || viewer_read {
                Ok(())
            } else {
                Err(forbidden(&info.username, attrs))
            }
        }
    }
}

/// The RBAC denial: `deployments.apps "web" is forbidden: User "viewer" cannot delete resource
/// "deployments" in API group "apps" in the namespace "default"`.
pub fn forbidden(user: &str, a: &Attributes<'_>) -> ApiError {
    let qualified = if a.group.is_empty() {
        a.resource.to_string()
    } else {
        format!("{}.{}", a.resource, a.group)
    };
    let subject = if a.name.is_empty() {
        qualified
    } else {
        format!("{qualified} \"{}\"", a.name)
    };
    let resource = match a.subresource {
        Some(s) => format!("{}/{s}", a.resource),
        None => a.resource.to_string(),
    };
    let scope = if a.namespace.is_empty() {
        "at the cluster scope".to_string()
    } else {
        format!("in the namespace \"{}\"", a.namespace)
    };
    let mut e = ApiError::new(
        403,
        "Forbidden",
        format!(
            "{subject} is forbidden: User \"{user}\" cannot {} resource \"{resource}\" in API group \"{}\" {scope}",
            a.verb, a.group
        ),
    );
    let mut details = json!({"kind": a.resource});
    if !a.name.is_empty() {
        details["name"] = json!(a.name);
    }
    if !a.group.is_empty() {
        details["group"] = json!(a.group);
    }
    e.details = Some(details);
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viewer_cannot_create_deployments() {
        let a = Attributes {
            verb: "create",
            group: "apps",
            resource: "deployments",
            subresource: None,
            namespace: "default",
            name: "",
        };
        let e = authorize(&User::Viewer, &a).unwrap_err();
        assert_eq!(e.code, 403);
        assert_eq!(
            e.message,
            "deployments.apps is forbidden: User \"viewer\" cannot create resource \"deployments\" in API group \"apps\" in the namespace \"default\""
        );
        assert!(
            authorize(
                &User::Viewer,
                &Attributes {
                    verb: "list",
                    ..a.clone()
                }
            )
            .is_ok()
        );
    }

    #[test]
    fn bad_token_is_401() {
        assert_eq!(
            authenticate(false, Some("Bearer nope"), "tok", false)
                .unwrap_err()
                .code,
            401
        );
        assert_eq!(
            authenticate(false, Some("Bearer tok"), "tok", false).unwrap(),
            User::Viewer
        );
        assert_eq!(
            authenticate(false, None, "tok", false).unwrap(),
            User::Anonymous
        );
    }
}
