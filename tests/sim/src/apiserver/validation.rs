//! Validation: 422 Invalid with causes, immutable fields, and `fieldValidation` unknown fields.

use serde_json::Value;

use super::status::ApiError;

/// Validates `obj` (after defaulting); `old` is the stored object on update.
pub fn validate(group: &str, kind: &str, obj: &Value, old: Option<&Value>) -> Result<(), ApiError> {
    let _ = (group, kind, obj, old);
    Ok(())
}

/// Paths of fields in `obj` that the kind's schema does not know, e.g. `.spec.foo`, for
/// `fieldValidation=Strict|Warn`. Custom resources without a schema have none.
pub fn unknown_fields(group: &str, kind: &str, obj: &Value) -> Vec<String> {
    let _ = (group, kind, obj);
    Vec::new()
}
