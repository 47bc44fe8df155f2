//! A jsonpath template over a `List` evaluated item by item, so `get` can print a list of
//! any size page by page (see [`crate::printers::PerItem`]).
//!
//! Two shapes read `.items` one element at a time and are split here; every other template
//! needs the whole list:
//! - `HEAD{range .items[*]}BODY{end}TAIL`: client-go evaluates BODY once per element with
//!   the element as the data, so BODY runs per item as is.
//! - `HEAD{.items[*]PATH}TAIL`: one action whose results are every item's PATH results,
//!   joined by spaces (or one JSON array with `jsonpath-as-json`). PATH may hold fields,
//!   `*`, `..`, filters and array indexes, not unions (which collect across items first); an
//!   index that meets an empty slice stops for every later item too, as in client-go. With
//!   `--allow-missing-template-keys=false` a missing key fails only when no item has it, so
//!   this shape is not split then.
//!
//! HEAD and TAIL may be text and actions that start with a field other than `items` (the
//! `List` wrapper's constant `kind`, `apiVersion`, `metadata`): they are evaluated against
//! the wrapper without its items.

use std::borrow::Cow;
use std::io::Write;

use serde_json::Value;

use super::eval::Evaluator;
use super::parse::Node;
use super::{JsonPath, exec_error, push_results};
use crate::printers::{PerItem, Result, json, list_wrapper};

/// What is evaluated per item.
#[derive(Debug)]
enum Each {
    /// A range body.
    Range(Vec<Node>),
    /// The path after `.items[*]` of the one action over the items; `cut[i]` marks a step
    /// that stopped early at an empty slice.
    Action { path: Vec<Node>, cut: Vec<bool> },
}

/// A split template and where its output stands.
#[derive(Debug)]
pub struct Items {
    template: String,
    allow_missing_keys: bool,
    as_json: bool,
    head: Vec<Node>,
    each: Each,
    tail: Vec<Node>,
    /// Results of the action shape printed so far (for the separators).
    printed: usize,
}

impl JsonPath {
    /// The template split for item-by-item printing of a `List`, when its shape allows it.
    pub fn per_item(&self, as_json: bool) -> Option<Items> {
        let nodes = &self.nodes;
        let at = nodes.iter().position(|n| !constant(n))?;
        let Node::List(action) = &nodes[at] else {
            return None;
        };
        let (each, rest) = match action.as_slice() {
            [Node::Identifier(r), Node::Field(f), star] if r == "range" && f == "items" => {
                if !is_star(star) {
                    return None;
                }
                // An unclosed range's body runs once more over the whole list afterwards.
                let end = matching_end(&nodes[at + 1..])?;
                let body = nodes[at + 1..at + 1 + end].to_vec();
                let rest = nodes.get(at + 2 + end..).unwrap_or_default();
                (Each::Range(body), rest)
            }
            [Node::Field(f), star, path @ ..] if f == "items" && is_star(star) => {
                if !self.allow_missing_keys || !path.iter().all(per_input) {
                    return None;
                }
                let each = Each::Action {
                    path: path.to_vec(),
                    cut: vec![false; path.len()],
                };
                (each, &nodes[at + 1..])
            }
            _ => return None,
        };
        if !rest.iter().all(constant) {
            return None;
        }
        Some(Items {
            template: self.template.clone(),
            allow_missing_keys: self.allow_missing_keys,
            as_json,
            head: nodes[..at].to_vec(),
            each,
            tail: rest.to_vec(),
            printed: 0,
        })
    }
}

/// `[*]` or `.*`: every element.
fn is_star(n: &Node) -> bool {
    match n {
        Node::Wildcard => true,
        Node::Array(p) => p.iter().all(|p| !p.known),
        _ => false,
    }
}

/// A path step whose results for a list of inputs are each input's results in order.
fn per_input(n: &Node) -> bool {
    matches!(
        n,
        Node::Field(_) | Node::Array(_) | Node::Filter { .. } | Node::Wildcard | Node::Recursive
    )
}

