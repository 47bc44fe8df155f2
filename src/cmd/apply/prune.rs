//! `kk apply --prune`: after applying, delete the objects that carry the
//! last-applied-configuration annotation, match the selector, were not applied in this run
//! and are of a type in the allowlist (`--prune-allowlist`, else kubectl 1.33's default
//! list), in every namespace the run touched and then cluster-wide; each is reported as
//! `kind/name pruned`. `kk diff --prune` shows the same objects as deletions.

use std::collections::{BTreeSet, HashSet};

use serde_json::{Value, json};

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::DryRun;
use crate::patch::last_applied;
use crate::printers::OperationPrinter;
use crate::resource::Resolver;
use crate::resource::discovery::{ApiResource, Discovery};
use crate::resource::request;
use crate::resource::visit::Info;

/// kubectl 1.33's default allowlist (`pkg/util/prune`): group, version, kind, namespaced.
const DEFAULT: &[(&str, &str, &str, bool)] = &[
    ("", "v1", "ConfigMap", true),
    ("", "v1", "Endpoints", true),
    ("", "v1", "PersistentVolumeClaim", true),
    ("", "v1", "Pod", true),
    ("", "v1", "ReplicationController", true),
    ("", "v1", "Secret", true),
    ("", "v1", "Service", true),
    ("batch", "v1", "Job", true),
    ("batch", "v1", "CronJob", true),
    ("networking.k8s.io", "v1", "Ingress", true),
    ("apps", "v1", "DaemonSet", true),
    ("apps", "v1", "Deployment", true),
    ("apps", "v1", "ReplicaSet", true),
    ("apps", "v1", "StatefulSet", true),
    ("", "v1", "Namespace", false),
    ("", "v1", "PersistentVolume", false),
];

/// kubectl's warning when pruning with its default list and a namespace.
const DEPRECATED: &str = "Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag.";

/// What one `apply --prune` run deletes afterwards.
pub struct Pruner {
    types: Vec<ApiResource>,
    selector: Option<String>,
    policy: &'static str,
    grace_period: i64,
    uids: HashSet<String>,
    namespaces: BTreeSet<String>,
    /// kubectl's default list is in use (and logs its deprecation when pruning).
    default_list: bool,
}

/// kubectl's `RESTMapping(GroupKind, version)`: the type, or its `no matches` message.
fn mapping<'a>(
    d: &'a Discovery,
    group: &str,
    version: &str,
    kind: &str,
) -> Result<&'a ApiResource> {
    d.resources
        .iter()
        .find(|r| r.group == group && r.version == version && r.kind == kind)
        .ok_or_else(|| {
            let gv = if group.is_empty() {
                version.to_string()
            } else {
                format!("{group}/{version}")
            };
            Error::msg(format!("no matches for kind {kind:?} in version {gv:?}"))
        })
}

/// kubectl's `ParseResources`: each `--prune-allowlist` entry as `group/version/kind`
/// (`core` for the core group), resolved against discovery.
pub fn allowlist(d: &Discovery, entries: &[String]) -> Result<Vec<ApiResource>> {
    entries
        .iter()
        .map(|e| {
            let parts: Vec<&str> = e.split('/').collect();
            let [g, v, k] = parts[..] else {
                return Err(Error::msg(format!(
                    "invalid GroupVersionKind format: {e}, please follow <group/version/kind>"
                )));
            };
            let g = if g == "core" { "" } else { g };
            mapping(d, g, v, k).cloned()
        })
        .collect()
}

/// `--prune-allowlist` resolved against discovery (read again once when a type is not
/// found in a cached copy), and the resolver for [`Pruner::new`].
pub async fn resolve_allowlist(
    ctx: &Ctx,
    entries: &[String],
) -> Result<(Vec<ApiResource>, Resolver)> {
    let mut resolver = Resolver::new(ctx).await?;
    let mut found = allowlist(resolver.discovery(), entries);
    if found.is_err() && !resolver.is_fresh() {
        resolver.refresh().await?;
        found = allowlist(resolver.discovery(), entries);
    }
    Ok((found?, resolver))
}

impl Pruner {
    /// A pruner over `types` (empty: kubectl's default list, which must all be served).
    pub fn new(
        d: &Discovery,
        types: Vec<ApiResource>,
        selector: Option<String>,
        policy: &'static str,
        grace_period: i64,
    ) -> Result<Self> {
        let default_list = types.is_empty();
        let types = if default_list {
            DEFAULT
                .iter()
                .map(|(g, v, k, namespaced)| {
                    mapping(d, g, v, k).cloned().map_err(|e| {
                        let r = format!("{g}/{v}, Kind={k}, Namespaced={namespaced}");
                        Error::msg(format!(
                            "error retrieving RESTMappings to prune: invalid resource {r}: {e}"
                        ))
                    })
                })
                .collect::<Result<Vec<_>>>()?
        } else {
            types
        };
        Ok(Pruner {
            types,
            selector,
            policy,
            grace_period,
            uids: HashSet::new(),
            namespaces: BTreeSet::new(),
            default_list,
        })
    }

    /// The run applies into `namespace` (`-n` given, or an object's namespace).
    pub fn visit_namespace(&mut self, info: &Info) {
        if info.resource.namespaced
            && let Some(ns) = &info.namespace
        {
            self.namespaces.insert(ns.clone());
        }
    }

