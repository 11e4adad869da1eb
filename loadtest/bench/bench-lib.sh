# Sourced by the *-vs-nginx.sh scripts. Expects root, bench, server_cpu and anchor_port to be set.
#
# bench_setup: a temp dir in $work, the jar in $jar (SMARTLINKD_JAR, or the build's, built if missing), and a trap
# that stops every server started with start_server, the nginx anchor, and removes $work.
bench_setup() {
  work=$(mktemp -d); pids=()
  trap bench_cleanup EXIT
  jar=${SMARTLINKD_JAR:-$root/server/target/smartlinkd.jar}
  [[ -f $jar ]] || (cd "$root" && mvn -B -q -DskipTests -pl server -am package)
}

bench_cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  "$bench/nginx-anchor" stop "$anchor_port" >/dev/null 2>&1 || true
  rm -rf "$work"
}

# start_server NAME CONFIG_DIR PORT ADMIN_PORT: smartlinkd on one core (taskset + -XX:ActiveProcessorCount=1,
# one event loop), data in $work/NAME-data, log in $work/NAME.log; returns once /readyz answers.
start_server() {
  local name=$1 config=$2 port=$3 admin=$4 pid
  taskset -c "$server_cpu" java -XX:ActiveProcessorCount=1 -Xms512m -Xmx512m ${JAVA_OPTS:-} \
    -Dchronicle.analytics.disable=true -Dchronicle.announcer.disable=true \
    -jar "$jar" serve --config "$config" --data "$work/$name-data" --no-watch \
    --listen "127.0.0.1:$port" --admin "127.0.0.1:$admin" > "$work/$name.log" 2>&1 &
  pid=$!; pids+=("$pid")
  for _ in $(seq 900); do
    curl -fs "http://127.0.0.1:$admin/readyz" >/dev/null 2>&1 && return
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "$name not ready"; head -c 3000 "$work/$name.log"; exit 1
}

# wait_geo_loaded LOG: the server answers before its country table is built (a few seconds for the CC0 database,
# on the server's one core); measuring then would time the build, not the clicks.
wait_geo_loaded() {
  local _
  for _ in $(seq 120); do
    grep -m1 'geo: loaded' "$1" && return
    sleep 0.5
  done
  echo "warning: no country database loaded after 60 s" >&2
}

# prepare_mix WORK ROOT BENCH [LANGS...]: for the scripts that send realistic clicks, puts into WORK a bench/
# directory whose redirect-bench runs mix.lua (as its redirect.lua), and beside the slug file the user agents by
# traffic weight (uas.tsv, from the `user-agents` corpus) and Accept-Language values.
prepare_mix() {
  local work=$1 root=$2 bench=$3; shift 3
  "$root/corpora/fetch.sh" "$root/server/target" >/dev/null
  mkdir -p "$work/bench"
  # The shared redirect-bench runs the redirect.lua next to itself: link it beside mix.lua under that name.
  ln -s "$(cd "$bench" && pwd)/redirect-bench" "$work/bench/redirect-bench"
  cp "$root/loadtest/bench/mix.lua" "$work/bench/redirect.lua"
  python3 - "$root/server/target/corpora/user-agents.json" "$work/uas.tsv" <<'PY'
import json, sys
with open(sys.argv[2], "w") as out:
    for entry in json.load(open(sys.argv[1])):
        ua = entry["userAgent"].replace("\t", " ").replace("\n", " ")
        out.write("%.12f\t%s\n" % (entry["weight"], ua))
PY
  printf '%s\n' "$@" > "$work/langs.txt"
}

