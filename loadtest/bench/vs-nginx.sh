#!/usr/bin/env bash
# The headline benchmark: smartlinkd with the whole click pipeline on against the nginx "map" anchor, closed loop
# and open loop, in one run.
#
#   loadtest/bench/vs-nginx.sh [LINKS=10000] [DURATION=10s] [OPEN_DURATION=30s]
#
# 1. Closed loop (redirect-mix-vs-nginx.sh): wrk with the realistic mix (mix.lua) against each server in turn,
#    ROUNDS rounds (default 5), server and nginx on core SERVER_CPU (default 1), wrk on LOADGEN_CPU (default 0);
#    medians and ratios, throughput per server core included (ratio_per_core).
# 2. Open loop (openloop-vs-nginx.sh): OpenLoop at half of smartlinkd's median closed-loop rate from step 1, the
#    same rate to both servers, new visitors, ROUNDS rounds; medians of p50/p99/p99.9/max and the ratios.
# 3. With FLOOR=1 (the default; FLOOR= to skip): both steps also measure the Netty floor, a bare Netty epoll server
#    answering the same slugs with ready-made 302s (closed loop: floor against nginx; open loop: a third target).
# Then one summary. The servers run with the production flags (ZGC, no leak detector: systemd/smartlinkd.env) and a
# 512 MB heap (JAVA_OPTS to change it: 256 MB does not hold 10,000 links with six rules each while their YAML is
# read).
# Needs: apt-get install -y nginx-light wrk; npm (the CC0 country database and the user-agents corpus).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
links=${1:-10000}; duration=${2:-10s}; open_duration=${3:-30s}
export ROUNDS=${ROUNDS:-5} FLOOR=${FLOOR-1} JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseZGC -Dio.netty.leakDetection.level=disabled"}
out=$(mktemp); trap 'rm -f "$out"' EXIT

echo "== closed loop: $links links, $ROUNDS rounds of $duration, 50 connections"
"$here/redirect-mix-vs-nginx.sh" "$links" "$duration" 50 | tee "$out"
closed=$(grep '^vs ' "$out"); floor=$(grep '^floor vs ' "$out" || true)
rate=$(( $(grep -o ' a_rps=[0-9]*' <<<"$closed" | cut -d= -f2) / 2 ))

echo "== open loop: $rate req/s (half of smartlinkd's closed-loop median), $ROUNDS rounds of $open_duration"
"$here/openloop-vs-nginx.sh" "$links" "$rate" "$open_duration" | tee "$out"

echo "== summary"
echo "closed $closed"
if [[ -n $floor ]]; then echo "closed $floor"; fi
grep -E '^(smartlinkd|nginx|floor) rounds=|^ratio ' "$out" | sed 's/^/open /'
