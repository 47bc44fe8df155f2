//! `-o go-template=` / `go-template-file=` / `template=` / `templatefile=`: Go's
//! `text/template` over the unstructured object, plus kubectl's `exists` and
//! `base64decode`, with kubectl's error reporting (a debug dump on stdout, then
//! `error executing template "T": ...`).

pub mod exec;
pub mod items;
pub mod parse;
pub mod printf;

use super::{Error, json};
use serde_json::Value;

/// A parsed go-template.
#[derive(Clone, Debug)]
pub struct GoTemplate {
    template: String,
    tree: parse::Tree,
    allow_missing_keys: bool,
}

impl GoTemplate {
    /// Parses; the error is kubectl's `error parsing template T, template: output:1: ...`.
    pub fn parse(template: &str) -> Result<Self, Error> {
        let tree = parse::parse(template)
            .map_err(|e| Error::Other(format!("error parsing template {template}, {e}")))?;
        Ok(GoTemplate {
            template: template.to_string(),
            tree,
            allow_missing_keys: true,
        })
    }

    /// `--allow-missing-template-keys=false` makes missing map keys an error.
    pub fn allow_missing_keys(mut self, allow: bool) -> Self {
        self.allow_missing_keys = allow;
        self
    }

    /// Runs the template. `Ok(text)`, or `Err((stdout_text, error))` where `stdout_text` is
    /// the partial output followed by kubectl's debugging dump, which kubectl writes to the
    /// output stream before returning the error.
    pub fn execute(&self, obj: &Value) -> Result<String, (String, Error)> {
        let mut ex = exec::Exec::new(&self.tree, &self.template, !self.allow_missing_keys);
        match ex.run(obj) {
            Ok(()) => Ok(ex.out),
            Err(e) => Err(self.failure(ex.out, &e, obj)),
        }
    }

