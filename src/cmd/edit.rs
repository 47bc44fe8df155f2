//! `kk edit`: open objects (`TYPE NAME`, `TYPE/NAME`, `TYPE` for all of a type, `-f`) in
//! the user's editor, read fresh from the server, and patch what was changed (the shared
//! session is `crate::edit`).

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::edit::{Mode, Session};
use crate::error::{Error, Result};
use crate::flags::{FilenameFlags, ObjectPrintFlags, Pflag};
use crate::resource::builder::Selection;
use crate::resource::visit::{Fetch, Options, Visitor};

/// Edit a resource on the server.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// TYPE NAME | TYPE/NAME
    #[arg(value_name = "RESOURCE", add = Complete::TypeAndNames)]
    pub args: Vec<String>,
    #[command(flatten)]
    pub files: FilenameFlags,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
    /// Output the patch if the resource is edited.
    #[arg(long, pflag_bool())]
    pub output_patch: Option<bool>,
    #[command(flatten)]
    pub write: crate::flags::write::WriteFlags<crate::flags::write::Edit>,
    /// If specified, edit will operate on the subresource of the requested object.
    #[arg(long, value_name = "NAME", add = Complete::Values(&["status"]))]
    pub subresource: Option<String>,
    /// Defaults to the line ending native to your platform.
    #[arg(long, pflag_bool())]
    pub windows_line_endings: Option<bool>,
    #[command(flatten)]
    pub record: crate::flags::RecordFlags,
}

/// kubectl's long description of the command.
pub const ABOUT: &str = r#"Edit a resource from the default editor.

 The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. When attempting to open the editor, it will first attempt to use the shell that has been defined in the 'SHELL' environment variable. If this is not defined, the default shell will be used, which is '/bin/bash' for Linux or 'cmd' for Windows.

 You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.

 Editing is done with the API version used to fetch the resource. To edit using a specific API version, fully-qualify the resource, version, and group.

 The default format is YAML. To edit in JSON, specify "-o json".

 The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.

 In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version."#;

/// kubectl's examples.
pub const EXAMPLES: &str = r#"  # Edit the service named 'registry'
  kk edit svc/registry

  # Use an alternative editor
  KUBE_EDITOR="nano" kk edit svc/registry

  # Edit the job 'myjob' in JSON using the v1 API format
  kk edit job.v1.batch/myjob -o json

  # Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation
  kk edit deployment/mydeployment -o yaml --save-config

  # Edit the 'status' subresource for the 'mydeployment' deployment
  kk edit deployment mydeployment --subresource='status'"#;

/// Run `kk edit`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let cause = args.record.recorder(ctx)?;
    let validation = args.write.validate.directive()?;
    let subresource = args.subresource.clone().filter(|s| !s.is_empty());
    let infos = latest(ctx, &args.args, &args.files, subresource.clone()).await?;
    if infos.is_empty() {
        return Err(Error::msg("edit cancelled, no objects found"));
    }
    Session {
        ctx,
        mode: Mode::Objects,
        print: &args.print,
        output_patch: args.output_patch == Some(true),
        save_config: args.write.save_config.enabled(),
        cause,
        validation,
        field_manager: args.write.manager().to_string(),
        subresource,
        crlf: args.windows_line_endings == Some(true),
    }
    .run(infos)
    .await
}

/// The objects to edit, read from the server (`TYPE` alone lists them all); any failure
/// to find one ends the command before the editor opens.
pub async fn latest(
    ctx: &Ctx,
    args: &[String],
    files: &FilenameFlags,
    subresource: Option<String>,
) -> Result<Vec<crate::resource::visit::Info>> {
    if let Some(k) = &files.kustomize {
        return Err(Error::msg(format!(
            "kustomize directories are not supported by kk: {k}"
        )));
    }
    let sel = Selection {
        args: args.to_vec(),
        filenames: files.filenames(),
        recursive: files.recursive(),
        allow_empty_selector: true,
        ..Selection::default()
    };
    let opts = Options {
        fetch: Fetch::Latest,
        subresource,
        ..Options::default()
    };
    let mut objects = Visitor::new(ctx, &sel, opts).await?;
    let mut infos = Vec::new();
    while let Some(info) = objects.next().await {
        infos.push(info);
    }
    objects.finish()?;
    Ok(infos)
}
