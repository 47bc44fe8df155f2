//! `kk apply --server-side`: the manifest object sent whole as an apply patch
//! (`application/apply-patch+yaml`, `force=` always given), the server merging it with the
//! fields this manager owns. A conflict with other managers is the server's message
//! followed by kubectl's advice.
//!
//! An object last written by client-side apply is migrated as kubectl migrates it: the
//! annotation is applied under its own manager (`kubectl-last-applied`) so it is not
//! orphaned, the client-side managers' fields are merged into this manager's `Apply`
//! entry (one JSON patch of `managedFields`, guarded by the resourceVersion), and the apply
//! is sent again (client-go's `csaupgrade`).

use serde_json::{Map, Value, json};

use crate::error::{Error, Result};
use crate::patch::last_applied::ANNOTATION;
use crate::resource::request;
use crate::resource::visit::{self, Info, Requester};

use super::{Apply, MAX_PATCH_RETRY, SERVER_SIDE_MANAGER, manifest_object, warn_if_deleting};

/// The manager that keeps the annotation after a migration.
const LAST_APPLIED_MANAGER: &str = "kubectl-last-applied";

/// What kubectl adds to a conflict (409) of a server-side apply.
const CONFLICT_ADVICE: &str =
    "Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the `--force-conflicts` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts";

