//! `kk cp` against kubectl 1.33 on the same kk-sim pods: a directory tree (binary contents,
//! modes, an empty directory, a symlink) copied up and back down by both clients leaves the
//! same files in the container and on disk; kubectl's messages and exit codes for bad file
//! specs, missing pods, containers and paths.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::common::env::assert_same;
use crate::common::{Output, TestEnv, kubectl_bin};

const PODS: &str = r#"
apiVersion: v1
kind: Pod
metadata: {name: box}
spec:
  containers:
  - {name: c, image: busybox, command: [sleep, "3600"]}
---
apiVersion: v1
kind: Pod
metadata: {name: two}
spec:
  containers:
  - {name: main, image: busybox, command: [sleep, "3600"]}
  - {name: side, image: busybox, command: [sleep, "3600"]}
"#;

fn setup(name: &str) -> TestEnv {
    let env = TestEnv::sim(name);
    env.seed(PODS);
    env.run_kubectl(&[
        "wait",
        "--for=condition=Ready",
        "--timeout=60s",
        "-n",
        env.ns(),
        "pod/box",
        "pod/two",
    ])
    .expect("kubectl")
    .success();
    env
}

/// The local tree: text and binary files with their own modes, an empty directory, a
/// symlink.
fn make_tree(root: &Path) {
    let set = |p: &Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    std::fs::create_dir_all(root.join("sub/deeper")).unwrap();
    std::fs::create_dir_all(root.join("empty")).unwrap();
    std::fs::write(root.join("run.sh"), "#!/bin/sh\necho hi\n").unwrap();
    set(&root.join("run.sh"), 0o755);
    let binary: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(root.join("sub/blob.bin"), &binary).unwrap();
    set(&root.join("sub/blob.bin"), 0o600);
    std::fs::write(root.join("sub/deeper/note.txt"), "deep\n").unwrap();
    set(&root.join("sub/deeper/note.txt"), 0o664);
    set(&root.join("empty"), 0o700);
    std::os::unix::fs::symlink("run.sh", root.join("link")).unwrap();
}

