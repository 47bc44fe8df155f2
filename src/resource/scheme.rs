//! kubectl's compiled-in scheme (`k8s.io/kubectl/pkg/scheme`: client-go's built-in types).
//! Verbs whose builder decodes manifests into those types (`WithScheme`: `set`, `rollout`,
//! `expose`, `exec`) cannot read any other kind: a custom resource in their `-f` is
//! `unable to decode "FILE": no kind "Widget" is registered for version "example.com/v1" in
//! scheme "pkg/scheme/scheme.go:28"`. The other verbs read every manifest as unstructured.
//!
//! The built-in kinds are those of kk's patch table ([`crate::patch::meta::builtin`]), less
//! the API groups client-go does not register (CRDs, APIServices, discovery documents, image
//! reviews).

use crate::patch::meta::builtin;

/// Groups of the patch table that kubectl's scheme does not register.
const NOT_REGISTERED: &[&str] = &[
    "apiextensions.k8s.io",
    "apiregistration.k8s.io",
    "apidiscovery.k8s.io",
    "imagepolicy.k8s.io",
];

/// Whether kubectl's scheme decodes `kind` in `api_version`.
pub fn registered(api_version: &str, kind: &str) -> bool {
    let group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
    !NOT_REGISTERED.contains(&group) && builtin().schema(api_version, kind).is_some()
}

/// The typed decoder's refusal of a manifest object read from `source`, if it refuses it.
pub fn decode_error(source: &str, api_version: &str, kind: &str) -> Option<String> {
    (!registered(api_version, kind)).then(|| {
        format!(
            "unable to decode {source:?}: no kind {kind:?} is registered for version \
             {api_version:?} in scheme \"pkg/scheme/scheme.go:28\""
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_kinds_only() {
        assert!(registered("apps/v1", "Deployment"));
        assert!(registered("v1", "Pod"));
        assert!(registered("apps/v1beta1", "Deployment"));
        assert!(registered("resource.k8s.io/v1beta2", "DeviceClass"));
        assert!(!registered("apps/v9", "Deployment"));
        assert!(!registered("v1", "Foo"));
        assert!(!registered(
            "apiextensions.k8s.io/v1",
            "CustomResourceDefinition"
        ));
        assert_eq!(
            decode_error("w.yaml", "example.com/v1", "Widget").as_deref(),
            Some(
                "unable to decode \"w.yaml\": no kind \"Widget\" is registered for version \
                 \"example.com/v1\" in scheme \"pkg/scheme/scheme.go:28\""
            )
        );
        assert_eq!(decode_error("w.yaml", "v1", "ConfigMap"), None);
    }
}
