//! `kk create secret generic|tls|docker-registry NAME ...`.

use super::submit::{self, GeneratorFlags};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{Pflag, split_list};
use crate::generate::sources::Local;
use crate::generate::{secret, secret_docker, secret_tls};

/// Create a secret with specified type.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Create a secret for use with a Docker registry
    #[command(long_about = DOCKER_REGISTRY_ABOUT)]
    DockerRegistry(DockerArgs),
    /// Create a secret from a local file, directory, or literal value
    #[command(long_about = GENERIC_ABOUT)]
    Generic(GenericArgs),
    /// Create a TLS secret
    #[command(long_about = TLS_ABOUT)]
    Tls(TlsArgs),
}

/// Create a secret based on a file, directory, or specified literal value.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Create a new secret named my-secret with keys for each file in folder bar
  kk create secret generic my-secret --from-file=path/to/bar

  # Create a new secret named my-secret with specified keys instead of names on disk
  kk create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-file=ssh-publickey=path/to/id_rsa.pub

  # Create a new secret named my-secret with key1=supersecret and key2=topsecret
  kk create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret

  # Create a new secret named my-secret using a combination of a file and a literal
  kk create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-literal=passphrase=topsecret

  # Create a new secret named my-secret from env files
  kk create secret generic my-secret --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env"
)]
pub struct GenericArgs {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    /// Key files can be specified using their file path, in which case a default name will be
    /// given to them, or optionally with a name and file path, in which case the given name
    /// will be used. Specifying a directory will iterate each named file in the directory
    /// that is a valid secret key.
    #[arg(long, value_name = "[KEY=]SOURCE")]
    pub from_file: Vec<String>,
    /// Specify a key and literal value to insert in secret (i.e. mykey=somevalue)
    #[arg(long, value_name = "KEY=VALUE")]
    pub from_literal: Vec<String>,
    /// Specify the path to a file to read lines of key=val pairs to create a secret.
    #[arg(long, value_name = "FILE")]
    pub from_env_file: Vec<String>,
    /// The type of secret to create
    #[arg(long = "type", default_value = "", value_name = "TYPE")]
    pub type_: String,
    /// Append a hash of the secret to its name.
    #[arg(long, pflag_bool())]
    pub append_hash: Option<bool>,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Create a TLS secret from the given public/private key pair.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Create a new TLS secret named tls-secret with the given key pair
  kk create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key"
)]
pub struct TlsArgs {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    /// Path to PEM encoded public key certificate.
    #[arg(long, default_value = "", value_name = "FILE")]
    pub cert: String,
    /// Path to private key associated with given certificate.
    #[arg(long, default_value = "", value_name = "FILE")]
    pub key: String,
    /// Append a hash of the secret to its name.
    #[arg(long, pflag_bool())]
    pub append_hash: Option<bool>,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Create a new secret for use with Docker registries.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # If you do not already have a .dockercfg file, create a dockercfg secret directly
  kk create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER --docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL

