#!/usr/bin/env bash
# Benchmark (not a test; CI must not run it): kk vs kubectl 1.33 on the same kk-sim state.
#
#   benches/kk-vs-kubectl.sh [--reuse] [--runs N] [--sizes "10000 50000"] [--heavy]
#
#   --reuse     use the existing target/release binaries instead of building them
#   --runs N    runs per command and client, kk and kubectl alternating (default 3)
#   --sizes S   pod counts, one kk-sim each (default "10000 50000")
#   --heavy     also run kubectl -o json/-o yaml/jsonpath above 10,000 pods (kubectl needs
#               several GiB for them; off by default on a shared machine)
#
# Measures start-up (`version --client`, `config current-context`), then per size: `get pods
# -A` as table, `-o wide`, `-o json`, `-o yaml`, `-o name`, `-o jsonpath`, and (at the first
# size) `describe` of one pod; each with wall time, peak RSS and time to first byte of stdout
# (read from a pipe, as a user's `| less` would), medians with min-max, plus `curl` of the
# same JSON list (one unpaged request) as the floor. Same stdout (ages masked) is checked on
# the first run of each command. Everything lives in a temp dir; everything started is
# killed on exit; the server listens on 127.0.0.1 only. Prints a Markdown report.
set -euo pipefail

runs=3
reuse=0
sizes="10000 50000"
heavy=0
while [ $# -gt 0 ]; do
    case "$1" in
        --reuse) reuse=1 ;;
        --runs) runs="${2:?--runs needs a number}"; shift ;;
        --sizes) sizes="${2:?--sizes needs pod counts}"; shift ;;
        --heavy) heavy=1 ;;
        -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument: $1" >&2; exit 1 ;;
    esac
    shift
done
case "$runs" in ''|*[!0-9]*) echo "error: --runs needs a number" >&2; exit 1 ;; esac
[ "$runs" -ge 1 ] || { echo "error: --runs must be at least 1" >&2; exit 1; }
for tool in python3 curl; do
    command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is required" >&2; exit 1; }
done

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
stop_sim() {
    if [ -n "$sim_pid" ]; then
        kill "$sim_pid" 2>/dev/null || true
        wait "$sim_pid" 2>/dev/null || true
        sim_pid=""
    fi
}
cleanup() {
    stop_sim
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
export HOME="$work/home" KUBECONFIG="$work/kc"
mkdir -p "$HOME"
unset KUBECACHEDIR

# One run of a command: wall time, time to the first byte of stdout, peak RSS (wait4's
# ru_maxrss), stdout bytes and exit code, as JSON. stdout goes through a pipe into this
# process (and, for the sameness check, into a file), stderr to /dev/null.
cat >"$work/measure.py" <<'PY'
import json, os, sys, time
save = None
argv = sys.argv[1:]
if argv[0] == "--save":
    save, argv = argv[1], argv[2:]
r, w = os.pipe()
t0 = time.monotonic()
pid = os.fork()
if pid == 0:
    os.dup2(w, 1)
    os.close(r)
    os.close(w)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.execv(argv[0], argv)
os.close(w)
out = open(save, "wb") if save else None
first, n = None, 0
while True:
    b = os.read(r, 1 << 20)
    if not b:
        break
    if first is None:
        first = time.monotonic()
    n += len(b)
    if out:
        out.write(b)
_, status, ru = os.wait4(pid, 0)
t1 = time.monotonic()
print(json.dumps({"wall": t1 - t0, "ttfb": (first or t1) - t0, "rss": ru.ru_maxrss / 1024,
                  "bytes": n, "rc": os.waitstatus_to_exitcode(status)}))
PY

# Pods over 10 namespaces (`load-0`..`load-9`), the first one in `small` for describe.
make_preload() {
    python3 - "$1" "$2" <<'PY'
import json, sys
n = int(sys.argv[2])
items = [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}
         for ns in ["small"] + [f"load-{i}" for i in range(10)]]
for i in range(n):
    ns = "small" if i == 0 else f"load-{i % 10}"
    items.append({"apiVersion": "v1", "kind": "Pod",
                  "metadata": {"name": f"pod-{i:05d}", "namespace": ns,
                               "labels": {"app": "bench", "idx": str(i % 10)}},
                  "spec": {"containers": [{"name": "c", "image": "nginx:1.27",
                                           "ports": [{"containerPort": 80}]}]}})
json.dump({"apiVersion": "v1", "kind": "List", "items": items}, open(sys.argv[1], "w"))
PY
}

