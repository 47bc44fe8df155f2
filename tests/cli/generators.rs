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
