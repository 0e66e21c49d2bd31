#!/usr/bin/env bash
# Runs every sessions4j engine, the floors and Spring Session side by side (JMH, 1 and 4 threads),
# counts their storage round trips, and writes docs/benchmarks.md and docs/benchmarks.png.
# About 13 minutes on 2 cores.
#
# Needs PostgreSQL (127.0.0.1:5432, database "test", user "postgres", trust auth), MariaDB (127.0.0.1:3306,
# database "test", user "root", no password) and Redis (127.0.0.1:6379), or SESSIONS_TEST_PG_URL /
# SESSIONS_TEST_MARIADB_URL / SESSIONS_TEST_REDIS_URL as for the engine tests.
# Everything it creates is prefixed s4j_bench_ (tables) or s4j-bench: (Redis keys) and removed.
#
# Usage: sessions-bench/run.sh [--no-install]
#   --no-install      build this module only, against the sessions4j modules already in ~/.m2
# Environment:
#   BENCH_JMH_OPTS    JMH iteration options   (default: -wi 2 -w 400ms -i 5 -r 500ms)
#   BENCH_WARMUP      seconds of warm-up per system before its benchmarks (default: 4)
#   BENCH_THREADS     thread counts           (default: "1 4")
#   BENCH_SYSTEMS     regexp of family/system to run (default: all, e.g. 'sessions4j/db_.*|floor/jdbc_.*')
#   BENCH_OPERATIONS  regexp of operations    (default: read|write|create|cycle)
#   BENCH_SESSIONS    preloaded sessions      (default: 10000)
#   BENCH_DOCS        where the report goes   (default: docs/ at the repository root)
#
# Each system runs in its own JVM (io.sessions4j.bench.BenchLauncher): preloaded and warmed up once,
# then JMH runs its benchmarks in that JVM, for each thread count. See BenchLauncher for why.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/target/bench"
docs="${BENCH_DOCS:-$root/docs}"
jmh_opts="${BENCH_JMH_OPTS:--wi 2 -w 400ms -i 5 -r 500ms}"
warmup="${BENCH_WARMUP:-4}"
threads="${BENCH_THREADS:-1 4}"
systems="${BENCH_SYSTEMS:-.*}"
operations="${BENCH_OPERATIONS:-read|write|create|cycle}"
sessions="${BENCH_SESSIONS:-10000}"
run_id="$$-$(date +%s)"
started_epoch=$(date +%s)

install=true
for arg in "$@"; do
  case "$arg" in
    --no-install) install=false ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

sampler_pid=""
cleanup() {
  if [[ -n "$sampler_pid" ]]; then kill "$sampler_pid" 2>/dev/null || true; fi
  # The file systems' preloaded directories are shared by the forks of this run only.
  rm -rf "${TMPDIR:-/tmp}"/s4j-bench-*-"$run_id" "${TMPDIR:-/tmp}"/s4j-bench-*-"$run_id".keys
}
trap cleanup EXIT

echo "== building"
cd "$root"
if $install; then
  mvn -B -q install -DskipTests -pl sessions-bench -am
  build_note="sessions4j modules built from this tree (mvn install -pl sessions-bench -am)"
else
  mvn -B -q -f sessions-bench/pom.xml package
  build_note="--no-install: sessions4j 0.1.0 modules as installed in ~/.m2, this module built from the tree"
fi

mkdir -p "$out"
rm -f "$out"/jmh-*.json "$out"/jmh.log "$out"/codec-breakdown.json "$out"/roundtrips.json "$out"/load-samples.txt
cp "$here/target/bench-classpath.txt" "$out/"
classpath="$here/target/classes:$(cat "$here/target/bench-classpath.txt")"

load_before="$(loadavg)"
( while sleep 10; do cut -d' ' -f1 /proc/loadavg >> "$out/load-samples.txt"; done ) &
sampler_pid=$!

jvm_opts=(-Xms2g -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dbench.run="$run_id"
  -Dbench.sessions="$sessions" -Dbench.threads="${threads// /,}" -Dbench.warmup.seconds="$warmup"
  -Dbench.operations="$operations")
count=0
while read -r family system; do
  [[ "$family/$system" =~ ^($systems)$ ]] || continue
  count=$((count + 1))
  echo "== $family/$system (threads $threads)"
  set +e
  # shellcheck disable=SC2086 # the JMH options are words
  java "${jvm_opts[@]}" -cp "$classpath" io.sessions4j.bench.BenchLauncher "$family" "$system" "$out" $jmh_opts \
    | tee -a "$out/jmh.log" | grep --line-buffered -E '^# [a-z0-9]+/|^[A-Za-z0-9]+Benchmark\.|<failure>|Exception'
  status=${PIPESTATUS[0]}
  set -e
  if [[ $status -ne 0 ]]; then
    echo "$family/$system failed ($status); see $out/jmh.log" >&2
    exit "$status"
  fi
done < <(java -cp "$classpath" io.sessions4j.bench.BenchLauncher --list)
if [[ $count -eq 0 ]]; then
  echo "no system matches BENCH_SYSTEMS='$systems'" >&2
  exit 2
fi

echo "== codec profile (CodecBreakdownBenchmark)"
java -cp "$classpath" org.openjdk.jmh.Main CodecBreakdownBenchmark -f 1 -wi 3 -w 300ms -i 5 -r 300ms \
    -rf json -rff "$out/codec-breakdown.json" >> "$out/jmh.log" 2>&1

echo "== counting storage round trips"
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" io.sessions4j.bench.RoundTripCounter \
    "$out/roundtrips.json" 500 1000

load_after="$(loadavg)"
kill "$sampler_pid" 2>/dev/null || true
sampler_pid=""
elapsed=$(( $(date +%s) - started_epoch ))
read -r load_max load_mean < <(awk 'BEGIN { m = 0 } { if ($1 > m) m = $1; s += $1; n++ }
  END { if (n) printf "%.2f %.2f\n", m, s / n; else print "? ?" }' "$out/load-samples.txt" 2>/dev/null || echo "? ?")
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$root" status --porcelain 2>/dev/null)" ]]; then commit="$commit with local changes"; fi
{
  echo "run.started=$(date -u -d "@$started_epoch" '+%Y-%m-%d %H:%M UTC')"
  echo "run.elapsed=$(( elapsed / 60 )) min $(( elapsed % 60 )) s"
  echo "load.before=$load_before"
  echo "load.after=$load_after"
  echo "load.max=$load_max"
  echo "load.mean=$load_mean"
  echo "cpu.model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "cpu.count=$(nproc)"
  echo "memory=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME" || uname -s)"
  echo "kernel=$(uname -r)"
  echo "git.commit=$commit"
  echo "bench.warmup=$warmup"
  echo "bench.jvm=${jvm_opts[0]} ${jvm_opts[1]}"
  echo "bench.build=$build_note"
  echo "payload.bytes=$(java -cp "$classpath" io.sessions4j.bench.SessionPayload)"
} > "$out/environment.properties"

echo "== writing $docs/benchmarks.md and $docs/benchmarks.png"
mkdir -p "$docs"
java -Djava.awt.headless=true -cp "$classpath" io.sessions4j.bench.report.BenchmarkReport \
    "$out" "$docs/benchmarks.md" "$docs/benchmarks.png" "$here/analysis.md"
echo "== done in $(( ($(date +%s) - started_epoch) / 60 )) min $(( ($(date +%s) - started_epoch) % 60 )) s (load average now $(loadavg))"
