//! API discovery and kubectl's resource-name resolution.
//!
//! kubectl asks `/api` and `/apis` for aggregated discovery (`apidiscovery.k8s.io/v2`,
//! one response per root) and falls back to legacy discovery (`/api/v1`,
//! `/apis/<group>/<version>`). Either way kk keeps what name resolution needs and kube's
//! `Discovery` drops: short names, singular names and categories.
//!
//! Resolution follows kubectl's RESTMapper: `NAME[.VERSION].GROUP` qualifiers, then a
//! case-insensitive match on the plural, singular, short names and kind, trying the
//! core group first and then groups in the server's order, each at its preferred version.

use serde_json::Value;

use crate::error::{Error, Result};

/// One resource of one group version, as discovery describes it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ApiResourceInfo {
    /// API group (`""` for core).
    pub group: String,
    /// Version (`v1`).
    pub version: String,
    /// Plural resource name (`deployments`).
    pub resource: String,
    /// Singular name (`deployment`).
    pub singular: String,
    /// Kind (`Deployment`).
    pub kind: String,
    /// Whether objects live in namespaces.
    pub namespaced: bool,
    /// Supported verbs (`get`, `list`, `watch`...).
    pub verbs: Vec<String>,
    /// Short names (`deploy`).
    pub short_names: Vec<String>,
    /// Categories (`all`).
    pub categories: Vec<String>,
    /// Whether this version is the group's preferred one.
    pub preferred: bool,
}

impl ApiResourceInfo {
    /// `apps/v1` or `v1`.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.clone()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// kubectl's `resource.group` spelling (`deployments.apps`, `pods`), used in messages
    /// such as `deployments.apps "web" not found`.
    pub fn group_resource(&self) -> String {
        if self.group.is_empty() {
            self.resource.clone()
        } else {
            format!("{}.{}", self.resource, self.group)
        }
    }

    /// The name printer's `kind[.group]` prefix (`deployment.apps`, `pod`).
    pub fn kind_group(&self) -> String {
        let kind = self.kind.to_lowercase();
        if self.group.is_empty() {
            kind
        } else {
            format!("{kind}.{}", self.group)
        }
    }

    /// Whether the verb is supported.
    pub fn supports(&self, verb: &str) -> bool {
        self.verbs.iter().any(|v| v == verb)
    }

    /// kube's dynamic type for `kube::Api<DynamicObject>`.
    pub fn api_resource(&self) -> kube::discovery::ApiResource {
        kube::discovery::ApiResource {
            group: self.group.clone(),
            version: self.version.clone(),
            api_version: self.api_version(),
            kind: self.kind.clone(),
            plural: self.resource.clone(),
        }
    }
}

/// Everything the server serves, core group first, then groups in the server's order.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Discovery {
    /// All resources of all versions (subresources excluded).
    pub resources: Vec<ApiResourceInfo>,
}

/// The Accept header kubectl sends for discovery roots.
pub const AGGREGATED_ACCEPT: &str = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

async fn get_json(client: &kube::Client, path: &str, accept: &str) -> kube::Result<Value> {
    let req = http::Request::get(path)
        .header(http::header::ACCEPT, accept)
        .body(Vec::new())
        .map_err(kube::Error::HttpError)?;
    let text = client.request_text(req).await?;
    serde_json::from_str(&text).map_err(kube::Error::SerdeError)
}

/// Run discovery against the server.
pub async fn discover(client: &kube::Client) -> kube::Result<Discovery> {
    let mut d = Discovery::default();
    for root in ["/api", "/apis"] {
        let doc = get_json(client, root, AGGREGATED_ACCEPT).await?;
        if doc.get("kind").and_then(Value::as_str) == Some("APIGroupDiscoveryList") {
            d.resources.extend(from_aggregated(&doc));
        } else {
            for gv in legacy_group_versions(root, &doc) {
                let path = if gv.group.is_empty() {
                    format!("/api/{}", gv.version)
                } else {
                    format!("/apis/{}/{}", gv.group, gv.version)
                };
                let list = get_json(client, &path, "application/json, */*").await?;
                d.resources.extend(from_resource_list(
                    &gv.group,
                    &gv.version,
                    gv.preferred,
                    &list,
                ));
            }
        }
    }
    Ok(d)
}

/// How long a cached discovery document is trusted (kubectl's discovery cache TTL is 6h;
/// like kubectl, a name that does not resolve triggers a fresh discovery regardless).
pub const CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(6 * 3600);

/// The cache file for a server under the cache directory (`<dir>/kk-discovery/<host_port>.json`).
pub fn cache_file(cache_dir: &std::path::Path, server: &str) -> std::path::PathBuf {
    let key: String = server
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    cache_dir.join("kk-discovery").join(format!("{key}.json"))
}

