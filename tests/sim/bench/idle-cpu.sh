#!/usr/bin/env bash
# Benchmark (not a test): how much CPU an idle kk-sim with 5,000 running pods uses.
#   tests/sim/bench/idle-cpu.sh [debug|release] [seconds]     (defaults: debug, 30)
# Preloads 5,000 pods (a Deployment-free List, spread over 5 worker nodes), waits until every
# pod is Running, lets the cluster settle for 5 s, then samples the server's utime+stime from
# /proc/<pid>/stat over the window and prints the percentage of one core. The target is < 5%:
# nothing in the sim may poll faster than needed.
set -euo pipefail
profile="${1:-debug}"
secs="${2:-30}"
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
if [ "$profile" = release ]; then cargo build -q --release -p kk-sim; else cargo build -q -p kk-sim; fi
bin="$root/target/$profile/kk-sim"
kubectl="$(command -v kubectl.1.33 || echo /usr/lib/google-cloud-sdk/bin/kubectl.1.33)"
[ -x "$kubectl" ] || kubectl="$(command -v kubectl)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$work/pods.json" <<'PY'
import json, sys
items = [{"apiVersion": "v1", "kind": "Pod",
          "metadata": {"name": f"pod-{i:04d}", "namespace": "default",
                       "labels": {"app": "idle", "idx": str(i % 10)}},
          "spec": {"containers": [{"name": "c", "image": "nginx:1.27"}]}} for i in range(5000)]
json.dump({"apiVersion": "v1", "kind": "List", "items": items}, open(sys.argv[1], "w"))
PY
# The server exits when this script ends (its stdin, the coprocess pipe, closes).
coproc SIM { exec "$bin" serve --kubeconfig "$work/kc" --nodes 6 --preload "$work/pods.json" --exit-on-stdin-eof; }
pid=$SIM_PID
read -r _ <&"${SIM[0]}"
k=("$kubectl" --kubeconfig "$work/kc" --cache-dir "$work/cache")
start=$(date +%s)
while :; do
  left=$("${k[@]}" get --raw '/api/v1/namespaces/default/pods?fieldSelector=status.phase!=Running&limit=1' \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["items"]) + int(d["metadata"].get("remainingItemCount") or 0))')
  [ "$left" = 0 ] && break
  if [ $(( $(date +%s) - start )) -gt 300 ]; then echo "pods not Running after 300 s ($left left)" >&2; exit 1; fi
  sleep 2
done
echo "5000 pods Running after $(( $(date +%s) - start )) s"
sleep 5
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
t0=$(ticks); s0=$(date +%s.%N)
sleep "$secs"
t1=$(ticks); s1=$(date +%s.%N)
python3 -c "print(f'idle CPU over {float($s1)-float($s0):.1f} s: {100*($t1-$t0)/$hz/(float($s1)-float($s0)):.2f}% of one core')"
