#!/usr/bin/env bash
# Redirect throughput with the whole click pipeline on, against the nginx "map" anchor, side by side in one run.
#
#   loadtest/bench/redirect-mix-vs-nginx.sh [LINKS=100000] [DURATION=10s] [CONNS=50]
#
# Like redirect-vs-nginx.sh, but every request carries a realistic visitor: a user agent drawn by traffic weight
# from the `user-agents` corpus, a random public IPv4 address in X-Forwarded-For (the server trusts its loopback
# peer, so geo looks each one up in the CC0 country database) and an Accept-Language. Every generated link has the
# same six rules (country, device, OS, language, query, referrer) ending in a capped weight pool of five offers,
# so each click runs client address, geo, user agent, visitor cookie and unique check, rules, pool, caps and the
# journal. nginx gets the same requests (it ignores the extra headers).
# Needs: apt-get install -y nginx-light wrk; npm (for the CC0 database and the corpus); ../shared/bench or BENCH_DIR.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bench=${BENCH_DIR:-$root/../shared/bench}
links=${1:-100000}; duration=${2:-10s}; conns=${3:-50}
server_cpu=${SERVER_CPU:-1}; loadgen_cpu=${LOADGEN_CPU:-0}
port=${PORT:-18080}; anchor_port=${ANCHOR_PORT:-18081}; admin_port=${ADMIN_PORT:-18090}

source "$root/loadtest/bench/bench-lib.sh"
bench_setup
"$root/geo-data/fetch-cc0.sh" "$root/data" >/dev/null
"$bench/nginx-anchor" slugs "$links" "$work/slugs.tsv"
prepare_mix "$work" "$root" "$bench" "en-US,en;q=0.9" "de-DE,de;q=0.9,en;q=0.8" "fr-FR,fr;q=0.9" "es-ES,es;q=0.9" \
  "pt-BR,pt;q=0.9" "en-GB,en;q=0.9" "ja-JP,ja;q=0.9" "ru-RU,ru;q=0.9" "it-IT,it;q=0.9" "pl-PL,pl;q=0.9"

cp -r "$root/config/demo" "$work/config"
cat >> "$work/config/server.yaml" <<YAML
  trusted_proxies: [127.0.0.1]
YAML
sed -i "s#database: .*#database: $root/data/geo-whois-asn-country.mmdb#" "$work/config/server.yaml"
cat > "$work/config/bench-offers.yaml" <<'YAML'
offers:
  - { id: b-de-mobile, url: "https://a.example/de?c={click_id}", targeting: { country: [DE, AT, CH], device: [mobile] }, caps: { clicks: { hour: 20000, day: 100000 } } }
  - { id: b-us, url: "https://a.example/us?c={click_id}", targeting: { country: [US, CA] }, caps: { clicks: { hour: 50000 } } }
  - { id: b-ios, url: "https://a.example/ios?c={click_id}", targeting: { os: [iOS] }, caps: { clicks: { day: 200000 } } }
  - { id: b-desktop, url: "https://a.example/desk?c={click_id}", targeting: { device: [desktop] } }
  - { id: b-world, url: "https://a.example/w?c={click_id}&o={offer}&cc={country}" }
pools:
  - id: b-pool
    strategy: weight
    offers: [{ offer: b-de-mobile, weight: 4 }, { offer: b-us, weight: 3 }, { offer: b-ios, weight: 2 }, { offer: b-desktop, weight: 2 }, { offer: b-world, weight: 1 }]
    fallback: b-world
YAML
# Same slugs as the anchor, on the demo's default domain, each with the same six rules (compiled into one shared
# rule set); files of 10,000 links stay well under the per-file size limit.
awk -F'\t' -v dir="$work/config/links" '
  (NR - 1) % 10000 == 0 { file = sprintf("%s/bench-%03d.yaml", dir, (NR - 1) / 10000); print "links:" > file }
  { printf "  - slug: \"%s\"\n    domain: go.example.com\n    destination: \"%s\"\n    rules:\n", $1, $2 > file
    print "      - { name: newsletter, when: { query: { src: newsletter } }, destination: \"https://n.example/?c={click_id}\" }" > file
    print "      - { name: social, when: { referrer: [facebook.com, t.co] }, pool: b-pool }" > file
    print "      - { name: de-mobile, when: { country: [DE, AT], device: [mobile] }, pool: b-pool }" > file
    print "      - { name: french, when: { language: [fr] }, pool: b-pool }" > file
    print "      - { name: android-tablets, when: { device: [tablet], os: [Android] }, pool: b-pool }" > file
    print "      - { name: everyone, pool: b-pool }" > file }' "$work/slugs.tsv"

start_server server "$work/config" "$port" "$admin_port"
grep -m1 'geo: loaded' "$work/server.log" || echo "warning: no country database loaded" >&2

ANCHOR_CPU=$server_cpu "$bench/nginx-anchor" start map "$anchor_port" "$work/slugs.tsv"
LOADGEN_CPU=$loadgen_cpu bash ${BENCH_TRACE:+-x} "$work/bench/redirect-bench" vs "http://127.0.0.1:$port/" \
  "http://127.0.0.1:$anchor_port/" "$work/slugs.tsv" "$duration" "$conns" 1
curl -s "http://127.0.0.1:$admin_port/metrics" | grep -E '^smartlinkd_(clicks_total|bot_clicks|user_agent|geo_networks)' || true
