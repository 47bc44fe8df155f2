//! `kk port-forward` against kubectl 1.33 on kk-sim: the lines and errors of every port
//! form, a 10 MB transfer byte for byte, 50 connections at once, random local ports, the
//! exit when the pod goes away, and `--reconnect` keeping the local port across a pod's
//! replacement.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TestEnv, kk_bin, kubectl_bin};

const PODS: &str = r#"
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers:
  - name: c
    image: nginx
    ports: [{containerPort: 80, name: http}, {containerPort: 53, protocol: UDP, name: dns}]
---
apiVersion: v1
kind: Pod
metadata: {name: pending}
spec:
  nodeSelector: {nowhere: "true"}
  containers:
  - {name: c, image: nginx}
"#;

/// The page kk-sim's nginx image answers `/` with.
fn serves_nginx(body: &[u8]) -> bool {
    String::from_utf8_lossy(body).contains("<title>Welcome to nginx!</title>")
}

fn setup(name: &str) -> TestEnv {
    let env = TestEnv::sim(name);
    env.seed(PODS);
    env.run_kubectl(&[
        "wait",
        "--for=condition=Ready",
        "-n",
        env.ns(),
        "pod/web",
        "--timeout=60s",
    ])
    .expect("kubectl")
    .success();
    env
}

/// A running forward: the child and the local port from its first `Forwarding from` line.
struct Forward {
    child: Child,
    port: u16,
    out: BufReader<std::process::ChildStdout>,
}

