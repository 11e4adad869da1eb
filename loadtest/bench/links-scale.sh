#!/usr/bin/env bash
# Start-up time and heap by number of links, with the production JVM flags (systemd/smartlinkd.env).
#
#   loadtest/bench/links-scale.sh [COUNTS="1000 10000 100000"] [KIND=pipeline|plain]
#
# For each count: the full-pipeline config of write_pipeline_config (bench-lib.sh) with that many links (KIND
# plain: the demo config plus that many links with only a slug and a destination), a first
# start (builds the link table) and a second start on the same data dir (reopens it), each timed from launch to
# /readyz; then the heap in use after a full collection (jcmd GC.run, GC.heap_info). A start that fails (e.g. out
# of heap) is reported as such. One line per count.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bench=${BENCH_DIR:-$root/../shared/bench}
counts=${1:-"1000 10000 100000"}; kind=${2:-pipeline}
server_cpu=${SERVER_CPU:-1}; anchor_port=${ANCHOR_PORT:-18081}
source "$root/loadtest/bench/bench-lib.sh"
bench_setup
"$root/geo-data/fetch-cc0.sh" "$root/data" >/dev/null
opts=$(sed -n 's/^JAVA_OPTS=//p' "$root/systemd/smartlinkd.env")

# timed_start NAME CONFIG: sets $took to the seconds from launch to /readyz, or "failed"; the server keeps running
# as $server_pid.
timed_start() {
  local name=$1 config=$2 t0
  t0=$EPOCHREALTIME
  taskset -c "$server_cpu" java $opts -Dchronicle.analytics.disable=true -Dchronicle.announcer.disable=true \
    -jar "$jar" serve --config "$config" --data "$work/$name-data" --no-watch \
    --listen 127.0.0.1:18080 --admin 127.0.0.1:18090 >> "$work/$name.log" 2>&1 &
  server_pid=$!; pids+=("$server_pid")
  for _ in $(seq 3000); do
    if curl -fs http://127.0.0.1:18090/readyz >/dev/null 2>&1; then
      took=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'); return
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.05
  done
  took=failed
}

stop() { kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; }

for n in $counts; do
  "$bench/nginx-anchor" slugs "$n" "$work/slugs-$n.tsv"
  if [[ $kind == plain ]]; then
    cp -r "$root/config/demo" "$work/config-$n"
    sed -i "s#database: .*#database: $root/data/geo-whois-asn-country.mmdb#" "$work/config-$n/server.yaml"
    awk -F'\t' -v dir="$work/config-$n/links" '
      (NR - 1) % 10000 == 0 { file = sprintf("%s/bench-%03d.yaml", dir, (NR - 1) / 10000); print "links:" > file }
      { printf "  - { slug: \"%s\", domain: go.example.com, destination: \"%s\" }\n", $1, $2 > file }' \
      "$work/slugs-$n.tsv"
  else
    write_pipeline_config "$work/config-$n" "$work/slugs-$n.tsv"
  fi
  timed_start "links-$n" "$work/config-$n"; first=$took; stop
  timed_start "links-$n" "$work/config-$n"; second=$took
  heap=failed
  if [[ $second != failed ]]; then
    jcmd "$server_pid" GC.run >/dev/null
    heap=$(jcmd "$server_pid" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { print $(i + 1); exit } }')
  fi
  stop
  echo "kind=$kind links=$n first_start_s=$first restart_s=$second heap_used=$heap flags=\"$opts\""
  [[ $first == failed ]] && grep -m3 -E "Exception|Error|ERROR" "$work/links-$n.log" >&2
done
