#!/usr/bin/env bash
# Benchmark (not a test; CI must not run it): kk vs kubectl 1.33 against one kk-sim holding
# 5,000 pods, plus kk-sim's own preload time, memory and idle CPU.
#
#   benches/kk-vs-kubectl.sh [--reuse] [--runs N] [--no-hyperfine]
#
#   --reuse         use the existing target/release binaries instead of building them
#   --runs N        timed runs per command and client (default 5, minimum 3)
#   --no-hyperfine  time with a date +%s%N loop even when hyperfine is installed
#
# Everything lives in a temp dir (kubeconfig, manifests, HOME, discovery caches); everything
# started is killed on exit; the server listens on 127.0.0.1 only. Prints a Markdown report.
set -euo pipefail

runs=5
reuse=0
use_hyperfine=1
while [ $# -gt 0 ]; do
    case "$1" in
        --reuse) reuse=1 ;;
        --runs) runs="${2:?--runs needs a number}"; shift ;;
        --no-hyperfine) use_hyperfine=0 ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument: $1" >&2; exit 1 ;;
    esac
    shift
done
case "$runs" in ''|*[!0-9]*) echo "error: --runs needs a number" >&2; exit 1 ;; esac
[ "$runs" -ge 3 ] || { echo "error: --runs must be at least 3" >&2; exit 1; }
command -v hyperfine >/dev/null 2>&1 || use_hyperfine=0
command -v python3 >/dev/null 2>&1 || { echo "error: python3 is required" >&2; exit 1; }

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "$reuse" = 0 ]; then
    echo "building release binaries (cargo build --release --workspace)..." >&2
    cargo build -q --release --workspace
fi
kk="$root/target/release/kk"
sim="$root/target/release/kk-sim"
for b in "$kk" "$sim"; do
    [ -x "$b" ] || { echo "error: $b missing (build without --reuse)" >&2; exit 1; }
done
# kubectl on PATH may be a version dispatcher; time the 1.33 binary itself, found next to it.
kubectl_dir="$(dirname "$(readlink -f "$(command -v kubectl || echo /usr/lib/google-cloud-sdk/bin/kubectl)")")"
kubectl="$kubectl_dir/kubectl.1.33"
[ -x "$kubectl" ] || kubectl="$(command -v kubectl.1.33 || true)"
[ -x "$kubectl" ] || { echo "error: kubectl.1.33 not found next to kubectl" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/kk-bench.XXXXXX")"
sim_pid=""
cleanup() {
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

# 4,980 pods spread over 10 namespaces, 20 in `small`, plus a few deployments and configmaps.
python3 - "$work/preload.json" <<'PY'
import json, sys
items = []
for ns in ["small", "apps"] + [f"load-{i}" for i in range(10)]:
    items.append({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}})
def pod(ns, name, i):
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": ns,
                         "labels": {"app": "bench", "idx": str(i % 10)}},
            "spec": {"containers": [{"name": "c", "image": "nginx:1.27",
                                     "ports": [{"containerPort": 80}]}]}}
for i in range(20):
    items.append(pod("small", f"small-{i:02d}", i))
for i in range(4980):
    items.append(pod(f"load-{i % 10}", f"pod-{i:04d}", i))
for i in range(3):
    items.append({"apiVersion": "apps/v1", "kind": "Deployment",
                  "metadata": {"name": f"web-{i}", "namespace": "apps"},
                  "spec": {"replicas": 1, "selector": {"matchLabels": {"app": f"web-{i}"}},
                           "template": {"metadata": {"labels": {"app": f"web-{i}"}},
                                        "spec": {"containers": [{"name": "web",
                                                                 "image": "nginx:1.27"}]}}}})
    items.append({"apiVersion": "v1", "kind": "ConfigMap",
                  "metadata": {"name": f"settings-{i}", "namespace": "apps"},
                  "data": {"key": "value", "index": str(i)}})