impl Apply<'_> {
    /// Server-side apply of one object.
    pub(super) async fn server_side(&mut self, requester: &Requester, info: Info) -> Result<()> {
        let obj = manifest_object(&info);
        if info.name.is_empty()
            && let Some(g) = obj
                .pointer("/metadata/generateName")
                .and_then(serde_json::Value::as_str)
                .filter(|g| !g.is_empty())
        {
            return Err(Error::msg(format!(
                "from {g}: cannot use generate name with apply"
            )));
        }
        let mut path = info.path();
        if let Some(sub) = &self.subresource {
            path.push('/');
            path.push_str(sub);
        }
        let uri = request::with_query(&path, &self.query(Some(self.force_conflicts)));
        let client = self.ctx.client().await?;
        let body = Some(("application/apply-patch+yaml", &obj));
        let mut applied = match request::json(&client, http::Method::PATCH, &uri, body).await {
            Ok(v) => v,
            Err(kube::Error::Api(s)) if s.code == 415 => {
                let inner = self.ctx.kube_error(kube::Error::Api(s));
                return Err(Error::msg(format!(
                    "Server-side apply not available on the server: ({})",
                    inner.go_text()
                )));
            }
            Err(kube::Error::Api(s)) if s.code == 409 => {
                let inner = self.ctx.kube_error(kube::Error::Api(s));
                return Err(Error::msg(format!(
                    "{}\n{CONFLICT_ADVICE}",
                    inner.go_text()
                )));
            }
            Err(e) => return Err(visit::error_when(self.ctx, "patching", None, e)),
        };
        match self.save_annotation(&info, &applied).await {
            Err(e) => self.warn(
                "failed to migrate kubectl.kubernetes.io/last-applied-configuration for Server-Side Apply",
                &e,
            )?,
            Ok(saved) => {
                if let Some(saved) = saved {
                    applied = saved;
                }
                match self.migrate(requester, &info, applied.clone()).await {
                    Err(e) => self.warn(
                        "server rejected managed fields migration to Server-Side Apply",
                        &e,
                    )?,
                    Ok(None) => {}
                    Ok(Some(_)) => {
                        match request::json(&client, http::Method::PATCH, &uri, body).await {
                            Ok(v) => applied = v,
                            Err(e) => self.warn(
                                "failed to re-apply configuration after performing Server-Side Apply migration",
                                &self.ctx.kube_error(e),
                            )?,
                        }
                    }
                }
            }
        }
        warn_if_deleting(self.ctx, &applied)?;
        self.report(applied, "serverside-applied")
    }

    /// kubectl's non-fatal migration warnings.
    fn warn(&self, what: &str, e: &Error) -> Result<()> {
        self.ctx.ui().eprint(&format!(
            "Warning: {what}. This is non-fatal and will be retried next time you apply. Error: {}\n",
            e.go_text()
        ))?;
        Ok(())
    }

    /// kubectl's `saveLastApplyAnnotationIfNecessary`: with the default manager, an
    /// annotation no `Apply` manager owns is applied under `kubectl-last-applied`.
    async fn save_annotation(&self, info: &Info, obj: &Value) -> Result<Option<Value>> {
        if self.field_manager != SERVER_SIDE_MANAGER {
            return Ok(None);
        }
        let Some(value) = obj
            .pointer("/metadata/annotations")
            .and_then(|a| a.get(ANNOTATION))
            .and_then(Value::as_str)
        else {
            return Ok(None);
        };
        if managed_fields(obj)
            .iter()
            .any(|e| operation(e) == "Apply" && owns_annotation(e))
        {
            return Ok(None);
        }
        let mut meta = Map::new();
        meta.insert("annotations".into(), json!({ ANNOTATION: value }));
        meta.insert("name".into(), Value::String(info.name.clone()));
        if let Some(ns) = &info.namespace {
            meta.insert("namespace".into(), Value::String(ns.clone()));
        }
        let body = json!({
            "apiVersion": info.resource.api_version(),
            "kind": info.resource.kind,
            "metadata": meta,
        });
        let mut q = vec![
            ("fieldManager", LAST_APPLIED_MANAGER.to_string()),
            ("fieldValidation", self.validation.to_string()),
        ];
        q.extend(self.dry.query());
        let uri = request::with_query(&info.path(), &q);
        let client = self.ctx.client().await?;
        let sent = Some(("application/apply-patch+yaml", &body));
        let saved = request::json(&client, http::Method::PATCH, &uri, sent)
            .await
            .map_err(|e| self.ctx.kube_error(e))?;
        Ok(Some(saved))
    }

    /// kubectl's `migrateToSSAIfNecessary`: the `Update` managers owning the annotation
    /// (client-side apply) are folded into this manager's `Apply` entry. The migrated
    /// object, or `None` when there was nothing to migrate.
    async fn migrate(
        &self,
        requester: &Requester,
        info: &Info,
        mut obj: Value,
    ) -> Result<Option<Value>> {
        let mut csa: Vec<String> = Vec::new();
        for e in managed_fields(&obj) {
            if operation(&e) == "Update" && owns_annotation(&e) {
                let m = e.get("manager").and_then(Value::as_str).unwrap_or("");
                if !csa.iter().any(|c| c == m) {
                    csa.push(m.to_string());
                }
            }
        }
        let sub = self.subresource.as_deref().unwrap_or("");
        let client = self.ctx.client().await?;
        let mut last = None;
        for _ in 0..MAX_PATCH_RETRY {
            let before = managed_fields(&obj);
            let mut after = before.clone();
            for m in &csa {
                after = upgraded(after, m, &self.field_manager, sub);
            }
            if after == before {
                return Ok(None);
            }
            let rv = obj
                .pointer("/metadata/resourceVersion")
                .cloned()
                .unwrap_or(Value::String(String::new()));
            let patch = json!([
                {"op": "replace", "path": "/metadata/managedFields", "value": after},
                {"op": "replace", "path": "/metadata/resourceVersion", "value": rv},
            ]);
            let uri = request::with_query(&info.path(), &self.query(None));
            let sent = Some(("application/json-patch+json", &patch));
            match request::json(&client, http::Method::PATCH, &uri, sent).await {
                Ok(v) => return Ok(Some(v)),
                Err(kube::Error::Api(s)) if s.code == 409 => {
                    last = Some(self.ctx.kube_error(kube::Error::Api(s)));
                    obj = info
                        .get(requester, None)
                        .await
                        .map_err(|e| self.ctx.kube_error(e))?;
                }
                Err(e) => return Err(self.ctx.kube_error(e)),
            }
        }
        Err(last.unwrap_or_else(|| Error::msg("conflict")))
    }
}

