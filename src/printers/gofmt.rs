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
    let mut out = String::new();
    push_json_number(n, &mut out);
    out
}

/// [`json_number`] appended to `out` (an integer needs no String of its own).
pub fn push_json_number(n: &Number, out: &mut String) {
    match go_num(n) {
        GoNum::Int(i) => {
            use std::fmt::Write as _;
            let _ = write!(out, "{i}");
        }
        GoNum::Float(f) => out.push_str(&format_float_json(f)),
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
/// and go-yaml's comparators are not total orders) and whose ties Go does not keep in
/// order. This is Go's pattern-defeating quicksort (`sort/zsortinterface.go`, Go 1.19+)
/// step for step: insertion sort up to 12 elements, then pivots, partitions and its
/// deterministic pattern breaking, so that ties and inconsistent comparators land where Go
/// puts them.
pub fn go_sort_indices(n: usize, less: &mut dyn FnMut(usize, usize) -> bool) -> Vec<usize> {
    let mut s = GoSort {
        idx: (0..n).collect(),
        less,
    };
    if n > 1 {
        let limit = usize::BITS - n.leading_zeros();
        s.pdqsort(0, n, limit);
    }
    s.idx
}

#[derive(PartialEq)]
enum Hint {
    Unknown,
    Increasing,
    Decreasing,
}

struct GoSort<'a> {
    idx: Vec<usize>,
    less: &'a mut dyn FnMut(usize, usize) -> bool,
}

impl GoSort<'_> {
    fn less(&mut self, i: usize, j: usize) -> bool {
        (self.less)(self.idx[i], self.idx[j])
    }

    fn swap(&mut self, i: usize, j: usize) {
        self.idx.swap(i, j);
    }

    fn insertion_sort(&mut self, a: usize, b: usize) {
        for i in a + 1..b {
            let mut j = i;
            while j > a && self.less(j, j - 1) {
                self.swap(j, j - 1);
                j -= 1;
            }
        }
    }

    fn sift_down(&mut self, lo: usize, hi: usize, first: usize) {
        let mut root = lo;
        loop {
            let mut child = 2 * root + 1;
            if child >= hi {
                return;
            }
            if child + 1 < hi && self.less(first + child, first + child + 1) {
                child += 1;
            }
            if !self.less(first + root, first + child) {
                return;
            }
            self.swap(first + root, first + child);
            root = child;
        }
    }

    fn heap_sort(&mut self, a: usize, b: usize) {
        let (first, lo, hi) = (a, 0, b - a);
        for i in (0..=(hi - 1) / 2).rev() {
            self.sift_down(i, hi, first);
        }
        for i in (0..hi).rev() {
            self.swap(first, first + i);
            self.sift_down(lo, i, first);
        }
    }

    fn pdqsort(&mut self, mut a: usize, mut b: usize, mut limit: u32) {
        const MAX_INSERTION: usize = 12;
        let (mut was_balanced, mut was_partitioned) = (true, true);
        loop {
            let length = b - a;
            if length <= MAX_INSERTION {
                self.insertion_sort(a, b);
                return;
            }
            if limit == 0 {
                self.heap_sort(a, b);
                return;
            }
            if !was_balanced {
                self.break_patterns(a, b);
                limit -= 1;
            }
            let (mut pivot, mut hint) = self.choose_pivot(a, b);
            if hint == Hint::Decreasing {
                self.reverse_range(a, b);
                pivot = (b - 1) - (pivot - a);
                hint = Hint::Increasing;
            }
            if was_balanced
                && was_partitioned
                && hint == Hint::Increasing
                && self.partial_insertion_sort(a, b)
            {
                return;
            }
            if a > 0 && !self.less(a - 1, pivot) {
                a = self.partition_equal(a, b, pivot);
                continue;
            }
            let (mid, already) = self.partition(a, b, pivot);
            was_partitioned = already;
            let (left, right) = (mid - a, b - mid);
            let threshold = length / 8;
            if left < right {
                was_balanced = left >= threshold;
                self.pdqsort(a, mid, limit);
                a = mid + 1;
            } else {
                was_balanced = right >= threshold;
                self.pdqsort(mid + 1, b, limit);
                b = mid;
            }
        }
    }

    fn partition(&mut self, a: usize, b: usize, pivot: usize) -> (usize, bool) {
        self.swap(a, pivot);
        let (mut i, mut j) = (a as isize + 1, b as isize - 1);
        while i <= j && self.less(i as usize, a) {
            i += 1;
        }
        while i <= j && !self.less(j as usize, a) {
            j -= 1;
        }
        if i > j {
            self.swap(j as usize, a);
            return (j as usize, true);
        }
        self.swap(i as usize, j as usize);
        i += 1;
        j -= 1;
        loop {
            while i <= j && self.less(i as usize, a) {
                i += 1;
            }
            while i <= j && !self.less(j as usize, a) {
                j -= 1;
            }
            if i > j {
                break;
            }
            self.swap(i as usize, j as usize);
            i += 1;
            j -= 1;
        }
        self.swap(j as usize, a);
        (j as usize, false)
    }

    fn partition_equal(&mut self, a: usize, b: usize, pivot: usize) -> usize {
        self.swap(a, pivot);
        let (mut i, mut j) = (a as isize + 1, b as isize - 1);
        loop {
            while i <= j && !self.less(a, i as usize) {
                i += 1;
            }
            while i <= j && self.less(a, j as usize) {
                j -= 1;
            }
            if i > j {
                break;
            }
            self.swap(i as usize, j as usize);
            i += 1;
            j -= 1;
        }
        i as usize
    }

    fn partial_insertion_sort(&mut self, a: usize, b: usize) -> bool {
        const MAX_STEPS: usize = 5;
        const SHORTEST_SHIFTING: usize = 50;
        let mut i = a + 1;
        for _ in 0..MAX_STEPS {
            while i < b && !self.less(i, i - 1) {
                i += 1;
            }
            if i == b {
                return true;
            }
            if b - a < SHORTEST_SHIFTING {
                return false;
            }
            self.swap(i, i - 1);
            if i - a >= 2 {
                let mut j = i - 1;
                while j >= 1 {
                    if !self.less(j, j - 1) {
                        break;
                    }
                    self.swap(j, j - 1);
                    j -= 1;
                }
            }
            if b - i >= 2 {
                for j in i + 1..b {
                    if !self.less(j, j - 1) {
                        break;
                    }
                    self.swap(j, j - 1);
                }
            }
        }
        false
    }

    fn break_patterns(&mut self, a: usize, b: usize) {
        let length = b - a;
        if length >= 8 {
            let mut random = length as u64;
            let modulus = 1usize << (usize::BITS - length.leading_zeros());
            let start = a + (length / 4) * 2 - 1;
            for idx in start..=a + (length / 4) * 2 + 1 {
                random ^= random << 13;
                random ^= random >> 7;
                random ^= random << 17;
                let mut other = (random as usize) & (modulus - 1);
                if other >= length {
                    other -= length;
                }
                self.swap(idx, a + other);
            }
        }
    }

    fn choose_pivot(&mut self, a: usize, b: usize) -> (usize, Hint) {
        const SHORTEST_NINTHER: usize = 50;
        const MAX_SWAPS: usize = 4 * 3;
        let l = b - a;
        let mut swaps = 0;
        let (mut i, mut j, mut k) = (a + l / 4, a + l / 4 * 2, a + l / 4 * 3);
        if l >= 8 {
            if l >= SHORTEST_NINTHER {
                i = self.median(i - 1, i, i + 1, &mut swaps);
                j = self.median(j - 1, j, j + 1, &mut swaps);
                k = self.median(k - 1, k, k + 1, &mut swaps);
            }
            j = self.median(i, j, k, &mut swaps);
        }
        match swaps {
            0 => (j, Hint::Increasing),
            MAX_SWAPS => (j, Hint::Decreasing),
            _ => (j, Hint::Unknown),
        }
    }

    fn order2(&mut self, a: usize, b: usize, swaps: &mut usize) -> (usize, usize) {
        if self.less(b, a) {
            *swaps += 1;
            (b, a)
        } else {
            (a, b)
        }
    }

    fn median(&mut self, a: usize, b: usize, c: usize, swaps: &mut usize) -> usize {
        let (a, b) = self.order2(a, b, swaps);
        let (b, c) = self.order2(b, c, swaps);
        let (_a, b) = self.order2(a, b, swaps);
        let _ = c;
        b
    }

    fn reverse_range(&mut self, a: usize, b: usize) {
        let (mut i, mut j) = (a, b - 1);
        while i < j {
            self.swap(i, j);
            i += 1;
            j -= 1;
        }
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
        let _ = go_sort_indices(300, &mut |a, b| (a * 7 + b) % 3 == 0); // nor here
    }

    #[test]
    fn go_sort_places_ties_like_pdqsort() {
        // `kubectl.1.33 get cm --sort-by=.metadata.labels.k -o name` over cm-00..cm-32
        // (listed in name order) labelled with these letters: Go's pdqsort is not stable.
        let keys = b"abcabcbaacabcbacabbcaabccbcabcbca";
        let got = go_sort_indices(keys.len(), &mut |a, b| keys[a] < keys[b]);
        assert_eq!(
            got,
            [
                16, 14, 32, 3, 27, 21, 20, 7, 8, 0, 10, 25, 22, 13, 11, 30, 1, 17, 28, 4, 6, 18,
                12, 23, 24, 5, 26, 19, 9, 29, 15, 31, 2
            ]
        );
        // 120 items (ninther pivots, partitions, equal-element partitions).
        let keys = b"cbdaaeaceaebaaddabaedaeabeaeedabaebcdbeaecebaeebcaeaeaebdedcdedccbbbaecedcdceaaedbcbddaaeecccededaacdaacedcdcadcbeadabcb";
        let got = go_sort_indices(keys.len(), &mut |a, b| keys[a] < keys[b]);
        let want = [
            68, 102, 51, 3, 4, 53, 6, 116, 114, 44, 23, 39, 12, 13, 109, 30, 16, 49, 18, 101, 98,
            21, 77, 97, 9, 87, 26, 86, 78, 32, 112, 31, 81, 83, 34, 1, 17, 37, 67, 11, 66, 65, 55,
            43, 24, 117, 119, 47, 91, 70, 118, 7, 111, 108, 106, 103, 48, 99, 92, 59, 0, 90, 82,
            63, 64, 41, 35, 75, 73, 100, 107, 2, 72, 36, 74, 115, 110, 14, 105, 15, 80, 29, 62, 56,
            84, 85, 20, 96, 94, 58, 60, 33, 76, 93, 88, 95, 25, 22, 27, 57, 28, 19, 79, 42, 104,
            89, 69, 61, 45, 40, 54, 52, 10, 113, 8, 38, 46, 5, 50, 71,
        ];
        assert_eq!(got, want);
        // A descending input (Go reverses it first).
        let keys = b"jjjjjiiiiihhhhhhggggggggggggffffeeeeddddddcccccccccbbbbbaaaa";
        let got = go_sort_indices(keys.len(), &mut |a, b| keys[a] < keys[b]);
        let want = [
            59, 58, 57, 56, 51, 55, 54, 53, 52, 46, 42, 49, 48, 47, 50, 45, 44, 43, 38, 41, 40, 39,
            37, 36, 32, 35, 34, 33, 30, 28, 29, 31, 17, 16, 26, 25, 24, 23, 22, 21, 20, 19, 18, 27,
            15, 10, 14, 13, 12, 11, 9, 8, 7, 6, 5, 0, 4, 3, 2, 1,
        ];
        assert_eq!(got, want);
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