json.dump({"apiVersion": "v1", "kind": "List", "items": items}, open(sys.argv[1], "w"))
PY

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- kk-sim: start to ready with the preload ---------------------------------------------
start_ns=$(date +%s%N)
"$sim" serve --listen 127.0.0.1:0 --kubeconfig "$work/kc" --preload "$work/preload.json" \
    >"$work/sim.out" 2>"$work/sim.err" </dev/null &
sim_pid=$!
ready_ns=""
for _ in $(seq 1 12000); do
    if grep -q '^kk-sim ready ' "$work/sim.out" 2>/dev/null; then ready_ns=$(date +%s%N); break; fi
    kill -0 "$sim_pid" 2>/dev/null || break
    sleep 0.005
done
if [ -z "$ready_ns" ]; then
    echo "error: kk-sim did not become ready:" >&2
    cat "$work/sim.err" >&2
    exit 1
fi
preload_ms=$(( (ready_ns - start_ns) / 1000000 ))
echo "kk-sim ready after ${preload_ms} ms (5,000 pods preloaded)" >&2

clk_tck=$(getconf CLK_TCK)
# CPU ticks (utime + stime) of a process; field 2 (comm) may hold spaces, so cut after ')'.
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }

# The controllers, scheduler and kubelet settle the preloaded objects after ready (binding,
# Running status, ReplicaSets); wait until kk-sim uses under 5% of a core for a second, so
# the client timings and the idle figure measure a quiet cluster.
settle_start=$(date +%s)
while :; do
    a=$(cpu_ticks "$sim_pid"); sleep 1; b=$(cpu_ticks "$sim_pid")
    [ $(( (b - a) * 100 )) -lt $(( clk_tck * 5 )) ] && break
    [ $(( $(date +%s) - settle_start )) -ge 60 ] && { echo "warning: kk-sim still busy after 60 s" >&2; break; }
done
settle_s=$(( $(date +%s) - settle_start ))

kkc=("$kk" --kubeconfig "$work/kc" --cache-dir "$work/cache-kk")
kcc=("$kubectl" --kubeconfig "$work/kc" --cache-dir "$work/cache-kubectl")
# Warm each client's discovery cache (and check the objects are there).
"${kkc[@]}" api-resources >/dev/null
"${kcc[@]}" api-resources >/dev/null
"${kcc[@]}" get pods -A --no-headers | wc -l >"$work/npods"
one_pod="small-00"

names=("version --client" "get ns" "get pods -n small" "get pods -A" "get pods -A -o json"
       "get pods -A -o yaml" "describe pod -n small $one_pod" "config view"
       "config get-contexts")

# Timing: prints "mean_ms median_ms" for the argv that follows.
time_cmd() {
    local label="$1"; shift
    if [ "$use_hyperfine" = 1 ]; then
        local q=""
        for a in "$@"; do q+="$(printf '%q ' "$a")"; done
        hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/hf.json" \
            --command-name "$label" "$q" >/dev/null 2>&1
        python3 - "$work/hf.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"{r['mean'] * 1000:.1f} {r['median'] * 1000:.1f}")
PY
    else
        local i s e
        "$@" >/dev/null 2>&1 || true
        : >"$work/times"
        for i in $(seq 1 "$runs"); do
            s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
            echo $(( e - s )) >>"$work/times"
        done
        python3 - "$work/times" <<'PY'
import statistics, sys
t = [int(x) / 1e6 for x in open(sys.argv[1]).read().split()]
print(f"{statistics.mean(t):.1f} {statistics.median(t):.1f}")
PY
    fi
}

