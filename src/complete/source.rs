//! Where completion candidates come from, without ever making the shell wait.
//!
//! - **Resource types**: kk's discovery cache (`resource::discovery`, 6 hours); on a miss,
//!   discovery from the server within the budget; failing that, the built-in 1.33 types.
//! - **Names**: a per-context name cache under `<cache-dir>/kk-complete/`, one file per
//!   namespace and type. A file younger than the TTL (5 s, `KK_COMPLETION_CACHE_TTL`) answers
//!   without the network; an older one is refreshed by a metadata-only list
//!   (`PartialObjectMetadataList`, names only are kept) and, when the server does not answer
//!   within the budget, answers as it is.
//! - **kubeconfig names** (contexts, clusters, users) never touch the network.
//!
//! The budget (`KK_COMPLETION_TIMEOUT`, a Go duration, default 1s) is one deadline for the
//! whole invocation, covering connection, TLS and every request.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use serde::Deserialize;
use serde_json::Value;
use tokio::time::Instant;

use crate::ctx::Ctx;
use crate::kubeconfig::{Section, str_field};
use crate::resource::{ApiResource, Discovery, discovery};

/// Default network budget of one completion.
pub const DEFAULT_BUDGET: Duration = Duration::from_secs(1);
/// Default age under which a cached name list is used without asking the server.
pub const DEFAULT_TTL: Duration = Duration::from_secs(5);

/// The Accept header of a metadata-only list (kubectl's `PartialObjectMetadataList`).
const METADATA_ACCEPT: &str =
    "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

/// Candidates' data for one completion request.
pub struct Source<'a> {
    ctx: &'a Ctx,
    loaded: Option<&'a crate::kubeconfig::Loaded>,
    deadline: Instant,
    ttl: Duration,
    discovery: Option<Discovery>,
    tried_discovery: bool,
}

/// The kubeconfig's view of where names come from, computed without building a client.
struct Target {
    context: String,
    server: String,
    namespace: String,
}

#[derive(Deserialize)]
struct MetaList {
    #[serde(default)]
    items: Vec<MetaItem>,
    #[serde(default)]
    metadata: ListMeta,
}

#[derive(Deserialize, Default)]
struct ListMeta {
    #[serde(default, rename = "continue")]
    next: Option<String>,
}

#[derive(Deserialize)]
struct MetaItem {
    metadata: Name,
}

#[derive(Deserialize)]
struct Name {
    #[serde(default)]
    name: String,
}

fn env_duration(ctx: &Ctx, name: &str, default: Duration) -> Duration {
    ctx.env()
        .non_empty(name)
        .and_then(crate::go::duration)
        .unwrap_or(default)
}

/// `[A-Za-z0-9._-]` kept, everything else `_` (file-name safe, stable).
fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

impl<'a> Source<'a> {
    /// A source over `ctx`, with the budget and TTL from the environment.
    pub async fn new(ctx: &'a Ctx) -> Self {
        let budget = env_duration(ctx, "KK_COMPLETION_TIMEOUT", DEFAULT_BUDGET);
        Source {
            ctx,
            loaded: ctx.kubeconfig().await.ok(),
            deadline: Instant::now() + budget,
            ttl: env_duration(ctx, "KK_COMPLETION_CACHE_TTL", DEFAULT_TTL),
            discovery: None,
            tried_discovery: false,
        }
    }

