//! Server-side printing: `meta.k8s.io/v1` Tables with the real apiserver's columns.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

/// What `includeObject=` asked for (default for Tables: Metadata).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IncludeObject {
    /// `includeObject=None`
    None,
    /// `includeObject=Metadata` (the default)
    Metadata,
    /// `includeObject=Object`
    Object,
}

/// Renders `objects` (each with apiVersion and kind set) of one resource as a Table.
///
/// `crd_columns` is the served version's `additionalPrinterColumns` for custom resources.
/// `with_definitions` is false for watch events after the first one. The returned Table has an
/// empty `metadata` the caller fills (resourceVersion, continue).
pub fn build_table(
    group: &str,
    resource: &str,
    crd_columns: Option<&Value>,
    objects: &[Value],
    include: IncludeObject,
    with_definitions: bool,
    now: DateTime<Utc>,
) -> Value {
    let _ = (
        group,
        resource,
        crd_columns,
        include,
        with_definitions,
        now,
        objects,
    );
    json!({"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {}, "columnDefinitions": [], "rows": []})
}
