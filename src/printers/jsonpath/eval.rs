//! Evaluator for parsed JSONPath templates, mirroring client-go's semantics: missing keys
//! (allowed by default), out-of-range indexes (always an error), `{range}`/`{end}` blocks,
//! filters with Go template comparison rules, and how each result prints.
//!
//! One deliberate difference: Go iterates maps in random order for `*` and `..`; kk uses
//! key order so output is stable.

use super::parse::{Node, Param};
use crate::printers::gofmt::{GoNum, fmt_v_number, go_num, go_v};
use crate::printers::json;
use serde_json::Value;
use std::borrow::Cow;

type Item<'a> = Cow<'a, Value>;

pub struct Evaluator {
    pub allow_missing_keys: bool,
    in_range: usize,
    end_range: usize,
    begin_range: usize,
    stack: usize,
    last_end_node: Option<usize>,
}

impl Evaluator {
    pub fn new(allow_missing_keys: bool) -> Self {
        Evaluator {
            allow_missing_keys,
            in_range: 0,
            end_range: 0,
            begin_range: 0,
            stack: 0,
            last_end_node: None,
        }
    }

    /// `FindResults`: one result list per executed action (or text node).
    pub fn find_results<'a>(
        &mut self,
        data: Item<'a>,
        nodes: &[Node],
        base: usize,
    ) -> Result<Vec<Vec<Item<'a>>>, String> {
        let mut full = Vec::new();
        let mut i = 0;
        while i < nodes.len() {
            let results = self.walk(vec![data.clone()], &nodes[i])?;
            if self.end_range > 0 && self.end_range <= self.in_range {
                self.end_range -= 1;
                self.last_end_node = Some(base + i);
                break;
            }
            if self.begin_range > 0 {
                self.begin_range -= 1;
                self.in_range += 1;
                if results.is_empty() {
                    // Still walk the body so the matching `{end}` is found.
                    self.find_results(Cow::Owned(Value::Null), &nodes[i + 1..], base + i + 1)?;
                } else {
                    for value in results {
                        let r = self.find_results(value, &nodes[i + 1..], base + i + 1)?;
                        full.extend(r);
                    }
                }
                self.in_range -= 1;
                if let Some(end) = self.last_end_node
                    && end > base + i
                    && end < base + nodes.len()
                {
                    i = end - base;
                }
                i += 1;
                continue;
            }
            full.push(results);
            i += 1;
        }
        Ok(full)
    }

    fn walk<'a>(&mut self, input: Vec<Item<'a>>, node: &Node) -> Result<Vec<Item<'a>>, String> {
        match node {
            Node::List(nodes) => self.eval_list(input, nodes),
            Node::Text(s) => Ok(vec![Cow::Owned(Value::String(s.clone()))]),
            Node::Field(name) => self.eval_field(input, name),
            Node::Array(params) => eval_array(input, *params).map(|(r, _)| r),
            Node::Filter { left, right, op } => self.eval_filter(input, left, right, op),
            Node::Int(i) => Ok(vec![Cow::Owned(Value::from(*i))]),
            Node::Float(f) => Ok(vec![Cow::Owned(
                serde_json::Number::from_f64(*f)
                    .map(Value::Number)
                    .unwrap_or(Value::Null),
            )]),
            Node::Bool(b) => Ok(vec![Cow::Owned(Value::Bool(*b))]),
            Node::Wildcard => Ok(eval_wildcard(input)),
            Node::Recursive => Ok(eval_recursive(input)),
            Node::Union(lists) => {
                let mut out = Vec::new();
                for l in lists {
                    out.extend(self.eval_list(input.clone(), l)?);
                }
                Ok(out)
            }
            Node::Identifier(name) => self.eval_identifier(input, name),
        }
    }

    fn eval_list<'a>(
        &mut self,
        input: Vec<Item<'a>>,
        nodes: &[Node],
    ) -> Result<Vec<Item<'a>>, String> {
        let mut cur = input;
        for n in nodes {
            cur = self.walk(cur, n)?;
        }
        Ok(cur)
    }

    fn eval_identifier<'a>(
        &mut self,
        input: Vec<Item<'a>>,
        name: &str,
    ) -> Result<Vec<Item<'a>>, String> {
        match name {
            "range" => {
                self.stack += 1;
                self.begin_range += 1;
                Ok(input)
            }
            "end" => {
                if self.end_range < self.in_range {
                    self.end_range += 1;
                } else if self.stack > 0 {
                    self.stack -= 1;
                } else {
                    return Err("not in range, nothing to end".into());
                }
                Ok(Vec::new())
            }
            _ => Err(format!("unrecognized identifier {name}")),
        }
    }

    fn eval_field<'a>(
        &mut self,
        input: Vec<Item<'a>>,
        name: &str,
    ) -> Result<Vec<Item<'a>>, String> {
        if input.is_empty() {
            return Ok(Vec::new());
        }
        let mut results = Vec::new();
        for v in input {
            match v {
                Cow::Borrowed(Value::Object(m)) => {
                    if let Some(x) = m.get(name) {
                        results.push(Cow::Borrowed(x));
                    }
                }
                Cow::Owned(Value::Object(mut m)) => {
                    if let Some(x) = m.remove(name) {
                        results.push(Cow::Owned(x));
                    }
                }
                _ => {}
            }
        }
        if results.is_empty() && !self.allow_missing_keys {
            return Err(format!("{name} is not found"));
        }
        Ok(results)
    }

    fn eval_filter<'a>(
        &mut self,
        input: Vec<Item<'a>>,
        left: &[Node],
        right: &[Node],
        op: &str,
    ) -> Result<Vec<Item<'a>>, String> {
        let mut results = Vec::new();
        for v in input {
            let elems: Vec<Item<'a>> = match v {
                Cow::Borrowed(Value::Array(a)) => a.iter().map(Cow::Borrowed).collect(),
                Cow::Owned(Value::Array(a)) => a.into_iter().map(Cow::Owned).collect(),
                other => {
                    return Err(format!(
                        "{} is not array or slice and cannot be filtered",
                        go_v(&other)
                    ));
                }
            };
            for elem in elems {
                let lefts = self.eval_list(vec![elem.clone()], left);
                if op == "exists" {
                    if lefts.as_ref().is_ok_and(|l| !l.is_empty()) {
                        results.push(elem);
                    }
                    continue;
                }
                let lefts = lefts?;
                let l = match lefts.len() {
                    0 => continue,
                    1 => lefts.into_iter().next().unwrap_or_default(),
                    _ => return Err("can only compare one element at a time".into()),
                };
                let rights = self.eval_list(vec![elem.clone()], right)?;
                let r = match rights.len() {
                    0 => continue,
                    1 => rights.into_iter().next().unwrap_or_default(),
                    _ => return Err("can only compare one element at a time".into()),
                };
                let pass = match op {
                    "<" => less(&l, &r)?,
                    ">" => !less_equal(&l, &r)?,
                    "==" => equal(&l, &r)?,
                    "!=" => !equal(&l, &r)?,
                    "<=" => less_equal(&l, &r)?,
                    ">=" => !less(&l, &r)?,
                    _ => return Err(format!("unrecognized filter operator {op}")),
                };
                if pass {
                    results.push(elem);
                }
            }
        }
        Ok(results)
    }

    /// One step of a path, saying whether it was an array index that stopped early (an
    /// empty slice: client-go returns the results so far and drops every later input, so a
    /// list evaluated item by item must skip this step for the items after).
    pub fn step<'a>(
        &mut self,
        input: Vec<Item<'a>>,
        node: &Node,
    ) -> Result<(Vec<Item<'a>>, bool), String> {
        match node {
            Node::Array(params) => eval_array(input, *params),
            other => Ok((self.walk(input, other)?, false)),
        }
    }
}

