//! The engine behind `kk label` and `kk annotate` (they differ only in which metadata map
//! they edit and in kubectl's wording): split `TYPE NAME k=v k-` arguments, check
//! `--overwrite`, fetch each object, edit the map locally, send the JSON merge patch between
//! the object before and after (as kubectl does, `{}` included), and print
//! `labeled`/`unlabeled`/`not labeled`/`annotated` or the object with `-o`.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::cmd::objects::{self, Object};
use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::Pflag;
use crate::flags::{DryRun, DryRunFlags, FilenameFlags, ObjectPrintFlags, SelectorFlags};
use crate::printers::OperationPrinter;
use crate::resource::Resolver;
use crate::resource::builder::{self, Selection};
use crate::resource::request;

/// Which metadata map is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `metadata.labels` (`kk label`).
    Label,
    /// `metadata.annotations` (`kk annotate`).
    Annotation,
}

impl Kind {
    fn field(self) -> &'static str {
        match self {
            Kind::Label => "labels",
            Kind::Annotation => "annotations",
        }
    }
    fn word(self) -> &'static str {
        match self {
            Kind::Label => "label",
            Kind::Annotation => "annotation",
        }
    }
    fn verb(self) -> &'static str {
        match self {
            Kind::Label => "label",
            Kind::Annotation => "annotate",
        }
    }
}

/// Flags shared by `label` and `annotate`.
#[derive(Debug, Clone, clap::Args)]
pub struct Common {
    /// TYPE NAME | TYPE/NAME, then KEY=VAL or KEY- pairs
    #[arg(value_name = "ARGS", add = Complete::TypeAndNames)]
    pub args: Vec<String>,
    #[command(flatten)]
    pub files: FilenameFlags,
    #[command(flatten)]
    pub select: SelectorFlags,
    /// Select all resources, in the namespace of the specified resource types
    #[arg(long, pflag_bool())]
    pub all: Option<bool>,
    /// If true, allow values to be overwritten, otherwise reject updates that overwrite
    /// existing values.
    #[arg(long, pflag_bool())]
    pub overwrite: Option<bool>,
    /// If true, display the values for a given resource.
    #[arg(long, pflag_bool())]
    pub list: Option<bool>,
    /// If non-empty, the update will only succeed if this is the current resource-version
    /// for the object. Only valid when specifying a single resource.
    #[arg(long, value_name = "VERSION")]
    pub resource_version: Option<String>,
    #[command(flatten)]
    pub dry_run: DryRunFlags,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
    /// Name of the manager used to track field ownership.
    #[arg(long, value_name = "NAME")]
    pub field_manager: Option<String>,
}

/// kubectl's `GetResourcesAndPairs`: everything before the first pair is a resource.
pub fn split_args(args: &[String], kind: Kind) -> Result<(Vec<String>, Vec<String>)> {
    let mut resources = Vec::new();
    let mut pairs = Vec::new();
    for s in args {
        let is_pair = (s.contains('=') && !s.starts_with('=')) || (s.ends_with('-') && s != "-");
        if is_pair {
            pairs.push(s.clone());
        } else if !pairs.is_empty() {
            return Err(Error::msg(format!(
                "all resources must be specified before {} changes: {s}",
                kind.word()
            )));
        } else {
            resources.push(s.clone());
        }
    }
    Ok((resources, pairs))
}

/// The requested changes: keys to set and keys to remove.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// `key=value` (sorted).
    pub set: BTreeMap<String, String>,
    /// `key-`, in the order given.
    pub remove: Vec<String>,
}

