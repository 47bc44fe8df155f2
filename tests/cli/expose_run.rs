//! `kk expose`, `kk run` and `kk autoscale` against kubectl 1.33 on kk-sim: the generated
//! Services, pods and HorizontalPodAutoscalers (dry runs printed, objects created), the
//! introspected selectors, ports and protocols, and each bad input.

use crate::write_pair::Pair;
use std::io::Write;
use std::process::Stdio;

use crate::common::pty::Pty;
use crate::common::{Output, TestEnv, kk_bin, kubectl_bin};

const MULTI: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: multi
  labels:
    app: multi
    tier: web
spec:
  selector:
    matchLabels:
      app: multi
  template:
    metadata:
      labels:
        app: multi
    spec:
      containers:
      - name: a
        image: nginx
        ports:
        - containerPort: 80
        - containerPort: 53
          protocol: UDP
      - name: b
        image: nginx
        ports:
        - containerPort: 53
          protocol: TCP
";

fn pair(name: &str) -> Pair {
    let p = Pair::new(name).expect("kubectl 1.33");
    p.write("multi.yaml", MULTI.as_bytes());
    p.setup(&["create", "deployment", "web", "--image=nginx", "--port=80"])
        .setup(&["create", "-f", "multi.yaml"])
        .setup(&["run", "nolabels", "--image=nginx", "--labels=a=b"])
        .setup(&["label", "pod", "nolabels", "a-"]);
    p
}

const SERVICES: &[&str] = &[
    "get",
    "svc",
    "-o",
    "jsonpath={range .items[*]}{.metadata.name} {.metadata.labels} {.spec.selector} {.spec.ports} {.spec.type} {.spec.sessionAffinity}{\"\\n\"}{end}",
];

#[test]
fn expose_introspects_and_creates() {
    let p = pair("expose");
    p.parity(&["expose", "deploy", "web", "--port=8080", "--target-port=80"]);
    p.parity(&["expose", "deploy/multi"]);
    p.parity(&[
        "expose",
        "deploy/multi",
        "--name=multi-yaml",
        "--dry-run=client",
        "-o",
        "yaml",
    ]);
    p.parity(&[
        "expose",
        "deploy/multi",
        "--name=m2",
        "--protocol=UDP",
        "--port=99",
        "-l",
        "x=y",
    ]);
    p.parity(&[
        "expose",
        "svc/web",
        "--name=web2",
        "--type=NodePort",
        "--dry-run=client",
    ]);
    p.parity(&[
        "expose",
        "deploy/web",
        "--name=web3",
        "--session-affinity=ClientIP",
        "--external-ip=1.2.3.4",
        "--selector=app=web,x=y",
        "--target-port=http",
    ]);
    p.parity(&[
        "expose",
        "deploy/web",
        "--name=web4",
        "--cluster-ip=None",
        "-o",
        "name",
    ]);
    p.parity(&[
        "expose",
        "deploy/web",
        "--name=web5",
        "--dry-run=server",
        "-o",
        "name",
    ]);
    p.parity(&[
        "expose",
        "deploy/web",
        "--name=web6",
        "--dry-run=client",
        "-o",
        "json",
        "--overrides={\"spec\":{\"type\":\"LoadBalancer\"}}",
    ]);
    for args in [
        &["expose", "pod", "nolabels", "--port=80"][..],
        &["expose", "cm", "x"],
        &["expose", "deploy/web"],
        &[
            "expose",
            "deploy/web",
            "--name=bad",
            "--session-affinity=Sticky",
        ],
        &["expose", "deploy/web", "--name=bad", "--port=abc"],
        &["expose", "deploy/nope", "--port=80"],
        &["expose"],
        &[
            "expose",
            "deploy/web",
            "--name=bad",
            "--overrides={",
            "--port=80",
        ],
    ] {
        let out = p.parity(args);
        assert_eq!(out.code, 1, "{args:?}: {out}");
    }
    let state = p.same_state(SERVICES);
    assert!(state.stdout.contains("port-2-udp"), "{state}");
}

