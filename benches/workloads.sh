#!/usr/bin/env bash
# Benchmark (not a test; CI must not run it): kk vs kubectl 1.33 operating a workload, on one
# kk-sim (release builds), each figure for both clients in the same run:
#
#   - `scale deploy/web --replicas=N` (N alternating 2 and 3, so every run changes it);
#   - `set image deploy/web web=nginx:1.2X` (a new image every run);
#   - `rollout status deploy/web` of a Deployment whose rollout is complete (list + watch,
#     one status line).
#
#   benches/workloads.sh [--reuse] [--runs N]
#
#   --reuse    use the existing target/release binaries instead of building them
#   --runs N   runs per command and client, kk and kubectl alternating (default 5)
#
# kk and kubectl each act on a Deployment of their own (namespaces `bench-kk`, `bench-kc`),
# settled before each timed command. Both clients' discovery caches are warm. Same stdout
# (namespace names masked) is checked on the first run of each command. Everything lives in
# a temp dir; everything started is killed on exit. Prints a Markdown report.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=benches/lib.sh
. "$root/benches/lib.sh"
bench_args 1 18 "$@"
bench_binaries
bench_workdir

start_plain_sim
kkc=("$kk" --kubeconfig "$work/kc" --cache-dir "$work/cache-kk")
kcc=("$kubectl" --kubeconfig "$work/kc" --cache-dir "$work/cache-kubectl")
"${kkc[@]}" api-resources >/dev/null
"${kcc[@]}" api-resources >/dev/null
for f in kk kc; do
    "${kcc[@]}" create namespace "bench-$f" >/dev/null
    "${kcc[@]}" -n "bench-$f" create deployment web --image=nginx:1.20 --replicas=2 >/dev/null
    "${kcc[@]}" -n "bench-$f" rollout status deployment/web --timeout=2m >/dev/null
done
wait_quiet

# The Deployment of namespace $1 rolled out and the sim quiet again (untimed).
settle() {
    "${kcc[@]}" -n "$1" rollout status deployment/web --timeout=2m >/dev/null
    wait_quiet
}

rows=()
# Runs the command (`NS` replaced by the client's namespace, `RUN` by the run number,
# `REPLICAS` by 3 and 2 in turn) with
# kk and kubectl alternately, each after `settle`; adds a report row.
compare() {
    local label="$1"; shift
    local i f kkf="$work/kk.runs" kcf="$work/kc.runs"
    : >"$kkf"; : >"$kcf"
    echo "timing: $label" >&2
    for i in $(seq 1 "$runs"); do
        for f in kk kc; do
            local ns="bench-$f" args=() a
            for a in "$@"; do
                a="${a//NS/$ns}"; a="${a//REPLICAS/$((i % 2 + 2))}"; args+=("${a//RUN/$i}")
            done
            settle "$ns"
            measure_run "$f" "$ns" "$i" "${args[@]}"
        done
    done
    local same=no
    cmp -s "$work/kk.out" "$work/kc.out" && same=yes
    rm -f "$work/kk.out" "$work/kc.out"
    local kw cw wr kr cr
    kw=$(summary "$kkf" wall '{:.3f}'); cw=$(summary "$kcf" wall '{:.3f}')
    kr=$(summary "$kkf" rss '{:.0f}'); cr=$(summary "$kcf" rss '{:.0f}')
    wr=$(ratio "$(median "$kcf" wall)" "$(median "$kkf" wall)")
    rows+=("| \`$label\` | $kw | $cw | ${wr}x | $kr | $cr | $same |")
}

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
compare "scale deploy/web --replicas=N" -n NS scale deploy/web "--replicas=REPLICAS"
compare "set image deploy/web web=nginx:1.N" -n NS set image deploy/web "web=nginx:1.RUN"
compare "rollout status deploy/web (complete)" -n NS rollout status deploy/web

cat <<EOF2

## kk vs kubectl $("$kubectl" version --client 2>/dev/null | sed -n 's/^Client Version: //p') operating a workload — $(date -u '+%Y-%m-%d %H:%M UTC')

$(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); load average
$load_start at start, $(cut -d' ' -f1-3 /proc/loadavg) at end. kk-sim and kk release builds;
$runs runs per command, kk and kubectl alternating, each on its own settled Deployment;
median (min-max). Wall in seconds, peak RSS in MiB; the ratio is kubectl/kk of the median
wall times.

| Command | kk wall | kubectl wall | kubectl/kk | kk RSS | kubectl RSS | same stdout |
| --- | ---: | ---: | ---: | ---: | ---: | --- |
EOF2
printf '%s\n' "${rows[@]}"
