//! PATCH bodies in all four content types: JSON patch (RFC 6902), JSON merge patch
//! (RFC 7386), strategic merge patch and server-side apply, plus managedFields bookkeeping.
//!
//! Each content type has its own module; this one holds the entry points the request
//! handlers call and the Go-flavoured error helpers they share.

mod apply;
mod fieldset;
mod json;
mod managed_fields;
mod merge;
pub mod merge_keys;
mod strategic;

use serde_json::{Map, Value};

use super::status::ApiError;

pub use merge_keys::supports_strategic;

/// `application/json-patch+json`.
pub fn json_patch(current: &Value, patch: &[u8]) -> Result<Value, ApiError> {
    json::apply(current, patch)
}

/// `application/merge-patch+json`.
pub fn merge_patch(current: &Value, patch: &[u8]) -> Result<Value, ApiError> {
    merge::apply(current, patch)
}

/// `application/strategic-merge-patch+json` for a built-in kind.
pub fn strategic_merge_patch(
    group: &str,
    kind: &str,
    current: &Value,
    patch: &[u8],
) -> Result<Value, ApiError> {
    strategic::apply(group, kind, current, patch)
}

/// `application/apply-patch+yaml`: server-side apply of `applied` by `manager`.
/// `current` is None when the object does not exist yet (apply creates it).
/// The result carries the updated `metadata.managedFields`; on a create the caller still
/// fills in uid, creationTimestamp, defaults and so on.
pub fn server_side_apply(
    group: &str,
    kind: &str,
    current: Option<&Value>,
    applied: &[u8],
    manager: &str,
    force: bool,
    now: &str,
) -> Result<Value, ApiError> {
    apply::server_side_apply(group, kind, current, applied, manager, force, now)
}

/// [`server_side_apply`] through a subresource (`status`): the apply configuration's
/// status is kept and the manager's entry records the subresource.
#[allow(clippy::too_many_arguments)]
pub fn server_side_apply_to(
    group: &str,
    kind: &str,
    current: Option<&Value>,
    applied: &[u8],
    manager: &str,
    force: bool,
    now: &str,
    subresource: &str,
) -> Result<Value, ApiError> {
    apply::apply_to(
        group,
        kind,
        current,
        applied,
        manager,
        force,
        now,
        subresource,
    )
}

/// Records in `new.metadata.managedFields` the fields `manager` set by a non-apply write
/// (`operation` is "Update"), as the apiserver does for every create, update and patch.
pub fn track_update(
    old: Option<&Value>,
    new: &mut Value,
    manager: &str,
    operation: &str,
    subresource: Option<&str>,
    now: &str,
) {
    managed_fields::track_update(old, new, manager, operation, subresource, now)
}

/// An error that is not an apiserver status error: the apiserver answers it as a 500 with
/// an empty reason and the bare message (kubectl prints `Error from server: <message>`).
pub(crate) fn plain_error(message: String) -> ApiError {
    ApiError::new(500, "", message)
}

/// `NewGenericServerResponse(422, ...)`: the message never says what was wrong.
pub(crate) fn unprocessable() -> ApiError {
    let mut e = ApiError::new(
        422,
        "Invalid",
        "the server rejected our request due to an error in our request",
    );
    e.details = Some(Value::Object(Map::new()));
    e
}

/// The text Go's `encoding/json` gives for a body serde_json could not parse.
pub(crate) fn go_json_error(e: &serde_json::Error, input: &[u8]) -> String {
    if e.is_eof() {
        return "unexpected end of JSON input".to_string();
    }
    let text = e.to_string();
    // serde_json columns are 1-based and point at the offending character.
    let offset: usize = input
        .split(|b| *b == b'\n')
        .take(e.line().saturating_sub(1))
        .map(|l| l.len() + 1)
        .sum::<usize>()
        + e.column().saturating_sub(1);
    let Some(ch) = input.get(offset).map(|b| *b as char) else {
        return "unexpected end of JSON input".to_string();
    };
    let context = if text.starts_with("expected `:`") {
        "after object key"
    } else if text.starts_with("expected `,` or `}`") {
        "after object key:value pair"
    } else if text.starts_with("expected `,` or `]`") {
        "after array element"
    } else if text.starts_with("key must be a string") {
        "looking for beginning of object key string"
    } else if text.starts_with("trailing characters") {
        "after top-level value"
    } else if e.is_data() {
        return text;
    } else {
        "looking for beginning of value"
    };
    format!("invalid character '{ch}' {context}")
}

/// Go's `%v` of a decoded JSON value: `map[k:v]`, `[a b]`, `<nil>`.
pub(crate) fn go_fmt(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) => format!("[{}]", a.iter().map(go_fmt).collect::<Vec<_>>().join(" ")),
        Value::Object(m) => format!(
            "map[{}]",
            m.iter()
                .map(|(k, v)| format!("{k}:{}", go_fmt(v)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn go_json_error_texts() {
        let err = |s: &str| {
            let e = serde_json::from_str::<Value>(s).unwrap_err();
            go_json_error(&e, s.as_bytes())
        };
        assert_eq!(err("{\"a\" 1}"), "invalid character '1' after object key");
        assert_eq!(
            err("{\"a\":1 \"b\"}"),
            "invalid character '\"' after object key:value pair"
        );
        assert_eq!(err("[1 2]"), "invalid character '2' after array element");
        assert_eq!(
            err("{1:2}"),
            "invalid character '1' looking for beginning of object key string"
        );
        assert_eq!(err("{} x"), "invalid character 'x' after top-level value");
        assert_eq!(
            err("\n  @x"),
            "invalid character '@' looking for beginning of value"
        );
        assert_eq!(err("[1,"), "unexpected end of JSON input");
    }

    #[test]
    fn go_fmt_matches_go_maps() {
        assert_eq!(
            go_fmt(&json!({"b": [1, "x"], "a": null})),
            "map[a:<nil> b:[1 x]]"
        );
    }
}
