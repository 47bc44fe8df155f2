//! kk-sim at scale (issue 11): 10,000 preloaded pods all reach Running, each with a node and
//! an IP, and the sim holds no per-pod sockets for them. Not timed — how fast is the business
//! of `benches/sim-scale.sh`; a generous limit only turns a hang into a failure.

use std::collections::HashSet;
use std::time::Duration;

use kk_sim::apiserver::{ServeOptions, bind};
use kk_sim::store::{EventType, ResourceKey, WatchFrom};
use serde_json::{Value, json};

const PODS: usize = 10_000;

/// Descriptors the test process has open.
fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, |d| d.count())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_preloaded_pods_reach_running() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut items: Vec<Value> = (0..10)
        .map(|i| json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": format!("load-{i}")}}))
        .collect();
    items.extend((0..PODS).map(|i| {
        json!({"apiVersion": "v1", "kind": "Pod",
               "metadata": {"name": format!("pod-{i:05}"), "namespace": format!("load-{}", i % 10),
                            "labels": {"app": "scale"}},
               "spec": {"containers": [{"name": "web", "image": "nginx:1.27",
                                        "ports": [{"containerPort": 80}]}]}})
    }));
    let manifest = dir.path().join("pods.json");
    std::fs::write(
        &manifest,
        serde_json::to_vec(&json!({"apiVersion": "v1", "kind": "List", "items": items})).unwrap(),
    )
    .expect("manifest");
    drop(items);
    let fds_before = open_fds();
    let opts = ServeOptions {
        listen: "127.0.0.1:0".parse().expect("addr"),
        kubeconfig: dir.path().join("kubeconfig"),
        nodes: 6,
        preload: vec![manifest],
        plain_http: true,
        bare: true,
    };
    let bound = bind(&opts).await.expect("bind");
    let store = bound.state.store.clone();
    tokio::spawn(bound.run());

    // Every pod's latest state, from one watch (synthetic ADDED for what exists, then
    // changes); a watch that fell behind the history starts over, as a client re-lists.
    let pods = ResourceKey::new("", "pods");
    let mut watch = store.watch(&pods, None, WatchFrom::Now).expect("watch");
    let mut running: HashSet<String> = HashSet::new();
    let all_running = async {
        while running.len() < PODS {
            let ev = match watch.next().await {
                Ok(ev) => ev,
                Err(_) => {
                    watch = store.watch(&pods, None, WatchFrom::Now).expect("watch");
                    running.clear();
                    continue;
                }
            };
            let o = &ev.object;
            let key = format!(
                "{}/{}",
                ev.namespace,
                o["metadata"]["name"].as_str().unwrap()
            );
            let up = ev.kind != EventType::Deleted
                && o.pointer("/status/phase") == Some(&json!("Running"))
                && o.pointer("/spec/nodeName")
                    .and_then(Value::as_str)
                    .is_some_and(|n| n.starts_with("kk-sim-worker"))
                && o.pointer("/status/podIP")
                    .and_then(Value::as_str)
                    .is_some_and(|ip| ip.starts_with("10.244."))
                && o.pointer("/status/containerStatuses/0/ready") == Some(&json!(true));
            if up {
                running.insert(key);
            } else {
                running.remove(&key);
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(1200), all_running)
        .await
        .unwrap_or_else(|_| panic!("only {} of {PODS} pods Running", running.len()));

    // Container ports are bound when dialled, not when containers start.
    let fds = open_fds();
    assert!(
        fds < fds_before + 200,
        "{fds} descriptors open with {PODS} pods running ({fds_before} before)"
    );
}
