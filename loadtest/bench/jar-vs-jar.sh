#!/usr/bin/env bash
# Did a change make the server faster? Two builds of smartlinkd side by side, whole click pipeline on:
#
#   loadtest/bench/jar-vs-jar.sh BASE_JAR CHANGED_JAR [LINKS=10000] [DURATION=10s]
#
# Both servers run the links of write_pipeline_config (bench-lib.sh) on SERVER_CPU (default 1, one event loop each;
# the idle one costs little), and redirect-bench (wrk with the realistic mix, mix.lua) alternates them for ROUNDS
# rounds (default 5), twice: CHANGED first, then BASE first. On one core the server measured second in a pair gains
# about 2 % whichever it is, so one order alone misreads a change of that size; the script prints both orders'
# ratios CHANGED / BASE of rps and rps per server core, and their geometric mean. Copy the jars somewhere stable
# first (a rebuild under a running server changes its classes).
# Needs: apt-get install -y wrk; npm (the CC0 database and the user-agents corpus); ../shared/bench or BENCH_DIR.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bench=${BENCH_DIR:-$root/../shared/bench}
base=${1:?usage: jar-vs-jar.sh BASE_JAR CHANGED_JAR [LINKS] [DURATION]}
changed=${2:?usage: jar-vs-jar.sh BASE_JAR CHANGED_JAR [LINKS] [DURATION]}
links=${3:-10000}; duration=${4:-10s}
server_cpu=${SERVER_CPU:-1}; loadgen_cpu=${LOADGEN_CPU:-0}; anchor_port=${ANCHOR_PORT:-18081}
export ROUNDS=${ROUNDS:-5} WARMUP=${WARMUP:-10s}
export JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseZGC -Dio.netty.leakDetection.level=disabled"}

source "$root/loadtest/bench/bench-lib.sh"
bench_setup
"$root/geo-data/fetch-cc0.sh" "$root/data" >/dev/null
"$bench/nginx-anchor" slugs "$links" "$work/slugs.tsv"
prepare_mix "$work" "$root" "$bench" "en-US,en;q=0.9" "de-DE,de;q=0.9,en;q=0.8" "fr-FR,fr;q=0.9" "es-ES,es;q=0.9" \
  "pt-BR,pt;q=0.9" "en-GB,en;q=0.9" "ja-JP,ja;q=0.9" "ru-RU,ru;q=0.9" "it-IT,it;q=0.9" "pl-PL,pl;q=0.9"
write_pipeline_config "$work/config" "$work/slugs.tsv"
jar=$base start_server base "$work/config" 18080 18090
jar=$changed start_server changed "$work/config" 18082 18092
wait_geo_loaded "$work/base.log" >/dev/null
wait_geo_loaded "$work/changed.log" >/dev/null

vs() { # FIRST_URL SECOND_URL: the vs line of one alternating run
  LOADGEN_CPU=$loadgen_cpu bash "$work/bench/redirect-bench" vs "$1" "$2" "$work/slugs.tsv" "$duration" 50 1 \
    | grep '^vs '
}
field() { grep -o " $2=[0-9.]*" <<<"$1" | cut -d= -f2; }
changed_first=$(vs "http://127.0.0.1:18082/" "http://127.0.0.1:18080/")
echo "changed first: $changed_first"
base_first=$(vs "http://127.0.0.1:18080/" "http://127.0.0.1:18082/")
echo "base first:    $base_first"
awk -v a="$(field "$changed_first" ratio_rps)" -v b="$(field "$base_first" ratio_rps)" \
    -v c="$(field "$changed_first" ratio_per_core)" -v d="$(field "$base_first" ratio_per_core)" 'BEGIN {
  printf "changed/base rps: %.3f (changed first) %.3f (base first) geomean %.3f; per core: %.3f %.3f geomean %.3f\n",
    a, 1 / b, sqrt(a / b), c, 1 / d, sqrt(c / d) }'
