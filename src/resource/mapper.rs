//! kubectl's REST mapping of the builder (`resource.Builder`'s mapper): type names and
//! manifest kinds become [`ApiResource`]s through discovery, or — with `--local`
//! (`Builder.Local()`) — from the manifest alone, without a server or a kubeconfig: the
//! object then has no REST mapping, so it is namespaced exactly when it names a namespace,
//! and resource arguments are an error.
//!
//! A server that cannot be reached fails the command at once, except when only manifests
//! are read: kubectl's builder then fails each object on its own ([`Mapper::Unreachable`]:
//! `unable to recognize "cm.yaml": Get "https://…/api?timeout=32s": dial tcp …: connect:
//! connection refused`) and its schema validator each file (`failed to download openapi`).

use super::{ApiResource, Resolver};
use crate::ctx::Ctx;
use crate::error::{Error, Result};

/// cli-runtime's `LocalResourceError`: resource arguments with `--local`.
pub const LOCAL_RESOURCE: &str = "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'";

/// How a visit maps types.
pub enum Mapper {
    /// Through the server's discovery (cached on disk).
    Server(Resolver),
    /// `--local`: no server at all.
    Local,
    /// Discovery failed below HTTP (manifests only): every object fails to map.
    Unreachable(Unreachable),
}

/// Why discovery could not reach the server, kept to word each object's failure.
#[derive(Debug, Clone)]
pub struct Unreachable {
    /// The cluster's URL (`https://127.0.0.1:6443`).
    pub cluster_url: String,
    /// Go's text for the failure below the request (`dial tcp 127.0.0.1:6443: connect:
    /// connection refused`).
    pub cause: String,
}

impl Unreachable {
    /// Go's `*url.Error` text of a GET of `path` (`Get "https://…/api?timeout=32s": …`).
    pub fn get(&self, path: &str) -> String {
        format!(
            "Get \"{}{path}\": {}",
            self.cluster_url.trim_end_matches('/'),
            self.cause
        )
    }

    /// The mapper's failure for an object of `source`.
    pub fn unrecognized(&self, source: &str) -> String {
        format!(
            "unable to recognize {source:?}: {}",
            self.get("/api?timeout=32s")
        )
    }

    /// The schema validator's failure for the file `source` (it downloads OpenAPI v2).
    pub fn unvalidated(&self, source: &str) -> String {
        format!(
            "error validating {source:?}: error validating data: failed to download openapi: {}; \
             if you choose to ignore these errors, turn validation off with --validate=false",
            self.get("/openapi/v2?timeout=32s")
        )
    }
}

impl Mapper {
    /// The mapper of a visit: [`Mapper::Local`] without touching the server when `local`.
    pub async fn new(ctx: &Ctx, local: bool) -> Result<Mapper> {
        if local {
            return Ok(Mapper::Local);
        }
        Ok(Mapper::Server(Resolver::new(ctx).await?))
    }

    /// [`Mapper::new`] for a visit of manifests only: a server that cannot be reached makes
    /// an [`Mapper::Unreachable`] mapper instead of an error.
    pub async fn for_manifests(ctx: &Ctx, local: bool) -> Result<Mapper> {
        match Mapper::new(ctx, local).await {
            Err(Error::Transport { server, source }) => Ok(Mapper::Unreachable(Unreachable {
                cluster_url: ctx.client_settings().await?.config.cluster_url.to_string(),
                cause: crate::error::go_transport_text(&server, source.as_ref()),
            })),
            other => other,
        }
    }

    /// Why every object fails to map, when the server cannot be reached.
    pub fn unreachable(&self) -> Option<&Unreachable> {
        match self {
            Mapper::Unreachable(u) => Some(u),
            _ => None,
        }
    }

    /// Resolve one type name (see [`Resolver::resolve`]).
    pub async fn resolve(&mut self, ctx: &Ctx, arg: &str) -> Result<ApiResource> {
        match self {
            Mapper::Server(r) => r.resolve(ctx, arg).await,
            Mapper::Local => Err(Error::msg(LOCAL_RESOURCE)),
            Mapper::Unreachable(u) => Err(Error::msg(u.unrecognized(arg))),
        }
    }

    /// Expand categories (see [`Resolver::expand_categories`]).
    pub async fn expand_categories(&mut self, types: &[String]) -> Result<Vec<String>> {
        match self {
            Mapper::Server(r) => r.expand_categories(types).await,
            Mapper::Local => Err(Error::msg(LOCAL_RESOURCE)),
            Mapper::Unreachable(u) => Err(Error::msg(u.unrecognized(&types.join(",")))),
        }
    }

    /// The type of a manifest object (`kind` in `group`/`version`, naming namespace
    /// `own_namespace`); `None` when the server does not serve it (an unreachable mapper's
    /// objects are refused before, see [`Mapper::unreachable`]).
    pub async fn map_kind(
        &mut self,
        kind: &str,
        group: &str,
        version: &str,
        own_namespace: &str,
    ) -> Result<Option<ApiResource>> {
        match self {
            Mapper::Server(r) => r.resolve_kind(kind, group, version).await,
            Mapper::Unreachable(_) => Ok(None),
            Mapper::Local => Ok(Some(ApiResource {
                group: group.to_string(),
                version: version.to_string(),
                resource: String::new(),
                singular: kind.to_lowercase(),
                kind: kind.to_string(),
                namespaced: !own_namespace.is_empty(),
                verbs: Vec::new(),
                short_names: Vec::new(),
                categories: Vec::new(),
                preferred: false,
            })),
        }
    }
}

impl Resolver {
    /// Resolve a manifest's `kind` in `group`/`version` (re-discovering once on a miss);
    /// `None` when the server does not serve it.
    pub async fn resolve_kind(
        &mut self,
        kind: &str,
        group: &str,
        version: &str,
    ) -> Result<Option<ApiResource>> {
        let find = |d: &super::Discovery| {
            d.resources
                .iter()
                .find(|r| r.kind == kind && r.group == group && r.version == version)
                .cloned()
        };
        if let Some(r) = find(self.discovery()) {
            return Ok(Some(r));
        }
        if !self.is_fresh() {
            self.refresh().await?;
        }
        Ok(find(self.discovery()))
    }
}
