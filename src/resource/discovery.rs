//! API discovery for resource resolution: one aggregated request each for `/api` and `/apis`
//! (legacy per-group-version requests only when the server lacks aggregated discovery), a
//! 6-hour disk cache in kubectl's cache directory (`--cache-dir` > `$KUBECACHEDIR` >
//! `~/.kube/cache`, then `discovery/<host_port>/`), and name resolution with kubectl's rules
//! (exact plural/singular first, then short names, then kinds; core group first, then the
//! server's group order, preferred versions first).
//!
//! kk keeps its own single-file cache (`kk-discovery.json`) beside kubectl's files: one read
//! answers every lookup, and kubectl's own layout stays untouched for kubectl.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};

/// kubectl's discovery cache TTL (cli-runtime `config_flags.go`).
const TTL: Duration = Duration::from_secs(6 * 60 * 60);

/// The Accept header kubectl sends to `/api` and `/apis` for aggregated discovery.
const AGGREGATED_ACCEPT: &str = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

const CACHE_FILE: &str = "kk-discovery.json";

/// One resource type the server serves (subresources are not resource types).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiResource {
    /// API group (`""` for core).
    pub group: String,
    /// Version within the group.
    pub version: String,
    /// Plural resource name (`deployments`), as in URLs.
    pub resource: String,
    /// Singular name (`deployment`).
    pub singular: String,
    /// Kind (`Deployment`).
    pub kind: String,
    /// Namespaced (true) or cluster-scoped.
    pub namespaced: bool,
    /// Supported verbs.
    pub verbs: Vec<String>,
    /// Short names (`deploy`).
    #[serde(default)]
    pub short_names: Vec<String>,
    /// Categories (`all`).
    #[serde(default)]
    pub categories: Vec<String>,
    /// Whether `version` is the group's preferred version.
    pub preferred: bool,
}

impl ApiResource {
    /// `v1` or `apps/v1`.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.clone()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// `pods` or `deployments.apps`, as kubectl names a resource in messages.
    pub fn group_resource(&self) -> String {
        if self.group.is_empty() {
            self.resource.clone()
        } else {
            format!("{}.{}", self.resource, self.group)
        }
    }

    /// The URL path of the collection (`namespace` is ignored for cluster-scoped types;
    /// `None` on a namespaced type means all namespaces) or, with `name`, of one object.
    pub fn path(&self, namespace: Option<&str>, name: Option<&str>) -> String {
        let mut p = if self.group.is_empty() {
            format!("/api/{}", self.version)
        } else {
            format!("/apis/{}/{}", self.group, self.version)
        };
        if self.namespaced
            && let Some(ns) = namespace.filter(|n| !n.is_empty())
        {
            p.push_str("/namespaces/");
            p.push_str(&encode_segment(ns));
        }
        p.push('/');
        p.push_str(&self.resource);
        if let Some(n) = name {
            p.push('/');
            p.push_str(&encode_segment(n));
        }
        p
    }

    /// Whether the type supports `verb`.
    pub fn supports(&self, verb: &str) -> bool {
        self.verbs.iter().any(|v| v == verb)
    }
}

/// Percent-encode a path segment (names are normally DNS labels; be safe anyway).
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b':' | b'@' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Everything discovery told us, in the server's order (core first).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Discovery {
    /// Every group version (`v1`, `apps/v1`, ...) in discovery order.
    pub group_versions: Vec<String>,
    /// Every resource of every version, groups in discovery order, preferred version first.
    pub resources: Vec<ApiResource>,
}

/// Why a name did not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoMatch {
    /// The resource part of the argument, as kubectl names it in its message.
    pub resource: String,
}

impl NoMatch {
    /// kubectl's `error: the server doesn't have a resource type "foo"`.
    pub fn into_error(self) -> Error {
        Error::msg(format!(
            "the server doesn't have a resource type {:?}",
            self.resource
        ))
    }
}

/// A resolved type plus an optional warning kubectl would print (ambiguous short name).
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The chosen resource.
    pub resource: ApiResource,
    /// `short name "x" could also match lower priority resource y.z`.
    pub warnings: Vec<String>,
}

