//! `kk create <generator>` against kubectl 1.33 on kk-sim: each generator's client and server
//! dry runs, `-o json` (Go's field order) and `-o yaml`, the real create, `--save-config`,
//! bad flags and inputs — stdout, stderr, exit code, then the objects left on the server.

use crate::common::fixture;
use crate::write_pair::Pair;

/// The client dry run in yaml and json, then the real create (plain and `-o json` of a
/// second name), all compared with kubectl.
#[track_caller]
fn outputs(p: &Pair, args: &[&str]) {
    for extra in [
        &["--dry-run=client", "-o", "yaml"][..],
        &["--dry-run=client", "-o", "json"],
        &["--dry-run=server", "-o", "yaml"],
        &["--dry-run=server"],
        &[],
    ] {
        let mut v = args.to_vec();
        v.extend_from_slice(extra);
        p.parity(&v);
    }
}

#[test]
fn create_deployment() {
    let Some(p) = Pair::new("gen-deploy") else {
        return;
    };
    outputs(
        &p,
        &[
            "create",
            "deployment",
            "web",
            "--image=nginx:1.25",
            "--port=80",
        ],
    );
    p.parity(&[
        "create",
        "deploy",
        "multi",
        "--image=busybox",
        "--image=nginx",
        "-r",
        "3",
        "-o",
        "json",
    ]);
    p.parity(&[
        "create",
        "deployment",
        "cmd",
        "--image=busybox",
        "--save-config",
        "-o",
        "yaml",
        "--",
        "sleep",
        "3600",
    ]);
    // Names from images with `.`/`_` get a random suffix (normalised).
    p.parity(&[
        "create",
        "deployment",
        "rnd",
        "--image=reg.io/my_app.v1:2",
        "--dry-run=client",
        "-o",
        "name",
    ]);
    for bad in [
        &["create", "deployment", "web"][..],
        &["create", "deployment", "--image=x"],
        &["create", "deployment", "a", "b", "--image=x"],
        &[
            "create",
            "deployment",
            "x",
            "--image=a",
            "--image=b",
            "--",
            "date",
        ],
        &["create", "deployment", "x", "--image=a", "--replicas=many"],
        &["create", "deployment", "x", "--image=a", "--port=http"],
        &["create", "deployment", "x", "--image=a", "-o", "wide"],
        &["create", "deployment", "x", "--image=a", "--dry-run=maybe"],
        &[
            "create",
            "deployment",
            "x",
            "--image=a",
            "--validate=sometimes",
        ],
        &["create", "deployment", "web", "--image=again"],
        &["create", "deployment", "Bad_Name", "--image=a"],
    ] {
        assert_eq!(p.parity(bad).code, 1, "{bad:?}");
    }
    p.same_state(&["get", "deployments", "-o", "yaml"]);
}

#[test]
fn create_namespace() {
    let Some(p) = Pair::new("gen-ns") else {
        return;
    };
    outputs(&p, &["create", "namespace", "[NS]-x"]);
    p.parity(&["create", "ns", "[NS]-y", "--save-config", "-o", "json"]);
    assert_eq!(p.parity(&["create", "namespace", "[NS]-x"]).code, 1);
    assert_eq!(p.parity(&["create", "namespace"]).code, 1);
    p.same_state(&["get", "namespace", "[NS]-x", "[NS]-y", "-o", "yaml"]);
}

