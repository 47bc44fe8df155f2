//! `kk config set-cluster NAME [--server=..] [--certificate-authority=..] [--embed-certs]
//! [--insecure-skip-tls-verify] [--tls-server-name=..] [--proxy-url=..]`.
//!
//! `--server`, `--certificate-authority`, `--insecure-skip-tls-verify` and `--tls-server-name`
//! are kk's global flags, read here as kubectl's same-named local flags.

use base64::Engine;
use serde_json::json;

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::Pflag;
use crate::kubeconfig::Section;

/// Set a cluster entry in kubeconfig.
///
/// Specifying a name that already exists will merge new fields on top of existing values for
/// those fields.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Set only the server field on the e2e cluster entry without touching other values\n  kk config set-cluster e2e --server=https://1.2.3.4"
)]
pub struct Args {
    /// The cluster to create or modify
    #[arg(value_name = "NAME")]
    pub name: Vec<String>,
    /// embed-certs for the cluster entry in kubeconfig
    #[arg(long, pflag_bool())]
    pub embed_certs: Option<bool>,
    /// proxy-url for the cluster entry in kubeconfig
    #[arg(long, value_name = "URL")]
    pub proxy_url: Option<String>,
}

/// Read a file for `--embed-certs`, with kubectl's error wording.
/// `what` is the flag's name (`certificate-authority`, `client-certificate`, `client-key`).
pub(crate) fn read_for_embed(what: &str, path: &str) -> Result<String> {
    let io = |e: std::io::Error| crate::kubeconfig::view::go_io(&e);
    std::fs::metadata(path).map_err(|e| {
        Error::msg(format!(
            "could not stat {what} file {path}: stat {path}: {}",
            io(e)
        ))
    })?;
    let bytes = std::fs::read(path)
        .map_err(|e| Error::msg(format!("could not read {what} file {path}: {}", io(e))))?;
    Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// kubectl stores referenced files as absolute paths.
pub(crate) fn absolute(ctx: &Ctx, p: &str) -> String {
    let path = std::path::Path::new(p);
    if path.is_absolute() {
        return p.to_string();
    }
    match ctx.env().cwd() {
        Some(cwd) => cwd.join(path).to_string_lossy().into_owned(),
        None => p.to_string(),
    }
}

/// Create or modify the cluster.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let [name] = args.name.as_slice() else {
        return Err(super::unexpected_args(
            ctx,
            &["config", "set-cluster"],
            &args.name,
        ));
    };
    let g = ctx.global().clone();
    let embed = args.embed_certs.unwrap_or(false);
    let ca_data = match (&g.certificate_authority, embed) {
        (Some(ca), true) if !ca.is_empty() => Some(read_for_embed("certificate-authority", ca)?),
        _ => None,
    };
    let ca_path = g.certificate_authority.as_deref().map(|p| absolute(ctx, p));
    let mut loaded = ctx.load_kubeconfig()?;
    let (file, _) = loaded.upsert(Section::Clusters, name, |m| {
        if let Some(s) = &g.server {
            m.insert("server".into(), json!(s));
        }
        if let Some(n) = &g.tls_server_name {
            m.insert("tls-server-name".into(), json!(n));
        }
        if let Some(p) = &args.proxy_url {
            m.insert("proxy-url".into(), json!(p));
        }
        if let Some(insecure) = g.insecure_skip_tls_verify {
            m.insert("insecure-skip-tls-verify".into(), json!(insecure));
            if insecure {
                m.remove("certificate-authority");
                m.remove("certificate-authority-data");
            }
        }
        if let Some(data) = &ca_data {
            m.insert("certificate-authority-data".into(), json!(data));
            m.remove("certificate-authority");
            m.remove("insecure-skip-tls-verify");
        } else if let Some(p) = &ca_path {
            m.insert("certificate-authority".into(), json!(p));
            m.remove("certificate-authority-data");
            m.remove("insecure-skip-tls-verify");
        }
    });
    loaded.save(file)?;
    ctx.ui().print(&format!("Cluster {name:?} set.\n"))?;
    Ok(())
}