  # Create a new secret named my-secret from ~/.docker/config.json
  kk create secret docker-registry my-secret --from-file=path/to/.docker/config.json"
)]
pub struct DockerArgs {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    /// Username for Docker registry authentication
    #[arg(long, default_value = "", value_name = "USER")]
    pub docker_username: String,
    /// Password for Docker registry authentication
    #[arg(long, default_value = "", value_name = "PASSWORD")]
    pub docker_password: String,
    /// Email for Docker registry
    #[arg(long, default_value = "", value_name = "EMAIL")]
    pub docker_email: String,
    /// Server location for Docker registry
    #[arg(long, default_value = secret_docker::DEFAULT_SERVER, value_name = "SERVER")]
    pub docker_server: String,
    /// Key files can be specified using their file path, in which case a default name of
    /// .dockerconfigjson will be given to them, or optionally with a name and file path, in
    /// which case the given name will be used. Specifying a directory will iterate each named
    /// file in the directory that is a valid secret key. For this command, the key should
    /// always be .dockerconfigjson.
    #[arg(long, value_name = "[KEY=]SOURCE")]
    pub from_file: Vec<String>,
    /// Append a hash of the secret to its name.
    #[arg(long, pflag_bool())]
    pub append_hash: Option<bool>,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Run `kk create secret <type>`.
pub async fn run(ctx: &Ctx, command: &Command) -> Result<()> {
    let sources = Local(ctx.env());
    let (obj, mut submit) = match command {
        Command::Generic(a) => {
            let name = submit::name("secret generic", &a.args)?;
            let submit = a.flags.complete(ctx).await?;
            let p = secret::Params {
                name,
                type_: a.type_.clone(),
                from_file: split_list(&a.from_file),
                from_literal: a.from_literal.clone(),
                from_env_file: split_list(&a.from_env_file),
                append_hash: a.append_hash == Some(true),
                namespace: submit.enforced_namespace(),
            };
            (secret::build(&p, &sources), submit)
        }
        Command::Tls(a) => {
            let name = submit::name("secret tls", &a.args)?;
            let submit = a.flags.complete(ctx).await?;
            let p = secret_tls::Params {
                name,
                cert: a.cert.clone(),
                key: a.key.clone(),
                append_hash: a.append_hash == Some(true),
                namespace: submit.enforced_namespace(),
            };
            (secret_tls::build(&p, &sources), submit)
        }
        Command::DockerRegistry(a) => {
            let name = submit::name("secret docker-registry", &a.args)?;
            let submit = a.flags.complete(ctx).await?;
            let p = secret_docker::Params {
                name,
                username: a.docker_username.clone(),
                password: a.docker_password.clone(),
                email: a.docker_email.clone(),
                server: a.docker_server.clone(),
                from_file: split_list(&a.from_file),
                append_hash: a.append_hash == Some(true),
                namespace: submit.enforced_namespace(),
            };
            (secret_docker::build(&p, &sources), submit)
        }
    };
    let obj = obj.map_err(Error::msg)?;
    submit.create(ctx, obj, "failed to create secret ").await
}

/// The long description of `create secret` (help and man page).
pub const ABOUT: &str = r#"Create a secret with specified type.

A docker-registry type secret is for accessing a container registry.

A generic type secret indicate an Opaque secret type.

A tls type secret holds TLS certificate and its associated key."#;

/// The long description of `create secret generic` (help and man page).
pub const GENERIC_ABOUT: &str = r#"Create a secret based on a file, directory, or specified literal value.

A single secret may package one or more key/value pairs.

When creating a secret based on a file, the key will default to the basename of the file, and the value will default to the file content. If the basename is an invalid key or you wish to chose your own, you may specify an alternate key.

When creating a secret based on a directory, each file whose basename is a valid key in the directory will be packaged into the secret. Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc)."#;

/// The long description of `create secret tls` (help and man page).
pub const TLS_ABOUT: &str = r#"Create a TLS secret from the given public/private key pair.

The public/private key pair must exist beforehand. The public key certificate must be .PEM encoded and match the given private key."#;

/// The long description of `create secret docker-registry` (help and man page).
pub const DOCKER_REGISTRY_ABOUT: &str = r#"Create a new secret for use with Docker registries.

Dockercfg secrets are used to authenticate against Docker registries.

When using the Docker command line to push images, you can authenticate to a given registry by running: '$ docker login DOCKER_REGISTRY_SERVER --username=DOCKER_USER --password=DOCKER_PASSWORD --email=DOCKER_EMAIL'.

That produces a ~/.dockercfg file that is used by subsequent 'docker push' and 'docker pull' commands to authenticate to the registry. The email address is optional.

When creating applications, you may have a Docker registry that requires authentication. In order for the nodes to pull images on your behalf, they must have the credentials. You can provide this information by creating a dockercfg secret and attaching it to your service account."#;