# write_pipeline_config DIR SLUGS: the demo config in DIR plus one link per line of SLUGS (the anchor's slugs and
# destinations, on the demo's default domain), set up so that a realistic click runs the whole pipeline. Needs
# $root, and the CC0 country database in $root/data (geo-data/fetch-cc0.sh). The server trusts its loopback peer,
# so geo looks up the address in X-Forwarded-For. Nine links in ten are CPA smartlinks: six rules (query,
# referrer, country + device, language, device + OS, everyone) ending in a capped weight pool of five offers.
# Every tenth link is an influencer link: a local discount (a fresh single-use code for each new visitor) and a
# country rule to another page of the store. Links share their rule sets (compiled once); files of 10,000 links
# stay well under the per-file size limit.
write_pipeline_config() {
  local dir=$1 slugs=$2
  cp -r "$root/config/demo" "$dir"
  cat >> "$dir/server.yaml" <<YAML
  trusted_proxies: [127.0.0.1]
YAML
  sed -i "s#database: .*#database: $root/data/geo-whois-asn-country.mmdb#" "$dir/server.yaml"
  cat > "$dir/bench-offers.yaml" <<'YAML'
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
discounts:
  - id: b-code
    store: shop.example.com
    pool: { size: 100000, low_water: 25000 }
YAML
  awk -F'\t' -v dir="$dir/links" '
    (NR - 1) % 10000 == 0 { file = sprintf("%s/bench-%03d.yaml", dir, (NR - 1) / 10000); print "links:" > file }
    NR % 10 == 0 {
      printf "  - slug: \"%s\"\n    domain: go.example.com\n    destination: \"%s\"\n    discount: b-code\n    rules:\n", $1, $2 > file
      print "      - { name: dach, when: { country: [DE, AT, CH] }, destination: \"https://shop.example.com/de?c={click_id}\" }" > file
      next }
    { printf "  - slug: \"%s\"\n    domain: go.example.com\n    destination: \"%s\"\n    rules:\n", $1, $2 > file
      print "      - { name: newsletter, when: { query: { src: newsletter } }, destination: \"https://n.example/?c={click_id}\" }" > file
      print "      - { name: social, when: { referrer: [facebook.com, t.co] }, pool: b-pool }" > file
      print "      - { name: de-mobile, when: { country: [DE, AT], device: [mobile] }, pool: b-pool }" > file
      print "      - { name: french, when: { language: [fr] }, pool: b-pool }" > file
      print "      - { name: android-tablets, when: { device: [tablet], os: [Android] }, pool: b-pool }" > file
      print "      - { name: everyone, pool: b-pool }" > file }' "$slugs"
}

# start_pipeline_vs_anchor LINKS: what the full-pipeline comparisons share. LINKS of the anchor's slugs in
# $work/slugs.tsv; the realistic mix beside them (prepare_mix: uas.tsv, langs.txt with ten Accept-Language values,
# $work/bench/redirect-bench running mix.lua); smartlinkd with write_pipeline_config on $port (admin $admin_port,
# core $server_cpu), warmed up (warm_server); the nginx map anchor with the same slugs on $anchor_port (core
# ANCHOR_CPU, default $server_cpu). Needs npm for the CC0 country database, or the file already in $root/data.
start_pipeline_vs_anchor() {
  local links=$1
  "$root/geo-data/fetch-cc0.sh" "$root/data" >/dev/null
  "$bench/nginx-anchor" slugs "$links" "$work/slugs.tsv"
  prepare_mix "$work" "$root" "$bench" "en-US,en;q=0.9" "de-DE,de;q=0.9,en;q=0.8" "fr-FR,fr;q=0.9" "es-ES,es;q=0.9" \
    "pt-BR,pt;q=0.9" "en-GB,en;q=0.9" "ja-JP,ja;q=0.9" "ru-RU,ru;q=0.9" "it-IT,it;q=0.9" "pl-PL,pl;q=0.9"
  write_pipeline_config "$work/config" "$work/slugs.tsv"
  start_server server "$work/config" "$port" "$admin_port"
  wait_geo_loaded "$work/server.log"
  warm_server "http://127.0.0.1:$port/"
  ANCHOR_CPU=${ANCHOR_CPU:-$server_cpu} "$bench/nginx-anchor" start map "$anchor_port" "$work/slugs.tsv"
}

