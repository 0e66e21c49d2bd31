#!/usr/bin/env bash
# The request-level benchmark: embedded Jetty 12 with two endpoints (/read reads a session value, /write changes
# one key), bare and then behind SessionFilter on each engine, each server in its own JVM, loaded by wrk with
# 16 connections on preloaded sessions. Writes docs/request-benchmarks.md (throughput, p50/p99, the filter's
# overhead in % of the bare request, and the machine's load during the run).
#
# Needs wrk (Debian package), PostgreSQL and Redis as for the engine benchmarks. About 8 minutes.
# Environment:
#   REQ_SYSTEMS    space-separated systems (default: none cache_ehcache signed_cookies file db_h2 db_postgresql
#                  cache_redis cached_db_redis_postgresql); "none" is the bare server, always run first
#   REQ_DURATION   seconds measured per endpoint (default: 20), after REQ_WARMUP seconds (default: 5)
#   REQ_DOCS       where the report goes (default: docs/ at the repository root)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
systems="${REQ_SYSTEMS:-cache_ehcache signed_cookies file db_h2 db_postgresql cache_redis cached_db_redis_postgresql}"
duration="${REQ_DURATION:-20}"
warmup="${REQ_WARMUP:-5}"
docs="${REQ_DOCS:-$root/docs}"
out="$here/target/request-bench"
port=18080
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }

echo "== building"
cd "$root"
mvn -B -q package -DskipTests -pl sessions-bench -am
classpath="$here/target/classes:$(cat "$here/target/bench-classpath.txt")"
mkdir -p "$out" "$docs"
rm -f "$out"/*.txt

server_pid=""
stop_server() { if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi; }
trap stop_server EXIT

load_samples="$out/load.txt"
results="$out/results.txt"
: > "$results"
for system in none $systems; do
  echo "== $system"
  keys="$out/keys-$system.txt"
  java -Xms1g -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" \
      io.sessions4j.bench.http.RequestServer "$system" "$port" "$keys" > "$out/server-$system.txt" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do grep -q '^ready' "$out/server-$system.txt" 2>/dev/null && break; sleep 1; done
  grep -q '^ready' "$out/server-$system.txt" || { echo "server $system did not start:" >&2; cat "$out/server-$system.txt" >&2; exit 1; }
  for endpoint in read write; do
    wrk -t2 -c16 -d"${warmup}s" -s "$here/request-bench.lua" "http://127.0.0.1:$port/$endpoint" -- "$keys" > /dev/null
    cut -d' ' -f1 /proc/loadavg >> "$load_samples"
    line=$(wrk -t2 -c16 -d"${duration}s" -s "$here/request-bench.lua" "http://127.0.0.1:$port/$endpoint" -- "$keys" | grep '^RESULT')
    cut -d' ' -f1 /proc/loadavg >> "$load_samples"
    echo "$system $endpoint $line" | tee -a "$results"
  done
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
    printf "Embedded Jetty 12, one JVM per server, wrk -t2 -c16, %s s per endpoint after warm-up, on %s (%d cores, load average %s during the run).\n", dur, when, cpus, ld
    print "`/read` reads one value of an existing session (Vary only, no write); `/write` changes one key (one save, Set-Cookie)."
    print "Overhead = how much slower than the same endpoint without sessions (`none`), in % of the bare request rate."
    print "Re-run: `sessions-bench/request-bench.sh` (see its header for options)."
    print ""
    print "| system | read req/s | read overhead | read p50 / p99 ms | write req/s | write overhead | write p50 / p99 ms | errors |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= n; i++) {
      s = order[i]
      ro = s == "none" ? "—" : sprintf("%.0f%%", 100 * (1 - r[s, "read"] / r["none", "read"]))
      wo = s == "none" ? "—" : sprintf("%.0f%%", 100 * (1 - r[s, "write"] / r["none", "write"]))
      printf "| %s | %.0f | %s | %.2f / %.2f | %.0f | %s | %.2f / %.2f | %d |\n", s, r[s, "read"], ro, p50[s, "read"], p99[s, "read"],
        r[s, "write"], wo, p50[s, "write"], p99[s, "write"], err[s, "read"] + err[s, "write"]
    }
  }' "$results" > "$docs/request-benchmarks.md"
echo "== wrote $docs/request-benchmarks.md"
cat "$docs/request-benchmarks.md"
