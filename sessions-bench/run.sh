#!/usr/bin/env bash
# Runs every sessions4j engine, the floors and Spring Session (JMH, 1 and 4 threads) in paired rounds, counts
# their storage round trips, and writes docs/benchmarks.md, docs/benchmarks.png and docs/benchmarks-runs.json.
# About 25 minutes on 2 cores.
#
# Needs PostgreSQL (127.0.0.1:5432, database "test", user "postgres", trust auth), MariaDB (127.0.0.1:3306,
# database "test", user "root", no password) and Redis (127.0.0.1:6379), or SESSIONS_TEST_PG_URL /
# SESSIONS_TEST_MARIADB_URL / SESSIONS_TEST_REDIS_URL as for the engine tests. With a valkey-server 8.1 or later
# (SESSIONS_TEST_VALKEY_SERVER, /opt/sessions4j-valkey/valkey-server as .ci/valkey builds it, or the PATH) it also
# runs the cache engine and the Jedis floor on a Valkey of its own (127.0.0.1:6395, stopped at the end), where saves
# are SET … IFEQ; SESSIONS_BENCH_VALKEY_URL names one instead. Without either, the Valkey systems are left out.
# Everything it creates is prefixed s4j_bench_ (tables) or s4j-bench: (Redis keys) and removed; BENCH_PREFIX
# changes that (e.g. perf_method_ gives perf_method_* tables and perf-method:* keys) for runs from two trees at once.
# It builds with the reactor (mvn package -pl sessions-bench -am): nothing is installed into ~/.m2.
#
# Usage: sessions-bench/run.sh
# Environment:
#   BENCH_JMH_OPTS    JMH options of one measurement   (default: -wi 1 -w 300ms -i 5 -r 300ms)
#   BENCH_ROUNDS      paired rounds per target ratio   (default: 5; the issue asks for at least 5)
#   BENCH_RETRIES     re-measurements of a noisy figure, each with twice the iterations (default: 2)
#   BENCH_RETRY_BUDGET seconds all re-measurements of a run may take together (default: 240); then noisy
#                     figures are flagged as they are, so that a loaded machine does not stretch the run
#   BENCH_WARMUP      seconds of warm-up per system JVM before its first measurement (default: 4)
#   BENCH_THREADS     thread counts           (default: "1 4")
#   BENCH_SYSTEMS     regexp of family/system to run (default: all, e.g. 'sessions4j/db_.*|floor/jdbc_.*')
#   BENCH_OPERATIONS  regexp of operations    (default: read|write|create|cycle)
#   BENCH_SESSIONS    preloaded sessions      (default: 10000)
#   BENCH_PREFIX      prefix of tables and Redis keys (default: s4j_bench_)
#   BENCH_EXTRAS      what runs after the paired rounds: "codec roundtrips" (default), the codec profile and the
#                     round-trip counter (which uses every backend, whatever BENCH_SYSTEMS says); "" skips both
#   BENCH_DOCS        where the report and its run history go (default: docs/ at the repository root for a run of
#                     everything; sessions-bench/target/subset when BENCH_SYSTEMS, BENCH_OPERATIONS or BENCH_THREADS
#                     narrow the run, seeded with docs/benchmarks-runs.json so that its targets still show the previous
#                     run: a partial report must not replace the committed one by accident)
# A quick run (~3 min for two systems and their floors):
#   BENCH_ROUNDS=2 BENCH_JMH_OPTS='-wi 1 -w 100ms -i 3 -r 100ms' BENCH_WARMUP=1 BENCH_EXTRAS= \
#   BENCH_DOCS=sessions-bench/target/quick sessions-bench/run.sh
#
# The systems that are compared run side by side, each in its own warm JVM, measured in turn
# (io.sessions4j.bench.BenchRun; see there and in BenchLauncher for why).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$here/target/bench"
if [[ -n "${BENCH_DOCS:-}" ]]; then
  docs="$BENCH_DOCS"
elif [[ -n "${BENCH_SYSTEMS:-}${BENCH_OPERATIONS:-}${BENCH_THREADS:-}" ]]; then
  docs="$here/target/subset"
  mkdir -p "$docs"
  if [[ ! -f "$docs/benchmarks-runs.json" && -f "$root/docs/benchmarks-runs.json" ]]; then
    cp "$root/docs/benchmarks-runs.json" "$docs/"
  fi
  echo "== a narrowed run: the report goes to $docs (BENCH_DOCS=docs to replace the committed one)"
else
  docs="$root/docs"
fi
jmh_opts="${BENCH_JMH_OPTS:--wi 1 -w 300ms -i 5 -r 300ms}"
rounds="${BENCH_ROUNDS:-5}"
retries="${BENCH_RETRIES:-2}"
warmup="${BENCH_WARMUP:-4}"
threads="${BENCH_THREADS:-1 4}"
systems="${BENCH_SYSTEMS:-.*}"
operations="${BENCH_OPERATIONS:-read|write|create|cycle}"
sessions="${BENCH_SESSIONS:-10000}"
prefix="${BENCH_PREFIX:-s4j_bench_}"
extras="${BENCH_EXTRAS-codec roundtrips}"
run_id="$$-$(date +%s)"
started_epoch=$(date +%s)

for arg in "$@"; do
  case "$arg" in
    --no-install) ;; # accepted for old scripts: run.sh never installs any more
    -h|--help) sed -n '2,37p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

