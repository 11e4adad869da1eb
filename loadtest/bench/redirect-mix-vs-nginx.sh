#!/usr/bin/env bash
# Redirect throughput with the whole click pipeline on, against the nginx "map" anchor, side by side in one run.
#
#   loadtest/bench/redirect-mix-vs-nginx.sh [LINKS=100000] [DURATION=10s] [CONNS=50]
#
# Like redirect-vs-nginx.sh, but every request carries a realistic visitor: a user agent drawn by traffic weight
# from the `user-agents` corpus, a random public IPv4 address in X-Forwarded-For (the server trusts its loopback
# peer, so geo looks each one up in the CC0 country database) and an Accept-Language. The links are those of
# write_pipeline_config (bench-lib.sh): CPA smartlinks with six rules ending in a capped offer pool, and every tenth
# an influencer link with a discount code, so each click runs client address, geo, user agent, visitor cookie and
# unique check, rules, pool and caps or code issuance, and the journal. nginx gets the same requests (it ignores
# the extra headers). The server first gets SERVER_WARMUP (default 15s) of the mix, unmeasured.
# FLOOR=1 then runs a second `vs`, the Netty floor against nginx: io.smartlinkd.floor.FloorServer, Netty's native
# epoll transport on one event loop answering the same slugs with ready-made 302s and nothing else, on the server's
# core and JVM flags (bench-lib.sh: start_floor) — what the fixed choice of Netty costs before any click pipeline.
# Its vs line is printed with the prefix "floor ".
# Needs: apt-get install -y nginx-light wrk; npm (for the CC0 database and the corpus); ../shared/bench or BENCH_DIR.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bench=${BENCH_DIR:-$root/../shared/bench}
links=${1:-100000}; duration=${2:-10s}; conns=${3:-50}
server_cpu=${SERVER_CPU:-1}; loadgen_cpu=${LOADGEN_CPU:-0}
port=${PORT:-18080}; anchor_port=${ANCHOR_PORT:-18081}; admin_port=${ADMIN_PORT:-18090}

source "$root/loadtest/bench/bench-lib.sh"
bench_setup
start_pipeline_vs_anchor "$links"
vs() { # A_URL B_URL: redirect-bench's alternating rounds and its "vs" line
  LOADGEN_CPU=$loadgen_cpu bash ${BENCH_TRACE:+-x} "$work/bench/redirect-bench" vs "$1" "$2" "$work/slugs.tsv" \
    "$duration" "$conns" 1
}
vs "http://127.0.0.1:$port/" "http://127.0.0.1:$anchor_port/"
if [[ -n ${FLOOR:-} ]]; then
  floor_port=${FLOOR_PORT:-18082}
  start_floor "$floor_port"
  vs "http://127.0.0.1:$floor_port/" "http://127.0.0.1:$anchor_port/" | sed 's/^vs /floor vs /'
fi
pipeline_metrics
