//! PATCH bodies in all four content types: JSON patch (RFC 6902), JSON merge patch
//! (RFC 7386), strategic merge patch and server-side apply, plus managedFields bookkeeping.

use serde_json::Value;

use super::status::ApiError;

/// `application/json-patch+json`.
pub fn json_patch(current: &Value, patch: &[u8]) -> Result<Value, ApiError> {
    let _ = (current, patch);
    Err(ApiError::new(415, "UnsupportedMediaType", "json patch: not yet built"))
}

/// `application/merge-patch+json`.
pub fn merge_patch(current: &Value, patch: &[u8]) -> Result<Value, ApiError> {
    let _ = (current, patch);
    Err(ApiError::new(415, "UnsupportedMediaType", "merge patch: not yet built"))
}

/// `application/strategic-merge-patch+json` for a built-in kind.
pub fn strategic_merge_patch(group: &str, kind: &str, current: &Value, patch: &[u8]) -> Result<Value, ApiError> {
    let _ = (group, kind, current, patch);
    Err(ApiError::new(415, "UnsupportedMediaType", "strategic merge patch: not yet built"))
}

/// `application/apply-patch+yaml`: server-side apply of `applied` by `manager`.
/// `current` is None when the object does not exist yet (apply creates it).
pub fn server_side_apply(
    group: &str,
    kind: &str,
    current: Option<&Value>,
    applied: &[u8],
    manager: &str,
    force: bool,
    now: &str,
) -> Result<Value, ApiError> {
    let _ = (group, kind, current, applied, manager, force, now);
    Err(ApiError::new(415, "UnsupportedMediaType", "server-side apply: not yet built"))
}

/// Records in `new.metadata.managedFields` the fields `manager` set by a non-apply write
/// (`operation` is "Update"), as the apiserver does for every create, update and patch.
pub fn track_update(old: Option<&Value>, new: &mut Value, manager: &str, operation: &str, subresource: Option<&str>, now: &str) {
    let _ = (old, new, manager, operation, subresource, now);
}
