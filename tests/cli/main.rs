//! kk's one integration-test binary: every `tests/cli/*.rs` module is listed here (checked
//! by `no_forgotten_test_files`), so all tests share one build and one kk-sim server.

mod common;

mod api_resources;
mod apply;
mod bad_input;
mod cluster_info_dump;
mod colour;
mod completion;
mod config;
mod cp;
mod create;
mod delete;
mod describe;
mod diff;
mod edit;
mod errors;
mod exec;
mod explain;
mod expose_run;
mod faults;
mod generated;
mod generators;
mod get;
mod help;
mod kuberc;
mod label;
mod last_applied;
mod local;
mod logs;
mod middle;
mod patch;
mod plugins;
mod port_forward;
mod prune;
mod record;
mod replace;
mod rollout;
mod scale;
mod security;
mod set;
mod shells;
mod tls;
mod urls;
mod version;
mod visit;
mod wait;
mod warnings;
mod write_pair;

#[test]
fn no_forgotten_test_files() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cli");
    let main = std::fs::read_to_string(format!("{dir}/main.rs")).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(module) = name.strip_suffix(".rs")
            && module != "main"
        {
            assert!(
                main.contains(&format!("mod {module};")),
                "tests/cli/{name} is not in main.rs"
            );
        }
    }
}
