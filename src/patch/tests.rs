//! The patch module against kubectl itself: every file under `fixtures/patch/` was written
//! by `fixtures/patch/capture.py` from the real kubectl 1.33 (see there), and kk must
//! reproduce it byte for byte.

use std::path::PathBuf;

use serde_json::Value;

use super::*;

fn fixtures(dir: &str) -> Vec<(String, Value)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/patch")
        .join(dir);
    let mut out: Vec<(String, Value)> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, serde_json::from_str(&text).unwrap())
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(!out.is_empty(), "no fixtures in {}", root.display());
    out
}

fn schema_of(obj: &Value) -> Schema<'static> {
    Schema::builtin(
        obj["apiVersion"].as_str().unwrap(),
        obj["kind"].as_str().unwrap(),
    )
}

/// `kubectl apply`: the POST body of a create, the PATCH body of an update (byte for byte),
/// no request when unchanged, kubectl's conflict text with `--overwrite=false`.
#[test]
fn apply_matches_kubectl() {
    let mut checked = 0;
    for (name, f) in fixtures("apply") {
        let obj = &f["object"];
        let schema = schema_of(obj);
        if let Some(created) = f.get("created") {
            assert_eq!(&last_applied::for_create(obj), created, "{name}: POST body");
            checked += 1;
            continue;
        }
        let overwrite = !f["kubectl"].as_str().unwrap().contains("--overwrite=false");
        let got = last_applied::apply_patch(schema, obj, &f["live"], overwrite);
        match (f.get("error"), &f["patch"]) {
            (Some(err), _) => {
                let Err(Error::Conflict(msg)) = got else {
                    panic!("{name}: expected a conflict, got {got:?}");
                };
                let err = err.as_str().unwrap();
                assert!(
                    err.ends_with(&format!("for:: {msg}")),
                    "{name}: kubectl said\n{err}\nkk says\n{msg}"
                );
            }
            (None, Value::Null) => {
                let got = got.unwrap();
                assert!(
                    is_empty(&got),
                    "{name}: expected no patch, got {}",
                    to_json(&got)
                );
            }
            (None, Value::String(want)) => {
                let got = got.unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(&to_json(&got), want, "{name}: PATCH body");
            }
            (None, other) => panic!("{name}: bad fixture {other}"),
        }
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} apply fixtures");
}

/// `kubectl patch --local`: the result of each directive, or kubectl's error text.
#[test]
fn local_patches_match_kubectl() {
    for (name, f) in fixtures("local") {
        let obj = &f["object"];
        let ty = PatchType::parse(f["type"].as_str().unwrap()).unwrap();
        let got = apply_local(schema_of(obj), ty, obj, &f["patch"]);
        match (f.get("result"), f.get("error")) {
            (Some(want), _) => {
                let got = got.unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(&got, want, "{name}");
            }
            (None, Some(err)) => {
                let want = err.as_str().unwrap().trim_start_matches("error: ");
                assert_eq!(got.unwrap_err().to_string().trim_end(), want, "{name}");
            }
            _ => panic!("{name}: bad fixture"),
        }
    }
}

/// `kubectl edit`: the two-way patch between the fetched and the edited object (kubectl
/// puts `managedFields` back on the edited object before comparing).
#[test]
fn two_way_matches_kubectl_edit() {
    for (name, f) in fixtures("edit") {
        let original = &f["original"];
        let mut edited = f["edited"].clone();
        if let Some(mf) = original.pointer("/metadata/managedFields") {
            edited["metadata"]["managedFields"] = mf.clone();
        }
        let got = two_way(schema_of(original), original, &edited).unwrap();
        assert_eq!(
            to_json(&got),
            f["patch"].as_str().unwrap(),
            "{name}: PATCH body"
        );
        // And the patch takes the server's object to the edited one, except where two
        // items share a merge key: apimachinery merges both patch items into the first
        // (the TCP port ends up named "dns-tcp", the UDP one unnamed).
        let applied = apply(schema_of(original), PatchType::Strategic, original, &got).unwrap();
        if name == "ports-same-key.json" {
            let ports = &applied["spec"]["template"]["spec"]["containers"][0]["ports"];
            assert_eq!(ports[0]["name"], "dns-tcp");
            assert_eq!(ports[0]["protocol"], "TCP");
            assert!(ports[1].get("name").is_none());
            continue;
        }
        assert_eq!(applied, edited, "{name}: applied");
    }
}
