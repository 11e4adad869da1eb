#!/usr/bin/env bash
# Redirect throughput of smartlinkd against the nginx "map" anchor, side by side in one run.
#
#   loadtest/bench/redirect-vs-nginx.sh [LINKS=100000] [DURATION=10s] [CONNS=50]
#
# Needs: apt-get install -y nginx-light wrk; the shared bench tools beside the repository (../shared/bench) or
# BENCH_DIR. The server gets the demo config plus LINKS generated links (the anchor's own slug file), runs on one
# core (taskset + -XX:ActiveProcessorCount=1, one event loop), nginx runs one worker on the same core, wrk on the
# other core. Prints redirect-bench's per-round lines and the "vs" summary (ratio_per_core etc.).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bench=${BENCH_DIR:-$root/../shared/bench}
links=${1:-100000}; duration=${2:-10s}; conns=${3:-50}
server_cpu=${SERVER_CPU:-1}; loadgen_cpu=${LOADGEN_CPU:-0}
port=${PORT:-18080}; anchor_port=${ANCHOR_PORT:-18081}; admin_port=${ADMIN_PORT:-18090}

source "$root/loadtest/bench/bench-lib.sh"
bench_setup

"$bench/nginx-anchor" slugs "$links" "$work/slugs.tsv"
cp -r "$root/config/demo" "$work/config"
# Same slugs and destinations as the anchor, on the demo's default domain.
awk -F'\t' 'BEGIN { print "links:" }
  { printf "  - slug: \"%s\"\n    domain: go.example.com\n    destination: \"%s\"\n", $1, $2 }' \
  "$work/slugs.tsv" > "$work/config/links/bench.yaml"

start_server server "$work/config" "$port" "$admin_port"
grep -m1 'config loaded' "$work/server.log" || true

ANCHOR_CPU=$server_cpu "$bench/nginx-anchor" start map "$anchor_port" "$work/slugs.tsv"
LOADGEN_CPU=$loadgen_cpu bash ${BENCH_TRACE:+-x} "$bench/redirect-bench" vs "http://127.0.0.1:$port/" "http://127.0.0.1:$anchor_port/" \
  "$work/slugs.tsv" "$duration" "$conns" 1
curl -s "http://127.0.0.1:$admin_port/metrics" | grep -E '^smartlinkd_clicks_total' || true
