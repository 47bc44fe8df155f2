#!/usr/bin/env bash
# Benchmark (not a test): preload 5,000 pods into kk-sim and time the list paths.
#   tests/sim/bench/list5000.sh [debug|release]     (default: release)
# Prints wall-clock seconds for: preload-to-ready, raw JSON list (one request), Table list
# (`kubectl get pods`, paged by 500), `kubectl get pods -o json`.
set -euo pipefail
profile="${1:-release}"
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
                       "labels": {"app": "bench", "idx": str(i % 10)}},
          "spec": {"containers": [{"name": "c", "image": "nginx:1.27",
                                   "ports": [{"containerPort": 80}]}]}} for i in range(5000)]
json.dump({"apiVersion": "v1", "kind": "List", "items": items}, open(sys.argv[1], "w"))
PY
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
start=$(date +%s.%N)
# The server exits when this script ends (its stdin, the coprocess pipe, closes).
coproc SIM { exec "$bin" serve --kubeconfig "$work/kc" --preload "$work/pods.json" --exit-on-stdin-eof; }
read -r _ <&"${SIM[0]}"
ready=$(date +%s.%N)
echo "preload 5000 pods to ready: $(echo "$ready - $start" | bc) s"
k=("$kubectl" --kubeconfig "$work/kc" --cache-dir "$work/cache")
"${k[@]}" get ns >/dev/null
echo "raw JSON list (1 request):  $(t "${k[@]}" get --raw /api/v1/namespaces/default/pods) s"
echo "kubectl get pods (Table):   $(t "${k[@]}" get pods) s"
echo "kubectl get pods -o json:   $(t "${k[@]}" get pods -o json) s"
