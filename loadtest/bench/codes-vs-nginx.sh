#!/usr/bin/env bash
# Discount codes: redirect throughput with code issuance on against the same links with it off, and against the
# nginx "map" anchor, side by side in one run.
#
#   loadtest/bench/codes-vs-nginx.sh [LINKS=10000] [DURATION=10s] [CONNS=50]
#
# Two smartlinkd servers run on the same core, one after the other under load: "off" serves LINKS generated links
# (the anchor's slugs and destinations), "on" serves the same links with a local discount, so each click takes a
# code from the pool, stores it (Chronicle Map) and answers with the coded location. Every request is a new visitor
# (mix.lua with FRESH=1: a corpus user agent, a random public address through X-Forwarded-For), so every click
# needs a fresh code. Prints redirect-bench's "vs" summaries: on vs off, then on vs nginx, and the code metrics
# (a non-zero smartlinkd_code_pool_empty_total would mean the refill did not keep up and the figures flatter us).
# Needs: apt-get install -y nginx-light wrk; npm (the corpus); ../shared/bench or BENCH_DIR.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bench=${BENCH_DIR:-$root/../shared/bench}
links=${1:-10000}; duration=${2:-10s}; conns=${3:-50}
server_cpu=${SERVER_CPU:-1}; loadgen_cpu=${LOADGEN_CPU:-0}
anchor_port=${ANCHOR_PORT:-18081}

source "$root/loadtest/bench/bench-lib.sh"
bench_setup
"$bench/nginx-anchor" slugs "$links" "$work/slugs.tsv"
prepare_mix "$work" "$root" "$bench" "en-US,en;q=0.9" "de-DE,de;q=0.9,en;q=0.8" "fr-FR,fr;q=0.9"
store=$(head -1 "$work/slugs.tsv" | cut -f2 | sed -E 's#^https?://([^/]+).*#\1#')

config() { # DIR DISCOUNT(yes|no)
  mkdir -p "$1/links"
  cat > "$1/server.yaml" <<YAML
server:
  trusted_proxies: [127.0.0.1]
domains:
  - host: go.example.com
    aliases: [localhost, 127.0.0.1]
discounts:
  - id: bench
    store: $store
    pool: { size: 100000, low_water: 25000 }
YAML
  awk -F'\t' -v coded="$2" '
    BEGIN { print "links:" }
    { printf "  - slug: \"%s\"\n    domain: go.example.com\n    destination: \"%s\"\n", $1, $2
      if (coded == "yes") print "    discount: bench" }' "$work/slugs.tsv" > "$1/links/bench.yaml"
}

config "$work/off" no
config "$work/on" yes
start_server off "$work/off" 18082 18092
start_server on "$work/on" 18080 18090
ANCHOR_CPU=$server_cpu "$bench/nginx-anchor" start map "$anchor_port" "$work/slugs.tsv"
echo "== codes on (A) vs codes off (B)"
FRESH=1 LOADGEN_CPU=$loadgen_cpu bash "$work/bench/redirect-bench" vs "http://127.0.0.1:18080/" \
  "http://127.0.0.1:18082/" "$work/slugs.tsv" "$duration" "$conns" 1
echo "== codes on (A) vs nginx map anchor (B)"
FRESH=1 LOADGEN_CPU=$loadgen_cpu bash "$work/bench/redirect-bench" vs "http://127.0.0.1:18080/" \
  "http://127.0.0.1:$anchor_port/" "$work/slugs.tsv" "$duration" "$conns" 1
curl -s "http://127.0.0.1:18090/metrics" | grep -E '^smartlinkd_(codes?_|clicks_total\{outcome="redirected"|bot_clicks)' || true
