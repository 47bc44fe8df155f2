//! Writes the kubeconfig that points kubectl (and kube-rs) at this server: context `kk-sim`
//! (admin, client certificate) and `kk-sim-viewer` (read-only, bearer token).

use std::io::Write;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::tls::Pki;

/// Renders the kubeconfig YAML. With `pki` None (plain HTTP) no credentials are written: over
/// http kubectl would not send them anyway.
pub fn render(url: &str, pki: Option<&Pki>, viewer_token: &str) -> String {
    let b64 = |s: &str| STANDARD.encode(s.as_bytes());
    let cluster_extra = match pki {
        Some(p) => format!("    certificate-authority-data: {}\n", b64(&p.ca_pem)),
        None => String::new(),
    };
    let admin_user = match pki {
        Some(p) => format!(
            "\n    client-certificate-data: {}\n    client-key-data: {}\n",
            b64(&p.admin_cert_pem),
            b64(&p.admin_key_pem)
        ),
        None => " {}\n".to_string(),
    };
    format!(
        "apiVersion: v1
kind: Config
clusters:
- cluster:
{cluster_extra}    server: {url}
  name: kk-sim
contexts:
- context:
    cluster: kk-sim
    namespace: default
    user: kk-sim-admin
  name: kk-sim
- context:
    cluster: kk-sim
    namespace: default
    user: kk-sim-viewer
  name: kk-sim-viewer
current-context: kk-sim
preferences: {{}}
users:
- name: kk-sim-admin
  user:{admin_user}- name: kk-sim-viewer
  user:
    token: {viewer_token}
"
    )
}

/// Writes `content` to `path` atomically (temp file in the same directory, mode 0600, then
/// rename), so a reader never sees half a kubeconfig.
pub fn write_atomic(path: &Path, content: &str) -> Result<(), String> {
    use std::os::unix::fs::OpenOptionsExt;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| format!("invalid kubeconfig path {}", path.display()))?
        .to_string_lossy()
        .to_string();
    let tmp = dir.join(format!(".{file_name}.tmp-{}", std::process::id()));
    let res = (|| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(content.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    res.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write kubeconfig {}: {e}", path.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_kubeconfig_parses_as_yaml() {
        let y = render("http://127.0.0.1:1", None, "tok");
        let v: serde_yaml::Value = serde_yaml::from_str(&y).unwrap();
        assert_eq!(v["current-context"].as_str(), Some("kk-sim"));
        assert_eq!(v["users"][1]["user"]["token"].as_str(), Some("tok"));
    }

    #[test]
    fn tls_kubeconfig_has_credentials() {
        let pki = crate::apiserver::tls::generate().unwrap();
        let y = render("https://127.0.0.1:1", Some(&pki), "tok");
        let v: serde_yaml::Value = serde_yaml::from_str(&y).unwrap();
        assert!(v["clusters"][0]["cluster"]["certificate-authority-data"].is_string());
        assert!(v["users"][0]["user"]["client-key-data"].is_string());
    }
}
