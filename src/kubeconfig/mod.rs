//! Kubeconfig loading, merging and write-back, with kubectl's (clientcmd's) rules.
//!
//! Files are kept as raw JSON values so unknown fields survive a `config set-*` round trip;
//! the merged view records which file every named entry came from, because kubectl writes a
//! modified entry back to the file that defined it.
//!
//! - [`load`]: `--kubeconfig` > `$KUBECONFIG` (`:`-separated, missing files skipped, first
//!   file wins per name) > `~/.kube/config`.
//! - [`view`]: the `config view` rendering (struct order, redaction, minify, flatten).
//! - [`client`]: the `kube::Config` for API calls, with the global flag overrides.
//! - [`write`]: atomic, mode-0600 write-back.

pub mod client;
pub mod node;
pub mod view;
pub mod write;

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::env::Env;
use crate::error::{Error, Result};

/// The three named sections of a kubeconfig.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `clusters` (entries carry `cluster:`).
    Clusters,
    /// `contexts` (entries carry `context:`).
    Contexts,
    /// `users` (entries carry `user:`).
    Users,
}

impl Section {
    /// The top-level key.
    pub fn key(self) -> &'static str {
        match self {
            Section::Clusters => "clusters",
            Section::Contexts => "contexts",
            Section::Users => "users",
        }
    }
    /// The key of the body inside a named entry.
    pub fn body_key(self) -> &'static str {
        match self {
            Section::Clusters => "cluster",
            Section::Contexts => "context",
            Section::Users => "user",
        }
    }
    /// All sections.
    pub const ALL: [Section; 3] = [Section::Clusters, Section::Contexts, Section::Users];
}

/// One kubeconfig file as read from disk.
#[derive(Debug, Clone)]
pub struct File {
    /// Its path (as given; relative paths inside resolve against its directory).
    pub path: PathBuf,
    /// The whole document (an object; `{}` for a missing or empty file).
    pub doc: Value,
    /// Whether the file existed.
    pub exists: bool,
}

/// A named entry of the merged config and the index of the file that owns it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The entry's name.
    pub name: String,
    /// The body (`cluster:` / `context:` / `user:` value), an object.
    pub body: Value,
    /// Index into [`Loaded::files`].
    pub file: usize,
}

/// Every loaded file plus the merged view.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Files in precedence order (first wins).
    pub files: Vec<File>,
    /// Whether the files came from `--kubeconfig`.
    pub explicit: bool,
    /// `current-context` (first file that sets it).
    pub current_context: String,
    /// Merged clusters, sorted by name.
    pub clusters: Vec<Entry>,
    /// Merged contexts, sorted by name.
    pub contexts: Vec<Entry>,
    /// Merged users, sorted by name.
    pub users: Vec<Entry>,
    /// `preferences` of the first file that has a non-empty one.
    pub preferences: Value,
}

/// Where kubeconfig comes from, before reading.
pub fn paths(kubeconfig_flag: Option<&str>, env: &Env) -> (Vec<PathBuf>, bool) {
    if let Some(p) = kubeconfig_flag.filter(|p| !p.is_empty()) {
        return (vec![PathBuf::from(p)], true);
    }
    if let Some(list) = env.non_empty("KUBECONFIG") {
        let mut out: Vec<PathBuf> = Vec::new();
        for p in list.split(':').filter(|p| !p.is_empty()) {
            let p = PathBuf::from(p);
            if !out.contains(&p) {
                out.push(p);
            }
        }
        if !out.is_empty() {
            return (out, false);
        }
    }
    let home = env.home().unwrap_or_default();
    (vec![home.join(".kube").join("config")], false)
}

/// Load and merge the kubeconfig files selected by `--kubeconfig` / `$KUBECONFIG` / HOME.
///
/// Missing files are skipped (an explicit `--kubeconfig` that does not exist is an error only
/// for commands that talk to a server; see [`client`]).
pub fn load(kubeconfig_flag: Option<&str>, env: &Env) -> Result<Loaded> {
    let (paths, explicit) = paths(kubeconfig_flag, env);
    let mut files = Vec::new();
    for path in paths {
        files.push(read_file(&path)?);
    }
    Ok(merge(files, explicit))
}

