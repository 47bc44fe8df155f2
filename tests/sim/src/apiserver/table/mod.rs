//! Server-side printing: `meta.k8s.io/v1` Tables with the real apiserver's columns.
//!
//! `build_table` picks the column set the real apiserver uses for a resource (the built-in
//! printers in [`workloads`], [`network`], [`cluster`], [`platform`]; a CRD's `additionalPrinterColumns` in
//! [`custom`]; or the default `Name`/`Created At` table), renders every row's *wide* cells
//! (kubectl hides `priority > 0` columns itself) and attaches `object` per `includeObject`.

mod cluster;
mod custom;
mod descriptions;
mod network;
mod platform;
mod workloads;

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::status::ApiError;

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

impl IncludeObject {
    /// The `includeObject` query value; absent or unrecognised means the default, Metadata.
    /// Use [`IncludeObject::parse`] to refuse unknown values like the apiserver does.
    pub fn from_query(v: Option<&str>) -> IncludeObject {
        Self::parse(v).unwrap_or(IncludeObject::Metadata)
    }

    /// Like [`IncludeObject::from_query`] but with the apiserver's 400 for unknown values.
    pub fn parse(v: Option<&str>) -> Result<IncludeObject, ApiError> {
        match v {
            None | Some("") | Some("Metadata") => Ok(IncludeObject::Metadata),
            Some("None") => Ok(IncludeObject::None),
            Some("Object") => Ok(IncludeObject::Object),
            Some(other) => Err(ApiError::bad_request(format!(
                "unrecognized includeObject value: {}",
                super::selectors::go_quote(other)
            ))),
        }
    }
}

/// One entry of `columnDefinitions`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Col {
    name: String,
    ty: &'static str,
    format: String,
    description: String,
    priority: i64,
}

impl Col {
    fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "type": self.ty,
            "format": self.format,
            "description": self.description,
            "priority": self.priority,
        })
    }
}

/// A priority-0 column.
fn col(name: &str, ty: &'static str, description: &str) -> Col {
    Col {
        name: name.to_string(),
        ty,
        format: String::new(),
        description: description.to_string(),
        priority: 0,
    }
}

/// A priority-1 (`-o wide` only) column.
fn wide(name: &str, ty: &'static str, description: &str) -> Col {
    Col {
        priority: 1,
        ..col(name, ty, description)
    }
}

/// The leading `Name` column every printer has.
fn name_col() -> Col {
    Col {
        format: "name".to_string(),
        ..col("Name", "string", descriptions::META_NAME)
    }
}

/// The `Age` column.
fn age_col() -> Col {
    col("Age", "string", descriptions::META_CREATION)
}

const CONTAINERS_DESC: &str = "Names of each container in the template.";
const IMAGES_DESC: &str = "Images referenced by each container in the template.";

/// Computes one row's cells for a known kind.
type CellsFn = fn(&Value, DateTime<Utc>) -> Vec<Value>;

/// The columns and row function of a built-in printer.
struct Printer {
    columns: Vec<Col>,
    cells: CellsFn,
}

/// The built-in printer for a resource, if the real apiserver has one.
fn builtin_printer(group: &str, resource: &str) -> Option<Printer> {
    workloads::printer(group, resource)
        .or_else(|| network::printer(group, resource))
        .or_else(|| cluster::printer(group, resource))
        .or_else(|| platform::printer(group, resource))
}

/// Renders `objects` (each with apiVersion and kind set) of one resource as a Table.
///
/// `resource` is the plural; for the `/scale` subresource pass group `autoscaling` and
/// resource `scale` (other subresources print like their parent resource).
/// `crd_columns` is the served version's `additionalPrinterColumns` for custom resources
/// (`Some(&Value::Null)` or an empty array when the CRD defines none: it then gets the
/// default `Age` column). Resources of unknown built-in groups without `crd_columns` are
/// treated as custom resources too. `with_definitions` is false for watch events after the
/// first one: like the apiserver's `NoHeaders` encoding, `columnDefinitions` is then `null`.
/// The returned Table has an empty `metadata` the caller fills like the apiserver does: a
/// list's `resourceVersion`/`continue`/`remainingItemCount`, or for a single object (GET or a
/// watch event) that object's `resourceVersion`.
pub fn build_table(
    group: &str,
    resource: &str,
    crd_columns: Option<&Value>,
    objects: &[Value],
    include: IncludeObject,
    with_definitions: bool,
    now: DateTime<Utc>,
) -> Value {
    let refs: Vec<&Value> = objects.iter().collect();
    let t = table_rows(group, resource, crd_columns, &refs, now);
    let rows = if t.rows.is_empty() && t.null_when_empty {
        Value::Null
    } else {
        Value::Array(
            t.rows
                .into_iter()
                .map(|r| row(r.cells, r.conditions, &objects[r.index], include))
                .collect(),
        )
    };
    json!({
        "kind": "Table",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": {},
        "columnDefinitions": definitions(&t.columns, with_definitions),
        "rows": rows,
    })
}