#[test]
fn create_configmap() {
    let Some(p) = Pair::new("gen-cm") else {
        return;
    };
    p.write("dir/a.txt", b"alpha\n")
        .write("dir/b.conf", b"b=1\n")
        .write("dir/sub/ignored", b"x")
        .write("bin", &[0xff, 0xfe, 0])
        .write(
            "app.env",
            b"\xef\xbb\xbfA=1\n  # comment\n\nB= spaced \r\nC=x=y\n",
        );
    outputs(
        &p,
        &[
            "create",
            "configmap",
            "files",
            "--from-file=dir",
            "--from-file=key=bin",
            "--from-literal=lit=v=1",
        ],
    );
    p.parity(&[
        "create",
        "cm",
        "env",
        "--from-env-file=app.env",
        "-o",
        "json",
    ]);
    p.parity(&[
        "create",
        "cm",
        "hashed",
        "--from-literal=a=b",
        "--append-hash",
        "--save-config",
        "-o",
        "yaml",
    ]);
    for bad in [
        &[
            "create",
            "cm",
            "x",
            "--from-literal=a=1",
            "--from-literal=a=2",
        ][..],
        &["create", "cm", "x", "--from-literal=bad key=1"],
        &["create", "cm", "x", "--from-literal=novalue"],
        &["create", "cm", "x", "--from-file=missing"],
        &["create", "cm", "x", "--from-file=k=dir"],
        &["create", "cm", "x", "--from-file=a=b=c"],
        &["create", "cm", "x", "--from-file==bin"],
        &["create", "cm", "x", "--from-env-file=dir"],
        &[
            "create",
            "cm",
            "x",
            "--from-env-file=app.env",
            "--from-literal=a=b",
        ],
        &[
            "create",
            "cm",
            "x",
            "--from-literal=a.txt=1",
            "--from-file=dir",
        ],
        &["create", "cm", "files", "--from-literal=a=b"],
    ] {
        assert_eq!(p.parity(bad).code, 1, "{bad:?}");
    }
    p.same_state(&["get", "configmaps", "-o", "yaml"]);
}

#[test]
fn create_secrets() {
    let Some(p) = Pair::new("gen-secret") else {
        return;
    };
    let read = |f: &str| std::fs::read(fixture(&format!("generators/{f}"))).expect("fixture");
    p.write("tls.crt", &read("tls.crt"))
        .write("tls.key", &read("tls.key"))
        .write("other.key", &read("other.key"))
        .write("dir/user", b"admin")
        .write("s.env", b"TOKEN=abc\n");
    outputs(
        &p,
        &[
            "create",
            "secret",
            "generic",
            "gen",
            "--from-file=dir",
            "--from-literal=pw=s3cr3t",
            "--type=example.com/x",
        ],
    );
    p.parity(&[
        "create",
        "secret",
        "generic",
        "env",
        "--from-env-file=s.env",
        "--append-hash",
    ]);
    outputs(
        &p,
        &[
            "create",
            "secret",
            "tls",
            "tls",
            "--cert=tls.crt",
            "--key=tls.key",
        ],
    );
    outputs(
        &p,
        &[
            "create",
            "secret",
            "docker-registry",
            "reg",
            "--docker-username=u",
            "--docker-password=p",
            "--docker-email=u@example.com",
        ],
    );
    p.parity(&[
        "create",
        "secret",
        "docker-registry",
        "regf",
        "--from-file=.dockerconfigjson=s.env",
        "-o",
        "json",
    ]);
    for bad in [
        &[
            "create",
            "secret",
            "generic",
            "x",
            "--from-literal=a=1",
            "--from-literal=a=2",
        ][..],
        &["create", "secret", "generic", "x", "--from-env-file=dir"],
        &["create", "secret", "tls", "x", "--cert=tls.crt"],
        &[
            "create",
            "secret",
            "tls",
            "x",
            "--cert=tls.crt",
            "--key=missing",
        ],
        &[
            "create",
            "secret",
            "tls",
            "x",
            "--cert=tls.key",
            "--key=tls.crt",
        ],
        &[
            "create",
            "secret",
            "tls",
            "x",
            "--cert=tls.crt",
            "--key=tls.crt",
        ],
        &[
            "create",
            "secret",
            "tls",
            "x",
            "--cert=tls.crt",
            "--key=other.key",
        ],
        &[
            "create",
            "secret",
            "docker-registry",
            "x",
            "--docker-username=u",
        ],
        &["create", "secret", "generic", "gen", "--from-literal=a=b"],
        &["create", "secret", "bogus", "x"],
    ] {
        assert_eq!(p.parity(bad).code, 1, "{bad:?}");
    }
    p.same_state(&["get", "secrets", "-o", "yaml"]);
}

