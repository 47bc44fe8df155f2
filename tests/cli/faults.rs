//! kk against a kk-sim that injects faults (connection resets, 503s and 429s with
//! `Retry-After`, slow answers): reads are retried to a complete and correct answer, writes
//! are never applied twice, `--request-timeout` bounds every command. Each test has a private
//! kk-sim, since faults are server-wide.

use std::time::{Duration, Instant};

use crate::common::TestEnv;
use crate::common::server::PrivateSim;

/// `n` Pending pods (no node matches their selector, so nothing changes them) in `load`.
fn pods(n: usize) -> String {
    let mut s = String::from("apiVersion: v1\nkind: Namespace\nmetadata: {name: load}\n");
    for i in 0..n {
        s.push_str(&format!(
            "---\napiVersion: v1\nkind: Pod\nmetadata: {{name: p{i:04}, namespace: load}}\n\
             spec:\n  nodeSelector: {{nowhere: \"true\"}}\n  containers: [{{name: c, image: \
             img{}}}]\n",
            i % 7
        ));
    }
    s
}

/// An env whose kubeconfig is the private sim's.
fn env_for(sim: &PrivateSim) -> TestEnv {
    let mut env = TestEnv::offline();
    std::fs::copy(&sim.kubeconfig, env.path("kubeconfig")).expect("kubeconfig");
    env.kubeconfig = Some("kubeconfig".into());
    env
}

/// How many config maps in `default` have names starting with `prefix`, and the listing.
fn count_generated(env: &TestEnv, prefix: &str) -> (usize, String) {
    let names = env.run_kk(&["get", "cm", "-n", "default", "-o", "name"]);
    names.success();
    let count = names
        .stdout
        .lines()
        .filter(|l| l.starts_with(&format!("configmap/{prefix}")))
        .count();
    (count, names.stdout)
}

const FLAKY: &str = "reset=0.05,status=503:0.05,status=429:0.05,retry-after=1";

#[test]
fn get_of_2000_pods_is_complete_under_resets_503s_and_429s() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("pods.yaml");
    std::fs::write(&manifest, pods(2000)).unwrap();
    let sim = PrivateSim::start(&["--preload", manifest.to_str().unwrap()]);
    let env = env_for(&sim);
    let args = [
        "get",
        "pods",
        "-n",
        "load",
        "-o",
        "custom-columns=NAME:.metadata.name,UID:.metadata.uid,IMAGE:.spec.containers[0].image",
    ];
    let want = env.run_kk(&args);
    want.success();
    assert_eq!(want.stdout.lines().count(), 2001, "header + 2000 pods");
    sim.faults(&format!("{FLAKY},seed=1"));
    for run in 0..10 {
        let got = env.run_kk(&args);
        assert_eq!(got, want, "run {run} under {FLAKY}");
    }
    // The same through every page of a small chunk size.
    let small: Vec<&str> = args.iter().copied().chain(["--chunk-size=150"]).collect();
    assert_eq!(env.run_kk(&small), want);
}

#[test]
fn writes_are_never_applied_twice() {
    let sim = PrivateSim::start(&[]);
    let env = env_for(&sim);
    env.run_kk(&["get", "cm", "-n", "default"]).success();
    std::fs::write(
        env.path("gen.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: gen-, namespace: default}\n",
    )
    .unwrap();
    // The server applies the create, then the connection dies before the answer: kk must
    // not send it again (a second POST would make a second object).
    sim.faults("reset-after=1");
    let out = env.run_kk(&["create", "-f", "gen.yaml"]);
    assert_eq!(out.code, 1, "{out}");
    assert!(
        out.stderr.contains("connection reset by peer") || out.stderr.contains("EOF"),
        "{out}"
    );
    sim.faults("off");
    let (generated, names) = count_generated(&env, "gen-");
    assert_eq!(generated, 1, "{names}");

    // Refused with Retry-After, the server did nothing: kk waits and sends it again, once.
    sim.faults("status=503:0.3,status=429:0.2,retry-after=1,seed=3");
    for i in 0..6 {
        let out = env.run_kk(&["create", "-f", "gen.yaml"]);
        assert_eq!(out.code, 0, "create {i}: {out}");
    }
    // A connection reset before the server saw anything: the write fails, nothing is made.
    sim.faults("reset=1");
    let out = env.run_kk(&["create", "-f", "gen.yaml"]);
    assert_eq!(out.code, 1, "{out}");
    sim.faults("off");
    let (generated, names) = count_generated(&env, "gen-");
    assert_eq!(generated, 7, "1 + one per successful create: {names}");
}

#[test]
fn request_timeout_bounds_a_slow_or_refusing_server() {
    let sim = PrivateSim::start(&[]);
    let env = env_for(&sim);
    env.run_kk(&["get", "ns"]).success(); // discovery cached: the faults hit the list
    sim.faults("slow=5s");
    let start = Instant::now();
    let out = env.run_kk(&["get", "ns", "--request-timeout=1s"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            1,
            "Unable to connect to the server: context deadline exceeded\n"
        )
    );
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );
    // Waiting out Retry-After would pass the deadline: kk gives up at the deadline.
    sim.faults("status=503:1,retry-after=30");
    let start = Instant::now();
    let out = env.run_kk(&["get", "ns", "--request-timeout=2s"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            1,
            "Unable to connect to the server: context deadline exceeded\n"
        )
    );
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    // A watch that reaches the deadline ends quietly, as kubectl's does.
    sim.faults("off");
    let out = env.run_kk(&["get", "ns", "default", "-w", "--request-timeout=1s"]);
    assert_eq!(out.code, 0, "{out}");
    assert!(out.stdout.starts_with("NAME"), "{out}");
}