/// One object of a list printed by [`write_list`]: the parse the cells are computed from
/// (it may lack `metadata.managedFields`, which no printer reads) and the bytes of what the
/// row's `object` shows.
pub struct ListRow<'a> {
    /// The object (kind and apiVersion set) the cells read.
    pub obj: &'a Value,
    /// The row's `object` for `includeObject=Metadata`: the object's `metadata` as JSON;
    /// for `includeObject=Object`: the whole object as JSON (kind and apiVersion set).
    pub object: &'a [u8],
}

/// [`build_table`] for a list, written as bytes: each row's `object` is copied from
/// [`ListRow::object`] instead of being built and serialised again. `metadata` is the list's.
/// The output is byte for byte what serialising [`build_table`]'s Table would give.
pub fn write_list(
    group: &str,
    resource: &str,
    crd_columns: Option<&Value>,
    rows: &[ListRow<'_>],
    include: IncludeObject,
    metadata: &Value,
    now: DateTime<Utc>,
) -> Vec<u8> {
    let refs: Vec<&Value> = rows.iter().map(|r| r.obj).collect();
    let t = table_rows(group, resource, crd_columns, &refs, now);
    let size: usize = rows.iter().map(|r| r.object.len() + 256).sum();
    let mut out = Vec::with_capacity(size + 4096);
    // Keys in the order serde_json writes a `Value` map: sorted.
    out.extend_from_slice(br#"{"apiVersion":"meta.k8s.io/v1","columnDefinitions":"#);
    serde_json::to_writer(&mut out, &definitions(&t.columns, true)).ok();
    out.extend_from_slice(br#","kind":"Table","metadata":"#);
    serde_json::to_writer(&mut out, metadata).ok();
    out.extend_from_slice(br#","rows":"#);
    if t.rows.is_empty() && t.null_when_empty {
        out.extend_from_slice(b"null}");
        return out;
    }
    out.push(b'[');
    for (i, r) in t.rows.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(br#"{"cells":"#);
        serde_json::to_writer(&mut out, &r.cells).ok();
        if let Some(c) = &r.conditions {
            out.extend_from_slice(br#","conditions":"#);
            serde_json::to_writer(&mut out, c).ok();
        }
        match include {
            IncludeObject::None => {}
            IncludeObject::Object => {
                out.extend_from_slice(br#","object":"#);
                out.extend_from_slice(rows[r.index].object);
            }
            IncludeObject::Metadata => {
                out.extend_from_slice(
                    br#","object":{"apiVersion":"meta.k8s.io/v1","kind":"PartialObjectMetadata","metadata":"#,
                );
                out.extend_from_slice(rows[r.index].object);
                out.push(b'}');
            }
        }
        out.push(b'}');
    }
    out.extend_from_slice(b"]}");
    out
}

/// `columnDefinitions`: the columns, or null (watch events after the first).
fn definitions(columns: &[Col], with_definitions: bool) -> Value {
    if with_definitions {
        Value::Array(columns.iter().map(Col::to_json).collect())
    } else {
        Value::Null
    }
}

/// One row's computed parts; `index` is its object's position in the input.
struct RowParts {
    index: usize,
    cells: Vec<Value>,
    conditions: Option<Value>,
}

/// The columns and the rows (in print order) of a table.
struct TableParts {
    columns: Vec<Col>,
    rows: Vec<RowParts>,
    /// `rest.NewDefaultTableConvertor`: its rows slice stays nil (JSON null) for no items.
    null_when_empty: bool,
}

fn table_rows(
    group: &str,
    resource: &str,
    crd_columns: Option<&Value>,
    objects: &[&Value],
    now: DateTime<Utc>,
) -> TableParts {
    let is_custom = crd_columns.is_some() || !custom::is_builtin_group(group);
    let plain = |index, cells| RowParts {
        index,
        cells,
        conditions: None,
    };
    if is_custom {
        let printer = custom::CrdPrinter::new(crd_columns);
        let rows = objects
            .iter()
            .enumerate()
            .map(|(i, o)| plain(i, printer.cells(o, now)))
            .collect();
        TableParts {
            columns: printer.columns(),
            rows,
            null_when_empty: false,
        }
    } else if let Some(p) = builtin_printer(group, resource) {
        let mut ordered: Vec<(usize, &Value)> = objects.iter().copied().enumerate().collect();
        if group == "flowcontrol.apiserver.k8s.io" && resource == "flowschemas" {
            platform::sort_flow_schemas(&mut ordered);
        }
        let pods = group.is_empty() && resource == "pods";
        let rows = ordered
            .into_iter()
            .map(|(index, o)| RowParts {
                index,
                cells: (p.cells)(o, now),
                conditions: if pods {
                    workloads::pod_row_conditions(o)
                } else {
                    None
                },
            })
            .collect();
        TableParts {
            columns: p.columns,
            rows,
            null_when_empty: false,
        }
    } else {
        let rows = objects
            .iter()
            .enumerate()
            .map(|(i, o)| plain(i, default_cells(o)))
            .collect();
        TableParts {
            columns: default_columns(),
            rows,
            null_when_empty: true,
        }
    }
}

/// The default table convertor's columns: `Name` and `Created At` (an RFC 3339 date).
fn default_columns() -> Vec<Col> {
    vec![
        name_col(),
        col("Created At", "date", descriptions::META_CREATION),
    ]
}

fn default_cells(obj: &Value) -> Vec<Value> {
    let created = parse_time(str_at(obj, "/metadata/creationTimestamp"))
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_else(|| "0001-01-01T00:00:00Z".to_string());
    vec![json!(name(obj)), json!(created)]
}

fn row(cells: Vec<Value>, conditions: Option<Value>, obj: &Value, include: IncludeObject) -> Value {
    let mut r = json!({ "cells": cells });
    if let Some(c) = conditions {
        r["conditions"] = c;
    }
    match include {
        IncludeObject::None => {}
        IncludeObject::Object => r["object"] = obj.clone(),
        IncludeObject::Metadata => {
            r["object"] = json!({
                "kind": "PartialObjectMetadata",
                "apiVersion": "meta.k8s.io/v1",
                "metadata": obj.get("metadata").cloned().unwrap_or_else(|| json!({})),
            })
        }
    }
    r
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by the printers.

/// A string at a JSON pointer, `""` when absent.
fn str_at<'a>(obj: &'a Value, ptr: &str) -> &'a str {
    obj.pointer(ptr).and_then(Value::as_str).unwrap_or_default()
}

/// An integer at a JSON pointer, 0 when absent.
fn int_at(obj: &Value, ptr: &str) -> i64 {
    obj.pointer(ptr).and_then(Value::as_i64).unwrap_or(0)
}

/// An array at a JSON pointer, empty when absent.
fn arr_at<'a>(obj: &'a Value, ptr: &str) -> &'a [Value] {
    obj.pointer(ptr)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// The number of keys of a map at a JSON pointer.
fn map_len(obj: &Value, ptr: &str) -> i64 {
    obj.pointer(ptr)
        .and_then(Value::as_object)
        .map_or(0, |m| m.len() as i64)
}

fn name(obj: &Value) -> &str {
    str_at(obj, "/metadata/name")
}

fn is_deleting(obj: &Value) -> bool {
    obj.pointer("/metadata/deletionTimestamp")
        .is_some_and(|v| !v.is_null())
}

/// Parses a `metav1.Time` / `MicroTime`; empty or unparsable means the zero time.
fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// `translateTimestampSince`: `<unknown>` for the zero time, else the human duration.
fn since(ts: &str, now: DateTime<Utc>) -> String {
    match parse_time(ts) {
        Some(t) => human_duration(now - t),
        None => "<unknown>".to_string(),
    }
}

/// The Age cell.
fn age(obj: &Value, now: DateTime<Utc>) -> Value {
    json!(since(str_at(obj, "/metadata/creationTimestamp"), now))
}

/// apimachinery `duration.HumanDuration`.
pub fn human_duration(d: Duration) -> String {
    // Go truncates toward zero; a deviation under 2s in the future reads as "now".
    let seconds = d.num_seconds();
    if seconds < -1 {
        return "<invalid>".to_string();
    } else if seconds < 0 {
        return "0s".to_string();
    } else if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    } else if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    } else if hours < 48 {
        return format!("{hours}h");
    } else if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            format!("{}d", hours / 24)
        } else {
            format!("{}d{h}h", hours / 24)
        };
    } else if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    } else if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        return if dy == 0 {
            format!("{}y", hours / 24 / 365)
        } else {
            format!("{}y{dy}d", hours / 24 / 365)
        };
    }
    format!("{}y", hours / 24 / 365)
}