impl Forward {
    fn start(env: &TestEnv, bin: &std::path::Path, args: &[&str]) -> Forward {
        let mut all = vec!["port-forward", "-n", env.ns()];
        all.extend_from_slice(args);
        let mut child = env
            .command(bin, &all)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn port-forward");
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let port = line
            .split(" -> ")
            .next()
            .and_then(|a| a.rsplit(':').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no Forwarding line: {line:?}"));
        Forward { child, port, out }
    }

    fn get(&self, path: &str) -> std::io::Result<Vec<u8>> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port))?;
        s.set_read_timeout(Some(Duration::from_secs(20)))?;
        write!(s, "GET {path} HTTP/1.0\r\nHost: x\r\n\r\n")?;
        let mut body = Vec::new();
        s.read_to_end(&mut body)?;
        Ok(body)
    }

    /// Its stderr as it comes, read by a thread into the returned buffer (the thread ends
    /// when the child does).
    #[allow(clippy::type_complexity)]
    fn stderr_lines(
        &mut self,
    ) -> (
        std::sync::Arc<std::sync::Mutex<String>>,
        std::thread::JoinHandle<()>,
    ) {
        let buf = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let mut err = BufReader::new(self.child.stderr.take().unwrap());
        let sink = buf.clone();
        let reader = std::thread::spawn(move || {
            let mut line = String::new();
            while err.read_line(&mut line).is_ok_and(|n| n > 0) {
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        (buf, reader)
    }

    fn stderr(&mut self) -> String {
        let mut e = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut e)
            .unwrap();
        e
    }
}

impl Drop for Forward {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn port_forward_errors_match_kubectl() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = setup("pf-errors");
    for args in [
        &["port-forward", "web"][..],
        &["port-forward", "web", "abc"],
        &["port-forward", "web", "70000"],
        &["port-forward", "web", "8080:abc"],
        &["port-forward", "web", "0"],
        &["port-forward", "web", "dns"],
        &["port-forward", "web", "53"],
        &["port-forward", "nope", "80"],
        &["port-forward", "pending", "80"],
        &["port-forward", "web", ":80", "--address=bogus"],
        &["port-forward", "web", ":80", "--address=192.0.2.1"],
        &["port-forward", "web", "80", "--pod-running-timeout=0"],
    ] {
        env.parity_ns(args);
    }
    // A local port already taken: kubectl's message, and the other listener still works.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let spec = format!("{port}:80");
    env.parity_ns(&["port-forward", "web", &spec, "--address=127.0.0.1"]);
}

#[test]
fn port_forward_transfers_and_connections() {
    let env = setup("pf-data");
    let fwd = Forward::start(
        &env,
        &kk_bin(),
        &["pod/web", ":http", "--address=localhost"],
    );
    assert_ne!(fwd.port, 0);
    // 10 MB byte for byte (the pod serves /bytes/N as a fixed pattern).
    let body = fwd.get("/bytes/10485760").unwrap();
    let at = body.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let data = &body[at..];
    assert_eq!(data.len(), 10_485_760);
    let want = fwd_expected_bytes(&env, 10_485_760);
    assert!(data == &want[..], "the 10 MB differ");
    // 50 connections at once, all served.
    let ok = std::thread::scope(|s| {
        let hs: Vec<_> = (0..50)
            .map(|_| {
                s.spawn(|| {
                    fwd.get("/")
                        .map(|b| String::from_utf8_lossy(&b).contains("web"))
                })
            })
            .collect();
        hs.into_iter()
            .map(|h| h.join().unwrap())
            .filter(|r| matches!(r, Ok(true)))
            .count()
    });
    assert_eq!(ok, 50);
}

/// What the pod sends for `/bytes/N`, fetched straight from kubectl's forward (the judge).
fn fwd_expected_bytes(env: &TestEnv, n: usize) -> Vec<u8> {
    let Some(kubectl) = kubectl_bin() else {
        // Without kubectl: kk's own second download must at least agree with the first.
        let fwd = Forward::start(env, &kk_bin(), &["web", ":80"]);
        let body = fwd.get(&format!("/bytes/{n}")).unwrap();
        let at = body.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
        return body[at..].to_vec();
    };
    let fwd = Forward::start(env, &kubectl, &["web", ":80"]);
    let body = fwd.get(&format!("/bytes/{n}")).unwrap();
    let at = body.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    body[at..].to_vec()
}

#[test]
fn port_forward_ends_when_the_pod_goes() {
    let env = setup("pf-gone");
    let mut fwd = Forward::start(&env, &kk_bin(), &["web", ":80"]);
    assert!(fwd.get("/").is_ok());
    env.run_kubectl(&["delete", "pod", "web", "-n", env.ns(), "--wait=false"])
        .expect("kubectl")
        .success();
    let deadline = Instant::now() + Duration::from_secs(20);
    let code = loop {
        if let Some(st) = fwd.child.try_wait().unwrap() {
            break st.code();
        }
        assert!(Instant::now() < deadline, "kk kept running without its pod");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(code, Some(1));
    assert_eq!(fwd.stderr(), "error: lost connection to pod\n");
    let mut rest = String::new();
    fwd.out.read_to_string(&mut rest).unwrap();
    assert_eq!(
        rest,
        "Forwarding from [::1]:".to_string()
            + &fwd.port.to_string()
            + " -> 80\nHandling connection for "
            + &fwd.port.to_string()
            + "\n"
    );
}

const DEPLOYMENT: &str = r#"
apiVersion: apps/v1
kind: Deployment
metadata: {name: ng}
spec:
  replicas: 1
  selector: {matchLabels: {app: ng}}
  template:
    metadata: {labels: {app: ng}}
    spec:
      containers:
      - {name: c, image: nginx, ports: [{containerPort: 80, name: http}]}
---
apiVersion: v1
kind: Service
metadata: {name: ngsvc}
spec:
  selector: {app: ng}
  ports:
  - {name: web, port: 8080, targetPort: http}
  - {name: plain, port: 9090, targetPort: 80}
  - {name: dns, port: 53, protocol: UDP}
"#;

fn setup_deployment(name: &str) -> TestEnv {
    let env = TestEnv::sim(name);
    env.seed(DEPLOYMENT);
    env.run_kubectl(&[
        "wait",
        "--for=condition=Available",
        "-n",
        env.ns(),
        "deployment/ng",
        "--timeout=60s",
    ])
    .expect("kubectl")
    .success();
    env
}

#[test]
fn port_forward_to_workloads_and_services_matches_kubectl() {
    let env = setup_deployment("pf-workloads");
    if kubectl_bin().is_some() {
        for args in [
            &["port-forward", "svc/ngsvc", "8080:nope"][..],
            &["port-forward", "svc/ngsvc", "81"],
            &["port-forward", "svc/ngsvc", "dns"],
            &["port-forward", "deploy/ng", "nope"],
            &["port-forward", "deploy/nope", "80"],
            &["port-forward", "cronjob/x", "80"],
        ] {
            env.parity_ns(args);
        }
    }
    // Service ports (by number or name) reach the pod's target port; the lines are
    // kubectl's.
    for (bin, spec) in [(Some(kk_bin()), ":web"), (kubectl_bin(), ":9090")] {
        let Some(bin) = bin else { continue };
        for target in ["svc/ngsvc", "service/ngsvc"] {
            let mut fwd = Forward::start(&env, &bin, &[target, spec, "--address=127.0.0.1"]);
            let body = fwd.get("/").unwrap();
            assert!(serves_nginx(&body), "{bin:?} {target}");
            fwd.child.kill().unwrap();
            let mut rest = String::new();
            fwd.out.read_to_string(&mut rest).unwrap();
            assert_eq!(rest, format!("Handling connection for {}\n", fwd.port));
        }
    }
    let fwd = Forward::start(&env, &kk_bin(), &["deploy/ng", "8080:http"]);
    assert_eq!(fwd.port, 8080);
}

#[test]
fn port_forward_reconnects_to_the_replacement_pod() {
    let env = setup("pf-reconnect");
    let mut fwd = Forward::start(&env, &kk_bin(), &["pod/web", ":80", "--reconnect"]);
    let port = fwd.port;
    // A request loop through the forward while the pod is replaced by one of the same name.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (ok, failed) = std::thread::scope(|s| {
        let looper = s.spawn(|| {
            let (mut ok, mut failed) = (0, 0);
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                match fwd.get("/") {
                    Ok(b) if serves_nginx(&b) => ok += 1,
                    _ => failed += 1,
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            (ok, failed)
        });
        std::thread::sleep(Duration::from_millis(500));
        env.run_kubectl(&["delete", "pod", "web", "-n", env.ns(), "--wait=true"])
            .expect("kubectl")
            .success();
        let replaced = Instant::now();
        env.seed(&PODS[..PODS.find("---").unwrap()]);
        // Within 5 s the same local port serves again.
        let served_again = loop {
            if fwd.get("/").is_ok_and(|b| serves_nginx(&b)) {
                break true;
            }
            if replaced.elapsed() > Duration::from_secs(5) {
                break false;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        if served_again {
            std::thread::sleep(Duration::from_millis(500));
        }
        // Stop the loop before asserting: a panic here would leave the scope waiting for it.
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let counts = looper.join().unwrap();
        assert!(served_again, "no service after 5 s");
        counts
    });
    assert!(ok > 10, "{ok} requests served");
    assert!(failed <= 1, "{failed} requests failed during the switch");
    fwd.child.kill().unwrap();
    let err = fwd.stderr();
    assert!(
        err.contains("pod/web went away; forwarding to pod/web"),
        "{err}"
    );
    assert_eq!(fwd.port, port);
}

#[test]
fn port_forward_to_a_deployment_follows_its_new_pod() {
    let env = setup_deployment("pf-reconnect-deploy");
    // Reconnecting is the default for a workload target.
    let mut fwd = Forward::start(&env, &kk_bin(), &["deployment/ng", ":80"]);
    assert!(fwd.get("/").is_ok());
    env.run_kubectl(&[
        "delete",
        "pod",
        "-l",
        "app=ng",
        "-n",
        env.ns(),
        "--wait=false",
    ])
    .expect("kubectl")
    .success();
    // A connection the old pod took but never answered is replayed on the new one, so at
    // most the one request in flight when the pod died may fail (kubectl's forward fails
    // every request from then on); from kk's notice on, every new connection reaches the
    // replacement. The loop ends on the first answer after the notice, so it proves the new
    // pod serves.
    let (notice, reader) = fwd.stderr_lines();
    let deleted = Instant::now();
    let (mut served, mut failed_before_notice, mut failed_after_notice) = (0, 0, 0);
    loop {
        let noticed = notice
            .lock()
            .unwrap()
            .contains(" went away; forwarding to ");
        match fwd.get("/") {
            Ok(b) if serves_nginx(&b) && noticed => break,
            Ok(b) if serves_nginx(&b) => served += 1,
            _ if noticed => failed_after_notice += 1,
            _ => failed_before_notice += 1,
        }
        assert!(
            deleted.elapsed() < Duration::from_secs(60),
            "no answer from the replacement within 60 s"
        );
    }
    assert!(
        failed_after_notice == 0 && failed_before_notice <= 1,
        "{failed_before_notice} requests failed before kk switched pods, \
         {failed_after_notice} after ({served} served before)"
    );
    fwd.child.kill().unwrap();
    let _ = fwd.child.wait();
    reader.join().unwrap();
    // stderr: kk's one notice, and kubectl's line for each connection that failed before kk
    // saw the pod go (printed when the connection ends, so possibly just after the notice).
    let err = notice.lock().unwrap().clone();
    let notice_re = regex::Regex::new(r"^pod/ng-\S+ went away; forwarding to pod/ng-\S+$").unwrap();
    let failure_re =
        regex::Regex::new(r"^error: an error occurred forwarding \d+ -> 80: ").unwrap();
    let notices = err.lines().filter(|l| notice_re.is_match(l)).count();
    assert!(
        notices == 1
            && err
                .lines()
                .all(|l| notice_re.is_match(l) || failure_re.is_match(l)),
        "{err:?}"
    );
}

#[test]
fn port_forward_carries_an_unanswered_connection_to_the_new_pod() {
    let env = setup_deployment("pf-replay");
    let mut fwd = Forward::start(&env, &kk_bin(), &["deployment/ng", ":80"]);
    let (stderr, reader) = fwd.stderr_lines();
    // A connection with half a request in it, taken by the pod that is about to go.
    let mut conn = TcpStream::connect(("127.0.0.1", fwd.port)).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    conn.write_all(b"GET / HTTP/1.0\r\n").unwrap();
    let mut line = String::new();
    while !line.starts_with("Handling connection for ") {
        line.clear();
        assert!(fwd.out.read_line(&mut line).unwrap() > 0, "kk ended");
    }
    env.run_kubectl(&[
        "delete",
        "pod",
        "-l",
        "app=ng",
        "-n",
        env.ns(),
        "--wait=true",
    ])
    .expect("kubectl")
    .success();
    let switched = Instant::now();
    while !stderr
        .lock()
        .unwrap()
        .contains(" went away; forwarding to ")
    {
        assert!(
            switched.elapsed() < Duration::from_secs(60),
            "no switch: {:?}",
            stderr.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // The old pod is gone without a word: the rest of the request reaches the new one,
    // after what the client had sent already.
    conn.write_all(b"Host: x\r\n\r\n").unwrap();
    let mut body = Vec::new();
    let read = conn.read_to_end(&mut body);
    assert!(
        read.is_ok() && serves_nginx(&body),
        "{read:?} {:?}, kk's stderr: {:?}",
        String::from_utf8_lossy(&body),
        stderr.lock().unwrap()
    );
    fwd.child.kill().unwrap();
    let _ = fwd.child.wait();
    reader.join().unwrap();
    let err = stderr.lock().unwrap().clone();
    assert!(
        regex::Regex::new(r"^pod/ng-\S+ went away; forwarding to pod/ng-\S+\n$")
            .unwrap()
            .is_match(&err),
        "{err:?}"
    );
}