#[test]
fn run_pods_and_services() {
    let p = pair("run");
    p.parity(&["run", "a", "--image=nginx"]);
    p.parity(&[
        "run",
        "b",
        "--image=nginx",
        "-l",
        "x=y,z=w",
        "--env=A=1",
        "--env=B=2",
        "--port=80",
        "--annotations=k=v",
        "--image-pull-policy=IfNotPresent",
        "--restart=Never",
        "--command",
        "--",
        "sh",
        "-c",
        "sleep 1",
    ]);
    p.parity(&["run", "c", "--image=nginx", "--port=8080", "--expose"]);
    p.parity(&[
        "run",
        "d",
        "--image=nginx",
        "--port=8080",
        "--expose",
        "--dry-run=client",
        "-o",
        "yaml",
    ]);
    p.parity(&[
        "run",
        "e",
        "--image=nginx",
        "--dry-run=server",
        "-o",
        "name",
        "arg1",
        "arg2",
    ]);
    p.parity(&[
        "run",
        "f",
        "--image=nginx",
        "--dry-run=client",
        "-o",
        "json",
        "--privileged",
        "-i",
        "--overrides={\"spec\":{\"hostNetwork\":true}}",
    ]);
    for args in [
        &["run", "x"][..],
        &["run", "--image=nginx"],
        &["run", "x", "--image=Bad Image"],
        &["run", "x", "--image=nginx", "--restart=Sometimes"],
        &["run", "x", "--image=nginx", "-t"],
        &["run", "x", "--image=nginx", "--expose"],
        &["run", "x", "--image=nginx", "--rm"],
        &["run", "x", "--image=nginx", "-i", "--dry-run=client"],
        &["run", "x", "--image=nginx", "--image-pull-policy=Sometimes"],
        &["run", "x", "--image=nginx", "--env=1A=b"],
        &["run", "x", "--image=nginx", "-l", "bad"],
        &["run", "a", "--image=nginx"],
    ] {
        let out = p.parity(args);
        assert_eq!(out.code, 1, "{args:?}: {out}");
    }
    p.same_state(&[
        "get",
        "pods",
        "-o",
        "jsonpath={range .items[*]}{.metadata.name} {.metadata.labels} {.metadata.annotations} {.spec.containers}{\"\\n\"}{end}",
    ]);
    p.same_state(SERVICES);
}

#[test]
fn autoscale_creates_hpas() {
    let p = pair("autoscale");
    p.parity(&["autoscale", "deploy", "web", "--max=3"]);
    p.parity(&[
        "autoscale",
        "deploy/multi",
        "--min=2",
        "--max=5",
        "--cpu-percent=70",
        "--name=m",
    ]);
    p.parity(&[
        "autoscale",
        "deploy/web",
        "--max=4",
        "--name=dry",
        "--dry-run=client",
        "-o",
        "yaml",
    ]);
    p.parity(&[
        "autoscale",
        "deploy/web",
        "--max=4",
        "--name=sdry",
        "--dry-run=server",
        "-o",
        "name",
    ]);
    for args in [
        &["autoscale", "deploy/web"][..],
        &["autoscale", "deploy/web", "--max=0"],
        &["autoscale", "deploy/web", "--max=2", "--min=3"],
        &["autoscale", "cm/x", "--max=2"],
        &["autoscale", "pod/nolabels", "--max=2"],
        &["autoscale", "deploy/web", "--max=3"],
        &["autoscale", "--max=3"],
    ] {
        let out = p.parity(args);
        assert_eq!(out.code, 1, "{args:?}: {out}");
    }
    p.same_state(&[
        "get",
        "hpa",
        "-o",
        "jsonpath={range .items[*]}{.metadata.name} {.spec}{\"\\n\"}{end}",
    ]);
}

/// `run -i --rm` with stdin piped: attach, the container's exit code, the pod deleted.
fn run_with_stdin(env: &TestEnv, bin: &std::path::Path, name: &str, input: &str) -> Output {
    let ns = env.ns().to_string();
    let args = [
        "run",
        name,
        "-n",
        &ns,
        "-i",
        "--rm",
        "--restart=Never",
        "--image=busybox",
        "--",
        "sh",
    ];
    let mut cmd = env.command(bin, &args);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    let out: Output = child.wait_with_output().expect("wait").into();
    out.map(|s| s.replace(&ns, "[NS]"))
}

#[test]
fn run_attached_returns_the_exit_code_and_removes_the_pod() {
    let env = TestEnv::sim("run-attach");
    let kubectl = kubectl_bin().expect("kubectl 1.33");
    let want = run_with_stdin(&env, &kubectl, "k", "echo hi\nexit 3\n");
    let got = run_with_stdin(&env, &kk_bin(), "k", "echo hi\nexit 3\n");
    assert_eq!(got.code, 3, "{got}");
    assert_eq!(got.stdout, "hi\npod \"k\" deleted\n", "{got}");
    crate::common::env::assert_same(&["run", "-i", "--rm"], &want, &got);
    let ok = run_with_stdin(&env, &kk_bin(), "k", "exit 0\n");
    assert_eq!(
        (ok.code, ok.stdout.as_str()),
        (0, "pod \"k\" deleted\n"),
        "{ok}"
    );
}

#[test]
fn run_it_rm_under_a_pseudo_terminal() {
    let env = TestEnv::sim("run-tty");
    let cmd = env.command(
        &kk_bin(),
        &[
            "run",
            "-it",
            "--rm",
            "t",
            "--image=busybox",
            "--restart=Never",
            "-n",
            env.ns(),
            "--",
            "sh",
        ],
    );
    let mut pty = Pty::spawn(cmd, 30, 100);
    let mut at = pty.expect(0, "If you don't see a command prompt, try pressing enter.");
    pty.send("\r");
    at = pty.expect(at, "/ # ");
    pty.send("stty size\r");
    at = pty.expect(at, "30 100");
    pty.send("exit 0\r");
    pty.expect(at, "pod \"t\" deleted");
    assert_eq!(pty.wait(), 0, "{:?}", pty.screen);
}
