//! `kk apply --force`: when the three-way patch is refused as a Conflict (after the retries)
//! or as Invalid (an immutable field), the object is deleted (`--cascade`, `--grace-period`),
//! polled for every second until it is gone (at most `--timeout`; the default 0 looks once),
//! and created again from the manifest with its annotation (kubectl's
//! `Patcher.deleteAndCreate`). Should the create fail, the old object is put back.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::patch::{self, last_applied};
use crate::resource::request;
use crate::resource::visit::{self, Info};

use super::{Apply, describe_info};

/// Delete `live`, wait for it to go, create `obj`; the body sent (kubectl reports it as the
/// patch) and the created object.
pub(super) async fn delete_and_create(
    apply: &Apply<'_>,
    info: &Info,
    obj: &Value,
    live: &Value,
) -> Result<(String, Value)> {
    let Some(force) = &apply.force else {
        return Err(Error::msg("--force is not set"));
    };
    let ctx = apply.ctx;
    let modified = last_applied::for_create(obj);
    let body = patch::to_json(&modified);
    let verb = format!(
        "applying patch:\n{body}\nto:\n{}\nfor:",
        describe_info(info)
    );
    let source = info.source.as_deref();
    let api_error = |e: kube::Error| visit::error_when(ctx, &verb, source, e);
    let plain_error = |msg: String| match source {
        Some(src) => Error::msg(format!("error when {verb} {src:?}: {msg}")),
        None => Error::msg(msg),
    };
    let client = ctx.client().await?;

    let mut options = json!({"kind": "DeleteOptions", "apiVersion": "v1"});
    if force.grace_period >= 0 {
        options["gracePeriodSeconds"] = json!(force.grace_period);
    }
    options["propagationPolicy"] = json!(force.policy);
    request::json(
        &client,
        http::Method::DELETE,
        &info.path(),
        Some(("application/json", &options)),
    )
    .await
    .map_err(&api_error)?;

    // wait.PollUntilContextTimeout(1s, timeout, immediate): look now, then every second.
    let deadline = Instant::now() + force.timeout;
    loop {
        match request::json(&client, http::Method::GET, &info.path(), None).await {
            Err(e) if visit::is_not_found(&e) => break,
            Err(e) => return Err(api_error(e)),
            Ok(_) => {}
        }
        let next = Instant::now() + Duration::from_secs(1);
        if next >= deadline {
            tokio::time::sleep_until(deadline.into()).await;
            return Err(plain_error("context deadline exceeded".into()));
        }
        tokio::time::sleep_until(next.into()).await;
    }

    let path = info.resource.path(info.namespace.as_deref(), None);
    let uri = request::with_query(&path, &apply.query(None));
    let create = |v: Value| {
        let client = client.clone();
        let uri = uri.clone();
        async move {
            request::json(
                &client,
                http::Method::POST,
                &uri,
                Some(("application/json", &v)),
            )
            .await
        }
    };
    match create(modified).await {
        Ok(created) => Ok((body, created)),
        Err(failed) => {
            // Put the old object back (the helper drops its resourceVersion to create it).
            let mut original = live.clone();
            if let Some(m) = original.get_mut("metadata").and_then(Value::as_object_mut) {
                m.remove("resourceVersion");
            }
            match create(original).await {
                Ok(_) => Err(api_error(failed)),
                Err(restore) => Err(plain_error(format!(
                    "An error occurred force-replacing the existing object with the newly provided one:\n\n{}.\n\nAdditionally, an error occurred attempting to restore the original object:\n\n{}",
                    message(failed),
                    message(restore)
                ))),
            }
        }
    }
}

/// An error's text as Go's `%v` of it shows it (an API Status: its message).
fn message(e: kube::Error) -> String {
    match e {
        kube::Error::Api(s) => s.message,
        e => e.to_string(),
    }
}
