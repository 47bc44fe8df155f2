//! `kubectl create serviceaccount NAME` (`create_serviceaccount.go`).

use serde_json::Value;

/// The ServiceAccount.
pub fn build(name: &str, namespace: Option<&str>) -> Value {
    super::object("v1", "ServiceAccount", name, namespace)
}

#[cfg(test)]
mod tests {
    use super::super::shape;

    #[test]
    fn like_kubectl() {
        // kubectl.1.33 -n x create sa s --dry-run=client -o json
        assert_eq!(
            shape::to_json(&shape::normalize(&super::build("s", Some("x")))),
            "{\n    \"kind\": \"ServiceAccount\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"s\",\n        \"namespace\": \"x\",\n        \"creationTimestamp\": null\n    }\n}\n"
        );
    }
}