/// `layoutContainerCells`: container names and images, each joined with `,`.
fn container_cells(pod_spec: Option<&Value>) -> (Value, Value) {
    let containers = pod_spec
        .and_then(|s| s.get("containers"))
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let names: Vec<&str> = containers.iter().map(|c| str_at(c, "/name")).collect();
    let images: Vec<&str> = containers.iter().map(|c| str_at(c, "/image")).collect();
    (json!(names.join(",")), json!(images.join(",")))
}

/// `metav1.FormatLabelSelector`: `<none>` for an empty or nil selector, `<error>` if invalid.
fn format_label_selector(sel: Option<&Value>) -> String {
    match super::selectors::label_selector_from_object(sel.unwrap_or(&Value::Null)) {
        Ok(s) => {
            let s = s.to_string();
            if s.is_empty() {
                "<none>".to_string()
            } else {
                s
            }
        }
        Err(_) => "<error>".to_string(),
    }
}

/// `printBoolPtr`: `True`/`False`, `<unset>` when nil.
fn bool_ptr(v: Option<&Value>) -> String {
    match v.and_then(Value::as_bool) {
        Some(true) => "True".to_string(),
        Some(false) => "False".to_string(),
        None => "<unset>".to_string(),
    }
}

/// The value of a condition of `type_` in a conditions array, if present.
fn condition_status<'a>(conds: &'a [Value], type_: &str) -> Option<&'a str> {
    conds
        .iter()
        .find(|c| str_at(c, "/type") == type_)
        .map(|c| str_at(c, "/status"))
}