/// Go's reflect type name of an unstructured value, as client-go's errors print it.
fn go_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "<nil>",
        Value::Bool(_) => "bool",
        Value::Number(n) => match go_num(n) {
            GoNum::Int(_) => "int64",
            GoNum::Float(_) => "float64",
        },
        Value::String(_) => "string",
        Value::Array(_) => "[]interface {}",
        Value::Object(_) => "map[string]interface {}",
    }
}

/// The elements an array index selects, and whether it stopped at an empty slice before
/// the end of the input.
#[allow(clippy::type_complexity)]
fn eval_array<'a>(
    input: Vec<Item<'a>>,
    node_params: [Param; 3],
) -> Result<(Vec<Item<'a>>, bool), String> {
    let mut result = Vec::new();
    for v in input {
        if v.is_null() {
            continue;
        }
        let len = match v.as_ref() {
            Value::Array(a) => a.len() as i64,
            other => return Err(format!("{} is not array or slice", go_type(other))),
        };
        let mut p = node_params;
        if !p[0].known {
            p[0].value = 0;
        }
        if p[0].value < 0 {
            p[0].value += len;
        }
        if !p[1].known {
            p[1].value = len;
        }
        if p[1].value < 0 || (p[1].value == 0 && p[1].derived) {
            p[1].value += len;
        }
        if p[1].value == p[0].value {
            return Ok((result, true));
        }
        if p[0].value >= len || p[0].value < 0 {
            return Err(format!(
                "array index out of bounds: index {}, length {len}",
                p[0].value
            ));
        }
        if p[1].value > len || p[1].value < 0 {
            return Err(format!(
                "array index out of bounds: index {}, length {len}",
                p[1].value - 1
            ));
        }
        if p[0].value > p[1].value {
            return Err(format!(
                "starting index {} is greater than ending index {}",
                p[0].value, p[1].value
            ));
        }
        let step = if p[2].known {
            if p[2].value <= 0 {
                return Err("step must be > 0".into());
            }
            p[2].value as usize
        } else {
            1
        };
        let (from, to) = (p[0].value as usize, p[1].value as usize);
        match v {
            Cow::Borrowed(Value::Array(a)) => {
                result.extend(a[from..to].iter().step_by(step).map(Cow::Borrowed))
            }
            Cow::Owned(Value::Array(a)) => result.extend(
                a.into_iter()
                    .skip(from)
                    .take(to - from)
                    .step_by(step)
                    .map(Cow::Owned),
            ),
            _ => {}
        }
    }
    Ok((result, false))
}

