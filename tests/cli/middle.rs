//! The shared middle's lookups, called in-process against kk-sim (no verb exposes them all
//! yet): the pod that stands for a workload or service (`resource::polymorphic`), a
//! Deployment's history, the first pod of a selector that has none yet (the watch path of
//! `wait::until`), and `wait::until_deleted` released by a finalizer's removal.

use std::time::Duration;

use serde_json::Value;

use kk::ctx::Ctx;
use kk::env::Env;
use kk::flags::GlobalArgs;
use kk::resource::polymorphic::{self, PodOrder};
use kk::resource::visit::{Info, Requester};
use kk::ui::Ui;

use crate::common::{TestEnv, server};

const WORKLOADS: &str = r#"
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: bare}
spec:
  ports: [{port: 80}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: held, finalizers: [example.com/hold]}
"#;

/// A context on `env`'s kubeconfig and namespace, as `kk -n NS` would build it.
fn ctx(env: &TestEnv) -> Ctx {
    let global = GlobalArgs {
        kubeconfig: Some(env.path("kubeconfig").to_string_lossy().into_owned()),
        namespace: Some(env.ns().to_string()),
        ..GlobalArgs::default()
    };
    let home = env.dir().join("home");
    let vars = [("HOME", home.to_string_lossy().into_owned())];
    Ctx::new(
        kk::cli::command,
        global,
        Ui::for_test().0,
        Env::from_vars(vars),
    )
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

async fn get(req: &Requester, path: &str) -> Value {
    req.get(path, &[]).await.expect(path)
}

fn name(v: &Value) -> &str {
    v.pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("")
}

#[test]
fn pods_history_and_waits() {
    let env = TestEnv::sim("middle");
    let ns = env.ns().to_string();
    env.seed(WORKLOADS);
    let ctx = ctx(&env);
    let timeout = Some(Duration::from_secs(30));
    runtime().block_on(async {
        let req = Requester::json(ctx.client().await.unwrap());
        let base = format!("/apis/apps/v1/namespaces/{ns}/deployments/web");
        let deploy = get(&req, &base).await;
        // A Deployment's pods come from its selector; logs counts them.
        let pod = polymorphic::attachable_pod(&ctx, &req, &deploy, timeout)
            .await
            .unwrap();
        assert_eq!(pod["metadata"]["labels"]["app"], "web");
        let (logs_pod, _) = polymorphic::logs_pod(&ctx, &req, &deploy, timeout)
            .await
            .unwrap();
        assert_eq!(logs_pod["kind"], "Pod");
        let svc = get(&req, &format!("/api/v1/namespaces/{ns}/services/web")).await;
        let via_svc = polymorphic::attachable_pod(&ctx, &req, &svc, timeout)
            .await
            .unwrap();
        assert!(name(&via_svc).starts_with("web-"), "{via_svc}");
        let bare = get(&req, &format!("/api/v1/namespaces/{ns}/services/bare")).await;
        let err = polymorphic::attachable_pod(&ctx, &req, &bare, timeout)
            .await
            .unwrap_err();
        assert_eq!(
            err.render().unwrap(),
            "error: cannot attach to *v1.Service: invalid service 'bare': Service is defined without a selector\n"
        );
        // The Deployment's one ReplicaSet, at revision 1.
        let history = polymorphic::history(&ctx, &req, &deploy).await.unwrap();
        assert_eq!(history.len(), 1, "{history:?}");
        assert_eq!(history[0].0, 1);
        assert!(polymorphic::is_controlled_by(&history[0].1, &deploy));

        // No pod matches yet: the first one created afterwards is the answer.
        let seeder = {
            let kubeconfig = server::sim().kubeconfig.clone();
            let ns = ns.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(500));
                server::seed(
                    &kubeconfig,
                    &ns,
                    "apiVersion: v1\nkind: Pod\nmetadata: {name: late, labels: {app: late}}\nspec: {containers: [{name: c, image: nginx}]}\n",
                );
            })
        };
        let (late, n) =
            polymorphic::first_pod(&ctx, &req, &ns, "app=late", PodOrder::MostActive, timeout)
                .await
                .unwrap();
        seeder.join().unwrap();
        assert_eq!((name(&late), n), ("late", 1));
        let none = polymorphic::first_pod(
            &ctx,
            &req,
            &ns,
            "app=never",
            PodOrder::Logging,
            Some(Duration::from_millis(300)),
        )
        .await
        .unwrap_err();
        assert_eq!(
            none.render().unwrap(),
            "error: timed out waiting for the condition\n"
        );

        // until_deleted: held by a finalizer (timeout), then released by its removal.
        let cm_path = format!("/api/v1/namespaces/{ns}/configmaps/held");
        let cm = get(&req, &cm_path).await;
        let mut resolver = kk::resource::Resolver::new(&ctx).await.unwrap();
        let info = Info {
            resource: resolver.resolve(&ctx, "configmaps").await.unwrap(),
            namespace: Some(ns.clone()),
            name: "held".into(),
            source: None,
            object: None,
        };
        let del = http::Request::delete(cm_path.as_str()).body(Vec::new()).unwrap();
        kk::resource::request::text(&req.client, del).await.unwrap();
        let uid = cm["metadata"]["uid"].as_str().map(str::to_string);
        let deleted = [(info, uid)];
        let held =
            kk::wait::until_deleted(&ctx, &req, &deleted, Duration::from_millis(300)).await;
        assert_eq!(
            held.unwrap_err().render().unwrap(),
            "error: timed out waiting for the condition on configmaps/held\n"
        );
        let releaser = {
            let client = req.client.clone();
            let path = cm_path.clone();
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(300)).await;
                let patch = http::Request::patch(path.as_str())
                    .header("Content-Type", "application/merge-patch+json")
                    .body(br#"{"metadata":{"finalizers":null}}"#.to_vec())
                    .unwrap();
                kk::resource::request::text(&client, patch).await.unwrap();
            })
        };
        kk::wait::until_deleted(&ctx, &req, &deleted, Duration::from_secs(30))
            .await
            .unwrap();
        releaser.await.unwrap();
    });
}
