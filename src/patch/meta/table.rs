//! kk's own patch-metadata table format (`builtin.txt`):
//!
//! ```text
//! kind apps/v1 Deployment apps/v1.Deployment
//! type apps/v1.DeploymentSpec
//!   template -> core/v1.PodTemplateSpec
//!   strategy patch=retainKeys
//! type core/v1.PodSpec
//!   containers -> core/v1.Container patch=merge key=name list=map mapkeys=name
//! ```
//!
//! `-> T`: the field holds a T (or a list of T); `=> T`: a map whose values are T.
//! `patch=`, `key=`, `list=`, `mapkeys=` are the `patchStrategy` / `patchMergeKey` tags and
//! the `+listType` / `+listMapKey` markers. `#` starts a comment line.

use super::{FieldMeta, ListType, TypeId, Types};

/// Parse a table; the error names the line.
pub fn parse(text: &str) -> Result<Types, String> {
    let mut types = Types::default();
    let mut current: Option<TypeId> = None;
    for (n, line) in text.lines().enumerate() {
        let bad = |what: &str| format!("line {}: {what}: {line:?}", n + 1);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("kind ") {
            let parts: Vec<&str> = rest.split_whitespace().collect();
            let [av, kind, ty] = parts.as_slice() else {
                return Err(bad("want `kind <apiVersion> <Kind> <type>`"));
            };
            let id = types.intern(ty);
            types.set_kind(av, kind, id);
            current = None;
        } else if let Some(name) = line.strip_prefix("type ") {
            current = Some(types.intern(name.trim()));
        } else if line.starts_with(' ') {
            let ty = current.ok_or_else(|| bad("field outside a type"))?;
            let mut words = line.split_whitespace();
            let name = words.next().ok_or_else(|| bad("empty field"))?;
            let mut meta = FieldMeta::default();
            while let Some(w) = words.next() {
                match w {
                    "->" | "=>" => {
                        let target = words.next().ok_or_else(|| bad("type expected"))?;
                        meta.elem = Some(types.intern(target));
                        meta.map_of = w == "=>";
                    }
                    _ => {
                        let (k, v) = w.split_once('=').ok_or_else(|| bad("key=value expected"))?;
                        match k {
                            "patch" => meta.set_strategies(v),
                            "key" => meta.merge_key = v.to_string(),
                            "list" => {
                                meta.list_type =
                                    Some(ListType::parse(v).ok_or_else(|| bad("list type"))?)
                            }
                            "mapkeys" => meta.map_keys = v.split(',').map(String::from).collect(),
                            _ => return Err(bad("unknown attribute")),
                        }
                    }
                }
            }
            types.set_field(ty, name, meta);
        } else {
            return Err(bad("unknown line"));
        }
    }
    Ok(types)
}

#[cfg(test)]
mod tests {
    use super::super::Strategy;
    use super::*;

    #[test]
    fn parses_kinds_types_and_fields() {
        let t = parse(
            "# c\nkind v1 Thing x.Thing\ntype x.Thing\n  items -> x.Item patch=merge key=id list=map mapkeys=id,port\n  tags patch=merge list=set\n  byName => x.Item\ntype x.Item\n  u patch=retainKeys\n",
        )
        .unwrap();
        let s = t.schema("v1", "Thing").unwrap();
        let (item, meta) = s.field("items");
        assert_eq!(meta.strategy, Strategy::Merge);
        assert_eq!(meta.map_keys, ["id", "port"]);
        assert!(item.field("u").1.retain_keys);
        let (m, _) = s.field("byName");
        assert!(m.field("anything").0.field("u").1.retain_keys);
        assert!(parse("  orphan\n").is_err());
        assert!(parse("type a\n  f list=bogus\n").is_err());
    }
}
