#!/usr/bin/env bash
# Open-loop latency with the whole click pipeline on, against the nginx "map" anchor, side by side in one run.
#
#   loadtest/bench/openloop-vs-nginx.sh [LINKS=100000] [RATE=auto] [DURATION=30s]
#
# Same servers as redirect-mix-vs-nginx.sh (bench-lib.sh: start_pipeline_vs_anchor): smartlinkd with the links of
# write_pipeline_config on SERVER_CPU (default 1), the nginx map anchor with the same slugs on ANCHOR_CPU (default
# SERVER_CPU). OpenLoop, pinned to LOADGEN_CPU (default 0) and held to one core, sends the same fixed rate to each in
# turn for ROUNDS rounds (default 3): slugs by Zipf, user agents by traffic weight from the `user-agents` corpus,
# the ten Accept-Language values of the mix, and a public address in X-Forwarded-For (the server trusts its
# loopback peer, so geo looks it up). By default every request is a new visitor, as on a real link (and every
# tenth link, an influencer link, then issues a fresh code); VISITORS=N sends returning visitors from a population
# of N instead (VISITORS=20000 is close to mix.lua without FRESH: 20,000 prepared requests).
#
# RATE=auto is half of the server's closed-loop maximum, measured first (after SERVER_WARMUP, default 15s, of the mix:
# bench-lib.sh warm_server) with one 10 s run of redirect-bench (wrk, 50 connections) on the same mix (mix.lua; FRESH=1 unless VISITORS is set). Each OpenLoop run warms up for WARMUP
# (default 10s: the generator JIT-compiles itself on its one core and the server meets the corpus's user agents) at
# the same rate, then measures DURATION over CONNS connections (default 50) on a schedule of its own: a warm-up
# backlog is dropped (warmup_skipped), not measured. Prints each run's key=value line, then one line per target with
# the medians over the rounds (achieved rate, p50, p99, p99.9, max, errors, the generator's late starts, dropped
# warm-up requests) and the ratios smartlinkd / nginx, then the server's pipeline counters.
# Each run first waits for a quiet machine (bench-lib.sh: wait_quiet, up to QUIET_WAIT=120 s).
# FLOOR=1 adds a third target to every round, at the same rate: the Netty floor (redirect-mix-vs-nginx.sh).
# Env: PROGRESS=5s shows OpenLoop's progress lines (default 0: none); HLOG_DIR keeps each run's .hlog there.
# Needs: apt-get install -y nginx-light wrk; npm (for the CC0 database and the corpus); ../shared/bench or BENCH_DIR.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bench=${BENCH_DIR:-$root/../shared/bench}
links=${1:-100000}; rate=${2:-auto}; duration=${3:-30s}
server_cpu=${SERVER_CPU:-1}; loadgen_cpu=${LOADGEN_CPU:-0}
rounds=${ROUNDS:-3}; conns=${CONNS:-50}; warmup=${WARMUP:-10s}; visitors=${VISITORS:-0}
port=${PORT:-18080}; anchor_port=${ANCHOR_PORT:-18081}; admin_port=${ADMIN_PORT:-18090}

source "$root/loadtest/bench/bench-lib.sh"
bench_setup
loadgen_jar=$root/loadtest/target/benchmarks.jar
[[ -f $loadgen_jar ]] || (cd "$root" && mvn -B -q -DskipTests -pl loadtest -am package)
start_pipeline_vs_anchor "$links"
targets=(smartlinkd nginx)
if [[ -n ${FLOOR:-} ]]; then floor_port=${FLOOR_PORT:-18082}; start_floor "$floor_port"; targets+=(floor); fi

server_failed() { # the temp dir goes with the exit: show why the server stopped answering, if it did
  echo "run failed; the server's log ends:" >&2; tail -n 20 "$work/server.log" >&2; exit 1
}

if [[ $rate == auto ]]; then
  fresh=1; [[ $visitors != 0 ]] && fresh=0
  closed=$(FRESH=$fresh LOADGEN_CPU=$loadgen_cpu bash "$work/bench/redirect-bench" "http://127.0.0.1:$port/" \
    "$work/slugs.tsv" 10s 50) || server_failed
  echo "closed loop: $closed"
  max=$(grep -o ' rps=[0-9]*' <<<"$closed" | cut -d= -f2)
  [[ -n $max ]] || { echo "no rps= in the closed-loop run" >&2; exit 1; }
  rate=$((max / 2))
  echo "rate: $rate req/s (half of the closed-loop maximum)"
fi

openloop() { # NAME URL ROUND: one run; appends its key=value line, with the target's name and its error total
  local name=$1 url=$2 round=$3 hlog=()
  [[ -n ${HLOG_DIR:-} ]] && hlog=(--hlog "$HLOG_DIR/$name-$round.hlog")
  wait_quiet
  taskset -c "$loadgen_cpu" java -XX:ActiveProcessorCount=1 -Xms256m -Xmx256m -Dio.netty.leakDetection.level=disabled \
    -cp "$loadgen_jar" io.smartlinkd.loadgen.OpenLoop --url "$url" --slugs "$work/slugs.tsv" --rate "$rate" \
    --duration "$duration" --warmup "$warmup" --connections "$conns" --user-agents "$work/uas.tsv" \
    --languages "$work/langs.txt" --xff --visitors "$visitors" --progress "${PROGRESS:-0}" "${hlog[@]}" \
    > "$work/run.out" || { cat "$work/run.out" >&2; server_failed; }
  grep '^openloop ' "$work/run.out" | awk -v name="$name" '{
      errors = 0
      for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] ~ /^err_/) errors += kv[2] }
      print name " " $0 " errors=" errors }' | tee -a "$work/$name.runs"
}

for round in $(seq "$rounds"); do
  openloop smartlinkd "http://127.0.0.1:$port/" "$round"
  openloop nginx "http://127.0.0.1:$anchor_port/" "$round"
  if [[ -n ${FLOOR:-} ]]; then openloop floor "http://127.0.0.1:$floor_port/" "$round"; fi
done

median() { # FILE FIELD
  grep -o " $2=[0-9.]*" "$1" | cut -d= -f2 | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
fields=(achieved_rps p50_ms p99_ms p999_ms max_ms errors late_starts warmup_skipped)
for name in "${targets[@]}"; do
  line="$name rounds=$rounds rate=$rate"
  for f in "${fields[@]}"; do line+=" $f=$(median "$work/$name.runs" "$f")"; done
  echo "$line" | tee -a "$work/summary"
done
awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[NR, kv[1]] = kv[2] } }
  function ratio(f) { return v[2, f] > 0 ? sprintf("%.3f", v[1, f] / v[2, f]) : "n/a" }
  END { printf "ratio smartlinkd/nginx achieved_rps=%s p50=%s p99=%s p999=%s max=%s\n", ratio("achieved_rps"),
    ratio("p50_ms"), ratio("p99_ms"), ratio("p999_ms"), ratio("max_ms") }' <(head -2 "$work/summary")
pipeline_metrics
