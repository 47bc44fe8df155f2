//! `kubectl create namespace NAME` (`create_namespace.go`).

use serde_json::Value;

/// The Namespace (never namespaced itself, whatever `-n` says).
pub fn build(name: &str) -> Value {
    super::object("v1", "Namespace", name, None)
}

#[cfg(test)]
mod tests {
    use super::super::shape;

    // kubectl.1.33 create namespace g1 --dry-run=client -o json
    #[test]
    fn like_kubectl() {
        assert_eq!(
            shape::to_json(&shape::normalize(&super::build("g1"))),
            "{\n    \"kind\": \"Namespace\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"g1\",\n        \"creationTimestamp\": null\n    },\n    \"spec\": {},\n    \"status\": {}\n}\n"
        );
    }
}
