//! Label and field selectors (apimachinery `labels` and `fields`).
//!
//! Owns parsing of `labelSelector=` / `fieldSelector=` query values with the apiserver's exact
//! 400 messages, matching against objects, building selectors from `metav1.LabelSelector`
//! objects and Service selector maps, and the canonical string form that printers show.

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

use super::status::ApiError;

/// The operator of one label requirement (apimachinery `selection.Operator`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operator {
    /// `k=v`
    Equals,
    /// `k==v`
    DoubleEquals,
    /// `k!=v`
    NotEquals,
    /// `k in (a,b)`
    In,
    /// `k notin (a,b)`
    NotIn,
    /// `k`
    Exists,
    /// `!k`
    DoesNotExist,
    /// `k>5`
    GreaterThan,
    /// `k<5`
    LessThan,
}

/// One requirement of a label selector; values are kept sorted like Go's `sets.String.List()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    /// The label key.
    pub key: String,
    /// The operator.
    pub op: Operator,
    /// The values (sorted, deduplicated).
    pub values: Vec<String>,
}

/// A parsed label selector: the AND of its requirements, sorted by key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelSelector {
    reqs: Vec<Requirement>,
    /// A nil `metav1.LabelSelector` selects nothing (`labels.Nothing()`).
    nothing: bool,
}

/// Parses a `labelSelector=` query value (already URL-decoded).
pub fn parse_label_selector(s: &str) -> Result<LabelSelector, ApiError> {
    let tokens = lex(s);
    let mut p = Parser { tokens, pos: 0 };
    let reqs = p.parse().map_err(ApiError::bad_request)?;
    Ok(LabelSelector::from_requirements(reqs))
}

/// Builds a selector from a `metav1.LabelSelector` object (`LabelSelectorAsSelector`):
/// null selects nothing, `{}` selects everything.
pub fn label_selector_from_object(sel: &Value) -> Result<LabelSelector, ApiError> {
    if sel.is_null() {
        return Ok(LabelSelector {
            reqs: Vec::new(),
            nothing: true,
        });
    }
    let mut reqs = Vec::new();
    if let Some(map) = sel.get("matchLabels").and_then(Value::as_object) {
        for (k, v) in map {
            let v = v.as_str().unwrap_or_default().to_string();
            reqs.push(
                new_requirement(k, Operator::Equals, vec![v]).map_err(ApiError::bad_request)?,
            );
        }
    }
    if let Some(exprs) = sel.get("matchExpressions").and_then(Value::as_array) {
        for e in exprs {
            let key = e.get("key").and_then(Value::as_str).unwrap_or_default();
            let op_name = e
                .get("operator")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let op = match op_name {
                "In" => Operator::In,
                "NotIn" => Operator::NotIn,
                "Exists" => Operator::Exists,
                "DoesNotExist" => Operator::DoesNotExist,
                other => {
                    return Err(ApiError::bad_request(format!(
                        "{} is not a valid label selector operator",
                        go_quote(other)
                    )));
                }
            };
            let values: Vec<String> = e
                .get("values")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .map(|v| v.as_str().unwrap_or_default().to_string())
                        .collect()
                })
                .unwrap_or_default();
            reqs.push(new_requirement(key, op, values).map_err(ApiError::bad_request)?);
        }
    }
    Ok(LabelSelector::from_requirements(reqs))
}

/// A selector matching exactly the given `{key: value}` map (Service `spec.selector`,
/// `labels.SelectorFromSet`); an empty or absent map selects everything.
pub fn selector_from_map(map: &Value) -> LabelSelector {
    let reqs = map
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| Requirement {
                    key: k.clone(),
                    op: Operator::Equals,
                    values: vec![v.as_str().unwrap_or_default().to_string()],
                })
                .collect()
        })
        .unwrap_or_default();
    LabelSelector::from_requirements(reqs)
}

/// `labels.FormatLabels`: `a=b,c=d` sorted by key, `<none>` when empty.
pub fn format_labels(map: &Value) -> String {
    let s = selector_from_map(map).to_string();
    if s.is_empty() {
        "<none>".to_string()
    } else {
        s
    }
}

impl LabelSelector {
    /// The selector that matches every object (`labels.Everything()`).
    pub fn everything() -> Self {
        LabelSelector::default()
    }

    /// The selector that matches nothing (`labels.Nothing()`, a nil `metav1.LabelSelector`).
    pub fn nothing() -> Self {
        LabelSelector {
            reqs: Vec::new(),
            nothing: true,
        }
    }

    fn from_requirements(mut reqs: Vec<Requirement>) -> Self {
        reqs.sort_by(|a, b| a.key.cmp(&b.key));
        LabelSelector {
            reqs,
            nothing: false,
        }
    }

    /// The requirements, sorted by key.
    pub fn requirements(&self) -> &[Requirement] {
        &self.reqs
    }

    /// True when the selector matches every object (`labels.Everything()`).
    pub fn is_empty(&self) -> bool {
        !self.nothing && self.reqs.is_empty()
    }

    /// Whether the object's (parsed, or its stored JSON) `metadata.labels` satisfy the
    /// selector.
    pub fn matches<D: Fields + ?Sized>(&self, obj: &D) -> bool {
        if self.is_empty() {
            return true;
        }
        self.matches_labels(
            obj.at("/metadata/labels")
                .as_deref()
                .unwrap_or(&Value::Null),
        )
    }

