#!/usr/bin/env bash
# Fetches the user-agent corpora the build needs (never committed) with `npm pack`, from the registry npm is
# configured with, and lays them out under OUT_DIR (default: server/target):
#   OUT_DIR/generated-resources/agent/crawler-user-agents.json (+ .LICENSE)  bundled into the server jar
#   OUT_DIR/corpora/user-agents.json, OUT_DIR/corpora/crawler-user-agents.json  for the accuracy tests
# Tarballs are cached under ${XDG_CACHE_HOME:-$HOME/.cache}/smartlinkd/npm and checked against pinned SHA-256
# sums, so a rerun needs no network and the tests always see the same data. To move to newer data, change a
# version, run once with SMARTLINKD_CORPORA_UPDATE=1 to print the new sums, and paste them below.
set -euo pipefail

out_dir=${1:-"$(cd "$(dirname "$0")/.." && pwd)/server/target"}
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/smartlinkd/npm"

# name version sha256-of-the-tarball
packages=(
  "user-agents 2.1.198 581c4f5074669b6f125263b8ddf302d221a26a06842488c6cc8d50dc5c5c0851"
  "crawler-user-agents 1.60.0 355ff319e17919f1738122752c8036d605d0e1bcba81de31e84377d12b286d79"
)

fail() {
  echo "corpora/fetch.sh: $*" >&2
  exit 1
}

command -v npm >/dev/null || fail "npm is not installed (apt-get install npm); the build needs it for the user-agent corpora"
mkdir -p "$cache_dir"

# Prints the path of the verified tarball of package $1 at version $2 with sum $3, fetching it when not cached.
tarball() {
  local name=$1 version=$2 sum=$3
  local file="$cache_dir/$name-$version.tgz"
  if [[ ! -s $file ]]; then
    local tmp
    tmp=$(mktemp -d "$cache_dir/.pack.XXXXXX")
    if ! (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null); then
      rm -rf "$tmp"
      fail "npm pack $name@$version failed"
    fi
    mv "$tmp/$name-$version.tgz" "$file"
    rm -rf "$tmp"
  fi
  local actual
  actual=$(sha256sum "$file" | cut -d' ' -f1)
  if [[ ${SMARTLINKD_CORPORA_UPDATE:-} == 1 ]]; then
    echo "$name $version $actual" >&2
  elif [[ $actual != "$sum" ]]; then
    rm -f "$file"
    fail "$name-$version.tgz has SHA-256 $actual, expected $sum (removed from the cache; run again to refetch)"
  fi
  echo "$file"
}

# Extracts member $2 of tarball $1 to $3, replacing it atomically.
extract() {
  local archive=$1 member=$2 target=$3
  mkdir -p "$(dirname "$target")"
  tar -xzOf "$archive" "package/$member" >"$target.tmp" || fail "$member missing from $archive"
  mv "$target.tmp" "$target"
}

for entry in "${packages[@]}"; do
  read -r name version sum <<<"$entry"
  archive=$(tarball "$name" "$version" "$sum")
  case $name in
    user-agents)
      extract "$archive" dist/user-agents.json "$out_dir/corpora/user-agents.json"
      ;;
    crawler-user-agents)
      extract "$archive" crawler-user-agents.json "$out_dir/generated-resources/agent/crawler-user-agents.json"
      extract "$archive" LICENSE "$out_dir/generated-resources/agent/crawler-user-agents.LICENSE"
      extract "$archive" crawler-user-agents.json "$out_dir/corpora/crawler-user-agents.json"
      ;;
  esac
done