sampler_pid=""
valkey_pid=""
cleanup() {
  if [[ -n "$sampler_pid" ]]; then kill "$sampler_pid" 2>/dev/null || true; fi
  if [[ -n "$valkey_pid" ]]; then kill "$valkey_pid" 2>/dev/null || true; fi
  # The file systems' preloaded directories are shared by the forks of this run only.
  rm -rf "${TMPDIR:-/tmp}"/s4j-bench-*-"$run_id" "${TMPDIR:-/tmp}"/s4j-bench-*-"$run_id".keys
}
trap cleanup EXIT

echo "== building"
cd "$root"
mvn -B -q package -DskipTests -pl sessions-bench -am
build_note="sessions4j modules built from this tree (mvn package -pl sessions-bench -am, reactor; nothing installed)"

valkey_note=""
if [[ -n "${SESSIONS_BENCH_VALKEY_URL:-}" ]]; then
  valkey_note="a Valkey at $SESSIONS_BENCH_VALKEY_URL (SESSIONS_BENCH_VALKEY_URL)"
else
  valkey_bin="${SESSIONS_TEST_VALKEY_SERVER:-}"
  if [[ -z "$valkey_bin" && -x /opt/sessions4j-valkey/valkey-server ]]; then valkey_bin=/opt/sessions4j-valkey/valkey-server; fi
  if [[ -z "$valkey_bin" ]]; then valkey_bin="$(command -v valkey-server || true)"; fi
  if [[ -n "$valkey_bin" ]]; then
    valkey_dir="$(mktemp -d)"
    "$valkey_bin" --port 6395 --bind 127.0.0.1 --daemonize no --save "" --appendonly no --dir "$valkey_dir" \
        --logfile "$valkey_dir/valkey.log" &
    valkey_pid=$!
    for _ in $(seq 1 50); do redis-cli -p 6395 ping >/dev/null 2>&1 && break; sleep 0.1; done
    export SESSIONS_BENCH_VALKEY_URL="redis://127.0.0.1:6395"
    valkey_note="$("$valkey_bin" --version | cut -d' ' -f1,3 | sed 's/ v=/ /') at 127.0.0.1:6395, started by run.sh"
    echo "== Valkey for the Valkey systems: $valkey_note"
  else
    echo "== no valkey-server (bash .ci/valkey builds one): the Valkey systems are left out"
  fi
fi

mkdir -p "$out"
rm -rf "$out"/samples.jsonl "$out"/logs "$out"/codec-breakdown.json "$out"/roundtrips.json "$out"/load-samples.txt
cp "$here/target/bench-classpath.txt" "$out/"
classpath="$here/target/classes:$(cat "$here/target/bench-classpath.txt")"

load_before="$(loadavg)"
( while sleep 10; do cut -d' ' -f1 /proc/loadavg >> "$out/load-samples.txt"; done ) &
sampler_pid=$!

child_jvm="-Xms2g -Xmx2g -XX:+AlwaysPreTouch"
echo "== paired rounds: $rounds per target ratio, JMH $jmh_opts, threads $threads (progress below; JMH logs in $out/logs)"
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dbench.run="$run_id" -Dbench.sessions="$sessions" -Dbench.prefix="$prefix" \
    -Dbench.warmup.seconds="$warmup" -Dbench.threads="${threads// /,}" -Dbench.operations="$operations" \
    -Dbench.systems="$systems" -Dbench.rounds="$rounds" -Dbench.retries="$retries" -Dbench.retry.budget.seconds="${BENCH_RETRY_BUDGET:-240}" -Dbench.jmh="$jmh_opts" \
    -Dbench.child.jvm="$child_jvm" -cp "$classpath" io.sessions4j.bench.BenchRun "$out"

if [[ " $extras " == *" codec "* ]]; then
  echo "== codec profile (CodecBreakdownBenchmark)"
  java -cp "$classpath" org.openjdk.jmh.Main CodecBreakdownBenchmark -f 1 -wi 3 -w 300ms -i 5 -r 300ms \
      -rf json -rff "$out/codec-breakdown.json" > "$out/logs/codec-breakdown.log" 2>&1
fi
if [[ " $extras " == *" roundtrips "* ]]; then
  echo "== counting storage round trips"
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dbench.prefix="$prefix" -cp "$classpath" io.sessions4j.bench.RoundTripCounter \
      "$out/roundtrips.json" 500 1000
fi

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
  echo "bench.jvm=$child_jvm"
  echo "bench.jmh=$jmh_opts"
  echo "bench.rounds=$rounds"
  echo "bench.retries=$retries"
  echo "bench.retry.budget=${BENCH_RETRY_BUDGET:-240}"
  echo "bench.build=$build_note"
  if [[ -n "$valkey_note" ]]; then echo "valkey=$valkey_note"; fi
  echo "payload.bytes=$(java -cp "$classpath" io.sessions4j.bench.SessionPayload)"
} > "$out/environment.properties"

echo "== writing $docs/benchmarks.md and $docs/benchmarks.png"
mkdir -p "$docs"
# The request-level reports are read from the repository's docs/, where their scripts write them.
java -Djava.awt.headless=true -cp "$classpath" io.sessions4j.bench.report.BenchmarkReport \
    "$out" "$docs/benchmarks.md" "$docs/benchmarks.png" "$here/analysis.md" "$root/docs"
echo "== done in $(( ($(date +%s) - started_epoch) / 60 )) min $(( ($(date +%s) - started_epoch) % 60 )) s (load average now $(loadavg))"
