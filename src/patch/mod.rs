//! Patches as kubectl computes and applies them: JSON merge patch (RFC 7386), JSON patch
//! (RFC 6902) and Kubernetes' strategic merge patch — two-way and three-way creation, and
//! local application — plus the `last-applied-configuration` annotation of client-side
//! apply. Pure code: no I/O, no clients.
//!
//! The API the verbs call:
//!
//! ```text
//! Schema::builtin(api_version, kind)            compiled patch metadata; custom kinds → JSON merge
//! OpenApiMeta::from_v3(doc).schema(av, kind)    the server's OpenAPI v3 metadata (preferred)
//! two_way(schema, old, new)        -> patch     kubectl edit / set / label: the old → new patch
//! three_way(schema, original, modified, current, overwrite) -> patch   kubectl apply
//! apply(schema, PatchType, doc, patch) -> doc   as the API server applies it
//! apply_local(schema, PatchType, doc, patch)     kubectl patch --local (kubectl's error texts)
//! to_json(&patch)                  -> String    the request body, byte for byte as kubectl's
//! is_empty(&patch), changes_identity(&patch)   "unchanged"; the edit/apply preconditions
//! last_applied::{modified_configuration, original_configuration, apply_patch}
//! ```
//!
//! [`Schema::patch_type`] says which patch type a kind takes: strategic merge patch for the
//! built-in kinds, JSON merge patch for custom resources (as kubectl decides). The
//! functions taking a schema compute the patch of that type.
//!
//! Choosing the schema as kubectl apply does: the server's OpenAPI v3 document of the
//! group-version (`/openapi/v3` lists them; kubectl fetches it anyway to validate) when it
//! says the kind takes strategic patches, else the compiled table:
//!
//! ```text
//! let schema = v3.as_ref().and_then(|m| m.schema(av, kind))
//!     .unwrap_or_else(|| Schema::builtin(av, kind));
//! // the object does not exist: POST last_applied::for_create(&obj)
//! let patch = last_applied::apply_patch(schema, &obj, &live, overwrite)?;
//! if is_empty(&patch) { /* "unchanged", no request */ }
//! // else PATCH, Content-Type schema.patch_type().content_type(), body to_json(&patch)
//! ```
//!
//! `obj` is the manifest object as kubectl holds it: `metadata.namespace` filled in for
//! namespaced kinds.
//!
//! Behaviour follows apimachinery 1.33 (`util/strategicpatch`, `util/jsonmergepatch`) and
//! the `gopkg.in/evanphx/json-patch.v4` library kubectl and the API server use, including
//! their error texts; the unit tests hold kk to patch bodies captured from the real
//! kubectl (`fixtures/patch/`).

pub mod json;
pub mod last_applied;
pub mod merge;
pub mod meta;
pub mod strategic;

use serde_json::Value;

pub use meta::Schema;
pub use meta::openapi::OpenApiMeta;

/// A patch failed to compute or apply; the text is apimachinery's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A three-way patch would overwrite changes made since the last apply
    /// (`--overwrite=false`): `patch:\n...\nconflicts with changes made from original to
    /// current:\n...`.
    #[error("{0}")]
    Conflict(String),
    /// A JSON merge patch would change `apiVersion`, `kind` or `metadata.name`.
    #[error("{0}")]
    PreconditionFailed(String),
    /// A malformed patch or document, or a patch that does not apply.
    #[error("{0}")]
    Invalid(String),
}

impl Error {
    pub(crate) fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(msg.into())
    }
}

/// The three patch types of `kubectl patch --type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatchType {
    /// `strategic`: `application/strategic-merge-patch+json`.
    Strategic,
    /// `merge`: `application/merge-patch+json` (RFC 7386).
    Merge,
    /// `json`: `application/json-patch+json` (RFC 6902).
    Json,
}

impl PatchType {
    /// The `--type` value (`json`, `merge`, `strategic`).
    pub fn parse(s: &str) -> Option<PatchType> {
        match s {
            "strategic" => Some(PatchType::Strategic),
            "merge" => Some(PatchType::Merge),
            "json" => Some(PatchType::Json),
            _ => None,
        }
    }

    /// The request's `Content-Type`.
    pub fn content_type(self) -> &'static str {
        match self {
            PatchType::Strategic => "application/strategic-merge-patch+json",
            PatchType::Merge => "application/merge-patch+json",
            PatchType::Json => "application/json-patch+json",
        }
    }
}

impl std::fmt::Display for PatchType {
    /// The `types.PatchType` string kubectl prints in messages (the content type).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.content_type())
    }
}

impl Schema<'_> {
    /// The patch type kubectl sends for this kind: strategic merge patch for kinds with
    /// patch metadata, JSON merge patch for the others (custom resources).
    pub fn patch_type(&self) -> PatchType {
        if self.supports_strategic() {
            PatchType::Strategic
        } else {
            PatchType::Merge
        }
    }
}

