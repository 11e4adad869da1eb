# Sourced by the *-vs-nginx.sh scripts. Expects root, bench, server_cpu and anchor_port to be set.
#
# bench_setup: a temp dir in $work, the jar in $jar (built if missing), and a trap that stops every server started
# with start_server, the nginx anchor, and removes $work.
bench_setup() {
  work=$(mktemp -d); pids=()
  trap bench_cleanup EXIT
  jar=$root/server/target/smartlinkd.jar
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