clk_tck=$(getconf CLK_TCK)
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }

start_sim() {
    local pods=$1
    make_preload "$work/preload.json" "$pods"
    "$sim" serve --listen 127.0.0.1:0 --kubeconfig "$work/kc" --preload "$work/preload.json" \
        >"$work/sim.out" 2>"$work/sim.err" </dev/null &
    sim_pid=$!
    local url=""
    while [ -z "$url" ]; do
        kill -0 "$sim_pid" 2>/dev/null || { echo "error: kk-sim died:" >&2; cat "$work/sim.err" >&2; exit 1; }
        url=$(sed -n 's/^kk-sim ready //p' "$work/sim.out")
        [ -n "$url" ] || sleep 0.05
    done
    rm -f "$work/preload.json"
    sim_url=$url
    # curl needs the kubeconfig's client certificate as files.
    python3 - "$work/kc" "$work" <<'PY'
import base64, json, re, sys
text = open(sys.argv[1]).read()
def field(name):
    m = re.search(name + r":\s*(\S+)", text)
    return base64.b64decode(m.group(1))
for name, f in [("certificate-authority-data", "ca.crt"), ("client-certificate-data", "client.crt"),
                ("client-key-data", "client.key")]:
    open(f"{sys.argv[2]}/{f}", "wb").write(field(name))
PY
    # Wait for every pod to run and the cluster to go quiet (under 5% of a core for 2 s).
    while :; do
        local left
        left=$(curl -sf --cacert "$work/ca.crt" --cert "$work/client.crt" --key "$work/client.key" \
            "$sim_url/api/v1/pods?fieldSelector=status.phase!=Running&limit=1" |
            python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["items"]) + int(d["metadata"].get("remainingItemCount") or 0))')
        [ "$left" = 0 ] && break
        sleep 1
    done
    while :; do
        local a b
        a=$(cpu_ticks "$sim_pid"); sleep 2; b=$(cpu_ticks "$sim_pid")
        [ $(( (b - a) * 100 )) -lt $(( clk_tck * 10 )) ] && break
    done
}

kkc=("$kk" --kubeconfig "$work/kc" --cache-dir "$work/cache-kk")
kcc=("$kubectl" --kubeconfig "$work/kc" --cache-dir "$work/cache-kubectl")

# Median and min-max of a JSON field over runs, formatted with `fmt`.
summary() {
    python3 - "$1" "$2" "$3" <<'PY'
import json, statistics, sys
vals = [json.loads(l)[sys.argv[2]] for l in open(sys.argv[1]) if l.strip()]
f = sys.argv[3]
if not vals:
    print("—"); sys.exit()
print(f"{f.format(statistics.median(vals))} ({f.format(min(vals))}-{f.format(max(vals))})")
PY
}
median() {
    python3 -c 'import json,statistics,sys; print(statistics.median(json.loads(l)[sys.argv[2]] for l in open(sys.argv[1]) if l.strip()))' "$1" "$2"
}
ratio() {
    python3 -c 'import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f"{a/b:.2f}" if b > 0 else "—")' "$1" "$2"
}

