//! What the write verbs (`delete`, `create`, `label`, `annotate`) share on the wire: one raw
//! JSON request helper, expanding builder targets into concrete objects (listing
//! collections), and kubectl's `error when <verb> "<file>": ` prefix for manifest sources.

use serde_json::Value;

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::resource::builder::Target;
use crate::resource::{ApiResource, request};

pub use crate::resource::request::with_query;

/// One concrete object a write verb acts on.
#[derive(Debug, Clone)]
pub struct Object {
    /// Its type.
    pub resource: ApiResource,
    /// Its namespace (`None` when cluster-scoped).
    pub namespace: Option<String>,
    /// Its name.
    pub name: String,
    /// The manifest file it came from (`-f`), for error prefixes.
    pub source: Option<String>,
    /// The object itself when known (listed, or read from a manifest).
    pub body: Option<Value>,
}

impl Object {
    /// The object's URL path.
    pub fn path(&self) -> String {
        self.resource
            .path(self.namespace.as_deref(), Some(&self.name))
    }
}

/// Turn targets into objects: named targets as they are, collections listed (with their
/// selectors). Listing failures are returned per target so verbs can go on with the rest.
pub async fn expand(
    ctx: &Ctx,
    targets: &[Target],
) -> Result<Vec<std::result::Result<Object, Error>>> {
    let client = ctx.client().await?;
    let mut out = Vec::new();
    for t in targets {
        match t {
            Target::Object {
                resource,
                namespace,
                name,
                manifest,
            } => out.push(Ok(Object {
                resource: resource.clone(),
                namespace: namespace.clone(),
                name: name.clone(),
                source: manifest.as_ref().map(|(s, _)| s.clone()),
                body: manifest.as_ref().map(|(_, v)| v.clone()),
            })),
            Target::Collection {
                resource,
                label_selector,
                field_selector,
                ..
            } => {
                let mut q = Vec::new();
                if let Some(f) = field_selector {
                    q.push(("fieldSelector", f.clone()));
                }
                if let Some(l) = label_selector {
                    q.push(("labelSelector", l.clone()));
                }
                let uri = with_query(&t.path(), &q);
                match request::json(&client, http::Method::GET, &uri, None).await {
                    Ok(list) => {
                        let items = list
                            .get("items")
                            .and_then(Value::as_array)
                            .cloned()
                            .unwrap_or_default();
                        for mut it in items {
                            if let Some(m) = it.as_object_mut() {
                                m.entry("kind")
                                    .or_insert_with(|| Value::String(resource.kind.clone()));
                                m.entry("apiVersion")
                                    .or_insert_with(|| Value::String(resource.api_version()));
                            }
                            let meta = |k: &str| {
                                it.pointer(&format!("/metadata/{k}"))
                                    .and_then(Value::as_str)
                                    .map(str::to_string)
                            };
                            out.push(Ok(Object {
                                resource: resource.clone(),
                                namespace: meta("namespace").filter(|_| resource.namespaced),
                                name: meta("name").unwrap_or_default(),
                                source: None,
                                body: Some(it),
                            }));
                        }
                    }
                    Err(e) => out.push(Err(ctx.kube_error(e))),
                }
            }
        }
    }
    Ok(out)
}

/// kubectl's `AddSourceToErr`: an API error about an object read from `source` gets
/// `error when <verb> "<source>": ` in front of its message.
pub fn with_source(ctx: &Ctx, verb: &str, source: Option<&str>, e: kube::Error) -> Error {
    match (source, e) {
        (Some(src), kube::Error::Api(mut s)) => {
            s.message = format!("error when {verb} {src:?}: {}", s.message);
            Error::Api(s)
        }
        (_, e) => ctx.kube_error(e),
    }
}

/// `Ok(())`, the one error, or all of them.
pub fn finish(errors: Vec<Error>) -> Result<()> {
    match errors.len() {
        0 => Ok(()),
        // A lone manifest problem (builder `Plain`) is printed through CheckErr's default
        // branch, which does add `error: `.
        1 => Err(match errors.into_iter().next().expect("one error") {
            Error::Plain(m) => Error::Msg(m.trim_end().to_string()),
            e => e,
        }),
        _ => Err(Error::Many(errors)),
    }
}

/// Whether a client error is the server's NotFound.
pub fn is_not_found(e: &kube::Error) -> bool {
    matches!(e, kube::Error::Api(s) if s.code == 404 || s.reason == "NotFound")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_sort_and_escape() {
        assert_eq!(
            with_query(
                "/p",
                &[
                    ("labelSelector", "a in (x,y)".into()),
                    ("dryRun", "All".into())
                ]
            ),
            "/p?dryRun=All&labelSelector=a+in+%28x%2Cy%29"
        );
        assert_eq!(with_query("/p", &[]), "/p");
    }
}