#[test]
fn errors_that_outlast_the_retries_are_reported_plainly() {
    let sim = PrivateSim::start(&[]);
    let env = env_for(&sim);
    env.run_kk(&["get", "ns"]).success(); // discovery cached: the faults hit the list
    // Without Retry-After a 503 is final, as in kubectl.
    sim.faults("status=503:1");
    let out = env.run_kk(&["get", "ns"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            1,
            "Error from server (ServiceUnavailable): the server is currently unable to handle \
             the request\n"
        )
    );
}

/// A kk command running in the background whose stdout lines arrive on a channel.
struct Background {
    child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Background {
    fn spawn(env: &TestEnv, args: &[&str]) -> Background {
        use std::io::BufRead;
        let mut child = env
            .command(&crate::common::kk_bin(), args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn kk");
        let out = std::io::BufReader::new(child.stdout.take().unwrap());
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for l in out.lines() {
                let Ok(l) = l else { break };
                if tx.send(l).is_err() {
                    break;
                }
            }
        });
        Background {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Reads lines until one satisfies `done` (at most 30 s).
    fn until(&mut self, done: impl Fn(&str) -> bool) {
        let end = Instant::now() + Duration::from_secs(30);
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(l) => {
                    let hit = done(&l);
                    self.seen.push(l);
                    if hit {
                        return;
                    }
                }
                Err(_) => panic!("kk printed no such line; so far: {:#?}", self.seen),
            }
        }
    }

    /// Stops the command; returns every line it printed and its stderr.
    fn stop(mut self) -> (Vec<String>, String) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        while let Ok(l) = self.lines.recv_timeout(Duration::from_millis(200)) {
            self.seen.push(l);
        }
        let mut err = String::new();
        std::io::Read::read_to_string(&mut self.child.stderr.take().unwrap(), &mut err).unwrap();
        (self.seen, err)
    }
}

