//! `kk create -f`: POST every object read from the manifests (files, directories, `-R`, stdin)
//! with `fieldManager=kubectl-create` and kubectl's `fieldValidation`, printing
//! `kind/name created` (or the object with `-o`), collecting per-object errors with kubectl's
//! `error when creating "<file>": ` prefix.
//!
//! `kk create <generator>`: one file per generator here, each building its object with the
//! pure builder of `generate/` and sending it through [`submit`].

pub mod configmap;
pub mod cronjob;
pub mod deployment;
pub mod ingress;
pub mod job;
pub mod namespace;
pub mod pdb;
pub mod priorityclass;
pub mod quota;
pub mod role;
pub mod rolebinding;
pub mod secret;
pub mod service;
pub mod serviceaccount;
pub mod submit;
pub mod token;

use serde_json::Value;

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::record;
use crate::flags::{DryRunFlags, FilenameFlags, ObjectPrintFlags};
use crate::patch::last_applied;
use crate::printers::OperationPrinter;
use crate::resource::request;
use crate::resource::visit::{self, Visitor};

/// Create a resource from a file or from stdin.
// A flag before a generator's name would bind to `create -f`'s own flags and be ignored by
// the generator (a `--dry-run` lost): clap refuses that combination instead.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub generator: Option<Generator>,
    #[command(flatten)]
    pub files: FilenameFlags,
    #[command(flatten)]
    pub dry_run: DryRunFlags,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
    #[command(flatten)]
    pub write: crate::flags::write::WriteFlags<crate::flags::write::Create>,
    #[command(flatten)]
    pub record: crate::flags::RecordFlags,
}

/// The generators (`kk create deployment ...`).
#[derive(Debug, clap::Subcommand)]
pub enum Generator {
    /// Create a cluster role
    #[command(long_about = role::CLUSTERROLE_ABOUT)]
    Clusterrole(role::ClusterRoleArgs),
    /// Create a cluster role binding for a particular cluster role
    #[command(long_about = rolebinding::CLUSTERROLEBINDING_ABOUT)]
    Clusterrolebinding(rolebinding::ClusterRoleBindingArgs),
    /// Create a config map from a local file, directory or literal value
    #[command(visible_alias = "cm")]
    #[command(long_about = configmap::ABOUT)]
    Configmap(configmap::Args),
    /// Create a cron job with the specified name
    #[command(visible_alias = "cj")]
    #[command(long_about = cronjob::ABOUT)]
    Cronjob(cronjob::Args),
    /// Create a deployment with the specified name
    #[command(visible_alias = "deploy")]
    #[command(long_about = deployment::ABOUT)]
    Deployment(deployment::Args),
    /// Create an ingress with the specified name
    #[command(visible_alias = "ing")]
    #[command(long_about = ingress::ABOUT)]
    Ingress(ingress::Args),
    /// Create a job with the specified name
    #[command(long_about = job::ABOUT)]
    Job(job::Args),
    /// Create a namespace with the specified name
    #[command(visible_alias = "ns")]
    #[command(long_about = namespace::ABOUT)]
    Namespace(namespace::Args),
    /// Create a pod disruption budget with the specified name
    #[command(visible_alias = "pdb")]
    #[command(long_about = pdb::ABOUT)]
    Poddisruptionbudget(pdb::Args),
    /// Create a priority class with the specified name
    #[command(visible_alias = "pc")]
    #[command(long_about = priorityclass::ABOUT)]
    Priorityclass(priorityclass::Args),
    /// Create a quota with the specified name
    #[command(visible_alias = "resourcequota")]
    #[command(long_about = quota::ABOUT)]
    Quota(quota::Args),
    /// Create a role with single rule
    #[command(long_about = role::ROLE_ABOUT)]
    Role(role::RoleArgs),
    /// Create a role binding for a particular role or cluster role
    #[command(long_about = rolebinding::ROLEBINDING_ABOUT)]
    Rolebinding(rolebinding::RoleBindingArgs),
    /// Create a secret using a specified subcommand
    #[command(subcommand)]
    #[command(long_about = secret::ABOUT)]
    Secret(secret::Command),
    /// Create a service using a specified subcommand
    #[command(subcommand, visible_alias = "svc")]
    #[command(long_about = service::ABOUT)]
    Service(service::Command),
    /// Create a service account with the specified name
    #[command(visible_alias = "sa")]
    #[command(long_about = serviceaccount::ABOUT)]
    Serviceaccount(serviceaccount::Args),
    /// Request a service account token
    #[command(long_about = token::ABOUT)]
    Token(token::Args),
}

