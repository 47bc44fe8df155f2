//! kubectl 1.33's typed-client writes (protobuf bodies) against a real `kk-sim serve`: each
//! `kubectl create <generator>` must succeed and store the object the command describes.

mod kubectl133;

use kubectl133::Sim;
use serde_json::json;

#[test]
fn kubectl_create_generators_store_their_objects() {
    let Some(sim) = Sim::start() else { return };

    let out = sim.kubectl(&["create", "deployment", "d", "--image=nginx", "--replicas=2"]);
    assert_eq!(out, "deployment.apps/d created\n");
    let d = sim.get("deployment", "d");
    assert_eq!(d["metadata"]["labels"], json!({"app": "d"}));
    assert_eq!(d["spec"]["replicas"], 2);
    assert_eq!(d["spec"]["selector"], json!({"matchLabels": {"app": "d"}}));
    let c = &d["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(
        (&c["name"], &c["image"]),
        (&json!("nginx"), &json!("nginx"))
    );

    // A pointer set to zero on purpose survives the wire's zero-for-unset ambiguity.
    sim.kubectl(&["create", "deployment", "z", "--image=nginx", "--replicas=0"]);
    assert_eq!(sim.get("deployment", "z")["spec"]["replicas"], 0);

    assert_eq!(
        sim.kubectl(&["create", "ns", "foo"]),
        "namespace/foo created\n"
    );
    assert_eq!(sim.get("ns", "foo")["metadata"]["name"], "foo");

    sim.kubectl(&[
        "create",
        "cm",
        "cm",
        "--from-literal=a=yes",
        "--from-literal=b=no",
    ]);
    assert_eq!(sim.get("cm", "cm")["data"], json!({"a": "yes", "b": "no"}));

    sim.kubectl(&[
        "create",
        "secret",
        "generic",
        "s",
        "--from-literal=user=admin",
    ]);
    let s = sim.get("secret", "s");
    assert_eq!(
        (&s["type"], &s["data"]),
        (&json!("Opaque"), &json!({"user": "YWRtaW4="}))
    );

    sim.kubectl(&["create", "service", "clusterip", "svc", "--tcp=80:8080"]);
    let svc = sim.get("svc", "svc");
    assert_eq!(svc["spec"]["type"], "ClusterIP");
    assert_eq!(svc["spec"]["selector"], json!({"app": "svc"}));
    let port = &svc["spec"]["ports"][0];
    assert_eq!(
        (
            &port["name"],
            &port["port"],
            &port["targetPort"],
            &port["protocol"]
        ),
        (&json!("80-8080"), &json!(80), &json!(8080), &json!("TCP"))
    );

    sim.kubectl(&["create", "job", "j", "--image=busybox", "--", "echo", "hi"]);
    let j = sim.get("job", "j");
    let pod = &j["spec"]["template"]["spec"];
    assert_eq!(pod["restartPolicy"], "Never");
    assert_eq!(pod["containers"][0]["command"], json!(["echo", "hi"]));
    assert_eq!(pod["containers"][0]["image"], "busybox");

    sim.kubectl(&[
        "create",
        "cronjob",
        "cj",
        "--image=busybox",
        "--schedule=*/5 * * * *",
        "--",
        "date",
    ]);
    let cj = sim.get("cronjob", "cj");
    assert_eq!(cj["spec"]["schedule"], "*/5 * * * *");
    let pod = &cj["spec"]["jobTemplate"]["spec"]["template"]["spec"];
    assert_eq!(pod["restartPolicy"], "OnFailure");
    assert_eq!(pod["containers"][0]["command"], json!(["date"]));

    sim.kubectl(&[
        "create",
        "pdb",
        "pdb",
        "--selector=app=d",
        "--min-available=50%",
    ]);
    assert_eq!(sim.get("pdb", "pdb")["spec"]["minAvailable"], "50%");

    sim.kubectl(&["create", "quota", "q", "--hard=pods=10,requests.cpu=500m"]);
    assert_eq!(
        sim.get("quota", "q")["spec"]["hard"],
        json!({"pods": "10", "requests.cpu": "500m"})
    );

    sim.kubectl(&["create", "role", "r", "--verb=get,list", "--resource=pods"]);
    assert_eq!(
        sim.get("role", "r")["rules"],
        json!([{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]}])
    );

    sim.kubectl(&[
        "autoscale",
        "deployment",
        "d",
        "--min=2",
        "--max=5",
        "--cpu-percent=80",
    ]);
    let hpa = sim.get("hpa", "d");
    assert_eq!(hpa["apiVersion"], "autoscaling/v2");
    assert_eq!(
        (&hpa["spec"]["minReplicas"], &hpa["spec"]["maxReplicas"]),
        (&json!(2), &json!(5))
    );
    assert_eq!(
        hpa["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"],
        80
    );
}
