//! kubectl's JSONPath templates (`-o jsonpath=`, `jsonpath-file=`, `jsonpath-as-json=`), also
//! used by custom-columns and `--sort-by`. `parse` holds the grammar, `eval` the semantics;
//! this module is the printer-facing API and kubectl's error wrapping.

pub mod eval;
pub mod items;
pub mod parse;

use super::{Error, gofmt, json};
use eval::{Evaluator, result_text};
use parse::Node;
use serde_json::Value;
use std::borrow::Cow;

/// A parsed template.
#[derive(Clone, Debug)]
pub struct JsonPath {
    template: String,
    nodes: Vec<Node>,
    allow_missing_keys: bool,
}

impl JsonPath {
    /// Parses `template`; the error is client-go's bare parse message (`unclosed action`).
    pub fn parse(template: &str) -> Result<Self, String> {
        Ok(JsonPath {
            template: template.to_string(),
            nodes: parse::parse(template)?,
            allow_missing_keys: true,
        })
    }

    /// `--allow-missing-template-keys` (default true).
    pub fn allow_missing_keys(mut self, allow: bool) -> Self {
        self.allow_missing_keys = allow;
        self
    }

    pub fn template(&self) -> &str {
        &self.template
    }

    /// Every action's results (`FindResults`); the error is client-go's bare message
    /// (`array index out of bounds: index 5, length 2`).
    pub fn find_results<'a>(&self, data: &'a Value) -> Result<Vec<Vec<Cow<'a, Value>>>, String> {
        let mut ev = Evaluator::new(self.allow_missing_keys);
        ev.find_results(Cow::Borrowed(data), &self.nodes, 0)
    }

    /// `Execute`: the printed text (`-o jsonpath`), or with `as_json` one 4-space-indented
    /// JSON array per action (`-o jsonpath-as-json`).
    pub fn execute(&self, data: &Value, as_json: bool) -> Result<String, String> {
        let mut out = String::new();
        push_results(&mut out, self.find_results(data)?, as_json);
        Ok(out)
    }
}

/// How `Execute` prints the results of its actions: each action's results joined by
/// spaces, or with `as_json` one 4-space-indented JSON array per action.
fn push_results(out: &mut String, all: Vec<Vec<Cow<'_, Value>>>, as_json: bool) {
    for results in all {
        if as_json {
            let arr = Value::Array(results.into_iter().map(Cow::into_owned).collect());
            out.push_str(&json::to_indented(&arr, "    "));
            out.push('\n');
            continue;
        }
        let n = results.len();
        for (i, r) in results.iter().enumerate() {
            out.push_str(&result_text(r));
            if i + 1 != n {
                out.push(' ');
            }
        }
    }
}

/// kubectl's `RelaxedJSONPathExpression` (custom-columns, `--sort-by`): `.a.b`, `a.b`, `{.a.b}`
/// and `{a.b}` all become `{.a.b}`; "" stays "".
pub fn relaxed(expr: &str) -> Result<String, Error> {
    if expr.is_empty() {
        return Ok(String::new());
    }
    let bad = || {
        Error::Other(
            "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"
                .into(),
        )
    };
    let inner = match expr.strip_prefix('{').and_then(|e| e.strip_suffix('}')) {
        Some(inner) => inner,
        None => expr,
    };
    // The regexp's optional leading dot backtracks when nothing else follows: `.` → `{..}`.
    let inner = match inner.strip_prefix('.') {
        Some("") | None => inner,
        Some(rest) => rest,
    };
    if inner.is_empty() || inner.contains(['{', '}']) {
        return Err(bad());
    }
    Ok(format!("{{.{inner}}}"))
}

/// The error kubectl prints for a template that does not parse (`-o jsonpath=`).
pub fn parse_error(template: &str, msg: &str) -> Error {
    Error::JsonPathParse(format!("error parsing jsonpath {template}, {msg}"))
}

/// The error kubectl's JSONPath printer returns when execution fails, including its dump
/// of the object in Go `%#v` syntax.
pub fn exec_error(template: &str, msg: &str, obj: &Value) -> Error {
    Error::JsonPathExec(format!(
        "error executing jsonpath {}: Error executing template: {msg}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{template}\n\tobject given to jsonpath engine was:\n\t\t{}\n\n\n",
        gofmt::go_quote(template),
        gofmt::go_sharp_v(obj),
    ))
}

