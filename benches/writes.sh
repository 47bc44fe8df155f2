#!/usr/bin/env bash
# Benchmark (not a test; CI must not run it): kk vs kubectl 1.33 changing objects, on one
# kk-sim (release builds), each figure for both clients in the same run:
#
#   - `apply -f` of a 500-object manifest (400 ConfigMaps, 50 Secrets, 50 Services) into an
#     empty namespace (500 created), then again into the same namespace (500 unchanged: a
#     GET and a three-way diff each);
#   - `create deployment x --image=nginx --dry-run=client -o yaml` (no request at all).
#
#   benches/writes.sh [--reuse] [--runs N]
#
#   --reuse    use the existing target/release binaries instead of building them
#   --runs N   runs per command and client, kk and kubectl alternating (default 5)
#
# Each apply run gets its own fresh namespace, made before timing. Both clients' discovery
# caches are warm. Same stdout (namespace names masked) is checked on the first run of each
# command. Everything lives in a temp dir; everything started is killed on exit; the server
# listens on 127.0.0.1 only. Prints a Markdown report.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=benches/lib.sh
. "$root/benches/lib.sh"
bench_args 1 18 "$@"
bench_binaries
bench_workdir

python3 - "$work/manifest.yaml" <<'PY'
import sys
docs = []
for i in range(400):
    docs.append(f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{i:03d}\n  labels: {{app: bench}}\n"
                f"data:\n  index: \"{i}\"\n  settings.conf: |\n    level=info\n    worker={i % 8}\n")
for i in range(50):
    docs.append(f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: secret-{i:02d}\n  labels: {{app: bench}}\n"
                f"type: Opaque\nstringData:\n  password: pw-{i}\n")
for i in range(50):
    docs.append(f"apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-{i:02d}\n  labels: {{app: bench}}\n"
                f"spec:\n  selector: {{app: web-{i}}}\n  ports:\n  - name: http\n    port: 80\n    targetPort: 8080\n")
open(sys.argv[1], "w").write("---\n".join(docs))
PY

start_plain_sim --bare
kkc=("$kk" --kubeconfig "$work/kc" --cache-dir "$work/cache-kk")
kcc=("$kubectl" --kubeconfig "$work/kc" --cache-dir "$work/cache-kubectl")
"${kkc[@]}" api-resources >/dev/null
"${kcc[@]}" api-resources >/dev/null
wait_quiet

rows=()
compared=0
# Times `setup` (untimed, given the run's namespace) then the command (`NS` in it replaced)
# with kk and kubectl alternately; adds a report row.
compare() {
    local label="$1" setup="$2"; shift 2
    local i f kkf="$work/kk.runs" kcf="$work/kc.runs"
    : >"$kkf"; : >"$kcf"
    compared=$((compared + 1))
    echo "timing: $label" >&2
    for i in $(seq 1 "$runs"); do
        for f in kk kc; do
            local ns="bench-$compared-$f-$i" args=() a
            for a in "$@"; do args+=("${a//NS/$ns}"); done
            [ -n "$setup" ] && $setup "$ns"
            measure_run "$f" "$ns" "$i" "${args[@]}"
        done
    done
    local same=no
    cmp -s "$work/kk.out" "$work/kc.out" && same=yes
    local lines
    lines=$(wc -l <"$work/kk.out")
    rm -f "$work/kk.out" "$work/kc.out"
    local kw cw wr kr cr
    kw=$(summary "$kkf" wall '{:.3f}'); cw=$(summary "$kcf" wall '{:.3f}')
    kr=$(summary "$kkf" rss '{:.0f}'); cr=$(summary "$kcf" rss '{:.0f}')
    wr=$(ratio "$(median "$kcf" wall)" "$(median "$kkf" wall)")
    rows+=("| \`$label\` | $kw | $cw | ${wr}x | $kr | $cr | $same ($lines lines) |")
}

fresh_namespace() { "${kcc[@]}" create namespace "$1" >/dev/null; }
applied_namespace() {
    "${kcc[@]}" create namespace "$1" >/dev/null
    "${kcc[@]}" apply -n "$1" -f "$work/manifest.yaml" >/dev/null
    wait_quiet
}

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
compare "apply -f manifest.yaml (500 created)" fresh_namespace apply -n NS -f "$work/manifest.yaml"
compare "apply -f manifest.yaml (500 unchanged)" applied_namespace apply -n NS -f "$work/manifest.yaml"
compare "create deployment x --image=nginx --dry-run=client -o yaml" "" \
    create deployment x --image=nginx --dry-run=client -o yaml

cat <<EOF

## kk vs kubectl $("$kubectl" version --client 2>/dev/null | sed -n 's/^Client Version: //p') changing objects — $(date -u '+%Y-%m-%d %H:%M UTC')

$(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); load average
$load_start at start, $(cut -d' ' -f1-3 /proc/loadavg) at end. kk-sim and kk release builds;
$runs runs per command, kk and kubectl alternating, each apply into its own namespace made
(and, for the second row, applied once and settled) before timing; median (min-max). Wall in
seconds, peak RSS in MiB; the ratio is kubectl/kk of the median wall times.

| Command | kk wall | kubectl wall | kubectl/kk | kk RSS | kubectl RSS | same stdout |
| --- | ---: | ---: | ---: | ---: | ---: | --- |
EOF
printf '%s\n' "${rows[@]}"
