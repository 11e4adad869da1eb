#!/usr/bin/env bash
# GC under constant load with the production heap: the whole pipeline at a fixed rate for a while, then every GC
# pause and allocation stall of the server's GC log.
#
#   loadtest/bench/gc-soak.sh [LINKS=10000] [RATE=20000] [DURATION=5m]
#
# The server runs write_pipeline_config's links (six rules and a capped pool on nine links in ten, a local discount
# on every tenth) with the production flags of systemd/smartlinkd.env (256 MB heap, ZGC) and -Xlog:gc, on core 1;
# OpenLoop sends RATE req/s of the realistic mix (new visitor per request) from core 0 for DURATION. Prints OpenLoop's
# line, the pause count and the longest pause under load, and the allocation stalls (all, those under load, and how
# many seconds into the load the last one came). GC_LOG=FILE keeps the GC log.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bench=${BENCH_DIR:-$root/../shared/bench}
links=${1:-10000}; rate=${2:-20000}; duration=${3:-5m}
server_cpu=${SERVER_CPU:-1}; loadgen_cpu=${LOADGEN_CPU:-0}; anchor_port=${ANCHOR_PORT:-18081}
port=18080; admin_port=18090
source "$root/loadtest/bench/bench-lib.sh"
bench_setup
loadgen_jar=$root/loadtest/target/benchmarks.jar
[[ -f $loadgen_jar ]] || (cd "$root" && mvn -B -q -DskipTests -pl loadtest -am package)
"$root/geo-data/fetch-cc0.sh" "$root/data" >/dev/null
"$bench/nginx-anchor" slugs "$links" "$work/slugs.tsv"
prepare_mix "$work" "$root" "$bench" "en-US,en;q=0.9" "de-DE,de;q=0.9,en;q=0.8" "fr-FR,fr;q=0.9" "es-ES,es;q=0.9"
write_pipeline_config "$work/config" "$work/slugs.tsv"
JAVA_OPTS="$(sed -n 's/^JAVA_OPTS=//p' "$root/systemd/smartlinkd.env") -Xlog:gc*:file=$work/gc.log:uptime,level,tags" \
  start_server server "$work/config" "$port" "$admin_port"
wait_geo_loaded "$work/server.log" >/dev/null
started=$(awk '/Pause/ { t = $1 } END { gsub(/[\[\]s]/, "", t); print t + 0 }' "$work/gc.log")
taskset -c "$loadgen_cpu" java -XX:ActiveProcessorCount=1 -Xms256m -Xmx256m -Dio.netty.leakDetection.level=disabled \
  -cp "$loadgen_jar" io.smartlinkd.loadgen.OpenLoop --url "http://127.0.0.1:$port/" --slugs "$work/slugs.tsv" \
  --rate "$rate" --duration "$duration" --warmup 10s --connections 50 --user-agents "$work/uas.tsv" \
  --languages "$work/langs.txt" --xff | grep '^openloop '
# ZGC logs each pause as "Pause Mark Start 0.012ms"; count those after start-up, and every allocation stall.
awk -v after="$started" '
  { t = $1; gsub(/[\[\]s]/, "", t) }
  /Pause/ && / [0-9.]+ms$/ && t + 0 > after {
    ms = $NF; sub(/ms$/, "", ms); n++; if (ms + 0 > max) max = ms + 0 }
  # A stall is logged as "Allocation Stall (thread) 12.3ms"; the periodic statistics table has a row of that name.
  /Allocation Stall \(/ && !/Garbage Collection/ { stalls++; if (t + 0 > after) { late++; last = t - after } }
  END { printf "gc pauses_under_load=%d max_pause_ms=%.3f allocation_stalls=%d of_them_under_load=%d last_stall_s_into_load=%.1f\n", n, max, stalls, late, last }
' "$work/gc.log"
[[ -n ${GC_LOG:-} ]] && cp "$work/gc.log" "$GC_LOG"
true