    /// Whether a plain `{key: value}` label map satisfies the selector.
    pub fn matches_labels(&self, labels: &Value) -> bool {
        if self.nothing {
            return false;
        }
        let lookup = |k: &str| labels.get(k).map(|v| v.as_str().unwrap_or_default());
        self.reqs.iter().all(|r| match r.op {
            Operator::Equals | Operator::DoubleEquals | Operator::In => {
                lookup(&r.key).is_some_and(|v| r.values.iter().any(|x| x == v))
            }
            Operator::NotEquals | Operator::NotIn => {
                lookup(&r.key).is_none_or(|v| !r.values.iter().any(|x| x == v))
            }
            Operator::Exists => lookup(&r.key).is_some(),
            Operator::DoesNotExist => lookup(&r.key).is_none(),
            Operator::GreaterThan | Operator::LessThan => {
                let (Some(Ok(have)), Some(Ok(want))) = (
                    lookup(&r.key).map(str::parse::<i64>),
                    r.values.first().map(|v| v.parse::<i64>()),
                ) else {
                    return false;
                };
                if r.op == Operator::GreaterThan {
                    have > want
                } else {
                    have < want
                }
            }
        })
    }
}

/// The canonical string form (`Requirement.String()` joined by `,`): `app=web,tier in (a,b)`.
impl fmt::Display for LabelSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, r) in self.reqs.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{r}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.op == Operator::DoesNotExist {
            f.write_str("!")?;
        }
        f.write_str(&self.key)?;
        let (op, parens) = match self.op {
            Operator::Equals => ("=", false),
            Operator::DoubleEquals => ("==", false),
            Operator::NotEquals => ("!=", false),
            Operator::In => (" in ", true),
            Operator::NotIn => (" notin ", true),
            Operator::GreaterThan => (">", false),
            Operator::LessThan => ("<", false),
            Operator::Exists | Operator::DoesNotExist => return Ok(()),
        };
        f.write_str(op)?;
        if parens {
            f.write_str("(")?;
        }
        f.write_str(&self.values.join(","))?;
        if parens {
            f.write_str(")")?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Label selector lexer and parser. The grammar and every message follow apimachinery's
// `labels.Parse`, because kubectl users see these messages verbatim after
// `Error from server (BadRequest): ...`.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Error,
    End,
    ClosedPar,
    Comma,
    DoesNotExist,
    DoubleEquals,
    Equals,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEquals,
    NotIn,
    OpenPar,
}

fn keyword(s: &str) -> Option<Tok> {
    Some(match s {
        ")" => Tok::ClosedPar,
        "," => Tok::Comma,
        "!" => Tok::DoesNotExist,
        "==" => Tok::DoubleEquals,
        "=" => Tok::Equals,
        ">" => Tok::GreaterThan,
        "in" => Tok::In,
        "<" => Tok::LessThan,
        "!=" => Tok::NotEquals,
        "notin" => Tok::NotIn,
        "(" => Tok::OpenPar,
        _ => return None,
    })
}

