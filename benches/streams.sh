#!/usr/bin/env bash
# Benchmark (not a test; CI must not run it): kk vs kubectl 1.33 on the API's streams, against
# one kk-sim (release builds), each figure for both clients in the same run:
#
#   - `logs` of a container that printed 1,000,000 lines (lines/s, mean of N runs);
#   - `logs -f -l` over 50 pods (time to the first line, peak RSS, TCP connections held);
#   - `exec`: the round trip of `exec POD -- true`, and 10 MB through `exec -i POD -- cat`;
#   - `port-forward`: one 200 MB download through the forward (MB/s) and the connection rate
#     of short HTTP requests, one at a time and 8 at a time (connections/s).
#
#   benches/streams.sh [--reuse] [--runs N]
#
#   --reuse    use the existing target/release binaries instead of building them
#   --runs N   runs per timed figure and client (default 5, minimum 3)
#
# Everything lives in a temp dir; everything started is killed on exit; the server listens on
# 127.0.0.1 only. Prints a Markdown report.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=benches/lib.sh
. "$root/benches/lib.sh"
bench_args 3 16 "$@"
command -v curl >/dev/null 2>&1 || { echo "error: curl is required" >&2; exit 1; }
bench_binaries

work="$(mktemp -d "${TMPDIR:-/tmp}/kk-streams.XXXXXX")"
sim_pid=""
cleanup() {
    jobs -p | xargs -r kill 2>/dev/null || true
    if [ -n "$sim_pid" ]; then
        kill "$sim_pid" 2>/dev/null || true
        wait "$sim_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
export HOME="$work/home" KUBECONFIG="$work/kc"
mkdir -p "$HOME"
unset KUBECACHEDIR

mkfifo "$work/ready"
"$sim" serve --listen 127.0.0.1:0 --kubeconfig "$KUBECONFIG" >"$work/ready" 2>"$work/sim.log" &
sim_pid=$!
exec 3<"$work/ready"
read -r -t 60 line <&3 || { echo "kk-sim did not start" >&2; cat "$work/sim.log" >&2; exit 1; }
cat <&3 >/dev/null &

python3 - "$work/pods.yaml" <<'PY'
import sys
docs = ["""apiVersion: v1
kind: Pod
metadata: {name: big}
spec:
  containers:
  - {name: c, image: busybox, command: [sh, -c, 'seq 1 1000000; sleep 100000']}
""", """apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - {name: c, image: nginx, ports: [{containerPort: 80}]}
"""]
for i in range(50):
    docs.append(f"""apiVersion: v1
kind: Pod
metadata: {{name: tick-{i:02d}, labels: {{app: tick}}}}
spec:
  containers:
  - {{name: c, image: busybox, command: [sh, -c, 'i=0; while true; do i=$((i+1)); echo tick-{i:02d} $i; sleep 1; done']}}
""")
open(sys.argv[1], "w").write("---\n".join(docs))
PY
"$kubectl" apply -f "$work/pods.yaml" >/dev/null
"$kubectl" wait --for=condition=Ready pod --all --timeout=120s >/dev/null
# Let `big` finish printing, and warm both clients' discovery caches.
until [ "$("$kk" logs big --tail=1)" = "1000000" ]; do sleep 0.5; done
"$kubectl" get pods >/dev/null; "$kk" get pods >/dev/null

echo "## Streams: kk vs kubectl $("$kubectl" version --client -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["clientVersion"]["gitVersion"])')"
echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $runs runs each."
echo

python3 - "$kk" "$kubectl" "$runs" <<'PY'
import os, socket, subprocess, sys, threading, time, re

kk, kubectl, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
clients = [("kk", kk), ("kubectl", kubectl)]

def mean(xs):
    return sum(xs) / len(xs)

def timed(argv):
    t = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t

rows = []

# 1. logs of 1,000,000 lines.
res = {}
for name, bin in clients:
    times = [timed([bin, "logs", "big"]) for _ in range(runs)]
    res[name] = mean(times)
rows.append(("`logs` 1,000,000 lines (lines/s)", 1e6 / res["kk"], 1e6 / res["kubectl"], True))

# 2. logs -f -l over 50 pods: first line, peak RSS, connections.
def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0

def tcp_conns(pid):
    n = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:"):
                n += 1
        except OSError:
            pass
    return n

first, rss, conns = {}, {}, {}
for name, bin in clients:
    f_, r_, c_ = [], [], []
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.Popen([bin, "logs", "-f", "-l", "app=tick", "--max-log-requests=50"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        p.stdout.readline()
        f_.append(time.perf_counter() - t)
        seen, deadline = set(), time.time() + 20
        while len(seen) < 50 and time.time() < deadline:
            seen.add(p.stdout.readline().split(b" ")[0])
        time.sleep(1)
        r_.append(rss_kib(p.pid)); c_.append(tcp_conns(p.pid))
        p.kill(); p.wait()
    first[name], rss[name], conns[name] = mean(f_), max(r_), max(c_)
rows.append(("`logs -f -l` 50 pods: first line (ms)", first["kk"] * 1e3, first["kubectl"] * 1e3, False))
rows.append(("`logs -f -l` 50 pods: peak RSS (MiB)", rss["kk"] / 1024, rss["kubectl"] / 1024, False))
rows.append(("`logs -f -l` 50 pods: sockets held", conns["kk"], conns["kubectl"], False))

# 3. exec: round trip, and bytes through stdin and back.
def piped(argv, data):
    t = time.perf_counter()
    out = subprocess.run(argv, input=data, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True)
    assert out.stdout == data, (len(out.stdout), len(data))
    return time.perf_counter() - t

payload = bytes(i % 251 for i in range(10 * 1024 * 1024))
trip, through = {}, {}
for name, bin in clients:
    trip[name] = mean([timed([bin, "exec", "web", "--", "true"]) for _ in range(runs * 2)])
    through[name] = mean([len(payload) / piped([bin, "exec", "-i", "web", "--", "cat"], payload) / 1e6
                          for _ in range(runs)])
rows.append(("`exec POD -- true` round trip (ms)", trip["kk"] * 1e3, trip["kubectl"] * 1e3, False))
rows.append(("`exec -i POD -- cat` 10 MB in and out (MB/s)", through["kk"], through["kubectl"], True))

# 4. port-forward throughput and connection rate.
def forward(bin):
    p = subprocess.Popen([bin, "port-forward", "pod/web", ":80"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    line = p.stdout.readline().decode()
    port = int(re.search(r":(\d+) ->", line).group(1))
    threading.Thread(target=lambda: [None for _ in p.stdout], daemon=True).start()
    return p, port

def download(port, n):
    t = time.perf_counter()
    out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{size_download}",
                          f"http://127.0.0.1:{port}/bytes/{n}"], capture_output=True, check=True)
    assert int(out.stdout) == n, out.stdout
    return n / (time.perf_counter() - t) / 1e6

def request(port):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET / HTTP/1.0\r\nHost: x\r\n\r\n")
    while s.recv(65536):
        pass
    s.close()

def rate(port, parallel, seconds=3.0):
    count = [0] * parallel
    stop = time.perf_counter() + seconds
    def worker(i):
        while time.perf_counter() < stop:
            request(port)
            count[i] += 1
    ts = [threading.Thread(target=worker, args=(i,)) for i in range(parallel)]
    t = time.perf_counter()
    [x.start() for x in ts]; [x.join() for x in ts]
    return sum(count) / (time.perf_counter() - t)

mbs, seq, par = {}, {}, {}
for name, bin in clients:
    p, port = forward(bin)
    request(port)
    mbs[name] = mean([download(port, 200 * 1024 * 1024) for _ in range(runs)])
    seq[name] = mean([rate(port, 1) for _ in range(3)])
    par[name] = mean([rate(port, 8) for _ in range(3)])
    p.kill(); p.wait()
rows.append(("`port-forward` download (MB/s)", mbs["kk"], mbs["kubectl"], True))
rows.append(("`port-forward` connections/s, 1 at a time", seq["kk"], seq["kubectl"], True))
rows.append(("`port-forward` connections/s, 8 at a time", par["kk"], par["kubectl"], True))

print("| What | kk | kubectl | kk vs kubectl |")
print("| --- | ---: | ---: | ---: |")
for what, a, b, higher_better in rows:
    ratio = (a / b) if higher_better else (b / a if a else float("inf"))
    print(f"| {what} | {a:,.1f} | {b:,.1f} | {ratio:.2f}x |")
print()
print("Ratios are kk's advantage: higher is better for kk on every row.")
PY
