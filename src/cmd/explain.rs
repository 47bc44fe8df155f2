//! `kk explain TYPE[.field...]`: the documentation of a resource or one of its fields, from
//! the server's OpenAPI v3 document of the resource's group version (or `/openapi/v2` with
//! `--output=plaintext-openapiv2`, and when the server has no v3), in kubectl's layouts.
//! The argument is split and the layouts rendered in `crate::explain`.

use serde_json::Value;

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::explain::{self, Gvr, SplitError, v2, v3};
use crate::flags::Pflag;
use crate::resource::Resolver;
use crate::resource::request;

/// Get documentation for a resource.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// TYPE[.field...]
    #[arg(value_name = "TYPE")]
    pub args: Vec<String>,
    /// Get different explanations for particular API version (API group/version)
    #[arg(long = "api-version", default_value = "")]
    pub api_version: String,
    /// Format in which to render the schema (plaintext, plaintext-openapiv2)
    #[arg(long, default_value = PLAINTEXT)]
    pub output: String,
    /// Print the fields of fields (Currently only 1 level deep)
    #[arg(long, pflag_bool())]
    pub recursive: Option<bool>,
}

const PLAINTEXT: &str = "plaintext";
const PLAINTEXT_V2: &str = "plaintext-openapiv2";

/// Run `explain`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let arg = match args.args.as_slice() {
        [] => {
            return Err(Error::msg(
                "You must specify the type of resource to explain. Use \"kk api-resources\" for a complete list of supported resources.",
            ));
        }
        [one] => one,
        _ => return Err(Error::msg("We accept only this format: explain RESOURCE")),
    };
    let recursive = args.recursive.unwrap_or(false);
    let (gvr, fields) = resolve(ctx, arg, &args.api_version).await?;
    let client = ctx.client().await?;
    if args.output == PLAINTEXT_V2 {
        return explain_v2(ctx, &client, &gvr, &fields, &args.api_version, recursive).await;
    }
    let root = request::json(&client, http::Method::GET, "/openapi/v3", None).await;
    let Ok(root) = root else {
        if args.output == PLAINTEXT {
            return explain_v2(ctx, &client, &gvr, &fields, &args.api_version, recursive).await;
        }
        let e = root.err().map(|e| ctx.kube_error(e).to_string());
        return Err(Error::msg(format!(
            "failed to fetch list of groupVersions: {}",
            e.unwrap_or_default()
        )));
    };
    let mut gvr = gvr;
    if !args.api_version.is_empty() {
        let (group, version) = parse_group_version(&args.api_version)?;
        gvr.group = group;
        gvr.version = version;
    }
    let path = gvr.openapi_path();
    let Some(url) = root
        .pointer(&format!(
            "/paths/{}",
            path.replace('~', "~0").replace('/', "~1")
        ))
        .and_then(|p| p.get("serverRelativeURL"))
        .and_then(Value::as_str)
    else {
        return Err(Error::msg(format!(
            "couldn't find resource for \"{}\"",
            gvr.go_string()
        )));
    };
    let doc = request::json(&client, http::Method::GET, url, None)
        .await
        .map_err(|e| {
            Error::msg(format!(
                "failed to fetch openapi schema for {path}: {}",
                ctx.kube_error(e)
            ))
        })?;
    if args.output != PLAINTEXT {
        return Err(Error::msg(format!("unrecognized format: {}", args.output)));
    }
    let rendered = v3::render(&doc, &gvr, &fields, recursive);
    ctx.ui().print(&rendered.out)?;
    match rendered.error {
        Some(e) => Err(Error::msg(e)),
        None => Ok(()),
    }
}

/// The resource and field path of the argument, re-discovering once for an unknown name.
async fn resolve(ctx: &Ctx, arg: &str, api_version: &str) -> Result<(Gvr, Vec<String>)> {
    let mut resolver = Resolver::new(ctx).await?;
    let split = |d: &_| {
        if api_version.is_empty() {
            explain::split_with_prefix(arg, d)
        } else {
            explain::split(arg, d)
        }
    };
    let mut found = split(resolver.discovery());
    if matches!(found, Err(SplitError::NoMatch(_))) && !resolver.is_fresh() {
        resolver.refresh().await?;
        found = split(resolver.discovery());
    }
    found.map_err(|e| match e {
        SplitError::Syntax(m) => Error::msg(m),
        SplitError::NoMatch(r) => {
            Error::Plain(format!("the server doesn't have a resource type {r:?}"))
        }
    })
}

/// `--output=plaintext-openapiv2`: the kind's definition in `/openapi/v2`.
async fn explain_v2(
    ctx: &Ctx,
    client: &kube::Client,
    gvr: &Gvr,
    fields: &[String],
    api_version: &str,
    recursive: bool,
) -> Result<()> {
    let mut resolver = Resolver::new(ctx).await?;
    let kind = match kind_of(resolver.discovery(), gvr) {
        Some(k) => k,
        None => {
            resolver.refresh().await?;
            kind_of(resolver.discovery(), gvr)
                .ok_or_else(|| Error::msg(format!("no matches for {}", gvr.go_string())))?
        }
    };
    let (group, version) = if api_version.is_empty() {
        (gvr.group.clone(), gvr.version.clone())
    } else {
        parse_group_version(api_version)?
    };
    let doc = request::json(client, http::Method::GET, "/openapi/v2", None)
        .await
        .map_err(|e| ctx.kube_error(e))?;
    let defs = v2::Definitions::new(&doc);
    let Some(root) = defs.resource(&group, &version, &kind) else {
        return Err(Error::msg(format!(
            "couldn't find resource for \"{group}/{version}, Kind={kind}\""
        )));
    };
    let gv = match (group.is_empty(), version.is_empty()) {
        (true, true) => String::new(),
        (true, false) => version.clone(),
        _ => format!("{group}/{version}"),
    };
    let text = v2::render(&defs, root, &kind, &gv, fields, recursive).map_err(Error::msg)?;
    ctx.ui().print(&text)?;
    Ok(())
}

fn kind_of(disco: &crate::resource::discovery::Discovery, gvr: &Gvr) -> Option<String> {
    disco
        .resources
        .iter()
        .find(|r| r.group == gvr.group && r.version == gvr.version && r.resource == gvr.resource)
        .map(|r| r.kind.clone())
}

/// apimachinery's `ParseGroupVersion`: `v1`, `apps/v1`; more slashes are an error.
fn parse_group_version(s: &str) -> Result<(String, String)> {
    match s.split('/').collect::<Vec<_>>().as_slice() {
        [v] => Ok((String::new(), v.to_string())),
        [g, v] => Ok((g.to_string(), v.to_string())),
        _ => Err(Error::msg(format!("unexpected GroupVersion string: {s}"))),
    }
}

/// The long description of `Explain` (help and man page).
pub const ABOUT: &str = r#"Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]
        
 Information about each field is retrieved from the server in OpenAPI format.

Use "kk api-resources" for a complete list of supported resources."#;

/// Examples for `Explain`.
pub const EXAMPLES: &str = r#"  # Get the documentation of the resource and its fields
  kk explain pods
  
  # Get all the fields in the resource
  kk explain pods --recursive
  
  # Get the explanation for deployment in supported api versions
  kk explain deployments --api-version=apps/v1
  
  # Get the documentation of a specific field of a resource
  kk explain pods.spec.containers
  
  # Get the documentation of resources in different format
  kk explain deployment --output=plaintext-openapiv2"#;
