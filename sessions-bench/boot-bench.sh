#!/usr/bin/env bash
# The request-level comparison with Spring Session: one Spring Boot 4 application (sessions-bench-boot: Spring MVC on
# Tomcat) started in four modes, each in its own JVM with the same flags, pools and Tomcat threads:
#   spring-jdbc       Spring Session JDBC on PostgreSQL        sessions4j-db     the sessions4j starter, db engine on
#   spring-redis      Spring Session Data Redis (Jedis)                          the same PostgreSQL
#                                                              sessions4j-redis  the starter, cache engine on Redis
# Each mode gets BOOT_SESSIONS sessions created through the application (their cookies collected from Set-Cookie),
# then wrk -t2 -c16 --latency loads GET /read (reads one session value) and GET /write (changes one key), each after a
# warm-up, with requests spread over those sessions (boot-bench.lua). Rounds run the four modes again in the same
# order; each ratio sessions4j ÷ Spring Session is the median of the rounds' ratios. Writes the report (markdown and a
# PNG chart) with the load average before, during and after the run.
#
# Needs wrk (Debian package), curl, PostgreSQL and Redis as for the tests (SESSIONS_TEST_PG_URL, SESSIONS_TEST_REDIS_URL).
# Uses ports 18100-18199 and tables / Redis keys named s4j_bootbench*, removed when each server stops.
# About 4.5 minutes per round with the defaults.
# Environment:
#   BOOT_MODES     modes, in run order (default: spring-jdbc sessions4j-db spring-redis sessions4j-redis)
#   BOOT_ROUNDS    rounds (default: 3)
#   BOOT_DURATION  seconds measured per request kind (default: 20), after BOOT_WARMUP seconds of the same load (default: 5)
#   BOOT_SESSIONS  sessions preloaded per mode (default: 1000)
#   BOOT_JAVA_OPTS JVM flags of every server (default: -Xms1g -Xmx1g); e.g. add a JFR recording for a profile
#   BOOT_DOCS      the report's markdown file (default: docs/boot-benchmarks.md; the PNG goes beside it)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
module="$root/sessions-bench-boot"
modes="${BOOT_MODES:-spring-jdbc sessions4j-db spring-redis sessions4j-redis}"
rounds="${BOOT_ROUNDS:-3}"
duration="${BOOT_DURATION:-20}"
warmup="${BOOT_WARMUP:-5}"
sessions="${BOOT_SESSIONS:-1000}"
java_opts="${BOOT_JAVA_OPTS:--Xms1g -Xmx1g}"
docs="${BOOT_DOCS:-$root/docs/boot-benchmarks.md}"
out="$module/target/boot-bench"
base_port=18100
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is missing: apt-get install curl" >&2; exit 2; }

echo "== building"
cd "$root"
mvn -B -q package -DskipTests -pl sessions-bench-boot -am
classpath="$module/target/classes:$(cat "$module/target/bench-classpath.txt")"
mkdir -p "$out" "$(dirname "$docs")"
rm -f "$out"/*.txt

server_pid=""
sampler_pid=""
stop_server() { if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi; }
stop_all() { stop_server; if [[ -n "$sampler_pid" ]]; then kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; fi; }
trap stop_all EXIT

results="$out/results.txt"
: > "$results"
cut -d' ' -f1-3 /proc/loadavg > "$out/load-before.txt"
# The 1-minute load average every 5 s for the whole run (servers starting and preloading included).
( while true; do cut -d' ' -f1 /proc/loadavg >> "$out/load-samples.txt"; sleep 5; done ) &
sampler_pid=$!

for round in $(seq 1 "$rounds"); do
  i=0
  for mode in $modes; do
    port=$((base_port + i)); i=$((i + 1))
    ((port <= 18199)) || { echo "too many modes for ports 18100-18199" >&2; exit 2; }
    echo "== round $round: $mode on port $port"
    log="$out/server-$mode-$round.txt"
    # shellcheck disable=SC2086 # java_opts is a list of flags
    java $java_opts -cp "$classpath" io.sessions4j.bench.boot.BootBenchApplication \
        --spring.profiles.active="$mode" --server.port="$port" > "$log" 2>&1 &
    server_pid=$!
    # Up when /read answers (404: no session yet).
    for _ in $(seq 1 120); do
      code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/read" || true)
      [[ "$code" == 404 ]] && break
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 1
    done
    [[ "$code" == 404 ]] || { echo "server $mode did not start:" >&2; cat "$log" >&2; exit 1; }

    # Preload through the application: one keep-alive connection, /create?n=1..N, cookies from Set-Cookie.
    cookies="$out/cookies-$mode-$round.txt"
    curl -s -o /dev/null -D - "http://127.0.0.1:$port/create?n=[1-$sessions]" \
      | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' > "$cookies"
    got=$(wc -l < "$cookies")
    [[ "$got" == "$sessions" ]] || { echo "preloading $mode gave $got cookies instead of $sessions" >&2; exit 1; }

    for kind in read write; do
      url="http://127.0.0.1:$port/$kind"
      wrk -t2 -c16 -d"${warmup}s" -s "$here/boot-bench.lua" "$url" -- "$cookies" > /dev/null
      wrk -t2 -c16 -d"${duration}s" --latency -s "$here/boot-bench.lua" "$url" -- "$cookies" > "$out/wrk-$mode-$kind-$round.txt"
      line=$(grep '^RESULT' "$out/wrk-$mode-$kind-$round.txt")
      echo "$round $mode $kind ${line#RESULT }" | tee -a "$results"
    done
    stop_server
  done
done
kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""
cut -d' ' -f1-3 /proc/loadavg > "$out/load-after.txt"

java -Djava.awt.headless=true -cp "$classpath" io.sessions4j.bench.boot.report.BootBenchReport \
    "$results" "$out" "$docs" "$duration" "$warmup" "$sessions" "$rounds" "$java_opts"
echo "== wrote $docs"
cat "$docs"
