//! Executes a parsed template over an unstructured object with text/template's semantics:
//! missing map keys are "no value" (or an error with `missingkey=error`), nil vs missing,
//! truthiness, `range` over lists, maps (sorted keys) and integers, variables and scopes,
//! `break`/`continue`, `and`/`or` short-circuiting, Go's comparison rules, and kubectl's
//! extra functions `exists` and `base64decode`. Errors carry Go's
//! `template: output:L:C: executing "output" at <node>: ...` prefix.

use super::parse::{Arg, Cmd, Lit, Node, Pipe, Tree, line_col};
use super::printf::{sprint, sprint_v, sprintf, sprintln, type_name};
use serde_json::Value;

/// A template value: `Missing` is Go's invalid reflect.Value (`<no value>`), `Int` a Go
/// `int` (literals, indexes, `len`), `Val` anything from the object (`Null` = nil interface).
#[derive(Clone, Debug, PartialEq)]
pub enum V {
    Missing,
    Int(i64),
    Val(Value),
}

impl V {
    fn truth(&self) -> bool {
        match self {
            V::Missing => false,
            V::Int(i) => *i != 0,
            V::Val(v) => match v {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
                Value::String(s) => !s.is_empty(),
                Value::Array(a) => !a.is_empty(),
                Value::Object(m) => !m.is_empty(),
            },
        }
    }

    /// Pipelines unwrap a nil interface into "no value".
    fn unwrap_nil(self) -> V {
        match self {
            V::Val(Value::Null) => V::Missing,
            v => v,
        }
    }
}

enum Flow {
    Normal,
    Break,
    Continue,
}

pub struct Exec<'a> {
    tree: &'a Tree,
    input: &'a str,
    missing_error: bool,
    pub out: String,
    vars: Vec<(String, V)>,
    at: (usize, String),
    depth: usize,
    /// The template being executed (`output`, or a `{{define}}` name), for error context.
    name: String,
}

type R<T> = Result<T, String>;

impl<'a> Exec<'a> {
    pub fn new(tree: &'a Tree, input: &'a str, missing_error: bool) -> Self {
        Exec {
            tree,
            input,
            missing_error,
            out: String::new(),
            vars: Vec::new(),
            at: (0, String::new()),
            depth: 0,
            name: "output".into(),
        }
    }

    fn fail(&self, msg: impl std::fmt::Display) -> String {
        format!(
            "template: output:{}: executing {} at <{}>: {msg}",
            line_col(self.input, self.at.0),
            quote(&self.name),
            self.at.1
        )
    }

    pub fn run(&mut self, data: &Value) -> R<()> {
        self.vars = vec![("$".into(), V::Val(data.clone()))];
        let root = &self.tree.root;
        self.list(root, &V::Val(data.clone()))?;
        Ok(())
    }

    /// One element of a `range` over a list as [`range`](Self::range) runs it (for a list
    /// printed item by item): `root` is `$`, `index` the element's position in the whole
    /// list. `Ok(true)` when the body ran `{{break}}`.
    pub fn range_element(
        &mut self,
        root: &Value,
        pipe: &Pipe,
        list: &[Node],
        index: usize,
        elem: &Value,
    ) -> R<bool> {
        self.vars = vec![("$".into(), V::Val(root.clone()))];
        let elem = V::Val(elem.clone());
        match pipe.decl.len() {
            1 => self.set_var(&pipe.decl[0], elem.clone(), pipe.is_assign),
            2 => {
                self.set_var(&pipe.decl[0], V::Int(index as i64), pipe.is_assign);
                self.set_var(&pipe.decl[1], elem.clone(), pipe.is_assign);
            }
            _ => {}
        }
        let flow = self.list(list, &elem)?;
        Ok(matches!(flow, Flow::Break))
    }

