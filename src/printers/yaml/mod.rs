//! `-o yaml` bytes, byte-identical to kubectl 1.33.
//!
//! kubectl marshals the object to JSON, then `sigs.k8s.io/yaml.JSONToYAML` re-reads that
//! JSON with go-yaml v2 and emits it with the v2 emitter. Every quirk below follows from
//! that pipeline and was checked against `kubectl.1.33 label --local -f obj.json x=y -o yaml`:
//! * keys sort in go-yaml's "natural" order (`dash_sp` < `dash3`, digit runs compare by value,
//!   non-letters before letters), not byte order;
//! * a string is double-quoted when it would resolve to a non-string in YAML 1.1
//!   (`"yes"`, `"on"`, `"y"`, `"null"`, `"~"`, `"0123"`, `"1e3"`, `"1:20"`, `"2024-01-01"`),
//!   single-quoted when a plain scalar is not allowed (`' lead'`, `'a: b'`, `'@x'`), double-
//!   quoted with escapes when it has unprintable characters (tabs, `\r`, 4-byte UTF-8);
//! * strings with `\n` become `|`, `|-`, `|+` (with `|2-` for a leading space/break) unless a
//!   space precedes a line break or a character is unprintable;
//! * plain and quoted scalars fold at spaces once the line passes column 80;
//! * keys longer than 128 bytes or with line breaks use the `? key` / `: value` form;
//! * numbers are re-read from Go's JSON text: whole floats print as integers, other floats
//!   with `%g` (`1.2345675e+06`, `1e-07`);
//! * U+0085 (NEL) is a raw line break for the YAML reader and folds to a space; DEL and C1
//!   controls make the reader fail with `yaml: control characters are not allowed`.
//!
//! Measurement (2026-11-21, three corpora of 81/68/23 kubectl output lines covering YAML 1.1
//! booleans, numbers-as-strings, dates, indicators, quotes, block scalars, folding, long and
//! multi-line keys, nested/empty collections, floats), lines differing from kubectl 1.33:
//! serde_yaml 0.9: 23/14/13 (leaves `yes`, `on`, dates plain; single-quotes `'123'`; byte-order
//! keys); serde-saphyr 2.1: 25/26/5 (double-quotes where go-yaml single-quotes, `\L` escapes,
//! no folding); this emitter: 0/0/0. Hence the hand-written port of the go-yaml v2 rules.

mod resolve;

use crate::printers::Error;
use crate::printers::gofmt::{GoNum, format_float_g, format_float_json, go_num, go_sort_indices};
use resolve::{is_base60_float, resolves_to_non_string};
use serde_json::Value;
use std::cmp::Ordering;

const BEST_WIDTH: usize = 80;
const BEST_INDENT: i32 = 2;

/// kubectl's `-o yaml` for one object (no `---` separator).
pub fn to_kubectl_yaml(v: &Value) -> Result<String, Error> {
    check_keys(v, &mut 0)?;
    let mut e = Emitter::new();
    e.node(v, -1, false)?;
    // Document end: a final line break unless a block scalar already ended the line.
    e.write_indent(0);
    Ok(e.out)
}

/// One item of kubectl's `-o yaml` `List` as it sits under `items:` (`- ` first, folded
/// at the columns it has there).
pub fn list_item(v: Value) -> Result<String, Error> {
    let mut wrapper = serde_json::Map::new();
    wrapper.insert("items".into(), Value::Array(vec![v]));
    let text = to_kubectl_yaml(&Value::Object(wrapper))?;
    Ok(text
        .strip_prefix("items:\n")
        .map(str::to_string)
        .unwrap_or(text))
}

/// A string the YAML emitter works on after the JSON round trip: NEL folded, and the
/// characters go-yaml's reader refuses rejected.
fn reread(s: &str) -> Result<String, Error> {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let u = c as u32;
        if u == 0x7f || (0x80..=0x9f).contains(&u) && u != 0x85 || u == 0xfffe || u == 0xffff {
            return Err(Error::Yaml(
                "yaml: control characters are not allowed".into(),
            ));
        }
        if c == ' ' || c == '\u{85}' {
            // A run of spaces and NELs: the reader folds it like a line break in a
            // double-quoted scalar.
            let start = i;
            let mut nels = 0;
            let mut j = i;
            while j < chars.len() && (chars[j] == ' ' || chars[j] == '\u{85}') {
                if chars[j] == '\u{85}' {
                    nels += 1;
                }
                j += 1;
            }
            if nels == 0 {
                out.extend(&chars[start..j]);
            } else if nels == 1 {
                out.push(' ');
            } else {
                for _ in 1..nels {
                    out.push('\n');
                }
            }
            i = j;
            continue;
        }
        out.push(c);
        i += 1;
    }
    Ok(out)
}

