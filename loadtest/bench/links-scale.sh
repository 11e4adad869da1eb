#!/usr/bin/env bash
# Start-up time and heap by number of links, started as the systemd unit starts the server (systemd/smartlinkd-start:
# the production JVM flags of systemd/smartlinkd.env and the class archive, written when the first start stops).
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
  timed_start "$work/config-$n" "$work/links-$n-data" 18080 18090 "$work/links-$n.log"; first=$took; stop_server
  timed_start "$work/config-$n" "$work/links-$n-data" 18080 18090 "$work/links-$n.log"; second=$took
  heap=failed
  if [[ $second != failed ]]; then
    jcmd "$server_pid" GC.run >/dev/null
    heap=$(jcmd "$server_pid" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { print $(i + 1); exit } }')
  fi
  stop_server
  echo "kind=$kind links=$n first_start_s=$first restart_s=$second heap_used=$heap flags=\"$opts\""
  [[ $first == failed ]] && grep -m3 -E "Exception|Error|ERROR" "$work/links-$n.log" >&2
done