/// The patch turning `old` into `new`: strategic for built-ins
/// (`strategicpatch.CreateTwoWayMergePatch`), JSON merge for custom resources
/// (`jsonpatch.CreateMergePatch`). `{}` when they are equal.
pub fn two_way(schema: Schema<'_>, old: &Value, new: &Value) -> Result<Value, Error> {
    match schema.patch_type() {
        PatchType::Strategic => strategic::two_way(schema, old, new),
        _ => merge::create(old, new),
    }
}

/// The patch `kubectl apply` sends: the changes from `current` (live) to `modified` (the new
/// configuration) plus what was removed from `original` (the last applied one; `Null` when
/// there is none). Strategic for built-ins (`CreateThreeWayMergePatch`), JSON merge for
/// custom resources (`CreateThreeWayJSONMergePatch`, which refuses to change `apiVersion`,
/// `kind` or `metadata.name`). With `overwrite` false (`--overwrite=false`), conflicting
/// changes are an [`Error::Conflict`].
pub fn three_way(
    schema: Schema<'_>,
    original: &Value,
    modified: &Value,
    current: &Value,
    overwrite: bool,
) -> Result<Value, Error> {
    match schema.patch_type() {
        PatchType::Strategic => {
            strategic::three_way(schema, original, modified, current, overwrite)
        }
        _ => merge::three_way(original, modified, current),
    }
}

/// Apply `patch` of type `ty` to `doc` as the API server does (dry runs, previews).
/// Strategic patches need a kind with patch metadata.
pub fn apply(
    schema: Schema<'_>,
    ty: PatchType,
    doc: &Value,
    patch: &Value,
) -> Result<Value, Error> {
    match ty {
        PatchType::Strategic => {
            if !schema.supports_strategic() {
                return Err(Error::invalid(
                    "strategic merge patch format is not supported",
                ));
            }
            strategic::apply(schema, doc, patch)
        }
        PatchType::Merge => merge::apply(doc, patch),
        PatchType::Json => json::apply(doc, patch),
    }
}

/// `kubectl patch --local`: [`apply`] with kubectl's wording of failures
/// (`getPatchedJSON`): a strategic patch of a kind without patch metadata is refused, and a
/// JSON patch replacing a missing index reads `Object to be patched is missing field (...)`.
pub fn apply_local(
    schema: Schema<'_>,
    ty: PatchType,
    doc: &Value,
    patch: &Value,
) -> Result<Value, Error> {
    match ty {
        PatchType::Strategic if !schema.supports_strategic() => Err(Error::invalid(format!(
            "strategic merge patch is not supported for {} locally, try --type merge",
            gvk_string(doc)
        ))),
        PatchType::Json => json::apply_local(doc, patch),
        _ => apply(schema, ty, doc, patch),
    }
}

/// `schema.GroupVersionKind.String()` of an object: `apps/v1, Kind=Deployment`,
/// `/v1, Kind=Pod`.
fn gvk_string(obj: &Value) -> String {
    let av = obj.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
    let (group, version) = av.rsplit_once('/').unwrap_or(("", av));
    format!("{group}/{version}, Kind={kind}")
}

/// A patch as kubectl sends it: Go's `json.Marshal` (keys sorted, HTML-safe escapes, Go
/// number formatting).
pub fn to_json(patch: &Value) -> String {
    crate::printers::json::to_compact(patch)
}

/// Whether a patch is the empty patch `{}` (kubectl then sends nothing: `unchanged`).
pub fn is_empty(patch: &Value) -> bool {
    patch.as_object().is_some_and(|m| m.is_empty())
}

/// Whether a patch would change `apiVersion`, `kind` or `metadata.name` — the
/// preconditions of `kubectl apply` (JSON merge patches) and `kubectl edit`, which then
/// refuse it.
pub fn changes_identity(patch: &Value) -> bool {
    patch.get("apiVersion").is_some()
        || patch.get("kind").is_some()
        || patch
            .get("metadata")
            .and_then(Value::as_object)
            .is_some_and(|m| m.contains_key("name"))
}

/// Drop `null` members of objects at every depth (array items stay): evanphx's
/// `pruneNulls`, apimachinery's `discardNullValuesFromPatch`, kubectl apply's
/// `pruneNullsFromMap` — three names for one walk.
pub(crate) fn drop_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, v| !v.is_null());
            m.values_mut().for_each(drop_nulls);
        }
        Value::Array(a) => a.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// `mergepatch.NewErrConflict`: both sides as YAML.
fn conflict_message(patch: &Value, changed: &Value) -> String {
    let yaml =
        |v: &Value| crate::printers::yaml::to_kubectl_yaml(v).unwrap_or_else(|e| e.to_string());
    format!(
        "patch:\n{}\nconflicts with changes made from original to current:\n{}\n",
        yaml(patch),
        yaml(changed)
    )
}

#[cfg(test)]
mod tests;
