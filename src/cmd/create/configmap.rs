//! `kk create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1]
//! [--from-env-file] [--append-hash]`.

use super::submit::{self, GeneratorFlags};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{Pflag, split_list};
use crate::generate::configmap;
use crate::generate::sources::Local;

/// Create a config map based on a file, directory, or specified literal value.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Create a new config map named my-config based on folder bar
  kk create configmap my-config --from-file=path/to/bar

  # Create a new config map named my-config with specified keys instead of file basenames on disk
  kk create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt

  # Create a new config map named my-config with key1=config1 and key2=config2
  kk create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2

  # Create a new config map named my-config from the key=value pairs in the file
  kk create configmap my-config --from-file=path/to/bar

  # Create a new config map named my-config from an env file
  kk create configmap my-config --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env"
)]
pub struct Args {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    /// Key file can be specified using its file path, in which case file basename will be used
    /// as configmap key, or optionally with a key and file path, in which case the given key
    /// will be used. Specifying a directory will iterate each named file in the directory
    /// whose basename is a valid configmap key.
    #[arg(long, value_name = "[KEY=]SOURCE")]
    pub from_file: Vec<String>,
    /// Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)
    #[arg(long, value_name = "KEY=VALUE")]
    pub from_literal: Vec<String>,
    /// Specify the path to a file to read lines of key=val pairs to create a configmap.
    #[arg(long, value_name = "FILE")]
    pub from_env_file: Vec<String>,
    /// Append a hash of the configmap to its name.
    #[arg(long, pflag_bool())]
    pub append_hash: Option<bool>,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Run `kk create configmap`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let name = submit::name("configmap", &args.args)?;
    let mut submit = args.flags.complete(ctx).await?;
    let p = configmap::Params {
        name,
        from_file: split_list(&args.from_file),
        from_literal: args.from_literal.clone(),
        from_env_file: split_list(&args.from_env_file),
        append_hash: args.append_hash == Some(true),
        namespace: submit.enforced_namespace(),
    };
    let obj = configmap::build(&p, &Local(ctx.env())).map_err(Error::msg)?;
    submit
        .create(ctx, obj, "failed to create configmap: ")
        .await
}

/// The long description of `create configmap` (help and man page).
pub const ABOUT: &str = r#"Create a config map based on a file, directory, or specified literal value.

A single config map may package one or more key/value pairs.

When creating a config map based on a file, the key will default to the basename of the file, and the value will default to the file content. If the basename is an invalid key, you may specify an alternate key.

When creating a config map based on a directory, each file whose basename is a valid key in the directory will be packaged into the config map. Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc)."#;
