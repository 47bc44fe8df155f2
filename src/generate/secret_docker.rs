//! `kubectl create secret docker-registry NAME --docker-server --docker-username
//! --docker-password [--docker-email] | --from-file` (`create_secret_docker.go`): a
//! `kubernetes.io/dockerconfigjson` Secret whose `.dockerconfigjson` is
//! `{"auths":{SERVER:{"username","password","email","auth"}}}`.

use base64::Engine;
use serde_json::Value;

use super::secret::{Data, secret};
use super::sources::Sources;

/// kubectl's default `--docker-server`.
pub const DEFAULT_SERVER: &str = "https://index.docker.io/v1/";

/// What `create secret docker-registry` was given.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// The Secret's name.
    pub name: String,
    /// `--docker-username`.
    pub username: String,
    /// `--docker-password`.
    pub password: String,
    /// `--docker-email`.
    pub email: String,
    /// `--docker-server`.
    pub server: String,
    /// `--from-file`.
    pub from_file: Vec<String>,
    /// `--append-hash`.
    pub append_hash: bool,
    /// `-n` when given explicitly.
    pub namespace: Option<String>,
}

/// kubectl's `Validate()`.
pub fn validate(p: &Params) -> Result<(), String> {
    if p.name.is_empty() {
        return Err("name must be specified".into());
    }
    if p.from_file.is_empty()
        && (p.username.is_empty() || p.password.is_empty() || p.server.is_empty())
    {
        return Err("either --from-file or the combination of --docker-username, --docker-password and --docker-server is required".into());
    }
    Ok(())
}

/// The `.dockerconfigjson` document (Go's compact `json.Marshal`, empty fields omitted).
pub fn docker_config_json(username: &str, password: &str, email: &str, server: &str) -> String {
    use crate::printers::json::quote;
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
    // DockerConfigEntry's fields in Go's order, each `omitempty`.
    let fields: Vec<String> = [
        ("username", username),
        ("password", password),
        ("email", email),
        ("auth", auth.as_str()),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{}:{}", quote(k), quote(v)))
    .collect();
    format!(
        "{{\"auths\":{{{}:{{{}}}}}}}",
        quote(server),
        fields.join(",")
    )
}

/// The docker-registry Secret.
pub fn build(p: &Params, src: &dyn Sources) -> Result<Value, String> {
    validate(p)?;
    let mut d = Data::default();
    if !p.from_file.is_empty() {
        d.add_files(&p.from_file, src)?;
    } else {
        let cfg = docker_config_json(&p.username, &p.password, &p.email, &p.server);
        d.0.insert(".dockerconfigjson".into(), cfg.into_bytes());
    }
    Ok(secret(
        &p.name,
        p.namespace.as_deref(),
        "kubernetes.io/dockerconfigjson",
        &d,
        p.append_hash,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_json_like_kubectl() {
        assert_eq!(
            docker_config_json("u", "p", "", DEFAULT_SERVER),
            r#"{"auths":{"https://index.docker.io/v1/":{"username":"u","password":"p","auth":"dTpw"}}}"#
        );
    }
}
