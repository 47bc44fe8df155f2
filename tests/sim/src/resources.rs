//! The resource registry: every kind the simulated apiserver serves (built-ins and CRDs), with
//! the names discovery advertises. Discovery, OpenAPI, tables and routing all read this.

/// One served resource (a GroupVersionResource plus what discovery says about it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceInfo {
    /// API group, "" for core.
    pub group: String,
    /// Version, e.g. "v1".
    pub version: String,
    /// Kind, e.g. "Deployment".
    pub kind: String,
    /// Plural resource name, e.g. "deployments".
    pub plural: String,
    /// Singular name, e.g. "deployment".
    pub singular: String,
    /// Short names, e.g. ["deploy"].
    pub short_names: Vec<String>,
    /// Whether objects live in namespaces.
    pub namespaced: bool,
    /// Verbs discovery advertises.
    pub verbs: Vec<String>,
    /// Categories, e.g. ["all"].
    pub categories: Vec<String>,
    /// Served subresources, e.g. ["status", "scale"].
    pub subresources: Vec<String>,
}
