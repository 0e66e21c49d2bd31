#!/usr/bin/env bash
# The request-level benchmark's load-independent twin: the same servers as request-bench.sh (RequestServer,
# embedded Jetty 12, one JVM each, wrk -t2 -c16 on preloaded sessions), but what it reports is each server's
# CPU time and heap allocation per request (ServerMeter: process CPU time and all threads' allocated bytes,
# read over JMX before and after each wrk window, divided by the requests wrk counted). Throughput on a busy
# machine says little; CPU per request is what the request costs, so the filter's overhead is
# filter CPU/request over the bare server's, measured in interleaved rounds: bare (sent the same cookies),
# this tree's filter, then, with REQ_BASE set, the same filter built from another tree (a before/after A/B).
#
# Per request, in each wrk window: process CPU time (moves with the machine's load: wake-ups, batching), the CPU
# time of the handling thread inside the server's handler (RequestMeter: the thread's own clock, so the same code
# costs the same on a busy machine; Jetty's parsing and socket I/O before and after are left out, and are the same
# with or without the filter), and heap allocation (exact, load-independent).
# Also per request and window: the server's JIT compiler threads' CPU (included in process CPU; each server is warmed
# until they settle, request-warm.sh, but they can come back in a round) and wrk's own CPU: the machine CPU of a
# request is the server's plus wrk's. wrk's grows when the server is slower even for the same bytes on the wire
# (fewer responses per wake-up: a bare server slowed by a 2.5 µs busy loop cost wrk +1.4 µs per request,
# 2026-11-30), so it is reported, not subtracted.
# Output: one line per window in target/request-cpu/windows.txt and a summary per system (medians over rounds):
# the filter's overhead = its handler CPU minus the bare server's, in % of the bare server's process CPU per
# request; "throughput-equivalent" = 1 - bare/(bare + overhead), the rate a CPU-bound quiet machine would lose
# (request-bench.sh's definition). The paired process-CPU ratio is printed too; under load it is noisy.
# Environment:
#   REQ_SYSTEMS   systems (default: cache_ehcache signed_cookies)
#   REQ_ENDPOINT  read or write (default: read)
#   REQ_UNTOUCHED 1 to measure also /untouched on the filter server (the filter around a request that never
#                 touches its session; its handler CPU over the bare server's is the filter's fixed cost, and
#                 /read minus /untouched the session read)
#   REQ_ROUNDS    interleaved rounds (default: 5); REQ_DURATION seconds per window (default: 8); REQ_WARMUP
#                 seconds of warm-up at least per server and path before the first round (default: 15), longer
#                 until the JIT has settled (request-warm.sh)
#   REQ_TREE      the tree whose filter is measured (default: this script's); REQ_BASE a second tree (optional)
#   REQ_BUILD     0 to use the trees' existing builds (default: 1)
#   REQ_PORT      this tree's filter server; REQ_PORT + 1 the bare server, REQ_PORT + 10 REQ_BASE's filter server
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${REQ_TREE:-$(dirname "$script_dir")}" && pwd)"
base="${REQ_BASE:+$(cd "$REQ_BASE" && pwd)}"
systems="${REQ_SYSTEMS:-cache_ehcache signed_cookies}"
endpoint="${REQ_ENDPOINT:-read}"
rounds="${REQ_ROUNDS:-5}"
duration="${REQ_DURATION:-8}"
warmup="${REQ_WARMUP:-15}"
port="${REQ_PORT:-18080}"
out="$script_dir/target/request-cpu"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
source "$script_dir/request-warm.sh"

if [[ "${REQ_BUILD:-1}" != 0 ]]; then
  for tree in "$root" $base; do (cd "$tree" && mvn -B -q package -DskipTests -pl sessions-bench -am); done
fi
# Every server runs this script's bench classes (RequestServer with its RequestMeter) over the measured tree's
# modules, so that a tree from before the meter is measured the same way.
classpath_of() { echo "$script_dir/target/classes:$(cat "$1/sessions-bench/target/bench-classpath.txt")"; }
meter_classpath="$(classpath_of "$script_dir/..")"
mkdir -p "$out"
windows="$out/windows.txt"
: > "$windows"

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap stop_all EXIT

