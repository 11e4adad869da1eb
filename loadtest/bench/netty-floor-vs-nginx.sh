#!/usr/bin/env bash
# How much of smartlinkd's cost per request is Netty's, and how much the click pipeline's: three servers on one
# core, the same slugs and the same realistic mix, in one run.
#
#   loadtest/bench/netty-floor-vs-nginx.sh [LINKS=10000] [DURATION=10s] [CONNS=50]
#
# - floor: io.smartlinkd.floor.FloorServer, Netty's native epoll transport on one event loop answering the
#   anchor's slugs with ready-made 302s (path lookup, nothing else), on the same JVM flags as smartlinkd;
# - nginx: the nginx "map" anchor (../shared/bench/nginx-anchor), one worker;
# - smartlinkd: the whole click pipeline (write_pipeline_config in bench-lib.sh), as in vs-nginx.sh.
# All three on core SERVER_CPU (default 1), wrk with mix.lua on LOADGEN_CPU (default 0). Two `redirect-bench vs`
# runs, ROUNDS rounds each (default 5): floor against nginx (what the fixed choice of Netty costs before any
# work), then smartlinkd against the floor (what the pipeline costs on top). The product of the two
# ratio_per_core figures is smartlinkd against nginx.
# Needs: apt-get install -y nginx-light wrk; npm (the CC0 country database and the user-agents corpus).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bench=${BENCH_DIR:-$root/../shared/bench}
links=${1:-10000}; duration=${2:-10s}; conns=${3:-50}
server_cpu=${SERVER_CPU:-1}; loadgen_cpu=${LOADGEN_CPU:-0}
port=${PORT:-18080}; anchor_port=${ANCHOR_PORT:-18081}; admin_port=${ADMIN_PORT:-18090}; floor_port=${FLOOR_PORT:-18082}
export JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseZGC -Dio.netty.leakDetection.level=disabled"}

source "$root/loadtest/bench/bench-lib.sh"
bench_setup
start_pipeline_vs_anchor "$links"
start_floor "$floor_port"

vs() {
  LOADGEN_CPU=$loadgen_cpu bash ${BENCH_TRACE:+-x} "$work/bench/redirect-bench" vs "$1" "$2" "$work/slugs.tsv" \
    "$duration" "$conns" 1
}
echo "== a = Netty floor, b = nginx map"
vs "http://127.0.0.1:$floor_port/" "http://127.0.0.1:$anchor_port/" | tee "$work/floor-nginx.out"
echo "== a = smartlinkd (whole pipeline), b = Netty floor"
vs "http://127.0.0.1:$port/" "http://127.0.0.1:$floor_port/" | tee "$work/server-floor.out"
pipeline_metrics
awk '/^vs / { match($0, /ratio_per_core=[0-9.]+/); r[++n] = substr($0, RSTART + 15, RLENGTH - 15) }
  END { printf "summary floor/nginx_per_core=%s smartlinkd/floor_per_core=%s smartlinkd/nginx_per_core=%.3f\n",
        r[1], r[2], r[1] * r[2] }' "$work/floor-nginx.out" "$work/server-floor.out"