impl Discovery {
    /// Resolve a type argument (`pods`, `po`, `Pod`, `deploy.apps`, `deployments.v1.apps`).
    pub fn resolve(&self, arg: &str) -> std::result::Result<Resolved, NoMatch> {
        let lower = arg.to_lowercase();
        // kubectl's ParseResourceArg: `r.v.g` (2+ dots) or `r.g` (1 dot).
        let (resource, group_for_gr) = match lower.split_once('.') {
            Some((r, g)) => (r.to_string(), Some(g.to_string())),
            None => (lower.clone(), None),
        };
        let fully: Option<(String, String)> = group_for_gr
            .as_deref()
            .and_then(|g| g.split_once('.'))
            .map(|(v, g)| (v.to_string(), g.to_string()));
        let mut warnings = Vec::new();
        // resource.version.group
        if let Some((v, g)) = &fully
            && let Some(r) = self.by_resource(&resource, Some(g), Some(v), &mut warnings)
        {
            return Ok(Resolved {
                resource: r.clone(),
                warnings,
            });
        }
        // resource.group (the "group" may include a version: then it simply fails)
        if let Some(r) = self.by_resource(&resource, group_for_gr.as_deref(), None, &mut warnings) {
            return Ok(Resolved {
                resource: r.clone(),
                warnings,
            });
        }
        // Kind, Kind.group, Kind.version.group (kinds match exactly, as in the RESTMapper).
        let (kind, kgroup) = match arg.split_once('.') {
            Some((k, g)) => (k, Some(g)),
            None => (arg, None),
        };
        if let Some((v, g)) = kgroup.and_then(|g| g.split_once('.'))
            && let Some(r) = self.by_kind(kind, Some(g), Some(v))
        {
            return Ok(Resolved {
                resource: r.clone(),
                warnings: Vec::new(),
            });
        }
        if let Some(r) = self.by_kind(kind, kgroup, None) {
            return Ok(Resolved {
                resource: r.clone(),
                warnings: Vec::new(),
            });
        }
        Err(NoMatch { resource })
    }

    /// The RESTMapper's `ResourceFor` behind kubectl's short-name expander: a plural,
    /// singular or short `resource` in `group` (any group when empty).
    pub fn resource_for(&self, resource: &str, group: &str) -> Option<&ApiResource> {
        let group = (!group.is_empty()).then_some(group);
        self.by_resource(&resource.to_lowercase(), group, None, &mut Vec::new())
    }

    /// The RESTMapper's `ResourcesFor` behind kubectl's short-name expander: every group
    /// version serving `resource` (plural or singular; else a short name expanded to its
    /// resource), preferred versions first.
    pub fn resources_for(&self, resource: &str) -> Vec<&ApiResource> {
        let lower = resource.to_lowercase();
        let direct: Vec<&ApiResource> = self
            .candidates(None, None)
            .into_iter()
            .filter(|r| r.resource == lower || r.singular == lower)
            .collect();
        if !direct.is_empty() {
            return direct;
        }
        let Some(short) = self
            .resources
            .iter()
            .find(|r| r.short_names.contains(&lower))
        else {
            return Vec::new();
        };
        self.candidates(Some(&short.group), None)
            .into_iter()
            .filter(|r| r.resource == short.resource)
            .collect()
    }

    fn candidates(&self, group: Option<&str>, version: Option<&str>) -> Vec<&ApiResource> {
        let preferred = self.resources.iter().filter(|r| r.preferred);
        let others = self.resources.iter().filter(|r| !r.preferred);
        preferred
            .chain(others)
            .filter(|r| {
                group.is_none_or(|g| r.group == g) && version.is_none_or(|v| r.version == v)
            })
            .collect()
    }

