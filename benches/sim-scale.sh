#!/usr/bin/env bash
# Benchmark (not a test; CI must not run it): kk-sim at scale.
#
#   benches/sim-scale.sh [--reuse] [--profile release|debug] [--pods N] [--nodes N] [--runs N]
#
# Preloads N pods (default 10,000) over 10 namespaces into one kk-sim (plain HTTP on
# loopback), then reports:
#   * start to `ready` (the preload), and time until every pod is Running;
#   * RSS once settled (VmRSS, VmHWM) and per pod;
#   * server CPU (utime+stime of the kk-sim process) for one unpaged JSON list of 5,000 pods,
#     the same as a Table, and a Table paged by 500 as kubectl asks for it (median of --runs);
#   * idle CPU over 10 s once settled.
# Everything lives in a temp dir; the server is killed on exit. Needs curl and python3.
set -euo pipefail

profile=release
pods=10000
nodes=6
runs=5
reuse=0
while [ $# -gt 0 ]; do
    case "$1" in
        --reuse) reuse=1 ;;
        --profile) profile="${2:?}"; shift ;;
        --pods) pods="${2:?}"; shift ;;
        --nodes) nodes="${2:?}"; shift ;;
        --runs) runs="${2:?}"; shift ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument: $1" >&2; exit 1 ;;
    esac
    shift
done
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "$reuse" = 0 ]; then
    if [ "$profile" = release ]; then cargo build -q --release -p kk-sim; else cargo build -q -p kk-sim; fi
fi
bin="$root/target/$profile/kk-sim"
work="$(mktemp -d "${TMPDIR:-/tmp}/kk-sim-scale.XXXXXX")"
sim_pid=""
cleanup() {
    if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

python3 - "$work/pods.json" "$pods" <<'PY'
import json, sys
n = int(sys.argv[2])
items = [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": f"load-{i}"}} for i in range(10)]
items.append({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "half"}})
# Half of the pods (at most 5,000) in namespace `half`: the 5,000-pod list below.
half = min(5000, n // 2)
for i in range(n):
    ns = "half" if i < half else f"load-{i % 10}"
    items.append({"apiVersion": "v1", "kind": "Pod",
                  "metadata": {"name": f"pod-{i:05d}", "namespace": ns,
                               "labels": {"app": "bench", "idx": str(i % 10)}},
                  "spec": {"containers": [{"name": "c", "image": "nginx:1.27",
                                           "ports": [{"containerPort": 80}]}]}})
json.dump({"apiVersion": "v1", "kind": "List", "items": items}, open(sys.argv[1], "w"))
print(half, file=open(sys.argv[1] + ".half", "w"))
PY
half=$(cat "$work/pods.json.half")

clk_tck=$(getconf CLK_TCK)
ticks() { sed 's/.*) //' "/proc/$sim_pid/stat" | awk '{print $12 + $13}'; }
status_kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$sim_pid/status"; }
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

start_ns=$(date +%s%N)
"$bin" serve --plain-http --listen 127.0.0.1:0 --kubeconfig "$work/kc" --nodes "$nodes" \
    --preload "$work/pods.json" >"$work/out" 2>"$work/err" </dev/null &
sim_pid=$!
url=""
while [ -z "$url" ]; do
    kill -0 "$sim_pid" 2>/dev/null || { echo "kk-sim died:" >&2; cat "$work/err" >&2; exit 1; }
    url=$(sed -n 's/^kk-sim ready //p' "$work/out" 2>/dev/null)
    [ -n "$url" ] || sleep 0.01
done
ready_ns=$(date +%s%N)
ready_ms=$(( (ready_ns - start_ns) / 1000000 ))
ready_ticks=$(ticks)
echo "ready after ${ready_ms} ms ($pods pods preloaded)" >&2

# 1 while some pod is not Running, else 0 (one item at most: a list with a field selector
# has no remainingItemCount, and a full count would cost the server a whole list per poll).
not_running() {
    curl -sf "$url/api/v1/pods?fieldSelector=status.phase!=Running&limit=1" |
        python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))'
}
while :; do
    # A busy server may drop a poll: count it as "not yet".
    left=$(not_running 2>/dev/null || echo 1)
    [ "$left" = 0 ] && break
    if [ $(( ($(date +%s%N) - ready_ns) / 1000000000 )) -gt 1200 ]; then
        echo "error: pods not all Running after 1200 s" >&2; exit 1
    fi
    sleep 0.2