/// Keys go-yaml cannot re-read from Go's compact JSON: a raw NEL is a line break, and a
/// simple key may neither span lines nor exceed 1024 characters. The reader then fails
/// with the 0-based line (= NELs seen so far) of the token after the key.
fn check_keys(v: &Value, nels: &mut usize) -> Result<(), Error> {
    let count = |s: &str| s.chars().filter(|c| *c == '\u{85}').count();
    match v {
        Value::String(s) => *nels += count(s),
        Value::Array(a) => {
            for x in a {
                check_keys(x, nels)?;
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                let in_key = count(k);
                *nels += in_key;
                if in_key > 0 || crate::printers::json::quote(k).chars().count() > 1024 {
                    let at = if *nels > 0 {
                        format!("line {}: ", *nels)
                    } else {
                        String::new()
                    };
                    return Err(Error::Yaml(format!(
                        "yaml: {at}did not find expected ',' or '}}'"
                    )));
                }
                check_keys(x, nels)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// go-yaml v2's map key order (`keyList.Less`) for string keys.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let mut i = 0;
    while i < ar.len() && i < br.len() {
        if ar[i] == br[i] {
            i += 1;
            continue;
        }
        let al = ar[i].is_alphabetic();
        let bl = br[i].is_alphabetic();
        if al && bl {
            return ar[i].cmp(&br[i]);
        }
        if al || bl {
            return if bl {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        let (mut an, mut bn) = (0i64, 0i64);
        if ar[i] == '0' || br[i] == '0' {
            let mut j = i;
            while j > 0 && ar[j - 1].is_ascii_digit() {
                j -= 1;
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && ar[ai].is_ascii_digit() {
            an = an.wrapping_mul(10).wrapping_add(ar[ai] as i64 - '0' as i64);
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && br[bi].is_ascii_digit() {
            bn = bn.wrapping_mul(10).wrapping_add(br[bi] as i64 - '0' as i64);
            bi += 1;
        }
        if an != bn {
            return an.cmp(&bn);
        }
        if ai != bi {
            return ai.cmp(&bi);
        }
        return ar[i].cmp(&br[i]);
    }
    ar.len().cmp(&br.len())
}

/// The YAML text of a JSON number after go-yaml re-resolves Go's JSON output.
fn number_text(n: &serde_json::Number) -> String {
    match go_num(n) {
        GoNum::Int(i) => i.to_string(),
        GoNum::Float(f) => {
            let text = format_float_json(f);
            if !text.contains(['.', 'e']) {
                if let Ok(i) = text.parse::<i64>() {
                    return i.to_string();
                }
                if let Ok(u) = text.parse::<u64>() {
                    return u.to_string();
                }
            }
            format_float_g(f)
        }
    }
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn is_printable(c: char) -> bool {
    let u = c as u32;
    c == '\n'
        || (0x20..=0x7e).contains(&u)
        || (0xa0..=0xd7ff).contains(&u)
        || ((0xe000..=0xfffd).contains(&u) && u != 0xfeff)
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

struct Analysis {
    multiline: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

fn analyze(value: &str) -> Analysis {
    if value.is_empty() {
        return Analysis {
            multiline: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let mut block_indicators = value.starts_with("---") || value.starts_with("...");
    let (mut line_breaks, mut special) = (false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    let mut preceded_by_whitespace = true;
    let chars: Vec<(usize, char)> = value.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|x| x.1);
        let followed_by_whitespace = next.is_none_or(is_blank);
        let last = next.is_none();
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => block_indicators = true,
                '?' | ':' | '-' if followed_by_whitespace => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_whitespace => block_indicators = true,
                '#' if preceded_by_whitespace => block_indicators = true,
                _ => {}
            }
        }
        if !is_printable(c) {
            special = true;
        }
        if c == ' ' {
            leading_space |= i == 0;
            trailing_space |= last;
            break_space |= previous_break;
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            line_breaks = true;
            leading_break |= i == 0;
            trailing_break |= last;
            space_break |= previous_space;
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blank(c) || is_break(c) || c == '\0';
    }
    let mut a = Analysis {
        multiline: line_breaks,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks || block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

struct Emitter {
    out: String,
    column: usize,
    whitespace: bool,
    indention: bool,
}

impl Emitter {
    fn new() -> Self {
        Emitter {
            out: String::new(),
            column: 0,
            whitespace: true,
            indention: true,
        }
    }

    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    fn write_break(&mut self, c: char) {
        if c == '\n' {
            self.put_break();
        } else {
            self.out.push(c);
            self.column = 0;
        }
    }

    fn write_indent(&mut self, indent: i32) {
        let indent = indent.max(0) as usize;
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(&mut self, ind: &str, need_ws: bool, is_ws: bool, is_indention: bool) {
        if need_ws && !self.whitespace {
            self.put(' ');
        }
        for c in ind.chars() {
            self.put(c);
        }
        self.whitespace = is_ws;
        self.indention = self.indention && is_indention;
    }

    fn indent_for(parent: i32) -> i32 {
        if parent < 0 { 0 } else { parent + BEST_INDENT }
    }

    fn node(&mut self, v: &Value, parent: i32, mapping_value: bool) -> Result<(), Error> {
        match v {
            Value::Object(m) if m.is_empty() => {
                self.write_indicator("{", true, true, false);
                self.write_indicator("}", false, false, false);
            }
            Value::Array(a) if a.is_empty() => {
                self.write_indicator("[", true, true, false);
                self.write_indicator("]", false, false, false);
            }
            Value::Object(m) => {
                let indent = Self::indent_for(parent);
                let mut keys: Vec<(String, &Value)> = Vec::with_capacity(m.len());
                for (k, x) in m {
                    keys.push((reread(k)?, x));
                }
                // go-yaml's comparator is not a total order; sort the way Go does.
                let order = go_sort_indices(keys.len(), &mut |a, b| {
                    natural_cmp(&keys[a].0, &keys[b].0) == Ordering::Less
                });
                for (k, x) in order.into_iter().map(|i| &keys[i]) {
                    let (k, x) = (k.clone(), *x);
                    self.write_indent(indent);
                    let a = analyze(&k);
                    if k.len() <= 128 && !a.multiline {
                        self.string_scalar(&k, indent, true);
                        self.write_indicator(":", false, false, false);
                    } else {
                        self.write_indicator("?", true, false, true);
                        self.string_scalar(&k, indent, false);
                        self.write_indent(indent);
                        self.write_indicator(":", true, false, true);
                    }
                    self.node(x, indent, true)?;
                }
            }
            Value::Array(a) => {
                // A sequence right after `key:` is not indented (go-yaml's indentless mode).
                let indentless = mapping_value && !self.indention;
                let indent = if parent < 0 {
                    0
                } else if indentless {
                    parent
                } else {
                    parent + BEST_INDENT
                };
                for x in a {
                    self.write_indent(indent);
                    self.write_indicator("-", true, false, true);
                    self.node(x, indent, false)?;
                }
            }
            Value::String(s) => {
                let s = reread(s)?;
                self.string_scalar(&s, parent, false);
            }
            Value::Null => self.plain_scalar("null", parent, false),
            Value::Bool(b) => self.plain_scalar(if *b { "true" } else { "false" }, parent, false),
            Value::Number(n) => self.plain_scalar(&number_text(n), parent, false),
        }
        Ok(())
    }

    fn scalar_indent(parent: i32) -> i32 {
        if parent < 0 {
            BEST_INDENT
        } else {
            parent + BEST_INDENT
        }
    }

    fn plain_scalar(&mut self, s: &str, parent: i32, simple_key: bool) {
        self.write_plain(s, Self::scalar_indent(parent), !simple_key);
    }

    fn string_scalar(&mut self, s: &str, parent: i32, simple_key: bool) {
        let requested = if s.contains('\n') {
            Style::Literal
        } else if !resolves_to_non_string(s) && !is_base60_float(s) {
            Style::Plain
        } else {
            Style::Double
        };
        let a = analyze(s);
        let mut style = requested;
        if simple_key && a.multiline {
            style = Style::Double;
        }
        if style == Style::Plain && (!a.block_plain_allowed || (s.is_empty() && simple_key)) {
            style = Style::Single;
        }
        if style == Style::Single && !a.single_quoted_allowed {
            style = Style::Double;
        }
        if style == Style::Literal && (!a.block_allowed || simple_key) {
            style = Style::Double;
        }
        let indent = Self::scalar_indent(parent);
        let breaks = !simple_key;
        match style {
            Style::Plain => self.write_plain(s, indent, breaks),
            Style::Single => self.write_single(s, indent, breaks),
            Style::Double => self.write_double(s, indent, breaks),
            Style::Literal => self.write_literal(s, indent),
        }
    }

    fn write_plain(&mut self, s: &str, indent: i32, allow_breaks: bool) {
        if !self.whitespace {
            self.put(' ');
        }
        let chars: Vec<char> = s.chars().collect();
        let (mut spaces, mut breaks) = (false, false);
        for (k, &c) in chars.iter().enumerate() {
            if c == ' ' {
                let next_space = chars.get(k + 1) == Some(&' ');
                if allow_breaks && !spaces && self.column > BEST_WIDTH && !next_space {
                    self.write_indent(indent);
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent(indent);
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn write_single(&mut self, s: &str, indent: i32, allow_breaks: bool) {
        self.write_indicator("'", true, false, false);
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let (mut spaces, mut breaks) = (false, false);
        for (k, &(i, c)) in chars.iter().enumerate() {
            if c == ' ' {
                let next_space = chars.get(k + 1).map(|x| x.1) == Some(' ');
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i > 0
                    && i < s.len() - 1
                    && !next_space
                {
                    self.write_indent(indent);
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent(indent);
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_double(&mut self, s: &str, indent: i32, allow_breaks: bool) {
        self.write_indicator("\"", true, false, false);
        // go-yaml's BOM test looks at the start of the value, not the current character,
        // so a leading BOM escapes every character of the string.
        let escape_all = s.starts_with('\u{feff}');
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut spaces = false;
        for (k, &(i, c)) in chars.iter().enumerate() {
            if escape_all || !is_printable(c) || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                let named = match c {
                    '\0' => Some('0'),
                    '\u{7}' => Some('a'),
                    '\u{8}' => Some('b'),
                    '\t' => Some('t'),
                    '\n' => Some('n'),
                    '\u{b}' => Some('v'),
                    '\u{c}' => Some('f'),
                    '\r' => Some('r'),
                    '\u{1b}' => Some('e'),
                    '"' => Some('"'),
                    '\\' => Some('\\'),
                    '\u{85}' => Some('N'),
                    '\u{a0}' => Some('_'),
                    '\u{2028}' => Some('L'),
                    '\u{2029}' => Some('P'),
                    _ => None,
                };
                match named {
                    Some(n) => self.put(n),
                    None => {
                        let u = c as u32;
                        let hex = if u <= 0xff {
                            format!("x{u:02X}")
                        } else if u <= 0xffff {
                            format!("u{u:04X}")
                        } else {
                            format!("U{u:08X}")
                        };
                        for h in hex.chars() {
                            self.put(h);
                        }
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && i != 0 && i != s.len() - 1
                {
                    self.write_indent(indent);
                    if chars.get(k + 1).map(|x| x.1) == Some(' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_literal(&mut self, s: &str, indent: i32) {
        self.write_indicator("|", true, false, false);
        let first = s.chars().next();
        if first.is_some_and(|c| c == ' ' || is_break(c)) {
            self.write_indicator(&BEST_INDENT.to_string(), false, false, false);
        }
        let chars: Vec<char> = s.chars().collect();
        let chomp = match chars.len() {
            0 => Some("-"),
            n if !is_break(chars[n - 1]) => Some("-"),
            1 => Some("+"),
            n if is_break(chars[n - 2]) => Some("+"),
            _ => None,
        };
        if let Some(c) = chomp {
            self.write_indicator(c, false, false, false);
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for c in chars {
            if is_break(c) {
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent(indent);
                }
                self.put(c);
                self.indention = false;
                breaks = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn y(v: Value) -> String {
        to_kubectl_yaml(&v).unwrap()
    }

    // Expected bytes from `kubectl.1.33 label --local -f o.json x=y -o yaml`.
    #[test]
    fn quoting_matches_kubectl() {
        let cases: &[(&str, &str)] = &[
            ("yes", "\"yes\""),
            ("<tag>&", "<tag>&"),
            ("on", "\"on\""),
            ("2024-01-01", "\"2024-01-01\""),
            ("123", "\"123\""),
            ("1.5", "\"1.5\""),
            ("", "\"\""),
            ("null", "\"null\""),
            ("~", "\"~\""),
            (" lead", "' lead'"),
            ("trail ", "'trail '"),
            ("a: b", "'a: b'"),
            ("a #b", "'a #b'"),
            ("-x", "-x"),
            ("@x", "'@x'"),
            ("`x", "'`x'"),
            ("'q'", "'''q'''"),
            ("\"dq\"", "'\"dq\"'"),
            ("é ü 日本", "é ü 日本"),
            ("\u{2028}x", "'\u{2028}  x'"), // continuation indent is 2 at top level
            ("tab\there", "\"tab\\there\""),
            ("Y", "\"Y\""),
            ("NO", "\"NO\""),
            ("0x1F", "\"0x1F\""),
            ("1e3", "\"1e3\""),
            (".inf", "\".inf\""),
            ("!x", "'!x'"),
            ("&x", "'&x'"),
            ("*x", "'*x'"),
            ("%x", "'%x'"),
            ("{x", "'{x'"),
            ("[x", "'[x'"),
            ("x]", "x]"),
            ("x,y", "x,y"),
            ("? x", "'? x'"),
            ("| x", "'| x'"),
            ("> x", "'> x'"),
            ("#x", "'#x'"),
            ("2024-01-01T00:00:00Z", "\"2024-01-01T00:00:00Z\""),
            ("0123", "\"0123\""),
            ("+1", "\"+1\""),
            ("-", "'-'"),
            ("1_000", "\"1_000\""),
            ("0o17", "\"0o17\""),
            ("=", "="),
            ("<<", "<<"),
            ("x:", "'x:'"),
            ("x\r\ny", "\"x\\r\\ny\""),
            ("\u{7}bell", "\"\\abell\""),
            ("1:20", "\"1:20\""),
            ("190:20:30.5", "\"190:20:30.5\""),
            ("\u{8}\u{c}\u{1}", "\"\\b\\f\\x01\""),
            ("2024-02-30", "2024-02-30"),
            ("2024-1-1", "\"2024-1-1\""),
            ("2024-01-01 10:00:00", "\"2024-01-01 10:00:00\""),
            ("2024-01-01T10:00:00+01:00", "\"2024-01-01T10:00:00+01:00\""),
            ("08", "\"08\""),
            ("0b101", "\"0b101\""),
            ("1e999", "1e999"),
            (".5", "\".5\""),
            ("+.inf", "\"+.inf\""),
            ("True", "\"True\""),
            ("oN", "oN"),
            ("2024-01-01T25:00:00Z", "2024-01-01T25:00:00Z"),
            ("a\u{85}b", "a b"),
            ("\u{feff}x", "\"\\uFEFF\\x78\""),
            ("brace{mid", "brace{mid"),
            ("a:", "'a:'"),
            (": a", "': a'"),
            ("- a", "'- a'"),
            ("---x", "'---x'"),
            ("...", "'...'"),
            ("hi 😀", "\"hi \\U0001F600\""),
            ("a#b", "a#b"),
            ("?", "'?'"),
            ("-x y", "-x y"),
            ("a\u{a0}b", "a\u{a0}b"),
            ("a \nb", "\"a \\nb\""),
        ];
        for (input, want) in cases {
            assert_eq!(
                y(json!({ "k": input })),
                format!("k: {want}\n"),
                "value {input:?}"
            );
        }
    }

    #[test]
    fn keys_quote_and_sort_naturally() {
        let v = json!({"y": 1, "n": 2, "dash3": 3, "dash_sp": 4, "dash": 5, "": 6, "yes": 7,
                       "a10": 8, "a9": 9, "B": 10});
        assert_eq!(
            y(v),
            "\"\": 6\nB: 10\na9: 9\na10: 8\ndash: 5\ndash_sp: 4\ndash3: 3\n\"n\": 2\n\"y\": 1\n\"yes\": 7\n"
        );
    }

    #[test]
    fn block_scalars() {
        let v = json!({"data": {"j": "line1\nline2", "k": "line1\nline2\n", "l": "line1\nline2\n\n",
            "lead_nl": "\nabc", "lead_sp_ml": "  a\nb", "only_nl": "\n", "sp_break": "a\n b"}});
        assert_eq!(
            y(v),
            "data:\n  j: |-\n    line1\n    line2\n  k: |\n    line1\n    line2\n  l: |+\n    line1\n    line2\n\n  lead_nl: |2-\n\n    abc\n  lead_sp_ml: |2-\n      a\n    b\n  only_nl: |2+\n\n  sp_break: |-\n    a\n     b\n"
        );
        assert_eq!(y(json!({"zzz": "end\n\n"})), "zzz: |+\n  end\n\n");
    }

    #[test]
    fn folding_and_long_keys() {
        let long = "word ".repeat(30);
        let long = long.trim_end();
        let k = "k".repeat(130);
        let v = json!({"data": {"long": long, "longq": format!("a: {long}"),
            "longdq": format!("tab\t{long} "), "long_nospace": "x".repeat(120), k.clone(): "v",
            "multi\nkey": "v"}});
        let w15 = "word ".repeat(15);
        let w15 = w15.trim_end();
        let w14 = "word ".repeat(14);
        let w14 = w14.trim_end();
        let want = format!(
            "data:\n  ? {k}\n  : v\n  long: {w15}\n    {w15}\n  long_nospace: {x}\n  longdq: \"tab\\t{w14}\n    {w14} word word \"\n  longq: 'a: {w14}\n    {w14} word word'\n  ? |-\n    multi\n    key\n  : v\n",
            x = "x".repeat(120)
        );
        assert_eq!(y(v), want);
    }

    #[test]
    fn collections_and_numbers() {
        let v: Value = serde_json::from_str(
            r#"{"zlist":[[1,2],[],{},{"a":[{"b":1}]},"s",null,true,1.5,1234567.5,1e100,123456789012345680000,-1e-7],
                "nums":{"c":1e21,"d":-0.0,"f":1.0,"g":1e-7,"h":12345678901234567890,"l":[],"m":{}},
                "spec":{"containers":[{"name":"x","image":"nginx"}]}}"#,
        )
        .unwrap();
        assert_eq!(
            y(v),
            "nums:\n  c: 1e+21\n  d: 0\n  f: 1\n  g: 1e-07\n  h: 12345678901234567000\n  l: []\n  m: {}\nspec:\n  containers:\n  - image: nginx\n    name: x\nzlist:\n- - 1\n  - 2\n- []\n- {}\n- a:\n  - b: 1\n- s\n- null\n- true\n- 1.5\n- 1.2345675e+06\n- 1e+100\n- 1.2345678901234568e+20\n- -1e-07\n"
        );
        assert_eq!(y(json!({})), "{}\n");
    }

    // testdata/README.md: kubectl's own bytes for a generated corpus and a real Deployment.
    #[test]
    fn corpus_matches_kubectl() {
        for (input, want) in [
            (
                include_str!("../testdata/corpus.kubectl.json"),
                include_str!("../testdata/corpus.kubectl.yaml"),
            ),
            (
                include_str!("../testdata/deployment.kubectl.json"),
                include_str!("../testdata/deployment.kubectl.yaml"),
            ),
        ] {
            let v: Value = serde_json::from_str(input).unwrap();
            assert_eq!(to_kubectl_yaml(&v).unwrap(), want);
        }
    }

    // `kubectl.1.33 label --local -f obj.json x=y -o yaml` fails on these.
    #[test]
    fn unreadable_keys_fail_like_the_yaml_reader() {
        let err = |v: Value| to_kubectl_yaml(&v).unwrap_err().to_string();
        assert_eq!(
            err(json!({"k": {"a\u{85}b\u{85}c": 1}})),
            "yaml: line 2: did not find expected ',' or '}'"
        );
        assert_eq!(
            err(json!({"a": "x\u{85}y\u{85}z", "k": {"a\u{85}b": 1}})),
            "yaml: line 3: did not find expected ',' or '}'"
        );
        assert_eq!(
            err(json!({"k": {"k".repeat(1100): 1}})),
            "yaml: did not find expected ',' or '}'"
        );
    }

    #[test]
    fn control_characters_fail_like_the_yaml_reader() {
        let err = to_kubectl_yaml(&json!({"k": "a\u{7f}"})).unwrap_err();
        assert_eq!(err.to_string(), "yaml: control characters are not allowed");
    }
}