    fn target(&self) -> Option<Target> {
        let loaded = self.kubeconfig()?;
        let g = self.ctx.global();
        let context = g
            .context
            .clone()
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| loaded.current_context.clone());
        let ctx_body = loaded.context(&context).cloned().unwrap_or(Value::Null);
        let cluster = g
            .cluster
            .clone()
            .unwrap_or_else(|| str_field(&ctx_body, "cluster").to_string());
        let server = g
            .server
            .clone()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| {
                loaded
                    .get(Section::Clusters, &cluster)
                    .map(|e| str_field(&e.body, "server").to_string())
                    .unwrap_or_default()
            });
        let namespace = g
            .namespace
            .clone()
            .filter(|n| !n.is_empty())
            .or_else(|| {
                Some(str_field(&ctx_body, "namespace").to_string()).filter(|n| !n.is_empty())
            })
            .unwrap_or_else(|| "default".to_string());
        Some(Target {
            context,
            server,
            namespace,
        })
    }

    fn kubeconfig(&self) -> Option<&'a crate::kubeconfig::Loaded> {
        self.loaded
    }

    /// Names of the kubeconfig section (contexts, clusters or users), sorted.
    pub fn kubeconfig_names(&self, section: Section) -> Vec<String> {
        let mut names: Vec<String> = self
            .kubeconfig()
            .map(|l| l.section(section).iter().map(|e| e.name.clone()).collect())
            .unwrap_or_default();
        names.sort();
        names
    }

    /// The effective namespace (`-n` > context > `default`).
    pub fn namespace(&self) -> String {
        self.target()
            .map(|t| t.namespace)
            .unwrap_or_else(|| "default".into())
    }

    async fn client(&self) -> Option<kube::Client> {
        let client = tokio::time::timeout_at(self.deadline, self.ctx.client()).await;
        client.ok()?.ok()
    }

    /// Discovery: cached, else fetched within the budget; `None` if neither worked.
    async fn discovery(&mut self) -> Option<&Discovery> {
        if !self.tried_discovery {
            self.tried_discovery = true;
            let base = self.ctx.cache_dir();
            let from_config = self.target().map(|t| t.server);
            let mut found = None;
            if let (Some(base), Some(server)) = (&base, from_config) {
                let dir = discovery::cache_dir_for(base, server.trim_end_matches('/'));
                found = discovery::read_cache(&dir);
            }
            if found.is_none()
                && let Some(client) = self.client().await
            {
                let fetched =
                    tokio::time::timeout_at(self.deadline, discovery::fetch(&client)).await;
                if let Ok(Ok(d)) = fetched {
                    if let (Some(base), Ok(settings)) = (&base, self.ctx.client_settings().await) {
                        let url = settings.config.cluster_url.to_string();
                        discovery::write_cache(
                            &discovery::cache_dir_for(base, url.trim_end_matches('/')),
                            &d,
                        );
                    }
                    found = Some(d);
                }
            }
            self.discovery = found;
        }
        self.discovery.as_ref()
    }

    /// Resource type names as `api-resources -o name --verbs=get` prints them.
    pub async fn resource_types(&mut self) -> Vec<String> {
        match self.discovery().await {
            Some(d) => {
                let mut rs: Vec<&ApiResource> =
                    crate::cmd::api_resources::preferred_resources(&d.resources)
                        .into_iter()
                        .filter(|r| r.supports("get"))
                        .collect();
                rs.sort_by(|a, b| {
                    a.group
                        .cmp(&b.group)
                        .then_with(|| a.resource.cmp(&b.resource))
                });
                rs.iter().map(|r| r.group_resource()).collect()
            }
            None => super::builtin::TYPES
                .iter()
                .map(|s| s.to_string())
                .collect(),
        }
    }

    /// Resolve a type argument (`po`, `deploy`, `deployments.apps`) and expand categories.
    async fn resolve(&mut self, arg: &str) -> Vec<ApiResource> {
        let Some(d) = self.discovery().await else {
            return Vec::new();
        };
        let mut types = Vec::new();
        for t in crate::resource::split_types(arg) {
            match d.expand_category(&t) {
                Some(list) => types.extend(list),
                None => types.push(t),
            }
        }
        types
            .iter()
            .filter_map(|t| d.resolve(t).ok().map(|r| r.resource))
            .collect()
    }

    /// Names of every object of the type argument `arg` (comma lists and categories too) in
    /// the effective namespace, in the server's order.
    pub async fn names(&mut self, arg: &str) -> Vec<String> {
        let Some(target) = self.target() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for r in self.resolve(arg).await {
            let ns = r.namespaced.then_some(target.namespace.as_str());
            out.extend(self.cached_names(&target, &r, ns).await);
        }
        out
    }

    fn cache_file(&self, target: &Target, r: &ApiResource, ns: Option<&str>) -> Option<PathBuf> {
        let dir = self
            .ctx
            .cache_dir()?
            .join("kk-complete")
            .join(sanitize(&format!(
                "{}@{}",
                target.context,
                target
                    .server
                    .trim_start_matches("https://")
                    .trim_start_matches("http://")
            )));
        Some(dir.join(format!(
            "{}@{}",
            sanitize(&r.group_resource()),
            sanitize(ns.unwrap_or("_cluster"))
        )))
    }

    async fn cached_names(
        &mut self,
        target: &Target,
        r: &ApiResource,
        ns: Option<&str>,
    ) -> Vec<String> {
        let file = self.cache_file(target, r, ns);
        let cached = file.as_ref().and_then(|f| {
            let meta = std::fs::metadata(f).ok()?;
            let age = SystemTime::now()
                .duration_since(meta.modified().ok()?)
                .unwrap_or_default();
            let text = std::fs::read_to_string(f).ok()?;
            Some((age, text))
        });
        if let Some((age, text)) = &cached
            && *age < self.ttl
        {
            return lines(text);
        }
        match self.list_names(r, ns).await {
            Some(names) => {
                if let Some(f) = &file {
                    write_atomic(f, &names);
                }
                names
            }
            None => cached.map(|(_, t)| lines(&t)).unwrap_or_default(),
        }
    }

    async fn list_names(&self, r: &ApiResource, ns: Option<&str>) -> Option<Vec<String>> {
        let client = self.client().await?;
        let mut names = Vec::new();
        let mut next: Option<String> = None;
        loop {
            let mut query = vec![("limit", "500".to_string())];
            if let Some(c) = &next {
                query.push(("continue", c.clone()));
            }
            let path = crate::resource::request::with_query(&r.path(ns, None), &query);
            let req = http::Request::get(path)
                .header(http::header::ACCEPT, METADATA_ACCEPT)
                .body(Vec::new())
                .ok()?;
            let page: MetaList =
                tokio::time::timeout_at(self.deadline, client.request::<MetaList>(req))
                    .await
                    .ok()?
                    .ok()?;
            names.extend(page.items.into_iter().map(|i| i.metadata.name));
            match page.metadata.next.filter(|c| !c.is_empty()) {
                Some(c) => next = Some(c),
                None => return Some(names),
            }
        }
    }

    /// One object as JSON (`kind/name` resolved through discovery), within the budget.
    pub async fn object(&mut self, type_arg: &str, name: &str) -> Option<Value> {
        let ns = self.namespace();
        let r = self.resolve(type_arg).await.into_iter().next()?;
        let path = r.path(r.namespaced.then_some(ns.as_str()), Some(name));
        self.get_json(&path).await
    }

    /// Pods of the namespace matching a label selector (first page only).
    pub async fn pods_matching(&mut self, selector: &str) -> Vec<Value> {
        let ns = self.namespace();
        let path = crate::resource::request::with_query(
            &format!("/api/v1/namespaces/{}/pods", discovery::encode_segment(&ns)),
            &[
                ("labelSelector", selector.to_string()),
                ("limit", "1".to_string()),
            ],
        );
        self.get_json(&path)
            .await
            .and_then(|v| v.get("items").and_then(Value::as_array).cloned())
            .unwrap_or_default()
    }

    async fn get_json(&self, path: &str) -> Option<Value> {
        let client = self.client().await?;
        let req = http::Request::get(path).body(Vec::new()).ok()?;
        tokio::time::timeout_at(self.deadline, client.request::<Value>(req))
            .await
            .ok()?
            .ok()
    }
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// Write the name list through a temp file and a rename (a reader never sees half a file).
fn write_atomic(file: &std::path::Path, names: &[String]) {
    let Some(dir) = file.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let Ok(mut tmp) = tempfile::NamedTempFile::new_in(dir) else {
        return;
    };
    let mut text = names.join("\n");
    text.push('\n');
    if std::io::Write::write_all(&mut tmp, text.as_bytes()).is_ok() {
        let _ = tmp.persist(file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_names_are_file_safe() {
        assert_eq!(sanitize("kk-sim@127.0.0.1:6443"), "kk-sim_127.0.0.1_6443");
        assert_eq!(sanitize("a/b c"), "a_b_c");
    }

    #[test]
    fn metadata_lists_keep_only_names() {
        let page: MetaList = serde_json::from_str(
            r#"{"apiVersion":"meta.k8s.io/v1","kind":"PartialObjectMetadataList",
                "metadata":{"continue":"abc","resourceVersion":"5"},
                "items":[{"metadata":{"name":"a","labels":{"x":"y"}}},{"metadata":{"name":"b"}}]}"#,
        )
        .unwrap();
        let names: Vec<String> = page.items.into_iter().map(|i| i.metadata.name).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(page.metadata.next.as_deref(), Some("abc"));
    }
}
