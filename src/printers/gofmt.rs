//! Go formatting primitives kubectl's output depends on: `strconv.FormatFloat` in the
//! shapes `encoding/json`, `fmt` (`%v`) and go-yaml use, `strconv.Quote`, and `%#v` of an
//! unstructured object (kubectl dumps it in jsonpath execution errors).
//!
//! Numbers follow kubectl's unstructured decoding: a JSON integer is an `int64`, anything
//! else (fractions, exponents, integers beyond `int64`) is a `float64`.

use serde_json::{Number, Value};

/// The shortest round-trip decimal digits of `f` (no sign) and the decimal point position
/// (`digits[..dp]` is the integer part), as Go's `strconv` computes them.
fn shortest_digits(f: f64) -> (String, i32) {
    if f == 0.0 {
        return ("0".to_string(), 1);
    }
    // Rust's `{:e}` prints the same shortest round-trip digits Go's Ryu-based strconv does.
    let s = format!("{:e}", f.abs());
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    let exp: i32 = exp.parse().unwrap_or(0);
    (digits, exp + 1)
}

fn fmt_e(neg: bool, digits: &str, dp: i32) -> String {
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&digits[..1]);
    if digits.len() > 1 {
        out.push('.');
        out.push_str(&digits[1..]);
    }
    let exp = dp - 1;
    out.push('e');
    out.push(if exp < 0 { '-' } else { '+' });
    let e = exp.unsigned_abs();
    if e < 10 {
        out.push('0');
    }
    out.push_str(&e.to_string());
    out
}

fn fmt_f(neg: bool, digits: &str, dp: i32) -> String {
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    let n = digits.len() as i32;
    if dp <= 0 {
        out.push_str("0.");
        for _ in 0..-dp {
            out.push('0');
        }
        out.push_str(digits);
    } else if dp >= n {
        out.push_str(digits);
        for _ in 0..dp - n {
            out.push('0');
        }
    } else {
        out.push_str(&digits[..dp as usize]);
        out.push('.');
        out.push_str(&digits[dp as usize..]);
    }
    out
}

/// `strconv.FormatFloat(f, 'g', -1, 64)`: what `fmt`'s `%v` and go-yaml print.
pub fn format_float_g(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    let neg = f.is_sign_negative();
    let (digits, dp) = shortest_digits(f);
    let exp = dp - 1;
    // Go switches to %e when the exponent is < -4 or >= 6 for the shortest precision.
    if !(-4..6).contains(&exp) {
        fmt_e(neg, &digits, dp)
    } else {
        fmt_f(neg, &digits, dp)
    }
}

/// A float as `encoding/json` writes it: `%f` unless |f| < 1e-6 or >= 1e21, and the
/// exponent loses its leading zero (`1e-7`, not `1e-07`).
pub fn format_float_json(f: f64) -> String {
    let neg = f.is_sign_negative();
    let (digits, dp) = shortest_digits(f);
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let s = fmt_e(neg, &digits, dp);
        let b = s.as_bytes();
        let n = b.len();
        if n >= 4 && b[n - 4] == b'e' && b[n - 3] == b'-' && b[n - 2] == b'0' {
            return format!("{}{}", &s[..n - 2], &s[n - 1..]);
        }
        s
    } else {
        fmt_f(neg, &digits, dp)
    }
}

/// How kubectl's unstructured decoding would type this JSON number.
pub enum GoNum {
    Int(i64),
    Float(f64),
}

pub fn go_num(n: &Number) -> GoNum {
    if let Some(i) = n.as_i64() {
        GoNum::Int(i)
    } else {
        GoNum::Float(n.as_f64().unwrap_or(0.0))
    }
}

/// A number as Go's `encoding/json` marshals the unstructured value.
pub fn json_number(n: &Number) -> String {
    match go_num(n) {
        GoNum::Int(i) => i.to_string(),
        GoNum::Float(f) => format_float_json(f),
    }
}

/// A number as `fmt.Sprint` prints it (jsonpath, custom-columns).
pub fn fmt_v_number(n: &Number) -> String {
    match go_num(n) {
        GoNum::Int(i) => i.to_string(),
        GoNum::Float(f) => format_float_g(f),
    }
}

/// `strconv.Quote`: Go-syntax double-quoted string; printable Unicode stays as is.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if go_is_print(c) => out.push(c),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Approximates Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and
/// the ASCII space.
fn go_is_print(c: char) -> bool {
    let u = c as u32;
    if u < 0x20 || u == 0x7f {
        return false;
    }
    if u < 0x7f {
        return true;
    }
    // C1 controls, no-break/other spaces, line/paragraph separators, BOM, noncharacters,
    // private use and format characters are not printable in Go.
    !(c.is_control()
        || c.is_whitespace()
        || matches!(u, 0xad | 0x200b..=0x200f | 0x2028..=0x202e | 0x2060..=0x206f | 0xfeff)
        || matches!(u, 0xe000..=0xf8ff | 0xfff9..=0xfffb | 0xfffe | 0xffff))
}

/// `fmt.Sprintf("%#v", obj)` of an unstructured object (`map[string]interface {}` tree).
pub fn go_sharp_v(v: &Value) -> String {
    let mut out = String::new();
    sharp_v(v, &mut out, true);
    out
}