/// Parse `k=v` / `k-` with kubectl's rules and messages for each kind.
pub fn parse_changes(pairs: &[String], kind: Kind) -> Result<Changes> {
    let mut c = Changes::default();
    match kind {
        Kind::Label => {
            for p in pairs {
                if p.contains('=') {
                    let parts: Vec<&str> = p.split('=').collect();
                    if parts.len() != 2 {
                        return Err(Error::msg(format!("invalid label spec: {p}")));
                    }
                    if let Some(why) = invalid_label_value(parts[1]) {
                        return Err(Error::msg(format!("invalid label value: {p:?}: {why}")));
                    }
                    c.set.insert(parts[0].into(), parts[1].into());
                } else if let Some(k) = p.strip_suffix('-') {
                    if !k.is_empty() {
                        c.remove.push(k.into());
                    }
                } else {
                    return Err(Error::msg(format!("unknown label spec: {p}")));
                }
            }
            if c.remove.iter().any(|k| c.set.contains_key(k)) {
                return Err(Error::msg(
                    "can not both modify and remove a label in the same command",
                ));
            }
        }
        Kind::Annotation => {
            let mut invalid: Vec<&str> = Vec::new();
            for p in pairs {
                if let Some((k, v)) = p.split_once('=') {
                    if k.is_empty() {
                        invalid.push(p);
                    } else {
                        c.set.insert(k.into(), v.into());
                    }
                } else if let Some(k) = p.strip_suffix('-') {
                    c.remove.push(k.into());
                } else {
                    invalid.push(p);
                }
            }
            if !invalid.is_empty() {
                return Err(Error::msg(format!(
                    "invalid annotation format: {}",
                    invalid.join(", ")
                )));
            }
            let both: Vec<&str> = c
                .remove
                .iter()
                .filter(|k| c.set.contains_key(*k))
                .map(String::as_str)
                .collect();
            if !both.is_empty() {
                return Err(Error::msg(format!(
                    "can not both modify and remove the following annotation(s) in the same command: {}",
                    both.join(", ")
                )));
            }
        }
    }
    Ok(c)
}

/// apimachinery's `IsValidLabelValue` messages (empty is valid).
fn invalid_label_value(v: &str) -> Option<String> {
    const MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    let mut errs = Vec::new();
    if v.len() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    let ok_chars = v
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    let ends = |b: Option<&u8>| b.is_none_or(|b| b.is_ascii_alphanumeric());
    if !(ok_chars && ends(v.as_bytes().first()) && ends(v.as_bytes().last())) {
        errs.push(MSG.to_string());
    }
    (!errs.is_empty()).then(|| errs.join("; "))
}

/// Apply `changes` to the object's map; the error is kubectl's `--overwrite` conflict.
fn edit(obj: &mut Value, kind: Kind, c: &Changes, overwrite: bool, rv: Option<&str>) -> Result<()> {
    let current: Map<String, Value> = obj
        .pointer(&format!("/metadata/{}", kind.field()))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    if !overwrite {
        let conflicts: Vec<(String, String)> = c
            .set
            .iter()
            .filter_map(|(k, v)| {
                let cur = current.get(k)?.as_str()?;
                (cur != v).then(|| (k.clone(), cur.to_string()))
            })
            .collect();
        match kind {
            Kind::Label => {
                if let Some((k, cur)) = conflicts.first() {
                    return Err(Error::msg(format!(
                        "'{k}' already has a value ({cur}), and --overwrite is false"
                    )));
                }
            }
            Kind::Annotation => {
                // kubectl lets the change-cause annotation be overwritten freely.
                let list: Vec<String> = conflicts
                    .iter()
                    .filter(|(k, _)| k != "kubernetes.io/change-cause")
                    .map(|(k, cur)| format!("'{k}' already has a value ({cur})"))
                    .collect();
                if !list.is_empty() {
                    return Err(Error::msg(format!(
                        "--overwrite is false but found the following declared annotation(s): {}",
                        list.join("; ")
                    )));
                }
            }
        }
    }
    let mut map = current;
    for (k, v) in &c.set {
        map.insert(k.clone(), Value::String(v.clone()));
    }
    for k in &c.remove {
        map.remove(k);
    }
    let meta = obj
        .as_object_mut()
        .ok_or_else(|| Error::msg("object is not a JSON object"))?
        .entry("metadata")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Some(m) = meta.as_object_mut() {
        // kubectl edits unstructured objects: the map is always set, even when empty, so
        // removing a key that was never there still counts as a change ("labeled").
        m.insert(kind.field().into(), Value::Object(map));
        if let Some(rv) = rv {
            m.insert("resourceVersion".into(), Value::String(rv.into()));
        }
    }
    Ok(())
}

/// kubectl's `updateDataChangeMsg`: compares the serialized objects.
fn change_word(old: &Value, new: &Value, overwrite: bool) -> &'static str {
    if old == new {
        return "not labeled";
    }
    let len = |v: &Value| serde_json::to_vec(v).map(|b| b.len()).unwrap_or(0);
    if !overwrite && len(new) < len(old) {
        "unlabeled"
    } else {
        "labeled"
    }
}