fn read_file(path: &Path) -> Result<File> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(File {
                path: path.to_path_buf(),
                doc: Value::Object(Map::new()),
                exists: false,
            });
        }
        Err(e) => {
            // Go's `*PathError` text: `read PATH: is a directory`.
            let op = if path.is_dir() { "read" } else { "open" };
            return Err(Error::msg(format!(
                "error loading config file \"{}\": {op} {}: {}",
                path.display(),
                path.display(),
                view::go_io(&e)
            )));
        }
    };
    let doc = parse_doc(&text).map_err(|e| {
        Error::msg(format!(
            "error loading config file \"{}\": {e}",
            path.display()
        ))
    })?;
    Ok(File {
        path: path.to_path_buf(),
        doc,
        exists: true,
    })
}

/// Parse and shape-check one kubeconfig document (empty text is an empty config).
pub fn parse_doc(text: &str) -> std::result::Result<Value, String> {
    let doc: Value = if text.trim().is_empty() {
        Value::Null
    } else {
        serde_yaml::from_str(text).map_err(|e| crate::manifest::yaml_problem(&e, text))?
    };
    let doc = match doc {
        Value::Null => Value::Object(Map::new()),
        Value::Object(m) => Value::Object(m),
        // clientcmd first reads the document's apiVersion and kind.
        other => {
            let what = match other {
                Value::Array(_) => "array",
                Value::String(_) => "string",
                Value::Number(_) => "number",
                _ => "bool",
            };
            return Err(format!(
                "couldn't get version/kind; json parse error: json: cannot unmarshal {what} into \
                 Go value of type struct {{ APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; \
                 Kind string \"json:\\\"kind,omitempty\\\"\" }}"
            ));
        }
    };
    for s in Section::ALL {
        match doc.get(s.key()) {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for item in items {
                    if !item.is_object() {
                        return Err(format!(
                            "json: cannot unmarshal into Go struct field Config.{} of type v1.Named{}",
                            s.key(),
                            go_type(s)
                        ));
                    }
                }
            }
            Some(_) => {
                return Err(format!(
                    "json: cannot unmarshal into Go struct field Config.{} of type []v1.Named{}",
                    s.key(),
                    go_type(s)
                ));
            }
        }
    }
    Ok(doc)
}

fn go_type(s: Section) -> &'static str {
    match s {
        Section::Clusters => "Cluster",
        Section::Contexts => "Context",
        Section::Users => "AuthInfo",
    }
}

/// kubectl's merge: the first file that defines a name (or a single value) wins.
pub fn merge(files: Vec<File>, explicit: bool) -> Loaded {
    let mut loaded = Loaded {
        files: Vec::new(),
        explicit,
        current_context: String::new(),
        clusters: Vec::new(),
        contexts: Vec::new(),
        users: Vec::new(),
        preferences: Value::Object(Map::new()),
    };
    let mut prefs_set = false;
    for (idx, f) in files.iter().enumerate() {
        if loaded.current_context.is_empty()
            && let Some(cc) = f.doc.get("current-context").and_then(Value::as_str)
        {
            loaded.current_context = cc.to_string();
        }
        if !prefs_set
            && let Some(p) = f
                .doc
                .get("preferences")
                .filter(|p| p.as_object().is_some_and(|m| !m.is_empty()))
        {
            loaded.preferences = p.clone();
            prefs_set = true;
        }
        for s in Section::ALL {
            for item in f
                .doc
                .get(s.key())
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let name = item
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let list = loaded.section_mut(s);
                if list.iter().any(|e| e.name == name) {
                    continue;
                }
                let body = item
                    .get(s.body_key())
                    .cloned()
                    .unwrap_or(Value::Object(Map::new()));
                let body = if body.is_null() {
                    Value::Object(Map::new())
                } else {
                    body
                };
                list.push(Entry {
                    name,
                    body,
                    file: idx,
                });
            }
        }
    }
    for s in Section::ALL {
        loaded.section_mut(s).sort_by(|a, b| a.name.cmp(&b.name));
    }
    loaded.files = files;
    loaded
}

impl Loaded {
    /// The entries of section `s`.
    pub fn section(&self, s: Section) -> &[Entry] {
        match s {
            Section::Clusters => &self.clusters,
            Section::Contexts => &self.contexts,
            Section::Users => &self.users,
        }
    }

    fn section_mut(&mut self, s: Section) -> &mut Vec<Entry> {
        match s {
            Section::Clusters => &mut self.clusters,
            Section::Contexts => &mut self.contexts,
            Section::Users => &mut self.users,
        }
    }

