//! `kk create token SERVICE_ACCOUNT_NAME`: a TokenRequest on the service account's `token`
//! subresource; the token alone on stdout (a newline only on a terminal, as kubectl), or the
//! TokenRequest for `-o`.

use super::submit;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{DryRun, ObjectPrintFlags};
use crate::generate::{shape, token};
use crate::printers::OperationPrinter;
use crate::resource::request;

/// Request a service account token.
#[derive(Debug, clap::Args)]
#[command(
    after_long_help = "  # Request a token to authenticate to the kube-apiserver as the service account \"myapp\" in the current namespace
  kk create token myapp

  # Request a token for a service account in a custom namespace
  kk create token myapp --namespace myns

  # Request a token with a custom expiration
  kk create token myapp --duration 10m

  # Request a token with a custom audience
  kk create token myapp --audience https://example.com

  # Request a token bound to an instance of a Secret object
  kk create token myapp --bound-object-kind Secret --bound-object-name mysecret

  # Request a token bound to an instance of a Secret object with a specific UID
  kk create token myapp --bound-object-kind Secret --bound-object-name mysecret --bound-object-uid 0d4691ed-659b-4935-a832-355f77ee47cc"
)]
pub struct Args {
    /// SERVICE_ACCOUNT_NAME
    #[arg(value_name = "SERVICE_ACCOUNT_NAME")]
    pub args: Vec<String>,
    #[command(flatten)]
    pub print: ObjectPrintFlags,
    /// Audience of the requested token. If unset, defaults to requesting a token for use with
    /// the Kubernetes API server. May be repeated to request a token valid for multiple
    /// audiences.
    #[arg(long, value_name = "AUDIENCE")]
    pub audience: Vec<String>,
    /// Requested lifetime of the issued token. If not set or if set to 0, the lifetime will be
    /// determined by the server automatically. The server may return a token with a longer or
    /// shorter lifetime.
    #[arg(long, default_value = "0s", allow_hyphen_values = true,
          value_parser = token::parse_duration, value_name = "DURATION")]
    pub duration: i128,
    /// Kind of an object to bind the token to. Supported kinds are Node, Pod, Secret. If set,
    /// --bound-object-name must be provided.
    #[arg(long, default_value = "", value_name = "KIND")]
    pub bound_object_kind: String,
    /// Name of an object to bind the token to. The token will expire when the object is
    /// deleted. Requires --bound-object-kind.
    #[arg(long, default_value = "", value_name = "NAME")]
    pub bound_object_name: String,
    /// UID of an object to bind the token to. Requires --bound-object-kind and
    /// --bound-object-name. If unset, the UID of the existing object is used.
    #[arg(long, default_value = "", value_name = "UID")]
    pub bound_object_uid: String,
}

/// Run `kk create token`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let name = submit::name("token", &args.args)?;
    let namespace = ctx.namespace().await?;
    let mut printer = OperationPrinter::new(&args.print, DryRun::None)?.typed();
    let p = token::Params {
        name,
        namespace,
        audiences: args.audience.clone(),
        duration_nanos: args.duration,
        bound_kind: args.bound_object_kind.clone(),
        bound_name: args.bound_object_name.clone(),
        bound_uid: args.bound_object_uid.clone(),
    };
    let request = shape::normalize(&token::build(&p).map_err(Error::msg)?);
    let uri = format!(
        "/api/v1/namespaces/{}/serviceaccounts/{}/token",
        crate::resource::discovery::encode_segment(&p.namespace),
        crate::resource::discovery::encode_segment(&p.name)
    );
    let client = ctx.client().await?;
    let response = request::json(
        &client,
        http::Method::POST,
        &uri,
        Some(("application/json", &request)),
    )
    .await
    .map_err(|e| submit::wrap(ctx, e, "failed to create token: "))?;
    // The typed client's printer sets the kind whatever the body says.
    let mut response = response;
    response["apiVersion"] = "authentication.k8s.io/v1".into();
    response["kind"] = "TokenRequest".into();
    let response = shape::normalize(&response);
    let token = response
        .pointer("/status/token")
        .and_then(|t| t.as_str())
        .unwrap_or("");
    if token.is_empty() {
        return Err(Error::msg(
            "failed to create token: no token in server response",
        ));
    }
    if args.print.output.is_some() {
        printer.print_verbatim(ctx.ui(), &response, "created")?;
        return Ok(printer.finish(ctx.ui())?);
    }
    let newline = if ctx.ui().stdout_is_tty() { "\n" } else { "" };
    ctx.ui().print(&format!("{token}{newline}"))?;
    Ok(())
}

/// The long description (`--help`, man page), kubectl's words.
pub const ABOUT: &str = r#"Request a service account token."#;
