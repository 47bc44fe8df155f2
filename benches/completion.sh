#!/usr/bin/env bash
# Benchmark (not a test; CI must not run it): name completion, kk vs kubectl 1.33, against one
# kk-sim holding 2,000 pods in namespace `c2k` and 10,000 in `c10k`; and what sourcing each
# client's bash/zsh completion script costs at shell start.
#
#   benches/completion.sh [--reuse] [--runs N]
#
#   --reuse    use the existing target/release binaries instead of building them
#   --runs N   timed runs per measurement (default 5, minimum 3)
#
# kk is measured cold (name cache expired: a metadata-only list from the server, budget
# raised to 30 s so the list completes) and warm (cache younger than its TTL). kubectl has no
# cache: every TAB lists whole objects. Wall time is the mean of N runs; memory is the peak
# RSS of one run (/usr/bin/time). Everything lives in a temp dir and is removed on exit.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=benches/lib.sh
. "$root/benches/lib.sh"
bench_args 3 14 "$@"
bench_binaries

work="$(mktemp -d "${TMPDIR:-/tmp}/kk-complete-bench.XXXXXX")"
sim_pid=""
cleanup() {
    [ -n "$sim_pid" ] && { kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; }
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
export HOME="$work/home" KUBECONFIG="$work/kc"
mkdir -p "$HOME"
unset KUBECACHEDIR

python3 - "$work/preload.json" <<'PY'
import json, sys
items = [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": n}} for n in ("c2k", "c10k")]
for ns, n in (("c2k", 2000), ("c10k", 10000)):
    for i in range(n):
        items.append({"apiVersion": "v1", "kind": "Pod",
                      "metadata": {"name": f"web-{i:05d}", "namespace": ns,
                                   "labels": {"app": "web", "idx": str(i % 10)}},
                      "spec": {"containers": [{"name": "c", "image": "nginx:1.27"}]}})
json.dump({"apiVersion": "v1", "kind": "List", "items": items}, open(sys.argv[1], "w"))
PY

"$sim" serve --listen 127.0.0.1:0 --kubeconfig "$work/kc" --preload "$work/preload.json" \
    >"$work/sim.out" 2>"$work/sim.err" </dev/null &
sim_pid=$!
for _ in $(seq 1 24000); do
    grep -q '^kk-sim ready ' "$work/sim.out" 2>/dev/null && break
    kill -0 "$sim_pid" 2>/dev/null || { cat "$work/sim.err" >&2; exit 1; }
    sleep 0.005
done
# Let the controllers and the kubelet settle the pods (under 5% of a core for a second).
tck=$(getconf CLK_TCK)
ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
for _ in $(seq 1 120); do
    a=$(ticks "$sim_pid"); sleep 1; b=$(ticks "$sim_pid")
    [ $(( (b - a) * 100 )) -lt $(( tck * 5 )) ] && break
done
"$kk" api-resources >/dev/null
"$kubectl" api-resources >/dev/null

mean_ms() { # argv... -> mean wall ms over $runs runs
    : >"$work/t"
    for _ in $(seq 1 "$runs"); do
        s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
        echo $(( e - s )) >>"$work/t"
    done
    python3 -c "import sys,statistics; print(f'{statistics.mean(int(x)/1e6 for x in open(sys.argv[1]).read().split()):.1f}')" "$work/t"
}
rss_mib() {
    /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1 || true
    awk '{printf "%.1f", $1 / 1024}' "$work/rss"
}
ratio() { python3 -c "print(f'{$1 / $2:.3f}x')"; }

echo "| Pods | client | candidates | wall ms (mean of $runs) | peak RSS MiB |"
echo "| ---: | --- | ---: | ---: | ---: |"
for ns in c2k c10k; do
    line=(__complete -n "$ns" get pods "")
    n_kc=$("$kubectl" "${line[@]}" 2>/dev/null | grep -vc '^:')
    # Counted with the budget raised: on a loaded machine the first (cold) list may
    # outlast the 1 s budget, and kk then rightly offers no names yet.
    n_kk=$(KK_COMPLETION_TIMEOUT=30s "$kk" "${line[@]}" 2>/dev/null | grep -vc '^:' || true)
    kc_ms=$(mean_ms "$kubectl" "${line[@]}"); kc_mb=$(rss_mib "$kubectl" "${line[@]}")
    cold=(env KK_COMPLETION_CACHE_TTL=0s KK_COMPLETION_TIMEOUT=30s "$kk" "${line[@]}")
    cold_ms=$(mean_ms "${cold[@]}"); cold_mb=$(rss_mib "${cold[@]}")
    warm=(env KK_COMPLETION_CACHE_TTL=1h "$kk" "${line[@]}")
    "${warm[@]}" >/dev/null 2>&1
    warm_ms=$(mean_ms "${warm[@]}"); warm_mb=$(rss_mib "${warm[@]}")
    echo "| ${ns#c} | kubectl | $n_kc | $kc_ms | $kc_mb |"
    echo "| ${ns#c} | kk, cold (list) | $n_kk | $cold_ms ($(ratio "$cold_ms" "$kc_ms")) | $cold_mb ($(ratio "$cold_mb" "$kc_mb")) |"
    echo "| ${ns#c} | kk, warm (cache) | $n_kk | $warm_ms ($(ratio "$warm_ms" "$kc_ms")) | $warm_mb ($(ratio "$warm_mb" "$kc_mb")) |"
done

echo
echo "| Shell start | kk ms | kubectl ms | kubectl/kk |"
echo "| --- | ---: | ---: | ---: |"
"$kk" completion bash >"$work/kk.bash"; "$kubectl" completion bash >"$work/kubectl.bash"
"$kk" completion zsh >"$work/_kk"; "$kubectl" completion zsh >"$work/_kubectl"
base=$(mean_ms bash --norc -c true)
row() { # label, kk argv string, kubectl argv string (run with $2/$3 under bash -c)
    local a b
    a=$(mean_ms "${@:2:1}" --norc -c "$3"); b=$(mean_ms "${@:2:1}" --norc -c "$4")
    echo "| $1 | $a | $b | $(python3 -c "print(f'{$b / $a:.1f}x')") |"
}
row 'bash: `source <(X completion bash)`' bash "source <($kk completion bash)" "source <($kubectl completion bash)"
row 'bash: source the saved script' bash "source $work/kk.bash" "source $work/kubectl.bash"
if command -v zsh >/dev/null; then
    a=$(mean_ms zsh -f -c "autoload -U compinit; compinit -u -d $work/zcd; source <($kk completion zsh)")
    b=$(mean_ms zsh -f -c "autoload -U compinit; compinit -u -d $work/zcd; source <($kubectl completion zsh)")
    echo "| zsh: compinit + \`source <(X completion zsh)\` | $a | $b | $(python3 -c "print(f'{$b / $a:.1f}x')") |"
fi
echo
echo "(bash --norc -c true alone: $base ms; script sizes: kk $(wc -c <"$work/kk.bash") B, kubectl $(wc -c <"$work/kubectl.bash") B for bash)"