# start_floor PORT: the Netty floor (io.smartlinkd.floor.FloorServer in the load test's jar, built if missing) on
# $server_cpu with the server's JVM flags, answering $work/slugs.tsv; warmed like a server (warm_server).
start_floor() {
  local benchmarks=$root/loadtest/target/benchmarks.jar
  [[ -f $benchmarks ]] || (cd "$root" && mvn -B -q -DskipTests -pl loadtest -am package)
  taskset -c "$server_cpu" java -XX:ActiveProcessorCount=1 -Xms512m -Xmx512m ${JAVA_OPTS:-} \
    -cp "$benchmarks" io.smartlinkd.floor.FloorServer --slugs "$work/slugs.tsv" --port "$1" > "$work/floor.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 300); do grep -q 'floor listening' "$work/floor.log" && break; sleep 0.1; done
  grep -q 'floor listening' "$work/floor.log" || { echo "floor server not listening"; cat "$work/floor.log"; exit 1; }
  warm_server "http://127.0.0.1:$1/"
}

# warm_server URL: wrk with the mix against a freshly started server for SERVER_WARMUP (default 15s; 0 = none)
# on ${loadgen_cpu:-0}, so that the first measured round meets compiled code and the corpus's user agents already
# parsed (without it, the first closed-loop round ran at two thirds of the later ones and set RATE=auto low).
warm_server() {
  [[ ${SERVER_WARMUP:-15s} == 0 ]] && return
  taskset -c "${loadgen_cpu:-0}" wrk -t1 -c50 -d"${SERVER_WARMUP:-15s}" -s "$work/bench/redirect.lua" "$1" \
    -- "$work/slugs.tsv" > /dev/null
}

# pipeline_metrics: the server's counters that show the pipeline ran (clicks, bots, user agents, geo, codes; a
# non-zero code_pool_empty means the refill fell behind and the figures flatter us).
pipeline_metrics() {
  local names='clicks_total|bot_clicks|user_agent|geo_networks|codes_issued|codes_reissued|code_pool_empty'
  curl -s "http://127.0.0.1:$admin_port/metrics" | grep -E "^smartlinkd_($names)" || true
}

# wait_quiet: waits up to QUIET_WAIT seconds (default 120) for a 1-s window in which the whole machine is under 10%
# of one core busy, so that a run on a shared machine measures our servers rather than someone else's work; after
# that it warns and goes on.
wait_quiet() {
  local i before hz
  hz=$(getconf CLK_TCK)
  for ((i = 0; i < ${QUIET_WAIT:-120}; i++)); do
    before=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)
    sleep 1
    (( ($(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat) - before) * 10 < hz )) && return
  done
  echo "warning: machine not quiet, measuring anyway" >&2
}

# timed_start CONFIG DATA PORT ADMIN LOG: smartlinkd as the systemd unit starts it (systemd/smartlinkd-start: $opts
# as JAVA_OPTS, the class archive in DATA) on $server_cpu; sets $took (s from launch to /readyz, or "failed") and
# $server_pid, and leaves it running. Waits up to an hour: a first start of millions of links takes minutes.
timed_start() {
  local config=$1 data=$2 port=$3 admin=$4 log=$5 t0
  t0=$EPOCHREALTIME
  JAVA_OPTS=$opts SMARTLINKD_JAR=$jar SMARTLINKD_CLASS_ARCHIVE=$data/classes.jsa \
    taskset -c "$server_cpu" "$root/systemd/smartlinkd-start" serve --config "$config" --data "$data" --no-watch \
    --listen "127.0.0.1:$port" --admin "127.0.0.1:$admin" >> "$log" 2>&1 &
  server_pid=$!; pids+=("$server_pid")
  for _ in $(seq 72000); do
    if curl -fs "http://127.0.0.1:$admin/readyz" >/dev/null 2>&1; then
      took=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'); return
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.05
  done
  took=failed
}

# stop_server: SIGTERM to the server timed_start left running, and wait for it (it writes its class archive).
stop_server() { kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; }
