#!/usr/bin/env bash
# The request-level benchmark: embedded Jetty 12 with two endpoints (/read reads a session value, /write changes
# one key), bare and then behind SessionFilter on each engine, each server in its own JVM, loaded by wrk with
# 16 connections on preloaded sessions. Writes docs/request-benchmarks.md (throughput, p50/p99, the filter's
# overhead in % of the bare request, and the machine's load during the run).
#
# Two bare figures: the bare server with no session cookie ("none", the first row, for context), and the same
# bare server sent exactly the cookies of each system ("none@<system>"). The second is what the filter is
# compared with: Jetty's own work on the request bytes (parsing a 600-character signed cookie, its header cache
# churning on a value that changes every request) is paid with or without the filter.
#
# Paired, as the issue's "honest numbers" ask: both servers run side by side and wrk loads them in alternate
# windows (bare, filter, bare, filter, ...; REQ_PAIRS pairs of REQ_DURATION / REQ_PAIRS seconds each), so a
# change in the machine's state between two figures lands on both sides. The overhead is the median of the
# pairs' own overheads, with their spread; throughput is over all of a side's windows, p50/p99 the median of
# its windows'. One 20 s window per side (the method before 2026-12-01) moved by 10-20 points between runs
# under the same load.
#
# Needs wrk (Debian package), PostgreSQL and Redis as for the engine benchmarks. About 30 minutes (7 systems).
# Environment:
#   REQ_SYSTEMS    space-separated systems (default: cache_ehcache signed_cookies file db_h2 db_postgresql
#                  cache_redis cached_db_redis_postgresql)
#   REQ_DURATION   seconds measured per endpoint and side (default: 20), in REQ_PAIRS windows (default: 5), after
#                  a warm-up of at least REQ_WARMUP seconds (default: 5) that goes on until the server's JIT
#                  compiler threads take under 2 % of its CPU (request-warm.sh: a fresh server compiles for
#                  20-30 s under wrk, which a fixed 5 s warm-up charged to the filter servers, started fresh for
#                  each system, and not to the long-warm bare one)
#   REQ_DOCS       where the report goes (default: docs/ at the repository root)
#   REQ_TREE       the source tree whose build is measured (default: this script's), e.g. a pristine checkout
#                  of main for a before/after comparison with this script's method
#   REQ_BUILD      0 to use the tree's existing build (default: 1, build it first)
#   REQ_PORT       the engine servers' port (default: 18080); the bare server listens on REQ_PORT + 1
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${REQ_TREE:-$(dirname "$script_dir")}" && pwd)"
here="$root/sessions-bench"
systems="${REQ_SYSTEMS:-cache_ehcache signed_cookies file db_h2 db_postgresql cache_redis cached_db_redis_postgresql}"
duration="${REQ_DURATION:-20}"
pairs="${REQ_PAIRS:-5}"
window=$(( (duration + pairs - 1) / pairs ))
warmup="${REQ_WARMUP:-5}"
docs="${REQ_DOCS:-$root/docs}"
out="$here/target/request-bench"
port="${REQ_PORT:-18080}"
bare_port=$((port + 1))
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
source "$script_dir/request-warm.sh"

