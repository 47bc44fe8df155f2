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
# shellcheck source=benches/lib.sh
. "$root/benches/lib.sh"
bench_binaries
bench_workdir

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

start_sim() {
    local pods=$1
    make_preload "$work/preload.json" "$pods"
    start_plain_sim --preload "$work/preload.json"
    rm -f "$work/preload.json"
    # Wait for every pod to run and the cluster to go quiet (under 5% of a core for 2 s).
    while :; do
        local left
        left=$(curl -sf --cacert "$work/ca.crt" --cert "$work/client.crt" --key "$work/client.key" \
            "$sim_url/api/v1/pods?fieldSelector=status.phase!=Running&limit=1" |
            python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["items"]) + int(d["metadata"].get("remainingItemCount") or 0))')
        [ "$left" = 0 ] && break
        sleep 1
    done
    wait_quiet
}

kkc=("$kk" --kubeconfig "$work/kc" --cache-dir "$work/cache-kk")
kcc=("$kubectl" --kubeconfig "$work/kc" --cache-dir "$work/cache-kubectl")

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
