//! `kk apply --prune`: after applying, delete the objects that carry the
//! last-applied-configuration annotation, match the selector, were not applied in this run
//! and are of a type in the allowlist (`--prune-allowlist`, else kubectl 1.33's default
//! list), in every namespace the run touched and then cluster-wide; each is reported as
//! `kind/name pruned`.

use std::collections::{BTreeSet, HashSet};

use serde_json::{Value, json};

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::DryRun;
use crate::patch::last_applied;
use crate::printers::OperationPrinter;
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

/// What one `apply --prune` run deletes afterwards.
pub struct Pruner {
    types: Vec<ApiResource>,
    selector: Option<String>,
    policy: &'static str,
    grace_period: i64,
    uids: HashSet<String>,
    namespaces: BTreeSet<String>,
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

impl Pruner {
    /// A pruner over `types` (empty: kubectl's default list, which must all be served).
    pub fn new(
        d: &Discovery,
        types: Vec<ApiResource>,
        selector: Option<String>,
        policy: &'static str,
        grace_period: i64,
    ) -> Result<Self> {
        let types = if types.is_empty() {
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

    /// Delete (or, with `--dry-run=client`, only report) what the run did not apply.
    pub async fn prune(
        &self,
        ctx: &Ctx,
        dry: DryRun,
        printer: &mut OperationPrinter,
    ) -> Result<()> {
        let namespaced = self.types.iter().filter(|t| t.namespaced);
        for ns in &self.namespaces {
            for t in namespaced.clone() {
                self.prune_type(ctx, dry, printer, t, Some(ns))
                    .await
                    .map_err(|e| {
                        Error::msg(format!("error pruning namespaced object {}: {e}", gvk(t)))
                    })?;
            }
        }
        for t in self.types.iter().filter(|t| !t.namespaced) {
            self.prune_type(ctx, dry, printer, t, None)
                .await
                .map_err(|e| {
                    Error::msg(format!(
                        "error pruning nonNamespaced object {}: {e}",
                        gvk(t)
                    ))
                })?;
        }
        Ok(())
    }

    async fn prune_type(
        &self,
        ctx: &Ctx,
        dry: DryRun,
        printer: &mut OperationPrinter,
        t: &ApiResource,
        ns: Option<&str>,
    ) -> Result<()> {
        let client = ctx.client().await?;
        let query: Vec<(&str, String)> = self
            .selector
            .iter()
            .map(|s| ("labelSelector", s.clone()))
            .collect();
        let uri = request::with_query(&t.path(ns, None), &query);
        let list = request::json(&client, http::Method::GET, &uri, None)
            .await
            .map_err(|e| ctx.kube_error(e))?;
        let items = list
            .get("items")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for mut obj in items {
            let annotated = obj
                .pointer("/metadata/annotations")
                .and_then(|a| a.get(last_applied::ANNOTATION))
                .is_some();
            let uid = obj
                .pointer("/metadata/uid")
                .and_then(Value::as_str)
                .unwrap_or_default();
            if !annotated || self.uids.contains(uid) {
                continue;
            }
            let name = obj
                .pointer("/metadata/name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            if !dry.is_client() {
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
                    &t.path(ns, Some(&name)),
                    Some(("application/json", &body)),
                )
                .await
                .map_err(|e| ctx.kube_error(e))?;
            }
            // List items carry no kind: the printer names them from the type.
            if let Some(m) = obj.as_object_mut() {
                m.entry("apiVersion")
                    .or_insert_with(|| json!(t.api_version()));
                m.entry("kind").or_insert_with(|| json!(t.kind));
            }
            printer.print(ctx.ui(), &obj, "pruned")?;
        }
        Ok(())
    }
}

/// `schema.GroupVersionKind`'s `%v`: `/v1, Kind=ConfigMap`, `apps/v1, Kind=Deployment`.
fn gvk(t: &ApiResource) -> String {
    format!("{}/{}, Kind={}", t.group, t.version, t.kind)
}