/// Appends `+ N more...` like the printers' list truncation; `<unset>` when empty.
fn list_with_more(list: &[String], more: bool, count: usize, max: usize) -> String {
    let ret = list.join(",");
    if more {
        return format!("{ret} + {} more...", count - max);
    }
    if ret.is_empty() {
        "<unset>".to_string()
    } else {
        ret
    }
}

/// `intstr.IntOrString.String()`.
fn int_or_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    pub(super) fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 2, 12, 0, 0).unwrap()
    }

    /// RFC 3339 text for `now - secs`.
    pub(super) fn ago(secs: i64) -> String {
        (now() - Duration::seconds(secs))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    }

    /// Builds a one-object table and returns its first row's cells.
    pub(super) fn cells(group: &str, resource: &str, obj: Value) -> Vec<Value> {
        let t = build_table(
            group,
            resource,
            None,
            &[obj],
            IncludeObject::None,
            true,
            now(),
        );
        t["rows"][0]["cells"].as_array().unwrap().clone()
    }

    /// The column names of a resource's table, with `*` after priority-1 ones.
    pub(super) fn headers(group: &str, resource: &str) -> Vec<String> {
        let t = build_table(group, resource, None, &[], IncludeObject::None, true, now());
        t["columnDefinitions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let n = c["name"].as_str().unwrap().to_string();
                if c["priority"] == 1 {
                    format!("{n}*")
                } else {
                    n
                }
            })
            .collect()
    }

    #[test]
    fn human_duration_matches_apimachinery() {
        let h = |s: i64| human_duration(Duration::seconds(s));
        assert_eq!(h(-3), "<invalid>");
        assert_eq!(human_duration(Duration::milliseconds(-1500)), "0s");
        assert_eq!(h(0), "0s");
        assert_eq!(h(119), "119s");
        assert_eq!(h(120), "2m");
        assert_eq!(h(125), "2m5s");
        assert_eq!(h(599), "9m59s");
        assert_eq!(h(600), "10m");
        assert_eq!(h(3 * 3600 - 1), "179m");
        assert_eq!(h(3 * 3600), "3h");
        assert_eq!(h(3 * 3600 + 4 * 60 + 9), "3h4m");
        assert_eq!(h(8 * 3600), "8h");
        assert_eq!(h(47 * 3600 + 3599), "47h");
        assert_eq!(h(48 * 3600), "2d");
        assert_eq!(h(50 * 3600), "2d2h");
        assert_eq!(h(8 * 86400), "8d");
        assert_eq!(h(729 * 86400), "729d");
        assert_eq!(h(730 * 86400), "2y");
        assert_eq!(h(731 * 86400), "2y1d");
        assert_eq!(h(8 * 365 * 86400 + 86400), "8y");
    }

    #[test]
    fn table_shape_and_include_object() {
        let cm = json!({"kind": "ConfigMap", "apiVersion": "v1",
            "metadata": {"name": "cfg", "namespace": "default", "uid": "u1",
                         "creationTimestamp": ago(300), "labels": {"a": "b"}},
            "data": {"x": "1", "y": "2"}, "binaryData": {"z": "AA=="}});
        let t = build_table(
            "",
            "configmaps",
            None,
            std::slice::from_ref(&cm),
            IncludeObject::Metadata,
            true,
            now(),
        );
        assert_eq!(t["kind"], "Table");
        assert_eq!(t["apiVersion"], "meta.k8s.io/v1");
        assert_eq!(t["metadata"], json!({}));
        assert_eq!(
            t["columnDefinitions"][0],
            json!({"name": "Name", "type": "string", "format": "name",
                   "description": descriptions::META_NAME, "priority": 0})
        );
        assert_eq!(t["rows"][0]["cells"], json!(["cfg", 3, "5m"]));
        assert_eq!(
            t["rows"][0]["object"],
            json!({"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                   "metadata": cm["metadata"]})
        );
        let t = build_table(
            "",
            "configmaps",
            None,
            std::slice::from_ref(&cm),
            IncludeObject::Object,
            false,
            now(),
        );
        assert_eq!(t["rows"][0]["object"], cm);
        assert!(t["columnDefinitions"].is_null());
        let t = build_table(
            "",
            "configmaps",
            None,
            &[cm],
            IncludeObject::None,
            true,
            now(),
        );
        assert!(t["rows"][0].get("object").is_none());
        assert!(t["rows"][0].get("conditions").is_none());
        let t = build_table(
            "",
            "configmaps",
            None,
            &[],
            IncludeObject::None,
            true,
            now(),
        );
        assert_eq!(t["rows"], json!([]));
    }

    #[test]
    fn include_object_query() {
        assert_eq!(IncludeObject::from_query(None), IncludeObject::Metadata);
        assert_eq!(
            IncludeObject::from_query(Some("Object")),
            IncludeObject::Object
        );
        assert_eq!(IncludeObject::from_query(Some("None")), IncludeObject::None);
        assert_eq!(
            IncludeObject::from_query(Some("bogus")),
            IncludeObject::Metadata
        );
        let e = IncludeObject::parse(Some("bogus")).unwrap_err();
        assert_eq!(
            (e.code, e.message.as_str()),
            (400, "unrecognized includeObject value: \"bogus\"")
        );
    }

    /// Every printer yields one cell per column and survives malformed objects.
    #[test]
    fn cells_match_columns_for_every_kind_even_for_garbage() {
        let kinds = [
            ("", "pods"),
            ("apps", "deployments"),
            ("apps", "replicasets"),
            ("", "replicationcontrollers"),
            ("apps", "statefulsets"),
            ("apps", "daemonsets"),
            ("batch", "jobs"),
            ("batch", "cronjobs"),
            ("", "podtemplates"),
            ("apps", "controllerrevisions"),
            ("autoscaling", "horizontalpodautoscalers"),
            ("policy", "poddisruptionbudgets"),
            ("", "services"),
            ("", "endpoints"),
            ("discovery.k8s.io", "endpointslices"),
            ("networking.k8s.io", "ingresses"),
            ("networking.k8s.io", "ingressclasses"),
            ("networking.k8s.io", "networkpolicies"),
            ("", "nodes"),
            ("", "namespaces"),
            ("", "events"),
            ("events.k8s.io", "events"),
            ("", "configmaps"),
            ("", "secrets"),
            ("", "serviceaccounts"),
            ("", "persistentvolumes"),
            ("", "persistentvolumeclaims"),
            ("storage.k8s.io", "storageclasses"),
            ("storage.k8s.io", "volumeattachments"),
            ("rbac.authorization.k8s.io", "rolebindings"),
            ("rbac.authorization.k8s.io", "clusterrolebindings"),
            ("scheduling.k8s.io", "priorityclasses"),
            ("coordination.k8s.io", "leases"),
            ("", "resourcequotas"),
            ("certificates.k8s.io", "certificatesigningrequests"),
            ("node.k8s.io", "runtimeclasses"),
            (
                "admissionregistration.k8s.io",
                "validatingwebhookconfigurations",
            ),
            ("apiregistration.k8s.io", "apiservices"),
            ("", "limitranges"),
            ("flowcontrol.apiserver.k8s.io", "flowschemas"),
            (
                "flowcontrol.apiserver.k8s.io",
                "prioritylevelconfigurations",
            ),
            ("storage.k8s.io", "csidrivers"),
            ("storage.k8s.io", "csinodes"),
            ("storage.k8s.io", "csistoragecapacities"),
            ("", "componentstatuses"),
            ("autoscaling", "scale"),
            ("example.com", "widgets"),
        ];
        let garbage = [
            json!({}),
            json!(null),
            json!({"metadata": null, "spec": "x", "status": 5, "subsets": {}, "data": [],
                   "regarding": 1, "series": {"count": "x"}}),
            json!({"metadata": {"name": 7, "creationTimestamp": "bogus", "deletionTimestamp": "x",
                                "labels": {"a": 1}, "ownerReferences": [{"controller": true}]},
                   "spec": {"containers": [{}, 5], "initContainers": [null], "ports": [{"port": "x"}],
                            "selector": {"matchExpressions": [{"operator": "Bad"}]},
                            "metrics": [{"type": "Resource"}, {"type": "External"}, {"type": "Object"},
                                        {"type": "Pods"}, {"type": "ContainerResource"}, {}],
                            "expirationSeconds": i64::MAX, "rules": [1, 2, 3, 4, 5]},
                   "status": {"containerStatuses": [{"state": {"terminated": {}}}, 3],
                              "initContainerStatuses": [{"state": {"waiting": {}}}],
                              "conditions": [null], "loadBalancer": {"ingress": [{}]},
                              "hard": {"x": 1}, "lastScheduleTime": "nope"}}),
        ];
        for (g, r) in kinds {
            for obj in &garbage {
                let t = build_table(
                    g,
                    r,
                    None,
                    std::slice::from_ref(obj),
                    IncludeObject::Metadata,
                    true,
                    now(),
                );
                let ncols = t["columnDefinitions"].as_array().unwrap().len();
                let cells = t["rows"][0]["cells"].as_array().unwrap();
                assert_eq!(cells.len(), ncols, "{g}/{r} with {obj}");
            }
        }
    }

    #[test]
    fn default_table_for_types_without_printer() {
        assert_eq!(
            headers("rbac.authorization.k8s.io", "roles"),
            ["Name", "Created At"]
        );
        assert_eq!(headers("", "limitranges"), ["Name", "Created At"]);
        assert_eq!(
            headers("apiextensions.k8s.io", "customresourcedefinitions"),
            ["Name", "Created At"]
        );
        let t = build_table(
            "rbac.authorization.k8s.io",
            "clusterroles",
            None,
            &[json!({"metadata": {"name": "admin", "creationTimestamp": "2025-03-04T05:06:07Z"}})],
            IncludeObject::None,
            true,
            now(),
        );
        assert_eq!(
            t["rows"][0]["cells"],
            json!(["admin", "2025-03-04T05:06:07Z"])
        );
        assert_eq!(t["columnDefinitions"][1]["type"], "date");
        let t = build_table(
            "",
            "limitranges",
            None,
            &[],
            IncludeObject::None,
            true,
            now(),
        );
        assert!(t["rows"].is_null());
    }
}