/// Every file and directory below `root`: relative path → (mode, contents).
fn tree(root: &Path) -> BTreeMap<String, (u32, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, (u32, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let p = e.path();
            let md = std::fs::symlink_metadata(&p).unwrap();
            let rel = p.strip_prefix(root).unwrap().display().to_string();
            let mode = md.permissions().mode() & 0o7777;
            if md.is_dir() {
                out.insert(format!("{rel}/"), (mode, Vec::new()));
                walk(root, &p, out);
            } else {
                out.insert(rel, (mode, std::fs::read(&p).unwrap_or_default()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// Run `args` in the test namespace with kubectl (`kubectl: true`) or kk.
fn run(env: &TestEnv, kubectl: bool, args: &[&str]) -> Output {
    let mut full = vec!["-n", env.ns()];
    full.extend_from_slice(args);
    if kubectl {
        env.run_kubectl(&full).expect("kubectl")
    } else {
        env.run_kk(&full)
    }
}

/// What the container holds below `dir`: `stat` of every path the upload should create.
fn remote_tree(env: &TestEnv, dir: &str) -> String {
    let paths = [
        "run.sh",
        "sub",
        "sub/blob.bin",
        "sub/deeper/note.txt",
        "empty",
    ];
    let script = format!("cd {dir} && stat -c '%a %s %n' {} && ls", paths.join(" "));
    run(env, false, &["exec", "box", "--", "sh", "-c", &script])
        .success()
        .stdout
        .clone()
}

#[test]
fn cp_round_trips_a_tree_like_kubectl() {
    let env = setup("cp-tree");
    let src = env.path("src");
    make_tree(&src);
    let clients: Vec<(bool, &str)> = match kubectl_bin() {
        Some(_) => vec![(true, "kubectl"), (false, "kk")],
        None => vec![(false, "kk")],
    };
    let mut outputs = Vec::new();
    let mut remote = Vec::new();
    let mut local = Vec::new();
    for (kubectl, name) in &clients {
        // Up into a new path, into an existing directory, and without modes.
        let up = format!("box:/up-{name}");
        let a = run(&env, *kubectl, &["cp", "src", &up]);
        let b = run(&env, *kubectl, &["cp", "src/run.sh", "box:/tmp"]);
        let nopreserve = format!("box:/np-{name}");
        let c = run(&env, *kubectl, &["cp", "--no-preserve", "src", &nopreserve]);
        // The container's default among two, with its notice.
        let twoup = format!("two:/two-{name}");
        let d = run(&env, *kubectl, &["cp", "src/run.sh", &twoup]);
        remote.push((
            remote_tree(&env, &format!("/up-{name}")),
            remote_tree(&env, &format!("/np-{name}")),
        ));
        // And back down, whole and one file.
        let down = format!("down-{name}");
        let e = run(&env, *kubectl, &["cp", &format!("box:/up-{name}"), &down]);
        let one = format!("one-{name}");
        let f = run(
            &env,
            *kubectl,
            &["cp", &format!("box:/up-{name}/sub/blob.bin"), &one],
        );
        local.push((
            tree(&env.path(&down)),
            std::fs::read(env.path(&one)).unwrap(),
        ));
        outputs.push([a, b, c, d, e, f]);
    }
    // Same output, same files in the container, same files on disk.
    if let [want, got] = &outputs[..] {
        for (w, g) in want.iter().zip(got.iter()) {
            assert_same(&["cp"], w, g);
        }
        assert_eq!(remote[0], remote[1]);
        assert_eq!(local[0], local[1]);
    }
    let kk = clients.len() - 1;
    assert!(
        outputs[kk].iter().take(3).all(|o| o.code == 0),
        "{:?}",
        outputs[kk]
    );
    assert_eq!(
        outputs[kk][3].stderr,
        "Defaulted container \"main\" out of: main, side\n"
    );
    assert_eq!(
        outputs[kk][4].stdout,
        "tar: removing leading '/' from member names\n"
    );
    // Modes went up with the files; --no-preserve applied the container's umask.
    let (up, np) = &remote[kk];
    let listing = "empty\nrun.sh\nsub\n";
    assert_eq!(
        up,
        &format!(
            "755 18 run.sh\n755 4096 sub\n600 300000 sub/blob.bin\n664 5 sub/deeper/note.txt\n700 4096 empty\n{listing}"
        )
    );
    assert_eq!(
        np,
        &format!(
            "755 18 run.sh\n755 4096 sub\n600 300000 sub/blob.bin\n644 5 sub/deeper/note.txt\n700 4096 empty\n{listing}"
        )
    );
    // Down: the bytes are the original's; modes are the local umask's (kubectl does not
    // restore them), the empty directory comes back, the symlink was skipped on the way up.
    let (down, one) = &local[kk];
    let original = tree(&src);
    assert_eq!(one, &original["sub/blob.bin"].1);
    let names: Vec<&str> = down.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "empty/",
            "run.sh",
            "sub/",
            "sub/blob.bin",
            "sub/deeper/",
            "sub/deeper/note.txt"
        ]
    );
    for (k, (_, bytes)) in down {
        assert_eq!(bytes, &original[k].1, "{k}");
    }
}

#[test]
fn cp_errors_match_kubectl() {
    if kubectl_bin().is_none() {
        return;
    }
    let env = setup("cp-errors");
    std::fs::write(env.path("f.txt"), "f\n").unwrap();
    for args in [
        &["cp"][..],
        &["cp", "f.txt"],
        &["cp", "a", "b", "c"],
        &["cp", "nolocal", "box:/x"],
        &["cp", ":x", "y"],
        &["cp", "a/b/c:x", "y"],
        &["cp", "box:/x", "box:/y"],
        &["cp", "f.txt", "g.txt"],
        &["cp", "box:", "x"],
        &["cp", "f.txt", "nopod:/x"],
        &["cp", "nopod:/x", "y"],
        &["cp", "f.txt", "box:/x", "-c", "nope"],
        // `tar -C` into a directory that is not there.
        &["cp", "f.txt", "box:/nodir/x/y"],
    ] {
        env.parity_ns(args);
    }
    // A file copied down into the same name twice: overwritten, not appended.
    for _ in 0..2 {
        let out = env.run_kk(&["cp", "-n", env.ns(), "box:/etc/hostname", "h"]);
        assert_eq!(out.code, 0, "{out}");
    }
    assert_eq!(env.read("h"), "box\n");
}

/// `cp --retries`: a download whose exec stream is cut short (kk-sim's `exec-cut` fault ends
/// every exec's stdout after 100,000 bytes, cleanly and without an exit status) is resumed
/// where it stopped, as kubectl's does, until the file is whole — or given up after the
/// retries, with kubectl's notices. A private kk-sim, since faults are server-wide.
#[test]
fn cp_retries_resume_a_cut_stream_like_kubectl() {
    let sim = crate::common::server::PrivateSim::start(&[]);
    let mut env = TestEnv::offline();
    std::fs::copy(&sim.kubeconfig, env.path("kubeconfig")).unwrap();
    env.kubeconfig = Some("kubeconfig".into());
    std::fs::write(env.path("box.yaml"), PODS.split("---").next().unwrap()).unwrap();
    env.run_kk(&["apply", "-f", "box.yaml"]).success();
    env.run_kk(&["wait", "--for=condition=Ready", "--timeout=60s", "pod/box"])
        .success();
    let blob: Vec<u8> = (0..300_000u32).map(|i| (i * 13 % 251) as u8).collect();
    std::fs::write(env.path("blob.bin"), &blob).unwrap();
    env.run_kk(&["cp", "blob.bin", "box:/tmp/blob.bin"])
        .success();
    sim.faults("exec-cut=100000");
    let clients: Vec<(bool, &str)> = match kubectl_bin() {
        Some(_) => vec![(true, "kubectl"), (false, "kk")],
        None => vec![(false, "kk")],
    };
    let mut outputs = Vec::new();
    for (kubectl, name) in &clients {
        let cp = |args: &[&str]| {
            if *kubectl {
                env.run_kubectl(args).expect("kubectl")
            } else {
                env.run_kk(args)
            }
        };
        let whole = format!("whole-{name}");
        let a = cp(&["cp", "--retries=10", "box:/tmp/blob.bin", &whole]);
        assert_eq!(
            std::fs::read(env.path(&whole)).unwrap(),
            blob,
            "{name}: {a}"
        );
        let b = cp(&[
            "cp",
            "--retries=1",
            "box:/tmp/blob.bin",
            &format!("part-{name}"),
        ]);
        outputs.push([a, b]);
    }
    // The remote tar's notice races with the resume lines (both clients print it from
    // another task than the unpacking): compare the rest.
    let seen = |o: &Output| {
        let lines: Vec<&str> = o
            .stdout
            .lines()
            .filter(|l| !l.starts_with("tar: "))
            .collect();
        (o.code, lines.join("\n"), o.stderr.clone())
    };
    if let [want, got] = &outputs[..] {
        for (w, g) in want.iter().zip(got.iter()) {
            assert_eq!(seen(w), seen(g), "kubectl:\n{w}\nkk:\n{g}");
        }
    }
    let kk = &outputs[clients.len() - 1];
    assert_eq!(
        seen(&kk[0]),
        (
            0,
            "Resuming copy at 100000 bytes, retry 1/10\n\
             Resuming copy at 200000 bytes, retry 2/10\n\
             Resuming copy at 300000 bytes, retry 3/10"
                .to_string(),
            String::new()
        ),
        "{}",
        kk[0]
    );
    assert!(
        seen(&kk[1]).1.starts_with(
            "Resuming copy at 100000 bytes, retry 1/1\nDropping out copy after 1 retries"
        ),
        "{}",
        kk[1]
    );
}
