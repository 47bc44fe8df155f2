//! What `kk explain` prints: the argument split into a resource and a field path as
//! kubectl splits it (a JSONPath whose first field names the resource), and the two layouts
//! (`v3`: the default, from the server's OpenAPI v3; `v2`: `--output=plaintext-openapiv2`).
//! Pure: `cmd/explain.rs` fetches the documents.

pub mod v2;
pub mod v3;
pub mod wrap;

use serde_json::Value;

use crate::resource::discovery::{ApiResource, Discovery};

/// A group, version and resource, as kubectl's messages print them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gvr {
    /// `""` for the core group.
    pub group: String,
    /// `v1`.
    pub version: String,
    /// `pods`.
    pub resource: String,
}

impl Gvr {
    /// Go's `GroupVersionResource.String()`: `apps/v1, Resource=deployments`, `/v1, Resource=pods`.
    pub fn go_string(&self) -> String {
        format!(
            "{}/{}, Resource={}",
            self.group, self.version, self.resource
        )
    }

    /// The `/openapi/v3` key of its group version: `api/v1`, `apis/apps/v1`.
    pub fn openapi_path(&self) -> String {
        if self.group.is_empty() {
            format!("api/{}", self.version)
        } else {
            format!("apis/{}/{}", self.group, self.version)
        }
    }

    fn of(r: &ApiResource) -> Self {
        Gvr {
            group: r.group.clone(),
            version: r.version.clone(),
            resource: r.resource.clone(),
        }
    }
}

/// One step of the JSONPath kubectl parses the argument as.
#[derive(Debug, PartialEq, Eq)]
enum Node {
    Field(String),
    /// `..`, `[...]` and the rest: never a field.
    Other,
}

/// kubectl's `jsonPathParse`: `{.` + the argument (one trailing dot dropped) + `}`.
fn nodes(arg: &str) -> Vec<Node> {
    let s = arg.strip_suffix('.').unwrap_or(arg);
    let text = format!(".{s}");
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'.' if b.get(i + 1) == Some(&b'.') => {
                out.push(Node::Other);
                i += 1;
            }
            b'.' => {
                let start = i + 1;
                let mut end = start;
                while end < b.len() && !b"., []{}()$@'\"\t\n".contains(&b[end]) {
                    end += 1;
                }
                out.push(Node::Field(text[start..end].to_string()));
                i = end;
            }
            b'[' => {
                out.push(Node::Other);
                let close = text[i..].find(']').map_or(b.len(), |j| i + j + 1);
                i = close;
            }
            _ => {
                out.push(Node::Other);
                i += 1;
            }
        }
    }
    out
}

/// Why the argument could not be split.
#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// kubectl's JSONPath complaint.
    Syntax(&'static str),
    /// No resource of that name: `the server doesn't have a resource type "x"`.
    NoMatch(String),
}

const FIRST_FIELD: &str = "invalid jsonpath syntax, first node must be field node";
const ALL_FIELDS: &str = "invalid jsonpath syntax, all nodes must be field nodes";

/// kubectl's `SplitAndParseResourceRequestWithMatchingPrefix` (no `--api-version`): the
/// resource is the first field; a `resource.group` prefix picks that group's resource,
/// else the preferred one, and the rest are fields.
pub fn split_with_prefix(arg: &str, disco: &Discovery) -> Result<(Gvr, Vec<String>), SplitError> {
    let all = nodes(arg);
    let Some(Node::Field(resource)) = all.first() else {
        return Err(SplitError::Syntax(FIRST_FIELD));
    };
    let found = disco.resources_for(resource);
    if found.is_empty() {
        return Err(SplitError::NoMatch(resource.to_lowercase()));
    }
    for r in &found {
        let gr = r.group_resource();
        if let Some(suffix) = arg.strip_prefix(gr.as_str()) {
            let mut fields = Vec::new();
            if !suffix.is_empty() {
                // kubectl parses the suffix (`.spec.x`) as `{..spec.x}` and drops the first
                // node, the `..`.
                for n in nodes(suffix).into_iter().skip(1) {
                    match n {
                        Node::Field(f) => fields.push(f),
                        Node::Other => return Err(SplitError::Syntax(FIRST_FIELD)),
                    }
                }
            }
            return Ok((Gvr::of(r), fields));
        }
    }
    let fields = field_nodes(&all[1..], FIRST_FIELD)?;
    Ok((Gvr::of(found[0]), fields))
}

/// kubectl's `SplitAndParseResourceRequest` (with `--api-version`): the first field is the
/// resource, every later node a field.
pub fn split(arg: &str, disco: &Discovery) -> Result<(Gvr, Vec<String>), SplitError> {
    let all = nodes(arg);
    let Some(Node::Field(resource)) = all.first() else {
        return Err(SplitError::Syntax(FIRST_FIELD));
    };
    let found = disco.resources_for(resource);
    let Some(r) = found.first() else {
        return Err(SplitError::NoMatch(resource.to_lowercase()));
    };
    Ok((Gvr::of(r), field_nodes(&all[1..], ALL_FIELDS)?))
}

fn field_nodes(nodes: &[Node], why: &'static str) -> Result<Vec<String>, SplitError> {
    nodes
        .iter()
        .map(|n| match n {
            Node::Field(f) => Ok(f.clone()),
            Node::Other => Err(SplitError::Syntax(why)),
        })
        .collect()
}

/// A JSON value as Go's `%v` prints the decoded `any`.
pub fn go_value(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(f)) if f.fract() == 0.0 && f.abs() < 1e21 => format!("{f:.0}"),
            _ => n.to_string(),
        },
        Value::String(s) => s.clone(),
        Value::Array(a) => format!("[{}]", a.iter().map(go_value).collect::<Vec<_>>().join(" ")),
        Value::Object(o) => format!(
            "map[{}]",
            o.iter()
                .map(|(k, v)| format!("{k}:{}", go_value(v)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_kubectl_jsonpath() {
        assert_eq!(
            nodes("pods.spec.containers"),
            vec![
                Node::Field("pods".into()),
                Node::Field("spec".into()),
                Node::Field("containers".into())
            ]
        );
        assert_eq!(nodes("pods.")[..], [Node::Field("pods".into())]);
        assert_eq!(nodes("pods.spec[0]")[2], Node::Other);
        assert_eq!(nodes(".spec")[0], Node::Other);
    }

    #[test]
    fn prints_values_as_go() {
        let v = serde_json::json!({"group": "", "kind": "Pod", "version": "v1"});
        assert_eq!(go_value(&v), "map[group: kind:Pod version:v1]");
        assert_eq!(go_value(&serde_json::json!(3.0)), "3");
    }
}
