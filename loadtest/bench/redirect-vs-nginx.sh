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

work=$(mktemp -d); server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  "$bench/nginx-anchor" stop "$anchor_port" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

jar=$root/server/target/smartlinkd.jar
[[ -f $jar ]] || (cd "$root" && mvn -B -q -DskipTests -pl server -am package)

"$bench/nginx-anchor" slugs "$links" "$work/slugs.tsv"
cp -r "$root/config/demo" "$work/config"
# Same slugs and destinations as the anchor, on the demo's default domain.
awk -F'\t' 'BEGIN { print "links:" }
  { printf "  - slug: \"%s\"\n    domain: go.example.com\n    destination: \"%s\"\n", $1, $2 }' \
  "$work/slugs.tsv" > "$work/config/links/bench.yaml"

taskset -c "$server_cpu" java -XX:ActiveProcessorCount=1 -Xms512m -Xmx512m ${JAVA_OPTS:-} \
  -Dchronicle.analytics.disable=true -Dchronicle.announcer.disable=true \
  -jar "$jar" serve --config "$work/config" --data "$work/data" --no-watch \
  --listen "127.0.0.1:$port" --admin "127.0.0.1:$admin_port" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 600); do
  curl -fs "http://127.0.0.1:$admin_port/readyz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.1
done
curl -fs "http://127.0.0.1:$admin_port/readyz" >/dev/null || { echo "server not ready"; cat "$work/server.log"; exit 1; }
grep -m1 'config loaded' "$work/server.log" || true

ANCHOR_CPU=$server_cpu "$bench/nginx-anchor" start map "$anchor_port" "$work/slugs.tsv"
LOADGEN_CPU=$loadgen_cpu bash ${BENCH_TRACE:+-x} "$bench/redirect-bench" vs "http://127.0.0.1:$port/" "http://127.0.0.1:$anchor_port/" \
  "$work/slugs.tsv" "$duration" "$conns" 1
curl -s "http://127.0.0.1:$admin_port/metrics" | grep -E '^smartlinkd_clicks_total' || true
