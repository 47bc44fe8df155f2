//! Editing live objects in the user's editor, shared by `kk edit` and `kk apply
//! edit-last-applied` (kubectl's `cmd/util/editor`): the objects go into one buffer (a
//! `List` when there are several) under a comment header; after the editor ends, each
//! changed object is patched — `edit` with the two-way patch from the object read to the
//! object edited (strategic merge for built-in kinds, JSON merge for custom resources),
//! `edit-last-applied` with a merge patch of the annotation alone.
//!
//! No change ends with `Edit cancelled, no changes made.`; an object the server finds
//! invalid reopens the buffer with the server's causes as comments; other failures keep
//! the temporary file and name it.

mod buffer;
pub mod editor;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{DryRun, ObjectPrintFlags};
use crate::patch::{self, PatchType, Schema, last_applied};
use crate::printers::OperationPrinter;
use crate::resource::builder::Selection;
use crate::resource::request;
use crate::resource::visit::{Fetch, Info, Options, Visitor};

use buffer::{Header, Reason};
use editor::Editor;

/// The environment variables naming the editor, in order of preference.
const EDITOR_VARS: &[&str] = &["KUBE_EDITOR", "EDITOR"];
/// The name the edited buffer is read under (in its syntax errors).
const EDITED_FILE: &str = "edited-file";

/// What an edit changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The objects themselves (`kk edit`).
    Objects,
    /// Their `last-applied-configuration` annotations (`kk apply edit-last-applied`).
    LastApplied,
}

/// One editing session's settings.
pub struct Session<'a> {
    pub ctx: &'a Ctx,
    pub mode: Mode,
    /// `-o` and friends: the buffer's format (`json`, else YAML) and what is printed.
    pub print: &'a ObjectPrintFlags,
    /// `--output-patch`: print each patch before sending it.
    pub output_patch: bool,
    /// `--save-config`: the edited objects carry their own last-applied annotation.
    pub save_config: bool,
    /// `--record`'s change cause, set on the edited objects after `--save-config`.
    pub cause: Option<String>,
    /// `fieldValidation` of the patches.
    pub validation: &'static str,
    pub field_manager: String,
    pub subresource: Option<String>,
    /// `--windows-line-endings`.
    pub crlf: bool,
}

/// What one pass of patching left to do (kubectl's `editResults`).
#[derive(Default)]
struct Results {
    reasons: Vec<Reason>,
    /// Objects the server found invalid (to edit again).
    invalid: usize,
    retryable: usize,
    not_found: usize,
    /// The temporary file of this pass.
    file: Option<PathBuf>,
}

impl Results {
    /// Record an object to edit again because of `causes`; kubectl's line for it.
    fn invalid(&mut self, info: &Info, causes: Vec<String>) -> String {
        let resource = resource_string(info);
        self.invalid += 1;
        self.reasons.push(Reason {
            head: format!("{resource} {:?} was not valid", info.name),
            other: causes,
        });
        format!("error: {resource} {:?} is invalid", info.name)
    }

    /// Record a failed patch; the line kubectl prints for it.
    fn add_error(&mut self, e: kube::Error, info: &Info) -> String {
        let resource = resource_string(info);
        match e {
            kube::Error::Api(s) if s.reason == "Invalid" => {
                let causes = s
                    .details
                    .iter()
                    .flat_map(|d| d.causes.iter())
                    .map(|c| format!("{}: {}", c.field, c.message))
                    .collect();
                self.invalid(info, causes)
            }
            kube::Error::Api(s) if s.code == 404 => {
                self.not_found += 1;
                format!(
                    "error: {resource} {:?} could not be found on the server",
                    info.name
                )
            }
            e => {
                self.retryable += 1;
                let text = match e {
                    kube::Error::Api(s) => s.message,
                    e => e.to_string(),
                };
                format!(
                    "error: {resource} {:?} could not be patched: {text}",
                    info.name
                )
            }
        }
    }
}