#[test]
fn create_services() {
    let Some(p) = Pair::new("gen-svc") else {
        return;
    };
    outputs(
        &p,
        &[
            "create",
            "service",
            "clusterip",
            "cip",
            "--tcp=5678:8080",
            "--tcp=80:http",
        ],
    );
    p.parity(&[
        "create",
        "svc",
        "clusterip",
        "headless",
        "--clusterip=None",
        "-o",
        "json",
    ]);
    outputs(&p, &["create", "service", "nodeport", "np", "--tcp=80"]);
    // An explicit node port is cluster-wide: only kubectl's side may allocate it.
    p.parity(&[
        "create",
        "service",
        "nodeport",
        "npx",
        "--tcp=80:8080",
        "--node-port=30080",
        "--dry-run=client",
        "-o",
        "json",
    ]);
    p.parity(&[
        "create",
        "service",
        "loadbalancer",
        "lb",
        "--tcp=443:8443",
        "-o",
        "yaml",
    ]);
    p.parity(&[
        "create",
        "service",
        "externalname",
        "ext",
        "--external-name=bar.example.com",
        "-o",
        "json",
    ]);
    for bad in [
        &["create", "service", "clusterip", "x"][..],
        &["create", "service", "nodeport", "x", "--tcp=abc"],
        &["create", "service", "clusterip", "x", "--tcp=80:0"],
        &["create", "service", "clusterip", "x", "--tcp=80:Bad_Name"],
        &["create", "service", "clusterip", "x", "--tcp=99999"],
        &["create", "service", "externalname", "x"],
        &[
            "create",
            "service",
            "externalname",
            "x",
            "--external-name=Not Valid",
        ],
        &[
            "create",
            "service",
            "nodeport",
            "x",
            "--tcp=80",
            "--node-port=1",
        ],
        &["create", "service", "clusterip", "cip", "--tcp=80"],
    ] {
        assert_eq!(p.parity(bad).code, 1, "{bad:?}");
    }
    p.same_state(&["get", "services", "-o", "yaml"]);
}

#[test]
fn create_jobs_and_cronjobs() {
    let Some(p) = Pair::new("gen-job") else {
        return;
    };
    outputs(
        &p,
        &[
            "create",
            "cronjob",
            "cj",
            "--image=busybox",
            "--schedule=*/5 * * * *",
        ],
    );
    p.parity(&[
        "create",
        "cj",
        "cj2",
        "--image=busybox",
        "--schedule=0 * * * *",
        "--restart=Never",
        "-o",
        "json",
        "--",
        "date",
    ]);
    outputs(
        &p,
        &["create", "job", "j1", "--image=busybox", "--", "echo", "hi"],
    );
    p.parity(&[
        "create",
        "job",
        "from-cj",
        "--from=cronjob/cj",
        "-o",
        "yaml",
    ]);
    p.parity(&[
        "create",
        "job",
        "from-cj2",
        "--from=cj/cj2",
        "--dry-run=client",
        "-o",
        "json",
    ]);
    p.setup(&["create", "deployment", "web", "--image=nginx"]);
    for bad in [
        &["create", "job", "x"][..],
        &["create", "job", "x", "--image=a", "--from=cronjob/cj"],
        &["create", "job", "x", "--from=cronjob/cj", "--", "date"],
        &["create", "job", "x", "--from=cronjob/nope"],
        &["create", "job", "x", "--from=cj"],
        &["create", "job", "x", "--from=cronjobs"],
        &["create", "job", "x", "--from=deployment/web"],
        &["create", "cronjob", "x", "--image=a"],
        &["create", "cronjob", "x"],
        &["create", "cronjob", "x", "--image=a", "--schedule=bad"],
        &["create", "job", "j1", "--image=busybox"],
    ] {
        assert_eq!(p.parity(bad).code, 1, "{bad:?}");
    }
    p.same_state(&["get", "cronjobs,jobs", "-o", "yaml"]);
}