fn is_special(b: u8) -> bool {
    matches!(b, b'=' | b'!' | b'(' | b')' | b',' | b'>' | b'<')
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Tokenises the whole input; the last token is always `End`.
fn lex(s: &str) -> Vec<(Tok, String)> {
    let b = s.as_bytes();
    let mut pos = 0;
    let mut out = Vec::new();
    loop {
        while pos < b.len() && is_space(b[pos]) {
            pos += 1;
        }
        if pos >= b.len() {
            out.push((Tok::End, String::new()));
            return out;
        }
        if is_special(b[pos]) {
            // Longest run of special symbols that still forms a known token.
            let start = pos;
            let mut last: Option<(Tok, usize)> = None;
            while pos < b.len() && is_special(b[pos]) {
                let cand = &s[start..=pos];
                if let Some(t) = keyword(cand) {
                    last = Some((t, pos + 1));
                } else if last.is_some() {
                    break;
                }
                pos += 1;
            }
            match last {
                Some((t, end)) => {
                    out.push((t, s[start..end].to_string()));
                    pos = end;
                }
                None => {
                    let buf = &s[start..pos];
                    out.push((Tok::Error, format!("error expected: keyword found '{buf}'")));
                }
            }
        } else {
            let start = pos;
            while pos < b.len() && !is_special(b[pos]) && !is_space(b[pos]) {
                pos += 1;
            }
            let word = &s[start..pos];
            let tok = keyword(word).unwrap_or(Tok::Identifier);
            out.push((tok, word.to_string()));
        }
    }
}

struct Parser {
    tokens: Vec<(Tok, String)>,
    pos: usize,
}

/// In a "values" context `in`/`notin` are ordinary identifiers (`x in (in)`).
fn in_values(t: Tok) -> Tok {
    if matches!(t, Tok::In | Tok::NotIn) {
        Tok::Identifier
    } else {
        t
    }
}

impl Parser {
    fn lookahead(&self, values: bool) -> (Tok, String) {
        let (t, l) = self.tokens[self.pos.min(self.tokens.len() - 1)].clone();
        (if values { in_values(t) } else { t }, l)
    }

    fn consume(&mut self, values: bool) -> (Tok, String) {
        let r = self.lookahead(values);
        if self.pos < self.tokens.len() - 1 {
            self.pos += 1;
        }
        r
    }

    fn parse(&mut self) -> Result<Vec<Requirement>, String> {
        let mut reqs = Vec::new();
        loop {
            let (tok, lit) = self.lookahead(true);
            match tok {
                Tok::Identifier | Tok::DoesNotExist => {
                    let r = self
                        .parse_requirement()
                        .map_err(|e| format!("unable to parse requirement: {e}"))?;
                    reqs.push(r);
                    let (t, l) = self.consume(true);
                    match t {
                        Tok::End => return Ok(reqs),
                        Tok::Comma => {
                            let (t2, l2) = self.lookahead(true);
                            if t2 != Tok::Identifier && t2 != Tok::DoesNotExist {
                                return Err(format!(
                                    "found '{l2}', expected: identifier after ','"
                                ));
                            }
                        }
                        _ => return Err(format!("found '{l}', expected: ',' or 'end of string'")),
                    }
                }
                Tok::End => return Ok(reqs),
                _ => {
                    return Err(format!(
                        "found '{lit}', expected: !, identifier, or 'end of string'"
                    ));
                }
            }
        }
    }

    fn parse_requirement(&mut self) -> Result<Requirement, String> {
        let (key, op) = self.parse_key_and_infer_operator()?;
        if let Some(op) = op {
            return new_requirement(&key, op, Vec::new());
        }
        let op = self.parse_operator()?;
        let mut values = match op {
            Operator::In | Operator::NotIn => self.parse_values()?,
            _ => self.parse_exact_value()?,
        };
        // The parser collects values in a set and validates them in sorted order, so error
        // indexes refer to that order.
        values.sort();
        values.dedup();
        new_requirement(&key, op, values)
    }

    fn parse_key_and_infer_operator(&mut self) -> Result<(String, Option<Operator>), String> {
        let mut op = None;
        let (mut tok, mut lit) = self.consume(true);
        if tok == Tok::DoesNotExist {
            op = Some(Operator::DoesNotExist);
            (tok, lit) = self.consume(true);
        }
        if tok != Tok::Identifier {
            return Err(format!("found '{lit}', expected: identifier"));
        }
        // The parser validates the key with a nil field path, hence the literal `<nil>`.
        let errs = qualified_name_errors(&lit);
        if !errs.is_empty() {
            return Err(invalid("<nil>", &lit, &errs.join("; ")));
        }
        let (t, _) = self.lookahead(true);
        if (t == Tok::End || t == Tok::Comma) && op.is_none() {
            op = Some(Operator::Exists);
        }
        Ok((lit, op))
    }

    fn parse_operator(&mut self) -> Result<Operator, String> {
        let (tok, lit) = self.consume(false);
        Ok(match tok {
            Tok::In => Operator::In,
            Tok::Equals => Operator::Equals,
            Tok::DoubleEquals => Operator::DoubleEquals,
            Tok::GreaterThan => Operator::GreaterThan,
            Tok::LessThan => Operator::LessThan,
            Tok::NotIn => Operator::NotIn,
            Tok::NotEquals => Operator::NotEquals,
            _ => {
                return Err(format!(
                    "found '{lit}', expected: in, notin, =, ==, !=, gt, lt"
                ));
            }
        })
    }

    fn parse_values(&mut self) -> Result<Vec<String>, String> {
        let (tok, lit) = self.consume(true);
        if tok != Tok::OpenPar {
            return Err(format!("found '{lit}' expected: '('"));
        }
        let (tok, lit) = self.lookahead(true);
        match tok {
            Tok::Identifier | Tok::Comma => {
                let s = self.parse_identifiers_list()?;
                let (t, _) = self.consume(true);
                if t != Tok::ClosedPar {
                    return Err(format!("found '{lit}', expected: ')'"));
                }
                Ok(s)
            }
            Tok::ClosedPar => {
                self.consume(true);
                Ok(vec![String::new()])
            }
            _ => Err(format!("found '{lit}', expected: ',', ')' or identifier")),
        }
    }

    fn parse_identifiers_list(&mut self) -> Result<Vec<String>, String> {
        let mut s: Vec<String> = Vec::new();
        loop {
            let (tok, lit) = self.consume(true);
            match tok {
                Tok::Identifier => {
                    s.push(lit);
                    let (t2, l2) = self.lookahead(true);
                    match t2 {
                        Tok::Comma => continue,
                        Tok::ClosedPar => return Ok(s),
                        _ => return Err(format!("found '{l2}', expected: ',' or ')'")),
                    }
                }
                Tok::Comma => {
                    if s.is_empty() {
                        s.push(String::new());
                    }
                    let (t2, _) = self.lookahead(true);
                    if t2 == Tok::ClosedPar {
                        s.push(String::new());
                        return Ok(s);
                    }
                    if t2 == Tok::Comma {
                        s.push(String::new());
                    }
                }
                _ => return Err(format!("found '{lit}', expected: ',', or identifier")),
            }
        }
    }

    fn parse_exact_value(&mut self) -> Result<Vec<String>, String> {
        let (tok, _) = self.lookahead(true);
        if tok == Tok::End || tok == Tok::Comma {
            return Ok(vec![String::new()]);
        }
        let (tok, lit) = self.consume(true);
        if tok == Tok::Identifier {
            return Ok(vec![lit]);
        }
        Err(format!("found '{lit}', expected: identifier"))
    }
}

/// `labels.NewRequirement`: validates key, operator arity and values; errors are aggregated
/// like `utilerrors.NewAggregate` (one message, or `[a, b]`).
fn new_requirement(key: &str, op: Operator, values: Vec<String>) -> Result<Requirement, String> {
    let mut errs: Vec<String> = Vec::new();
    let key_errs = qualified_name_errors(key);
    if !key_errs.is_empty() {
        errs.push(invalid("key", key, &key_errs.join("; ")));
    }
    let list = || {
        format!(
            "[]string{{{}}}",
            values
                .iter()
                .map(|v| go_quote(v))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    match op {
        Operator::In | Operator::NotIn if values.is_empty() => errs.push(format!(
            "values: Invalid value: {}: for 'in', 'notin' operators, values set can't be empty",
            list()
        )),
        Operator::Equals | Operator::DoubleEquals | Operator::NotEquals if values.len() != 1 => {
            errs.push(format!(
                "values: Invalid value: {}: exact-match compatibility requires one single value",
                list()
            ))
        }
        Operator::Exists | Operator::DoesNotExist if !values.is_empty() => errs.push(format!(
            "values: Invalid value: {}: values set must be empty for exists and does not exist",
            list()
        )),
        Operator::GreaterThan | Operator::LessThan => {
            if values.len() != 1 {
                errs.push(format!(
                    "values: Invalid value: {}: for 'Gt', 'Lt' operators, exactly one value is required",
                    list()
                ));
            }
            for (i, v) in values.iter().enumerate() {
                if v.parse::<i64>().is_err() {
                    errs.push(invalid(
                        &format!("values[{i}]"),
                        v,
                        "for 'Gt', 'Lt' operators, the value must be an integer",
                    ));
                }
            }
        }
        _ => {}
    }
    for (i, v) in values.iter().enumerate() {
        let verrs = label_value_errors(v);
        if !verrs.is_empty() {
            errs.push(invalid(
                &format!("values[{i}][{key}]"),
                v,
                &verrs.join("; "),
            ));
        }
    }
    if !errs.is_empty() {
        return Err(aggregate(errs));
    }
    let mut values = values;
    values.sort();
    values.dedup();
    Ok(Requirement {
        key: key.to_string(),
        op,
        values,
    })
}

fn aggregate(errs: Vec<String>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for e in errs {
        if !seen.contains(&e) {
            seen.push(e);
        }
    }
    if seen.len() == 1 {
        seen.remove(0)
    } else {
        format!("[{}]", seen.join(", "))
    }
}

/// `field.Invalid(path, value, detail).Error()`.
fn invalid(path: &str, value: &str, detail: &str) -> String {
    format!("{path}: Invalid value: {}: {detail}", go_quote(value))
}

/// Go's `%q` for the strings that can reach these messages.
pub(crate) fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

const QNAME_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const QNAME_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    let ex: Vec<String> = examples.iter().map(|e| format!("'{e}', ")).collect();
    format!(
        "{msg} (e.g. {}regex used for validation is '{fmt}')",
        ex.join(" or ")
    )
}

/// `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`
fn is_qualified_name_part(s: &str) -> bool {
    let b = s.as_bytes();
    let ext = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.');
    !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter().all(|&c| ext(c))
}

fn is_dns1123_subdomain(s: &str) -> bool {
    !s.is_empty()
        && s.split('.').all(|l| {
            let b = l.as_bytes();
            let ok = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
            !b.is_empty() && ok(b[0]) && ok(b[b.len() - 1]) && b.iter().all(|&c| ok(c) || c == b'-')
        })
}

/// `validation.IsQualifiedName` messages.
fn qualified_name_errors(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let parts: Vec<&str> = value.split('/').collect();
    let name = match parts.len() {
        1 => parts[0],
        2 => {
            let prefix = parts[0];
            if prefix.is_empty() {
                errs.push("prefix part must be non-empty".to_string());
            } else {
                if prefix.len() > 253 {
                    errs.push("prefix part must be no more than 253 characters".to_string());
                }
                if !is_dns1123_subdomain(prefix) {
                    errs.push(format!(
                        "prefix part {}",
                        regex_error(
                            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*",
                            &["example.com"],
                        )
                    ));
                }
            }
            parts[1]
        }
        _ => {
            errs.push(format!(
                "a qualified name {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                regex_error(QNAME_MSG, QNAME_FMT, &["MyName", "my.name", "123-abc"])
            ));
            return errs;
        }
    };
    if name.is_empty() {
        errs.push("name part must be non-empty".to_string());
    } else if name.len() > 63 {
        errs.push("name part must be no more than 63 characters".to_string());
    }
    if !is_qualified_name_part(name) {
        errs.push(format!(
            "name part {}",
            regex_error(QNAME_MSG, QNAME_FMT, &["MyName", "my.name", "123-abc"])
        ));
    }
    errs
}

/// `validation.IsValidLabelValue` messages.
fn label_value_errors(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    if !value.is_empty() && !is_qualified_name_part(value) {
        errs.push(regex_error(
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
            "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?",
            &["MyValue", "my_value", "12345"],
        ));
    }
    errs
}

// ---------------------------------------------------------------------------------------------
// Field selectors.

/// One `field=value` / `field!=value` term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldTerm {
    /// The field label after conversion (e.g. `spec.host` becomes `spec.nodeName`).
    pub field: String,
    /// The unescaped value.
    pub value: String,
    /// True for `!=`.
    pub negated: bool,
}

/// A parsed field selector: the AND of its terms.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldSelector {
    terms: Vec<FieldTerm>,
    group: String,
    resource: String,
}