start() { # tree system port keys-file log -> pid in $started
  # Emptied here, not by the background redirection: that may run after the wait below has read a previous
  # run's "ready" line.
  : > "$5"
  java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dsessions4j.bench.meter=true \
      -cp "$(classpath_of "$1")" \
      io.sessions4j.bench.http.RequestServer "$2" "$3" "$4" > "$5" 2>&1 &
  started=$!
  pids+=("$started")
  for _ in $(seq 1 300); do grep -q '^ready' "$5" 2>/dev/null && break; sleep 1; done
  grep -q '^ready' "$5" || { echo "server $2 did not start:" >&2; cat "$5" >&2; exit 1; }
}

load() { # port path keys-file seconds -> the RESULT line, wrk's CPU seconds (user + system) in $out/wrk-cpu.txt
  local TIMEFORMAT='%U %S'
  { time wrk -t2 -c16 -d"$4s" -s "$script_dir/request-bench.lua" "http://127.0.0.1:$1/$2" -- "$3" > "$out/wrk.txt"; } 2> "$out/wrk-cpu.txt"
  grep '^RESULT' "$out/wrk.txt"
}

snapshot() { # -> "cpu_ns allocated_bytes handled handler_cpu_ns" of the server $snap_pid
  echo >&7
  local line
  for _ in "${pids[@]}"; do
    read -r line <&8
    set -- $line
    if [[ "$1" == "$snap_pid" ]]; then snap="$2 $3 $4 $5"; fi
  done
}

for system in $systems; do
  echo "== $system ($endpoint)"
  keys="$out/keys-$system.txt"
  start "$root" "$system" "$port" "$keys" "$out/server-$system.txt"; filter_pid=$started
  start "$root" none "$((port + 1))" "$out/keys-none.txt" "$out/server-none.txt"; bare_pid=$started
  # One entry per measured window of a round: label, server, port, path, the cookies sent.
  labels=(bare filter); servers=("$bare_pid" "$filter_pid"); ports=($((port + 1)) "$port")
  paths=("$endpoint" "$endpoint"); cookies=("$keys" "$keys")
  if [[ "${REQ_UNTOUCHED:-0}" != 0 ]]; then
    labels+=(untouched); servers+=("$filter_pid"); ports+=("$port"); paths+=(untouched); cookies+=("$keys")
  fi
  if [[ -n "$base" ]]; then
    start "$base" "$system" "$((port + 10))" "$out/keys-base-$system.txt" "$out/server-base-$system.txt"
    labels+=(base); servers+=("$started"); ports+=($((port + 10))); paths+=("$endpoint")
    cookies+=("$out/keys-base-$system.txt")
  fi
  meter_in="$out/meter.in"; meter_out="$out/meter.out"
  rm -f "$meter_in" "$meter_out"; mkfifo "$meter_in" "$meter_out"
  # The meter reads fd 7's snapshot requests and answers on fd 8, one line per server.
  java -cp "$meter_classpath" io.sessions4j.bench.http.ServerMeter "${pids[@]}" < "$meter_in" > "$meter_out" &
  meter_pid=$!
  exec 7> "$meter_in" 8< "$meter_out"
  for i in "${!labels[@]}"; do
    echo "${labels[$i]}: $(warm_until_compiled "${ports[$i]}" "${paths[$i]}" "${cookies[$i]}" "${servers[$i]}" "$warmup")"
  done
  for round in $(seq 1 "$rounds"); do
    for i in "${!labels[@]}"; do
      snap_pid="${servers[$i]}"
      snapshot; before="$snap"; jit0=$(thread_ticks "$snap_pid" Compiler)
      result=$(load "${ports[$i]}" "${paths[$i]}" "${cookies[$i]}" "$duration")
      snapshot; after="$snap"; jit1=$(thread_ticks "$snap_pid" Compiler)
      read -r wrk_user wrk_sys < "$out/wrk-cpu.txt"
      requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<< "$result")
      read -r c0 a0 h0 t0 <<< "$before"; read -r c1 a1 h1 t1 <<< "$after"
      line="$system ${labels[$i]} round=$round requests=$requests $(awk -v c=$((c1 - c0)) -v a=$((a1 - a0)) \
          -v h=$((h1 - h0)) -v t=$((t1 - t0)) -v n="$requests" 'BEGIN {
            printf "cpu_us_per_req=%.3f alloc_b_per_req=%.0f handler_cpu_us_per_req=%.3f", c / n / 1000, a / n, (h > 0 ? t / h / 1000 : -1) }') $(awk \
          -v j=$((jit1 - jit0)) -v hz="$(getconf CLK_TCK)" -v w="$wrk_user" -v s="$wrk_sys" -v n="$requests" 'BEGIN {
            printf "jit_us_per_req=%.3f wrk_us_per_req=%.3f", j / hz / n * 1e6, (w + s) / n * 1e6 }') load=$(cut -d' ' -f1 /proc/loadavg)"
      echo "$line" | tee -a "$windows"
    done
  done
  exec 7>&- 8<&-
  wait "$meter_pid" || true
  rm -f "$out/meter.in" "$out/meter.out"
  stop_all