    fn by_resource(
        &self,
        resource: &str,
        group: Option<&str>,
        version: Option<&str>,
        warnings: &mut Vec<String>,
    ) -> Option<&ApiResource> {
        if let Some(r) = self
            .candidates(group, version)
            .into_iter()
            .find(|r| r.resource == resource || r.singular == resource)
        {
            return Some(r);
        }
        let mut found: Option<&ApiResource> = None;
        for r in self
            .resources
            .iter()
            .filter(|r| group.is_none_or(|g| r.group == g))
            .filter(|r| r.short_names.iter().any(|s| s == resource))
        {
            match found {
                None => found = Some(r),
                Some(f) if f.group == r.group && f.resource == r.resource => {}
                Some(_) => {
                    let w = format!(
                        "short name {resource:?} could also match lower priority resource {}",
                        r.group_resource()
                    );
                    if !warnings.contains(&w) {
                        warnings.push(w);
                    }
                }
            }
        }
        let found = found?;
        // The short name expands to the resource; resolve that with the version constraint.
        let (res, grp) = (found.resource.clone(), found.group.clone());
        self.candidates(Some(&grp), version)
            .into_iter()
            .find(|r| r.resource == res)
    }

    fn by_kind(
        &self,
        kind: &str,
        group: Option<&str>,
        version: Option<&str>,
    ) -> Option<&ApiResource> {
        self.candidates(group, version)
            .into_iter()
            .find(|r| r.kind == kind)
    }

    /// The resources in `category` (`all`), as `resource[.group]` in discovery order.
    pub fn expand_category(&self, category: &str) -> Option<Vec<String>> {
        let mut out: Vec<String> = Vec::new();
        for r in &self.resources {
            if r.categories.iter().any(|c| c == category) {
                let gr = r.group_resource();
                if !out.contains(&gr) {
                    out.push(gr);
                }
            }
        }
        (!out.is_empty()).then_some(out)
    }

    /// Resources of each group's preferred version (what `api-resources` lists).
    pub fn preferred(&self) -> impl Iterator<Item = &ApiResource> {
        self.resources.iter().filter(|r| r.preferred)
    }
}

/// kubectl's `computeDiscoverCacheDir`: the server host:port without the scheme, every
/// character outside `[\w/.()]` replaced by `_`.
pub fn cache_dir_for(base: &Path, server_url: &str) -> PathBuf {
    let host = server_url
        .replacen("https://", "", 1)
        .replacen("http://", "", 1);
    let safe: String = host
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '/' | '.' | '(' | ')') {
                c
            } else {
                '_'
            }
        })
        .collect();
    base.join("discovery").join(safe)
}

/// Read the cache file if it is younger than the TTL.
pub fn read_cache(dir: &Path) -> Option<Discovery> {
    let file = dir.join(CACHE_FILE);
    let meta = std::fs::metadata(&file).ok()?;
    let age = SystemTime::now()
        .duration_since(meta.modified().ok()?)
        .unwrap_or_default();
    if age > TTL {
        return None;
    }
    serde_json::from_slice(&std::fs::read(&file).ok()?).ok()
}