/// Parses a `fieldSelector=` value for objects of `group`/`resource`; unsupported fields are a
/// 400 like the apiserver's `field label not supported: ...`.
pub fn parse_field_selector(
    group: &str,
    resource: &str,
    s: &str,
) -> Result<FieldSelector, ApiError> {
    parse_field_selector_with(group, resource, s, &[])
}

/// Like [`parse_field_selector`] for a custom resource whose CRD version declares
/// `selectableFields` (their `jsonPath`s without the leading dot, e.g. `spec.color`).
pub fn parse_field_selector_with(
    group: &str,
    resource: &str,
    s: &str,
    selectable: &[String],
) -> Result<FieldSelector, ApiError> {
    let mut parts = split_terms(s);
    parts.sort();
    let mut raw = Vec::new();
    for part in parts.iter().filter(|p| !p.is_empty()) {
        let Some((lhs, op, rhs)) = split_term(part) else {
            return Err(ApiError::bad_request(format!(
                "invalid selector: '{s}'; can't understand '{part}'"
            )));
        };
        let value = unescape_value(rhs).map_err(ApiError::bad_request)?;
        raw.push(FieldTerm {
            field: lhs.to_string(),
            value,
            negated: op == "!=",
        });
    }
    // Conversion runs after parsing, term by term in sorted order (`Selector.Transform`).
    let mut terms = Vec::with_capacity(raw.len());
    for mut t in raw {
        if !selectable.contains(&t.field) {
            t.field =
                convert_field_label(group, resource, &t.field).map_err(ApiError::bad_request)?;
        }
        terms.push(t);
    }
    Ok(FieldSelector {
        terms,
        group: group.to_string(),
        resource: resource.to_string(),
    })
}

