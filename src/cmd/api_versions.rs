//! `kk api-versions`: every group/version the server serves, sorted, one per line.

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::resource::Resolver;

/// Print the supported API versions on the server, in the form of "group/version".
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Run `api-versions` (always asks the server, like kubectl).
pub async fn run(ctx: &Ctx, _args: &Args) -> Result<()> {
    // kubectl never looks up a namespace here: a broken configuration reads as its client's.
    ctx.client_settings_unnamespaced().await?;
    let discovered = async {
        let mut resolver = Resolver::new(ctx).await?;
        if !resolver.is_fresh() {
            resolver.refresh().await?;
        }
        Ok::<_, Error>(resolver)
    }
    .await;
    let resolver = match discovered {
        Ok(r) => r,
        Err(Error::Transport { server, source }) => {
            return Err(unavailable(ctx, &server, &source).await);
        }
        Err(e) => return Err(e),
    };
    let mut gvs = resolver.discovery().group_versions.clone();
    gvs.sort();
    gvs.dedup();
    let mut out = String::new();
    for gv in gvs {
        out.push_str(&gv);
        out.push('\n');
    }
    ctx.ui().print(&out)?;
    Ok(())
}

/// kubectl words a failed discovery here with Go's HTTP error text.
async fn unavailable(ctx: &Ctx, server: &str, e: &kube::Error) -> Error {
    let url = match ctx.client_settings().await {
        Ok(s) => s.config.cluster_url.to_string(),
        Err(_) => String::new(),
    };
    let url = format!("{}/api?timeout=32s", url.trim_end_matches('/'));
    let why = crate::error::go_transport_text(server, e);
    Error::msg(format!(
        "couldn't get available api versions from server: Get {url:?}: {why}"
    ))
}

/// The long description of `ApiVersions` (help and man page).
pub const ABOUT: &str =
    r#"Print the supported API versions on the server, in the form of "group/version"."#;

/// Examples for `ApiVersions`.
pub const EXAMPLES: &str = r#"  # Print the supported API versions
  kk api-versions"#;
