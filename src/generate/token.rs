//! `kubectl create token SERVICE_ACCOUNT_NAME [--audience] [--duration]
//! [--bound-object-kind --bound-object-name [--bound-object-uid]]` (`create_token.go`): the
//! TokenRequest posted to the service account's `token` subresource.

use serde_json::{Value, json};

/// The kinds a token can be bound to, and their API versions.
pub const BOUND_KINDS: &[(&str, &str)] = &[("Node", "v1"), ("Pod", "v1"), ("Secret", "v1")];

/// What `create token` was given.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// The service account.
    pub name: String,
    /// The namespace the request goes to.
    pub namespace: String,
    /// `--audience`.
    pub audiences: Vec<String>,
    /// `--duration` in nanoseconds.
    pub duration_nanos: i128,
    /// `--bound-object-kind`.
    pub bound_kind: String,
    /// `--bound-object-name`.
    pub bound_name: String,
    /// `--bound-object-uid`.
    pub bound_uid: String,
}

/// kubectl's `Validate()`.
pub fn validate(p: &Params) -> Result<(), String> {
    if p.name.is_empty() {
        return Err("service account name is required".into());
    }
    if p.namespace.is_empty() {
        return Err("--namespace is required".into());
    }
    if p.duration_nanos < 0 {
        return Err("--duration must be greater than or equal to 0".into());
    }
    if p.duration_nanos % 1_000_000_000 != 0 {
        return Err("--duration cannot be expressed in units less than seconds".into());
    }
    if p.audiences.iter().any(String::is_empty) {
        return Err("--audience must not be an empty string".into());
    }
    if p.bound_kind.is_empty() {
        if !p.bound_name.is_empty() {
            return Err(
                "--bound-object-name can only be set if --bound-object-kind is provided".into(),
            );
        }
        if !p.bound_uid.is_empty() {
            return Err(
                "--bound-object-uid can only be set if --bound-object-kind is provided".into(),
            );
        }
    } else {
        if !BOUND_KINDS.iter().any(|(k, _)| *k == p.bound_kind) {
            let kinds: Vec<&str> = BOUND_KINDS.iter().map(|(k, _)| *k).collect();
            return Err(format!(
                "supported --bound-object-kind values are {}",
                kinds.join(", ")
            ));
        }
        if p.bound_name.is_empty() {
            return Err(
                "--bound-object-name is required if --bound-object-kind is provided".into(),
            );
        }
    }
    Ok(())
}

/// The TokenRequest.
pub fn build(p: &Params) -> Result<Value, String> {
    validate(p)?;
    let mut spec = json!({});
    if !p.audiences.is_empty() {
        spec["audiences"] = json!(p.audiences);
    }
    if p.duration_nanos > 0 {
        spec["expirationSeconds"] = json!((p.duration_nanos / 1_000_000_000) as i64);
    }
    if let Some((kind, version)) = BOUND_KINDS.iter().find(|(k, _)| *k == p.bound_kind) {
        spec["boundObjectRef"] = json!({
            "kind": kind,
            "apiVersion": version,
            "name": p.bound_name,
            "uid": p.bound_uid,
        });
    }
    Ok(json!({"apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": spec}))
}

/// `pflag`'s duration flag: Go's `time.ParseDuration`, negative values included, in
/// nanoseconds; the error is Go's.
pub fn parse_duration(s: &str) -> Result<i128, String> {
    let bad = || format!("time: invalid duration {}", crate::go::quote(s));
    let (neg, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let d = crate::go::duration(rest).ok_or_else(bad)?;
    let n = d.as_nanos() as i128;
    Ok(if neg { -n } else { n })
}

#[cfg(test)]
mod tests {
    use super::super::shape;
    use super::*;

    #[test]
    fn requests_and_errors() {
        let p = Params {
            name: "default".into(),
            namespace: "ns".into(),
            audiences: vec!["a".into()],
            duration_nanos: parse_duration("10m").unwrap(),
            ..Default::default()
        };
        let r = shape::normalize(&build(&p).unwrap());
        assert_eq!(
            shape::to_compact(&r),
            r#"{"kind":"TokenRequest","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":null},"spec":{"audiences":["a"],"expirationSeconds":600,"boundObjectRef":null},"status":{"token":"","expirationTimestamp":null}}"#
        );
        let bad = Params {
            duration_nanos: parse_duration("1500ms").unwrap(),
            ..p.clone()
        };
        assert_eq!(
            validate(&bad).unwrap_err(),
            "--duration cannot be expressed in units less than seconds"
        );
        let bad = Params {
            bound_kind: "Deployment".into(),
            ..p
        };
        assert_eq!(
            validate(&bad).unwrap_err(),
            "supported --bound-object-kind values are Node, Pod, Secret"
        );
        assert_eq!(
            parse_duration("x").unwrap_err(),
            "time: invalid duration \"x\""
        );
    }
}
