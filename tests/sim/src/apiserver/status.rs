//! The apiserver's error type and its `Status` body (apimachinery `pkg/api/errors`).
//!
//! Every module that can refuse a request returns an [`ApiError`]; the router turns it into
//! an HTTP response whose body is a `v1 Status`.

use serde_json::{Value, json};

/// One entry of `details.causes` (field errors of a 422, or SSA conflicts of a 409).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cause {
    /// e.g. `FieldValueInvalid`, `FieldValueRequired`, `FieldManagerConflict`.
    pub reason: String,
    /// e.g. `Invalid value: "x": must be ...`.
    pub message: String,
    /// e.g. `spec.replicas`, or `.spec.replicas` for conflicts.
    pub field: String,
}

/// A refused request: the HTTP code, the Status `reason`, the message and optional details.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    /// HTTP status code (400, 401, 403, 404, 405, 406, 409, 410, 415, 422, 500...).
    pub code: u16,
    /// Status reason, e.g. `NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, `BadRequest`.
    pub reason: String,
    /// The human message kubectl prints after `Error from server (Reason): `.
    pub message: String,
    /// `details` of the Status (name, group, kind, causes), if any.
    pub details: Option<Value>,
    /// `metadata.continue` of the Status (a 410 for an expired continue token carries one
    /// that continues at the latest state).
    pub list_continue: Option<String>,
}

impl ApiError {
    /// A plain error with no details.
    pub fn new(code: u16, reason: &str, message: impl Into<String>) -> Self {
        ApiError {
            code,
            reason: reason.to_string(),
            message: message.into(),
            details: None,
            list_continue: None,
        }
    }

    /// 400 BadRequest.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(400, "BadRequest", message)
    }

    /// 404 NotFound for a named object: `deployments.apps "web" not found`.
    pub fn not_found(group: &str, resource: &str, name: &str) -> Self {
        let qualified = qualified(resource, group);
        let mut e = Self::new(404, "NotFound", format!("{qualified} \"{name}\" not found"));
        e.details = Some(json!({"name": name, "group": group, "kind": resource}));
        e
    }

    /// 409 AlreadyExists: `deployments.apps "web" already exists`.
    pub fn already_exists(group: &str, resource: &str, name: &str) -> Self {
        let qualified = qualified(resource, group);
        let mut e = Self::new(
            409,
            "AlreadyExists",
            format!("{qualified} \"{name}\" already exists"),
        );
        e.details = Some(json!({"name": name, "group": group, "kind": resource}));
        e
    }

    /// 409 Conflict on a stale resourceVersion, with the apiserver's exact wording.
    pub fn conflict(group: &str, resource: &str, name: &str) -> Self {
        let qualified = qualified(resource, group);
        let mut e = Self::new(
            409,
            "Conflict",
            format!(
                "Operation cannot be fulfilled on {qualified} \"{name}\": the object has been \
                 modified; please apply your changes to the latest version and try again"
            ),
        );
        e.details = Some(json!({"name": name, "group": group, "kind": resource}));
        e
    }

    /// 422 Invalid, message formatted like apimachinery's `NewInvalid`:
    /// `Kind.group "name" is invalid: <one cause>` or `...: [cause1, cause2]`.
    pub fn invalid(group: &str, kind: &str, name: &str, causes: Vec<Cause>) -> Self {
        let qualified_kind = if group.is_empty() {
            kind.to_string()
        } else {
            format!("{kind}.{group}")
        };
        let rendered: Vec<String> = causes
            .iter()
            .map(|c| {
                if c.field.is_empty() {
                    c.message.clone()
                } else {
                    format!("{}: {}", c.field, c.message)
                }
            })
            .collect();
        let list = match rendered.len() {
            1 => rendered[0].clone(),
            _ => format!("[{}]", rendered.join(", ")),
        };
        let causes_json: Vec<Value> = causes
            .iter()
            .map(|c| json!({"reason": c.reason, "message": c.message, "field": c.field}))
            .collect();
        let mut e = Self::new(
            422,
            "Invalid",
            format!("{qualified_kind} \"{name}\" is invalid: {list}"),
        );
        // StatusDetails' fields are all `omitempty`.
        let mut details = json!({});
        if !causes_json.is_empty() {
            details["causes"] = json!(causes_json);
        }
        for (k, v) in [("name", name), ("group", group), ("kind", kind)] {
            if !v.is_empty() {
                details[k] = json!(v);
            }
        }
        e.details = Some(details);
        e
    }

    /// The `v1 Status` body for this error.
    pub fn to_status(&self) -> Value {
        let mut s = json!({
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "reason": self.reason,
            "code": self.code,
        });
        if let Some(d) = &self.details {
            s["details"] = d.clone();
        }
        if let Some(c) = &self.list_continue {
            s["metadata"] = json!({"continue": c});
        }
        // `reason` is omitempty in metav1.Status.
        if self.reason.is_empty()
            && let Some(m) = s.as_object_mut()
        {
            m.remove("reason");
        }
        s
    }
}

fn qualified(resource: &str, group: &str) -> String {
    if group.is_empty() {
        resource.to_string()
    } else {
        format!("{resource}.{group}")
    }
}