/// `EVENT NAME` of each line of `get -w --output-watch-events` (the header dropped).
fn events(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .skip(1)
        .map(|l| l.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
        .collect()
}

fn watch_setup(sim: &PrivateSim) -> TestEnv {
    let env = env_for(sim);
    env.run_kk(&["create", "namespace", "w"]).success();
    for i in 0..4 {
        env.run_kk(&["create", "configmap", &format!("d{i}"), "-n", "w"])
            .success();
    }
    env
}

const WATCH: [&str; 6] = ["get", "cm", "-n", "w", "-w", "--output-watch-events"];

#[test]
fn get_watch_resumes_across_dropped_watches_without_loss_or_repeats() {
    // Every watch is cut 600 ms after it starts: kk opens it again from the last event seen.
    let sim = PrivateSim::start(&["--faults", "watch-drop=600ms"]);
    let env = watch_setup(&sim);
    let mut kk = Background::spawn(&env, &WATCH);
    kk.until(|l| l.starts_with("ADDED") && l.contains("kube-root-ca.crt"));
    let started = Instant::now();
    let mut want = Vec::new();
    for i in 0..4 {
        let c = format!("c{i}");
        let d = format!("d{i}");
        env.run_kk(&["create", "configmap", &c, "-n", "w"])
            .success();
        env.run_kk(&["label", "configmap", &c, "-n", "w", "x=1"])
            .success();
        env.run_kk(&["delete", "configmap", &d, "-n", "w"])
            .success();
        want.extend([
            format!("ADDED {c}"),
            format!("MODIFIED {c}"),
            format!("DELETED {d}"),
        ]);
        // Long enough that the four rounds outlast two 600 ms watches however fast kk runs.
        std::thread::sleep(Duration::from_millis(400));
    }
    env.run_kk(&["create", "configmap", "end", "-n", "w"])
        .success();
    want.push("ADDED end".into());
    kk.until(|l| l.starts_with("ADDED") && l.contains(" end "));
    assert!(
        started.elapsed() > Duration::from_millis(1300),
        "the changes spanned at least two cut watches"
    );
    let (lines, err) = kk.stop();
    let got = events(&lines);
    let initial = [
        "ADDED d0",
        "ADDED d1",
        "ADDED d2",
        "ADDED d3",
        "ADDED kube-root-ca.crt",
    ];
    assert_eq!(got[..5], initial, "{lines:#?}");
    assert_eq!(
        got[5..],
        want,
        "every change once, in order: {lines:#?}\n{err}"
    );
    assert_eq!(err, "");
}

#[test]
fn get_watch_relists_after_410_and_prints_only_what_changed() {
    let sim = PrivateSim::start(&["--faults", "watch-drop=1s"]);
    let env = watch_setup(&sim);
    let mut kk = Background::spawn(&env, &WATCH);
    kk.until(|l| l.starts_with("ADDED") && l.contains("kube-root-ca.crt"));
    // kk's first watch is cut within a second and cannot be opened again (each try is reset
    // and retried) while the objects change...
    sim.faults("watch-drop=1s,watch-reset=1");
    std::thread::sleep(Duration::from_millis(1300));
    env.run_kk(&["delete", "configmap", "d1", "-n", "w"])
        .success();
    env.run_kk(&["label", "configmap", "d2", "-n", "w", "x=1"])
        .success();
    env.run_kk(&["create", "configmap", "c1", "-n", "w"])
        .success();
    // ...then its resourceVersion is too old: 410, a new list, and only the differences (in
    // the list's order, not the changes' order: proof that they came from the list).
    sim.faults("watch-expire");
    kk.until(|l| l.starts_with("DELETED"));
    env.run_kk(&["create", "configmap", "c2", "-n", "w"])
        .success();
    kk.until(|l| l.starts_with("ADDED") && l.contains(" c2 "));
    let (lines, err) = kk.stop();
    let got = events(&lines);
    assert_eq!(
        got[5..],
        ["ADDED c1", "MODIFIED d2", "DELETED d1", "ADDED c2"],
        "{lines:#?}\n{err}"
    );
    assert_eq!(err, "");
}

#[test]
fn logs_follow_across_dropped_streams_loses_and_repeats_no_line() {
    // Every log stream is cut 500 ms after it starts; the container prints for ~4 s.
    let sim = PrivateSim::start(&["--faults", "stream-drop=500ms"]);
    let env = env_for(&sim);
    std::fs::write(
        env.path("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata: {name: talk, namespace: default}\nspec:\n  \
         restartPolicy: Never\n  containers:\n  - name: c\n    image: busybox\n    command: \
         [sh, -c, 'for i in $(seq 1 80); do echo line $i; sleep 0.05; done']\n",
    )
    .unwrap();
    env.run_kk(&["create", "-f", "pod.yaml"]).success();
    let start = Instant::now();
    while env
        .run_kk(&["get", "pod", "talk", "-o", "jsonpath={.status.phase}"])
        .stdout
        != "Running"
    {
        assert!(start.elapsed() < Duration::from_secs(20), "pod never ran");
        std::thread::sleep(Duration::from_millis(50));
    }
    let (plain, stamped) = std::thread::scope(|s| {
        let stamped = s.spawn(|| env.run_kk(&["logs", "-f", "talk", "--timestamps"]));
        (env.run_kk(&["logs", "-f", "talk"]), stamped.join().unwrap())
    });
    assert!(
        start.elapsed() > Duration::from_millis(1500),
        "the follow outlived several cut streams"
    );
    let want: String = (1..=80).map(|i| format!("line {i}\n")).collect();
    assert_eq!(
        (plain.code, plain.stdout.as_str()),
        (0, want.as_str()),
        "{plain}"
    );
    stamped.success();
    let lines: Vec<&str> = stamped.stdout.lines().collect();
    let texts: Vec<&str> = lines
        .iter()
        .map(|l| l.split_once(' ').expect("timestamp").1)
        .collect();
    let want_texts: Vec<String> = (1..=80).map(|i| format!("line {i}")).collect();
    assert_eq!(texts, want_texts, "{stamped}");
    let mut times: Vec<&str> = lines.iter().map(|l| l.split(' ').next().unwrap()).collect();
    assert!(times.is_sorted(), "{stamped}");
    times.dedup();
    assert_eq!(
        times.len(),
        80,
        "each line keeps its own timestamp: {stamped}"
    );
}

#[test]
fn creates_under_resets_503s_and_429s_apply_once_each() {
    let sim = PrivateSim::start(&[]);
    let env = env_for(&sim);
    env.run_kk(&["get", "cm", "-n", "default"]).success();
    std::fs::write(
        env.path("gen.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: flaky-, namespace: default}\n",
    )
    .unwrap();
    sim.faults(&format!("{FLAKY},seed=7"));
    let mut made = 0;
    for i in 0..20 {
        let out = env.run_kk(&["create", "-f", "gen.yaml", "-o", "name"]);
        match out.code {
            0 => made += 1,
            // Reset before the server saw it: a plain error, and nothing was made.
            _ => assert!(
                out.stdout.is_empty() && out.stderr.contains("connection reset by peer"),
                "create {i}: {out}"
            ),
        }
    }
    assert!(made >= 10, "most creates get through: {made}");
    sim.faults("off");
    let (generated, names) = count_generated(&env, "flaky-");
    assert_eq!(generated, made, "one object per successful create: {names}");
}

#[test]
fn scales_under_resets_503s_and_429s_apply_once_each() {
    let sim = PrivateSim::start(&[]);
    let env = env_for(&sim);
    env.run_kk(&["create", "deployment", "d", "--image=nginx", "--replicas=1"])
        .success();
    let generation = || {
        let out = env.run_kk(&[
            "get",
            "deploy",
            "d",
            "-o",
            "jsonpath={.metadata.generation}",
        ]);
        out.success();
        out.stdout.parse::<u64>().expect("generation")
    };
    let first = generation();
    sim.faults(&format!("{FLAKY},seed=11"));
    let mut applied = 0;
    for i in 0..12 {
        // Every success changes spec.replicas, so each bumps the generation exactly once.
        let replicas = format!("--replicas={}", 2 + i % 2);
        let out = env.run_kk(&["scale", "deploy/d", &replicas]);
        match out.code {
            0 => applied += 1,
            _ => assert!(
                out.stderr.contains("connection reset by peer"),
                "scale {i}: {out}"
            ),
        }
    }
    sim.faults("off");
    assert!(applied >= 6, "most scales get through: {applied}");
    assert_eq!(
        generation(),
        first + applied,
        "one generation per successful scale"
    );
}

/// A paged list whose continue token has expired when the second page is asked for (410
/// Expired, kk-sim's `expire-continue`): kubectl prints the first page, then `Error from
/// server (Expired): ...`, exit 1, without starting the list again; kk does the same in
/// every output form (the whole-list templates print what was read). `--sort-by` reads the
/// list in one answer, so it is not affected.
#[test]
fn an_expired_continue_token_ends_the_list_like_kubectl() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("cms.yaml");
    let cms: String = (0..5)
        .map(|i| format!("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: cm{i}, namespace: default}}\ndata: {{k: v{i}}}\n"))
        .collect();
    std::fs::write(&manifest, cms).unwrap();
    let sim = PrivateSim::start(&["--preload", manifest.to_str().unwrap()]);
    let env = env_for(&sim);
    sim.faults("expire-continue");
    for output in [
        &[][..],
        &["-o", "wide"],
        &["-o", "name"],
        &["-o", "json"],
        &["-o", "yaml"],
        &["-o", "jsonpath={.items[*].metadata.name}"],
        &["-o", "jsonpath={range .items[*]}{.data.k}{\"\\n\"}{end}"],
        &["-o", "jsonpath={.items}"],
        &[
            "-o",
            "go-template={{range .items}}{{.metadata.name}} {{end}}",
        ],
        &["-o", "custom-columns=N:.metadata.name,K:.data.k"],
        &["-o", "name", "--sort-by", "{.data.k}"],
    ] {
        let mut args = vec!["get", "cm", "-n", "default", "--chunk-size=2"];
        args.extend(output);
        let Some(kubectl) = env.run_kubectl(&args) else {
            return;
        };
        let kk = env.run_kk(&args);
        crate::common::env::assert_same(&args, &kubectl, &kk);
        if !args.contains(&"--sort-by") {
            assert_eq!(kk.code, 1, "{kk}");
            assert!(kk.stderr.contains("Error from server (Expired)"), "{kk}");
        }
    }
}