    /// The entry `name` of section `s`.
    pub fn get(&self, s: Section, name: &str) -> Option<&Entry> {
        self.section(s).iter().find(|e| e.name == name)
    }

    /// The body of context `name`, if defined.
    pub fn context(&self, name: &str) -> Option<&Value> {
        self.get(Section::Contexts, name).map(|e| &e.body)
    }

    /// The directory of the file that owns an entry (relative paths resolve against it).
    pub fn base_dir(&self, file: usize) -> PathBuf {
        self.files
            .get(file)
            .and_then(|f| f.path.parent().map(Path::to_path_buf))
            .unwrap_or_default()
    }

    /// The file kubectl writes `current-context` and new entries to: the `--kubeconfig` file,
    /// else the first existing `$KUBECONFIG` file (the last one if none exists).
    pub fn default_target(&self) -> usize {
        if self.explicit || self.files.len() <= 1 {
            return 0;
        }
        self.files
            .iter()
            .position(|f| f.exists)
            .unwrap_or(self.files.len() - 1)
    }
}

/// A string field of a JSON object, `""` when absent.
pub fn str_field<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> File {
        File {
            path: "x".into(),
            doc: parse_doc(text).unwrap(),
            exists: true,
        }
    }

    #[test]
    fn first_file_wins_per_name_and_for_current_context() {
        let a =
            file("current-context: a\nclusters:\n- name: shared\n  cluster: {server: https://a}\n");
        let b = file(
            "current-context: b\nclusters:\n- name: shared\n  cluster: {server: https://b}\n\
             - name: b-only\n  cluster: {server: https://bb}\n",
        );
        let m = merge(vec![a, b], false);
        assert_eq!(m.current_context, "a");
        let names: Vec<_> = m
            .clusters
            .iter()
            .map(|e| (e.name.as_str(), e.file))
            .collect();
        assert_eq!(names, [("b-only", 1), ("shared", 0)]);
        assert_eq!(str_field(&m.clusters[1].body, "server"), "https://a");
    }

    #[test]
    fn kubeconfig_precedence() {
        let env = Env::from_vars([("KUBECONFIG", "a::b:a"), ("HOME", "/h")]);
        assert_eq!(paths(None, &env), (vec!["a".into(), "b".into()], false));
        assert_eq!(paths(Some("x"), &env), (vec!["x".into()], true));
        let env = Env::from_vars([("HOME", "/h")]);
        assert_eq!(paths(None, &env).0, [PathBuf::from("/h/.kube/config")]);
    }

    #[test]
    fn malformed_sections_are_rejected() {
        assert!(
            parse_doc("clusters: 5\n")
                .unwrap_err()
                .contains("Config.clusters")
        );
        assert_eq!(
            parse_doc("not: [valid\n").unwrap_err(),
            "yaml: line 1: did not find expected ',' or ']'"
        );
        assert_eq!(parse_doc("").unwrap(), Value::Object(Map::new()));
    }

    #[test]
    fn yaml_errors_count_lines_as_go_yaml() {
        // kubectl 1.33's `error loading config file` texts for the same files.
        for (text, want) in [
            ("a: [\n", "yaml: line 1: did not find expected node content"),
            (
                "clusters:\n- name: a\n  cluster:\n    server: x\n   bad: 1\n",
                "yaml: line 4: did not find expected key",
            ),
            ("a: b\nc\n", "yaml: line 3: could not find expected ':'"),
            (
                "key: \"open\n",
                "yaml: line 2: found unexpected end of stream",
            ),
            (
                "a: b\n\tc: d\n",
                "yaml: line 2: found a tab character that violates indentation",
            ),
            ("a: &x 1\nb: *y\n", "yaml: unknown anchor 'y' referenced"),
            (
                "a:\n  b: c\n d: e\n",
                "yaml: line 2: did not find expected key",
            ),
        ] {
            assert_eq!(parse_doc(text).unwrap_err(), want, "{text:?}");
        }
    }

    #[test]
    fn default_target_is_first_existing_file() {
        let missing = File {
            path: "m".into(),
            doc: Value::Object(Map::new()),
            exists: false,
        };
        let m = merge(vec![missing.clone(), file("{}"), file("{}")], false);
        assert_eq!(m.default_target(), 1);
        let m = merge(vec![missing.clone(), missing], false);
        assert_eq!(m.default_target(), 1);
    }
}