fn sharp_v(v: &Value, out: &mut String, top: bool) {
    match v {
        // Inside a map or slice a nil interface prints with its type.
        Value::Null if top => out.push_str("<nil>"),
        Value::Null => out.push_str("interface {}(nil)"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&fmt_v_number(n)),
        Value::String(s) => out.push_str(&go_quote(s)),
        Value::Array(a) => {
            out.push_str("[]interface {}{");
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                sharp_v(x, out, false);
            }
            out.push('}');
        }
        Value::Object(m) => {
            out.push_str("map[string]interface {}{");
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&go_quote(k));
                out.push(':');
                sharp_v(x, out, false);
            }
            out.push('}');
        }
    }
}

/// `fmt.Sprint(v)` of an unstructured value: Go `%v` syntax (`map[a:b]`, `[x y]`, `<nil>`).
/// custom-columns prints non-scalar cells this way.
pub fn go_v(v: &Value) -> String {
    let mut out = String::new();
    plain_v(v, &mut out);
    out
}

fn plain_v(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("<nil>"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&fmt_v_number(n)),
        Value::String(s) => out.push_str(s),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                plain_v(x, out);
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
                plain_v(x, out);
            }
            out.push(']');
        }
    }
}

/// The order Go's `sort.Sort` gives `0..n` under `less`, which may be inconsistent (kubectl's
/// and go-yaml's comparators are not total orders). Go uses insertion sort up to 12
/// elements, reproduced exactly; beyond that a stable merge sort (never panics; identical
/// to Go whenever `less` is a strict weak order).
pub fn go_sort_indices(n: usize, less: &mut dyn FnMut(usize, usize) -> bool) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    if n <= 12 {
        for i in 1..n {
            let mut j = i;
            while j > 0 && less(idx[j], idx[j - 1]) {
                idx.swap(j, j - 1);
                j -= 1;
            }
        }
        return idx;
    }
    merge_sort(&mut idx, less);
    idx
}

fn merge_sort(v: &mut [usize], less: &mut dyn FnMut(usize, usize) -> bool) {
    if v.len() <= 1 {
        return;
    }
    let mid = v.len() / 2;
    merge_sort(&mut v[..mid], less);
    merge_sort(&mut v[mid..], less);
    let (left, right) = (v[..mid].to_vec(), v[mid..].to_vec());
    let (mut i, mut j, mut k) = (0, 0, 0);
    while i < left.len() && j < right.len() {
        if less(right[j], left[i]) {
            v[k] = right[j];
            j += 1;
        } else {
            v[k] = left[i];
            i += 1;
        }
        k += 1;
    }
    for &x in left[i..].iter().chain(&right[j..]) {
        v[k] = x;
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn floats_like_go() {
        for (f, g, j) in [
            (0.5, "0.5", "0.5"),
            (1e21, "1e+21", "1e+21"),
            (1e-7, "1e-07", "1e-7"),
            (1234567.5, "1.2345675e+06", "1234567.5"),
            (
                1.2345678901234567e19,
                "1.2345678901234567e+19",
                "12345678901234567000",
            ),
            (
                1.2345678901234568e20,
                "1.2345678901234568e+20",
                "123456789012345680000",
            ),
            (-0.0, "-0", "-0"),
            (2.5625, "2.5625", "2.5625"),
            (0.0001, "0.0001", "0.0001"),
            (0.00001, "1e-05", "0.00001"),
            (1e100, "1e+100", "1e+100"),
            (123456.5, "123456.5", "123456.5"),
        ] {
            assert_eq!(format_float_g(f), g, "g {f}");
            assert_eq!(format_float_json(f), j, "json {f}");
        }
    }

    #[test]
    fn go_sort_is_insertion_sort_for_small_inputs() {
        // An inconsistent `less` (everything is less than everything): insertion sort
        // reverses, as Go's does.
        assert_eq!(go_sort_indices(4, &mut |_, _| true), [3, 2, 1, 0]);
        let keys = [5, 3, 9, 1, 7, 2, 8, 0, 6, 4, 11, 13, 12, 10];
        let got = go_sort_indices(keys.len(), &mut |a, b| keys[a] < keys[b]);
        let sorted: Vec<i32> = got.iter().map(|&i| keys[i]).collect();
        assert_eq!(sorted, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
        let _ = go_sort_indices(40, &mut |_, _| true); // never panics
    }

    #[test]
    fn quote_and_sharp_v() {
        assert_eq!(
            go_quote("a\"b\\\n\u{7}é\u{85}"),
            "\"a\\\"b\\\\\\n\\aé\\u0085\""
        );
        let v = json!({"b": [1, "x", null, true, {"k": 1.5}], "a": 1e21});
        assert_eq!(
            go_sharp_v(&v),
            "map[string]interface {}{\"a\":1e+21, \"b\":[]interface {}{1, \"x\", interface {}(nil), true, map[string]interface {}{\"k\":1.5}}}"
        );
        assert_eq!(
            go_v(&json!({"app": "web", "l": ["a", "b"]})),
            "map[app:web l:[a b]]"
        );
    }
}