/// Run `label` or `annotate`.
pub async fn run(ctx: &Ctx, a: &Common, kind: Kind) -> Result<()> {
    let (resources, pairs) = split_args(&a.args, kind)?;
    let list = a.list.unwrap_or(false);
    let overwrite = a.overwrite.unwrap_or(false);
    let changes = parse_changes(&pairs, kind)?;
    if resources.is_empty() && a.files.filenames().is_empty() {
        return Err(Error::msg(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>",
        ));
    }
    if changes.set.is_empty() && changes.remove.is_empty() && !list {
        return Err(Error::msg(format!(
            "at least one {} update is required",
            kind.word()
        )));
    }
    if list && !a.print.output().is_empty() {
        return Err(Error::msg(
            "--list and --output may not be specified together",
        ));
    }
    let dry = a.dry_run.strategy()?;
    let all = a.all.unwrap_or(false);
    let label_sel = a.select.selector.clone().filter(|s| !s.is_empty());
    if all && label_sel.is_some() {
        return Err(Error::msg(
            "cannot set --all and --selector at the same time",
        ));
    }
    if all
        && a.select
            .field_selector
            .as_deref()
            .is_some_and(|f| !f.is_empty())
    {
        return Err(Error::msg(
            "cannot set --all and --field-selector at the same time",
        ));
    }
    let mut resolver = Resolver::new(ctx).await?;
    let sel = Selection {
        args: resources,
        filenames: a.files.filenames(),
        recursive: a.files.recursive(),
        label_selector: label_sel,
        field_selector: a.select.field_selector.clone(),
        all_namespaces: a.select.all_namespaces(),
        allow_empty_selector: all,
        single_resource_type: false,
    };
    let targets = builder::build(ctx, &mut resolver, &sel).await?;
    if let Some((_, e)) = targets.errors.into_iter().next() {
        return Err(e);
    }
    let one = targets.single_item_implied;
    let rv = a.resource_version.as_deref().filter(|s| !s.is_empty());
    if rv.is_some() && !one {
        return Err(Error::msg(
            "--resource-version may only be used with a single resource",
        ));
    }
    let client = ctx.client().await?;
    let manager = a
        .field_manager
        .clone()
        .unwrap_or_else(|| format!("kubectl-{}", kind.verb()));
    // kubectl builds the printer only after patching: a bad -o still changes the objects,
    // then fails once per object.
    let (mut printer, format_err) = match OperationPrinter::new(&a.print, dry) {
        Ok(p) => (Some(p), None),
        Err(e) => (None, Some(e.to_string())),
    };
    let mut errors = Vec::new();
    for obj in objects::expand(ctx, &targets.items).await? {
        let result = match obj {
            Ok(obj) => {
                one_object(
                    ctx,
                    &client,
                    obj,
                    kind,
                    &changes,
                    a,
                    (overwrite, list, one, rv, dry),
                    &manager,
                    printer.as_mut(),
                    format_err.as_deref(),
                )
                .await
            }
            Err(e) => Err(e),
        };
        if let Err(e) = result {
            errors.push(e);
        }
    }
    if let Some(p) = printer.as_mut() {
        p.finish(ctx.ui())?;
    }
    objects::finish(errors)
}