/// Write the cache atomically; failures are ignored (kubectl also just skips caching).
pub fn write_cache(dir: &Path, d: &Discovery) {
    let Ok(text) = serde_json::to_vec(d) else {
        return;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let Ok(mut tmp) = tempfile::NamedTempFile::new_in(dir) else {
        return;
    };
    if std::io::Write::write_all(&mut tmp, &text).is_ok() {
        let _ = tmp.persist(dir.join(CACHE_FILE));
    }
}

/// Fetch discovery from the server: aggregated when offered, legacy otherwise.
pub async fn fetch(client: &kube::Client) -> std::result::Result<Discovery, kube::Error> {
    let (core, groups) = futures::join!(
        get_aggregated(client, "/api"),
        get_aggregated(client, "/apis")
    );
    let (core, groups) = (core?, groups?);
    match (core, groups) {
        (Aggregated::Yes(core), Aggregated::Yes(groups)) => {
            let mut d = Discovery::default();
            add_aggregated(&mut d, &core);
            add_aggregated(&mut d, &groups);
            Ok(d)
        }
        (core, groups) => fetch_legacy(client, core, groups).await,
    }
}

enum Aggregated {
    Yes(Value),
    No(Value),
}

async fn get_aggregated(client: &kube::Client, path: &str) -> Result<Aggregated, kube::Error> {
    let req = http::Request::get(format!("{path}?timeout=32s"))
        .header(http::header::ACCEPT, AGGREGATED_ACCEPT)
        .body(Vec::new())
        .map_err(kube::Error::HttpError)?;
    let text = client.request_text(req).await?;
    let v: Value = serde_json::from_str(&text).map_err(kube::Error::SerdeError)?;
    Ok(
        if v.get("kind").and_then(Value::as_str) == Some("APIGroupDiscoveryList") {
            Aggregated::Yes(v)
        } else {
            Aggregated::No(v)
        },
    )
}

fn strs(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn s(v: &Value, k: &str) -> String {
    v.get(k).and_then(Value::as_str).unwrap_or("").to_string()
}

fn add_aggregated(d: &mut Discovery, list: &Value) {
    for g in list
        .get("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let group = g
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        for (i, v) in g
            .get("versions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let version = s(v, "version");
            d.group_versions.push(if group.is_empty() {
                version.clone()
            } else {
                format!("{group}/{version}")
            });
            for r in v
                .get("resources")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                // client-go drops resources without a responseKind.
                let kind = r
                    .pointer("/responseKind/kind")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                if kind.is_empty() {
                    continue;
                }
                d.resources.push(ApiResource {
                    group: group.clone(),
                    version: version.clone(),
                    resource: s(r, "resource"),
                    singular: {
                        let sg = s(r, "singularResource");
                        if sg.is_empty() {
                            kind.to_lowercase()
                        } else {
                            sg
                        }
                    },
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
}

async fn fetch_legacy(
    client: &kube::Client,
    core: Aggregated,
    groups: Aggregated,
) -> std::result::Result<Discovery, kube::Error> {
    let (Aggregated::No(core) | Aggregated::Yes(core)) = core;
    let (Aggregated::No(groups) | Aggregated::Yes(groups)) = groups;
    let mut d = Discovery::default();
    // (group, version, preferred)
    let mut gvs: Vec<(String, String, bool)> = Vec::new();
    for (i, v) in strs(core.get("versions")).into_iter().enumerate() {
        gvs.push((String::new(), v, i == 0));
    }
    for g in groups
        .get("groups")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let name = s(g, "name");
        let pref = g
            .pointer("/preferredVersion/version")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let mut versions: Vec<String> = g
            .get("versions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|v| s(v, "version"))
            .collect();
        // Preferred first, as in aggregated discovery.
        if let Some(p) = versions.iter().position(|v| *v == pref) {
            let p = versions.remove(p);
            versions.insert(0, p);
        }
        for (i, v) in versions.into_iter().enumerate() {
            gvs.push((name.clone(), v, i == 0));
        }
    }
    let fetches = gvs.iter().map(|(g, v, _)| {
        let path = if g.is_empty() {
            format!("/api/{v}?timeout=32s")
        } else {
            format!("/apis/{g}/{v}?timeout=32s")
        };
        async move {
            let req = http::Request::get(path)
                .header(http::header::ACCEPT, "application/json, */*")
                .body(Vec::new())
                .map_err(kube::Error::HttpError)?;
            client.request::<Value>(req).await
        }
    });
    let lists = futures::future::join_all(fetches).await;
    for ((group, version, preferred), list) in gvs.into_iter().zip(lists) {
        let list = list?;
        d.group_versions.push(if group.is_empty() {
            version.clone()
        } else {
            format!("{group}/{version}")
        });
        for r in list
            .get("resources")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let name = s(r, "name");
            if name.contains('/') {
                continue;
            }
            let kind = s(r, "kind");
            d.resources.push(ApiResource {
                group: group.clone(),
                version: version.clone(),
                singular: {
                    let sg = s(r, "singularName");
                    if sg.is_empty() {
                        kind.to_lowercase()
                    } else {
                        sg
                    }
                },
                resource: name,
                kind,
                namespaced: r
                    .get("namespaced")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                verbs: strs(r.get("verbs")),
                short_names: strs(r.get("shortNames")),
                categories: strs(r.get("categories")),
                preferred,
            });
        }
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn res(
        group: &str,
        version: &str,
        plural: &str,
        kind: &str,
        short: &[&str],
        pref: bool,
    ) -> ApiResource {
        ApiResource {
            group: group.into(),
            version: version.into(),
            resource: plural.into(),
            singular: kind.to_lowercase(),
            kind: kind.into(),
            namespaced: true,
            verbs: vec!["get".into(), "list".into()],
            short_names: short.iter().map(|s| s.to_string()).collect(),
            categories: if plural == "pods" || plural == "deployments" {
                vec!["all".into()]
            } else {
                vec![]
            },
            preferred: pref,
        }
    }

    fn disco() -> Discovery {
        Discovery {
            group_versions: vec!["v1".into(), "apps/v1".into()],
            resources: vec![
                res("", "v1", "pods", "Pod", &["po"], true),
                res("", "v1", "events", "Event", &["ev"], true),
                res("apps", "v1", "deployments", "Deployment", &["deploy"], true),
                res(
                    "autoscaling",
                    "v2",
                    "horizontalpodautoscalers",
                    "HorizontalPodAutoscaler",
                    &["hpa"],
                    true,
                ),
                res(
                    "autoscaling",
                    "v1",
                    "horizontalpodautoscalers",
                    "HorizontalPodAutoscaler",
                    &["hpa"],
                    false,
                ),
                res("events.k8s.io", "v1", "events", "Event", &["ev"], true),
                res("example.com", "v1", "widgets", "Widget", &["po"], true),
            ],
        }
    }

    fn gr(arg: &str) -> String {
        let r = disco().resolve(arg).unwrap().resource;
        format!("{}/{}", r.api_version(), r.resource)
    }

    #[test]
    fn resolves_like_kubectl() {
        assert_eq!(gr("pods"), "v1/pods");
        assert_eq!(gr("pod"), "v1/pods");
        assert_eq!(gr("PODS"), "v1/pods");
        assert_eq!(gr("Pod"), "v1/pods");
        assert_eq!(gr("deploy"), "apps/v1/deployments");
        assert_eq!(gr("deploy.apps"), "apps/v1/deployments");
        assert_eq!(gr("deployments.v1.apps"), "apps/v1/deployments");
        assert_eq!(gr("Deployment.apps"), "apps/v1/deployments");
        assert_eq!(gr("hpa"), "autoscaling/v2/horizontalpodautoscalers");
        assert_eq!(
            gr("hpa.v1.autoscaling"),
            "autoscaling/v1/horizontalpodautoscalers"
        );
        // Core wins for plural names shared across groups.
        assert_eq!(gr("events"), "v1/events");
        assert_eq!(gr("events.events.k8s.io"), "events.k8s.io/v1/events");
    }

    #[test]
    fn ambiguous_short_names_warn() {
        let r = disco().resolve("po").unwrap();
        assert_eq!(r.resource.resource, "pods");
        assert_eq!(
            r.warnings,
            ["short name \"po\" could also match lower priority resource widgets.example.com"]
        );
    }

    #[test]
    fn misses_name_the_resource() {
        let d = disco();
        assert_eq!(d.resolve("foo").unwrap_err().resource, "foo");
        assert_eq!(d.resolve("foo.bar").unwrap_err().resource, "foo");
        assert_eq!(
            d.resolve("foo").unwrap_err().into_error().render().unwrap(),
            "error: the server doesn't have a resource type \"foo\"\n"
        );
    }

    #[test]
    fn categories_and_paths() {
        let d = disco();
        assert_eq!(
            d.expand_category("all").unwrap(),
            ["pods", "deployments.apps"]
        );
        assert!(d.expand_category("nope").is_none());
        let p = d.resolve("deploy").unwrap().resource;
        assert_eq!(
            p.path(Some("ns"), Some("web")),
            "/apis/apps/v1/namespaces/ns/deployments/web"
        );
        assert_eq!(p.path(None, None), "/apis/apps/v1/deployments");
    }

    #[test]
    fn cache_dir_layout() {
        assert_eq!(
            cache_dir_for(Path::new("/c"), "https://127.0.0.1:6443"),
            PathBuf::from("/c/discovery/127.0.0.1_6443")
        );
    }

    #[test]
    fn cache_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        write_cache(dir.path(), &disco());
        let back = read_cache(dir.path()).unwrap();
        assert_eq!(back.resources, disco().resources);
    }
}
