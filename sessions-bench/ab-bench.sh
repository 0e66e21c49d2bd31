#!/usr/bin/env bash
# A/B of two source trees on the same machine, in the same state: runs the chosen sessions4j systems from
# tree A and tree B alternately (A B A B ...), each system in its own JVM as run.sh does, and prints each
# figure with its JMH error and the B/A ratio per round. For before/after comparisons of a change, where two
# figures taken minutes apart (or on a differently loaded machine) would mislead.
#
# Usage: sessions-bench/ab-bench.sh <tree A> <tree B>
#   Build each tree first: (cd <tree> && mvn -B -q package -DskipTests -pl sessions-bench -am)
# Environment:
#   AB_SYSTEMS     sessions4j systems (default: "db_h2 signed_cookies"; see EngineSystem.NAMES)
#   AB_ROUNDS      rounds (default: 5: the median and min-max of the per-round B/A ratios are printed)
#   AB_OPERATIONS  regexp of operations (default: read|write)
#   AB_JMH_OPTS    JMH iteration options (default: -wi 2 -w 400ms -i 5 -r 500ms)
#   AB_OUT         where results go (default: target/ab-bench under tree B's sessions-bench)
set -euo pipefail
a="$(cd "$1" && pwd)"; b="$(cd "$2" && pwd)"
systems="${AB_SYSTEMS:-db_h2 signed_cookies}"
rounds="${AB_ROUNDS:-5}"
operations="${AB_OPERATIONS:-read|write}"
jmh_opts="${AB_JMH_OPTS:--wi 2 -w 400ms -i 5 -r 500ms}"
out="${AB_OUT:-$b/sessions-bench/target/ab-bench}"
rm -rf "$out"; mkdir -p "$out"

run() { # tree label round
  local cp="$1/sessions-bench/target/classes:$(cat "$1/sessions-bench/target/bench-classpath.txt")"
  for system in $systems; do
    local dir="$out/$2-$3-$system"; mkdir -p "$dir"
    # shellcheck disable=SC2086 # the JMH options are words
    java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dbench.run="ab$$" -Dbench.sessions=10000 \
      -Dbench.threads=1,4 -Dbench.warmup.seconds=4 -Dbench.operations="$operations" \
      -cp "$cp" io.sessions4j.bench.BenchLauncher sessions4j "$system" "$dir" $jmh_opts > "$dir/log.txt" 2>&1
    echo "$2 round $3 $system (load $(cut -d' ' -f1 /proc/loadavg))"
  done
}
for round in $(seq 1 "$rounds"); do
  run "$a" A "$round"
  run "$b" B "$round"
done

python3 - "$out" <<'PY'
import collections, glob, json, os, sys
res = collections.defaultdict(list)
for d in sorted(glob.glob(sys.argv[1] + '/*')):
    label, rnd, system = os.path.basename(d).split('-', 2)
    for f in glob.glob(d + '/*.json'):
        for r in json.load(open(f)):
            m = r['primaryMetric']
            error = m['scoreError']  # "NaN" when there were too few iterations for one
            res[(system, r['benchmark'].split('.')[-1], r['threads'], label)].append(
                (float(m['score']), float(error) if error != 'NaN' else float('nan')))
for k in sorted({key[:3] for key in res}):
    a, b = res[k + ('A',)], res[k + ('B',)]
    show = lambda xs: ', '.join(f"{s:,.0f}±{e:,.0f}" for s, e in xs)
    per_round = sorted(y[0] / x[0] for x, y in zip(a, b))
    ratios = ', '.join(f"{y[0] / x[0]:.2f}" for x, y in zip(a, b))
    median = per_round[len(per_round) // 2] if len(per_round) % 2 else sum(per_round[len(per_round) // 2 - 1:len(per_round) // 2 + 1]) / 2
    noisy = sum(1 for s, e in a + b if not e == e or e > s / 3)  # the report's re-measure rule: error > a third
    print(f"{k[0]} {k[1]} t{k[2]}: A {show(a)} | B {show(b)} | B/A per round {ratios} | "
          f"median {median:.2f} ({per_round[0]:.2f}-{per_round[-1]:.2f})" + (f" | {noisy} noisy" if noisy else ""))
PY
