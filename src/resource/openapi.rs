//! The server's OpenAPI v3 documents (`/openapi/v3` lists one per group-version), fetched
//! on first need and kept for the rest of the command, as client-go's `openapi3.Root`
//! does. `apply`, `diff` and `edit` read patch metadata from them
//! ([`crate::patch::OpenApiMeta`]); a server without them (or a failing fetch) simply
//! yields nothing, and callers fall back to kk's compiled table, as kubectl does.

use std::collections::HashMap;

use serde_json::Value;

use crate::patch::{OpenApiMeta, Schema};
use crate::resource::request;

/// The documents fetched so far.
#[derive(Default)]
pub struct OpenApi {
    /// `/openapi/v3`'s `paths` (`apis/apps/v1` → its URL with `?hash=`); `None` until
    /// fetched, `Some(None)` when the server has none.
    root: Option<Option<HashMap<String, String>>>,
    /// Patch metadata per group-version path (`None`: no document).
    meta: HashMap<String, Option<OpenApiMeta>>,
    /// `apply --openapi-patch=false`: never ask the server, use the compiled table.
    builtin_only: bool,
}

impl OpenApi {
    /// Patch metadata from kk's compiled table only (kubectl's baked-in types).
    pub fn builtin_only() -> Self {
        OpenApi {
            builtin_only: true,
            ..OpenApi::default()
        }
    }

    /// The patch metadata kubectl apply uses for `(apiVersion, kind)`: the server's when
    /// its document says the kind takes strategic merge patches, else the compiled table
    /// (custom resources: JSON merge patch).
    pub async fn schema(
        &mut self,
        client: &kube::Client,
        api_version: &str,
        kind: &str,
    ) -> Schema<'_> {
        if self.builtin_only {
            return Schema::builtin(api_version, kind);
        }
        let gv = gv_path(api_version);
        if !self.meta.contains_key(&gv) {
            let meta = self.fetch(client, &gv).await;
            self.meta.insert(gv.clone(), meta);
        }
        match self.meta.get(&gv).and_then(Option::as_ref) {
            Some(m) => m
                .schema(api_version, kind)
                .unwrap_or_else(|| Schema::builtin(api_version, kind)),
            None => Schema::builtin(api_version, kind),
        }
    }

    async fn fetch(&mut self, client: &kube::Client, gv: &str) -> Option<OpenApiMeta> {
        if self.root.is_none() {
            let root = request::json(client, http::Method::GET, "/openapi/v3", None)
                .await
                .ok()
                .and_then(|doc| {
                    let paths = doc.get("paths")?.as_object()?;
                    Some(
                        paths
                            .iter()
                            .filter_map(|(k, v)| {
                                let url = v.get("serverRelativeURL")?.as_str()?;
                                Some((k.clone(), url.to_string()))
                            })
                            .collect(),
                    )
                });
            self.root = Some(root);
        }
        let url = self.root.as_ref()?.as_ref()?.get(gv)?.clone();
        let doc: Value = request::json(client, http::Method::GET, &url, None)
            .await
            .ok()?;
        Some(OpenApiMeta::from_v3(&doc))
    }
}

/// The `/openapi/v3` key of an `apiVersion`: `api/v1`, `apis/apps/v1`.
fn gv_path(api_version: &str) -> String {
    if api_version.contains('/') {
        format!("apis/{api_version}")
    } else {
        format!("api/{api_version}")
    }
}

#[cfg(test)]
mod tests {
    use super::gv_path;

    #[test]
    fn paths() {
        assert_eq!(gv_path("v1"), "api/v1");
        assert_eq!(gv_path("apps/v1"), "apis/apps/v1");
    }
}