/// Run `kk create`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let Some(generator) = &args.generator else {
        return from_files(ctx, args).await;
    };
    match generator {
        Generator::Clusterrole(a) => role::run_cluster_role(ctx, a).await,
        Generator::Clusterrolebinding(a) => rolebinding::run_cluster_role_binding(ctx, a).await,
        Generator::Configmap(a) => configmap::run(ctx, a).await,
        Generator::Cronjob(a) => cronjob::run(ctx, a).await,
        Generator::Deployment(a) => deployment::run(ctx, a).await,
        Generator::Ingress(a) => ingress::run(ctx, a).await,
        Generator::Job(a) => job::run(ctx, a).await,
        Generator::Namespace(a) => namespace::run(ctx, a).await,
        Generator::Poddisruptionbudget(a) => pdb::run(ctx, a).await,
        Generator::Priorityclass(a) => priorityclass::run(ctx, a).await,
        Generator::Quota(a) => quota::run(ctx, a).await,
        Generator::Role(a) => role::run_role(ctx, a).await,
        Generator::Rolebinding(a) => rolebinding::run_role_binding(ctx, a).await,
        Generator::Secret(c) => secret::run(ctx, c).await,
        Generator::Service(c) => service::run(ctx, c).await,
        Generator::Serviceaccount(a) => serviceaccount::run(ctx, a).await,
        Generator::Token(a) => token::run(ctx, a).await,
    }
}

/// `kk create -f`.
async fn from_files(ctx: &Ctx, args: &Args) -> Result<()> {
    let cause = args.record.recorder(ctx)?;
    if args.files.filenames().is_empty() && args.files.kustomize.is_none() {
        return Err(Error::msg("must specify one of -f and -k"));
    }
    let validation = args.write.validate.directive()?;
    let dry = args.dry_run.strategy()?;
    let mut printer = OperationPrinter::new(&args.print, dry)?;
    if let Some(k) = &args.files.kustomize {
        return Err(Error::msg(format!(
            "kustomize directories are not supported by kk: {k}"
        )));
    }
    let mut objects = Visitor::manifests(
        ctx,
        args.files.filenames(),
        args.files.recursive(),
        validation != "Ignore",
        None,
    )
    .await?;
    let client = ctx.client().await?;
    let mut count = 0usize;
    while let Some(info) = objects.next().await {
        let Some(mut obj) = info.object.clone() else {
            continue;
        };
        count += 1;
        // The builder's DefaultNamespace(): namespaced objects carry the namespace they go to.
        if let (Some(ns), Some(meta)) = (
            &info.namespace,
            obj.get_mut("metadata").and_then(Value::as_object_mut),
        ) {
            meta.insert("namespace".into(), Value::String(ns.clone()));
        }
        // The annotations, as kubectl sets them: last-applied first, then the cause.
        let mut obj = last_applied::create_or_update(obj, args.write.save_config.enabled());
        if let Some(cause) = &cause {
            record::record(&mut obj, cause);
        }
        let created = if dry.is_client() {
            obj
        } else {
            let mut q = vec![
                ("fieldManager", args.write.manager().to_string()),
                ("fieldValidation", validation.to_string()),
            ];
            q.extend(dry.query());
            let path = info.resource.path(info.namespace.as_deref(), None);
            let uri = request::with_query(&path, &q);
            let body = Some(("application/json", &obj));
            match request::json(&client, http::Method::POST, &uri, body).await {
                Ok(v) => v,
                Err(e) => {
                    let source = info.source.as_deref();
                    objects.fail(visit::error_when(ctx, "creating", source, e));
                    continue;
                }
            }
        };
        printer.print(ctx.ui(), &created, "created")?;
    }
    printer.finish(ctx.ui())?;
    match objects.into_error() {
        Some(e) => Err(e),
        None if count == 0 => Err(Error::msg("no objects passed to create")),
        None => Ok(()),
    }
}

/// The long description of `Create` (help and man page).
pub const ABOUT: &str = r#"Create a resource from a file or from stdin.

JSON and YAML formats are accepted. The subcommands create common objects from flags instead of a file."#;

/// Examples for `Create`.
pub const EXAMPLES: &str = r#"  # Create a pod using the data in pod.json
  kk create -f ./pod.json

  # Create a pod based on the JSON passed into stdin
  cat pod.json | kk create -f -

  # Create every object in the manifests of a directory
  kk create -f ./manifests/"#;
