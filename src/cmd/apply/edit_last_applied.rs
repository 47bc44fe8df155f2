//! `kk apply edit-last-applied`: the objects' `last-applied-configuration` annotations in
//! the user's editor (the shared session is `crate::edit`); each one changed is saved
//! with a merge patch of the annotation alone.

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::edit::{Mode, Session};
use crate::error::{Error, Result};
use crate::flags::{FilenameFlags, ObjectPrintFlags, Pflag};
use crate::patch::last_applied;

/// Edit latest last-applied-configuration annotations of a resource/object.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// TYPE NAME | TYPE/NAME
    #[arg(value_name = "RESOURCE", add = Complete::TypeAndNames)]
    pub args: Vec<String>,
    #[command(flatten)]
    pub files: FilenameFlags,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
    #[command(flatten)]
    pub validate: crate::flags::write::ValidateFlags,
    #[command(flatten)]
    pub field_manager: crate::flags::write::FieldManagerFlags<crate::flags::write::ClientSideApply>,
    /// Defaults to the line ending native to your platform.
    #[arg(long, pflag_bool())]
    pub windows_line_endings: Option<bool>,
    #[command(flatten)]
    pub record: crate::flags::RecordFlags,
}

/// kubectl's long description of the command.
pub const ABOUT: &str = r#"Edit the latest last-applied-configuration annotations of resources from the default editor.

 The edit-last-applied command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.

 The default format is YAML. To edit in JSON, specify "-o json".

 The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.

 In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version."#;

/// kubectl's examples.
pub const EXAMPLES: &str = r#"  # Edit the last-applied-configuration annotations by type/name in YAML
  kk apply edit-last-applied deployment/nginx

  # Edit the last-applied-configuration annotations by file in JSON
  kk apply edit-last-applied -f deploy.yaml -o json"#;

/// Run `kk apply edit-last-applied`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    // kubectl accepts --record here, and records nothing when editing the annotations.
    args.record.recorder(ctx)?;
    let validation = args.validate.directive()?;
    let infos = super::super::edit::latest(ctx, &args.args, &args.files, None).await?;
    let session = Session {
        ctx,
        mode: Mode::LastApplied,
        print: &args.print,
        output_patch: false,
        save_config: false,
        cause: None,
        validation,
        field_manager: args.field_manager.field_manager.clone(),
        subresource: None,
        crlf: args.windows_line_endings == Some(true),
    };
    // The annotations, read as manifests.
    let mut annotations = Vec::new();
    for info in &infos {
        let Some(text) = info
            .object
            .as_ref()
            .and_then(|o| o.pointer("/metadata/annotations"))
            .and_then(|a| a.get(last_applied::ANNOTATION))
            .and_then(serde_json::Value::as_str)
        else {
            continue;
        };
        if let Some(first) = session.read(text).await?.into_iter().next() {
            annotations.push(first);
        }
    }
    if annotations.is_empty() {
        return Err(Error::msg(format!(
            "no last-applied-configuration annotation found on resources, to create the annotation, use command `{} apply set-last-applied --create-annotation`",
            crate::error::PROG
        )));
    }
    session.run(annotations).await
}
