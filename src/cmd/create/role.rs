//! `kk create role|clusterrole NAME --verb=verb --resource=resource.group/subresource
//! [--resource-name] [--non-resource-url] [--aggregation-rule]`.

use std::collections::{BTreeMap, HashMap};

use super::submit::{self, GeneratorFlags};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::split_list;
use crate::generate::role::{self, Params, Resolve};
use crate::resource::Resolver;

/// Create a role with single rule.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Create a role named \"pod-reader\" that allows user to perform \"get\", \"watch\" and \"list\" on pods
  kk create role pod-reader --verb=get --verb=list --verb=watch --resource=pods

  # Create a role named \"pod-reader\" with ResourceName specified
  kk create role pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod

  # Create a role named \"foo\" with API Group specified
  kk create role foo --verb=get,list,watch --resource=rs.apps

  # Create a role named \"foo\" with SubResource specified
  kk create role foo --verb=get,list,watch --resource=pods,pods/status"
)]
pub struct RoleArgs {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    #[command(flatten)]
    pub rule: RuleFlags,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// Create a cluster role.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Create a cluster role named \"pod-reader\" that allows user to perform \"get\", \"watch\" and \"list\" on pods
  kk create clusterrole pod-reader --verb=get,list,watch --resource=pods

  # Create a cluster role named \"pod-reader\" with ResourceName specified
  kk create clusterrole pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod

  # Create a cluster role named \"foo\" with API Group specified
  kk create clusterrole foo --verb=get,list,watch --resource=rs.apps

  # Create a cluster role named \"foo\" with SubResource specified
  kk create clusterrole foo --verb=get,list,watch --resource=pods,pods/status

  # Create a cluster role name \"foo\" with NonResourceURL specified
  kk create clusterrole \"foo\" --verb=get --non-resource-url=/logs/*

  # Create a cluster role name \"monitoring\" with AggregationRule specified
  kk create clusterrole monitoring --aggregation-rule=\"rbac.example.com/aggregate-to-monitoring=true\""
)]
pub struct ClusterRoleArgs {
    /// NAME
    #[arg(value_name = "NAME")]
    pub args: Vec<String>,
    #[command(flatten)]
    pub rule: RuleFlags,
    /// A partial url that user should have access to.
    #[arg(long, value_name = "URL")]
    pub non_resource_url: Vec<String>,
    /// An aggregation label selector for combining ClusterRoles.
    #[arg(long, value_name = "KEY=VALUE,...", value_parser = key_values)]
    pub aggregation_rule: Vec<Vec<(String, String)>>,
    #[command(flatten)]
    pub flags: GeneratorFlags,
}

/// The rule flags of both commands.
#[derive(Debug, clap::Args)]
pub struct RuleFlags {
    /// Verb that applies to the resources contained in the rule
    #[arg(long, value_name = "VERB")]
    pub verb: Vec<String>,
    /// Resource that the rule applies to
    #[arg(long, value_name = "RESOURCE")]
    pub resource: Vec<String>,
    /// Resource in the white list that the rule applies to, repeat this flag for multiple items
    #[arg(long, value_name = "NAME")]
    pub resource_name: Vec<String>,
}

impl RuleFlags {
    /// The builder's parameters for role `name` (cluster roles add non-resource URLs).
    fn params(&self, name: &str, non_resource_urls: &[String]) -> Params {
        role::complete(
            name,
            &split_list(&self.verb),
            &split_list(&self.resource),
            &self.resource_name,
            non_resource_urls,
        )
    }
}

/// component-base's `MapStringString` flag: `k=v,k2=v2`.
fn key_values(s: &str) -> std::result::Result<Vec<(String, String)>, String> {
    s.split(',')
        .filter(|kv| !kv.trim().is_empty())
        .map(|kv| match kv.split_once('=') {
            Some((k, v)) => Ok((k.trim().to_string(), v.trim().to_string())),
            None => Err("malformed pair, expect string=string".to_string()),
        })
        .collect()
}

