//! The bodies of kk's fuzz targets (`fuzz/fuzz_targets/*.rs` call these, one line each), kept
//! here as ordinary functions so that the stable build compiles them and a unit test runs
//! every one over its checked-in seed corpus (`fixtures/fuzz/<target>/`).
//!
//! Each takes arbitrary bytes and must return without panicking, whatever they hold: a parser
//! answers with a value or an error, never a crash. Inputs with several parts (a template and
//! the object it runs on) put the first part on the first line.

use std::borrow::Cow;
use std::sync::LazyLock;

use serde_json::{Value, json};

use crate::kubeconfig::{self, view};
use crate::patch::meta::Schema;
use crate::patch::strategic;
use crate::printers::custom_columns::{self, CustomColumnsPrinter};
use crate::printers::gotemplate::GoTemplate;
use crate::printers::jsonpath::JsonPath;

/// A fuzz target's body: any bytes in, no panic out.
pub type Target = fn(&[u8]);

/// The targets by name (the fuzz crate's binaries and the seed directories are named alike).
pub const TARGETS: &[(&str, Target)] = &[
    ("jsonpath", jsonpath),
    ("custom_columns", custom_columns),
    ("go_template", go_template),
    ("selectors", selectors),
    ("manifest", manifest),
    ("kubeconfig", kubeconfig),
    ("strategic_patch", strategic_patch),
];

/// The object a template runs on when the input brings none (or none that parses): a pod
/// with the shapes templates meet — nested maps, lists of maps, numbers, booleans, null.
static SAMPLE: LazyLock<Value> = LazyLock::new(|| {
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": "web-0",
            "namespace": "default",
            "labels": {"app": "web", "tier": "front", "app.kubernetes.io/name": "web"},
            "annotations": {"note": "a b", "empty": ""},
            "ownerReferences": [{"kind": "StatefulSet", "name": "web", "controller": true}],
            "deletionTimestamp": null,
        },
        "spec": {
            "containers": [
                {"name": "nginx", "image": "nginx:1.27", "ports": [{"containerPort": 80, "protocol": "TCP"}]},
                {"name": "side", "image": "busybox", "args": ["sleep", "3600"], "resources": {"limits": {"cpu": "100m"}}},
            ],
            "replicas": 3,
            "ratio": 0.5,
            "hostNetwork": false,
        },
        "status": {
            "phase": "Running",
            "conditions": [
                {"type": "Ready", "status": "True"},
                {"type": "PodScheduled", "status": "False", "reason": "x"},
            ],
            "podIPs": [{"ip": "10.0.0.1"}, {"ip": "fd00::1"}],
        },
        "items": [{"n": 1}, {"n": -2}, {"n": 3.25}, {"n": "4"}],
    })
});

