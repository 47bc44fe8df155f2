//! The one paged lister: a collection's pages one at a time (`limit`/`continue`, kubectl's
//! `--chunk-size`), so a caller can print page by page with flat memory, plus what every
//! list needs: items getting the `kind`/`apiVersion` the server leaves out of them, and
//! kubectl's wording for a failed selector list.

use serde_json::Value;

use super::Target;
use crate::resource::request;

/// How requests are made: the client, the `Accept` header and extra query parameters.
#[derive(Clone)]
pub struct Requester {
    /// The API client.
    pub client: kube::Client,
    /// `Accept` (`application/json`, or kubectl's Table types for `get`).
    pub accept: &'static str,
    /// Added to every GET and LIST (`includeObject=Object`).
    pub query: Vec<(&'static str, String)>,
}

impl Requester {
    /// Plain JSON.
    pub fn json(client: kube::Client) -> Self {
        Requester {
            client,
            accept: "application/json",
            query: Vec::new(),
        }
    }

    /// GET `path` with `query` (plus the requester's own parameters) and decode the answer.
    pub async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value, kube::Error> {
        let mut q: Vec<(&str, String)> = query.to_vec();
        q.extend(self.query.iter().map(|(k, v)| (*k, v.clone())));
        let req = http::Request::get(request::with_query(path, &q))
            .header(http::header::ACCEPT, self.accept)
            .body(Vec::new())
            .map_err(kube::Error::HttpError)?;
        let text = request::text(&self.client, req).await?;
        serde_json::from_str(&text).map_err(kube::Error::SerdeError)
    }
}

/// A collection's pages, fetched one by one.
pub struct Lister {
    requester: Requester,
    path: String,
    query: Vec<(&'static str, String)>,
    chunk: i64,
    next: Option<Option<String>>,
}

impl Lister {
    /// Pages of the collection at `path` with `query` (selectors), `chunk` items each
    /// (0: everything in one answer).
    pub fn new(
        requester: Requester,
        path: String,
        query: Vec<(&'static str, String)>,
        chunk: i64,
    ) -> Self {
        Lister {
            requester,
            path,
            query,
            chunk: chunk.max(0),
            next: Some(None),
        }
    }

    /// The pages of a collection target, with its selectors.
    pub fn for_target(requester: Requester, t: &Target, chunk: i64) -> Self {
        let query = match t {
            Target::Collection {
                label_selector,
                field_selector,
                ..
            } => selectors(label_selector.as_deref(), field_selector.as_deref()),
            Target::Object { .. } => Vec::new(),
        };
        Lister::new(requester, t.path(), query, chunk)
    }

    /// The next page (a `...List` or a `Table`), or `None` after the last.
    pub async fn next_page(&mut self) -> Result<Option<Value>, kube::Error> {
        let Some(cont) = self.next.take() else {
            return Ok(None);
        };
        let mut q = self.query.clone();
        if self.chunk > 0 {
            q.push(("limit", self.chunk.to_string()));
        }
        if let Some(c) = cont {
            q.push(("continue", c));
        }
        let page = self.requester.get(&self.path, &q).await?;
        let cont = page
            .pointer("/metadata/continue")
            .and_then(Value::as_str)
            .filter(|c| !c.is_empty());
        if let Some(c) = cont
            && self.chunk > 0
        {
            self.next = Some(Some(c.to_string()));
        }
        Ok(Some(page))
    }

    /// Whether a page is still to come.
    pub fn has_next(&self) -> bool {
        self.next.is_some()
    }

    /// Every item of every page (for the few lists kubectl reads whole: describe's related
    /// objects).
    pub async fn all_items(mut self) -> Result<Vec<Value>, kube::Error> {
        let mut items = Vec::new();
        while let Some(page) = self.next_page().await? {
            items.extend(flatten(page));
        }
        Ok(items)
    }
}

/// `fieldSelector`/`labelSelector` query parameters.
pub fn selectors(label: Option<&str>, field: Option<&str>) -> Vec<(&'static str, String)> {
    let mut q = Vec::new();
    if let Some(f) = field {
        q.push(("fieldSelector", f.to_string()));
    }
    if let Some(l) = label {
        q.push(("labelSelector", l.to_string()));
    }
    q
}

/// A list's items (with the `kind`/`apiVersion` the server leaves out of items), or the
/// object itself (a `Table` is not a list).
pub fn flatten(obj: Value) -> Vec<Value> {
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
    let Some(item_kind) = kind.strip_suffix("List").map(str::to_string) else {
        return vec![obj];
    };
    let api_version = obj.get("apiVersion").cloned();
    let mut map = match obj {
        Value::Object(map) => map,
        other => return vec![other],
    };
    let items = match map.remove("items") {
        Some(Value::Array(items)) => items,
        other => {
            if let Some(v) = other {
                map.insert("items".into(), v);
            }
            return vec![Value::Object(map)];
        }
    };
    items
        .into_iter()
        .map(|mut it| {
            if let Some(m) = it.as_object_mut() {
                m.entry("kind")
                    .or_insert_with(|| Value::String(item_kind.clone()));
                if let Some(av) = &api_version {
                    m.entry("apiVersion").or_insert_with(|| av.clone());
                }
            }
            it
        })
        .collect()
}

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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn list_items_get_their_kind() {
        let l = json!({"kind": "PodList", "apiVersion": "v1",
            "items": [{"metadata": {"name": "a"}}, {"kind": "Pod", "apiVersion": "v2"}]});
        let items = flatten(l);
        assert_eq!(items[0]["kind"], "Pod");
        assert_eq!(items[0]["apiVersion"], "v1");
        assert_eq!(items[1]["apiVersion"], "v2");
        let one = json!({"kind": "Table", "rows": []});
        assert_eq!(flatten(one.clone()), vec![one]);
    }

    #[test]
    fn selector_queries() {
        assert_eq!(
            request::with_query("/p", &selectors(Some("a in (x,y)"), Some("f=1"))),
            "/p?fieldSelector=f%3D1&labelSelector=a+in+%28x%2Cy%29"
        );
        assert!(selectors(None, None).is_empty());
    }
}
