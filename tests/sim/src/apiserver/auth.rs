//! Authentication (client certificate, bearer token) and authorization (admin: everything;
//! viewer: read-only), with the apiserver's 401/403 Status messages.

use serde_json::json;

use super::status::ApiError;

/// The viewer's user name, as in the 403 messages.
pub const VIEWER_USER: &str = "viewer";

/// `(username, groups)` as a SelfSubjectReview reports them.
pub fn user_info(user: &User) -> (&'static str, Vec<&'static str>) {
    match user {
        User::Admin => (
            super::tls::ADMIN_USER,
            vec![super::tls::ADMIN_GROUP, "system:authenticated"],
        ),
        User::Viewer => (VIEWER_USER, vec!["system:authenticated"]),
        User::Anonymous => ("system:anonymous", vec!["system:unauthenticated"]),
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

/// Whether `user` may do `attrs`; Err is the 401/403 to send.
pub fn authorize(user: &User, attrs: &Attributes<'_>) -> Result<(), ApiError> {
    match user {
        User::Admin => Ok(()),
        User::Anonymous => Err(unauthorized()),
        User::Viewer => {
            // Everyone may ask who they are and what they may do.
            let self_review = matches!(
                (attrs.group, attrs.resource),
                ("authentication.k8s.io", "selfsubjectreviews")
                    | ("authorization.k8s.io", "selfsubjectaccessreviews")
            );
            if self_review || matches!(attrs.verb, "get" | "list" | "watch") {
                Ok(())
            } else {
                Err(forbidden(VIEWER_USER, attrs))
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