fn managed_fields(obj: &Value) -> Vec<Value> {
    obj.pointer("/metadata/managedFields")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn operation(entry: &Value) -> &str {
    entry.get("operation").and_then(Value::as_str).unwrap_or("")
}

/// Whether a managedFields entry's set holds `metadata.annotations[<last-applied>]`.
fn owns_annotation(entry: &Value) -> bool {
    entry
        .get("fieldsV1")
        .and_then(|f| f.get("f:metadata"))
        .and_then(|m| m.get("f:annotations"))
        .and_then(|a| a.get(format!("f:{ANNOTATION}")))
        .is_some()
}

/// csaupgrade's `upgradedManagedFields`: `csa`'s `Update` entry merged into `ssa`'s
/// `Apply` entry (or renamed into it when there is none), then dropped.
fn upgraded(mut entries: Vec<Value>, csa: &str, ssa: &str, sub: &str) -> Vec<Value> {
    let is = |e: &Value, manager: &str, op: &str| {
        e.get("manager").and_then(Value::as_str) == Some(manager)
            && operation(e) == op
            && e.get("subresource").and_then(Value::as_str).unwrap_or("") == sub
    };
    let target = match entries.iter().position(|e| is(e, ssa, "Apply")) {
        Some(i) => i,
        None => match entries.iter().position(|e| is(e, csa, "Update")) {
            Some(i) => {
                entries[i]["operation"] = json!("Apply");
                entries[i]["manager"] = json!(ssa);
                i
            }
            None => return entries,
        },
    };
    let api_version = entries[target].get("apiVersion").cloned();
    if let Some(c) = entries
        .iter()
        .position(|e| is(e, csa, "Update") && e.get("apiVersion").cloned() == api_version)
    {
        let mut set = entries[target]
            .get("fieldsV1")
            .cloned()
            .unwrap_or(json!({}));
        union(&mut set, entries[c].get("fieldsV1").unwrap_or(&Value::Null));
        entries[target]["fieldsV1"] = set;
        entries[target]["fieldsType"] = json!("FieldsV1");
    }
    entries.retain(|e| !is(e, csa, "Update"));
    entries
}

/// The union of two `FieldsV1` sets (nested maps of path elements).
fn union(into: &mut Value, other: &Value) {
    let (Value::Object(a), Value::Object(b)) = (into, other) else {
        return;
    };
    for (k, v) in b {
        match a.get_mut(k) {
            Some(existing) => union(existing, v),
            None => {
                a.insert(k.clone(), v.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_side_manager_folds_into_apply() {
        // What kubectl 1.33 sent after `apply` then `apply --server-side` of a ConfigMap.
        let ann = json!({"f:metadata": {"f:annotations": {".": {}, "f:kubectl.kubernetes.io/last-applied-configuration": {}}}, "f:data": {".": {}, "f:a": {}}});
        let entries = vec![
            json!({"manager": "kubectl-client-side-apply", "operation": "Update", "apiVersion": "v1", "fieldsType": "FieldsV1", "fieldsV1": ann}),
            json!({"manager": "kubectl", "operation": "Apply", "apiVersion": "v1", "fieldsType": "FieldsV1", "fieldsV1": {"f:data": {"f:a": {}}}}),
            json!({"manager": "kubectl-last-applied", "operation": "Apply", "apiVersion": "v1", "fieldsType": "FieldsV1", "fieldsV1": {"f:metadata": {"f:annotations": {"f:kubectl.kubernetes.io/last-applied-configuration": {}}}}}),
        ];
        assert!(owns_annotation(&entries[0]) && owns_annotation(&entries[2]));
        let out = upgraded(entries, "kubectl-client-side-apply", "kubectl", "");
        assert_eq!(out.len(), 2);
        assert_eq!(out[0]["manager"], "kubectl");
        assert_eq!(out[0]["fieldsV1"], ann);
        // Nothing left to migrate: unchanged.
        assert_eq!(
            upgraded(out.clone(), "kubectl-client-side-apply", "kubectl", ""),
            out
        );
    }
}
