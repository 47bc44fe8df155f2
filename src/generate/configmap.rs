//! `kubectl create configmap NAME [--from-file] [--from-literal] [--from-env-file]
//! [--append-hash]` (`create_configmap.go`): files first, then literals, then env files;
//! text that is not UTF-8 goes to `binaryData`.

use std::collections::BTreeMap;

use base64::Engine;
use serde_json::{Value, json};

use super::keys;
use super::sources::Sources;
use super::validation;
use crate::go;

/// What `create configmap` was given.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// The ConfigMap's name.
    pub name: String,
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

#[derive(Default)]
struct Data {
    text: BTreeMap<String, String>,
    binary: BTreeMap<String, Vec<u8>>,
}

impl Data {
    fn check(&self, name: &str, key: &str) -> Result<(), String> {
        let errs = validation::is_config_map_key(key);
        if !errs.is_empty() {
            return Err(format!(
                "{} is not a valid key name for a ConfigMap: {}",
                go::quote(key),
                errs.join(",")
            ));
        }
        if self.text.contains_key(key) {
            return Err(format!(
                "cannot add key {}, another key by that name already exists in Data for ConfigMap {}",
                go::quote(key),
                go::quote(name)
            ));
        }
        if self.binary.contains_key(key) {
            return Err(format!(
                "cannot add key {}, another key by that name already exists in BinaryData for ConfigMap {}",
                go::quote(key),
                go::quote(name)
            ));
        }
        Ok(())
    }

    fn add_text(&mut self, name: &str, key: &str, value: String) -> Result<(), String> {
        self.check(name, key)?;
        self.text.insert(key.to_string(), value);
        Ok(())
    }
}

/// The ConfigMap.
pub fn build(p: &Params, src: &dyn Sources) -> Result<Value, String> {
    validate(p)?;
    let mut d = Data::default();
    let name = &p.name;
    keys::each_file(
        &p.from_file,
        src,
        &mut |key, bytes| match String::from_utf8(bytes) {
            Ok(text) => d.add_text(name, key, text),
            Err(e) => {
                d.check(name, key)?;
                d.binary.insert(key.to_string(), e.into_bytes());
                Ok(())
            }
        },
    )?;
    for source in &p.from_literal {
        let (k, v) = keys::parse_literal(source)?;
        d.add_text(name, k, v.to_string())?;
    }
    keys::each_env(
        &p.from_env_file,
        src,
        "env config file cannot be a directory",
        &mut |k, v| d.add_text(name, k, v.to_string()),
    )?;
    let b64 = |v: &Vec<u8>| base64::engine::general_purpose::STANDARD.encode(v);
    let binary: BTreeMap<&String, String> = d.binary.iter().map(|(k, v)| (k, b64(v))).collect();
    let mut final_name = p.name.clone();
    if p.append_hash {
        // pkg/util/hash: json.Marshal of kind, name, data (and binaryData when set).
        let mut m = json!({"kind": "ConfigMap", "name": p.name, "data": d.text});
        if !binary.is_empty() {
            m["binaryData"] = json!(binary);
        }
        let encoded = crate::printers::json::to_compact(&m);
        final_name = format!("{}-{}", p.name, keys::hash_suffix(&encoded));
    }
    let mut cm = super::object("v1", "ConfigMap", &final_name, p.namespace.as_deref());
    cm["data"] = json!(d.text);
    cm["binaryData"] = json!(binary);
    Ok(cm)
}

#[cfg(test)]
mod tests {
    use super::super::shape;
    use super::super::sources::Memory;
    use super::*;

    fn params() -> Params {
        Params {
            name: "c1".into(),
            ..Default::default()
        }
    }

    // kubectl.1.33 create cm c1 --from-file=d --from-file=k=bin --from-literal=z=1
    //   --append-hash --dry-run=client -o json   (d/a = "x\n", bin = "\xff\xfe")
    #[test]
    fn like_kubectl() {
        let mut m = Memory::with(&[("d/a", "x\n")]);
        m.files.insert("bin".into(), vec![0xff, 0xfe]);
        let mut p = params();
        p.from_file = vec!["d".into(), "k=bin".into()];
        p.from_literal = vec!["z=1".into()];
        p.append_hash = true;
        let cm = shape::normalize(&build(&p, &m).unwrap());
        assert_eq!(
            shape::to_json(&cm),
            r#"{
    "kind": "ConfigMap",
    "apiVersion": "v1",
    "metadata": {
        "name": "c1-k98cf6h7ft",
        "creationTimestamp": null
    },
    "data": {
        "a": "x\n",
        "z": "1"
    },
    "binaryData": {
        "k": "//4="
    }
}
"#
        );
    }

    #[test]
    fn hash_matches_kubectl() {
        // kubectl.1.33 create cm c1 --from-literal=a=b --append-hash -o name --dry-run=client
        let mut p = params();
        p.from_literal = vec!["a=b".into()];
        p.append_hash = true;
        let cm = build(&p, &Memory::default()).unwrap();
        assert_eq!(cm["metadata"]["name"], "c1-522f9g5kh5");
    }

    #[test]
    fn errors_like_kubectl() {
        let m = Memory::default();
        let mut p = params();
        p.from_literal = vec!["a=1".into(), "a=2".into()];
        assert_eq!(
            build(&p, &m).unwrap_err(),
            "cannot add key \"a\", another key by that name already exists in Data for ConfigMap \"c1\""
        );
        p.from_literal = vec!["a b=1".into()];
        assert!(
            build(&p, &m)
                .unwrap_err()
                .starts_with("\"a b\" is not a valid key name for a ConfigMap: a valid config key")
        );
        p.from_env_file = vec!["e".into()];
        assert_eq!(
            build(&p, &m).unwrap_err(),
            "from-env-file cannot be combined with from-file or from-literal"
        );
        let p = Params {
            from_file: vec!["missing".into()],
            ..params()
        };
        assert_eq!(
            build(&p, &m).unwrap_err(),
            "error reading missing: no such file or directory"
        );
    }
}
