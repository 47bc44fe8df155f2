//! `kk apply view-last-applied`: the `last-applied-configuration` annotation of the
//! objects named (`TYPE NAME`, `TYPE/NAME`, `-l`, `--all`, `-f`), as YAML (the default) or
//! as the annotation's JSON indented (Go's `json.Indent`, which keeps its bytes).

use serde_json::Value;

use crate::complete::Complete;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::flags::{FilenameFlags, Pflag};
use crate::patch::last_applied::ANNOTATION;
use crate::resource::builder::Selection;
use crate::resource::visit::{Fetch, Options, Visitor};

/// View the latest last-applied-configuration annotations of a resource/object.
///
/// View the latest last-applied-configuration annotations by type/name or file.
///
/// The default output will be printed to stdout in YAML format. You can use the -o option
/// to change the output format.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// TYPE [NAME | -l label] | TYPE/NAME
    #[arg(value_name = "RESOURCE", add = Complete::TypeAndNames)]
    pub args: Vec<String>,
    #[command(flatten)]
    pub files: FilenameFlags,
    /// Output format. Must be one of (yaml, json)
    #[arg(short = 'o', long, default_value = "yaml", value_name = "FORMAT")]
    pub output: String,
    /// Select all resources in the namespace of the specified resource types
    #[arg(long, pflag_bool())]
    pub all: Option<bool>,
    /// Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.
    #[arg(short = 'l', long, value_name = "SELECTOR")]
    pub selector: Option<String>,
}

/// kubectl's long description of the command.
pub const ABOUT: &str = r#"View the latest last-applied-configuration annotations by type/name or file.

 The default output will be printed to stdout in YAML format. You can use the -o option to change the output format."#;

const EXAMPLES: &str = "Examples:
  # View the last-applied-configuration annotations by type/name in YAML
  kk apply view-last-applied deployment/nginx

  # View the last-applied-configuration annotations by file in JSON
  kk apply view-last-applied -f deploy.yaml -o json";

/// Run `kk apply view-last-applied`.
pub async fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let sel = Selection {
        args: args.args.clone(),
        filenames: args.files.filenames(),
        recursive: args.files.recursive(),
        label_selector: args.selector.clone().filter(|s| !s.is_empty()),
        allow_empty_selector: args.all == Some(true),
        ..Selection::default()
    };
    let opts = Options {
        fetch: Fetch::Latest,
        ..Options::default()
    };
    let mut objects = Visitor::new(ctx, &sel, opts).await?;
    let mut configs = Vec::new();
    while let Some(info) = objects.next().await {
        let text = info
            .object
            .as_ref()
            .and_then(|o| o.pointer("/metadata/annotations"))
            .and_then(|a| a.get(ANNOTATION))
            .and_then(Value::as_str);
        match text {
            Some(t) if !t.is_empty() => configs.push(t.to_string()),
            // kubectl wraps a nil error here: only a manifest's object reports it.
            _ => {
                if let Some(src) = &info.source {
                    objects.fail(Error::msg(format!(
                        "error when no last-applied-configuration annotation found on resource: {}\n {src:?}: <nil>",
                        info.name
                    )));
                }
            }
        }
    }
    objects.finish()?;
    for text in configs {
        let out = match args.output.as_str() {
            "json" => indent(&text),
            "yaml" => {
                let v: Value =
                    serde_json::from_str(&text).map_err(|e| Error::msg(e.to_string()))?;
                crate::printers::yaml::to_kubectl_yaml(&v).map_err(|e| Error::msg(e.to_string()))?
            }
            other => {
                return Err(Error::Usage {
                    msg: format!(
                        "Unexpected -o output mode: {other}, the flag 'output' must be one of yaml|json"
                    ),
                    command: "apply view-last-applied".into(),
                });
            }
        };
        ctx.ui().print(&out)?;
    }
    Ok(())
}

/// Go's `json.Indent(dst, src, "", "  ")`: white space outside strings replaced by
/// newlines and two-space indents, empty objects and arrays kept as `{}`/`[]`, everything
/// else (escapes, numbers, the trailing newline) byte for byte.
fn indent(src: &str) -> String {
    let body = src.trim_end();
    let trailing = &src[body.len()..];
    let mut out = String::with_capacity(src.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut need_indent = false;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    for c in body.trim_start().chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        if c.is_ascii_whitespace() {
            continue;
        }
        if need_indent && c != ']' && c != '}' {
            need_indent = false;
            depth += 1;
            newline(&mut out, depth);
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                need_indent = true;
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            '}' | ']' => {
                if need_indent {
                    need_indent = false;
                } else {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                }
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push_str(trailing);
    out
}

#[cfg(test)]
mod tests {
    use super::indent;

    #[test]
    fn indents_like_go() {
        assert_eq!(
            indent("{\"a\":{},\"b\":[1,2],\"c\":\"x\\\"\\u003c\"}\n"),
            "{\n  \"a\": {},\n  \"b\": [\n    1,\n    2\n  ],\n  \"c\": \"x\\\"\\u003c\"\n}\n"
        );
    }
}
