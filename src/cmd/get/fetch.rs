//! How `get` talks to the API server: one named object or every page of a collection,
//! with kubectl's Table Accept header on the human-readable path, Go's query encoding, and
//! kubectl's wording for selector errors.

use serde_json::Value;

use crate::resource::builder::Target;

use super::TABLE_ACCEPT;
pub use crate::resource::request::with_query;

/// kubectl's selector visitor rewrites BadRequest/NotFound list errors to say what it was
/// listing (`Unable to find "/v1, Resource=pods" that match label selector ...`).
pub fn selector_context(t: &Target, e: kube::Error) -> kube::Error {
    let Target::Collection {
        resource,
        label_selector,
        field_selector,
        ..
    } = t
    else {
        return e;
    };
    match e {
        kube::Error::Api(mut s) if s.code == 400 || s.code == 404 => {
            let gvr = format!(
                "{}/{}, Resource={}",
                resource.group, resource.version, resource.resource
            );
            let (l, f) = (
                label_selector.as_deref().unwrap_or(""),
                field_selector.as_deref().unwrap_or(""),
            );
            s.message = if l.is_empty() && f.is_empty() {
                format!("Unable to list {gvr:?}: {}", s.message)
            } else {
                format!(
                    "Unable to find {gvr:?} that match label selector {l:?}, field selector {f:?}: {}",
                    s.message
                )
            };
            kube::Error::Api(s)
        }
        other => other,
    }
}

/// A list's items (with the `kind`/`apiVersion` the server leaves out of items), or the object.
pub(super) fn flatten(obj: Value) -> Vec<Value> {
    let kind = obj
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let Some(item_kind) = kind.strip_suffix("List") else {
        return vec![obj];
    };
    let api_version = obj.get("apiVersion").cloned();
    let Some(Value::Array(items)) = obj.get("items").cloned() else {
        return vec![obj];
    };
    items
        .into_iter()
        .map(|mut it| {
            if let Some(m) = it.as_object_mut() {
                if !m.contains_key("kind") {
                    m.insert("kind".into(), Value::String(item_kind.to_string()));
                }
                if !m.contains_key("apiVersion")
                    && let Some(av) = &api_version
                {
                    m.insert("apiVersion".into(), av.clone());
                }
            }
            it
        })
        .collect()
}

/// How requests are made for this invocation.
pub(super) struct Fetch {
    pub(super) client: kube::Client,
    /// Ask for server-side Tables.
    pub(super) table: bool,
    /// `includeObject=Object` (for `--sort-by`).
    pub(super) include_object: bool,
    /// `limit` for lists (0: no paging).
    pub(super) chunk: i64,
    /// `--subresource` of named objects.
    pub(super) subresource: Option<String>,
}

impl Fetch {
    pub(super) fn accept(&self) -> &'static str {
        if self.table {
            TABLE_ACCEPT
        } else {
            "application/json"
        }
    }

    async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value, kube::Error> {
        let mut q: Vec<(&str, String)> = query.to_vec();
        if self.table && self.include_object {
            q.push(("includeObject", "Object".into()));
        }
        let uri = with_query(path, &q);
        let req = http::Request::get(uri)
            .header(http::header::ACCEPT, self.accept())
            .body(Vec::new())
            .map_err(kube::Error::HttpError)?;
        let text = crate::resource::request::text(&self.client, req).await?;
        serde_json::from_str(&text).map_err(kube::Error::SerdeError)
    }

    /// A named object (one Table or object) or every page of a collection.
    pub(super) async fn target(&self, t: &Target) -> Result<Vec<Value>, kube::Error> {
        match t {
            Target::Object { .. } => {
                let mut path = t.path();
                if let Some(sub) = &self.subresource {
                    path.push('/');
                    path.push_str(sub);
                }
                Ok(vec![self.get(&path, &[]).await?])
            }
            Target::Collection {
                label_selector,
                field_selector,
                ..
            } => {
                let mut pages = Vec::new();
                let mut cont: Option<String> = None;
                loop {
                    let mut q = selectors(label_selector, field_selector);
                    if self.chunk > 0 {
                        q.push(("limit", self.chunk.to_string()));
                    }
                    if let Some(c) = &cont {
                        q.push(("continue", c.clone()));
                    }
                    let page = self.get(&t.path(), &q).await?;
                    cont = page
                        .pointer("/metadata/continue")
                        .and_then(Value::as_str)
                        .filter(|c| !c.is_empty())
                        .map(str::to_string);
                    pages.push(page);
                    if cont.is_none() || self.chunk == 0 {
                        break;
                    }
                }
                Ok(merge_pages(pages))
            }
        }
    }
}

/// Pages of a plain list merge into one list (tables stay one per page, like kubectl's
/// infos; they print through one tab writer anyway).
fn merge_pages(mut pages: Vec<Value>) -> Vec<Value> {
    if pages.len() < 2 || pages[0].get("kind").and_then(Value::as_str) == Some("Table") {
        return pages;
    }
    let mut first = pages.remove(0);
    for p in pages {
        if let (Some(items), Some(Value::Array(more))) = (
            first.get_mut("items").and_then(Value::as_array_mut),
            p.get("items").cloned(),
        ) {
            items.extend(more);
        }
    }
    if let Some(m) = first.get_mut("metadata").and_then(Value::as_object_mut) {
        m.remove("continue");
    }
    vec![first]
}

pub(super) fn selectors(
    label: &Option<String>,
    field: &Option<String>,
) -> Vec<(&'static str, String)> {
    let mut q = Vec::new();
    if let Some(f) = field {
        q.push(("fieldSelector", f.clone()));
    }
    if let Some(l) = label {
        q.push(("labelSelector", l.clone()));
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_encode_like_go() {
        assert_eq!(
            with_query(
                "/api/v1/pods",
                &[
                    ("limit", "500".into()),
                    ("labelSelector", "app=web,env in (a,b)".into())
                ]
            ),
            "/api/v1/pods?labelSelector=app%3Dweb%2Cenv+in+%28a%2Cb%29&limit=500"
        );
        assert_eq!(with_query("/x", &[]), "/x");
    }

    #[test]
    fn list_items_get_their_kind() {
        let l = serde_json::json!({"kind": "PodList", "apiVersion": "v1",
            "items": [{"metadata": {"name": "a"}}]});
        let items = flatten(l);
        assert_eq!(items[0]["kind"], "Pod");
        assert_eq!(items[0]["apiVersion"], "v1");
        let one = serde_json::json!({"kind": "Pod"});
        assert_eq!(flatten(one.clone()), vec![one]);
    }
}
