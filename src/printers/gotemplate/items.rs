//! A go-template over a `List` executed item by item, so `get` can print a list of any size
//! page by page (see [`crate::printers::PerItem`]).
//!
//! The shape split here is `TEXT{{range .items}}BODY{{end}}TEXT` (also with `$i, $x :=`
//! and `{{else}}`): text/template runs BODY once per element with the element as dot, so
//! BODY runs per item with the element's index in the whole list, and a `{{break}}` ends
//! the items for good. BODY must not read `$` (the whole list); any other template needs
//! the whole list. The `{{else}}` branch belongs to an empty list, which is never split.

use std::io::Write;

use serde_json::Value;

use super::GoTemplate;
use super::exec::Exec;
use super::parse::{Arg, Node, Pipe};
use crate::printers::{PerItem, Result, list_wrapper};

/// A split template and where its output stands.
#[derive(Debug)]
pub struct Items {
    template: GoTemplate,
    head: String,
    pipe: Pipe,
    body: Vec<Node>,
    tail: String,
    /// The next item's index.
    index: usize,
    /// The body ran `{{break}}`: the remaining items print nothing.
    stopped: bool,
    root: Value,
}

impl GoTemplate {
    /// The template split for item-by-item printing of a `List`, when its shape allows it.
    pub fn per_item(&self) -> Option<Items> {
        let root = &self.tree.root;
        let at = root.iter().position(|n| !matches!(n, Node::Text(_)))?;
        let Node::Range { pipe, list, .. } = &root[at] else {
            return None;
        };
        let over_items = matches!(pipe.cmds.as_slice(),
            [cmd] if matches!(cmd.args.as_slice(),
                [Arg::Field { names, .. }] if names.len() == 1 && names[0] == "items"));
        let texts = |nodes: &[Node]| -> Option<String> {
            nodes
                .iter()
                .map(|n| match n {
                    Node::Text(t) => Some(t.as_str()),
                    _ => None,
                })
                .collect()
        };
        if !over_items || pipe.decl.len() > 2 || list.iter().any(reads_root) {
            return None;
        }
        Some(Items {
            template: self.clone(),
            head: texts(&root[..at])?,
            pipe: pipe.clone(),
            body: list.clone(),
            tail: texts(&root[at + 1..])?,
            index: 0,
            stopped: false,
            root: list_wrapper(Vec::new()),
        })
    }
}

/// Whether a node reads `$`.
fn reads_root(n: &Node) -> bool {
    match n {
        Node::Text(_) | Node::Break(_) | Node::Continue(_) => false,
        Node::Action { pipe, .. } => pipe_reads_root(pipe),
        Node::If {
            pipe,
            list,
            else_list,
            ..
        }
        | Node::Range {
            pipe,
            list,
            else_list,
            ..
        }
        | Node::With {
            pipe,
            list,
            else_list,
            ..
        } => {
            pipe_reads_root(pipe)
                || list.iter().any(reads_root)
                || else_list.iter().flatten().any(reads_root)
        }
        Node::Template { pipe, .. } => pipe.as_ref().is_some_and(pipe_reads_root),
    }
}

fn pipe_reads_root(p: &Pipe) -> bool {
    p.cmds.iter().flat_map(|c| &c.args).any(arg_reads_root)
}

fn arg_reads_root(a: &Arg) -> bool {
    match a {
        Arg::Var { name, .. } => name == "$",
        Arg::Chain { node, .. } => arg_reads_root(node),
        Arg::Pipe(p) => pipe_reads_root(p),
        _ => false,
    }
}

impl PerItem for Items {
    fn head(&mut self, w: &mut dyn Write) -> Result<()> {
        w.write_all(self.head.as_bytes())?;
        Ok(())
    }

    fn item(&mut self, obj: &Value, w: &mut dyn Write) -> Result<()> {
        if self.stopped {
            return Ok(());
        }
        let t = &self.template;
        let mut ex = Exec::new(&t.tree, &t.template, !t.allow_missing_keys);
        let ran = ex.range_element(&self.root, &self.pipe, &self.body, self.index, obj);
        self.index += 1;
        match ran {
            Ok(stop) => {
                self.stopped = stop;
                w.write_all(ex.out.as_bytes())?;
                Ok(())
            }
            Err(e) => {
                let (text, err) = t.failure(ex.out, &e, obj);
                w.write_all(text.as_bytes())?;
                Err(err)
            }
        }
    }

    fn tail(&mut self, w: &mut dyn Write) -> Result<()> {
        w.write_all(self.tail.as_bytes())?;
        Ok(())
    }
}