rows=()
for name in "${names[@]}"; do
    read -ra args <<<"$name"
    # Same bytes on stdout and the same exit code? (version --client differs by design.)
    kk_rc=0; kc_rc=0
    "${kkc[@]}" "${args[@]}" >"$work/kk.out" 2>/dev/null || kk_rc=$?
    "${kcc[@]}" "${args[@]}" >"$work/kc.out" 2>/dev/null || kc_rc=$?
    # The cluster is about a minute old, so AGE columns tick between the two runs: compare
    # with durations (65s, 2m5s, 3h) masked.
    for f in kk kc; do
        sed -E 's/(^|[[:space:]])[0-9]+[smhdy]([0-9]+[smhd])?([[:space:]]|$)/\1AGE\3/g' \
            "$work/$f.out" >"$work/$f.norm"
    done
    if [ "$kk_rc" = "$kc_rc" ] && cmp -s "$work/kk.norm" "$work/kc.norm"; then same=yes
    else same="no (exit $kk_rc/$kc_rc)"; fi
    echo "timing: $name" >&2
    read -r kk_mean kk_med < <(time_cmd "kk $name" "${kkc[@]}" "${args[@]}")
    read -r kc_mean kc_med < <(time_cmd "kubectl $name" "${kcc[@]}" "${args[@]}")
    ratio=$(python3 -c "print(f'{$kc_mean / $kk_mean:.1f}x')")
    rows+=("| \`$name\` | $kk_mean | $kk_med | $kc_mean | $kc_med | $ratio | $same |")
done

# Peak RSS of `get pods -A -o json`, in MiB.
peak_rss_mib() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1 || true
        awk '{printf "%.1f", $1 / 1024}' "$work/rss"
    else
        "$@" >/dev/null 2>&1 &
        local pid=$! hwm=0 v
        while kill -0 "$pid" 2>/dev/null; do
            v=$(status_kb "$pid" VmHWM 2>/dev/null || true)
            [ -n "$v" ] && [ "$v" -gt "$hwm" ] && hwm=$v
            sleep 0.01
        done
        wait "$pid" || true
        awk -v k="$hwm" 'BEGIN {printf "%.1f", k / 1024}'
    fi
}
kk_rss=$(peak_rss_mib "${kkc[@]}" get pods -A -o json)
kc_rss=$(peak_rss_mib "${kcc[@]}" get pods -A -o json)
sim_rss=$(awk '{printf "%.1f", $1 / 1024}' <<<"$(status_kb "$sim_pid" VmRSS)")
sim_hwm=$(awk '{printf "%.1f", $1 / 1024}' <<<"$(status_kb "$sim_pid" VmHWM)")

# Idle CPU over 20 s with 5,000 pods (nothing talks to the server meanwhile).
echo "measuring kk-sim idle CPU for 20 s" >&2
a=$(cpu_ticks "$sim_pid"); s=$(date +%s%N)
sleep 20
b=$(cpu_ticks "$sim_pid"); e=$(date +%s%N)
idle_pct=$(python3 -c "print(f'{($b - $a) / $clk_tck / (($e - $s) / 1e9) * 100:.2f}')")

load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
timer=$([ "$use_hyperfine" = 1 ] && echo "hyperfine -N --warmup 1" || echo "date +%s%N loop, 1 warmup")

cat <<EOF

## kk vs kubectl $("$kubectl" version --client 2>/dev/null | sed -n 's/^Client Version: //p') — $(date -u '+%Y-%m-%d %H:%M UTC')

$(nproc) CPUs, load average $load_before at start, $load_after at end; $runs runs per command
($timer); kk-sim release build with $(tr -d ' ' <"$work/npods") pods.

| Command | kk mean ms | kk median ms | kubectl mean ms | kubectl median ms | kubectl/kk (mean) | same stdout (ages masked) |
| --- | ---: | ---: | ---: | ---: | ---: | --- |
EOF
printf '%s\n' "${rows[@]}"
cat <<EOF

| Measure | Value |
| --- | ---: |
| kk-sim start to \`ready\`, 5,000 pods preloaded | $preload_ms ms |
| kk-sim settle after ready (controllers/kubelet, to < 5% CPU) | ~$settle_s s |
| kk-sim RSS with 5,000 pods (current / peak) | $sim_rss / $sim_hwm MiB |
| kk-sim idle CPU over 20 s | $idle_pct % of one core |
| peak RSS, kk \`get pods -A -o json\` | $kk_rss MiB |
| peak RSS, kubectl \`get pods -A -o json\` | $kc_rss MiB |
EOF