done

echo "== summary (medians over rounds, per request; load = 1-min load average)"
awk '
  function val(key,   i, kv) { for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) return kv[2] } }
  function median(list, n,   i, j, t, a) {
    for (i = 1; i <= n; i++) a[i] = list[i]
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  {
    s = $1; l = $2; r = val("round")
    cpu[s, l, r] = val("cpu_us_per_req"); alloc[s, l, r] = val("alloc_b_per_req"); hcpu[s, l, r] = val("handler_cpu_us_per_req")
    jit[s, l, r] = val("jit_us_per_req"); wrk[s, l, r] = val("wrk_us_per_req")
    ld[s] += val("load"); nl[s]++
    if (!((s, l) in seen)) { seen[s, l] = 1; labels[s] = labels[s] " " l }
    if (!(s in sys)) { sys[s] = 1; order[++ns] = s }
    if (r > rounds[s]) rounds[s] = r
  }
  END {
    for (k = 1; k <= ns; k++) {
      s = order[k]; n = split(labels[s], ls, " "); R = rounds[s]
      printf "%s (load mean %.1f, %d rounds)\n", s, ld[s] / nl[s], R
      for (r = 1; r <= R; r++) b[r] = cpu[s, "bare", r]
      bare = median(b, R)
      for (j = 1; j <= n; j++) {
        l = ls[j]; delete c; delete a; delete h; delete o; delete x; delete jj; delete w; delete m; delete dw
        for (r = 1; r <= R; r++) {
          c[r] = cpu[s, l, r]; a[r] = alloc[s, l, r]; h[r] = hcpu[s, l, r]; jj[r] = jit[s, l, r]; w[r] = wrk[s, l, r]
          o[r] = cpu[s, l, r] / cpu[s, "bare", r] - 1; x[r] = hcpu[s, l, r] - hcpu[s, "bare", r]
          m[r] = cpu[s, l, r] - cpu[s, "bare", r]; dw[r] = wrk[s, l, r] - wrk[s, "bare", r]
        }
        printf "  %-7s process CPU %7.2f us (JIT %5.2f)  handler CPU %6.2f us  wrk CPU %6.2f us  alloc %6.0f B", l, median(c, R),
          median(jj, R), median(h, R), median(w, R), median(a, R)
        if (l != "bare") {
          e = median(x, R)
          printf "\n          handler CPU over bare %+.2f us = %+.1f %% of the bare process CPU (throughput-equivalent %.1f %%);", e, 100 * e / bare, 100 * (1 - bare / (bare + e))
          printf " process CPU over bare, paired: %+.1f %% (%+.2f us), wrk CPU %+.2f us", 100 * median(o, R), median(m, R), median(dw, R)
        }
        printf "\n"
      }
    }
  }' "$windows" | tee "$out/summary.txt"