impl FieldSelector {
    /// The terms, in the apiserver's (sorted) order.
    pub fn terms(&self) -> &[FieldTerm] {
        &self.terms
    }

    /// True when the selector matches everything.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The value a `field=value` term requires, if any (e.g. `metadata.name` for a GET-like
    /// watch).
    pub fn requires_exact(&self, field: &str) -> Option<&str> {
        self.terms
            .iter()
            .find(|t| !t.negated && t.field == field)
            .map(|t| t.value.as_str())
    }

    /// Whether the object (parsed, or its stored JSON) satisfies the selector.
    pub fn matches<D: Fields + ?Sized>(&self, obj: &D) -> bool {
        self.terms.iter().all(|t| {
            let have = field_value(&self.group, &self.resource, obj, &t.field);
            (have == t.value) != t.negated
        })
    }
}

/// `fields.splitTerms`: split on commas not escaped by a backslash.
fn split_terms(s: &str) -> Vec<&str> {
    if s.is_empty() {
        return Vec::new();
    }
    let mut terms = Vec::new();
    let mut start = 0;
    let mut in_slash = false;
    for (i, c) in s.char_indices() {
        if in_slash {
            in_slash = false;
        } else if c == '\\' {
            in_slash = true;
        } else if c == ',' {
            terms.push(&s[start..i]);
            start = i + 1;
        }
    }
    terms.push(&s[start..]);
    terms
}

/// `fields.splitTerm`: the first `!=`, `==` or `=` (checked in that order at each position).
fn split_term(term: &str) -> Option<(&str, &str, &str)> {
    for (i, _) in term.char_indices() {
        let rest = &term[i..];
        for op in ["!=", "==", "="] {
            if rest.starts_with(op) {
                return Some((&term[..i], op, &term[i + op.len()..]));
            }
        }
    }
    None
}

/// `fields.UnescapeValue`.
fn unescape_value(s: &str) -> Result<String, String> {
    if !s.contains(['\\', ',', '=']) {
        return Ok(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    let mut in_slash = false;
    for c in s.chars() {
        if in_slash {
            match c {
                '\\' | ',' | '=' => out.push(c),
                _ => {
                    return Err(format!(
                        "invalid field selector: invalid escape sequence: \\{c}"
                    ));
                }
            }
            in_slash = false;
            continue;
        }
        match c {
            '\\' => in_slash = true,
            // Go prints the rune with %v, i.e. as its number.
            ',' | '=' => {
                return Err(format!(
                    "invalid field selector: unescaped character in value: {}",
                    c as u32
                ));
            }
            _ => out.push(c),
        }
    }
    if in_slash {
        return Err("invalid field selector: invalid escape sequence: \\".to_string());
    }
    Ok(out)
}

/// Groups served by the apiserver itself; any other group is a custom resource.
const BUILTIN_GROUPS: &[&str] = &[
    "",
    "apps",
    "batch",
    "autoscaling",
    "policy",
    "networking.k8s.io",
    "rbac.authorization.k8s.io",
    "storage.k8s.io",
    "scheduling.k8s.io",
    "coordination.k8s.io",
    "discovery.k8s.io",
    "events.k8s.io",
    "node.k8s.io",
    "certificates.k8s.io",
    "apiextensions.k8s.io",
    "apiregistration.k8s.io",
    "admissionregistration.k8s.io",
    "flowcontrol.apiserver.k8s.io",
    "authentication.k8s.io",
    "authorization.k8s.io",
    "resource.k8s.io",
    "internal.apiserver.k8s.io",
    "storagemigration.k8s.io",
];

/// Whether the apiserver itself serves `group` (anything else comes from a CRD).
pub(crate) fn is_builtin_group(group: &str) -> bool {
    BUILTIN_GROUPS.contains(&group)
}

/// The extra field labels each built-in type registers (`AddFieldLabelConversionFunc`).
fn builtin_fields(group: &str, resource: &str) -> Option<&'static [&'static str]> {
    Some(match (group, resource) {
        ("", "pods") => &[
            "spec.nodeName",
            "spec.restartPolicy",
            "spec.schedulerName",
            "spec.serviceAccountName",
            "spec.hostNetwork",
            "status.phase",
            "status.podIP",
            "status.podIPs",
            "status.nominatedNodeName",
        ],
        ("", "events") => &[
            "involvedObject.kind",
            "involvedObject.namespace",
            "involvedObject.name",
            "involvedObject.uid",
            "involvedObject.apiVersion",
            "involvedObject.resourceVersion",
            "involvedObject.fieldPath",
            "reason",
            "reportingComponent",
            "source",
            "type",
        ],
        ("", "namespaces") => &["status.phase"],
        ("", "nodes") => &["spec.unschedulable"],
        ("", "secrets") => &["type"],
        ("", "services") => &["spec.clusterIP", "spec.type"],
        ("", "replicationcontrollers") => &["status.replicas"],
        ("apps", "replicasets") => &["status.replicas"],
        ("batch", "jobs") => &["status.successful"],
        ("certificates.k8s.io", "certificatesigningrequests") => &["spec.signerName"],
        _ => return None,
    })
}

/// events.k8s.io field labels and the internal (core) names they convert to.
const EVENTS_V1_FIELDS: &[(&str, &str)] = &[
    ("reason", "reason"),
    ("regarding.kind", "involvedObject.kind"),
    ("regarding.namespace", "involvedObject.namespace"),
    ("regarding.name", "involvedObject.name"),
    ("regarding.uid", "involvedObject.uid"),
    ("regarding.apiVersion", "involvedObject.apiVersion"),
    (
        "regarding.resourceVersion",
        "involvedObject.resourceVersion",
    ),
    ("regarding.fieldPath", "involvedObject.fieldPath"),
    ("reportingController", "reportingComponent"),
    ("type", "type"),
    ("metadata.namespace", "metadata.namespace"),
    ("metadata.name", "metadata.name"),
];

/// `Scheme.ConvertFieldLabel`: which labels a type accepts, with the matching error text.
fn convert_field_label(group: &str, resource: &str, label: &str) -> Result<String, String> {
    if group == "events.k8s.io" && resource == "events" {
        return EVENTS_V1_FIELDS
            .iter()
            .find(|(l, _)| *l == label)
            .map(|(_, internal)| internal.to_string())
            .ok_or_else(|| format!("field label not supported: {label}"));
    }
    if let Some(extra) = builtin_fields(group, resource) {
        if group.is_empty() && resource == "pods" && label == "spec.host" {
            // Old v1 clients' name for spec.nodeName.
            return Ok("spec.nodeName".to_string());
        }
        if label == "metadata.name" || label == "metadata.namespace" || extra.contains(&label) {
            return Ok(label.to_string());
        }
        return Err(format!("field label not supported: {label}"));
    }
    if label == "metadata.name" || label == "metadata.namespace" {
        return Ok(label.to_string());
    }
    if is_builtin_group(group) {
        Err(format!(
            "{} is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
            go_quote(label)
        ))
    } else {
        Err(format!("field label not supported: {label}"))
    }
}

/// Where selectors read an object's fields: a parsed object, or its stored JSON
/// ([`StoredJson`], read without parsing the rest).
pub trait Fields {
    /// The value a JSON pointer names (`Value::pointer`).
    fn at(&self, ptr: &str) -> Option<Cow<'_, Value>>;
}

impl Fields for Value {
    fn at(&self, ptr: &str) -> Option<Cow<'_, Value>> {
        self.pointer(ptr).map(Cow::Borrowed)
    }
}