impl Session<'_> {
    /// Edit `originals` (fetched objects) until the changes are saved, cancelled or fail.
    pub async fn run(&self, originals: Vec<Info>) -> Result<()> {
        let ui = self.ctx.ui();
        let editor = Editor::from_env(self.ctx.env(), EDITOR_VARS);
        let tmp = crate::go::temp::temp_dir(self.ctx.env());
        let header = match self.mode {
            Mode::Objects => Header::Object,
            Mode::LastApplied => Header::LastApplied,
        };
        // managedFields are not shown; they are put back before comparing.
        let mut managed: HashMap<String, Option<Value>> = HashMap::new();
        let mut shown: Vec<Value> = Vec::new();
        for info in &originals {
            let mut obj = info.object.clone().unwrap_or(Value::Null);
            let mf = obj
                .get_mut("metadata")
                .and_then(Value::as_object_mut)
                .and_then(|m| m.remove("managedFields"));
            managed.insert(uid(&obj), mf);
            shown.push(obj);
        }
        let shown = match shown.len() {
            1 => shown.remove(0),
            _ => json!({"apiVersion": "v1", "items": shown, "kind": "List", "metadata": {}}),
        };
        let cmd_namespace = self.ctx.namespace().await?;

        let mut results = Results::default();
        let mut original = String::new();
        let mut edited = String::new();
        let mut contains_error = false;
        loop {
            let (json, ext) = self.buffer_format()?;
            let mut buf = String::new();
            if !json {
                buf.push_str(&buffer::header(header, &results.reasons));
            }
            if !contains_error {
                buf.push_str(&render(&shown, json).map_err(|e| preserved(ui, e, None))?);
                original = buf.clone();
            } else {
                buf.push_str(&buffer::manual_strip(&edited));
            }
            if self.crlf {
                buf = buf.replace('\n', "\r\n");
            }
            if contains_error && self.crlf {
                // The stripped text kept its own line endings.
                buf = buf.replace("\r\r\n", "\r\n");
            }
            let previous = std::mem::take(&mut edited);
            ui.flush()?;
            let (text, file) = editor.launch_temp_file(&tmp, "kk-edit-", ext, &buf);
            edited = match text {
                Ok(t) => t,
                Err(e) => return Err(preserved(ui, e, results.file.as_deref())),
            };
            let file = file.unwrap_or_default();
            if contains_error
                && buffer::strip_comments(&previous) == buffer::strip_comments(&edited)
            {
                return Err(preserved(
                    ui,
                    Error::msg("Edit cancelled, no valid changes were saved."),
                    Some(&file),
                ));
            }
            if let Some(old) = results.file.take() {
                let _ = std::fs::remove_file(old);
            }
            if self.validation != "Ignore"
                && let Some(e) = buffer::validation_error(&edited)
            {
                // kubectl words it as an Invalid error of the first object.
                results = Results {
                    file: Some(file),
                    ..Results::default()
                };
                contains_error = true;
                let line = results.invalid(
                    &originals[0],
                    vec![format!(
                        "<nil>: Invalid value: \"The edited file failed validation\": {e}"
                    )],
                );
                ui.eprint(&format!("{line}\n"))?;
                continue;
            }
            if buffer::strip_comments(&original) == buffer::strip_comments(&edited) {
                let _ = std::fs::remove_file(&file);
                ui.eprint("Edit cancelled, no changes made.\n")?;
                return Ok(());
            }
            if !buffer::has_lines(&edited) {
                let _ = std::fs::remove_file(&file);
                ui.eprint("Edit cancelled, saved file was empty.\n")?;
                return Ok(());
            }
            results = Results {
                file: Some(file.clone()),
                ..Results::default()
            };
            let updated = match self.read(&edited).await {
                Ok(u) => u,
                Err(e) => {
                    contains_error = true;
                    results.reasons.push(Reason {
                        head: format!("The edited file had a syntax error: {}", e.go_text()),
                        other: Vec::new(),
                    });
                    continue;
                }
            };
            let mut updated = updated;
            for info in &mut updated {
                let obj = info.object.get_or_insert(Value::Null);
                let restored = managed.get(&uid(obj)).cloned().flatten();
                if let Some(m) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
                    match restored {
                        Some(mf) => m.insert("managedFields".into(), mf),
                        None => m.remove("managedFields"),
                    };
                }
            }
            // kubectl's RequireNamespace: the object stays in the namespace it was read from.
            for info in &updated {
                if let Some(ns) = info.namespace.as_deref().filter(|ns| *ns != cmd_namespace) {
                    return Err(preserved(
                        ui,
                        Error::msg(format!(
                            "the namespace from the provided object {ns:?} does not match the namespace {cmd_namespace:?}. You must pass '--namespace={ns}' to perform this operation."
                        )),
                        Some(&file),
                    ));
                }
            }
            // kubectl's visitAnnotation.
            for info in &mut updated {
                if let Some(obj) = &mut info.object {
                    if self.save_config {
                        *obj = last_applied::with_annotation(obj);
                    }
                    if let Some(cause) = &self.cause {
                        crate::flags::record::record(obj, cause);
                    }
                }
            }
            for info in &updated {
                if let Err(e) = self.save(&originals, info, &mut results).await {
                    return Err(preserved(ui, e, results.file.as_deref()));
                }
            }
            if results.retryable > 0 {
                ui.eprint(&format!(
                    "You can run `{} replace -f {}` to try this update again.\n",
                    crate::error::PROG,
                    file.display()
                ))?;
                return Err(Error::Exit(1));
            }
            if results.not_found > 0 {
                ui.eprint(&format!(
                    "The edits you made on deleted resources have been saved to {}\n",
                    crate::go::quote(&file.to_string_lossy())
                ))?;
                return Err(Error::Exit(1));
            }
            if results.invalid == 0 {
                let _ = std::fs::remove_file(&file);
                return Ok(());
            }
            contains_error = true;
        }
    }

    /// `-o json` edits JSON (no header); anything else but YAML is refused.
    fn buffer_format(&self) -> Result<(bool, &'static str)> {
        match self.print.output() {
            "json" => Ok((true, ".json")),
            "" | "yaml" => Ok((false, ".yaml")),
            o => Err(Error::msg(format!(
                "unable to match a printer suitable for the output format {o:?}, allowed formats are: json,yaml"
            ))),
        }
    }

    /// The objects of a buffer (or of an annotation), resolved as a manifest.
    pub async fn read(&self, text: &str) -> Result<Vec<Info>> {
        let sel = Selection {
            stream: Some((EDITED_FILE.into(), text.to_string())),
            ..Selection::default()
        };
        let opts = Options {
            fetch: Fetch::Nothing,
            subresource: self.subresource.clone(),
            ..Options::default()
        };
        let mut objects = Visitor::new(self.ctx, &sel, opts).await?;
        let mut infos = Vec::new();
        while let Some(info) = objects.next().await {
            infos.push(info);
        }
        objects.finish()?;
        Ok(infos)
    }

    /// Save one edited object: `skipped` when unchanged, else patched and `edited`. A
    /// failed patch is recorded in `results`; an error ends the edit.
    async fn save(&self, originals: &[Info], info: &Info, results: &mut Results) -> Result<()> {
        let edited = info.object.as_ref().unwrap_or(&Value::Null);
        let id = uid(edited);
        let Some(original) = originals
            .iter()
            .filter_map(|o| o.object.as_ref())
            .find(|o| uid(o) == id)
        else {
            return Err(Error::msg(format!(
                "no original object found for {}",
                crate::printers::json::to_compact(edited)
            )));
        };
        if original == edited {
            return self.print(edited, "skipped");
        }
        let (ty, patch) = match self.mode {
            Mode::Objects => {
                let av = edited
                    .get("apiVersion")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let kind = edited.get("kind").and_then(Value::as_str).unwrap_or("");
                let schema = Schema::builtin(av, kind);
                let patch = patch::two_way(schema, original, edited)
                    .map_err(|e| Error::msg(e.to_string()))?;
                if patch::changes_identity(&patch) || patch.get("managedFields").is_some() {
                    return Err(Error::msg(
                        "At least one of apiVersion, kind and name was changed",
                    ));
                }
                (schema.patch_type(), patch)
            }
            Mode::LastApplied => (PatchType::Merge, last_applied::annotation_patch(edited).0),
        };
        let body = patch::to_json(&patch);
        if self.output_patch {
            self.ctx.ui().print(&format!("Patch: {body}\n"))?;
        }
        let mut path = info.path();
        if let Some(sub) = &self.subresource {
            path.push('/');
            path.push_str(sub);
        }
        let q = [
            ("fieldManager", self.field_manager.clone()),
            ("fieldValidation", self.validation.to_string()),
        ];
        let uri = request::with_query(&path, &q);
        let client = self.ctx.client().await?;
        let sent = Some((ty.content_type(), body.into_bytes()));
        match request::raw(&client, http::Method::PATCH, &uri, sent).await {
            Ok(patched) => match self.mode {
                Mode::Objects => self.print(&patched, "edited"),
                // kubectl prints the annotation's object, not the server's answer.
                Mode::LastApplied => self.print(edited, "edited"),
            },
            Err(e) if self.mode == Mode::LastApplied => Err(self.ctx.kube_error(e)),
            Err(e) => {
                let line = results.add_error(e, info);
                self.ctx.ui().eprint(&format!("{line}\n"))?;
                Ok(())
            }
        }
    }

    /// Report one object (a fresh printer each time, as kubectl makes one per object).
    fn print(&self, obj: &Value, operation: &str) -> Result<()> {
        let ui = self.ctx.ui();
        let mut printer = OperationPrinter::new(self.print, DryRun::None)?;
        printer.print(ui, obj, operation)?;
        printer.finish(ui)?;
        Ok(())
    }
}

/// The buffer's text for `obj`: kubectl's `-o yaml` or `-o json`.
fn render(obj: &Value, json: bool) -> Result<String> {
    if json {
        Ok(crate::printers::json::to_kubectl_json(obj))
    } else {
        crate::printers::yaml::to_kubectl_yaml(obj).map_err(|e| Error::msg(e.to_string()))
    }
}

/// `resource[.group]`, as edit's messages name a type.
fn resource_string(info: &Info) -> String {
    let r = &info.resource;
    if r.group.is_empty() {
        r.resource.clone()
    } else {
        format!("{}.{}", r.resource, r.group)
    }
}

/// `metadata.uid` (empty when absent): how edited objects find their originals.
fn uid(obj: &Value) -> String {
    obj.pointer("/metadata/uid")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

/// kubectl's `preservedFile`: name the kept temporary file, then fail with `e`.
fn preserved(ui: &crate::ui::Ui, e: Error, file: Option<&Path>) -> Error {
    if let Some(f) = file.filter(|f| f.exists()) {
        let _ = ui.eprint(&format!(
            "A copy of your changes has been stored to {}\n",
            crate::go::quote(&f.to_string_lossy())
        ));
    }
    e
}
