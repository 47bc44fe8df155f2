//! How the apiserver words a request body it cannot read as JSON. Its decoder first reads the
//! body's `apiVersion`/`kind` with Go's `encoding/json`, whose errors it passes on:
//! `the object provided is unrecognized (must be of type Namespace): couldn't get
//! version/kind; json parse error: invalid character 'x' looking for beginning of object key
//! string ({xx)`. [`syntax_error`] finds the first syntax error as Go's scanner reports it,
//! [`type_error`] what Go says when the body is valid JSON but no object, and [`summary`] the
//! trailing excerpt of the body.

use serde_json::Value;

/// `json.Marshal` output: compact, keys in order, with Go's HTML-safe escapes.
pub fn marshal(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Go's `fmt` `%v` (and `%+v`) of the value `sigs.k8s.io/json` decodes from JSON with
/// integers preserved: `map[a:1 b:[x y]]` (keys sorted), strings bare, `<nil>`, integers as
/// `int64` and other numbers as `float64` (`%g`: `1.5`, `1e+06`).
pub fn print_value(v: &Value) -> String {
    let mut out = String::new();
    print_into(&mut out, v);
    out
}

fn print_into(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("<nil>"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match n.as_i64() {
            Some(i) => out.push_str(&i.to_string()),
            None => out.push_str(&go_float(n.as_f64().unwrap_or(0.0))),
        },
        Value::String(s) => out.push_str(s),
        Value::Array(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                print_into(out, x);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push_str("map[");
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(k);
                out.push(':');
                print_into(out, x);
            }
            out.push(']');
        }
    }
}

/// `strconv.FormatFloat(f, 'g', -1, 64)`: the shortest digits, in exponent form when the
/// exponent is below -4 or at least 6 (`1e+06`, `1.5e-05`).
fn go_float(f: f64) -> String {
    if !f.is_finite() {
        return if f.is_nan() {
            "NaN".into()
        } else if f > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if (-4..6).contains(&exp) {
        format!("{f}")
    } else {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exp.abs())
    }
}

/// Go's description of the first syntax error in `data`, or None when it is valid JSON.
pub fn syntax_error(data: &[u8]) -> Option<String> {
    let mut s = Scanner { data, i: 0 };
    match s.value() {
        Err(e) => Some(e),
        Ok(()) => {
            s.ws();
            s.peek().map(|c| invalid(c, "after top-level value"))
        }
    }
}

/// What Go's `json.Unmarshal` into the apiVersion/kind struct says of a valid JSON body that
/// is not an object (None: an object whose `apiVersion` and `kind` are strings, or `null`).
pub fn type_error(v: &Value) -> Option<String> {
    const INTO: &str = "struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }";
    match v {
        Value::Null => None,
        Value::Object(m) => ["apiVersion", "kind"].iter().find_map(|f| {
            let found = m.get(*f).filter(|x| !x.is_string() && !x.is_null())?;
            Some(format!(
                "json: cannot unmarshal {} into Go struct field .{f} of type string",
                go_kind(found)
            ))
        }),
        other => Some(format!(
            "json: cannot unmarshal {} into Go value of type {INTO}",
            go_kind(other)
        )),
    }
}

fn go_kind(v: &Value) -> &'static str {
    match v {
        Value::Array(_) => "array",
        Value::Object(_) => "object",
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Bool(_) => "bool",
        Value::Null => "null",
    }
}

/// The apiserver's excerpt of a body it could not decode: up to 30 bytes, as text when it
/// starts like an object, else in hex; `<empty>` for nothing.
pub fn summary(data: &[u8]) -> String {
    const MAX: usize = 30;
    let (head, more) = if data.len() > MAX {
        (&data[..MAX], " ...")
    } else {
        (data, "")
    };
    match data.first() {
        None => "<empty>".into(),
        Some(b'{') => format!("{}{more}", String::from_utf8_lossy(head)),
        Some(_) => {
            let hex: String = head.iter().map(|b| format!("{b:02x}")).collect();
            format!("{hex}{more}")
        }
    }
}