/// A top-level node that does not read `.items`: text, or an action starting with another
/// field of the wrapper or made of literals.
fn constant(n: &Node) -> bool {
    match n {
        Node::Text(_) => true,
        Node::List(action) => match action.first() {
            Some(Node::Field(f)) => f != "items",
            Some(_) => action.iter().all(|n| {
                matches!(
                    n,
                    Node::Text(_) | Node::Int(_) | Node::Float(_) | Node::Bool(_)
                )
            }),
            None => false,
        },
        _ => false,
    }
}

/// The index in `nodes` of the `{end}` closing a range opened just before them.
fn matching_end(nodes: &[Node]) -> Option<usize> {
    let mut depth = 0;
    for (i, n) in nodes.iter().enumerate() {
        if let Node::List(action) = n {
            match action.first() {
                Some(Node::Identifier(id)) if id == "range" => depth += 1,
                Some(Node::Identifier(id)) if id == "end" => {
                    if depth == 0 {
                        return Some(i);
                    }
                    depth -= 1;
                }
                _ => {}
            }
        }
    }
    None
}

impl Items {
    fn evaluator(&self) -> Evaluator {
        Evaluator::new(self.allow_missing_keys)
    }

    /// HEAD or TAIL against the wrapper without items.
    fn constant_part(&self, nodes: &[Node], w: &mut dyn Write) -> Result<()> {
        if nodes.is_empty() {
            return Ok(());
        }
        let wrapper = list_wrapper(Vec::new());
        let results = self
            .evaluator()
            .find_results(Cow::Borrowed(&wrapper), nodes, 0)
            .map_err(|m| exec_error(&self.template, &m, &wrapper))?;
        let mut out = String::new();
        push_results(&mut out, results, self.as_json);
        w.write_all(out.as_bytes())?;
        Ok(())
    }

    /// The action shape's results for one item.
    fn action_results<'a>(
        &mut self,
        obj: &'a Value,
    ) -> std::result::Result<Vec<Cow<'a, Value>>, String> {
        let mut ev = self.evaluator();
        let Each::Action { path, cut } = &mut self.each else {
            return Ok(Vec::new());
        };
        let mut cur = vec![Cow::Borrowed(obj)];
        for (i, node) in path.iter().enumerate() {
            if cut[i] {
                return Ok(Vec::new());
            }
            let (next, stopped) = ev.step(cur, node)?;
            cut[i] |= stopped;
            cur = next;
        }
        Ok(cur)
    }
}

impl PerItem for Items {
    fn head(&mut self, w: &mut dyn Write) -> Result<()> {
        let head = std::mem::take(&mut self.head);
        let r = self.constant_part(&head, w);
        self.head = head;
        r
    }

    fn item(&mut self, obj: &Value, w: &mut dyn Write) -> Result<()> {
        let mut out = String::new();
        if let Each::Range(body) = &self.each {
            let results = self
                .evaluator()
                .find_results(Cow::Borrowed(obj), body, 0)
                .map_err(|m| exec_error(&self.template, &m, obj))?;
            push_results(&mut out, results, self.as_json);
        } else {
            let results = self
                .action_results(obj)
                .map_err(|m| exec_error(&self.template, &m, obj))?;
            for r in results {
                if self.as_json {
                    // One element of the action's indented array.
                    let one = json::to_indented(&Value::Array(vec![r.into_owned()]), "    ");
                    out.push_str(if self.printed == 0 { "[" } else { "," });
                    out.push_str(
                        one.strip_prefix('[')
                            .and_then(|s| s.strip_suffix("\n]"))
                            .unwrap_or(&one),
                    );
                } else {
                    if self.printed > 0 {
                        out.push(' ');
                    }
                    out.push_str(&super::eval::result_text(&r));
                }
                self.printed += 1;
            }
        }
        w.write_all(out.as_bytes())?;
        Ok(())
    }

    fn tail(&mut self, w: &mut dyn Write) -> Result<()> {
        if matches!(self.each, Each::Action { .. }) && self.as_json {
            w.write_all(if self.printed == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        let tail = std::mem::take(&mut self.tail);
        let r = self.constant_part(&tail, w);
        self.tail = tail;
        r
    }
}
