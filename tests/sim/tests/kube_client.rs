//! The `kube` crate (v5) against `kk-sim serve`: discovery (legacy and aggregated), list,
//! create, get, metadata calls, delete responses, watch via `kube::runtime::watcher`
//! (list-watch and streaming lists), and the apiserver's error responses: malformed body,
//! unknown resource, stale update, concurrent writers, no credentials.

mod common;

use std::time::Duration;

use futures::{StreamExt, TryStreamExt};
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{ConfigMap, Namespace, Pod, ReplicationController};
use kube::api::{Api, DeleteParams, ListParams, PostParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::discovery::Discovery;
use kube::runtime::watcher;
use kube::{Client, Config};
use serde_json::json;

async fn config() -> Config {
    let kc = Kubeconfig::read_from(&common::sim().kubeconfig).expect("kubeconfig");
    Config::from_custom_kubeconfig(kc, &KubeConfigOptions::default())
        .await
        .expect("config")
}

async fn client() -> Client {
    Client::try_from(config().await).expect("client")
}

async fn namespace(client: &Client, name: &str) {
    let api: Api<Namespace> = Api::all(client.clone());
    let ns: Namespace = serde_json::from_value(json!({"metadata": {"name": name}})).unwrap();
    api.create(&PostParams::default(), &ns)
        .await
        .expect("create namespace");
}

fn cm(name: &str, value: &str) -> ConfigMap {
    serde_json::from_value(
        json!({"metadata": {"name": name, "labels": {"app": "kube"}},
                                  "data": {"k": value}}),
    )
    .unwrap()
}

fn api_error(e: kube::Error) -> Box<kube::core::Status> {
    match e {
        kube::Error::Api(s) => s,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn discovery_legacy_and_aggregated_agree() {
    let c = client().await;
    let legacy = Discovery::new(c.clone())
        .run()
        .await
        .expect("legacy discovery");
    let agg = Discovery::new(c)
        .run_aggregated()
        .await
        .expect("aggregated discovery");
    for d in [&legacy, &agg] {
        let apps = d.get("apps").expect("apps group");
        let names: Vec<String> = apps
            .recommended_resources()
            .into_iter()
            .map(|(r, _)| r.plural)
            .collect();
        assert!(names.contains(&"deployments".to_string()), "{names:?}");
        let core = d.get("").expect("core group");
        let (pods, caps) = core
            .recommended_resources()
            .into_iter()
            .find(|(r, _)| r.plural == "pods")
            .unwrap();
        assert_eq!(pods.kind, "Pod");
        assert!(
            caps.subresources
                .iter()
                .any(|(s, _)| s.plural == "status" || s.plural == "pods/status"),
            "{caps:?}"
        );
    }
    let mut a: Vec<String> = legacy.groups().map(|g| g.name().to_string()).collect();
    let mut b: Vec<String> = agg.groups().map(|g| g.name().to_string()).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
}

#[tokio::test]
async fn create_get_list_and_metadata() {
    let c = client().await;
    namespace(&c, "kube-crud").await;
    let api: Api<ConfigMap> = Api::namespaced(c.clone(), "kube-crud");
    let created = api
        .create(&PostParams::default(), &cm("one", "1"))
        .await
        .unwrap();
    assert_eq!(created.metadata.namespace.as_deref(), Some("kube-crud"));
    assert!(created.metadata.uid.is_some() && created.metadata.creation_timestamp.is_some());
    let got = api.get("one").await.unwrap();
    assert_eq!(got.data.unwrap()["k"], "1");
    let list = api.list(&ListParams::default()).await.unwrap();
    let names: Vec<_> = list
        .items
        .iter()
        .filter_map(|o| o.metadata.name.clone())
        .collect();
    assert_eq!(names, ["kube-root-ca.crt", "one"]);
    assert!(list.metadata.resource_version.is_some());
    let meta = api.list_metadata(&ListParams::default()).await.unwrap();
    assert_eq!(meta.items.len(), 2);
    let one = api.get_metadata("one").await.unwrap();
    assert_eq!(one.metadata.uid, got.metadata.uid);
    let dup = api_error(
        api.create(&PostParams::default(), &cm("one", "1"))
            .await
            .unwrap_err(),
    );
    assert_eq!((dup.code, dup.reason.as_str()), (409, "AlreadyExists"));
    assert_eq!(dup.message, "configmaps \"one\" already exists");
}

#[tokio::test]
async fn paging_with_limit_and_continue() {
    let c = client().await;
    namespace(&c, "kube-paging").await;
    let api: Api<ConfigMap> = Api::namespaced(c, "kube-paging");
    for i in 0..5 {
        api.create(&PostParams::default(), &cm(&format!("c{i}"), "x"))
            .await
            .unwrap();
    }
    let mut seen = Vec::new();
    let mut lp = ListParams::default().limit(2);
    loop {
        let page = api.list(&lp).await.unwrap();
        seen.extend(page.items.iter().filter_map(|o| o.metadata.name.clone()));
        match page.metadata.continue_.filter(|c| !c.is_empty()) {
            Some(t) => lp = lp.continue_token(&t),
            None => break,
        }
    }
    assert_eq!(seen, ["c0", "c1", "c2", "c3", "c4", "kube-root-ca.crt"]);
}

#[tokio::test]
async fn delete_answers_object_or_status_by_kind() {
    let c = client().await;
    namespace(&c, "kube-delete").await;
    let pods: Api<Pod> = Api::namespaced(c.clone(), "kube-delete");
    let pod: Pod = serde_json::from_value(json!({"metadata": {"name": "p"},
        "spec": {"containers": [{"name": "c", "image": "busybox"}]}}))
    .unwrap();
    pods.create(&PostParams::default(), &pod).await.unwrap();
    let res = pods.delete("p", &DeleteParams::default()).await.unwrap();
    assert!(res.is_left(), "pods answer with the object");
    let deps: Api<Deployment> = Api::namespaced(c, "kube-delete");
    let d: Deployment = serde_json::from_value(json!({"metadata": {"name": "d"},
        "spec": {"selector": {"matchLabels": {"app": "d"}},
                 "template": {"metadata": {"labels": {"app": "d"}},
                              "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}}))
    .unwrap();
    deps.create(&PostParams::default(), &d).await.unwrap();
    let res = deps.delete("d", &DeleteParams::default()).await.unwrap();
    let status = res.right().expect("deployments answer with a Status");
    let details = status.details.expect("details");
    assert_eq!(
        (
            details.name.as_str(),
            details.group.as_str(),
            details.kind.as_str()
        ),
        ("d", "apps", "deployments")
    );
}

#[tokio::test]
async fn watcher_list_watch_and_streaming_list() {
    let c = client().await;
    namespace(&c, "kube-watch").await;
    let api: Api<ConfigMap> = Api::namespaced(c, "kube-watch");
    for (name, cfg) in [
        ("lw", watcher::Config::default()),
        ("sl", watcher::Config::default().streaming_lists()),
    ] {
        let mut stream = watcher(api.clone(), cfg).boxed();
        // The initial state: kube-root-ca.crt (and earlier iterations' objects).
        let mut init_done = false;
        while !init_done {
            let ev = tokio::time::timeout(Duration::from_secs(10), stream.try_next()).await;
            if let Ok(Ok(Some(watcher::Event::InitDone))) = ev {
                init_done = true;
            } else if !matches!(ev, Ok(Ok(Some(_)))) {
                panic!("{name}: initial list failed: {ev:?}");
            }
        }
        api.create(&PostParams::default(), &cm(name, "v"))
            .await
            .unwrap();
        let got = tokio::time::timeout(Duration::from_secs(10), async {
            loop {
                if let Some(watcher::Event::Apply(o)) = stream.try_next().await.unwrap() {
                    return o;
                }
            }
        })
        .await
        .expect("no event for the created object");
        assert_eq!(got.metadata.name.as_deref(), Some(name));
    }
}

#[tokio::test]
async fn malformed_body_is_400_status() {
    let c = client().await;
    let req = http::Request::post("/api/v1/namespaces/default/configmaps")
        .header("Content-Type", "application/json")
        .body(b"{not json".to_vec())
        .unwrap();
    let e = api_error(c.request_text(req).await.unwrap_err());
    assert_eq!((e.code, e.reason.as_str()), (400, "BadRequest"));
    assert_eq!(
        e.message,
        "the object provided is unrecognized (must be of type ConfigMap): couldn't get \
         version/kind; json parse error: invalid character 'n' looking for beginning of object \
         key string ({not json)"
    );
}

#[tokio::test]
async fn unknown_resource_is_404_status() {
    let c = client().await;
    let req = http::Request::get("/apis/nope.example.com/v1/things")
        .body(Vec::new())
        .unwrap();
    let e = api_error(c.request_text(req).await.unwrap_err());
    assert_eq!((e.code, e.reason.as_str()), (404, "NotFound"));
    assert_eq!(
        e.message,
        "the server could not find the requested resource"
    );
}

#[tokio::test]
async fn unsupported_content_type_is_415() {
    let c = client().await;
    let req = http::Request::post("/api/v1/namespaces/default/configmaps")
        .header("Content-Type", "text/plain")
        .body(b"x".to_vec())
        .unwrap();
    let e = api_error(c.request_text(req).await.unwrap_err());
    assert_eq!((e.code, e.reason.as_str()), (415, "UnsupportedMediaType"));
}

#[tokio::test]
async fn stale_update_is_409_and_one_concurrent_writer_wins() {
    let c = client().await;
    namespace(&c, "kube-conflict").await;
    let api: Api<ConfigMap> = Api::namespaced(c, "kube-conflict");
    let base = api
        .create(&PostParams::default(), &cm("x", "0"))
        .await
        .unwrap();
    let mut handles = Vec::new();
    for i in 0..8 {
        let api = api.clone();
        let mut obj = base.clone();
        obj.data = Some([("k".to_string(), format!("writer-{i}"))].into());
        handles.push(tokio::spawn(async move {
            api.replace("x", &PostParams::default(), &obj).await
        }));
    }
    let mut wins = 0;
    for h in handles {
        match h.await.unwrap() {
            Ok(_) => wins += 1,
            Err(e) => {
                let s = api_error(e);
                assert_eq!((s.code, s.reason.as_str()), (409, "Conflict"));
                assert_eq!(
                    s.message,
                    "Operation cannot be fulfilled on configmaps \"x\": the object has been modified; please apply your changes to the latest version and try again"
                );
            }
        }
    }
    assert_eq!(wins, 1, "exactly one writer wins per resourceVersion");
}

#[tokio::test]
async fn no_credentials_is_401() {
    let mut cfg = config().await;
    cfg.auth_info = Default::default();
    let c = Client::try_from(cfg).unwrap();
    let api: Api<Namespace> = Api::all(c);
    let e = api_error(api.list(&ListParams::default()).await.unwrap_err());
    assert_eq!(
        (e.code, e.reason.as_str(), e.message.as_str()),
        (401, "Unauthorized", "Unauthorized")
    );
}

fn deployment(name: &str, replicas: i32) -> Deployment {
    serde_json::from_value(json!({"metadata": {"name": name},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
                 "template": {"metadata": {"labels": {"app": name}},
                              "spec": {"containers": [{"name": "c", "image": "nginx"}]}}},
        "status": {"replicas": 99}}))
    .unwrap()
}

#[tokio::test]
async fn status_and_scale_subresources() {
    // A ReplicationController: status and scale subresources. Its controller writes status
    // concurrently, so each write starts from the latest object and is retried on a 409.
    let c = client().await;
    namespace(&c, "kube-subresources").await;
    let api: Api<ReplicationController> = Api::namespaced(c, "kube-subresources");
    let rc: ReplicationController = serde_json::from_value(json!({"metadata": {"name": "web"},
        "spec": {"replicas": 2, "selector": {"app": "web"},
                 "template": {"metadata": {"labels": {"app": "web"}},
                              "spec": {"containers": [{"name": "c", "image": "nginx"}]}}},
        "status": {"replicas": 99}}))
    .unwrap();
    let d = api.create(&PostParams::default(), &rc).await.unwrap();
    assert!(
        d.status.as_ref().is_none_or(|s| s.replicas == 0),
        "status set on create is dropped: {:?}",
        d.status
    );
    assert_eq!(d.metadata.generation, Some(1));
    let pp = PostParams::default();
    // A status write changes only status, and not the generation.
    let after = loop {
        let mut st = api.get("web").await.unwrap();
        st.status =
            Some(serde_json::from_value(json!({"replicas": 2, "observedGeneration": 1})).unwrap());
        st.spec.as_mut().unwrap().replicas = Some(7);
        match api.replace_status("web", &pp, &st).await {
            Err(kube::Error::Api(s)) if s.code == 409 => continue,
            r => break r.unwrap(),
        }
    };
    assert_eq!(after.status.as_ref().unwrap().replicas, 2);
    assert_eq!(after.spec.as_ref().unwrap().replicas, Some(2));
    assert_eq!(after.metadata.generation, Some(1));
    // A main-resource write ignores status and bumps the generation for a spec change.
    let (before, after) = loop {
        let before = api.get("web").await.unwrap();
        let mut main = before.clone();
        main.status = None;
        main.spec.as_mut().unwrap().replicas = Some(3);
        match api.replace("web", &pp, &main).await {
            Err(kube::Error::Api(s)) if s.code == 409 => continue,
            r => break (before, r.unwrap()),
        }
    };
    assert_eq!(after.status, before.status);
    assert_eq!(after.metadata.generation, Some(2));
    // Scale reads and writes spec.replicas.
    let (scale, out) = loop {
        let scale = api.get_scale("web").await.unwrap();
        assert_eq!(scale.spec.as_ref().unwrap().replicas, Some(3));
        assert_eq!(
            scale.status.as_ref().unwrap().selector.as_deref(),
            Some("app=web")
        );
        let mut s = scale.clone();
        s.spec.as_mut().unwrap().replicas = Some(5);
        match api.replace_scale("web", &pp, &s).await {
            Err(kube::Error::Api(s)) if s.code == 409 => continue,
            r => break (s, r.unwrap()),
        }
    };
    assert_eq!(out.spec.unwrap().replicas, Some(5));
    assert_eq!(api.get("web").await.unwrap().metadata.generation, Some(3));
    // The old Scale's resourceVersion is stale now.
    let e = api_error(api.replace_scale("web", &pp, &scale).await.unwrap_err());
    assert_eq!(e.code, 409);
}

#[tokio::test]
async fn dry_run_persists_nothing() {
    let c = client().await;
    namespace(&c, "kube-dryrun").await;
    let api: Api<ConfigMap> = Api::namespaced(c, "kube-dryrun");
    let before = api
        .list(&ListParams::default())
        .await
        .unwrap()
        .metadata
        .resource_version;
    let pp = PostParams {
        dry_run: true,
        ..Default::default()
    };
    let out = api.create(&pp, &cm("ghost", "1")).await.unwrap();
    assert_eq!(out.metadata.name.as_deref(), Some("ghost"));
    assert!(out.metadata.uid.is_some());
    let e = api_error(api.get("ghost").await.unwrap_err());
    assert_eq!(e.code, 404);
    api.create(&PostParams::default(), &cm("real", "1"))
        .await
        .unwrap();
    let dp = DeleteParams {
        dry_run: true,
        ..Default::default()
    };
    api.delete("real", &dp).await.unwrap();
    assert!(api.get("real").await.is_ok());
    let after = api
        .list(&ListParams::default())
        .await
        .unwrap()
        .metadata
        .resource_version;
    assert_ne!(before, after);
}

#[tokio::test]
async fn generate_name_and_namespace_checks() {
    let c = client().await;
    namespace(&c, "kube-genname").await;
    let api: Api<ConfigMap> = Api::namespaced(c.clone(), "kube-genname");
    let obj: ConfigMap =
        serde_json::from_value(json!({"metadata": {"generateName": "job-"}})).unwrap();
    let out = api.create(&PostParams::default(), &obj).await.unwrap();
    let name = out.metadata.name.unwrap();
    assert!(name.starts_with("job-") && name.len() == 9, "{name}");
    assert!(
        name[4..]
            .chars()
            .all(|c| "bcdfghjklmnpqrstvwxz2456789".contains(c)),
        "{name}"
    );
    let missing: Api<ConfigMap> = Api::namespaced(c, "no-such-namespace");
    let e = api_error(
        missing
            .create(&PostParams::default(), &cm("a", "b"))
            .await
            .unwrap_err(),
    );
    assert_eq!(
        (e.code, e.message.as_str()),
        (404, "namespaces \"no-such-namespace\" not found")
    );
}

#[tokio::test]
async fn patch_in_every_content_type_and_server_side_apply() {
    use kube::api::{Patch, PatchParams};
    let c = client().await;
    namespace(&c, "kube-patch").await;
    let api: Api<Deployment> = Api::namespaced(c.clone(), "kube-patch");
    api.create(&PostParams::default(), &deployment("p", 1))
        .await
        .unwrap();
    let pp = PatchParams::default();
    let merged = api
        .patch(
            "p",
            &pp,
            &Patch::Merge(json!({"metadata": {"labels": {"a": "1"}}})),
        )
        .await
        .unwrap();
    assert_eq!(merged.metadata.labels.unwrap()["a"], "1");
    let strategic = api
        .patch(
            "p",
            &pp,
            &Patch::Strategic(json!({"spec": {"template": {"spec": {"containers": [{"name": "c", "image": "nginx:2"}]}}}})),
        )
        .await
        .unwrap();
    let containers = strategic.spec.unwrap().template.spec.unwrap().containers;
    assert_eq!(
        (containers.len(), containers[0].image.as_deref()),
        (1, Some("nginx:2"))
    );
    let req = http::Request::patch("/apis/apps/v1/namespaces/kube-patch/deployments/p")
        .header("Content-Type", "application/json-patch+json")
        .body(br#"[{"op":"replace","path":"/spec/replicas","value":4}]"#.to_vec())
        .unwrap();
    let jsonp: Deployment = serde_json::from_str(&c.request_text(req).await.unwrap()).unwrap();
    assert_eq!(jsonp.spec.unwrap().replicas, Some(4));
    // Server-side apply creates, then conflicts with another manager unless forced.
    let ssa = PatchParams::apply("kube-test");
    let applied = api
        .patch(
            "q",
            &ssa,
            &Patch::Apply(json!({"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "q"},
            "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "q"}},
                     "template": {"metadata": {"labels": {"app": "q"}},
                                  "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}})),
        )
        .await
        .unwrap();
    assert_eq!(applied.spec.unwrap().replicas, Some(2));
    let other = PatchParams::apply("other");
    let intent = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "q"},
                        "spec": {"replicas": 5}});
    let e = api_error(
        api.patch("q", &other, &Patch::Apply(intent.clone()))
            .await
            .unwrap_err(),
    );
    assert_eq!((e.code, e.reason.as_str()), (409, "Conflict"));
    assert_eq!(
        e.message,
        "Apply failed with 1 conflict: conflict with \"kube-test\": .spec.replicas"
    );
    let forced = api
        .patch("q", &other.force(), &Patch::Apply(intent))
        .await
        .unwrap();
    assert_eq!(forced.spec.unwrap().replicas, Some(5));
}

#[tokio::test]
async fn legacy_watch_prefix_and_resume_from_resource_version() {
    let c = client().await;
    namespace(&c, "kube-legacy-watch").await;
    // /watch/.../NAME watches one object, starting with a synthetic ADDED.
    let req = http::Request::get(
        "/api/v1/watch/namespaces/kube-legacy-watch/configmaps/kube-root-ca.crt?timeoutSeconds=1",
    )
    .body(Vec::new())
    .unwrap();
    let text = c.request_text(req).await.unwrap();
    let events: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events.len(), 1, "{text}");
    assert_eq!(events[0]["type"], "ADDED");
    assert_eq!(events[0]["object"]["kind"], "ConfigMap");
    assert_eq!(events[0]["object"]["metadata"]["name"], "kube-root-ca.crt");
    // Resuming from the list's resourceVersion replays nothing that is already known.
    let api: Api<ConfigMap> = Api::namespaced(c.clone(), "kube-legacy-watch");
    let rv = api
        .list(&ListParams::default())
        .await
        .unwrap()
        .metadata
        .resource_version
        .unwrap();
    let req = http::Request::get(format!(
        "/api/v1/namespaces/kube-legacy-watch/configmaps?watch=true&resourceVersion={rv}&timeoutSeconds=1"
    ))
    .body(Vec::new())
    .unwrap();
    assert_eq!(c.request_text(req).await.unwrap(), "");
}

#[tokio::test]
async fn delete_collection_honours_selectors() {
    let c = client().await;
    namespace(&c, "kube-deletecollection").await;
    let api: Api<ConfigMap> = Api::namespaced(c, "kube-deletecollection");
    for n in ["a", "b"] {
        api.create(&PostParams::default(), &cm(n, "1"))
            .await
            .unwrap();
    }
    let res = api
        .delete_collection(
            &DeleteParams::default(),
            &ListParams::default().labels("app=kube"),
        )
        .await
        .unwrap();
    let list = res.left().expect("configmaps answer with the deleted list");
    let mut names: Vec<_> = list
        .items
        .iter()
        .filter_map(|o| o.metadata.name.clone())
        .collect();
    names.sort();
    assert_eq!(names, ["a", "b"]);
    let left: Vec<_> = api
        .list(&ListParams::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .filter_map(|o| o.metadata.name)
        .collect();
    assert_eq!(left, ["kube-root-ca.crt"]);
}

#[tokio::test]
async fn unsupported_verbs_are_405() {
    let c = client().await;
    let req = http::Request::put("/api/v1/namespaces/default/configmaps")
        .header("Content-Type", "application/json")
        .body(b"{}".to_vec())
        .unwrap();
    let e = api_error(c.request_text(req).await.unwrap_err());
    assert_eq!((e.code, e.reason.as_str()), (405, "MethodNotAllowed"));
    // Namespaces have no deletecollection.
    let req = http::Request::delete("/api/v1/namespaces")
        .body(Vec::new())
        .unwrap();
    let e = api_error(c.request_text(req).await.unwrap_err());
    assert_eq!(e.code, 405);
    assert_eq!(
        e.message,
        "deletecollection is not supported on resources of kind \"namespaces\""
    );
}
