//! The deprecation warnings a 1.33 kube-apiserver sends as `Warning` headers on every request
//! to a deprecated resource (kubectl prints them as `Warning: ...` on stderr).

/// `(group, version, resource, warning)`.
const DEPRECATED: &[(&str, &str, &str, &str)] = &[(
    "",
    "v1",
    "endpoints",
    "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice",
)];

/// The warning for requests to `resource` in `group/version`, if it is deprecated.
pub fn warning(group: &str, version: &str, resource: &str) -> Option<&'static str> {
    DEPRECATED
        .iter()
        .find(|(g, v, r, _)| *g == group && *v == version && *r == resource)
        .map(|(_, _, _, w)| *w)
}

#[cfg(test)]
mod tests {
    #[test]
    fn endpoints_are_deprecated() {
        assert!(super::warning("", "v1", "endpoints").is_some());
        assert!(super::warning("discovery.k8s.io", "v1", "endpointslices").is_none());
    }
}