/// Read a cached discovery if it exists and is younger than [`CACHE_TTL`].
pub fn read_cache(path: &std::path::Path) -> Option<Discovery> {
    let meta = std::fs::metadata(path).ok()?;
    let age = meta.modified().ok()?.elapsed().ok()?;
    if age > CACHE_TTL {
        return None;
    }
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

/// Best-effort cache write (a read-only cache directory only costs speed).
pub fn write_cache(path: &std::path::Path, d: &Discovery) {
    if let (Some(dir), Ok(bytes)) = (path.parent(), serde_json::to_vec(d)) {
        let _ = std::fs::create_dir_all(dir);
        let _ = crate::kubeconfig::write::write_atomic(path, &bytes);
    }
}

fn strs(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

/// Parse an `APIGroupDiscoveryList` (the first version listed is the preferred one).
pub fn from_aggregated(doc: &Value) -> Vec<ApiResourceInfo> {
    let mut out = Vec::new();
    for group in doc
        .get("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let gname = group.get("metadata").map(|m| s(m, "name")).unwrap_or("");
        for (i, ver) in group
            .get("versions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let version = s(ver, "version");
            for r in ver
                .get("resources")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let kind = r.get("responseKind").map(|k| s(k, "kind")).unwrap_or("");
                out.push(ApiResourceInfo {
                    group: gname.to_string(),
                    version: version.to_string(),
                    resource: s(r, "resource").to_string(),
                    singular: s(r, "singularResource").to_string(),
                    kind: kind.to_string(),
                    namespaced: s(r, "scope") == "Namespaced",
                    verbs: strs(r.get("verbs")),
                    short_names: strs(r.get("shortNames")),
                    categories: strs(r.get("categories")),
                    preferred: i == 0,
                });
            }
        }
    }
    out
}

struct GroupVersion {
    group: String,
    version: String,
    preferred: bool,
}

fn legacy_group_versions(root: &str, doc: &Value) -> Vec<GroupVersion> {
    if root == "/api" {
        return strs(doc.get("versions"))
            .into_iter()
            .enumerate()
            .map(|(i, v)| GroupVersion {
                group: String::new(),
                version: v,
                preferred: i == 0,
            })
            .collect();
    }
    let mut out = Vec::new();
    for g in doc
        .get("groups")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let preferred = g
            .get("preferredVersion")
            .map(|p| s(p, "version"))
            .unwrap_or("");
        for v in g
            .get("versions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let version = s(v, "version");
            out.push(GroupVersion {
                group: s(g, "name").to_string(),
                version: version.to_string(),
                preferred: version == preferred,
            });
        }
    }
    out
}

/// Parse a legacy `APIResourceList` (subresources such as `pods/log` are skipped).
pub fn from_resource_list(
    group: &str,
    version: &str,
    preferred: bool,
    doc: &Value,
) -> Vec<ApiResourceInfo> {
    doc.get("resources")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|r| !s(r, "name").contains('/'))
        .map(|r| ApiResourceInfo {
            group: group.to_string(),
            version: version.to_string(),
            resource: s(r, "name").to_string(),
            singular: s(r, "singularName").to_string(),
            kind: s(r, "kind").to_string(),
            namespaced: r
                .get("namespaced")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            verbs: strs(r.get("verbs")),
            short_names: strs(r.get("shortNames")),
            categories: strs(r.get("categories")),
            preferred,
        })
        .collect()
}

impl Discovery {
    /// Preferred-version resources in kubectl's priority order.
    pub fn preferred(&self) -> impl Iterator<Item = &ApiResourceInfo> {
        self.resources.iter().filter(|r| r.preferred)
    }

    /// Resolve a typed resource name (`po`, `Pods`, `deploy`, `deployments.apps`,
    /// `deployments.v1.apps`) with kubectl's error text when nothing matches.
    pub fn resolve(&self, arg: &str) -> Result<&ApiResourceInfo> {
        let lower = arg.to_lowercase();
        let parts: Vec<&str> = lower.splitn(3, '.').collect();
        // NAME.VERSION.GROUP first, as kubectl's ParseResourceArg does.
        if parts.len() == 3 {
            let (name, version, group) = (parts[0], parts[1], parts[2]);
            if let Some(r) = self
                .resources
                .iter()
                .find(|r| r.version == version && r.group == group && matches(r, name))
            {
                return Ok(r);
            }
        }
        if let Some((name, group)) = lower.split_once('.') {
            if let Some(r) = self
                .preferred()
                .find(|r| r.group == group && matches(r, name))
            {
                return Ok(r);
            }
        } else if let Some(r) = self.find_plain(&lower) {
            return Ok(r);
        }
        Err(self.not_found(arg))
    }

    fn find_plain(&self, name: &str) -> Option<&ApiResourceInfo> {
        // Exact resource/singular/short-name matches beat kind matches across all groups.
        self.preferred()
            .find(|r| {
                r.resource == name || r.singular == name || r.short_names.iter().any(|s| s == name)
            })
            .or_else(|| self.preferred().find(|r| r.kind.to_lowercase() == name))
    }