    fn list(&mut self, nodes: &[Node], dot: &V) -> R<Flow> {
        for n in nodes {
            match self.node(n, dot)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    fn scoped(&mut self, nodes: &[Node], dot: &V) -> R<Flow> {
        let mark = self.vars.len();
        let r = self.list(nodes, dot);
        self.vars.truncate(mark);
        r
    }

    fn node(&mut self, n: &Node, dot: &V) -> R<Flow> {
        match n {
            Node::Text(t) => self.out.push_str(t),
            Node::Action { pipe, .. } => {
                let v = self.pipeline(dot, pipe)?;
                if pipe.decl.is_empty() {
                    self.out.push_str(&print_value(&v));
                }
            }
            Node::If {
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
                let mark = self.vars.len();
                let v = self.pipeline(dot, pipe)?;
                let is_with = matches!(n, Node::With { .. });
                let r = if v.truth() {
                    let d = if is_with { v } else { dot.clone() };
                    self.scoped(list, &d)
                } else if let Some(e) = else_list {
                    self.scoped(e, dot)
                } else {
                    Ok(Flow::Normal)
                };
                self.vars.truncate(mark);
                return r;
            }
            Node::Range {
                pipe,
                list,
                else_list,
                ..
            } => return self.range(dot, pipe, list, else_list.as_deref()),
            Node::Break(_) => return Ok(Flow::Break),
            Node::Continue(_) => return Ok(Flow::Continue),
            Node::Template { pos, name, pipe } => {
                let d = match pipe {
                    Some(p) => self.pipeline(dot, p)?,
                    None => V::Missing,
                };
                let Some(body) = self.tree.defines.get(name) else {
                    self.at = (
                        *pos,
                        format!("{{{{template {}}}}}", super::super::json::quote(name)),
                    );
                    return Err(self.fail(format!(
                        "template {} not defined",
                        super::super::json::quote(name)
                    )));
                };
                // Go allows 100000 nested calls; kk's recursion would exhaust the stack long
                // before, so it stops earlier with Go's message (only runaway recursion gets here).
                if self.depth >= 1000 {
                    self.at = (
                        *pos,
                        format!("{{{{template {}}}}}", super::super::json::quote(name)),
                    );
                    return Err(self.fail("exceeded maximum template depth (100000)"));
                }
                self.depth += 1;
                let saved = std::mem::take(&mut self.vars);
                let saved_name = std::mem::replace(&mut self.name, name.clone());
                self.vars = vec![("$".into(), d.clone())];
                let r = self.list(body, &d);
                self.vars = saved;
                self.name = saved_name;
                self.depth -= 1;
                r?;
            }
        }
        Ok(Flow::Normal)
    }

    fn range(
        &mut self,
        dot: &V,
        pipe: &Pipe,
        list: &[Node],
        else_list: Option<&[Node]>,
    ) -> R<Flow> {
        let mark = self.vars.len();
        // The range pipeline's declarations bind per element, not to the whole value.
        let plain = Pipe {
            decl: Vec::new(),
            ..pipe.clone()
        };
        let v = self.pipeline(dot, &plain)?;
        // Walked in place, never collected: `range 1000000000` costs time, as in Go, not
        // memory, and a list's elements are cloned one at a time.
        let items: Box<dyn Iterator<Item = (V, V)>> = match &v {
            V::Missing => Box::new(std::iter::empty()),
            V::Val(Value::Array(a)) => Box::new(
                a.iter()
                    .enumerate()
                    .map(|(i, x)| (V::Int(i as i64), V::Val(x.clone()))),
            ),
            V::Val(Value::Object(m)) => Box::new(
                m.iter()
                    .map(|(k, x)| (V::Val(Value::String(k.clone())), V::Val(x.clone()))),
            ),
            V::Int(n) => Box::new((0..*n).map(|i| (V::Int(i), V::Int(i)))),
            V::Val(Value::Number(n)) if n.as_i64().is_some() => {
                Box::new((0..n.as_i64().unwrap_or(0)).map(|i| (V::Int(i), V::Val(Value::from(i)))))
            }
            other => return Err(self.fail(format!("range can't iterate over {}", sprint_v(other)))),
        };
        let mut items = items.peekable();
        if items.peek().is_none() {
            let r = match else_list {
                Some(e) => self.scoped(e, dot),
                None => Ok(Flow::Normal),
            };
            self.vars.truncate(mark);
            return r.map(|_| Flow::Normal);
        }
        for (k, elem) in items {
            let inner = self.vars.len();
            match pipe.decl.len() {
                1 => self.set_var(&pipe.decl[0], elem.clone(), pipe.is_assign),
                2 => {
                    self.set_var(&pipe.decl[0], k, pipe.is_assign);
                    self.set_var(&pipe.decl[1], elem.clone(), pipe.is_assign);
                }
                _ => {}
            }
            let flow = self.list(list, &elem)?;
            self.vars.truncate(inner.max(mark));
            if matches!(flow, Flow::Break) {
                break;
            }
        }
        self.vars.truncate(mark);
        Ok(Flow::Normal)
    }

    fn set_var(&mut self, name: &str, v: V, assign: bool) {
        if assign && let Some(slot) = self.vars.iter_mut().rev().find(|(n, _)| n == name) {
            slot.1 = v;
            return;
        }
        self.vars.push((name.to_string(), v));
    }

    fn pipeline(&mut self, dot: &V, pipe: &Pipe) -> R<V> {
        let mut value: Option<V> = None;
        for cmd in &pipe.cmds {
            value = Some(self.command(dot, cmd, value)?.unwrap_nil());
        }
        let v = value.unwrap_or(V::Missing);
        for d in &pipe.decl {
            self.set_var(d, v.clone(), pipe.is_assign);
        }
        Ok(v)
    }

    fn command(&mut self, dot: &V, cmd: &Cmd, fin: Option<V>) -> R<V> {
        let first = &cmd.args[0];
        let has_args = cmd.args.len() > 1 || fin.is_some();
        match first {
            Arg::Ident { name, .. } => {
                let name = name.clone();
                self.call(dot, cmd, &name, &cmd.args[1..], fin)
            }
            Arg::Field { .. } | Arg::Var { .. } | Arg::Chain { .. } => {
                if has_args {
                    let last = match first {
                        Arg::Field { names, .. }
                        | Arg::Var { names, .. }
                        | Arg::Chain { names, .. } => names.last().cloned().unwrap_or_default(),
                        _ => String::new(),
                    };
                    self.at = (arg_pos(first), first.to_string());
                    if let Arg::Var { names, .. } = first
                        && names.is_empty()
                    {
                        return Err(
                            self.fail(format!("can't give argument to non-function {first}"))
                        );
                    }
                    return Err(self.fail(format!("{last} is not a method but has arguments")));
                }
                self.arg(dot, first)
            }
            Arg::Pipe(p) => {
                if has_args {
                    self.at = (cmd.pos, cmd.to_string());
                    return Err(self.fail(format!("can't give argument to non-function {first}")));
                }
                self.pipeline(dot, p)
            }
            Arg::Nil(pos) => {
                self.at = (*pos, "nil".into());
                Err(self.fail("nil is not a command"))
            }
            other => {
                if has_args {
                    self.at = (arg_pos(other), other.to_string());
                    return Err(self.fail(format!("can't give argument to non-function {other}")));
                }
                self.arg(dot, other)
            }
        }
    }

    fn arg(&mut self, dot: &V, a: &Arg) -> R<V> {
        Ok(match a {
            Arg::Dot(_) => dot.clone(),
            Arg::Nil(_) => V::Val(Value::Null),
            Arg::Bool(_, b) => V::Val(Value::Bool(*b)),
            Arg::Num { val, .. } => match val {
                Lit::Int(i) => V::Int(*i),
                Lit::Float(f) => V::Val(
                    serde_json::Number::from_f64(*f)
                        .map(Value::Number)
                        .unwrap_or(Value::Null),
                ),
            },
            Arg::Str { val, .. } => V::Val(Value::String(val.clone())),
            Arg::Field { pos, names } => {
                self.at = (*pos, a.to_string());
                self.fields(dot.clone(), names)?
            }
            Arg::Var { pos, name, names } => {
                let v = self
                    .vars
                    .iter()
                    .rev()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or(V::Missing);
                self.at = (*pos, a.to_string());
                self.fields(v, names)?
            }
            Arg::Chain { pos, node, names } => {
                let base = self.arg(dot, node)?.unwrap_nil();
                self.at = (*pos, a.to_string());
                self.fields(base, names)?
            }
            Arg::Pipe(p) => self.pipeline(dot, p)?,
            Arg::Ident { pos, name } => {
                let cmd = Cmd {
                    pos: *pos,
                    args: vec![a.clone()],
                };
                let name = name.clone();
                self.call(dot, &cmd, &name, &[], None)?
            }
        })
    }

    fn fields(&mut self, mut v: V, names: &[String]) -> R<V> {
        for name in names {
            v = match v {
                V::Missing => {
                    if self.missing_error {
                        return Err(
                            self.fail(format!("nil data; no entry for key {}", quote(name)))
                        );
                    }
                    V::Missing
                }
                V::Val(Value::Null) => {
                    return Err(self.fail(format!("nil pointer evaluating interface {{}}.{name}")));
                }
                V::Val(Value::Object(m)) => match m.get(name) {
                    Some(x) => V::Val(x.clone()),
                    None if self.missing_error => {
                        return Err(self.fail(format!("map has no entry for key {}", quote(name))));
                    }
                    None => V::Missing,
                },
                _ => {
                    return Err(self.fail(format!(
                        "can't evaluate field {name} in type interface {{}}"
                    )));
                }
            };
        }
        Ok(v)
    }

    fn call(&mut self, dot: &V, cmd: &Cmd, name: &str, args: &[Arg], fin: Option<V>) -> R<V> {
        // and/or evaluate lazily and return an operand.
        if name == "and" || name == "or" {
            let mut all: Vec<Option<&Arg>> = args.iter().map(Some).collect();
            if fin.is_some() {
                all.push(None);
            }
            if all.is_empty() {
                self.at = (cmd.pos, cmd.to_string());
                return Err(self.fail(format!(
                    "wrong number of args for {name}: want at least 1 got 0"
                )));
            }
            let mut last = V::Missing;
            for a in all {
                let v = match a {
                    Some(a) => self.arg(dot, a)?,
                    None => fin.clone().unwrap_or(V::Missing),
                };
                let t = v.truth();
                last = v;
                if (name == "and" && !t) || (name == "or" && t) {
                    break;
                }
            }
            return Ok(last);
        }
        let mut vals = Vec::with_capacity(args.len() + 1);
        for a in args {
            vals.push(self.arg(dot, a)?);
        }
        if let Some(f) = fin {
            vals.push(f);
        }
        self.at = (cmd.pos, cmd.to_string());
        builtin(name, &vals).map_err(|e| self.fail(format!("error calling {name}: {e}")))
    }
}

fn arg_pos(a: &Arg) -> usize {
    match a {
        Arg::Field { pos, .. }
        | Arg::Var { pos, .. }
        | Arg::Chain { pos, .. }
        | Arg::Num { pos, .. }
        | Arg::Str { pos, .. }
        | Arg::Ident { pos, .. } => *pos,
        Arg::Dot(p) | Arg::Nil(p) | Arg::Bool(p, _) => *p,
        Arg::Pipe(p) => p.pos,
    }
}

fn quote(s: &str) -> String {
    crate::printers::gofmt::go_quote(s)
}

/// How an action prints its value.
pub fn print_value(v: &V) -> String {
    match v {
        V::Missing | V::Val(Value::Null) => "<no value>".into(),
        other => sprint_v(other),
    }
}

#[derive(PartialEq, Clone, Copy)]
enum Kind {
    Bool,
    Int,
    Float,
    Str,
    Other,
    Nil,
}

fn kind(v: &V) -> Kind {
    match v {
        V::Missing | V::Val(Value::Null) => Kind::Nil,
        V::Int(_) => Kind::Int,
        V::Val(Value::Bool(_)) => Kind::Bool,
        V::Val(Value::Number(n)) if n.as_i64().is_some() => Kind::Int,
        V::Val(Value::Number(_)) => Kind::Float,
        V::Val(Value::String(_)) => Kind::Str,
        V::Val(_) => Kind::Other,
    }
}

fn int_of(v: &V) -> i64 {
    match v {
        V::Int(i) => *i,
        V::Val(Value::Number(n)) => n.as_i64().unwrap_or(0),
        _ => 0,
    }
}

fn float_of(v: &V) -> f64 {
    match v {
        V::Val(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
        _ => 0.0,
    }
}

fn str_of(v: &V) -> &str {
    match v {
        V::Val(Value::String(s)) => s,
        _ => "",
    }
}

fn eq(a: &V, b: &V) -> Result<bool, String> {
    let (ka, kb) = (kind(a), kind(b));
    if ka != kb {
        if ka == Kind::Nil || kb == Kind::Nil {
            return Ok(false);
        }
        return Err("incompatible types for comparison".into());
    }
    Ok(match ka {
        Kind::Bool => a == b,
        Kind::Int => int_of(a) == int_of(b),
        Kind::Float => float_of(a) == float_of(b),
        Kind::Str => str_of(a) == str_of(b),
        Kind::Nil => true,
        Kind::Other => {
            return Err(format!(
                "non-comparable type {}: {}",
                super::printf::sprintf("%s", std::slice::from_ref(a)),
                type_name(a)
            ));
        }
    })
}

fn lt(a: &V, b: &V) -> Result<bool, String> {
    let (ka, kb) = (kind(a), kind(b));
    if matches!(ka, Kind::Other | Kind::Nil) || matches!(kb, Kind::Other | Kind::Nil) {
        return Err("invalid type for comparison".into());
    }
    if ka != kb {
        return Err("incompatible types for comparison".into());
    }
    Ok(match ka {
        Kind::Int => int_of(a) < int_of(b),
        Kind::Float => float_of(a) < float_of(b),
        Kind::Str => str_of(a) < str_of(b),
        _ => return Err("invalid type for comparison".into()),
    })
}

fn builtin(name: &str, v: &[V]) -> Result<V, String> {
    let want = |n: usize| -> Result<(), String> {
        if v.len() != n {
            return Err(format!(
                "wrong number of args for {name}: want {n} got {}",
                v.len()
            ));
        }
        Ok(())
    };
    let b = |x: bool| V::Val(Value::Bool(x));
    match name {
        "not" => {
            want(1)?;
            Ok(b(!v[0].truth()))
        }
        "len" => {
            want(1)?;
            match &v[0] {
                V::Val(Value::String(s)) => Ok(V::Int(s.len() as i64)),
                V::Val(Value::Array(a)) => Ok(V::Int(a.len() as i64)),
                V::Val(Value::Object(m)) => Ok(V::Int(m.len() as i64)),
                // A missing key is Go's invalid Value, whose type cannot even be named.
                V::Missing => Err("reflect: call of reflect.Value.Type on zero Value".into()),
                V::Val(Value::Null) => Err("len of nil pointer".into()),
                other => Err(format!("len of type {}", type_name(other))),
            }
        }
        "index" => {
            let Some(first) = v.first() else {
                return Err("wrong number of args for index: want at least 1 got 0".to_string());
            };
            let mut cur = first.clone();
            for idx in &v[1..] {
                cur = match (&cur, idx) {
                    (V::Missing | V::Val(Value::Null), _) => {
                        return Err("index of untyped nil".into());
                    }
                    (V::Val(Value::Object(m)), V::Val(Value::String(k))) => {
                        m.get(k).cloned().map(V::Val).unwrap_or(V::Val(Value::Null))
                    }
                    (V::Val(Value::Object(_)), other) => {
                        return Err(format!(
                            "value has type {}; should be string",
                            type_name(other)
                        ));
                    }
                    (V::Val(Value::Array(a)), i) if kind(i) == Kind::Int => {
                        let n = int_of(i);
                        if n < 0 || n as usize >= a.len() {
                            return Err(format!("index out of range: {n}"));
                        }
                        V::Val(a[n as usize].clone())
                    }
                    (V::Val(Value::String(s)), i) if kind(i) == Kind::Int => {
                        let n = int_of(i);
                        if n < 0 || n as usize >= s.len() {
                            return Err(format!("index out of range: {n}"));
                        }
                        V::Int(s.as_bytes()[n as usize] as i64)
                    }
                    (V::Val(Value::Array(_)) | V::Val(Value::String(_)), other) => {
                        return Err(format!(
                            "cannot index slice/array with type {}",
                            type_name(other)
                        ));
                    }
                    (other, _) => {
                        return Err(format!("can't index item of type {}", type_name(other)));
                    }
                };
            }
            Ok(cur)
        }
        "slice" => {
            let Some(first) = v.first() else {
                return Err("wrong number of args for slice: want at least 1 got 0".into());
            };
            let len = match first {
                V::Val(Value::String(s)) => s.len(),
                V::Val(Value::Array(a)) => a.len(),
                V::Missing | V::Val(Value::Null) => return Err("slice of untyped nil".into()),
                other => return Err(format!("can't slice item of type {}", type_name(other))),
            };
            let mut idx = Vec::new();
            for i in &v[1..] {
                if kind(i) != Kind::Int {
                    return Err(format!(
                        "cannot index slice/array with type {}",
                        type_name(i)
                    ));
                }
                idx.push(int_of(i));
            }
            if idx.len() > 3 {
                return Err(format!("too many slice indexes: {}", idx.len()));
            }
            let lo = idx.first().copied().unwrap_or(0);
            let hi = idx.get(1).copied().unwrap_or(len as i64);
            if lo < 0 || hi < lo || hi > len as i64 {
                return Err(format!(
                    "index out of range: {}",
                    if lo < 0 || lo > len as i64 { lo } else { hi }
                ));
            }
            let (lo, hi) = (lo as usize, hi as usize);
            Ok(match first {
                V::Val(Value::String(s)) => {
                    V::Val(Value::String(s.get(lo..hi).unwrap_or("").to_string()))
                }
                V::Val(Value::Array(a)) => V::Val(Value::Array(a[lo..hi].to_vec())),
                _ => V::Missing,
            })
        }
        "print" => Ok(V::Val(Value::String(sprint(v)))),
        "println" => Ok(V::Val(Value::String(sprintln(v)))),
        "printf" => {
            let Some(V::Val(Value::String(f))) = v.first() else {
                return Err("wrong type for value; expected string".into());
            };
            Ok(V::Val(Value::String(sprintf(f, &v[1..]))))
        }
        "eq" => {
            if v.len() < 2 {
                return Err("missing argument for comparison".into());
            }
            for other in &v[1..] {
                if eq(&v[0], other)? {
                    return Ok(b(true));
                }
            }
            Ok(b(false))
        }
        "ne" => {
            want(2)?;
            Ok(b(!eq(&v[0], &v[1])?))
        }
        "lt" => {
            want(2)?;
            Ok(b(lt(&v[0], &v[1])?))
        }
        "le" => {
            want(2)?;
            Ok(b(lt(&v[0], &v[1])? || eq(&v[0], &v[1])?))
        }
        "gt" => {
            want(2)?;
            Ok(b(!(lt(&v[0], &v[1])? || eq(&v[0], &v[1])?)))
        }
        "ge" => {
            want(2)?;
            Ok(b(!lt(&v[0], &v[1])?))
        }
        "html" => Ok(V::Val(Value::String(html_escape(&sprint(v))))),
        "js" => Ok(V::Val(Value::String(js_escape(&sprint(v))))),
        "urlquery" => Ok(V::Val(Value::String(crate::go::query_escape(&sprint(v))))),
        "exists" => {
            let Some(first) = v.first() else {
                return Ok(b(false));
            };
            let mut cur = first.clone();
            for idx in &v[1..] {
                cur = match (&cur, idx) {
                    (V::Val(Value::Object(m)), V::Val(Value::String(k))) => {
                        m.get(k).cloned().map(V::Val).unwrap_or(V::Missing)
                    }
                    (V::Val(Value::Array(a)), i) if kind(i) == Kind::Int => {
                        let n = int_of(i);
                        if n < 0 || n as usize >= a.len() {
                            return Ok(b(false));
                        }
                        V::Val(a[n as usize].clone())
                    }
                    _ => return Ok(b(false)),
                };
            }
            Ok(b(!matches!(cur, V::Missing | V::Val(Value::Null))))
        }
        "base64decode" => {
            want(1)?;
            let s = match &v[0] {
                V::Val(Value::String(s)) => s.clone(),
                other => {
                    return Err(format!(
                        "wrong type for value; expected string; got {}",
                        type_name(other)
                    ));
                }
            };
            let bytes = base64_std_decode(&s).map_err(|at| {
                format!("base64 decode failed: illegal base64 data at input byte {at}")
            })?;
            Ok(V::Val(Value::String(
                String::from_utf8_lossy(&bytes).into_owned(),
            )))
        }
        "call" => Err("call of nil".into()),
        other => Err(format!("function \"{other}\" not defined")),
    }
}

fn html_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\'' => out.push_str("&#39;"),
            '"' => out.push_str("&#34;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn js_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            '\n' => out.push_str("\\u000A"),
            '\r' => out.push_str("\\u000D"),
            '\t' => out.push_str("\\u0009"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Go's `base64.StdEncoding.DecodeString` (padding required); the error is the offset Go
/// reports as "illegal base64 data at input byte N".
fn base64_std_decode(s: &str) -> Result<Vec<u8>, usize> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        })
    };
    // Go skips \r and \n.
    let input: Vec<(usize, u8)> = s
        .bytes()
        .enumerate()
        .filter(|(_, c)| *c != b'\r' && *c != b'\n')
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < input.len() {
        let chunk = &input[i..(i + 4).min(input.len())];
        let mut acc = 0u32;
        let mut n = 0;
        for (k, &(pos, c)) in chunk.iter().enumerate() {
            if c == b'=' {
                // Padding: only valid in the last quantum, at positions 2 or 3.
                if k < 2
                    || i + 4 != input.len()
                    || (k == 2 && chunk.get(3).map(|x| x.1) != Some(b'='))
                {
                    return Err(pos);
                }
                break;
            }
            let Some(v) = val(c) else { return Err(pos) };
            acc = (acc << 6) | v;
            n += 1;
        }
        if chunk.len() < 4 && n == chunk.len() {
            return Err(input.last().map(|x| x.0 + 1).unwrap_or(0).min(s.len())
                - if chunk.len() == 1 { 1 } else { 0 });
        }
        match n {
            4 => out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]),
            3 => {
                acc <<= 6;
                out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8]);
            }
            2 => {
                acc <<= 12;
                out.push((acc >> 16) as u8);
            }
            _ => return Err(chunk.first().map(|x| x.0).unwrap_or(0)),
        }
        i += 4;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64() {
        assert_eq!(base64_std_decode("aGk=").unwrap(), b"hi");
        assert_eq!(base64_std_decode("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(base64_std_decode("").unwrap(), b"");
        assert_eq!(base64_std_decode("!!"), Err(0));
    }

    #[test]
    fn escapes() {
        assert_eq!(html_escape("<a>"), "&lt;a&gt;");
        assert_eq!(js_escape("a'b"), "a\\'b");
        assert_eq!(crate::go::query_escape("a b&"), "a+b%26");
    }
}