/// `TEMPLATE\nJSON`: the template, and the object (the sample when the rest is no JSON).
fn template_and_data(data: &[u8]) -> (String, Cow<'static, Value>) {
    let text = String::from_utf8_lossy(data);
    let (template, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let obj = serde_json::from_str(rest).map_or(Cow::Borrowed(&*SAMPLE), Cow::Owned);
    (template.to_string(), obj)
}

/// `-o jsonpath=TEMPLATE`: parse, then run as text and as JSON, with and without missing keys.
pub fn jsonpath(data: &[u8]) {
    let (template, obj) = template_and_data(data);
    if let Ok(jp) = JsonPath::parse(&template)
        && !runaway_by_design(&template)
    {
        let _ = jp.execute(&obj, false);
        let _ = jp.execute(&obj, true);
        let _ = jp.allow_missing_keys(true).execute(&obj, false);
    }
}

/// Templates whose cost the template language itself makes unbounded, in kubectl as in kk:
/// ranges nested over recursive descent (`{range ..}{range ..}{range ..}` walks every node
/// for every node, N^depth), many nested ranges (an unclosed jsonpath `{range}` runs the rest
/// of the template once per element, so `{range }{range }{range }x` prints `x` 8 times in
/// kubectl too) and ranges counting to a big integer (`{{range 99999999}}`, `{{range 1e9}}`,
/// or two ranges over thousands). They are parsed but not run: run, they only hit the
/// fuzzer's time or memory limit; what they exercise, smaller inputs cover.
fn runaway_by_design(template: &str) -> bool {
    let ranges = template.matches("range").count();
    if ranges == 0 {
        return false;
    }
    let longest_number = template
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        .map(|w| {
            if w.contains(['e', 'E']) {
                usize::MAX
            } else {
                w.len()
            }
        })
        .max()
        .unwrap_or(0);
    ranges >= 6
        || (ranges >= 3 && template.contains(".."))
        || longest_number >= 6
        || (ranges >= 2 && longest_number >= 4)
}

/// `-o custom-columns=SPEC` and `-o custom-columns-file=`: parse both ways, print a table.
pub fn custom_columns(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let spec = text.lines().next().unwrap_or("");
    let obj = &*SAMPLE;
    for columns in [
        custom_columns::parse_spec(spec),
        custom_columns::parse_file(&text),
    ]
    .into_iter()
    .flatten()
    {
        let mut table = CustomColumnsPrinter::new(columns, false);
        let _ = table.print(obj);
        let _ = table.print(&json!({"metadata": {}}));
        let _ = table.flush();
    }
}

/// `-o go-template=TEMPLATE`: parse, then run with and without missing keys allowed.
pub fn go_template(data: &[u8]) {
    let (template, obj) = template_and_data(data);
    if let Ok(tpl) = GoTemplate::parse(&template)
        && !runaway_by_design(&template)
    {
        let _ = tpl.execute(&obj);
        let _ = tpl.allow_missing_keys(false).execute(&obj);
    }
}

/// Label selectors (`-l`, `--selector` of expose/create) and `TYPE/NAME` arguments: the
/// first line is a selector, every line an argument.
pub fn selectors(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = crate::generate::selector::parse_to_label_selector(text.lines().next().unwrap_or(""));
    let args: Vec<String> = text.lines().map(str::to_string).collect();
    let _ = crate::resource::parse_args(&args);
    let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    let _ = crate::resource::parse_args(&words);
}

/// `-f FILE`: a YAML or JSON stream of documents, as apply/create read it, and the
/// single-document YAML-to-JSON conversion of `patch`/`replace`.
pub fn manifest(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = crate::manifest::documents(&text);
    let _ = crate::manifest::to_json(&text);
}

/// A kubeconfig file: parsed and shape-checked, merged, rendered by `config view` (redacted,
/// raw, minified), and its server URLs normalised as a client would.
pub fn kubeconfig(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Ok(doc) = kubeconfig::parse_doc(&text) else {
        return;
    };
    let file = |doc: Value| kubeconfig::File {
        path: "/fuzz/config".into(),
        doc,
        exists: true,
    };
    let loaded = kubeconfig::merge(vec![file(doc.clone()), file(doc)], false);
    for (raw, minify) in [(false, false), (true, false), (false, true)] {
        let opts = view::ViewOptions {
            minify,
            raw,
            flatten: false,
            context: None,
        };
        if let Ok(node) = view::render(&loaded, &opts) {
            let _ = node.to_yaml();
            let _ = node.to_json_pretty();
        }
    }
    for entry in loaded.section(kubeconfig::Section::Clusters) {
        let _ = kubeconfig::client::server_url(&entry.body, &json!({}));
    }
}

/// The strategic merge patch engine: `S` then a stream of JSON objects `A B C`. `S` picks the
/// schema; `apply(A, B)`, `two_way(A, B)` and its round trip, `three_way(A, B, C)` with and
/// without overwrite.
pub fn strategic_patch(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let schema = match which % 6 {
        0 => Schema::builtin("v1", "Pod"),
        1 => Schema::builtin("apps/v1", "Deployment"),
        2 => Schema::builtin("v1", "Service"),
        3 => Schema::builtin("v1", "ConfigMap"),
        4 => Schema::json_merge(),
        _ => Schema::opaque(),
    };
    let docs: Vec<Value> = serde_json::Deserializer::from_slice(rest)
        .into_iter::<Value>()
        .take(3)
        .map_while(Result::ok)
        .collect();
    let (a, b) = match docs.as_slice() {
        [a, b, ..] => (a, b),
        _ => return,
    };
    let _ = strategic::apply(schema, a, b);
    if let Ok(patch) = strategic::two_way(schema, a, b) {
        let _ = strategic::apply(schema, a, &patch);
    }
    if let Some(c) = docs.get(2) {
        let _ = strategic::three_way(schema, a, b, c, true);
        let _ = strategic::three_way(schema, a, b, c, false);
    }
}

#[cfg(test)]
mod tests {
    use super::TARGETS;
    use std::path::Path;

    /// Every target runs over every seed of its corpus (and each corpus has seeds): what
    /// `cargo fuzz` starts from is checked on stable by the ordinary test run.
    #[test]
    fn every_target_survives_its_seed_corpus() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fuzz");
        for (name, target) in TARGETS {
            let dir = root.join(name);
            let mut seeds = 0;
            for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir:?}: {e}")) {
                let path = entry.unwrap().path();
                target(&std::fs::read(&path).unwrap());
                seeds += 1;
            }
            assert!(seeds > 0, "no seeds in {dir:?}");
        }
    }

    /// The cargo-fuzz crate (nightly, not built by CI) holds exactly these targets, each a
    /// `[[bin]]` of `fuzz/Cargo.toml` whose one line hands the bytes to the function of the
    /// same name here: so what CI compiles and tests above is what `cargo fuzz run` runs.
    #[test]
    fn the_fuzz_crate_runs_exactly_these_targets() {
        let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
        let manifest = std::fs::read_to_string(fuzz.join("Cargo.toml")).unwrap();
        let mut files: Vec<String> = std::fs::read_dir(fuzz.join("fuzz_targets"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let mut want: Vec<String> = TARGETS.iter().map(|(n, _)| format!("{n}.rs")).collect();
        want.sort();
        assert_eq!(
            files, want,
            "fuzz/fuzz_targets/ and fuzzing::TARGETS differ"
        );
        for (name, _) in TARGETS {
            let bin = format!("[[bin]]\nname = \"{name}\"\npath = \"fuzz_targets/{name}.rs\"\n");
            assert!(manifest.contains(&bin), "fuzz/Cargo.toml lacks {bin}");
            let src =
                std::fs::read_to_string(fuzz.join(format!("fuzz_targets/{name}.rs"))).unwrap();
            let call =
                format!("libfuzzer_sys::fuzz_target!(|data: &[u8]| kk::fuzzing::{name}(data));");
            let code: Vec<&str> = src
                .lines()
                .filter(|l| !l.starts_with("//") && !l.trim().is_empty())
                .collect();
            assert_eq!(
                code,
                ["#![no_main]", call.as_str()],
                "fuzz_targets/{name}.rs"
            );
        }
    }
}