#[allow(clippy::too_many_arguments)]
async fn one_object(
    ctx: &Ctx,
    client: &kube::Client,
    obj: Object,
    kind: Kind,
    changes: &Changes,
    _a: &Common,
    (overwrite, list, one, rv, dry): (bool, bool, bool, Option<&str>, DryRun),
    manager: &str,
    printer: Option<&mut OperationPrinter>,
    format_err: Option<&str>,
) -> Result<()> {
    // Named objects and manifests are fetched fresh (kubectl's `Latest()`); listed ones are
    // already current.
    let current = match (&obj.body, &obj.source) {
        (Some(b), None) => b.clone(),
        _ => request::json(client, http::Method::GET, &obj.path(), None)
            .await
            .map_err(|e| ctx.kube_error(e))?,
    };
    if list {
        let map = current
            .pointer(&format!("/metadata/{}", kind.field()))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mut out = String::new();
        let indent = if one { "" } else { " " };
        if !one {
            let title = match kind {
                Kind::Label => "labels",
                Kind::Annotation => "annotations",
            };
            out.push_str(&format!(
                "Listing {title} for {}.{}/{}:\n",
                obj.resource.kind, obj.resource.group, obj.name
            ));
        }
        for (k, v) in &map {
            out.push_str(&format!("{indent}{k}={}\n", v.as_str().unwrap_or("")));
        }
        ctx.ui().print(&out)?;
        return Ok(());
    }
    let mut modified = current.clone();
    let output;
    let word;
    if dry.is_client() {
        edit(&mut modified, kind, changes, overwrite, rv)?;
        word = change_word(&current, &modified, overwrite);
        output = modified;
    } else {
        if kind == Kind::Label {
            let labels = current
                .pointer("/metadata/labels")
                .and_then(Value::as_object);
            for k in &changes.remove {
                if !labels.is_some_and(|l| l.contains_key(k)) {
                    ctx.ui().print(&format!("label {k:?} not found.\n"))?;
                }
            }
        }
        edit(&mut modified, kind, changes, overwrite, rv)?;
        word = change_word(&current, &modified, overwrite);
        // kubectl label/annotate: jsonpatch.CreateMergePatch(old, new).
        let patch = crate::patch::merge::create(&current, &modified).map_err(Error::msg)?;
        let mut q = vec![("fieldManager", manager.to_string())];
        q.extend(dry.query());
        let uri = objects::with_query(&obj.path(), &q);
        output = request::json(
            client,
            http::Method::PATCH,
            &uri,
            Some(("application/merge-patch+json", &patch)),
        )
        .await
        .map_err(|e| objects::with_source(ctx, "patching", obj.source.as_deref(), e))?;
    }
    let (Some(printer), None) = (printer, format_err) else {
        return Err(Error::msg(format_err.unwrap_or_default()));
    };
    let op = match kind {
        Kind::Label => word,
        Kind::Annotation => "annotated",
    };
    printer.print(ctx.ui(), &output, op)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn args_split_at_first_pair() {
        let (r, p) = split_args(&s(&["pod", "x", "a=1", "b-"]), Kind::Label).unwrap();
        assert_eq!((r, p), (s(&["pod", "x"]), s(&["a=1", "b-"])));
        assert_eq!(
            split_args(&s(&["pod", "a=1", "x"]), Kind::Label)
                .unwrap_err()
                .to_string(),
            "all resources must be specified before label changes: x"
        );
    }

    #[test]
    fn label_specs() {
        let e = |v: &[&str]| parse_changes(&s(v), Kind::Label).unwrap_err().to_string();
        assert_eq!(e(&["a=1=2"]), "invalid label spec: a=1=2");
        assert_eq!(
            e(&["a=1", "a-"]),
            "can not both modify and remove a label in the same command"
        );
        assert!(e(&["a=b c"]).starts_with("invalid label value: \"a=b c\": a valid label"));
        let c = parse_changes(&s(&["a=1", "b-"]), Kind::Label).unwrap();
        assert_eq!(c.set.get("a").map(String::as_str), Some("1"));
        assert_eq!(c.remove, s(&["b"]));
    }

    #[test]
    fn annotation_specs_keep_equals_in_values() {
        let c = parse_changes(&s(&["a=x=y"]), Kind::Annotation).unwrap();
        assert_eq!(c.set.get("a").map(String::as_str), Some("x=y"));
        assert_eq!(
            parse_changes(&s(&["=x"]), Kind::Annotation)
                .unwrap_err()
                .to_string(),
            "invalid annotation format: =x"
        );
    }

    #[test]
    fn removing_a_missing_label_counts_as_labeled() {
        let c = json!({"metadata": {"name": "x"}});
        let mut d = c.clone();
        let rm = parse_changes(&s(&["z-"]), Kind::Label).unwrap();
        edit(&mut d, Kind::Label, &rm, false, None).unwrap();
        assert_eq!(change_word(&c, &d, false), "labeled");
    }

    #[test]
    fn conflicts_and_words() {
        let mut o = json!({"metadata": {"labels": {"a": "1"}}});
        let c = parse_changes(&s(&["a=2"]), Kind::Label).unwrap();
        assert_eq!(
            edit(&mut o, Kind::Label, &c, false, None)
                .unwrap_err()
                .to_string(),
            "'a' already has a value (1), and --overwrite is false"
        );
        let before = o.clone();
        let c = parse_changes(&s(&["a-"]), Kind::Label).unwrap();
        edit(&mut o, Kind::Label, &c, false, None).unwrap();
        assert_eq!(change_word(&before, &o, false), "unlabeled");
        assert_eq!(change_word(&before, &o, true), "labeled");
        assert_eq!(change_word(&o, &o, false), "not labeled");
    }
}
