//! Label and field selectors (apimachinery `labels` and `fields`).

use serde_json::Value;

use super::status::ApiError;

/// A parsed label selector.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelSelector {}

/// Parses a `labelSelector=` query value (already URL-decoded).
pub fn parse_label_selector(s: &str) -> Result<LabelSelector, ApiError> {
    let _ = s;
    Ok(LabelSelector {})
}

impl LabelSelector {
    /// Whether the object's `metadata.labels` satisfy the selector.
    pub fn matches(&self, obj: &Value) -> bool {
        let _ = obj;
        true
    }
}

/// A parsed field selector.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldSelector {}

/// Parses a `fieldSelector=` value for objects of `group`/`resource`; unsupported fields are a
/// 400 like the apiserver's `field label not supported: ...`.
pub fn parse_field_selector(
    group: &str,
    resource: &str,
    s: &str,
) -> Result<FieldSelector, ApiError> {
    let _ = (group, resource, s);
    Ok(FieldSelector {})
}

impl FieldSelector {
    /// Whether the object satisfies the selector.
    pub fn matches(&self, obj: &Value) -> bool {
        let _ = obj;
        true
    }
}