    /// `-n` given explicitly: that namespace is pruned even when nothing was applied there.
    pub fn enforce_namespace(&mut self, ns: &str) {
        self.namespaces.insert(ns.to_string());
    }

    /// The object the server holds after applying it: kept.
    pub fn visit_object(&mut self, obj: &Value) {
        let uid = obj.pointer("/metadata/uid").and_then(Value::as_str);
        self.uids.insert(uid.unwrap_or_default().to_string());
    }

    /// Where pruning looks, in kubectl's order: each namespaced type in every namespace the
    /// run touched, then the cluster-scoped types.
    fn targets(&self, ctx: &Ctx) -> Vec<(&ApiResource, Option<&str>)> {
        // The namespace always comes from somewhere (kubeconfig, `default`): kubectl warns.
        if self.default_list {
            crate::transport::log::warning(ctx.ui(), "prune.go:71", DEPRECATED);
        }
        let namespaced = self.types.iter().filter(|t| t.namespaced);
        let mut out: Vec<_> = self
            .namespaces
            .iter()
            .flat_map(|ns| namespaced.clone().map(move |t| (t, Some(ns.as_str()))))
            .collect();
        out.extend(
            self.types
                .iter()
                .filter(|t| !t.namespaced)
                .map(|t| (t, None)),
        );
        out
    }

    /// The objects of type `t` in `ns` that the run would prune: annotated, selected, not
    /// applied by this run — each with its `apiVersion` and `kind`, which list items lack
    /// (client-go's list decoding fills them in the same way).
    async fn candidates(&self, ctx: &Ctx, t: &ApiResource, ns: Option<&str>) -> Result<Vec<Value>> {
        let wrap = |e| failed(t, ns, e);
        let client = ctx.client().await.map_err(wrap)?;
        let query: Vec<(&str, String)> = self
            .selector
            .iter()
            .map(|s| ("labelSelector", s.clone()))
            .collect();
        let uri = request::with_query(&t.path(ns, None), &query);
        let list = request::json(&client, http::Method::GET, &uri, None)
            .await
            .map_err(|e| wrap(ctx.kube_error(e)))?;
        let items = match list.get("items") {
            Some(Value::Array(items)) => items.clone(),
            _ => Vec::new(),
        };
        Ok(items
            .into_iter()
            .filter(|obj| {
                let annotated = obj
                    .pointer("/metadata/annotations")
                    .and_then(|a| a.get(last_applied::ANNOTATION))
                    .is_some();
                let uid = obj
                    .pointer("/metadata/uid")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                annotated && !self.uids.contains(uid)
            })
            .map(|mut obj| {
                if let Some(m) = obj.as_object_mut() {
                    m.entry("apiVersion")
                        .or_insert_with(|| json!(t.api_version()));
                    m.entry("kind").or_insert_with(|| json!(t.kind));
                }
                obj
            })
            .collect())
    }

    /// Everything the run would prune, for `diff --prune`: as far as listing got, and the
    /// failure that stopped it.
    pub async fn pending(&self, ctx: &Ctx) -> (Vec<Value>, Option<Error>) {
        let mut all = Vec::new();
        for (t, ns) in self.targets(ctx) {
            match self.candidates(ctx, t, ns).await {
                Ok(objs) => all.extend(objs),
                Err(e) => return (all, Some(e)),
            }
        }
        (all, None)
    }

    /// Delete (or, with `--dry-run=client`, only report) what the run did not apply.
    pub async fn prune(
        &self,
        ctx: &Ctx,
        dry: DryRun,
        printer: &mut OperationPrinter,
    ) -> Result<()> {
        for (t, ns) in self.targets(ctx) {
            for obj in self.candidates(ctx, t, ns).await? {
                if !dry.is_client() {
                    self.delete(ctx, dry, t, ns, &obj).await?;
                }
                printer.print(ctx.ui(), &obj, "pruned")?;
            }
        }
        Ok(())
    }

    async fn delete(
        &self,
        ctx: &Ctx,
        dry: DryRun,
        t: &ApiResource,
        ns: Option<&str>,
        obj: &Value,
    ) -> Result<()> {
        let wrap = |e| failed(t, ns, e);
        let client = ctx.client().await.map_err(wrap)?;
        let name = obj
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let mut body = json!({"kind": "DeleteOptions", "apiVersion": "v1"});
        if self.grace_period >= 0 {
            body["gracePeriodSeconds"] = json!(self.grace_period);
        }
        body["propagationPolicy"] = json!(self.policy);
        if dry == DryRun::Server {
            body["dryRun"] = json!(["All"]);
        }
        request::json(
            &client,
            http::Method::DELETE,
            &t.path(ns, Some(name)),
            Some(("application/json", &body)),
        )
        .await
        .map_err(|e| wrap(ctx.kube_error(e)))?;
        Ok(())
    }
}

/// kubectl's `error pruning (non)namespaced object <gvk>: <error>`.
fn failed(t: &ApiResource, ns: Option<&str>, e: Error) -> Error {
    let scope = if ns.is_some() {
        "namespaced"
    } else {
        "nonNamespaced"
    };
    Error::msg(format!("error pruning {scope} object {}: {e}", gvk(t)))
}

/// `schema.GroupVersionKind`'s `%v`: `/v1, Kind=ConfigMap`, `apps/v1, Kind=Deployment`.
fn gvk(t: &ApiResource) -> String {
    format!("{}/{}, Kind={}", t.group, t.version, t.kind)
}