/// What each `--resource` resolves to, looked up before the pure builder runs.
async fn resolutions(
    ctx: &Ctx,
    p: &Params,
) -> Result<HashMap<(String, String), std::result::Result<(String, String), String>>> {
    let mut out = HashMap::new();
    if p.resources
        .iter()
        .all(|r| r.resource.is_empty() || r.resource == "*")
    {
        return Ok(out);
    }
    let mut resolver = Resolver::new(ctx).await?;
    for r in &p.resources {
        let key = (r.resource.clone(), r.group.clone());
        if out.contains_key(&key) || r.resource.is_empty() || r.resource == "*" {
            continue;
        }
        let mut found = resolver
            .discovery()
            .resource_for(&r.resource, &r.group)
            .cloned();
        if found.is_none() && !resolver.is_fresh() {
            resolver.refresh().await?;
            found = resolver
                .discovery()
                .resource_for(&r.resource, &r.group)
                .cloned();
        }
        let answer = match found {
            Some(res) => Ok((res.group, res.resource)),
            None if r.group.is_empty() => Err(format!(
                "the server doesn't have a resource type {:?}",
                r.resource
            )),
            None => Err(format!(
                "the server doesn't have a resource type {:?} in group {:?}",
                r.resource, r.group
            )),
        };
        out.insert(key, answer);
    }
    Ok(out)
}

/// A message from the pure validation: kubectl prints some with `error: `, some without.
fn error(m: String) -> Error {
    if m.starts_with("error: ") {
        Error::msg(m)
    } else {
        Error::Plain(m)
    }
}

/// `generate::role`'s checks of a role or a cluster role.
type Validate =
    fn(&Params, &Resolve<'_>, &mut dyn FnMut(String)) -> std::result::Result<(), String>;

/// Resolves the rule's resources, runs `validate` (printing its warnings) and builds the
/// object with `build`.
async fn built(
    ctx: &Ctx,
    p: &Params,
    validate: Validate,
    build: fn(&Params, &Resolve<'_>) -> serde_json::Value,
) -> Result<serde_json::Value> {
    let found = resolutions(ctx, p).await?;
    let resolve = |r: &str, g: &str| {
        found
            .get(&(r.to_string(), g.to_string()))
            .cloned()
            .unwrap_or_else(|| Err(String::new()))
    };
    let mut warnings = Vec::new();
    let valid = validate(p, &resolve, &mut |w| warnings.push(w));
    for w in warnings {
        ctx.ui().eprint(&format!("{w}\n"))?;
    }
    valid.map_err(error)?;
    Ok(build(p, &resolve))
}

/// Run `kk create role`.
pub async fn run_role(ctx: &Ctx, args: &RoleArgs) -> Result<()> {
    let name = submit::name("role", &args.args)?;
    let mut p = args.rule.params(&name, &[]);
    let mut submit = args.flags.complete(ctx).await?;
    p.namespace = submit.enforced_namespace();
    let role = built(ctx, &p, role::validate_role, role::build_role).await?;
    submit.create(ctx, role, "").await
}

/// Run `kk create clusterrole`.
pub async fn run_cluster_role(ctx: &Ctx, args: &ClusterRoleArgs) -> Result<()> {
    let name = submit::name("clusterrole", &args.args)?;
    let mut p = args.rule.params(&name, &split_list(&args.non_resource_url));
    p.aggregation_rule = args
        .aggregation_rule
        .iter()
        .flatten()
        .cloned()
        .collect::<BTreeMap<_, _>>();
    let mut submit = args.flags.complete(ctx).await?;
    let role = built(
        ctx,
        &p,
        role::validate_cluster_role,
        role::build_cluster_role,
    )
    .await?;
    submit.create(ctx, role, "").await
}

/// The long description (`--help`, man page), kubectl's words.
pub const CLUSTERROLE_ABOUT: &str = r#"Create a cluster role."#;

/// The long description (`--help`, man page), kubectl's words.
pub const ROLE_ABOUT: &str = r#"Create a role with single rule."#;