const EOF: &str = "unexpected end of JSON input";

/// `invalid character 'x' <context>`, the character quoted as Go's scanner quotes it.
fn invalid(c: u8, context: &str) -> String {
    let q = match c {
        b'\'' => "'\\''".to_string(),
        b'"' => "'\"'".to_string(),
        b'\n' => "'\\n'".into(),
        b'\r' => "'\\r'".into(),
        b'\t' => "'\\t'".into(),
        0x07 => "'\\a'".into(),
        0x08 => "'\\b'".into(),
        0x0c => "'\\f'".into(),
        0x0b => "'\\v'".into(),
        b'\\' => "'\\\\'".into(),
        c if c < 0x20 || c == 0x7f => format!("'\\x{c:02x}'"),
        // A byte read as a rune: U+0080..U+00FF, non-printing below U+00A1 (and U+00AD).
        c if c >= 0x80 && (c < 0xa1 || c == 0xad) => format!("'\\u{c:04x}'"),
        c => format!("'{}'", c as char),
    };
    format!("invalid character {q} {context}")
}

struct Scanner<'a> {
    data: &'a [u8],
    i: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.data.get(self.i).copied()
    }

    fn next(&mut self) -> Result<u8, String> {
        let c = self.peek().ok_or(EOF)?;
        self.i += 1;
        Ok(c)
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn value(&mut self) -> Result<(), String> {
        self.ws();
        match self.next()? {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => self.string(),
            b'-' => match self.next()? {
                b'0'..=b'9' => {
                    self.i -= 1;
                    self.number()
                }
                c => Err(invalid(c, "in numeric literal")),
            },
            b'0'..=b'9' => {
                self.i -= 1;
                self.number()
            }
            b't' => self.literal("true"),
            b'f' => self.literal("false"),
            b'n' => self.literal("null"),
            c => Err(invalid(c, "looking for beginning of value")),
        }
    }

    fn object(&mut self) -> Result<(), String> {
        self.ws();
        match self.next()? {
            b'}' => return Ok(()),
            b'"' => self.string()?,
            c => return Err(invalid(c, "looking for beginning of object key string")),
        }
        loop {
            self.ws();
            match self.next()? {
                b':' => {}
                c => return Err(invalid(c, "after object key")),
            }
            self.value()?;
            self.ws();
            match self.next()? {
                b'}' => return Ok(()),
                b',' => {}
                c => return Err(invalid(c, "after object key:value pair")),
            }
            self.ws();
            match self.next()? {
                b'"' => self.string()?,
                c => return Err(invalid(c, "looking for beginning of object key string")),
            }
        }
    }

    fn array(&mut self) -> Result<(), String> {
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(());
        }
        loop {
            self.value()?;
            self.ws();
            match self.next()? {
                b']' => return Ok(()),
                b',' => {}
                c => return Err(invalid(c, "after array element")),
            }
        }
    }

    fn string(&mut self) -> Result<(), String> {
        loop {
            match self.next()? {
                b'"' => return Ok(()),
                b'\\' => match self.next()? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                    b'u' => {
                        for _ in 0..4 {
                            let c = self.next()?;
                            if !c.is_ascii_hexdigit() {
                                return Err(invalid(c, "in \\u hexadecimal character escape"));
                            }
                        }
                    }
                    c => return Err(invalid(c, "in string escape code")),
                },
                c if c < 0x20 => return Err(invalid(c, "in string literal")),
                _ => {}
            }
        }
    }

    /// A number from its first digit; it ends at the first byte that cannot continue it
    /// (the caller judges that byte), or at the end of the input.
    fn number(&mut self) -> Result<(), String> {
        if self.next()? != b'0' {
            self.digits();
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            match self.peek() {
                None => return Err(EOF.into()),
                Some(b'0'..=b'9') => self.digits(),
                Some(c) => return Err(invalid(c, "after decimal point in numeric literal")),
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            match self.peek() {
                None => return Err(EOF.into()),
                Some(b'0'..=b'9') => self.digits(),
                Some(c) => return Err(invalid(c, "in exponent of numeric literal")),
            }
        }
        Ok(())
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), String> {
        for expect in word.bytes().skip(1) {
            let c = self.next()?;
            if c != expect {
                return Err(invalid(
                    c,
                    &format!("in literal {word} (expecting '{}')", expect as char),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_print_like_go_fmt() {
        let v: Value = serde_json::from_str(
            r#"{"spec":{"replicas":"abc","b":[1,2.5,null,true],"$setElementOrder/x":[{"name":"a"}]},"f":1000000.0,"g":0.00001,"h":123456.0,"i":-1.25e-7}"#,
        )
        .unwrap();
        assert_eq!(
            print_value(&v),
            "map[f:1e+06 g:1e-05 h:123456 i:-1.25e-07 spec:map[$setElementOrder/x:[map[name:a]] b:[1 2.5 <nil> true] replicas:abc]]"
        );
    }

    #[test]
    fn syntax_errors_read_like_go() {
        let e = |s: &str| syntax_error(s.as_bytes());
        assert_eq!(e(r#"{"a": [1, {"b": null}], "c": -1.5e+3}"#), None);
        assert_eq!(
            e("{xx").as_deref(),
            Some("invalid character 'x' looking for beginning of object key string")
        );
        assert_eq!(
            e("apiVersion: v1").as_deref(),
            Some("invalid character 'a' looking for beginning of value")
        );
        assert_eq!(e(r#"{"a":1"#).as_deref(), Some(EOF));
        assert_eq!(e("").as_deref(), Some(EOF));
        assert_eq!(
            e(r#"{"a" 1}"#).as_deref(),
            Some("invalid character '1' after object key")
        );
        assert_eq!(
            e(r#"{"a":1 "b":2}"#).as_deref(),
            Some("invalid character '\"' after object key:value pair")
        );
        assert_eq!(
            e("[1 2]").as_deref(),
            Some("invalid character '2' after array element")
        );
        assert_eq!(
            e("{} x").as_deref(),
            Some("invalid character 'x' after top-level value")
        );
        assert_eq!(
            e(r#"{"a":tru}"#).as_deref(),
            Some("invalid character '}' in literal true (expecting 'e')")
        );
        assert_eq!(
            e("{\"a\":\"x\ny\"}").as_deref(),
            Some("invalid character '\\n' in string literal")
        );
        assert_eq!(
            e(r#"{"a":1.}"#).as_deref(),
            Some("invalid character '}' after decimal point in numeric literal")
        );
        assert_eq!(
            e(r#"{"a":-x}"#).as_deref(),
            Some("invalid character 'x' in numeric literal")
        );
        assert_eq!(
            e(r#"{"a":"\q"}"#).as_deref(),
            Some("invalid character 'q' in string escape code")
        );
    }

    #[test]
    fn non_objects_and_summaries() {
        assert_eq!(
            type_error(&serde_json::json!([1, 2])).as_deref(),
            Some(
                "json: cannot unmarshal array into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }"
            )
        );
        assert_eq!(
            type_error(&serde_json::json!({"kind": 1})).as_deref(),
            Some("json: cannot unmarshal number into Go struct field .kind of type string")
        );
        assert_eq!(type_error(&serde_json::json!({"kind": "Pod"})), None);
        assert_eq!(summary(b"{xx"), "{xx");
        assert_eq!(summary(b"[1,2]"), "5b312c325d");
        assert_eq!(
            summary(b"apiVersion: v1\nkind: PersistentVolume\n"),
            "61706956657273696f6e3a2076310a6b696e643a2050657273697374656e ..."
        );
        assert_eq!(summary(b""), "<empty>");
    }
}
