# Sourced by the *-vs-nginx.sh scripts that send realistic clicks: prepare_mix WORK ROOT BENCH [LANGS...]
# puts into WORK a bench/ directory whose redirect-bench runs mix.lua (as its redirect.lua), and beside the slug
# file the user agents by traffic weight (uas.tsv, from the `user-agents` corpus) and Accept-Language values.
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