impl<T: Fields + ?Sized> Fields for std::sync::Arc<T> {
    fn at(&self, ptr: &str) -> Option<Cow<'_, Value>> {
        (**self).at(ptr)
    }
}

/// An object's JSON text; a field is parsed alone, where it is found.
pub struct StoredJson<'a>(pub &'a [u8]);

impl Fields for StoredJson<'_> {
    fn at(&self, ptr: &str) -> Option<Cow<'_, Value>> {
        let r = super::rawjson::pointer(self.0, ptr)?;
        serde_json::from_slice(&self.0[r]).ok().map(Cow::Owned)
    }
}

/// The string at a JSON pointer ("" if absent or not a string).
fn str_at<D: Fields + ?Sized>(obj: &D, ptr: &str) -> String {
    obj.at(ptr)
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The first non-empty string among several JSON pointers.
fn first_str<D: Fields + ?Sized>(obj: &D, ptrs: &[&str]) -> String {
    ptrs.iter()
        .map(|p| str_at(obj, p))
        .find(|s| !s.is_empty())
        .unwrap_or_default()
}

/// The value the registry's `fields.Set` holds for a field (missing fields are `""`).
fn field_value<D: Fields + ?Sized>(group: &str, resource: &str, obj: &D, field: &str) -> String {
    let bool_at = |ptr: &str| {
        obj.at(ptr)
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
            .to_string()
    };
    let int_at = |ptr: &str| {
        obj.at(ptr)
            .and_then(|v| v.as_i64())
            .unwrap_or(0)
            .to_string()
    };
    match (group, resource, field) {
        (_, _, "metadata.name") => str_at(obj, "/metadata/name"),
        (_, _, "metadata.namespace") => str_at(obj, "/metadata/namespace"),
        ("", "pods", "spec.hostNetwork") => bool_at("/spec/hostNetwork"),
        ("", "pods", "status.podIP" | "status.podIPs") => {
            let first = str_at(obj, "/status/podIPs/0/ip");
            if first.is_empty() {
                str_at(obj, "/status/podIP")
            } else {
                first
            }
        }
        // Events are matched on their internal (core) field names; an events.k8s.io object
        // carries the same data under its own names.
        (_, "events", "source") => {
            first_str(obj, &["/source/component", "/deprecatedSource/component"])
        }
        (_, "events", "reportingComponent") => {
            first_str(obj, &["/reportingComponent", "/reportingController"])
        }
        (_, "events", f) if f.starts_with("involvedObject.") => {
            let rest = &f["involvedObject.".len()..];
            first_str(
                obj,
                &[
                    &format!("/involvedObject/{rest}"),
                    &format!("/regarding/{rest}"),
                ],
            )
        }
        ("", "nodes", "spec.unschedulable") => bool_at("/spec/unschedulable"),
        ("", "replicationcontrollers", "status.replicas")
        | ("apps", "replicasets", "status.replicas") => int_at("/status/replicas"),
        ("batch", "jobs", "status.successful") => int_at("/status/succeeded"),
        _ => {
            // Generic dotted path (spec.nodeName, involvedObject.kind, type, CRD
            // selectableFields...): strings as-is, scalars via their JSON text.
            let ptr = format!("/{}", field.replace('.', "/"));
            match obj.at(&ptr).as_deref() {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Bool(b)) => b.to_string(),
                Some(Value::Number(n)) => n.to_string(),
                _ => String::new(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err(s: &str) -> String {
        let e = parse_label_selector(s).unwrap_err();
        assert_eq!(e.code, 400);
        assert_eq!(e.reason, "BadRequest");
        e.message
    }

    fn pod(labels: Value) -> Value {
        json!({"metadata": {"name": "p", "namespace": "default", "labels": labels}})
    }

    #[test]
    fn parses_and_renders_canonical_form() {
        let s = parse_label_selector("tier in (b,a), app=web,!canary, env notin (x), k").unwrap();
        assert_eq!(
            s.to_string(),
            "app=web,!canary,env notin (x),k,tier in (a,b)"
        );
        let s = parse_label_selector("a==b,c!=d,e>5,f<3").unwrap();
        assert_eq!(s.to_string(), "a==b,c!=d,e>5,f<3");
        assert!(parse_label_selector("").unwrap().is_empty());
        assert!(parse_label_selector("   ").unwrap().is_empty());
        // `in` is a value inside parentheses.
        let s = parse_label_selector("x in (in,notin)").unwrap();
        assert_eq!(s.to_string(), "x in (in,notin)");
        // Empty values.
        assert_eq!(
            parse_label_selector("x in ()").unwrap().to_string(),
            "x in ()"
        );
        assert_eq!(parse_label_selector("x=").unwrap().to_string(), "x=");
        assert_eq!(
            parse_label_selector("x in (a,,b)").unwrap().to_string(),
            "x in (,a,b)"
        );
    }

    #[test]
    fn matching_semantics() {
        let p = pod(json!({"app": "web", "tier": "fe", "n": "7"}));
        let raw = serde_json::to_vec(&p).unwrap();
        let m = |s: &str| {
            let sel = parse_label_selector(s).unwrap();
            assert_eq!(sel.matches(&StoredJson(&raw)), sel.matches(&p), "{s}");
            sel.matches(&p)
        };
        assert!(m("app=web"));
        assert!(m("app==web,tier in (fe,be)"));
        assert!(!m("app=db"));
        assert!(m("missing!=x"));
        assert!(m("missing notin (a)"));
        assert!(!m("tier notin (fe)"));
        assert!(m("app"));
        assert!(!m("!app"));
        assert!(m("!missing"));
        assert!(m("n>5") && !m("n>7") && m("n<8"));
        assert!(!m("app>1"));
        assert!(m(""));
        let unlabeled = json!({"metadata": {"name": "q"}});
        assert!(!parse_label_selector("app").unwrap().matches(&unlabeled));
        assert!(
            parse_label_selector("app!=web")
                .unwrap()
                .matches(&unlabeled)
        );
    }

    #[test]
    fn parse_errors_match_apimachinery() {
        assert_eq!(
            err("a b"),
            "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"
        );
        assert_eq!(err("app=web,"), "found '', expected: identifier after ','");
        assert_eq!(
            err("=x"),
            "found '=', expected: !, identifier, or 'end of string'"
        );
        assert_eq!(
            err("x in a"),
            "unable to parse requirement: found 'a' expected: '('"
        );
        assert_eq!(
            err("x in (a b)"),
            "unable to parse requirement: found 'b', expected: ',' or ')'"
        );
        assert_eq!(
            err("x in (=)"),
            "unable to parse requirement: found '=', expected: ',', ')' or identifier"
        );
        assert_eq!(
            err("x=(y"),
            "unable to parse requirement: found '(', expected: identifier"
        );
        assert_eq!(err("x=y z"), "found 'z', expected: ',' or 'end of string'");
        assert_eq!(
            err("!"),
            "unable to parse requirement: found '', expected: identifier"
        );
        assert_eq!(
            err("-bad"),
            "unable to parse requirement: <nil>: Invalid value: \"-bad\": name part must consist \
             of alphanumeric characters, '-', '_' or '.', and must start and end with an \
             alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used \
             for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        );
        assert_eq!(
            err("app=a/b"),
            "unable to parse requirement: values[0][app]: Invalid value: \"a/b\": a valid label \
             must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and \
             must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  \
             or '12345', regex used for validation is \
             '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
        );
        assert!(err("x in (b/c,a,a)").starts_with(
            "unable to parse requirement: values[1][x]: Invalid value: \"b/c\": a valid label"
        ));
        assert_eq!(
            err("n>abc"),
            "unable to parse requirement: values[0]: Invalid value: \"abc\": for 'Gt', 'Lt' \
             operators, the value must be an integer"
        );
        assert_eq!(
            err("Example.com/x=y"),
            "unable to parse requirement: <nil>: Invalid value: \"Example.com/x\": prefix part \
             a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \
             '-' or '.', and must start and end with an alphanumeric character (e.g. \
             'example.com', regex used for validation is \
             '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
        );
        assert!(err("x=y!").starts_with("found '!', expected: ',' or 'end of string'"));
    }

    #[test]
    fn selector_from_object_and_map() {
        let s = label_selector_from_object(&json!({
            "matchLabels": {"app": "web"},
            "matchExpressions": [
                {"key": "tier", "operator": "In", "values": ["b", "a"]},
                {"key": "canary", "operator": "DoesNotExist"},
                {"key": "env", "operator": "Exists"}
            ]
        }))
        .unwrap();
        assert_eq!(s.to_string(), "app=web,!canary,env,tier in (a,b)");
        assert!(s.matches(&pod(json!({"app": "web", "tier": "a", "env": "x"}))));
        assert!(!s.matches(&pod(json!({"app": "web", "tier": "a"}))));
        // {} selects everything, null nothing.
        let all = label_selector_from_object(&json!({})).unwrap();
        assert!(all.is_empty() && all.matches(&pod(json!({}))));
        let none = label_selector_from_object(&Value::Null).unwrap();
        assert!(!none.matches(&pod(json!({"a": "b"}))));
        assert_eq!(none.to_string(), "");
        let e = label_selector_from_object(&json!({"matchExpressions": [
            {"key": "a", "operator": "Gt", "values": ["1"]}]}))
        .unwrap_err();
        assert_eq!(e.message, "\"Gt\" is not a valid label selector operator");
        let e = label_selector_from_object(&json!({"matchExpressions": [
            {"key": "a", "operator": "In", "values": []}]}))
        .unwrap_err();
        assert_eq!(
            e.message,
            "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"
        );
        let m = selector_from_map(&json!({"tier": "fe", "app": "web"}));
        assert_eq!(m.to_string(), "app=web,tier=fe");
        assert!(m.matches(&pod(json!({"app": "web", "tier": "fe", "x": "y"}))));
        assert!(selector_from_map(&Value::Null).is_empty());
        assert_eq!(format_labels(&json!({})), "<none>");
        assert_eq!(format_labels(&json!({"b": "2", "a": "1"})), "a=1,b=2");
    }

    #[test]
    fn field_selectors() {
        let p = json!({
            "metadata": {"name": "web-1", "namespace": "default"},
            "spec": {"nodeName": "node-1", "hostNetwork": true},
            "status": {"phase": "Running", "podIPs": [{"ip": "10.0.0.5"}]}
        });
        let raw = serde_json::to_vec(&p).unwrap();
        let m = |s: &str| {
            let sel = parse_field_selector("", "pods", s).unwrap();
            let parsed = sel.matches(&p);
            // Stored bytes are read without a parse, with the same answer.
            assert_eq!(sel.matches(&StoredJson(&raw)), parsed, "{s}");
            parsed
        };
        assert!(m("spec.nodeName=node-1"));
        assert!(m(
            "spec.nodeName==node-1,status.phase!=Succeeded,status.phase!=Failed"
        ));
        assert!(!m("status.phase=Pending"));
        assert!(m("spec.hostNetwork=true"));
        assert!(m("status.podIP=10.0.0.5"));
        assert!(m("metadata.name=web-1,metadata.namespace=default"));
        assert!(m("spec.host=node-1"));
        assert!(m("spec.schedulerName="));
        assert!(m(""));
        let ev = json!({"metadata": {"name": "e"}, "involvedObject": {"kind": "Pod", "name": "p"},
                        "source": {"component": "kubelet"}, "type": "Normal"});
        let sel = parse_field_selector(
            "",
            "events",
            "involvedObject.kind=Pod,involvedObject.name=p,source=kubelet,type=Normal",
        )
        .unwrap();
        assert!(sel.matches(&ev));
        let ev1 = json!({"metadata": {"name": "e"}, "regarding": {"kind": "Pod", "name": "p"},
                         "reportingController": "kubelet", "type": "Warning"});
        let sel = parse_field_selector(
            "events.k8s.io",
            "events",
            "regarding.kind=Pod,regarding.name=p,reportingController=kubelet,type=Warning",
        )
        .unwrap();
        assert_eq!(sel.terms()[0].field, "involvedObject.kind");
        assert!(sel.matches(&ev1));
        assert!(
            parse_field_selector("", "events", "involvedObject.name=p")
                .unwrap()
                .matches(&ev1)
        );
        assert_eq!(
            parse_field_selector("events.k8s.io", "events", "involvedObject.name=p")
                .unwrap_err()
                .message,
            "field label not supported: involvedObject.name"
        );
        let rs = json!({"metadata": {"name": "r"}, "status": {"replicas": 3}});
        assert!(
            parse_field_selector("apps", "replicasets", "status.replicas=3")
                .unwrap()
                .matches(&rs)
        );
        assert!(
            parse_field_selector("", "nodes", "spec.unschedulable=false")
                .unwrap()
                .matches(&json!({"metadata": {"name": "n"}}))
        );
        let cr = json!({"metadata": {"name": "x"}, "spec": {"color": "red"}});
        assert!(
            parse_field_selector("example.com", "widgets", "metadata.name=x")
                .unwrap()
                .matches(&cr)
        );
        assert_eq!(
            parse_field_selector("apps", "deployments", "metadata.name=a")
                .unwrap()
                .requires_exact("metadata.name"),
            Some("a")
        );
        let e = parse_field_selector("example.com", "widgets", "spec.color=red").unwrap_err();
        assert_eq!(e.message, "field label not supported: spec.color");
        let sel = parse_field_selector_with(
            "example.com",
            "widgets",
            "spec.color=red",
            &["spec.color".to_string()],
        )
        .unwrap();
        assert!(sel.matches(&cr));
        // Escapes.
        let cm = json!({"metadata": {"name": "a,b"}});
        assert!(
            parse_field_selector("", "configmaps", "metadata.name=a\\,b")
                .unwrap()
                .matches(&cm)
        );
    }

    #[test]
    fn field_selector_errors() {
        let e = |g: &str, r: &str, s: &str| parse_field_selector(g, r, s).unwrap_err().message;
        assert_eq!(e("", "pods", "foo=bar"), "field label not supported: foo");
        assert_eq!(
            e("", "pods", "zzz=1,aaa=2"),
            "field label not supported: aaa"
        );
        assert_eq!(
            e("apps", "deployments", "spec.replicas=1"),
            "\"spec.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""
        );
        assert_eq!(
            e("example.com", "widgets", "spec.x=1"),
            "field label not supported: spec.x"
        );
        assert_eq!(
            e("", "pods", "status.phase"),
            "invalid selector: 'status.phase'; can't understand 'status.phase'"
        );
        assert_eq!(
            e("", "pods", "metadata.name=a\\b"),
            "invalid field selector: invalid escape sequence: \\b"
        );
        assert_eq!(
            e("", "pods", "metadata.name=a=b"),
            "invalid field selector: unescaped character in value: 61"
        );
        assert_eq!(
            e("", "pods", "metadata.name=a\\"),
            "invalid field selector: invalid escape sequence: \\"
        );
        assert_eq!(
            parse_field_selector("", "pods", "x=1").unwrap_err().code,
            400
        );
    }
}
