//! Discovery and name resolution against kk-sim, through `Ctx` as commands use it.

use crate::common::server;

fn ctx() -> kk::ctx::Ctx {
    let sim = server::sim();
    let global = kk::cli::GlobalArgs {
        kubeconfig: Some(sim.kubeconfig.to_string_lossy().into_owned()),
        ..Default::default()
    };
    let (ui, _) = kk::ui::Ui::for_test();
    kk::ctx::Ctx::new(
        global,
        ui,
        kk::env::Env::from_vars([("HOME", "/nonexistent")]),
    )
}

#[test]
fn resolves_builtin_types_like_kubectl() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let ctx = ctx();
        let d = ctx.discovery().await.unwrap();
        let pods = d.resolve("po").unwrap();
        assert_eq!(
            (pods.api_version().as_str(), pods.kind.as_str()),
            ("v1", "Pod")
        );
        assert!(pods.namespaced);
        let deploy = d.resolve("deploy").unwrap();
        assert_eq!(deploy.group_resource(), "deployments.apps");
        assert_eq!(d.resolve("Deployment").unwrap(), deploy);
        assert!(!d.resolve("nodes").unwrap().namespaced);
        let err = d.resolve("bogus").unwrap_err().render().unwrap();
        assert_eq!(
            err,
            "error: the server doesn't have a resource type \"bogus\"\n"
        );
        assert!(d.category("all").iter().any(|r| r.resource == "pods"));
        assert_eq!(ctx.namespace().await.unwrap(), "default");
    });
}

#[test]
fn harness_seeds_objects_into_the_test_namespace() {
    let env = crate::common::TestEnv::sim("seed");
    env.seed("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: seeded\ndata:\n  a: b\n");
    let out = env
        .run_kubectl(&["get", "configmap", "seeded", "-n", env.ns(), "-o", "name"])
        .expect("kubectl");
    assert_eq!(
        out.to_string(),
        "configmap/seeded\n------- stderr -------\n[exit status: 0]"
    );
}

#[test]
fn discovery_is_cached_and_refreshed_on_a_miss() {
    let sim = server::sim();
    let cache = tempfile::tempdir().unwrap();
    let ctx_with_cache = || {
        let global = kk::cli::GlobalArgs {
            kubeconfig: Some(sim.kubeconfig.to_string_lossy().into_owned()),
            cache_dir: Some(cache.path().to_string_lossy().into_owned()),
            ..Default::default()
        };
        let (ui, _) = kk::ui::Ui::for_test();
        kk::ctx::Ctx::new(global, ui, kk::env::Env::default())
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let ctx = ctx_with_cache();
        assert_eq!(ctx.resolve("po").await.unwrap().kind, "Pod");
        let server = ctx.client_settings().await.unwrap().server.clone();
        let file = kk::resource::discovery::cache_file(cache.path(), &server);
        assert!(
            file.is_file(),
            "discovery cache written to {}",
            file.display()
        );
        // A stale cache that lacks deployments: resolving one must re-discover.
        let stale = kk::resource::Discovery {
            resources: ctx_with_cache()
                .discovery()
                .await
                .unwrap()
                .resources
                .iter()
                .filter(|r| r.resource != "deployments")
                .cloned()
                .collect(),
        };
        kk::resource::discovery::write_cache(&file, &stale);
        let ctx = ctx_with_cache();
        assert!(
            ctx.discovery().await.unwrap().resolve("deploy").is_err(),
            "cache was used"
        );
        assert_eq!(ctx.resolve("deploy").await.unwrap().kind, "Deployment");
    });
}
