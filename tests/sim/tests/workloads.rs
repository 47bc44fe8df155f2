//! Workloads through the real kubectl (1.33), as in the Kubernetes tutorials: Deployments
//! (rollout, scale, set image, crash + undo, pause/resume, restart), DaemonSets, Jobs,
//! CronJobs, StatefulSets, Services and their Endpoints, logs, exec, port-forward, cascading
//! deletion and namespace deletion. Each test works in its own namespace and polls with short
//! sleeps up to a deadline, so the tests stay fast while running in parallel.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::time::{Duration, Instant};

use common::{Kubectl, kubectl, sim};
use serde_json::Value;

fn k(test: &str, ns: &str) -> Option<Kubectl> {
    let mut k = kubectl(sim(), test)?;
    k.use_namespace(ns);
    Some(k)
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

/// Polls `f` every 100 ms until it returns Some, or panics with `what` after `secs`.
fn wait_for<T>(secs: u64, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {secs}s waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// `get <what> -o json` items.
fn items(k: &Kubectl, what: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["get", what, "-o", "json"];
    args.extend_from_slice(extra);
    let out = k.run(&args).ok();
    json(&out.stdout)["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn s<'a>(v: &'a Value, ptr: &str) -> &'a str {
    v.pointer(ptr).and_then(Value::as_str).unwrap_or("")
}

fn ready(p: &Value) -> bool {
    p.pointer("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|cs| {
            cs.iter()
                .any(|c| c["type"] == "Ready" && c["status"] == "True")
        })
}

fn running_ready(p: &Value) -> bool {
    s(p, "/status/phase") == "Running" && ready(p) && s(p, "/metadata/deletionTimestamp").is_empty()
}

fn image(p: &Value) -> &str {
    s(p, "/spec/containers/0/image")
}

fn deployment(name: &str, replicas: u32, image: &str) -> String {
    format!(
        "apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  labels:
    app: {name}
spec:
  replicas: {replicas}
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
    spec:
      containers:
      - name: nginx
        image: {image}
        ports:
        - containerPort: 80
"
    )
}

fn rollout_ok(k: &Kubectl, what: &str) {
    let out = k.run(&["rollout", "status", what, "--timeout=60s"]).ok();
    // A StatefulSet's defaulted `partition: 0` makes kubectl say "partitioned", as on a
    // real cluster.
    let last = out.stdout.lines().last().unwrap_or("");
    assert!(
        last.ends_with("successfully rolled out")
            || (last.starts_with("partitioned roll out complete: ")
                && last.ends_with(" new pods have been updated...")),
        "{out:#?}"
    );
}

fn pods_of(k: &Kubectl, selector: &str) -> Vec<Value> {
    items(k, "pods", &["-l", selector])
}

fn live(pods: &[Value]) -> Vec<&Value> {
    pods.iter()
        .filter(|p| s(p, "/metadata/deletionTimestamp").is_empty())
        .collect()
}

fn revisions(k: &Kubectl, what: &str) -> Vec<String> {
    let out = k.run(&["rollout", "history", what]).ok();
    // "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n..."
    out.stdout
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

#[test]
fn deployment_tutorial_flow() {
    let Some(k) = k("deployment_tutorial_flow", "t-deploy-flow") else {
        return;
    };
    let out = k
        .run_stdin(&["apply", "-f", "-"], &deployment("web", 2, "nginx:1.25"))
        .ok();
    assert_eq!(out.stdout, "deployment.apps/web created\n");
    rollout_ok(&k, "deployment/web");

    // get pods -o wide: Running, with an IP and a node.
    let wide = k.run(&["get", "pods", "-o", "wide"]).ok();
    let lines: Vec<&str> = wide.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", wide.stdout);
    assert!(lines[0].starts_with("NAME "), "{}", wide.stdout);
    for l in &lines[1..] {
        let cols: Vec<&str> = l.split_whitespace().collect();
        assert!(cols[0].starts_with("web-"), "{l}");
        assert_eq!(cols[1], "1/1", "{l}");
        assert_eq!(cols[2], "Running", "{l}");
        assert!(cols[5].parse::<std::net::Ipv4Addr>().is_ok(), "{l}");
        assert!(cols[6].starts_with("kk-sim-worker"), "{l}");
    }

    // Delete a pod: the ReplicaSet replaces it.
    let first = pods_of(&k, "app=web");
    let victim = s(&first[0], "/metadata/name").to_string();
    k.run(&["delete", "pod", &victim]).ok();
    wait_for(30, "a replacement pod", || {
        let pods = pods_of(&k, "app=web");
        let names: Vec<&str> = pods.iter().map(|p| s(p, "/metadata/name")).collect();
        (pods.len() == 2 && !names.contains(&victim.as_str()) && pods.iter().all(running_ready))
            .then_some(())
    });

    // Scale to 5.
    assert_eq!(
        k.run(&["scale", "deployment/web", "--replicas=5"])
            .ok()
            .stdout,
        "deployment.apps/web scaled\n"
    );
    rollout_ok(&k, "deployment/web");
    assert_eq!(live(&pods_of(&k, "app=web")).len(), 5);

    // set image: a new ReplicaSet, the old one scaled to 0, two revisions.
    assert_eq!(
        k.run(&["set", "image", "deployment/web", "nginx=nginx:1.26"])
            .ok()
            .stdout,
        "deployment.apps/web image updated\n"
    );
    rollout_ok(&k, "deployment/web");
    let rs = items(&k, "rs", &["-l", "app=web"]);
    assert_eq!(rs.len(), 2, "{rs:#?}");
    let mut replicas: Vec<(String, i64)> = rs
        .iter()
        .map(|r| {
            (
                s(r, "/spec/template/spec/containers/0/image").to_string(),
                r["spec"]["replicas"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    replicas.sort();
    assert_eq!(
        replicas,
        [("nginx:1.25".to_string(), 0), ("nginx:1.26".to_string(), 5)]
    );
    assert_eq!(revisions(&k, "deployment/web"), ["1", "2"]);
    wait_for(30, "old pods gone", || {
        let pods = pods_of(&k, "app=web");
        (pods.len() == 5 && pods.iter().all(|p| image(p) == "nginx:1.26")).then_some(())
    });

    // A crashing image: rollout status does not finish, the new pod crash-loops with rising
    // restarts, the old pods stay.
    k.run(&["set", "image", "deployment/web", "nginx=nginx:crash"])
        .ok();
    let stuck = k.run(&["rollout", "status", "deployment/web", "--timeout=3s"]);
    assert_eq!(stuck.code, 1, "{stuck:#?}");
    assert!(
        stuck
            .stdout
            .contains("Waiting for deployment \"web\" rollout to finish"),
        "{stuck:#?}"
    );
    assert_eq!(
        stuck.stderr, "error: timed out waiting for the condition\n",
        "{stuck:#?}"
    );
    wait_for(40, "CrashLoopBackOff with restarts >= 2", || {
        let pods = pods_of(&k, "app=web");
        pods.iter()
            .any(|p| {
                image(p) == "nginx:crash"
                    && s(p, "/status/containerStatuses/0/state/waiting/reason")
                        == "CrashLoopBackOff"
                    && p.pointer("/status/containerStatuses/0/restartCount")
                        .and_then(Value::as_i64)
                        .unwrap_or(0)
                        >= 2
            })
            .then_some(())
    });
    let table = k.run(&["get", "pods"]).ok();
    assert!(
        table.stdout.contains("CrashLoopBackOff"),
        "{}",
        table.stdout
    );
    let old_ready = pods_of(&k, "app=web")
        .iter()
        .filter(|p| image(p) == "nginx:1.26" && running_ready(p))
        .count();
    // maxUnavailable 25% of 5 rounds down to 1: four old pods keep serving.
    assert_eq!(old_ready, 4, "{}", table.stdout);

    // Undo: healthy again on the previous image.
    assert_eq!(
        k.run(&["rollout", "undo", "deployment/web"]).ok().stdout,
        "deployment.apps/web rolled back\n"
    );
    rollout_ok(&k, "deployment/web");
    wait_for(30, "crashing pods gone", || {
        let pods = pods_of(&k, "app=web");
        (pods.len() == 5
            && pods
                .iter()
                .all(|p| image(p) == "nginx:1.26" && running_ready(p)))
        .then_some(())
    });

    // Pause: a template change makes no new ReplicaSet until resume.
    assert_eq!(
        k.run(&["rollout", "pause", "deployment/web"]).ok().stdout,
        "deployment.apps/web paused\n"
    );
    k.run(&["set", "image", "deployment/web", "nginx=nginx:1.27"])
        .ok();
    std::thread::sleep(Duration::from_millis(500));
    let rs_paused = items(&k, "rs", &["-l", "app=web"]);
    assert!(
        rs_paused
            .iter()
            .all(|r| s(r, "/spec/template/spec/containers/0/image") != "nginx:1.27"),
        "a paused deployment rolled out: {rs_paused:#?}"
    );
    let paused = k.run(&["rollout", "status", "deployment/web", "--timeout=2s"]);
    assert_eq!(paused.code, 1, "{paused:#?}");
    assert_eq!(
        paused.stdout,
        "Waiting for deployment \"web\" rollout to finish: 0 out of 5 new replicas have been updated...\n"
    );
    let d = json(&k.run(&["get", "deploy", "web", "-o", "json"]).ok().stdout);
    assert!(
        d["status"]["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["type"] == "Progressing" && c["reason"] == "DeploymentPaused"),
        "{d:#?}"
    );
    assert_eq!(
        k.run(&["rollout", "resume", "deployment/web"]).ok().stdout,
        "deployment.apps/web resumed\n"
    );
    rollout_ok(&k, "deployment/web");
    wait_for(30, "pods on nginx:1.27", || {
        let pods = pods_of(&k, "app=web");
        (pods.len() == 5 && pods.iter().all(|p| image(p) == "nginx:1.27")).then_some(())
    });

    // Restart: a new revision with the restartedAt annotation.
    let before = revisions(&k, "deployment/web");
    assert_eq!(
        k.run(&["rollout", "restart", "deployment/web"]).ok().stdout,
        "deployment.apps/web restarted\n"
    );
    rollout_ok(&k, "deployment/web");
    let after = revisions(&k, "deployment/web");
    let newest = |v: &[String]| v.iter().filter_map(|r| r.parse::<i64>().ok()).max();
    assert_eq!(newest(&after), newest(&before).map(|n| n + 1), "{after:?}");
    let pods = pods_of(&k, "app=web");
    assert!(
        pods.iter().any(|p| !s(
            p,
            "/metadata/annotations/kubectl.kubernetes.io~1restartedAt"
        )
        .is_empty()),
        "{pods:#?}"
    );

    // Events with the reasons and sources real components use.
    let events = items(&k, "events", &[]);
    let has = |reason: &str, component: &str| {
        events
            .iter()
            .any(|e| e["reason"] == reason && s(e, "/source/component") == component)
    };
    for (reason, component) in [
        ("ScalingReplicaSet", "deployment-controller"),
        ("SuccessfulCreate", "replicaset-controller"),
        ("Scheduled", "default-scheduler"),
        ("Pulled", "kubelet"),
        ("Created", "kubelet"),
        ("Started", "kubelet"),
        ("BackOff", "kubelet"),
    ] {
        assert!(has(reason, component), "no {reason} from {component}");
    }

    // Deleting the Deployment removes its ReplicaSets and pods.
    k.run(&["delete", "deployment", "web"]).ok();
    wait_for(30, "ReplicaSets and pods gone", || {
        (items(&k, "rs", &[]).is_empty() && items(&k, "pods", &[]).is_empty()).then_some(())
    });
}

#[test]
fn daemonset_runs_one_pod_per_schedulable_node() {
    let Some(k) = k("daemonset", "t-daemonset") else {
        return;
    };
    let ds = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox
        command: [sh, -c, 'echo up; sleep 3600']
";
    k.run_stdin(&["apply", "-f", "-"], ds).ok();
    rollout_ok(&k, "daemonset/agent");
    let nodes = items(&k, "nodes", &[]);
    let mut schedulable: Vec<&str> = nodes
        .iter()
        .filter(|n| {
            !n.pointer("/spec/taints")
                .and_then(Value::as_array)
                .is_some_and(|ts| ts.iter().any(|t| t["effect"] == "NoSchedule"))
                && n.pointer("/spec/unschedulable") != Some(&Value::Bool(true))
        })
        .map(|n| s(n, "/metadata/name"))
        .collect();
    schedulable.sort();
    let pods = pods_of(&k, "app=agent");
    let mut on: Vec<&str> = pods.iter().map(|p| s(p, "/spec/nodeName")).collect();
    on.sort();
    assert_eq!(on, schedulable);
    assert!(pods.iter().all(running_ready));
    let d = json(&k.run(&["get", "ds", "agent", "-o", "json"]).ok().stdout);
    assert_eq!(
        d["status"]["desiredNumberScheduled"].as_u64(),
        Some(schedulable.len() as u64)
    );
    assert_eq!(
        d["status"]["numberReady"].as_u64(),
        Some(schedulable.len() as u64)
    );

    // A template change rolls every node's pod; history lists both revisions.
    k.run(&["set", "image", "ds/agent", "agent=busybox:1.37"])
        .ok();
    rollout_ok(&k, "daemonset/agent");
    wait_for(30, "pods on the new image", || {
        let pods = pods_of(&k, "app=agent");
        (pods.len() == schedulable.len()
            && pods
                .iter()
                .all(|p| image(p) == "busybox:1.37" && running_ready(p)))
        .then_some(())
    });
    assert_eq!(revisions(&k, "daemonset/agent"), ["1", "2"]);
}

#[test]
fn job_over_its_backoff_limit_fails() {
    let Some(k) = k("job_fails", "t-job-fails") else {
        return;
    };
    let job = "apiVersion: batch/v1
kind: Job
metadata:
  name: bad
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
        command: [sh, -c, 'echo failing; exit 2']
";
    k.run_stdin(&["apply", "-f", "-"], job).ok();
    let out = k
        .run(&["wait", "--for=condition=failed", "job/bad", "--timeout=60s"])
        .ok();
    assert_eq!(out.stdout, "job.batch/bad condition met\n");
    let j = json(&k.run(&["get", "job", "bad", "-o", "json"]).ok().stdout);
    let failed = j["status"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["type"] == "Failed")
        .cloned()
        .unwrap();
    assert_eq!(failed["reason"], "BackoffLimitExceeded");
    assert_eq!(
        failed["message"],
        "Job has reached the specified backoff limit"
    );
    assert_eq!(j["status"]["failed"], 2);
    let pods = pods_of(&k, "job-name=bad");
    assert_eq!(pods.len(), 2, "{pods:#?}");
    assert!(pods.iter().all(|p| s(p, "/status/phase") == "Failed"));
    // The replacement waited out the controller's pod failure back-off (10 s after the
    // first failure; timestamps have whole seconds).
    let time = |p: &Value, ptr: &str| chrono::DateTime::parse_from_rfc3339(s(p, ptr)).unwrap();
    let mut pods = pods;
    pods.sort_by_key(|p| time(p, "/metadata/creationTimestamp"));
    let failed_at = time(
        &pods[0],
        "/status/containerStatuses/0/state/terminated/finishedAt",
    );
    let replaced_at = time(&pods[1], "/metadata/creationTimestamp");
    let waited = (replaced_at - failed_at).num_seconds();
    assert!(
        (9..=13).contains(&waited),
        "replaced {waited} s after the failure"
    );
}

#[test]
fn job_completes_and_its_logs_read_start_done() {
    let Some(k) = k("job", "t-job") else { return };
    k.run(&[
        "create",
        "job",
        "hello",
        "--image=busybox",
        "--",
        "sh",
        "-c",
        "echo Start; sleep 1; echo Done",
    ])
    .ok();
    let done = k
        .run(&[
            "wait",
            "--for=condition=complete",
            "job/hello",
            "--timeout=30s",
        ])
        .ok();
    assert_eq!(done.stdout, "job.batch/hello condition met\n");
    let logs = k.run(&["logs", "job/hello"]).ok();
    assert_eq!(logs.stdout, "Start\nDone\n");
    let j = json(&k.run(&["get", "job", "hello", "-o", "json"]).ok().stdout);
    assert_eq!(j["status"]["succeeded"], 1);
    let table = k.run(&["get", "pods", "-l", "job-name=hello"]).ok();
    assert!(table.stdout.contains(" Completed "), "{}", table.stdout);
    let events = items(&k, "events", &[]);
    for (reason, msg) in [
        (
            "SuccessfulCreate",
            format!(
                "Created pod: {}",
                table
                    .stdout
                    .lines()
                    .nth(1)
                    .unwrap()
                    .split(' ')
                    .next()
                    .unwrap()
            ),
        ),
        ("Completed", "Job completed".to_string()),
    ] {
        assert!(
            events.iter().any(|e| e["reason"] == reason
                && e["message"] == msg.as_str()
                && s(e, "/source/component") == "job-controller"),
            "no {reason} event {msg:?}: {events:#?}"
        );
    }
}

#[test]
fn expose_deployment_lists_ready_pod_ips_in_endpoints() {
    let Some(k) = k("expose", "t-expose") else {
        return;
    };
    k.run_stdin(&["apply", "-f", "-"], &deployment("hello", 2, "nginx"))
        .ok();
    rollout_ok(&k, "deployment/hello");
    assert_eq!(
        k.run(&["expose", "deployment", "hello", "--port=80"])
            .ok()
            .stdout,
        "service/hello exposed\n"
    );
    let mut ips: Vec<String> = pods_of(&k, "app=hello")
        .iter()
        .map(|p| s(p, "/status/podIP").to_string())
        .collect();
    ips.sort();
    wait_for(20, "endpoints with both pod IPs", || {
        let ep = k.run(&["get", "endpoints", "hello", "-o", "json"]);
        if ep.code != 0 {
            return None;
        }
        let ep = json(&ep.stdout);
        let mut got: Vec<String> = ep
            .pointer("/subsets/0/addresses")
            .and_then(Value::as_array)?
            .iter()
            .map(|a| s(a, "/ip").to_string())
            .collect();
        got.sort();
        (got == ips).then_some(())
    });
    let table = k.run(&["get", "endpoints", "hello"]).ok();
    let row: Vec<&str> = table
        .stdout
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .collect();
    let mut listed: Vec<String> = row[1].split(',').map(|e| e.replace(":80", "")).collect();
    listed.sort();
    assert_eq!(listed, ips, "{}", table.stdout);
}

const LOG_POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: talker
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: busybox
    command: [sh, -c, 'echo one; sleep 1; echo two; sleep 1; echo three']
  - name: side
    image: busybox
    command: [sh, -c, 'echo side; sleep 3600']
";

#[test]
fn logs_follow_tail_container_timestamps() {
    let Some(k) = k("logs", "t-logs") else { return };
    k.run_stdin(&["apply", "-f", "-"], LOG_POD).ok();
    k.run(&[
        "wait",
        "--for=condition=Initialized",
        "pod/talker",
        "--timeout=30s",
    ])
    .ok();
    wait_for(20, "main running", || {
        let p = json(&k.run(&["get", "pod", "talker", "-o", "json"]).ok().stdout);
        (p.pointer("/status/containerStatuses/0/state/running")
            .is_some()
            || p.pointer("/status/containerStatuses/0/state/terminated")
                .is_some())
        .then_some(())
    });
    // -f follows until the container exits.
    let started = Instant::now();
    let f = k.run(&["logs", "-f", "talker", "-c", "main"]).ok();
    assert_eq!(f.stdout, "one\ntwo\nthree\n");
    assert!(started.elapsed() < Duration::from_secs(15));
    assert_eq!(
        k.run(&["logs", "talker", "-c", "main", "--tail=1"])
            .ok()
            .stdout,
        "three\n"
    );
    assert_eq!(
        k.run(&["logs", "talker", "-c", "side"]).ok().stdout,
        "side\n"
    );
    let ts = k
        .run(&["logs", "talker", "-c", "main", "--timestamps"])
        .ok();
    let lines: Vec<&str> = ts.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", ts.stdout);
    for (l, want) in lines.iter().zip(["one", "two", "three"]) {
        let (stamp, text) = l.split_once(' ').unwrap();
        assert_eq!(text, want);
        assert!(
            chrono::DateTime::parse_from_rfc3339(stamp).is_ok(),
            "not RFC 3339: {stamp}"
        );
    }
    // Without -c, a two-container pod names its choices.
    let no_c = k.run(&["logs", "talker"]);
    assert_eq!(no_c.code, 0, "{no_c:#?}");
    assert!(
        no_c.stderr
            .starts_with("Defaulted container \"main\" out of: main, side"),
        "{no_c:#?}"
    );
}

#[test]
fn logs_previous_after_a_restart() {
    let Some(k) = k("logs_previous", "t-logs-prev") else {
        return;
    };
    let pod = "apiVersion: v1
kind: Pod
metadata:
  name: flaky
spec:
  containers:
  - name: c
    image: busybox
    command: [sh, -c, 'echo attempt; exit 1']
";
    k.run_stdin(&["apply", "-f", "-"], pod).ok();
    wait_for(30, "a restart", || {
        let p = json(&k.run(&["get", "pod", "flaky", "-o", "json"]).ok().stdout);
        (p.pointer("/status/containerStatuses/0/restartCount")
            .and_then(Value::as_i64)
            .unwrap_or(0)
            >= 1)
            .then_some(())
    });
    let prev = k.run(&["logs", "flaky", "-p"]).ok();
    assert_eq!(prev.stdout, "attempt\n");
    let p = json(&k.run(&["get", "pod", "flaky", "-o", "json"]).ok().stdout);
    assert_eq!(
        s(
            &p,
            "/status/containerStatuses/0/lastState/terminated/reason"
        ),
        "Error"
    );
    assert_eq!(
        p.pointer("/status/containerStatuses/0/lastState/terminated/exitCode"),
        Some(&Value::from(1))
    );
}

const WEB_POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx
    ports:
    - containerPort: 80
";

fn running_pod(k: &Kubectl, manifest: &str, name: &str) {
    k.run_stdin(&["apply", "-f", "-"], manifest).ok();
    k.run(&[
        "wait",
        "--for=condition=Ready",
        &format!("pod/{name}"),
        "--timeout=30s",
    ])
    .ok();
}

#[test]
fn exec_exit_code_and_stdin() {
    let Some(k) = k("exec", "t-exec") else { return };
    running_pod(&k, WEB_POD, "web");
    let three = k.run(&["exec", "web", "--", "sh", "-c", "echo out; exit 3"]);
    assert_eq!(three.code, 3, "{three:#?}");
    assert_eq!(three.stdout, "out\n");
    let i = k
        .run_stdin(&["exec", "-i", "web", "--", "sh"], "echo hi\nhostname\n")
        .ok();
    assert_eq!(i.stdout, "hi\nweb\n");
}

#[test]
fn port_forward_serves_the_pods_page() {
    let Some(k) = k("port_forward", "t-port-forward") else {
        return;
    };
    running_pod(&k, WEB_POD, "web");
    let mut child = k.spawn(&["port-forward", "pod/web", ":80"]);
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    // "Forwarding from 127.0.0.1:40123 -> 80"
    let port: u16 = line
        .strip_prefix("Forwarding from 127.0.0.1:")
        .and_then(|r| r.split(' ').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("unexpected port-forward output {line:?}"));
    let mut conn = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    conn.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut resp = String::new();
    let _ = conn.read_to_string(&mut resp);
    let _ = child.kill();
    let _ = child.wait();
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    assert!(resp.contains("Welcome to nginx!"), "{resp}");
}

#[test]
fn deleting_a_namespace_removes_its_contents() {
    let Some(k) = k("delete_ns", "t-delete-ns") else {
        return;
    };
    k.run_stdin(&["apply", "-f", "-"], &deployment("doomed", 2, "nginx"))
        .ok();
    k.run(&["create", "configmap", "cfg", "--from-literal=a=b"])
        .ok();
    rollout_ok(&k, "deployment/doomed");
    let del = k.run(&["delete", "namespace", "t-delete-ns", "--timeout=30s"]);
    assert_eq!(
        del.stdout, "namespace \"t-delete-ns\" deleted\n",
        "{del:#?}"
    );
    let gone = k.run(&["get", "namespace", "t-delete-ns"]);
    assert_eq!(gone.code, 1);
    assert_eq!(
        gone.stderr,
        "Error from server (NotFound): namespaces \"t-delete-ns\" not found\n"
    );
    let left = k.run(&[
        "get",
        "pods,rs,deploy,cm",
        "-n",
        "t-delete-ns",
        "-o",
        "name",
    ]);
    assert_eq!(left.stdout, "", "{left:#?}");
}

const STS: &str = "apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports:
        - containerPort: 80
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
";

fn sts_status(k: &Kubectl) -> Value {
    json(&k.run(&["get", "sts", "web", "-o", "json"]).ok().stdout)["status"].clone()
}

#[test]
fn statefulset_ordered_pods_claims_revisions_and_rolling_update() {
    let Some(k) = k("statefulset", "t-statefulset") else {
        return;
    };
    k.run_stdin(&["apply", "-f", "-"], STS).ok();
    rollout_ok(&k, "statefulset/web");
    let pods = pods_of(&k, "app=nginx");
    let mut names: Vec<&str> = pods.iter().map(|p| s(p, "/metadata/name")).collect();
    names.sort();
    assert_eq!(names, ["web-0", "web-1", "web-2"]);
    // OrderedReady: each pod was created after its predecessor.
    let created = |n: &str| {
        pods.iter()
            .find(|p| s(p, "/metadata/name") == n)
            .map(|p| s(p, "/metadata/creationTimestamp").to_string())
            .unwrap()
    };
    assert!(created("web-0") <= created("web-1") && created("web-1") <= created("web-2"));
    let st = sts_status(&k);
    let rev1 = st["updateRevision"].as_str().unwrap().to_string();
    assert_eq!(st["currentRevision"], rev1.as_str());
    assert_eq!(st["replicas"], 3);
    assert_eq!(st["readyReplicas"], 3);
    assert_eq!(st["currentReplicas"], 3);
    assert_eq!(st["updatedReplicas"], 3);
    assert_eq!(st["availableReplicas"], 3);
    for (i, p) in ["web-0", "web-1", "web-2"].iter().enumerate() {
        let pod = pods.iter().find(|x| s(x, "/metadata/name") == *p).unwrap();
        assert_eq!(s(pod, "/spec/hostname"), *p);
        assert_eq!(s(pod, "/spec/subdomain"), "nginx");
        assert_eq!(
            s(pod, "/metadata/labels/controller-revision-hash"),
            rev1.as_str()
        );
        assert_eq!(
            s(pod, "/metadata/labels/statefulset.kubernetes.io~1pod-name"),
            *p
        );
        assert_eq!(
            s(pod, "/metadata/labels/apps.kubernetes.io~1pod-index"),
            i.to_string()
        );
        assert_eq!(
            s(pod, "/spec/volumes/0/persistentVolumeClaim/claimName"),
            format!("www-{p}")
        );
    }
    let pvcs = k.run(&["get", "pvc", "-o", "name"]).ok();
    assert_eq!(
        pvcs.stdout,
        "persistentvolumeclaim/www-web-0\npersistentvolumeclaim/www-web-1\npersistentvolumeclaim/www-web-2\n"
    );
    let crs = k.run(&["get", "controllerrevisions", "-o", "name"]).ok();
    assert_eq!(crs.stdout, format!("controllerrevision.apps/{rev1}\n"));
    let events = items(&k, "events", &[]);
    for msg in [
        "create Pod web-0 in StatefulSet web successful",
        "create Claim www-web-0 Pod web-0 in StatefulSet web success",
    ] {
        assert!(
            events.iter().any(|e| e["message"] == msg
                && e["reason"] == "SuccessfulCreate"
                && s(e, "/source/component") == "statefulset-controller"),
            "no event {msg:?}"
        );
    }

    // Rolling update: every pod moves to the new revision; two revisions in history.
    k.run(&["set", "image", "sts/web", "nginx=nginx:1.26"]).ok();
    rollout_ok(&k, "statefulset/web");
    let st = sts_status(&k);
    let rev2 = st["updateRevision"].as_str().unwrap().to_string();
    assert_ne!(rev2, rev1);
    assert_eq!(st["currentRevision"], rev2.as_str());
    let pods = pods_of(&k, "app=nginx");
    assert!(
        pods.iter().all(|p| image(p) == "nginx:1.26"
            && s(p, "/metadata/labels/controller-revision-hash") == rev2),
        "{pods:#?}"
    );
    assert_eq!(revisions(&k, "statefulset/web"), ["1", "2"]);

    // Partition 2: only web-2 takes the next template.
    k.run(&[
        "patch",
        "sts",
        "web",
        "-p",
        r#"{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}"#,
    ])
    .ok();
    k.run(&["set", "image", "sts/web", "nginx=nginx:1.27"]).ok();
    let out = k
        .run(&["rollout", "status", "sts/web", "--timeout=60s"])
        .ok();
    assert!(
        out.stdout
            .ends_with("partitioned roll out complete: 1 new pods have been updated...\n"),
        "{out:#?}"
    );
    let by_name = |n: &str| {
        pods_of(&k, "app=nginx")
            .into_iter()
            .find(|p| s(p, "/metadata/name") == n)
            .map(|p| image(&p).to_string())
    };
    assert_eq!(by_name("web-2").as_deref(), Some("nginx:1.27"));
    assert_eq!(by_name("web-1").as_deref(), Some("nginx:1.26"));
    assert_eq!(by_name("web-0").as_deref(), Some("nginx:1.26"));

    // Undo goes back to the revision-2 template for the pods above the partition.
    k.run(&["rollout", "undo", "sts/web"]).ok();
    wait_for(30, "web-2 back on nginx:1.26", || {
        (by_name("web-2").as_deref() == Some("nginx:1.26")).then_some(())
    });

    // Scale down removes the highest ordinals; the claims stay (retention: Retain).
    k.run(&["scale", "sts/web", "--replicas=1"]).ok();
    wait_for(30, "only web-0 left", || {
        let pods = pods_of(&k, "app=nginx");
        let names: Vec<&str> = pods.iter().map(|p| s(p, "/metadata/name")).collect();
        (names == ["web-0"]).then_some(())
    });
    let events = items(&k, "events", &[]);
    assert!(
        events.iter().any(|e| e["reason"] == "SuccessfulDelete"
            && e["message"] == "delete Pod web-2 in StatefulSet web successful"),
        "no delete event"
    );
    assert_eq!(
        k.run(&["get", "pvc", "-o", "name"]).ok().stdout,
        pvcs.stdout
    );

    // restart: a new revision; the pods are recreated from it (below the partition they
    // would keep the current one, so lift it first).
    k.run(&[
        "patch",
        "sts",
        "web",
        "-p",
        r#"{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}"#,
    ])
    .ok();
    let before = revisions(&k, "statefulset/web").len();
    k.run(&["rollout", "restart", "sts/web"]).ok();
    rollout_ok(&k, "statefulset/web");
    assert_eq!(revisions(&k, "statefulset/web").len(), before + 1);
    let st = sts_status(&k);
    let pods = pods_of(&k, "app=nginx");
    assert_eq!(pods.len(), 1);
    assert_eq!(
        s(&pods[0], "/metadata/labels/controller-revision-hash"),
        st["updateRevision"].as_str().unwrap()
    );
    let table = k.run(&["get", "sts", "web"]).ok();
    let row: Vec<&str> = table
        .stdout
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(&row[..2], ["web", "1/1"], "{}", table.stdout);

    // Deleting the set removes its pods and revisions; the claims stay.
    k.run(&["delete", "sts", "web"]).ok();
    wait_for(30, "pods and revisions gone", || {
        (pods_of(&k, "app=nginx").is_empty() && items(&k, "controllerrevisions", &[]).is_empty())
            .then_some(())
    });
    assert_eq!(
        k.run(&["get", "pvc", "-o", "name"]).ok().stdout,
        pvcs.stdout
    );
}

#[test]
fn statefulset_parallel_creates_all_pods_at_once() {
    let Some(k) = k("statefulset_parallel", "t-sts-parallel") else {
        return;
    };
    let manifest = STS
        .replace(
            "  replicas: 3\n",
            "  replicas: 3\n  podManagementPolicy: Parallel\n",
        )
        // A never-ready image: OrderedReady would stop at web-0.
        .replace("image: nginx:1.25", "image: example/unready");
    k.run_stdin(&["apply", "-f", "-"], &manifest).ok();
    wait_for(20, "three pods", || {
        let pods = pods_of(&k, "app=nginx");
        (pods.len() == 3 && pods.iter().all(|p| s(p, "/status/phase") == "Running")).then_some(())
    });
    assert!(pods_of(&k, "app=nginx").iter().all(|p| !ready(p)));

    // The same set with OrderedReady stops at its first pod while that one is not ready.
    let ordered = STS
        .replace("name: web", "name: slow")
        .replace(
            "name: nginx\nspec:\n  clusterIP",
            "name: slow-svc\nspec:\n  clusterIP",
        )
        .replace("app: nginx", "app: slow")
        .replace("image: nginx:1.25", "image: example/unready");
    k.run_stdin(&["apply", "-f", "-"], &ordered).ok();
    wait_for(20, "slow-0 running", || {
        pods_of(&k, "app=slow")
            .iter()
            .any(|p| s(p, "/status/phase") == "Running")
            .then_some(())
    });
    std::thread::sleep(Duration::from_secs(1));
    let names: Vec<String> = pods_of(&k, "app=slow")
        .iter()
        .map(|p| s(p, "/metadata/name").to_string())
        .collect();
    assert_eq!(names, ["slow-0"]);
}

#[test]
fn statefulset_on_delete_updates_only_deleted_pods() {
    let Some(k) = k("statefulset_on_delete", "t-sts-on-delete") else {
        return;
    };
    let manifest = STS.replace(
        "  replicas: 3\n",
        "  replicas: 2\n  updateStrategy:\n    type: OnDelete\n",
    );
    k.run_stdin(&["apply", "-f", "-"], &manifest).ok();
    // kubectl refuses `rollout status` for OnDelete, as on a real cluster.
    let status = k.run(&["rollout", "status", "sts/web"]);
    assert_eq!(
        status.stderr,
        "error: rollout status is only available for RollingUpdate strategy type\n"
    );
    wait_for(30, "two ready pods", || {
        let pods = pods_of(&k, "app=nginx");
        (pods.len() == 2 && pods.iter().all(running_ready)).then_some(())
    });
    k.run(&["set", "image", "sts/web", "nginx=nginx:1.26"]).ok();
    std::thread::sleep(Duration::from_millis(500));
    let images = || {
        let mut v: Vec<(String, String)> = pods_of(&k, "app=nginx")
            .iter()
            .filter(|p| running_ready(p))
            .map(|p| (s(p, "/metadata/name").to_string(), image(p).to_string()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        images(),
        [
            ("web-0".to_string(), "nginx:1.25".to_string()),
            ("web-1".to_string(), "nginx:1.25".to_string())
        ]
    );
    k.run(&["delete", "pod", "web-1"]).ok();
    wait_for(30, "web-1 recreated on the new template", || {
        (images()
            == [
                ("web-0".to_string(), "nginx:1.25".to_string()),
                ("web-1".to_string(), "nginx:1.26".to_string()),
            ])
        .then_some(())
    });
    let st = sts_status(&k);
    assert_eq!(st["updatedReplicas"], 1, "{st:#?}");
    assert_eq!(st["currentReplicas"], 1, "{st:#?}");
    assert_ne!(st["currentRevision"], st["updateRevision"]);
}

#[test]
fn statefulset_ordinals_start_shifts_pod_names() {
    let Some(k) = k("statefulset_ordinals", "t-sts-ordinals") else {
        return;
    };
    let manifest = STS.replace(
        "  replicas: 3\n",
        "  replicas: 2\n  ordinals:\n    start: 5\n",
    );
    k.run_stdin(&["apply", "-f", "-"], &manifest).ok();
    rollout_ok(&k, "statefulset/web");
    let mut got: Vec<(String, String)> = pods_of(&k, "app=nginx")
        .iter()
        .map(|p| {
            (
                s(p, "/metadata/name").to_string(),
                s(p, "/metadata/labels/apps.kubernetes.io~1pod-index").to_string(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("web-5".to_string(), "5".to_string()),
            ("web-6".to_string(), "6".to_string())
        ]
    );
    k.run(&["scale", "sts/web", "--replicas=1"]).ok();
    wait_for(30, "only web-5 left", || {
        let pods = pods_of(&k, "app=nginx");
        let names: Vec<&str> = pods.iter().map(|p| s(p, "/metadata/name")).collect();
        (names == ["web-5"]).then_some(())
    });
}

#[test]
fn statefulset_claim_retention_policy_deletes_claims() {
    let Some(k) = k("statefulset_retention", "t-sts-retention") else {
        return;
    };
    let manifest = STS.replace(
        "  replicas: 3\n",
        "  replicas: 3\n  podManagementPolicy: Parallel\n  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: Delete\n    whenScaled: Delete\n",
    );
    k.run_stdin(&["apply", "-f", "-"], &manifest).ok();
    rollout_ok(&k, "statefulset/web");
    k.run(&["scale", "sts/web", "--replicas=1"]).ok();
    wait_for(30, "claims of web-1 and web-2 gone", || {
        let out = k.run(&["get", "pvc", "-o", "name"]).ok();
        (out.stdout == "persistentvolumeclaim/www-web-0\n").then_some(())
    });
    k.run(&["delete", "sts", "web"]).ok();
    wait_for(30, "every claim gone", || {
        let out = k.run(&["get", "pvc", "-o", "name"]).ok();
        out.stdout.is_empty().then_some(())
    });
}

#[test]
fn replication_controller_keeps_its_pods() {
    let Some(k) = k("replication-controller", "t-rc") else {
        return;
    };
    let rc = "apiVersion: v1
kind: ReplicationController
metadata:
  name: rc
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: rc
    spec:
      containers:
      - name: c
        image: nginx
";
    k.run_stdin(&["apply", "-f", "-"], rc).ok();
    let settled = |n: usize| {
        wait_for(30, &format!("{n} ready pods of the rc"), || {
            let pods = pods_of(&k, "app=rc");
            let live = live(&pods);
            let rc = json(&k.run(&["get", "rc", "rc", "-o", "json"]).ok().stdout);
            (live.len() == n
                && live.iter().all(|p| running_ready(p))
                && rc["status"]["readyReplicas"].as_u64().unwrap_or(0) == n as u64
                && rc["status"]["availableReplicas"].as_u64().unwrap_or(0) == n as u64)
                .then_some((pods, rc))
        })
    };
    let (pods, rc) = settled(2);
    // Owned by the controller, named after it, counted in its status.
    for p in &pods {
        assert!(s(p, "/metadata/name").starts_with("rc-"));
        assert_eq!(
            p["metadata"]["ownerReferences"][0]["kind"],
            "ReplicationController"
        );
        assert_eq!(p["metadata"]["ownerReferences"][0]["controller"], true);
    }
    assert_eq!(rc["status"]["replicas"], 2);
    assert_eq!(rc["status"]["fullyLabeledReplicas"], 2);
    assert_eq!(
        rc["status"]["observedGeneration"],
        rc["metadata"]["generation"]
    );

    // Scaled through /scale (kubectl waits for the new size), a deleted pod replaced.
    k.run(&["scale", "rc/rc", "--replicas=3", "--timeout=30s"])
        .ok();
    let (pods, _) = settled(3);
    let gone = s(&pods[0], "/metadata/name").to_string();
    k.run(&["delete", "pod", &gone, "--wait=false"]).ok();
    wait_for(30, "a replacement pod", || {
        let pods = pods_of(&k, "app=rc");
        let live = live(&pods);
        (live.len() == 3 && live.iter().all(|p| s(p, "/metadata/name") != gone)).then_some(())
    });
    k.run(&["scale", "rc/rc", "--replicas=0", "--timeout=30s"])
        .ok();
    settled(0);
    let events = k.run(&["get", "events", "-o", "json"]).ok().stdout;
    assert!(
        events.contains("\"component\": \"replication-controller\""),
        "{events}"
    );
}
