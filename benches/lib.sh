# Shared start-up of the benchmarks (sourced, not run): release binaries, kubectl 1.33, a temp
# work dir removed on exit, one kk-sim on 127.0.0.1 killed on exit, and one measured run of
# a command (wall time, time to first byte of stdout, peak RSS) with median/min-max helpers.
#
# Expects `root` (the repository) to be set; `bench_args` sets `runs` and `reuse`.

# The options every benchmark takes: `--reuse`, `--runs N` (at least $1; default 5) and
# `-h/--help` (prints the script's header comment, lines 2 to $2). Needs python3.
bench_args() {
    local min="$1" help_last="$2"
    shift 2
    runs=5
    reuse=0
    while [ $# -gt 0 ]; do
        case "$1" in
            --reuse) reuse=1 ;;
            --runs) runs="${2:?--runs needs a number}"; shift ;;
            -h|--help) sed -n "2,${help_last}p" "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
            *) echo "error: unknown argument: $1" >&2; exit 1 ;;
        esac
        shift
    done
    case "$runs" in ''|*[!0-9]*) echo "error: --runs needs a number" >&2; exit 1 ;; esac
    [ "$runs" -ge "$min" ] || { echo "error: --runs must be at least $min" >&2; exit 1; }
    command -v python3 >/dev/null 2>&1 || { echo "error: python3 is required" >&2; exit 1; }
}

# Builds (unless reuse=1) and locates kk, kk-sim and the real kubectl 1.33.
bench_binaries() {
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
}

# A temp dir (`work`) with a private HOME and KUBECONFIG, removed on exit with the sim.
bench_workdir() {
    work="$(mktemp -d "${TMPDIR:-/tmp}/kk-bench.XXXXXX")"
    sim_pid=""
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
    export HOME="$work/home" KUBECONFIG="$work/kc"
    mkdir -p "$HOME"
    unset KUBECACHEDIR
    bench_measure_py
}

stop_sim() {
    if [ -n "$sim_pid" ]; then
        kill "$sim_pid" 2>/dev/null || true
        wait "$sim_pid" 2>/dev/null || true
        sim_pid=""
    fi
}

bench_cleanup() {
    stop_sim
    rm -rf "$work"
}

# Starts `kk-sim serve` (extra arguments passed on, e.g. `--preload FILE`), sets `sim_url`,
# and writes the admin client certificate as files for curl (`ca.crt`, `client.crt/key`).
start_plain_sim() {
    "$sim" serve --listen 127.0.0.1:0 --kubeconfig "$work/kc" "$@" \
        >"$work/sim.out" 2>"$work/sim.err" </dev/null &
    sim_pid=$!
    local url=""
    while [ -z "$url" ]; do
        kill -0 "$sim_pid" 2>/dev/null || { echo "error: kk-sim died:" >&2; cat "$work/sim.err" >&2; exit 1; }
        url=$(sed -n 's/^kk-sim ready //p' "$work/sim.out")
        [ -n "$url" ] || sleep 0.05
    done
    sim_url=$url
    python3 - "$work/kc" "$work" <<'PY'
import base64, re, sys
text = open(sys.argv[1]).read()
def field(name):
    m = re.search(name + r":\s*(\S+)", text)
    return base64.b64decode(m.group(1))
for name, f in [("certificate-authority-data", "ca.crt"), ("client-certificate-data", "client.crt"),
                ("client-key-data", "client.key")]:
    open(f"{sys.argv[2]}/{f}", "wb").write(field(name))
PY
}

clk_tck=$(getconf CLK_TCK)
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }

# Waits until the sim uses under 5% of a core for 2 s.
wait_quiet() {
    while :; do
        local a b
        a=$(cpu_ticks "$sim_pid"); sleep 2; b=$(cpu_ticks "$sim_pid")
        [ $(( (b - a) * 100 )) -lt $(( clk_tck * 10 )) ] && break
    done
}

# One run of a command: wall time, time to the first byte of stdout, peak RSS (wait4's
# ru_maxrss), stdout bytes and exit code, as JSON. stdout goes through a pipe into this
# process (and, with --save FILE, into a file), stderr to /dev/null.
bench_measure_py() {
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
}

# One measured run of "$@" by client $1 (kk or kc, from bench_binaries) in namespace $2, run
# number $3, appended to the caller's $kkf/$kcf; run 1 also keeps its output in $work/$1.out,
# with the namespace written as NS, for the kk-vs-kubectl byte comparison.
measure_run() {
    local f=$1 ns=$2 i=$3
    shift 3
    local client=("${kkc[@]}") runsf="$kkf"
    if [ "$f" = kc ]; then client=("${kcc[@]}"); runsf="$kcf"; fi
    if [ "$i" = 1 ]; then
        python3 "$work/measure.py" --save "$work/$f.out" "${client[@]}" "$@" >>"$runsf"
        sed -i "s/$ns/NS/g" "$work/$f.out"
    else
        python3 "$work/measure.py" "${client[@]}" "$@" >>"$runsf"
    fi
}

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