    fn not_found(&self, arg: &str) -> Error {
        let parts: Vec<&str> = arg.splitn(3, '.').collect();
        let msg = match parts.as_slice() {
            [name, version, group] if self.resources.iter().any(|r| r.version == *version) => {
                format!(
                    "the server doesn't have a resource type \"{name}\" in group \"{group}\" and version \"{version}\""
                )
            }
            [name, rest @ ..] if !rest.is_empty() => {
                format!(
                    "the server doesn't have a resource type \"{name}\" in group \"{}\"",
                    rest.join(".")
                )
            }
            _ => format!("the server doesn't have a resource type \"{arg}\""),
        };
        Error::msg(msg)
    }

    /// The resources of a category (`all`), in priority order.
    pub fn category(&self, name: &str) -> Vec<&ApiResourceInfo> {
        self.preferred()
            .filter(|r| r.categories.iter().any(|c| c == name))
            .collect()
    }
}

fn matches(r: &ApiResourceInfo, name: &str) -> bool {
    r.resource == name
        || r.singular == name
        || r.short_names.iter().any(|s| s == name)
        || r.kind.to_lowercase() == name
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn disco() -> Discovery {
        let core = json!({"kind": "APIGroupDiscoveryList", "items": [{"metadata": {"name": ""},
            "versions": [{"version": "v1", "resources": [
                {"resource": "pods", "singularResource": "pod", "scope": "Namespaced",
                 "responseKind": {"kind": "Pod"}, "verbs": ["get", "list"], "shortNames": ["po"],
                 "categories": ["all"]},
                {"resource": "events", "singularResource": "event", "scope": "Namespaced",
                 "responseKind": {"kind": "Event"}, "shortNames": ["ev"]},
                {"resource": "nodes", "singularResource": "node", "scope": "Cluster",
                 "responseKind": {"kind": "Node"}, "shortNames": ["no"]}]}]}]});
        let apis = json!({"kind": "APIGroupDiscoveryList", "items": [
            {"metadata": {"name": "apps"}, "versions": [{"version": "v1", "resources": [
                {"resource": "deployments", "singularResource": "deployment", "scope": "Namespaced",
                 "responseKind": {"kind": "Deployment"}, "shortNames": ["deploy"], "categories": ["all"]}]}]},
            {"metadata": {"name": "events.k8s.io"}, "versions": [{"version": "v1", "resources": [
                {"resource": "events", "singularResource": "event", "scope": "Namespaced",
                 "responseKind": {"kind": "Event"}, "shortNames": ["ev"]}]}]}]});
        let mut d = Discovery::default();
        d.resources.extend(from_aggregated(&core));
        d.resources.extend(from_aggregated(&apis));
        d
    }

    #[test]
    fn resolves_like_kubectl() {
        let d = disco();
        assert_eq!(d.resolve("po").unwrap().resource, "pods");
        assert_eq!(d.resolve("Pod").unwrap().resource, "pods");
        assert_eq!(d.resolve("deploy").unwrap().api_version(), "apps/v1");
        assert_eq!(d.resolve("deployments.apps").unwrap().kind, "Deployment");
        assert_eq!(d.resolve("deployments.v1.apps").unwrap().kind, "Deployment");
        assert_eq!(d.resolve("events").unwrap().group, "", "core wins");
        assert_eq!(
            d.resolve("events.events.k8s.io").unwrap().group,
            "events.k8s.io"
        );
        assert!(!d.resolve("no").unwrap().namespaced);
    }

    #[test]
    fn unknown_types() {
        let d = disco();
        let e = |a: &str| d.resolve(a).unwrap_err().render().unwrap();
        assert_eq!(
            e("foo"),
            "error: the server doesn't have a resource type \"foo\"\n"
        );
        assert_eq!(
            e("foo.bar"),
            "error: the server doesn't have a resource type \"foo\" in group \"bar\"\n"
        );
    }

    #[test]
    fn names_for_messages() {
        let d = disco();
        let dep = d.resolve("deploy").unwrap();
        assert_eq!(
            (dep.group_resource(), dep.kind_group()),
            ("deployments.apps".into(), "deployment.apps".into())
        );
        assert_eq!(d.category("all").len(), 2);
    }

    #[test]
    fn cache_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = cache_file(dir.path(), "127.0.0.1:6443");
        assert!(path.ends_with("kk-discovery/127.0.0.1_6443.json"));
        assert!(read_cache(&path).is_none());
        write_cache(&path, &disco());
        assert_eq!(read_cache(&path).unwrap().resources, disco().resources);
    }

    #[test]
    fn legacy_resource_lists() {
        let list = json!({"resources": [{"name": "pods", "singularName": "pod", "namespaced": true,
            "kind": "Pod", "verbs": ["get"], "shortNames": ["po"]}, {"name": "pods/log", "kind": "Pod"}]});
        let r = from_resource_list("", "v1", true, &list);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].short_names, ["po"]);
    }
}