done
running_ms=$(( ($(date +%s%N) - ready_ns) / 1000000 ))
# The sim's own CPU to bring them there (independent of what else the machine runs).
running_cpu_ms=$(( ($(ticks) - ready_ticks) * 1000 / clk_tck ))
echo "all Running ${running_ms} ms after ready (${running_cpu_ms} ms of sim CPU)" >&2

# Settle: under 2% of a core for a second.
while :; do
    a=$(ticks); sleep 1; b=$(ticks)
    [ $(( (b - a) * 100 )) -le $(( clk_tck * 2 )) ] && break
done

rss_kb=$(status_kb VmRSS); hwm_kb=$(status_kb VmHWM)

# Median server CPU (ms) of a request, over $runs runs (one warm-up).
cpu_ms() {
    local vals=() a b i
    "$@" >/dev/null
    for i in $(seq 1 "$runs"); do
        a=$(ticks); "$@" >/dev/null; b=$(ticks)
        vals+=($(( (b - a) * 1000 / clk_tck )))
    done
    printf '%s\n' "${vals[@]}" | sort -n | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; printf "%d (%d-%d)", m, a[1], a[NR]}'
}
wall_ms() {
    local vals=() s e i
    for i in $(seq 1 "$runs"); do
        s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
        vals+=($(( (e - s) / 1000000 )))
    done
    printf '%s\n' "${vals[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%d", a[int((NR+1)/2)]}'
}
table_accept='Accept: application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'
list_json() { curl -sf "$url/api/v1/namespaces/half/pods"; }
list_table() { curl -sf -H "$table_accept" "$url/api/v1/namespaces/half/pods"; }
list_table_paged() {
    local cont="" page
    while :; do
        page=$(curl -sf -H "$table_accept" "$url/api/v1/namespaces/half/pods?limit=500${cont:+&continue=$cont}")
        cont=$(python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["metadata"].get("continue",""))' <<<"$page")
        [ -n "$cont" ] || break
    done
}
list_all_json() { curl -sf "$url/api/v1/pods"; }
json_size=$(list_json | wc -c)
json_cpu=$(cpu_ms list_json); json_wall=$(wall_ms list_json)
table_cpu=$(cpu_ms list_table); table_wall=$(wall_ms list_table)
paged_cpu=$(cpu_ms list_table_paged)
all_cpu=$(cpu_ms list_all_json); all_wall=$(wall_ms list_all_json)

a=$(ticks); s=$(date +%s%N); sleep 10; b=$(ticks); e=$(date +%s%N)
idle=$(python3 -c "print(f'{($b - $a) / $clk_tck / (($e - $s) / 1e9) * 100:.2f}')")
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

cat <<EOF

## kk-sim at $pods pods — $(date -u '+%Y-%m-%d %H:%M UTC'), $profile build

$(nproc) CPUs, load average $load_before at start, $load_after at end; $nodes nodes; medians of
$runs runs (min-max) for the lists.

| What | Figure |
| --- | ---: |
| start to \`ready\`, $pods pods preloaded | $ready_ms ms |
| ready to all $pods pods Running | $running_ms ms |
| sim CPU from ready to all Running (per pod) | $running_cpu_ms ms ($(( running_cpu_ms * 1000 / pods )) µs) |
| RSS settled (current / peak) | $(( rss_kb / 1024 )) / $(( hwm_kb / 1024 )) MiB |
| RSS per pod (current) | $(( rss_kb / pods )) KiB |
| JSON list of $half pods ($(( json_size / 1024 )) KiB), server CPU | $json_cpu ms |
| same, wall (curl) | $json_wall ms |
| Table of $half pods in one page, server CPU | $table_cpu ms |
| same, wall (curl) | $table_wall ms |
| Table of $half pods paged by 500 (kubectl's way), server CPU | $paged_cpu ms |
| JSON list of all $pods pods, server CPU | $all_cpu ms |
| same, wall (curl) | $all_wall ms |
| idle CPU over 10 s | $idle % of one core |
EOF