echo "== building"
cd "$root"
if [[ "${REQ_BUILD:-1}" != 0 ]]; then mvn -B -q package -DskipTests -pl sessions-bench -am; fi
classpath="$here/target/classes:$(cat "$here/target/bench-classpath.txt")"
mkdir -p "$out" "$docs"
rm -f "$out"/*.txt

server_pid=""
bare_pid=""
stop_server() { if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi; }
stop_all() { stop_server; if [[ -n "$bare_pid" ]]; then kill "$bare_pid" 2>/dev/null || true; wait "$bare_pid" 2>/dev/null || true; fi; }
trap stop_all EXIT

load_samples="$out/load.txt"
results="$out/results.txt"
: > "$results"

start() { # system port keys-file log -> pid in $started
  # Emptied here, not by the background redirection: that may run after the wait below has read a previous
  # run's "ready" line.
  : > "$4"
  java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" \
      io.sessions4j.bench.http.RequestServer "$1" "$2" "$3" > "$4" 2>&1 &
  started=$!
  for _ in $(seq 1 120); do grep -q '^ready' "$4" 2>/dev/null && break; sleep 1; done
  grep -q '^ready' "$4" || { echo "server $1 did not start:" >&2; cat "$4" >&2; exit 1; }
}

run_wrk() { # port endpoint keys-file seconds -> the RESULT line
  wrk -t2 -c16 -d"$4s" -s "$script_dir/request-bench.lua" "http://127.0.0.1:$1/$2" -- "$3" | grep '^RESULT'
}

measure_alone() { # label port keys-file server-pid: the no-cookie bare server, for context
  for endpoint in read write; do
    warm_until_compiled "$2" "$endpoint" "$3" "$4" "$warmup"
    cut -d' ' -f1 /proc/loadavg >> "$load_samples"
    echo "$1 $endpoint 0 $(run_wrk "$2" "$endpoint" "$3" "$duration")" | tee -a "$results"
    cut -d' ' -f1 /proc/loadavg >> "$load_samples"
  done
}

measure_paired() { # system keys-file: the bare server and the system's server in alternate windows
  for endpoint in read write; do
    warm_until_compiled "$bare_port" "$endpoint" "$2" "$bare_pid" "$warmup"
    warm_until_compiled "$port" "$endpoint" "$2" "$server_pid" "$warmup"
    for pair in $(seq 1 "$pairs"); do
      cut -d' ' -f1 /proc/loadavg >> "$load_samples"
      echo "none@$1 $endpoint $pair $(run_wrk "$bare_port" "$endpoint" "$2" "$window")" | tee -a "$results"
      echo "$1 $endpoint $pair $(run_wrk "$port" "$endpoint" "$2" "$window")" | tee -a "$results"
    done
    cut -d' ' -f1 /proc/loadavg >> "$load_samples"
  done
}

echo "== none"
start none "$bare_port" "$out/keys-none.txt" "$out/server-none.txt"
bare_pid=$started
measure_alone none "$bare_port" "$out/keys-none.txt" "$bare_pid"
for system in $systems; do
  echo "== $system"
  keys="$out/keys-$system.txt"
  start "$system" "$port" "$keys" "$out/server-$system.txt"
  server_pid=$started
  measure_paired "$system" "$keys"
  stop_server
done

awk -v ld="$(awk '{ s += $1; if ($1 > m) m = $1; n++ } END { printf "mean %.2f, max %.2f", s / n, m }' "$load_samples")" \
    -v when="$(date -u '+%Y-%m-%d %H:%M UTC')" -v cpus="$(nproc)" -v dur="$duration" -v pairs="$pairs" -v window="$window" '
  function val(key,   i, kv) { for (i = 4; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) return kv[2] } }
  function median(a, n,   i, j, t) { # sorts a[1..n] in place
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  {
    sys = $1; ep = $2; k = sys SUBSEP ep; w = ++windows[k]
    req[k] += val("requests"); us[k] += val("duration_us"); err[k] += val("errors") + val("non2xx")
    rate[k, $3] = val("requests") / (val("duration_us") / 1e6)
    p50[k, w] = val("p50_us") / 1000; p99[k, w] = val("p99_us") / 1000
    if (!(sys in seen)) { seen[sys] = 1; order[++n] = sys }
  }
  function latency(k, p,   a, i) { for (i = 1; i <= windows[k]; i++) a[i] = p[k, i]; return median(a, windows[k]) }
  function overhead(s, ep,   k, b, i, a, m, lo, hi) { # median and range of the overhead of each pair, in %
    k = s SUBSEP ep; b = "none@" s SUBSEP ep
    for (i = 1; i <= windows[k]; i++) {
      a[i] = 100 * (1 - rate[k, i] / rate[b, i])
      if (i == 1 || a[i] < lo) lo = a[i]
      if (i == 1 || a[i] > hi) hi = a[i]
    }
    m = median(a, windows[k])
    return sprintf("%.1f%% (%.0f to %.0f)", m, lo, hi)
  }
  END {
    print "# Request-level benchmark"
    print ""
    printf "Embedded Jetty 12, one JVM per server (1 GB heap touched at start, -XX:+AlwaysPreTouch), wrk -t2 -c16, %s s per endpoint and side in %d paired windows of %d s (bare, filter, bare, filter, ...) after a warm-up that lasts until the JIT has settled, on %s (%d cores, load average %s during the run).\n", dur, pairs, window, when, cpus, ld
    print "`/read` reads one value of an existing session (Vary only, no write); `/write` changes one key (one save, Set-Cookie)."
    print "Overhead = how much slower than the same endpoint of the bare server sent the same cookies (`none@<system>`), in % of"
    print "its request rate: the median of the overhead of each pair, with the lowest and highest pair in brackets. `none` is the bare"
    print "server with no cookie at all, measured once for context (what Jetty spends on the cookie itself)."
    print "Throughput is over all windows of a side; p50 / p99 are the medians of the percentiles of its windows."
    print "Re-run: `sessions-bench/request-bench.sh` (see its header for options)."
    print ""
    print "| system | read req/s | read overhead (pairs) | read p50 / p99 ms | write req/s | write overhead (pairs) | write p50 / p99 ms | errors |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= n; i++) {
      s = order[i]; r = s SUBSEP "read"; wr = s SUBSEP "write"
      bare = s ~ /^none/
      printf "| %s | %.0f | %s | %.2f / %.2f | %.0f | %s | %.2f / %.2f | %d |\n", s, req[r] / (us[r] / 1e6),
        bare ? "—" : overhead(s, "read"), latency(r, p50), latency(r, p99), req[wr] / (us[wr] / 1e6),
        bare ? "—" : overhead(s, "write"), latency(wr, p50), latency(wr, p99), err[r] + err[wr]
    }
  }' "$results" > "$docs/request-benchmarks.md"
echo "== wrote $docs/request-benchmarks.md"
cat "$docs/request-benchmarks.md"
