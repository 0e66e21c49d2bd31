#!/usr/bin/env bash
# The request-level benchmark: embedded Jetty 12 with two endpoints (/read reads a session value, /write changes
# one key), bare and then behind SessionFilter on each engine, each server in its own JVM, loaded by wrk with
# 16 connections on preloaded sessions. Writes docs/request-benchmarks.md (throughput, p50/p99, the filter's
# overhead in % of the bare request, and the machine's load during the run).
#
# Two bare figures per system: the bare server with no session cookie ("none", the first row), and the same
# bare server sent exactly the cookies of the system's run, measured just before it ("none@<system>"). The
# second isolates what the filter costs: Jetty's own work on the request bytes (parsing a 600-character signed
# cookie, its header cache churning on a value that changes every request) is paid with or without the filter.
#
# Needs wrk (Debian package), PostgreSQL and Redis as for the engine benchmarks. About 8 minutes.
# Environment:
#   REQ_SYSTEMS    space-separated systems (default: none cache_ehcache signed_cookies file db_h2 db_postgresql
#                  cache_redis cached_db_redis_postgresql); "none" is the bare server, always run first
#   REQ_DURATION   seconds measured per endpoint (default: 20), after a warm-up of at least REQ_WARMUP seconds
#                  (default: 5) that goes on until the server's JIT compiler threads take under 2 % of its CPU
#                  (request-warm.sh: a fresh server compiles for 20-30 s under wrk, which a fixed 5 s warm-up
#                  charged to the filter servers, started fresh for each system, and not to the long-warm bare one)
#   REQ_DOCS       where the report goes (default: docs/ at the repository root)
#   REQ_TREE       the source tree whose build is measured (default: this script's), e.g. a pristine checkout
#                  of main for a before/after comparison with this script's method
#   REQ_BUILD      0 to use the tree's existing build (default: 1, build it first)
#   REQ_PORT       the engine servers' port (default: 18080); the bare server that gets each system's cookies
#                  listens on REQ_PORT + 1
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${REQ_TREE:-$(dirname "$script_dir")}" && pwd)"
here="$root/sessions-bench"
systems="${REQ_SYSTEMS:-cache_ehcache signed_cookies file db_h2 db_postgresql cache_redis cached_db_redis_postgresql}"
duration="${REQ_DURATION:-20}"
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

measure() { # label port keys-file server-pid
  for endpoint in read write; do
    warm_until_compiled "$2" "$endpoint" "$3" "$4" "$warmup"
    cut -d' ' -f1 /proc/loadavg >> "$load_samples"
    line=$(wrk -t2 -c16 -d"${duration}s" -s "$script_dir/request-bench.lua" "http://127.0.0.1:$2/$endpoint" -- "$3" | grep '^RESULT')
    cut -d' ' -f1 /proc/loadavg >> "$load_samples"
    echo "$1 $endpoint $line" | tee -a "$results"
  done
}

echo "== none"
start none "$bare_port" "$out/keys-none.txt" "$out/server-none.txt"
bare_pid=$started
measure none "$bare_port" "$out/keys-none.txt" "$bare_pid"
for system in $systems; do
  echo "== $system"
  keys="$out/keys-$system.txt"
  start "$system" "$port" "$keys" "$out/server-$system.txt"
  server_pid=$started
  measure "none@$system" "$bare_port" "$keys" "$bare_pid"
  measure "$system" "$port" "$keys" "$server_pid"
  stop_server
done

awk -v ld="$(awk '{ s += $1; if ($1 > m) m = $1; n++ } END { printf "mean %.2f, max %.2f", s / n, m }' "$load_samples")" \
    -v when="$(date -u '+%Y-%m-%d %H:%M UTC')" -v cpus="$(nproc)" -v dur="$duration" '
  function val(key,   i, kv) { for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) return kv[2] } }
  {
    sys = $1; ep = $2; rps = val("requests") / (val("duration_us") / 1e6)
    r[sys, ep] = rps; p50[sys, ep] = val("p50_us") / 1000; p99[sys, ep] = val("p99_us") / 1000
    err[sys, ep] = val("errors") + val("non2xx")
    if (!(sys in seen)) { seen[sys] = 1; order[++n] = sys }
  }
  END {
    print "# Request-level benchmark"
    print ""
    printf "Embedded Jetty 12, one JVM per server (1 GB heap touched at start, -XX:+AlwaysPreTouch), wrk -t2 -c16, %s s per endpoint after a warm-up that lasts until the JIT has settled, on %s (%d cores, load average %s during the run).\n", dur, when, cpus, ld
    print "`/read` reads one value of an existing session (Vary only, no write); `/write` changes one key (one save, Set-Cookie)."
    print "Overhead = how much slower than the same endpoint without sessions, in % of the bare request rate: against `none` (no"
    print "session cookie sent), and against `none@<system>`, the bare server sent the same cookies just before the run of that system"
    print "(the cost of the filter alone: Jetty parses the cookie with or without the filter)."
    print "Re-run: `sessions-bench/request-bench.sh` (see its header for options)."
    print ""
    print "| system | read req/s | read overhead vs none / same cookies | read p50 / p99 ms | write req/s | write overhead vs none / same cookies | write p50 / p99 ms | errors |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= n; i++) {
      s = order[i]
      bare = s ~ /^none/
      same = "none@" s
      ro = bare ? "—" : sprintf("%.0f%% / %.0f%%", 100 * (1 - r[s, "read"] / r["none", "read"]), 100 * (1 - r[s, "read"] / r[same, "read"]))
      wo = bare ? "—" : sprintf("%.0f%% / %.0f%%", 100 * (1 - r[s, "write"] / r["none", "write"]), 100 * (1 - r[s, "write"] / r[same, "write"]))
      printf "| %s | %.0f | %s | %.2f / %.2f | %.0f | %s | %.2f / %.2f | %d |\n", s, r[s, "read"], ro, p50[s, "read"], p99[s, "read"],
        r[s, "write"], wo, p50[s, "write"], p99[s, "write"], err[s, "read"] + err[s, "write"]
    }
  }' "$results" > "$docs/request-benchmarks.md"
echo "== wrote $docs/request-benchmarks.md"
cat "$docs/request-benchmarks.md"
