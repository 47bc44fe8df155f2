//! `kubectl create secret generic NAME [--type] [--from-literal] [--from-file]
//! [--from-env-file] [--append-hash]` (`create_secret.go`): literals first, then files,
//! then env files. Also the Secret head and `--append-hash` the tls and docker-registry
//! generators share.

use std::collections::BTreeMap;

use base64::Engine;
use serde_json::{Value, json};

use super::keys;
use super::sources::Sources;
use super::validation;
use crate::go;

/// What `create secret generic` was given.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// The Secret's name.
    pub name: String,
    /// `--type` (empty: the server's default, Opaque).
    pub type_: String,
    /// `--from-file`.
    pub from_file: Vec<String>,
    /// `--from-literal`.
    pub from_literal: Vec<String>,
    /// `--from-env-file`.
    pub from_env_file: Vec<String>,
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
    if !p.from_env_file.is_empty() && (!p.from_file.is_empty() || !p.from_literal.is_empty()) {
        return Err("from-env-file cannot be combined with from-file or from-literal".into());
    }
    Ok(())
}

/// A Secret's data while it is being built.
#[derive(Debug, Default)]
pub struct Data(pub BTreeMap<String, Vec<u8>>);

impl Data {
    /// `addKeyFromLiteralToSecret`: a valid, new key.
    pub fn add(&mut self, key: &str, value: Vec<u8>) -> Result<(), String> {
        let errs = validation::is_config_map_key(key);
        if !errs.is_empty() {
            return Err(format!(
                "{} is not valid key name for a Secret {}",
                go::quote(key),
                errs.join(";")
            ));
        }
        if self.0.contains_key(key) {
            return Err(format!(
                "cannot add key {key}, another key by that name already exists"
            ));
        }
        self.0.insert(key.to_string(), value);
        Ok(())
    }

    /// `--from-file` sources.
    pub fn add_files(&mut self, sources: &[String], src: &dyn Sources) -> Result<(), String> {
        keys::each_file(sources, src, &mut |k, v| self.add(k, v))
    }
}

/// The Secret of `type_` holding `data`, its name hashed with `--append-hash`.
pub fn secret(
    name: &str,
    namespace: Option<&str>,
    type_: &str,
    data: &Data,
    append_hash: bool,
) -> Value {
    let b64 = |v: &Vec<u8>| base64::engine::general_purpose::STANDARD.encode(v);
    let encoded: BTreeMap<&String, String> = data.0.iter().map(|(k, v)| (k, b64(v))).collect();
    let mut final_name = name.to_string();
    if append_hash {
        // pkg/util/hash: json.Marshal of data, kind, name and type.
        let m = json!({"kind": "Secret", "type": type_, "name": name, "data": encoded});
        let text = crate::printers::json::to_compact(&m);
        final_name = format!("{name}-{}", keys::hash_suffix(&text));
    }
    let mut s = super::object("v1", "Secret", &final_name, namespace);
    s["data"] = json!(encoded);
    if !type_.is_empty() {
        s["type"] = type_.into();
    }
    s
}

/// The Secret.
pub fn build(p: &Params, src: &dyn Sources) -> Result<Value, String> {
    validate(p)?;
    let mut d = Data::default();
    for source in &p.from_literal {
        let (k, v) = keys::parse_literal(source)?;
        d.add(k, v.as_bytes().to_vec())?;
    }
    d.add_files(&p.from_file, src)?;
    keys::each_env(
        &p.from_env_file,
        src,
        "env secret file cannot be a directory",
        &mut |k, v| d.add(k, v.as_bytes().to_vec()),
    )?;
    Ok(secret(
        &p.name,
        p.namespace.as_deref(),
        &p.type_,
        &d,
        p.append_hash,
    ))
}

#[cfg(test)]
mod tests {
    use super::super::shape;
    use super::super::sources::Memory;
    use super::*;

    // kubectl.1.33 create secret generic s1 --from-literal=a=b --from-file=f --type=x/y
    //   --append-hash --dry-run=client -o yaml   (f = "hi")
    #[test]
    fn like_kubectl() {
        let p = Params {
            name: "s1".into(),
            type_: "x/y".into(),
            from_literal: vec!["a=b".into()],
            from_file: vec!["f".into()],
            append_hash: true,
            ..Default::default()
        };
        let s = shape::normalize(&build(&p, &Memory::with(&[("f", "hi")])).unwrap());
        assert_eq!(
            crate::printers::yaml::to_kubectl_yaml(&s).unwrap(),
            "apiVersion: v1\ndata:\n  a: Yg==\n  f: aGk=\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: s1-h4m5chggkc\ntype: x/y\n"
        );
    }

    #[test]
    fn errors_like_kubectl() {
        let p = Params {
            name: "s1".into(),
            from_literal: vec!["a=b".into(), "a=c".into()],
            ..Default::default()
        };
        assert_eq!(
            build(&p, &Memory::default()).unwrap_err(),
            "cannot add key a, another key by that name already exists"
        );
        let p = Params {
            name: "s1".into(),
            from_literal: vec!["a b=1".into()],
            ..Default::default()
        };
        assert!(
            build(&p, &Memory::default())
                .unwrap_err()
                .starts_with("\"a b\" is not valid key name for a Secret a valid config key")
        );
    }
}