#[test]
fn create_rbac() {
    let Some(p) = Pair::new("gen-rbac") else {
        return;
    };
    outputs(&p, &["create", "serviceaccount", "robot"]);
    outputs(
        &p,
        &[
            "create",
            "role",
            "reader",
            "--verb=get,list",
            "--verb=get",
            "--resource=pods,rs.apps,deploy,pods/log",
            "--resource-name=a",
            "--resource-name=a",
        ],
    );
    p.parity(&[
        "create",
        "role",
        "all",
        "--verb=*",
        "--resource=*",
        "-o",
        "json",
    ]);
    p.parity(&[
        "create",
        "role",
        "odd",
        "--verb=frob",
        "--resource=pods",
        "-o",
        "name",
    ]);
    outputs(
        &p,
        &[
            "create",
            "clusterrole",
            "[NS]-cr",
            "--verb=get",
            "--resource=nodes",
            "--non-resource-url=/logs/*",
        ],
    );
    p.parity(&[
        "create",
        "clusterrole",
        "[NS]-agg",
        "--aggregation-rule=rbac.example.com/agg=true",
        "-o",
        "json",
    ]);
    outputs(
        &p,
        &[
            "create",
            "rolebinding",
            "rb",
            "--role=reader",
            "--user=u1",
            "--group=g1",
            "--serviceaccount=[NS]:robot",
        ],
    );
    p.parity(&[
        "create",
        "rolebinding",
        "crb-ref",
        "--clusterrole=view",
        "--user=u",
        "-o",
        "json",
    ]);
    outputs(
        &p,
        &[
            "create",
            "clusterrolebinding",
            "[NS]-crb",
            "--clusterrole=[NS]-cr",
            "--group=g",
        ],
    );
    for bad in [
        &["create", "role", "x", "--resource=pods"][..],
        &["create", "role", "x", "--verb=get"],
        &["create", "role", "x", "--verb=get", "--resource=foo"],
        &["create", "role", "x", "--verb=get", "--resource=foo.bar"],
        &["create", "role", "x", "--verb=get", "--resource=pods.apps"],
        &["create", "role", "x", "--verb=use", "--resource=pods"],
        &["create", "role", "x", "--verb=get", "--resource=.apps"],
        &["create", "role", "x", "--verb=frob"],
        &["create", "clusterrole", "x", "--verb=get"],
        &[
            "create",
            "clusterrole",
            "x",
            "--verb=frob",
            "--non-resource-url=/x",
        ],
        &[
            "create",
            "clusterrole",
            "x",
            "--verb=get",
            "--non-resource-url=x",
        ],
        &[
            "create",
            "clusterrole",
            "x",
            "--verb=get",
            "--aggregation-rule=a=b",
        ],
        &["create", "clusterrole", "x", "--aggregation-rule=nokey"],
        &["create", "rolebinding", "x"],
        &["create", "rolebinding", "x", "--role=a", "--clusterrole=b"],
        &[
            "create",
            "rolebinding",
            "x",
            "--role=a",
            "--serviceaccount=robot",
        ],
        &["create", "clusterrolebinding", "x"],
        &["create", "serviceaccount", "robot"],
    ] {
        assert_eq!(p.parity(bad).code, 1, "{bad:?}");
    }
    p.same_state(&["get", "serviceaccounts,roles,rolebindings", "-o", "yaml"]);
    p.same_state(&[
        "get",
        "clusterrole,clusterrolebinding",
        "[NS]-cr",
        "-o",
        "yaml",
    ]);
}