    /// kubectl's report of a failed execution over `obj`: the partial output `out` and the
    /// debugging dump (both for stdout), and the error.
    fn failure(&self, mut out: String, e: &str, obj: &Value) -> (String, Error) {
        out.push_str(&format!(
            "Error executing template: {e}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{}\n\traw data was:\n\t\t{}\n\tobject given to template engine was:\n\t\t{}\n\n",
            self.template,
            json::to_compact(obj),
            crate::printers::gofmt::go_v(obj),
        ));
        let err = Error::Other(format!(
            "error executing template {}: {e}",
            crate::printers::gofmt::go_quote(&self.template)
        ));
        (out, err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod() -> Value {
        serde_json::from_str(
            r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default","labels":{"app":"web","app.kubernetes.io/name":"w","x":"y"},"annotations":{"a":"<b>"}},"spec":{"containers":[{"name":"a","image":"nginx","ports":[{"containerPort":80},{"containerPort":443}]},{"name":"b","image":"redis","ports":[]}],"n":1.5,"big":1e21,"t":true,"z":null,"e":"","arr":[1,"x",null,true,{"k":"v"},[1,2]]}}"#,
        )
        .unwrap()
    }

    fn run(t: &str) -> Result<String, String> {
        let g = GoTemplate::parse(t).map_err(|e| e.to_string())?;
        g.execute(&pod()).map_err(|(_, e)| e.to_string())
    }

    // Every expectation: `kubectl.1.33 label --local -f pod.json x=y -o go-template=T`.
    #[test]
    fn outputs_match_kubectl() {
        let cases = [
            ("{{.metadata.name}}", "web"),
            ("{{.nope}}", "<no value>"),
            (
                "{{.metadata.labels}}",
                "map[app:web app.kubernetes.io/name:w x:y]",
            ),
            ("{{range .spec.containers}}{{.name}} {{end}}", "a b "),
            (
                "{{range $i, $c := .spec.containers}}{{$i}}={{$c.image}};{{end}}",
                "0=nginx;1=redis;",
            ),
            ("{{if .spec.t}}yes{{else}}no{{end}}", "yes"),
            ("{{index .metadata.labels \"app.kubernetes.io/name\"}}", "w"),
            ("{{len .spec.containers}}", "2"),
            (
                "{{printf \"%s-%d-%v-%q\" .metadata.name 5 .spec.n .kind}}",
                "web-5-1.5-\"Pod\"",
            ),
            (
                "{{.spec.n}} {{.spec.big}} {{(index .spec.containers 0).ports}}",
                "1.5 1e+21 [map[containerPort:80] map[containerPort:443]]",
            ),
            ("a {{- .kind -}} b", "aPodb"),
            ("{{\"\\n\"}}x", "\nx"),
            (
                "{{eq .kind \"Pod\"}} {{ne .kind \"Pod\"}} {{and .spec.t .kind}} {{or .spec.e .kind}} {{not .spec.t}}",
                "true false Pod Pod false",
            ),
            (
                "{{with .metadata}}{{.name}}{{end}}{{with .nope}}X{{else}}Y{{end}}",
                "webY",
            ),
            ("[{{.spec.z}}] [{{.spec.e}}]", "[<no value>] []"),
            (
                "{{base64decode \"aGk=\"}} {{exists . \"metadata\" \"name\"}} {{exists . \"metadata\" \"nope\"}}",
                "hi true false",
            ),
            (
                "{{range .spec.arr}}{{.}},{{end}}",
                "1,x,<no value>,true,map[k:v],[1 2],",
            ),
            (
                "{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}",
                "app=web;app.kubernetes.io/name=w;x=y;",
            ),
            ("{{.metadata.name | printf \"%q\"}}", "\"web\""),
            ("{{/* c */}}ok", "ok"),
            ("{{$x := .kind}}{{$x}}", "Pod"),
            (
                "{{print .kind 1 2 \"a\" \"b\"}}|{{println .kind}}|",
                "Pod1 2ab|Pod\n|",
            ),
            (
                "{{html \"<a>\"}} {{js \"a'b\"}} {{urlquery \"a b&\"}}",
                "&lt;a&gt; a\\'b a+b%26",
            ),
            ("{{range .nope}}x{{else}}empty{{end}}", "empty"),
            (
                "{{lt 1 2}} {{le 2 2}} {{gt .spec.n 1.0}} {{eq 1 1 2}}",
                "true true true true",
            ),
            ("{{len .metadata.name}} {{slice .metadata.name 1 2}}", "3 e"),
            ("{{define \"x\"}}X{{end}}{{template \"x\"}}", "X"),
            (
                "{{range .spec.containers}}{{if eq .name \"b\"}}{{break}}{{end}}{{.name}}{{end}}",
                "a",
            ),
            ("{{index .metadata.labels \"nope\"}}", "<no value>"),
            ("{{.spec.arr}}", "[1 x <nil> true map[k:v] [1 2]]"),
            (
                "{{range .spec.containers}}{{.nope}}{{end}}",
                "<no value><no value>",
            ),
            ("{{.nope.x}}", "<no value>"),
            ("{{$.kind}} {{$x := 1}}{{$x = 2}}{{$x}}", "Pod 2"),
            ("{{range $i := .spec.containers}}{{$i.name}}{{end}}", "ab"),
            ("{{range 3}}{{.}}{{end}}", "012"),
            ("{{if .nope}}a{{else if .kind}}b{{end}}", "b"),
            ("{{.kind | len}}", "3"),
            ("{{ .kind }}", "Pod"),
            ("{{\"a\" | printf \"%s-%s\" \"b\"}}", "b-a"),
            ("{{(.metadata).name}}", "web"),
            ("{{range .spec.containers}}{{continue}}{{end}}x", "x"),
        ];
        for (t, want) in cases {
            assert_eq!(run(t).as_deref(), Ok(want), "template {t}");
        }
    }

    /// `kubectl.1.33 get pods -o go-template=T` on a two-pod list.
    #[test]
    fn list_templates_match_kubectl() {
        // The server's pods carry no `x=y` label (that came from `label --local`).
        let mut web = pod();
        web["metadata"]["labels"]
            .as_object_mut()
            .map(|l| l.remove("x"));
        let mut db = pod();
        db["metadata"]["name"] = serde_json::json!("db");
        db["metadata"]["labels"] = serde_json::json!({"tier": "be"});
        db["spec"]["n"] = serde_json::json!(0.25);
        let list = serde_json::json!({"apiVersion": "v1", "items": [web, db], "kind": "List", "metadata": {"resourceVersion": ""}});
        let cases: &[(&str, &str)] = &[
            (
                "{{range $i, $p := .items}}{{$i}}:{{$p.metadata.name}} {{end}}",
                "0:web 1:db ",
            ),
            (
                "{{range .items}}{{range .spec.containers}}{{.image}},{{end}};{{end}}",
                "nginx,redis,;nginx,redis,;",
            ),
            (
                "{{range .items}}{{if eq .metadata.name \"db\"}}DB{{else}}{{.metadata.name}}{{end}} {{end}}",
                "web DB ",
            ),
            ("{{range .items}}{{- .metadata.name -}}\n{{end}}", "webdb"),
            (
                "{{range .items}}\n  {{- .metadata.name }}\n{{- end}}",
                "webdb",
            ),
            (
                "{{$first := \"\"}}{{range .items}}{{if not $first}}{{$first = .metadata.name}}{{end}}{{end}}{{$first}}",
                "web",
            ),
            (
                "{{range .items}}{{range $k, $v := .metadata.labels}}{{$k}}={{$v}} {{end}}| {{end}}",
                "app=web app.kubernetes.io/name=w | tier=be | ",
            ),
            (
                "{{range .items}}{{.metadata.name | printf \"<%s>\" | html}}{{end}}",
                "&lt;web&gt;&lt;db&gt;",
            ),
            (
                "{{range $i, $e := .items}}{{if $i}}, {{end}}{{$e.metadata.name}}{{end}}",
                "web, db",
            ),
            ("{{with $x := .kind}}{{$x}}{{end}}", "List"),
            ("{{block \"b\" .kind}}B{{.}}{{end}}", "BList"),
            ("{{range .items}}{{.spec.containers | len}}{{end}}", "22"),
            ("{{println 1 \"a\" 2}}", "1 a 2\n"),
            ("{{print nil}}|{{printf \"%v\" nil}}", "<nil>|<nil>"),
            (
                "{{slice .items 1}}",
                "[map[apiVersion:v1 kind:Pod metadata:map[annotations:map[a:<b>] labels:map[tier:be] name:db namespace:default] spec:map[arr:[1 x <nil> true map[k:v] [1 2]] big:1e+21 containers:[map[image:nginx name:a ports:[map[containerPort:80] map[containerPort:443]]] map[image:redis name:b ports:[]]] e: n:0.25 t:true z:<nil>]]]",
            ),
            ("{{range .items -}} {{.metadata.name}} {{- end}}", "webdb"),
            ("{{js \"<x>\\n\"}}", "\\u003Cx\\u003E\\u000A"),
            ("{{eq .kind \"List\" \"Pod\"}}", "true"),
        ];
        for (t, want) in cases {
            let got = GoTemplate::parse(t)
                .unwrap()
                .execute(&list)
                .map_err(|(_, e)| e.to_string());
            assert_eq!(got.as_deref(), Ok(*want), "template {t:?}");
        }
    }

    #[test]
    fn errors_match_kubectl() {
        let cases = [
            (
                "{{.a",
                "error parsing template {{.a, template: output:1: unclosed action",
            ),
            (
                "{{.metadata.name.foo}}",
                "error executing template \"{{.metadata.name.foo}}\": template: output:1:11: executing \"output\" at <.metadata.name.foo>: can't evaluate field foo in type interface {}",
            ),
            (
                "{{index .spec.containers 5}}",
                "error executing template \"{{index .spec.containers 5}}\": template: output:1:2: executing \"output\" at <index .spec.containers 5>: error calling index: index out of range: 5",
            ),
            (
                "{{.spec.containers.name}}",
                "error executing template \"{{.spec.containers.name}}\": template: output:1:7: executing \"output\" at <.spec.containers.name>: can't evaluate field name in type interface {}",
            ),
            (
                "{{range .spec.t}}x{{end}}",
                "error executing template \"{{range .spec.t}}x{{end}}\": template: output:1:13: executing \"output\" at <.spec.t>: range can't iterate over true",
            ),
            (
                "{{.spec.z.x}}",
                "error executing template \"{{.spec.z.x}}\": template: output:1:7: executing \"output\" at <.spec.z.x>: nil pointer evaluating interface {}.x",
            ),
            (
                "{{index .spec.arr 1 2}}",
                "error executing template \"{{index .spec.arr 1 2}}\": template: output:1:2: executing \"output\" at <index .spec.arr 1 2>: error calling index: index out of range: 2",
            ),
            (
                "{{len .spec.n}}",
                "error executing template \"{{len .spec.n}}\": template: output:1:2: executing \"output\" at <len .spec.n>: error calling len: len of type float64",
            ),
            (
                "{{eq .spec.n 1}}",
                "error executing template \"{{eq .spec.n 1}}\": template: output:1:2: executing \"output\" at <eq .spec.n 1>: error calling eq: incompatible types for comparison",
            ),
            (
                "{{lt .spec.t true}}",
                "error executing template \"{{lt .spec.t true}}\": template: output:1:2: executing \"output\" at <lt .spec.t true>: error calling lt: invalid type for comparison",
            ),
            (
                "{{.spec.t 1}}",
                "error executing template \"{{.spec.t 1}}\": template: output:1:7: executing \"output\" at <.spec.t>: t is not a method but has arguments",
            ),
            (
                "{{base64decode \"!!\"}}",
                "error executing template \"{{base64decode \\\"!!\\\"}}\": template: output:1:2: executing \"output\" at <base64decode \"!!\">: error calling base64decode: base64 decode failed: illegal base64 data at input byte 0",
            ),
            (
                "{{end}}",
                "error parsing template {{end}}, template: output:1: unexpected {{end}}",
            ),
        ];
        for (t, want) in cases {
            assert_eq!(run(t), Err(want.to_string()), "template {t}");
        }
        let strict = GoTemplate::parse("{{.nope}}")
            .unwrap()
            .allow_missing_keys(false);
        let (out, e) = strict.execute(&serde_json::json!({"k": 1})).unwrap_err();
        assert_eq!(
            e.to_string(),
            "error executing template \"{{.nope}}\": template: output:1:2: executing \"output\" at <.nope>: map has no entry for key \"nope\""
        );
        assert_eq!(
            out,
            "Error executing template: template: output:1:2: executing \"output\" at <.nope>: map has no entry for key \"nope\". Printing more information for debugging the template:\n\ttemplate was:\n\t\t{{.nope}}\n\traw data was:\n\t\t{\"k\":1}\n\tobject given to template engine was:\n\t\tmap[k:1]\n\n"
        );
    }

    // `kubectl.1.33 ... -o go-template='{{define "t"}}{{template "t"}}{{end}}{{template "t"}}'`
    #[test]
    fn runaway_recursion_stops_like_go() {
        let t = r#"{{define "t"}}{{template "t"}}{{end}}{{template "t"}}"#;
        let (_, e) = GoTemplate::parse(t).unwrap().execute(&pod()).unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"error executing template "{{define \"t\"}}{{template \"t\"}}{{end}}{{template \"t\"}}": template: output:1:25: executing "t" at <{{template "t"}}>: exceeded maximum template depth (100000)"#
        );
    }
}
