#!/usr/bin/env bash
# The request-level comparison with Spring Session: one Spring Boot 4 application (sessions-bench-boot: Spring MVC on
# Tomcat) started in four modes, each in its own JVM with the same flags, pools and Tomcat threads:
#   postgresql: spring-jdbc (Spring Session JDBC)        against sessions4j-db (the starter's db engine)
#   redis:      spring-redis (Spring Session Data Redis) against sessions4j-redis (the starter's cache engine)
# The two JVMs of a backend run at the same time; each gets BOOT_SESSIONS sessions created through the application
# (cookies collected from Set-Cookie), a warm-up of BOOT_WARMUP s per request kind, then wrk -t2 -c16 --latency loads
# GET /read (reads one session value) and GET /write (changes one key) on one JVM at a time, requests spread over the
# preloaded sessions (boot-bench.lua). Each round measures both sides back to back (Spring Session first in odd
# rounds, sessions4j first in even ones), so a ratio compares two figures taken seconds apart on the same machine
# state; the report gives the median of the rounds' ratios, the load average, and a PNG chart.
#
# Needs wrk (Debian package), curl, PostgreSQL and Redis as for the tests (SESSIONS_TEST_PG_URL, SESSIONS_TEST_REDIS_URL).
# Uses ports 18100-18199 and tables / Redis keys named s4j_bootbench*, removed when each server stops.
# About 5 minutes per backend with the defaults.
# Environment:
#   BOOT_BACKENDS  backends, in run order (default: postgresql redis)
#   BOOT_ROUNDS    rounds (default: 3)
#   BOOT_DURATION  seconds measured per request kind and mode (default: 20), after BOOT_WARMUP s of warm-up (default: 5)
#   BOOT_SESSIONS  sessions preloaded per mode (default: 1000)
#   BOOT_JAVA_OPTS JVM flags of every server (default: -Xms1g -Xmx1g); e.g. add a JFR recording for a profile
#   BOOT_DOCS      the report's markdown file (default: docs/boot-benchmarks.md; the PNG goes beside it)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
module="$root/sessions-bench-boot"
backends="${BOOT_BACKENDS:-postgresql redis}"
rounds="${BOOT_ROUNDS:-3}"
duration="${BOOT_DURATION:-20}"
warmup="${BOOT_WARMUP:-5}"
sessions="${BOOT_SESSIONS:-1000}"
java_opts="${BOOT_JAVA_OPTS:--Xms1g -Xmx1g}"
docs="${BOOT_DOCS:-$root/docs/boot-benchmarks.md}"
out="$module/target/boot-bench"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is missing: apt-get install curl" >&2; exit 2; }

echo "== building"
cd "$root"
mvn -B -q package -DskipTests -pl sessions-bench-boot -am
classpath="$module/target/classes:$(cat "$module/target/bench-classpath.txt")"
mkdir -p "$out" "$(dirname "$docs")"
rm -f "$out"/*.txt

declare -A pids ports
sampler_pid=""
stop_servers() {
  for mode in "${!pids[@]}"; do kill "${pids[$mode]}" 2>/dev/null || true; wait "${pids[$mode]}" 2>/dev/null || true; done
  pids=()
}
stop_all() { stop_servers; if [[ -n "$sampler_pid" ]]; then kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; fi; }
trap stop_all EXIT

start() { # mode port
  local mode=$1 port=$2 code=""
  ((port >= 18100 && port <= 18199)) || { echo "port $port outside 18100-18199" >&2; exit 2; }
  # shellcheck disable=SC2086 # java_opts is a list of flags
  java $java_opts -cp "$classpath" io.sessions4j.bench.boot.BootBenchApplication \
      --spring.profiles.active="$mode" --server.port="$port" > "$out/server-$mode.txt" 2>&1 &
  pids[$mode]=$!
  ports[$mode]=$port
}

ready_and_preload() { # mode
  local mode=$1 port=${ports[$1]} code=""
  # Up when /read answers (404: no session yet).
  for _ in $(seq 1 180); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/read" || true)
    [[ "$code" == 404 ]] && break
    kill -0 "${pids[$mode]}" 2>/dev/null || break
    sleep 1
  done
  [[ "$code" == 404 ]] || { echo "server $mode did not start:" >&2; cat "$out/server-$mode.txt" >&2; exit 1; }
  # Preload through the application: one keep-alive connection, /create?n=1..N, cookies from Set-Cookie.
  curl -s -o /dev/null -D - "http://127.0.0.1:$port/create?n=[1-$sessions]" \
    | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' > "$out/cookies-$mode.txt"
  local got
  got=$(wc -l < "$out/cookies-$mode.txt")
  [[ "$got" == "$sessions" ]] || { echo "preloading $mode gave $got cookies instead of $sessions" >&2; exit 1; }
}

load() { # mode kind seconds [output]
  wrk -t2 -c16 -d"$3s" --latency -s "$here/boot-bench.lua" "http://127.0.0.1:${ports[$1]}/$2" -- "$out/cookies-$1.txt" > "${4:-/dev/null}"
}

results="$out/results.txt"
: > "$results"
cut -d' ' -f1-3 /proc/loadavg > "$out/load-before.txt"
# The 1-minute load average every 5 s for the whole run (servers starting and preloading included).
( while true; do cut -d' ' -f1 /proc/loadavg >> "$out/load-samples.txt"; sleep 5; done ) &
sampler_pid=$!

port=18100
for backend in $backends; do
  case "$backend" in
    postgresql) pair=(spring-jdbc sessions4j-db) ;;
    redis) pair=(spring-redis sessions4j-redis) ;;
    *) echo "unknown backend $backend (postgresql or redis)" >&2; exit 2 ;;
  esac
  echo "== $backend: ${pair[0]} on $port, ${pair[1]} on $((port + 1))"
  start "${pair[0]}" "$port"; start "${pair[1]}" "$((port + 1))"; port=$((port + 2))
  for mode in "${pair[@]}"; do ready_and_preload "$mode"; done
  for kind in read write; do for mode in "${pair[@]}"; do load "$mode" "$kind" "$warmup"; done; done
  for round in $(seq 1 "$rounds"); do
    order=("${pair[@]}"); ((round % 2 == 0)) && order=("${pair[1]}" "${pair[0]}")
    for kind in read write; do
      for mode in "${order[@]}"; do
        wrk_out="$out/wrk-$mode-$kind-$round.txt"
        load "$mode" "$kind" "$duration" "$wrk_out"
        line=$(grep '^RESULT' "$wrk_out")
        echo "$round $mode $kind ${line#RESULT }" | tee -a "$results"
      done
    done
  done
  stop_servers
done
kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""
cut -d' ' -f1-3 /proc/loadavg > "$out/load-after.txt"

java -Djava.awt.headless=true -cp "$classpath" io.sessions4j.bench.boot.report.BootBenchReport \
    "$results" "$out" "$docs" "$duration" "$warmup" "$sessions" "$rounds" "$java_opts"
echo "== wrote $docs"
cat "$docs"
