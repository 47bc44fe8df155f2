//! `kk config view`: the merged kubeconfig, redacted unless `--raw`.

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::Pflag;
use crate::kubeconfig::view::{ViewOptions, render};

/// Display merged kubeconfig settings or a specified kubeconfig file.
///
/// You can use --output jsonpath={...} to extract specific values using a jsonpath expression.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Show merged kubeconfig settings\n  kk config view\n\n  # Get the password for the e2e user\n  kk config view -o jsonpath='{.users[?(@.name == \"e2e\")].user.password}'"
)]
pub struct Args {
    /// Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)
    #[arg(long, pflag_bool())]
    pub flatten: Option<bool>,
    /// Merge the full hierarchy of kubeconfig files
    #[arg(long, pflag_bool())]
    pub merge: Option<bool>,
    /// Remove all information not used by current-context from the output
    #[arg(long, pflag_bool())]
    pub minify: Option<bool>,
    /// Output format. One of: (json, yaml, jsonpath, jsonpath-as-json, jsonpath-file).
    #[arg(short = 'o', long, value_name = "FORMAT")]
    pub output: Option<String>,
    /// Display raw byte data and sensitive data
    #[arg(long, pflag_bool())]
    pub raw: Option<bool>,
    /// Extra arguments are rejected, as in kubectl
    #[arg(hide = true)]
    pub extra: Vec<String>,
}

/// Render and print.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    if !args.extra.is_empty() {
        return Err(Error::usage(
            "config view",
            format!("unexpected arguments: [{}]", args.extra.join(" ")),
        ));
    }
    if args.merge == Some(false) && ctx.global().kubeconfig.is_none() {
        return Err(Error::msg(
            "if merge==false a precise file must be specified",
        ));
    }
    let loaded = ctx.kubeconfig().await?;
    let opts = ViewOptions {
        minify: args.minify.unwrap_or(false),
        raw: args.raw.unwrap_or(false),
        flatten: args.flatten.unwrap_or(false),
        context: ctx.global().context.clone(),
    };
    let doc = render(loaded, &opts)?;
    let text = format_output(&doc, args.output.as_deref().unwrap_or("yaml"))?;
    ctx.ui().print(&text)?;
    Ok(())
}

/// Render the document in one of `config view`'s output formats.
fn format_output(doc: &crate::kubeconfig::node::Node, output: &str) -> Result<String> {
    use crate::printers::jsonpath::{self, JsonPath};
    let jsonpath = |template: &str, as_json: bool| -> Result<String> {
        let jp = JsonPath::parse(template).map_err(|m| jsonpath::parse_error(template, &m))?;
        Ok(jsonpath::print(&jp, &doc.to_json(), as_json)?)
    };
    Ok(match output {
        "yaml" | "" => doc.to_yaml()?,
        "json" => doc.to_json_pretty(),
        // A Config has no metadata.name; kubectl's name printer says so literally.
        "name" => "config/<unknown>\n".to_string(),
        o if o.starts_with("jsonpath=") => jsonpath(&o["jsonpath=".len()..], false)?,
        o if o.starts_with("jsonpath-as-json=") => jsonpath(&o["jsonpath-as-json=".len()..], true)?,
        o if o.starts_with("jsonpath-file=") => {
            let path = &o["jsonpath-file=".len()..];
            let template = std::fs::read_to_string(path).map_err(|e| {
                Error::msg(format!(
                    "error reading --template {path}, {}",
                    crate::kubeconfig::view::go_io(&e)
                ))
            })?;
            jsonpath(&template, false)?
        }
        other => {
            return Err(Error::msg(format!(
                "unable to match a printer suitable for the output format {other:?}, allowed \
                 formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,\
                 jsonpath-file,name,template,templatefile,yaml"
            )));
        }
    })
}
