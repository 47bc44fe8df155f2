//! Property tests of kk's parsers (run with the unit tests): for any input they return a
//! value or an error and never panic, and they read back what they are given.

use proptest::prelude::*;
use serde_json::{Map, Value, json};

use crate::printers::custom_columns;
use crate::printers::gotemplate::GoTemplate;
use crate::printers::jsonpath::JsonPath;

/// Any JSON value a manifest or an API answer can hold (bounded depth and size).
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[a-zA-Z0-9 ._:/-]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
            prop::collection::btree_map("[a-z][a-zA-Z0-9_-]{0,8}", inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Text that looks like what the parsers expect, plus arbitrary characters.
fn template_text() -> impl Strategy<Value = String> {
    prop_oneof!["\\PC{0,40}", "[{}.\\[\\]*?@$()=<>!'\" a-z0-9:,|-]{0,40}",]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn jsonpath_never_panics(t in template_text(), data in json_value()) {
        if let Ok(jp) = JsonPath::parse(&t) {
            let _ = jp.execute(&data, false);
            let _ = jp.clone().allow_missing_keys(true).execute(&data, true);
        }
    }

    #[test]
    fn jsonpath_reads_a_field(key in "[a-z][a-zA-Z0-9]{0,10}", value in "[a-zA-Z0-9 ._-]{0,20}") {
        let jp = JsonPath::parse(&format!("{{.{key}}}")).unwrap();
        let data = json!({ key.clone(): value.clone() });
        prop_assert_eq!(jp.execute(&data, false).unwrap(), value);
    }

    #[test]
    fn go_templates_never_panic(t in template_text(), data in json_value()) {
        if let Ok(tpl) = GoTemplate::parse(&t) {
            let _ = tpl.execute(&data);
        }
    }

    #[test]
    fn custom_columns_never_panic(t in template_text()) {
        let _ = custom_columns::parse_spec(&t);
        let _ = custom_columns::parse_file(&t);
    }

    #[test]
    fn type_name_arguments_never_panic(args in prop::collection::vec("[a-z/.,-]{0,12}", 0..4)) {
        let _ = crate::resource::parse_args(&args);
    }

    #[test]
    fn type_name_pairs_read_back(pairs in prop::collection::vec(("[a-z]{1,8}", "[a-z0-9][a-z0-9.-]{0,10}"), 1..4)) {
        let args: Vec<String> = pairs.iter().map(|(t, n)| format!("{t}/{n}")).collect();
        match crate::resource::parse_args(&args).unwrap() {
            crate::resource::Args::Pairs(got) => {
                let got: Vec<(String, String)> = got.into_iter().collect();
                prop_assert_eq!(got, pairs);
            }
            other => prop_assert!(false, "{:?}", other),
        }
    }

    #[test]
    fn manifests_never_panic(text in "\\PC{0,80}") {
        let _ = crate::manifest::parse_documents(&text);
        let _ = crate::kubeconfig::parse_doc(&text);
    }

    #[test]
    fn manifests_read_back_as_json_and_yaml(docs in prop::collection::vec(
        prop::collection::btree_map("[a-z][a-zA-Z0-9]{0,8}", json_value(), 1..5), 1..4)
    ) {
        let docs: Vec<Value> = docs
            .into_iter()
            .map(|m| Value::Object(m.into_iter().collect()))
            .collect();
        let json: String = docs.iter().map(|d| serde_json::to_string(d).unwrap() + "\n").collect();
        prop_assert_eq!(crate::manifest::parse_documents(&json).unwrap(), docs.clone());
        let yaml: String = docs
            .iter()
            .map(|d| format!("---\n{}", serde_yaml::to_string(d).unwrap()))
            .collect();
        prop_assert_eq!(crate::manifest::parse_documents(&yaml).unwrap(), docs);
    }
}
