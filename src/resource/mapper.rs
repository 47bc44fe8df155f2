//! kubectl's REST mapping of the builder (`resource.Builder`'s mapper): type names and
//! manifest kinds become [`ApiResource`]s through discovery, or — with `--local`
//! (`Builder.Local()`) — from the manifest alone, without a server or a kubeconfig: the
//! object then has no REST mapping, so it is namespaced exactly when it names a namespace,
//! and resource arguments are an error.

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
}

impl Mapper {
    /// The mapper of a visit: [`Mapper::Local`] without touching the server when `local`.
    pub async fn new(ctx: &Ctx, local: bool) -> Result<Mapper> {
        if local {
            return Ok(Mapper::Local);
        }
        Ok(Mapper::Server(Resolver::new(ctx).await?))
    }

    /// Resolve one type name (see [`Resolver::resolve`]).
    pub async fn resolve(&mut self, ctx: &Ctx, arg: &str) -> Result<ApiResource> {
        match self {
            Mapper::Server(r) => r.resolve(ctx, arg).await,
            Mapper::Local => Err(Error::msg(LOCAL_RESOURCE)),
        }
    }

    /// Expand categories (see [`Resolver::expand_categories`]).
    pub async fn expand_categories(&mut self, types: &[String]) -> Result<Vec<String>> {
        match self {
            Mapper::Server(r) => r.expand_categories(types).await,
            Mapper::Local => Err(Error::msg(LOCAL_RESOURCE)),
        }
    }

    /// The type of a manifest object (`kind` in `group`/`version`, naming namespace
    /// `own_namespace`); `None` when the server does not serve it.
    pub async fn map_kind(
        &mut self,
        kind: &str,
        group: &str,
        version: &str,
        own_namespace: &str,
    ) -> Result<Option<ApiResource>> {
        match self {
            Mapper::Server(r) => r.resolve_kind(kind, group, version).await,
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