/// The `-o jsonpath` / `jsonpath-as-json` printer for one object.
pub fn print(jp: &JsonPath, obj: &Value, as_json: bool) -> Result<String, Error> {
    jp.execute(obj, as_json)
        .map_err(|m| exec_error(jp.template(), &m, obj))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod() -> Value {
        serde_json::from_str(
            r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default","labels":{"app":"web","app.kubernetes.io/name":"w","x":"y"},"annotations":{"a":"<b>"}},"spec":{"containers":[{"name":"a","image":"nginx","ports":[{"containerPort":80},{"containerPort":443}]},{"name":"b","image":"redis","ports":[]}],"n":1.5,"big":1e21,"t":true,"z":null,"e":"","arr":[1,"x",null,true,{"k":"v"},[1,2]]}}"#,
        )
        .unwrap()
    }

    fn run(t: &str) -> Result<String, String> {
        JsonPath::parse(t)?.execute(&pod(), false)
    }

    // Every expectation below is `kubectl.1.33 label --local -f pod.json x=y -o jsonpath=T`.
    #[test]
    fn outputs_match_kubectl() {
        let cases = [
            ("{.metadata.name}", "web"),
            ("{.spec.containers[*].name}", "a b"),
            ("{.spec.containers[-1].name}", "b"),
            ("{.spec.containers[0:1].name}", "a"),
            ("{..containerPort}", "80 443"),
            ("{.metadata.labels['app\\.kubernetes\\.io/name']}", "w"),
            ("{['metadata.name']}", "web"),
            ("{.spec.containers[*]['name']}", "a b"),
            ("{.metadata.labels.app\\.kubernetes\\.io/name}", "w"),
            ("{.spec.containers[?(@.name==\"b\")].image}", "redis"),
            ("{.spec.containers[?(@.image!=\"nginx\")].name}", "b"),
            ("{.spec.containers[?(@.ports)].name}", "a b"),
            ("{.spec.containers[?(@.name<\"b\")].name}", "a"),
            ("{.spec.containers[?(@.name=='b')].image}", "redis"),
            ("{.spec.containers[?(@.x.y)].name}", ""),
            (
                "{range .spec.containers[*]}{.name}{\"\\t\"}{.image}{\"\\n\"}{end}",
                "a\tnginx\nb\tredis\n",
            ),
            ("{range .spec.containers[*]}{.name},{end}", "a,b,"),
            ("{range .spec.containers[*]}{.name}", "ab"),
            (
                "{.metadata.labels}",
                r#"{"app":"web","app.kubernetes.io/name":"w","x":"y"}"#,
            ),
            ("{.spec.arr}", r#"[1,"x",null,true,{"k":"v"},[1,2]]"#),
            ("{.spec.arr[*]}", r#"1 x null true {"k":"v"} [1,2]"#),
            (
                "{.spec.n} {.spec.big} {.spec.t} {.spec.z} [{.spec.e}]",
                "1.5 1e+21 true null []",
            ),
            ("{.nope}", ""),
            ("{$.kind}", "Pod"),
            ("{@.kind}", "Pod"),
            ("{.}X", "X"),
            ("{.metadata.}", ""),
            ("{.spec.containers[0,1].name}", "a b"),
            ("{.spec.containers[*]['name','image']}", "a b nginx redis"),
            ("{.spec.containers[*].ports[*].containerPort}", "80 443"),
            ("text {.kind} more", "text Pod more"),
            ("{.metadata.annotations.a}", "<b>"),
            ("{.kind}{\"\\n\"}", "Pod\n"),
            ("{'lit'}", "lit"),
            ("{.metadata.name}}x", "web}x"),
            ("{.spec.n.x}", ""),
            ("{.spec.containers.name}", ""),
            ("{true}", "true"),
            ("{1}", "1"),
            ("{\"a\"}{.kind}", "aPod"),
            ("{.spec.containers[1:].name}", "b"),
            ("{.spec.containers[:1].name}", "a"),
            ("{.spec.containers[0:0].name}", ""),
            (".metadata.name", ".metadata.name"),
        ];
        for (t, want) in cases {
            assert_eq!(run(t).as_deref(), Ok(want), "template {t}");
        }
        assert!(run("{@}").unwrap().starts_with(
            r#"{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{"a":"\u003cb\u003e"}"#
        ));
    }

    /// `kubectl.1.33 get pods -o jsonpath=T` / `jsonpath-as-json=T` on a two-pod list.
    #[test]
    fn list_templates_match_kubectl() {
        let web = pod();
        let mut db = pod();
        db["metadata"]["name"] = json!("db");
        db["metadata"]["labels"] = json!({"tier": "be"});
        db["spec"]["n"] = json!(0.25);
        let list = json!({"apiVersion": "v1", "items": [web, db], "kind": "List", "metadata": {"resourceVersion": ""}});
        let cases: &[(&str, bool, Result<String, String>)] = &[
            ("{range .items[*]}{.metadata.name}{\"\\t\"}{.spec.n}{\"\\n\"}{end}", false, Ok("web\t1.5\ndb\t0.25\n".to_string())),
            ("{range .items[*]}{.metadata.name}{\"\\t\"}{.spec.n}{\"\\n\"}{end}", true, Ok("[\n    \"web\"\n]\n[\n    \"\\t\"\n]\n[\n    1.5\n]\n[\n    \"\\n\"\n]\n[\n    \"db\"\n]\n[\n    \"\\t\"\n]\n[\n    0.25\n]\n[\n    \"\\n\"\n]\n".to_string())),
            ("{.items[?(@.spec.n>1)].metadata.name}", false, Err("incompatible types for comparison".to_string())),
            ("{.items[?(@.spec.n>1)].metadata.name}", true, Err("incompatible types for comparison".to_string())),
            ("{.items[?(@.spec.n<1.0)].metadata.name}", false, Ok("db".to_string())),
            ("{.items[?(@.spec.n<1.0)].metadata.name}", true, Ok("[\n    \"db\"\n]\n".to_string())),
            ("{.items[-1:].metadata.name}", false, Ok("db".to_string())),
            ("{.items[-1:].metadata.name}", true, Ok("[\n    \"db\"\n]\n".to_string())),
            ("{.items[0:2:2].metadata.name}", false, Ok("web".to_string())),
            ("{.items[0:2:2].metadata.name}", true, Ok("[\n    \"web\"\n]\n".to_string())),
            ("{.items[*]['metadata.name']}", false, Ok("web db".to_string())),
            ("{.items[*]['metadata.name']}", true, Ok("[\n    \"web\",\n    \"db\"\n]\n".to_string())),
            ("{.items[*].metadata['name','namespace']}", false, Ok("web db default default".to_string())),
            ("{.items[*].metadata['name','namespace']}", true, Ok("[\n    \"web\",\n    \"db\",\n    \"default\",\n    \"default\"\n]\n".to_string())),
            ("{range .items[*]}{range .spec.containers[*]}{.name}-{end};{end}", false, Ok("a-b-;a-b-;".to_string())),
            ("{range .items[*]}{range .spec.containers[*]}{.name}-{end};{end}", true, Ok("[\n    \"a\"\n]\n[\n    \"-\"\n]\n[\n    \"b\"\n]\n[\n    \"-\"\n]\n[\n    \";\"\n]\n[\n    \"a\"\n]\n[\n    \"-\"\n]\n[\n    \"b\"\n]\n[\n    \"-\"\n]\n[\n    \";\"\n]\n".to_string())),
            ("{range .items[*]}[{.metadata.name}]{end} tail", false, Ok("[web][db] tail".to_string())),
            ("{range .items[*]}[{.metadata.name}]{end} tail", true, Ok("[\n    \"[\"\n]\n[\n    \"web\"\n]\n[\n    \"]\"\n]\n[\n    \"[\"\n]\n[\n    \"db\"\n]\n[\n    \"]\"\n]\n[\n    \" tail\"\n]\n".to_string())),
            ("{.items[*].spec.arr[4].k}", false, Ok("v v".to_string())),
            ("{.items[*].spec.arr[4].k}", true, Ok("[\n    \"v\",\n    \"v\"\n]\n".to_string())),
            ("{.items[*].spec.z}", false, Ok("null null".to_string())),
            ("{.items[*].spec.z}", true, Ok("[\n    null,\n    null\n]\n".to_string())),
            ("{.items[*].spec.containers[?(@.ports[*])].name}", false, Ok("a a".to_string())),
            ("{.items[*].spec.containers[?(@.ports[*])].name}", true, Ok("[\n    \"a\",\n    \"a\"\n]\n".to_string())),
            ("{.items[2]}", false, Err("array index out of bounds: index 2, length 2".to_string())),
            ("{.items[2]}", true, Err("array index out of bounds: index 2, length 2".to_string())),
            ("{range .items[*]}{.metadata.name}{end}{.kind}", false, Ok("webdbList".to_string())),
            ("{range .items[*]}{.metadata.name}{end}{.kind}", true, Ok("[\n    \"web\"\n]\n[\n    \"db\"\n]\n[\n    \"List\"\n]\n".to_string())),
        ];
        for (t, as_json, want) in cases {
            let got = JsonPath::parse(t).unwrap().execute(&list, *as_json);
            assert_eq!(&got, want, "template {t} as_json={as_json}");
        }
    }

    #[test]
    fn execution_errors_match_kubectl() {
        let cases = [
            ("{.spec.containers[::-1].name}", "step must be > 0"),
            (
                "{.spec.containers[5]}",
                "array index out of bounds: index 5, length 2",
            ),
            (
                "{.spec.containers[0].ports[-5:]}",
                "array index out of bounds: index -3, length 2",
            ),
            (
                "{.spec.containers[0].ports[1:100].containerPort}",
                "array index out of bounds: index 99, length 2",
            ),
            (
                "{.spec.containers[?(@.ports[0].containerPort>79)].name}",
                "array index out of bounds: index 0, length 0",
            ),
            ("{foo}", "unrecognized identifier foo"),
            ("{end}", "not in range, nothing to end"),
            (
                "{.spec.containers[?(@.name=\"a\")].name}",
                "unrecognized filter operator =",
            ),
            ("{.spec.arr[?(@==1)]}", "incompatible types for comparison"),
            (
                "{.metadata[0]}",
                "map[string]interface {} is not array or slice",
            ),
        ];
        for (t, want) in cases {
            assert_eq!(run(t), Err(want.to_string()), "template {t}");
        }
        let missing = JsonPath::parse("{.nope}")
            .unwrap()
            .allow_missing_keys(false);
        assert_eq!(
            missing.execute(&pod(), false),
            Err("nope is not found".into())
        );
    }

    #[test]
    fn relaxed_expressions() {
        for e in [".a.b", "a.b", "{.a.b}", "{a.b}"] {
            assert_eq!(relaxed(e).unwrap(), "{.a.b}");
        }
        assert_eq!(relaxed("").unwrap(), "");
        assert_eq!(relaxed(".").unwrap(), "{..}");
        assert_eq!(relaxed("a.b:c").unwrap(), "{.a.b:c}");
        assert_eq!(
            relaxed("{.metadata.name}{.kind}").unwrap_err().to_string(),
            "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"
        );
    }

    #[test]
    fn as_json_and_error_wrapping() {
        let jp = JsonPath::parse("{.metadata.name}{.spec.containers[*].name}").unwrap();
        assert_eq!(
            jp.execute(&pod(), true).unwrap(),
            "[\n    \"web\"\n]\n[\n    \"a\",\n    \"b\"\n]\n"
        );
        let jp = JsonPath::parse("{range .spec.containers[*]}{.name}{end}").unwrap();
        assert_eq!(
            jp.execute(&pod(), true).unwrap(),
            "[\n    \"a\"\n]\n[\n    \"b\"\n]\n"
        );
        assert_eq!(
            JsonPath::parse("{.nope}")
                .unwrap()
                .execute(&pod(), true)
                .unwrap(),
            "[]\n"
        );

        let e = parse_error("{.a[}", "unterminated array");
        assert_eq!(
            e.to_string(),
            "error parsing jsonpath {.a[}, unterminated array"
        );
        let obj = json!({"kind": "Pod", "spec": {"z": null, "n": 1.5}});
        let jp = JsonPath::parse("{.spec.x[0]}")
            .unwrap()
            .allow_missing_keys(false);
        let e = print(&jp, &obj, false).unwrap_err();
        assert_eq!(
            e.to_string(),
            "error executing jsonpath \"{.spec.x[0]}\": Error executing template: x is not found. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.spec.x[0]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"kind\":\"Pod\", \"spec\":map[string]interface {}{\"n\":1.5, \"z\":interface {}(nil)}}\n\n\n"
        );
    }
}
