#!/usr/bin/env bash
# Sourced by request-bench.sh and request-cpu.sh: warms a benchmark server until the JIT has settled.
#
# Why: a fresh server's C1/C2 compiler threads cost far more CPU per request than the request itself during its
# first seconds under wrk (measured 2026-11-30 on a fresh cache_ehcache server, load ~11: 65 µs per request in the
# first 10 s, 14 µs in the next 10 s, 6 µs in the third, then ~0, against ~30 µs for the whole request). A fixed
# 5 s warm-up measured each filter server inside that window while the bare server it was compared with had been
# warm for minutes: the compile work was charged to the filter (request-bench.sh reported 23 % on cache_ehcache).
#
# Needs: wrk, /proc; the caller's script_dir (for request-bench.lua).

# CPU clock ticks (utime + stime) of the process's threads whose name matches $2 (all threads when empty).
thread_ticks() { # pid [name-substring]
  local total=0 task stat fields
  for task in /proc/"$1"/task/*; do
    { read -r stat < "$task/stat"; } 2>/dev/null || continue # no fork per thread
    if [[ -n "${2:-}" && "$stat" != *"$2"* ]]; then continue; fi
    fields=(${stat##*) })
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}

# Loads the server in 5 s windows, at least min_seconds, until its compiler threads took under 2 % of its CPU in a
# window (at most max_seconds, default 90). Prints one line: the seconds it took and the last window's share.
warm_until_compiled() { # port path keys-file pid min_seconds [max_seconds]
  local port=$1 path=$2 keys=$3 pid=$4 min=$5 max=${6:-90} spent=0 j0 p0 j1 p1 share=100
  while :; do
    j0=$(thread_ticks "$pid" Compiler); p0=$(thread_ticks "$pid")
    wrk -t2 -c16 -d5s -s "$script_dir/request-bench.lua" "http://127.0.0.1:$port/$path" -- "$keys" > /dev/null
    j1=$(thread_ticks "$pid" Compiler); p1=$(thread_ticks "$pid")
    spent=$((spent + 5))
    share=$(( p1 > p0 ? 100 * (j1 - j0) / (p1 - p0) : 100 ))
    if (( spent >= min && share < 2 )) || (( spent >= max )); then break; fi
  done
  echo "warm-up $path: ${spent} s, compiler threads ${share} % of the server's CPU in the last 5 s"
}
