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