#[test]
fn create_policies() {
    let Some(p) = Pair::new("gen-policy") else {
        return;
    };
    outputs(
        &p,
        &[
            "create",
            "ingress",
            "ing",
            "--class=default",
            "--default-backend=defsvc:http",
            "--rule=foo.com/=svc:https,tls",
            "--rule=foo.com/path/sub*=other:8080",
            "--rule=bar.com/*=svc2:80,tls=sec",
            "--annotation=a=b",
        ],
    );
    p.parity(&[
        "create",
        "ing",
        "simple",
        "--rule=/path=svc:port",
        "-o",
        "json",
    ]);
    outputs(
        &p,
        &[
            "create",
            "quota",
            "q",
            "--hard=cpu=1000m,memory=1.5Gi,pods=10",
            "--scopes=BestEffort",
        ],
    );
    p.parity(&[
        "create",
        "resourcequota",
        "q2",
        "--hard=services=0.5k",
        "-o",
        "json",
    ]);
    outputs(
        &p,
        &[
            "create",
            "priorityclass",
            "[NS]-pc",
            "--value=1000",
            "--description=high",
        ],
    );
    p.parity(&[
        "create",
        "pc",
        "[NS]-pc2",
        "--value=-5",
        "--global-default=false",
        "--preemption-policy=Never",
        "-o",
        "json",
    ]);
    outputs(
        &p,
        &[
            "create",
            "poddisruptionbudget",
            "pdb",
            "--selector=app=web,tier in (a,b)",
            "--min-available=50%",
        ],
    );
    p.parity(&[
        "create",
        "pdb",
        "pdb2",
        "--selector=app=x",
        "--max-unavailable=1",
        "-o",
        "json",
    ]);
    for bad in [
        &["create", "ingress", "x"][..],
        &["create", "ingress", "x", "--rule=foo.com=svc:80"],
        &[
            "create",
            "ingress",
            "x",
            "--rule=/p=svc:80",
            "--annotation=noval",
        ],
        &["create", "ingress", "x", "--default-backend=svc"],
        &["create", "quota", "x", "--hard=cpu"],
        &["create", "quota", "x", "--hard=cpu=lots"],
        &["create", "quota", "x", "--hard=cpu=1kk"],
        &["create", "quota", "x", "--scopes=a,,b"],
        &["create", "priorityclass", "x", "--value=big"],
        &["create", "pdb", "x", "--min-available=1"],
        &["create", "pdb", "x", "--selector=a=b"],
        &[
            "create",
            "pdb",
            "x",
            "--selector=a=b",
            "--min-available=1",
            "--max-unavailable=1",
        ],
        &["create", "pdb", "x", "--selector=a=b", "--min-available=x"],
        &["create", "pdb", "x", "--selector=a!=b", "--min-available=1"],
        &["create", "quota", "q", "--hard=pods=1"],
    ] {
        assert_eq!(p.parity(bad).code, 1, "{bad:?}");
    }
    p.same_state(&["get", "ingress,quota,pdb", "-o", "yaml"]);
    p.same_state(&["get", "priorityclass", "[NS]-pc", "[NS]-pc2", "-o", "yaml"]);
}

#[test]
fn create_token() {
    let Some(p) = Pair::new("gen-token") else {
        return;
    };
    p.setup(&["create", "serviceaccount", "robot"]);
    // Tokens differ per run (the pair normalises kk-sim's random part).
    for args in [
        &["create", "token", "robot"][..],
        &[
            "create",
            "token",
            "robot",
            "--duration=10m",
            "--audience=a",
            "--audience=b",
        ],
    ] {
        assert_eq!(p.parity(args).code, 0);
    }
    p.parity(&[
        "create",
        "token",
        "robot",
        "--duration=1h",
        "-o",
        "jsonpath={.spec.expirationSeconds} {.spec.audiences} {.kind}",
    ]);
    for bad in [
        &["create", "token", "nope"][..],
        &["create", "token"],
        &["create", "token", "robot", "--duration=1500ms"],
        &["create", "token", "robot", "--duration=-1s"],
        &["create", "token", "robot", "--duration=soon"],
        &["create", "token", "robot", "--audience="],
        &["create", "token", "robot", "--bound-object-name=x"],
        &["create", "token", "robot", "--bound-object-uid=x"],
        &["create", "token", "robot", "--bound-object-kind=Deployment"],
        &["create", "token", "robot", "--bound-object-kind=Pod"],
        &["create", "token", "robot", "-o", "wide"],
    ] {
        assert_eq!(p.parity(bad).code, 1, "{bad:?}");
    }
}
