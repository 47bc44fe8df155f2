//! Write-back for `config set-*`, `use-context`, `delete-*`, `rename-context`...
//!
//! Edits happen on the raw document of the file that owns the entry (new entries go to
//! [`Loaded::default_target`]), so fields kk does not know survive. Files are replaced
//! atomically (temp file + rename in the same directory) with mode 0600, as kubectl creates them.

use std::io::Write;

use serde_json::{Map, Value, json};

use super::{Loaded, Section, merge};
use crate::error::{Error, Result};

impl Loaded {
    /// The file index holding entry `name` of section `s`, if any.
    pub fn owner(&self, s: Section, name: &str) -> Option<usize> {
        self.get(s, name).map(|e| e.file)
    }

    /// Edit (or create) the body of entry `name`; returns `(file index, created)`.
    pub fn upsert(
        &mut self,
        s: Section,
        name: &str,
        edit: impl FnOnce(&mut Map<String, Value>),
    ) -> (usize, bool) {
        let (file, created) = match self.owner(s, name) {
            Some(f) => (f, false),
            None => (self.default_target(), true),
        };
        let doc = &mut self.files[file].doc;
        let list = section_list(doc, s);
        let pos = list
            .iter()
            .position(|e| e.get("name").and_then(Value::as_str) == Some(name));
        let idx = match pos {
            Some(i) => i,
            None => {
                list.push(json!({"name": name, s.body_key(): {}}));
                list.len() - 1
            }
        };
        let item = list[idx].as_object_mut().expect("entries are objects");
        let body = item.entry(s.body_key()).or_insert_with(|| json!({}));
        if !body.is_object() {
            *body = json!({});
        }
        edit(body.as_object_mut().expect("body is an object"));
        self.remerge();
        (file, created)
    }

    /// Remove entry `name`; returns the index of the file it was removed from.
    pub fn remove(&mut self, s: Section, name: &str) -> Option<usize> {
        let file = self.owner(s, name)?;
        let list = section_list(&mut self.files[file].doc, s);
        list.retain(|e| e.get("name").and_then(Value::as_str) != Some(name));
        self.remerge();
        Some(file)
    }

    /// Rename entry `old` to `new` in its owning file.
    pub fn rename(&mut self, s: Section, old: &str, new: &str) -> Option<usize> {
        let file = self.owner(s, old)?;
        for e in section_list(&mut self.files[file].doc, s) {
            if e.get("name").and_then(Value::as_str) == Some(old)
                && let Some(m) = e.as_object_mut()
            {
                m.insert("name".into(), json!(new));
            }
        }
        self.remerge();
        Some(file)
    }

    /// Set `current-context` in the file kubectl would write it to; returns that file.
    ///
    /// kubectl writes it to the first file that already sets it, else the default target.
    pub fn set_current_context(&mut self, name: &str) -> usize {
        let file = self
            .files
            .iter()
            .position(|f| {
                f.doc
                    .get("current-context")
                    .and_then(Value::as_str)
                    .is_some_and(|c| !c.is_empty())
            })
            .unwrap_or_else(|| self.default_target());
        for (i, f) in self.files.iter_mut().enumerate() {
            if let Some(m) = f.doc.as_object_mut() {
                if i == file {
                    m.insert("current-context".into(), json!(name));
                } else if m.contains_key("current-context") && name.is_empty() {
                    m.insert("current-context".into(), json!(""));
                }
            }
        }
        self.remerge();
        file
    }

    fn remerge(&mut self) {
        let files = std::mem::take(&mut self.files);
        *self = merge(files, self.explicit);
    }

    /// Write file `idx` back to disk atomically with mode 0600.
    pub fn save(&mut self, idx: usize) -> Result<()> {
        let file = &mut self.files[idx];
        if let Some(m) = file.doc.as_object_mut() {
            m.entry("apiVersion").or_insert_with(|| json!("v1"));
            m.entry("kind").or_insert_with(|| json!("Config"));
            m.entry("preferences").or_insert_with(|| json!({}));
            m.entry("current-context").or_insert_with(|| json!(""));
            for s in Section::ALL {
                m.entry(s.key()).or_insert(Value::Null);
            }
        }
        let text = crate::printers::yaml::to_kubectl_yaml(&file.doc)?;
        write_atomic(&file.path, text.as_bytes())?;
        file.exists = true;
        Ok(())
    }

    /// The path of file `idx`, as kubectl prints it in `deleted context x from <file>`.
    pub fn path_of(&self, idx: usize) -> String {
        self.files[idx].path.display().to_string()
    }
}

fn section_list(doc: &mut Value, s: Section) -> &mut Vec<Value> {
    if !doc.is_object() {
        *doc = json!({});
    }
    let m = doc.as_object_mut().expect("doc is an object");
    let v = m.entry(s.key()).or_insert_with(|| json!([]));
    if !v.is_array() {
        *v = json!([]);
    }
    v.as_array_mut().expect("section is a list")
}

/// Replace `path` with `bytes` atomically, creating the parent directory; mode 0600.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| {
        Error::msg(format!(
            "mkdir {}: {}",
            dir.display(),
            super::view::go_io(&e)
        ))
    })?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".kk-kubeconfig")
        .tempfile_in(&dir)
        .map_err(|e| {
            Error::msg(format!(
                "open {}: {}",
                path.display(),
                super::view::go_io(&e)
            ))
        })?;
    tmp.write_all(bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| Error::Io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubeconfig::{File, parse_doc};

    fn two_files(dir: &std::path::Path) -> Loaded {
        let a = "current-context: a\nclusters:\n- name: ca\n  cluster: {server: https://a, x-unknown: keep}\n";
        let b = "contexts:\n- name: b\n  context: {cluster: cb}\n";
        let f = |n: &str, t: &str| File {
            path: dir.join(n),
            doc: parse_doc(t).unwrap(),
            exists: true,
        };
        merge(vec![f("a", a), f("b", b)], false)
    }

    #[test]
    fn edits_go_to_the_owning_file_and_keep_unknown_fields() {
        let dir = tempfile::tempdir().unwrap();
        let mut l = two_files(dir.path());
        let (file, created) = l.upsert(Section::Contexts, "b", |m| {
            m.insert("namespace".into(), json!("ns"));
        });
        assert_eq!((file, created), (1, false));
        let (file, created) = l.upsert(Section::Clusters, "ca", |m| {
            m.insert("server".into(), json!("https://new"));
        });
        assert_eq!((file, created), (0, false));
        let (file, created) = l.upsert(Section::Users, "new", |_| {});
        assert_eq!((file, created), (0, true));
        l.save(0).unwrap();
        let text = std::fs::read_to_string(dir.path().join("a")).unwrap();
        assert!(text.contains("x-unknown: keep"), "{text}");
        assert!(text.contains("server: https://new"), "{text}");
        assert!(text.contains("- name: new\n  user: {}\n"), "{text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("a"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn remove_and_rename() {
        let dir = tempfile::tempdir().unwrap();
        let mut l = two_files(dir.path());
        assert_eq!(l.rename(Section::Contexts, "b", "c"), Some(1));
        assert!(l.get(Section::Contexts, "c").is_some());
        assert_eq!(l.remove(Section::Clusters, "ca"), Some(0));
        assert!(l.clusters.is_empty());
        assert_eq!(l.remove(Section::Clusters, "ca"), None);
    }
}