rows=()
# Runs `args` with kk and kubectl alternately and adds a report row.
compare() {
    local label="$1" size="$2" kubectl_too="$3"; shift 3
    local i kkf="$work/kk.runs" kcf="$work/kc.runs"
    : >"$kkf"; : >"$kcf"
    echo "timing: $label ($size pods)" >&2
    for i in $(seq 1 "$runs"); do
        if [ "$i" = 1 ]; then
            python3 "$work/measure.py" --save "$work/kk.out" "${kkc[@]}" "$@" >>"$kkf"
        else
            python3 "$work/measure.py" "${kkc[@]}" "$@" >>"$kkf"
        fi
        if [ "$kubectl_too" = 1 ]; then
            if [ "$i" = 1 ]; then
                python3 "$work/measure.py" --save "$work/kc.out" "${kcc[@]}" "$@" >>"$kcf"
            else
                python3 "$work/measure.py" "${kcc[@]}" "$@" >>"$kcf"
            fi
        fi
    done
    local same="—"
    if [ "$kubectl_too" = 1 ]; then
        for f in kk kc; do
            sed -E 's/(^|[[:space:]])[0-9]+[smhdy]([0-9]+[smhd])?([[:space:]]|$)/\1AGE\3/g; s/ +/ /g' \
                "$work/$f.out" >"$work/$f.norm"
        done
        if cmp -s "$work/kk.norm" "$work/kc.norm"; then same=yes; else same=no; fi
    fi
    rm -f "$work/kk.out" "$work/kc.out" "$work/kk.norm" "$work/kc.norm"
    local kw kr kt cw cr ct wr rr
    kw=$(summary "$kkf" wall '{:.2f}'); kr=$(summary "$kkf" rss '{:.0f}'); kt=$(summary "$kkf" ttfb '{:.2f}')
    if [ "$kubectl_too" = 1 ]; then
        cw=$(summary "$kcf" wall '{:.2f}'); cr=$(summary "$kcf" rss '{:.0f}'); ct=$(summary "$kcf" ttfb '{:.2f}')
        wr=$(ratio "$(median "$kkf" wall)" "$(median "$kcf" wall)")
        rr=$(ratio "$(median "$kkf" rss)" "$(median "$kcf" rss)")
    else
        cw="not run"; cr="—"; ct="—"; wr="—"; rr="—"
    fi
    rows+=("| \`$label\` | $size | $kw | $cw | $wr | $kr | $cr | $rr | $kt | $ct | $same |")
}

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
loads=()
first_size=""
for size in $sizes; do
    echo "kk-sim with $size pods: preloading and waiting for all Running" >&2
    start_sim "$size"
    loads+=("$size pods: load $(cut -d' ' -f1-3 /proc/loadavg) at start")
    # Warm each client's discovery cache.
    "${kkc[@]}" api-resources >/dev/null
    "${kcc[@]}" api-resources >/dev/null
    if [ -z "$first_size" ]; then
        first_size=$size
        compare "version --client" - 1 version --client
        compare "config current-context" - 1 config current-context
    fi
    big=$([ "$size" -gt 10000 ] && [ "$heavy" = 0 ] && echo 0 || echo 1)
    compare "get pods -A" "$size" 1 get pods -A
    compare "get pods -A -o wide" "$size" 1 get pods -A -o wide
    compare "get pods -A -o name" "$size" 1 get pods -A -o name
    compare "get pods -A -o json" "$size" "$big" get pods -A -o json
    compare "get pods -A -o yaml" "$size" "$big" get pods -A -o yaml
    compare "get pods -A -o jsonpath={.items[*].metadata.name}" "$size" "$big" \
        get pods -A -o 'jsonpath={.items[*].metadata.name}'
    if [ "$size" = "$first_size" ]; then
        compare "describe pod -n small pod-00000" "$size" 1 describe pod -n small pod-00000
    fi
    # The floor: the same pods as one unpaged JSON list, by curl.
    : >"$work/curl.runs"
    for _ in $(seq 1 "$runs"); do
        python3 "$work/measure.py" "$(command -v curl)" -sf --cacert "$work/ca.crt" \
            --cert "$work/client.crt" --key "$work/client.key" "$sim_url/api/v1/pods" >>"$work/curl.runs"
    done
    rows+=("| \`curl /api/v1/pods\` (one JSON answer) | $size | $(summary "$work/curl.runs" wall '{:.2f}') | | | | | | $(summary "$work/curl.runs" ttfb '{:.2f}') | | |")
    loads[-1]+=", $(cut -d' ' -f1-3 /proc/loadavg) at end"
    stop_sim
done

cat <<EOF

## kk vs kubectl $("$kubectl" version --client 2>/dev/null | sed -n 's/^Client Version: //p') — $(date -u '+%Y-%m-%d %H:%M UTC')

$(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); load average
$load_start at start ($(IFS=';'; echo "${loads[*]}")). kk-sim release build, all pods
Running and the cluster quiet before timing; $runs runs per command, kk and kubectl
alternating; median (min-max). Wall and time to first byte in seconds, peak RSS in MiB;
ratios are kk/kubectl of the medians.

| Command | Pods | kk wall | kubectl wall | wall ratio | kk RSS | kubectl RSS | RSS ratio | kk first byte | kubectl first byte | same stdout |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
EOF
printf '%s\n' "${rows[@]}"
