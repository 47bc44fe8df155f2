//! `kk version`: client and server versions in kubectl's layout.
//!
//! kk reports its own version as the client version (kubectl prints its Go build info and a
//! Kustomize line, which kk has no equivalent for, so that line and `kustomizeVersion` are
//! absent). The server part is the API server's `/version`, printed with apimachinery's
//! `version.Info` field order.

use serde_json::Value;

use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::Pflag;
use crate::kubeconfig::node::Node;

/// Print the client and server version information for the current context.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Print the client and server versions for the current context\n  kk version"
)]
pub struct Args {
    /// If true, shows client version only (no server required).
    #[arg(long, pflag_bool())]
    pub client: Option<bool>,
    /// One of 'yaml' or 'json'.
    #[arg(short = 'o', long, value_name = "FORMAT")]
    pub output: Option<String>,
    /// Rejected, as in kubectl
    #[arg(hide = true)]
    pub extra: Vec<String>,
}

/// apimachinery `version.Info` fields in struct order; `true` marks `omitempty`.
const INFO_FIELDS: &[(&str, bool)] = &[
    ("major", false),
    ("minor", false),
    ("emulationMajor", true),
    ("emulationMinor", true),
    ("minCompatibilityMajor", true),
    ("minCompatibilityMinor", true),
    ("gitVersion", false),
    ("gitCommit", false),
    ("gitTreeState", false),
    ("buildDate", false),
    ("goVersion", false),
    ("compiler", false),
    ("platform", false),
];

/// kk's own build, in the shape of `version.Info`.
pub fn client_info() -> Value {
    let version = env!("CARGO_PKG_VERSION");
    let mut parts = version.split('.');
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    };
    serde_json::json!({
        "major": parts.next().unwrap_or("0"),
        "minor": parts.next().unwrap_or("0"),
        "gitVersion": format!("v{version}"),
        "gitCommit": "",
        "gitTreeState": "",
        "buildDate": "",
        "goVersion": "",
        "compiler": "rustc",
        "platform": format!("{}/{arch}", std::env::consts::OS),
    })
}

/// Order a `/version` document like Go's struct encoding.
pub fn info_node(v: &Value) -> Node {
    let mut out = Vec::new();
    for (k, omit) in INFO_FIELDS {
        let s = v.get(*k).and_then(Value::as_str).unwrap_or("");
        if *omit && s.is_empty() {
            continue;
        }
        out.push((k.to_string(), Node::Str(s.to_string())));
    }
    Node::Map(out)
}

/// Fetch the server's `/version`.
pub async fn server_info(ctx: &Ctx) -> Result<Value> {
    let client = ctx.client().await?;
    let req = http::Request::get("/version")
        .body(Vec::new())
        .map_err(|e| Error::msg(e.to_string()))?;
    let text = client
        .request_text(req)
        .await
        .map_err(|e| ctx.kube_error(e))?;
    serde_json::from_str(&text)
        .map_err(|e| Error::msg(format!("unable to parse the server version: {e}")))
}

/// Print the versions.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    // kubectl only objects to extra arguments when it is going to contact the server.
    if !args.extra.is_empty() && !args.client.unwrap_or(false) {
        return Err(Error::msg(format!(
            "extra arguments: [{}]",
            args.extra.join(" ")
        )));
    }
    let output = args.output.as_deref().unwrap_or("");
    if !matches!(output, "" | "yaml" | "json") {
        return Err(Error::msg("--output must be 'yaml' or 'json'"));
    }
    let client = client_info();
    let client_only = args.client.unwrap_or(false);
    if !client_only {
        // kubectl builds its discovery client before printing anything and never looks up a
        // namespace, so configuration errors come alone, as its client config finds them.
        ctx.client_settings_unnamespaced().await?;
    }
    let server = if client_only {
        None
    } else {
        Some(server_info(ctx).await)
    };
    let (server_ok, server_err) = match server {
        None => (None, None),
        Some(Ok(v)) => (Some(v), None),
        Some(Err(e)) => (None, Some(e)),
    };
    match output {
        "" => {
            let mut text = format!(
                "Client Version: {}\n",
                client["gitVersion"].as_str().unwrap_or("")
            );
            if let Some(s) = &server_ok {
                text.push_str(&format!(
                    "Server Version: {}\n",
                    s.get("gitVersion").and_then(Value::as_str).unwrap_or("")
                ));
            }
            ctx.ui().print(&text)?;
        }
        fmt => {
            let mut doc = vec![("clientVersion".to_string(), info_node(&client))];
            if let Some(s) = &server_ok {
                doc.push(("serverVersion".to_string(), info_node(s)));
            }
            let doc = Node::Map(doc);
            let text = if fmt == "json" {
                doc.to_json_indented(2)
            } else {
                doc.to_yaml()?
            };
            ctx.ui().print(&text)?;
        }
    }
    match server_err {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// The long description of `Version` (help and man page).
pub const ABOUT: &str = r#"Print the client and server version information for the current context.

With --client only the client version is printed and the server is not contacted. With -o yaml or -o json the versions are printed as a document."#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_info_keeps_struct_order_and_omits_empty_emulation() {
        let v = serde_json::json!({"platform": "p", "major": "1", "minor": "33",
            "gitVersion": "v1.33.0", "emulationMajor": "1"});
        let j = info_node(&v).to_json_indented(2);
        assert!(j.starts_with("{\n  \"major\": \"1\",\n  \"minor\": \"33\",\n  \"emulationMajor\": \"1\",\n  \"gitVersion\""), "{j}");
        assert!(!j.contains("emulationMinor"));
    }
}
