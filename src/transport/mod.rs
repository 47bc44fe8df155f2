//! kk's HTTP client stack: kube's (TLS, auth, gzip) plus what kubectl's `rest` client adds
//! around every request, innermost first:
//!
//! 1. a [`tower::buffer::Buffer`], so the layers above can send a request more than once;
//! 2. [`retry`]: client-go's retries (`Retry-After`, connection losses on reads) and the
//!    `--request-timeout` deadline;
//! 3. server warnings, printed once per text as final answers arrive ([`crate::warnings`]).

pub mod retry;

use crate::error::{Error, Result};
use crate::kubeconfig::client::ClientSettings;

/// Requests waiting for the buffer's worker; kk sends a handful at a time.
const BUFFER: usize = 64;

/// Build the client for `settings`: kube's stack wrapped in kk's layers.
pub fn client(
    settings: &ClientSettings,
    warnings: crate::warnings::Printer,
) -> Result<kube::Client> {
    let mut config = settings.config.clone();
    // kube's own retry policy retries writes on a bare 503 (client-go does not); ours replaces it.
    config.default_retry = false;
    let builder = kube::client::ClientBuilder::try_from(config)
        .map_err(|e| Error::from_kube(&settings.server, e))?;
    let warn = tower::util::MapResponseLayer::new(
        move |resp: http::Response<Box<kube::client::DynBody>>| {
            warnings.handle(resp.headers());
            resp
        },
    );
    Ok(builder
        .with_layer(&tower::buffer::BufferLayer::new(BUFFER))
        .with_layer(&retry::RetryLayer::new(settings.request_timeout))
        .with_layer(&warn)
        .build())
}
