#!/usr/bin/env bash
# Lookup cost by number of links, and the restart of a server that has millions of them:
#
#   loadtest/bench/links-flat.sh [BIG=10000000] [SMALL=1000] [DURATION=10s]
#
# Two servers started as the systemd unit starts them (systemd/smartlinkd-start: the production JVM flags of
# smartlinkd.env, 256 MB heap, ZGC, and the class archive) on core 1, each with the
# demo config plus BIG or SMALL plain links (a slug and a destination, 50,000 links a file):
#   1. BIG's first start (reads and compiles every link; writes the class archive when it stops), then a restart on
#      the same data dir, which serves the link table on disk without reading the link files (the link manifest)
#      and maps its classes from the archive; both timed from launch to /readyz, with
#      the server's own "ready ... after the JVM started" line; then the heap in use after a full collection.
#   2. redirect-bench (wrk on core 0) on each server in turn, ROUNDS (3) rounds: BIG with 100,000 slugs drawn
#      uniformly from all its links (a working set far beyond the CPU caches), SMALL with all its slugs; then the
#      medians of rps and of rps per server core, and the ratio BIG / SMALL.
# BIG_DIR=DIR keeps BIG's config and data in DIR (made on the first run), so later runs skip the generation and the
# first start. Needs `apt-get install -y wrk` and the shared bench tools.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bench=${BENCH_DIR:-$root/../shared/bench}
big=${1:-10000000}; small=${2:-1000}; duration=${3:-10s}; rounds=${ROUNDS:-3}
server_cpu=${SERVER_CPU:-1}; loadgen_cpu=${LOADGEN_CPU:-0}; anchor_port=${ANCHOR_PORT:-18081}
source "$root/loadtest/bench/bench-lib.sh"
bench_setup
"$root/geo-data/fetch-cc0.sh" "$root/data" >/dev/null
opts="$(sed -n 's/^JAVA_OPTS=//p' "$root/systemd/smartlinkd.env") -XX:ActiveProcessorCount=1"
# A copy of the jar: a rebuild while this runs must not change the classes under a running server.
cp -p "$jar" "$work/smartlinkd.jar"; jar=$work/smartlinkd.jar

# write_links DIR COUNT: the demo config plus COUNT plain links in DIR/config/links.
write_links() {
  local dir=$1 count=$2
  mkdir -p "$dir"; cp -r "$root/config/demo" "$dir/config"
  sed -i "s#database: .*#database: $root/data/geo-whois-asn-country.mmdb#" "$dir/config/server.yaml"
  awk -v n="$count" -v dir="$dir/config/links" 'BEGIN {
    for (i = 0; i < n; i++) {
      if (i % 50000 == 0) { if (file) close(file); file = sprintf("%s/bench-%04d.yaml", dir, i / 50000); print "links:" > file }
      printf "  - { slug: \"s%08d\", domain: go.example.com, destination: \"https://shop.example.com/p/%d\" }\n", i, i > file
    } }'
}

heap_used() { jcmd "$1" GC.run >/dev/null; jcmd "$1" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { print $(i + 1); exit } }'; }

big_dir=${BIG_DIR:-$work/big}
first=reused
if [[ ! -d $big_dir/data/links ]]; then
  write_links "$big_dir" "$big"
  timed_start "$big_dir/config" "$big_dir/data" 18380 18390 "$work/big.log"; first=$took; stop_server
  [[ $first == failed ]] && { grep -m5 -E "Exception|Error" "$work/big.log" >&2; exit 1; }
fi
# The class archive is (re)written when a server stops cleanly after starting without a valid one: one start and
# stop, as after an install or an upgrade.
timed_start "$big_dir/config" "$big_dir/data" 18380 18390 "$work/big.log"; stop_server
timed_start "$big_dir/config" "$big_dir/data" 18380 18390 "$work/big.log"; restart=$took; big_pid=$server_pid
[[ $restart == failed ]] && { grep -m5 -E "Exception|Error" "$work/big.log" >&2; exit 1; }
ready_line=$(grep -a -o 'ready [0-9]* ms after the JVM started.*' "$work/big.log" | tail -1)
heap=$(heap_used "$big_pid")
echo "links=$big first_start_s=$first restart_s=$restart heap_used=$heap"
echo "  server: $ready_line"

write_links "$work/small" "$small"
timed_start "$work/small/config" "$work/small/data" 18480 18490 "$work/small.log"
[[ $took == failed ]] && { grep -m5 -E "Exception|Error" "$work/small.log" >&2; exit 1; }
wait_geo_loaded "$work/big.log" >/dev/null; wait_geo_loaded "$work/small.log" >/dev/null

awk -v n="$big" 'BEGIN { srand(7); for (i = 0; i < 100000; i++) printf "s%08d\n", int(rand() * n) }' > "$work/big-slugs"
awk -v n="$small" 'BEGIN { for (i = 0; i < n; i++) printf "s%08d\n", i }' > "$work/small-slugs"
for ((r = 1; r <= rounds; r++)); do
  for side in big small; do
    port=18380; [[ $side == small ]] && port=18480
    line=$(LOADGEN_CPU=$loadgen_cpu HOSTHDR=go.example.com "$bench/redirect-bench" "http://127.0.0.1:$port/" \
      "$work/$side-slugs" "$duration")
    echo "round $r $side: $line"
    echo "$line" >> "$work/$side.results"
  done
done

# median FIELD FILE; per_core FILE: rps * 100 / srv_cpu
median() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p" "$2" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
per_core() { awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] } print f["rps"] * 100 / f["srv_cpu"] }' "$1" |
  sort -g | awk '{ v[NR] = $1 } END { printf "%.0f", v[int((NR + 1) / 2)] }'; }
for side in big small; do
  echo "$side: median rps=$(median rps "$work/$side.results") p99_ms=$(median p99_ms "$work/$side.results") rps_per_core=$(per_core "$work/$side.results")"
done
awk -v b="$(median rps "$work/big.results")" -v s="$(median rps "$work/small.results")" \
    -v bc="$(per_core "$work/big.results")" -v sc="$(per_core "$work/small.results")" \
    'BEGIN { printf "ratio big/small: rps %.2f, rps per core %.2f\n", b / s, bc / sc }'