fn children<'a>(v: &Item<'a>) -> Vec<Item<'a>> {
    match v {
        Cow::Borrowed(Value::Object(m)) => m.values().map(Cow::Borrowed).collect(),
        Cow::Borrowed(Value::Array(a)) => a.iter().map(Cow::Borrowed).collect(),
        Cow::Owned(Value::Object(m)) => m.values().cloned().map(Cow::Owned).collect(),
        Cow::Owned(Value::Array(a)) => a.iter().cloned().map(Cow::Owned).collect(),
        _ => Vec::new(),
    }
}

fn eval_wildcard(input: Vec<Item<'_>>) -> Vec<Item<'_>> {
    input.iter().flat_map(children).collect()
}

/// `..`: every non-empty map, list and string below (and including) each input, pre-order.
/// Strings count because Go's reflection can index them (their bytes yield nothing more).
fn eval_recursive(input: Vec<Item<'_>>) -> Vec<Item<'_>> {
    let mut result = Vec::new();
    for v in input {
        let kids = children(&v);
        let nonempty_string = matches!(v.as_ref(), Value::String(s) if !s.is_empty());
        if !kids.is_empty() {
            result.push(v);
            result.extend(eval_recursive(kids));
        } else if nonempty_string {
            result.push(v);
        }
    }
    result
}

#[derive(PartialEq, Clone, Copy)]
enum Kind {
    Bool,
    Int,
    Float,
    Str,
}

fn basic_kind(v: &Value) -> Result<Kind, String> {
    match v {
        Value::Bool(_) => Ok(Kind::Bool),
        Value::Number(n) => Ok(match go_num(n) {
            GoNum::Int(_) => Kind::Int,
            GoNum::Float(_) => Kind::Float,
        }),
        Value::String(_) => Ok(Kind::Str),
        _ => Err("invalid type for comparison".into()),
    }
}

fn kinds(a: &Value, b: &Value) -> Result<Kind, String> {
    let (ka, kb) = (basic_kind(a)?, basic_kind(b)?);
    if ka != kb {
        return Err("incompatible types for comparison".into());
    }
    Ok(ka)
}

fn as_f64(v: &Value) -> f64 {
    v.as_f64().unwrap_or(0.0)
}

fn as_i64(v: &Value) -> i64 {
    v.as_i64().unwrap_or(0)
}

fn equal(a: &Value, b: &Value) -> Result<bool, String> {
    Ok(match kinds(a, b)? {
        Kind::Bool => a.as_bool() == b.as_bool(),
        Kind::Int => as_i64(a) == as_i64(b),
        Kind::Float => as_f64(a) == as_f64(b),
        Kind::Str => a.as_str() == b.as_str(),
    })
}

fn less(a: &Value, b: &Value) -> Result<bool, String> {
    Ok(match kinds(a, b)? {
        Kind::Bool => return Err("invalid type for comparison".into()),
        Kind::Int => as_i64(a) < as_i64(b),
        Kind::Float => as_f64(a) < as_f64(b),
        Kind::Str => a.as_str() < b.as_str(),
    })
}

fn less_equal(a: &Value, b: &Value) -> Result<bool, String> {
    if less(a, b)? {
        return Ok(true);
    }
    equal(a, b)
}

/// How one result prints in `-o jsonpath`: maps and lists as compact JSON, the rest with
/// Go's `%v` (strings raw, `null` for nil).
pub fn result_text(v: &Value) -> String {
    match v {
        Value::Object(_) | Value::Array(_) => json::to_compact(v),
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => fmt_v_number(n),
        Value::String(s) => s.clone(),
    }
}
