#!/usr/bin/env bash
# Puts the CC0 country database (ip-location-db's geo-whois-asn-country, an MMDB file) into DIR, using npm pack:
# no account and no licence key needed. The file lands through a rename, so a running smartlinkd that watches it
# (server.geo.database) swaps it in at its next check and never reads a half-written file.
#
#   geo-data/fetch-cc0.sh [--force] DIR
#
# Skips the download when DIR already has the file, unless --force. SMARTLINKD_CC0_VERSION picks a package version
# (default: the latest). Exit status: 0 done or already there, 1 failed, 2 bad usage or npm missing.
set -euo pipefail

package=@ip-location-db/geo-whois-asn-country-mmdb
file=geo-whois-asn-country.mmdb

usage() {
  echo "usage: $0 [--force] DIR" >&2
  exit 2
}

force=0
dir=
for arg in "$@"; do
  case $arg in
    --force) force=1 ;;
    -h|--help) usage ;;
    -*) echo "$0: unknown option $arg" >&2; usage ;;
    *) [[ -z $dir ]] || usage; dir=$arg ;;
  esac
done
[[ -n $dir ]] || usage

if [[ -s $dir/$file && $force == 0 ]]; then
  echo "$dir/$file is already there (--force fetches it again)"
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "$0: npm is needed to fetch $package (Debian: apt-get install npm)" >&2
  exit 2
fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
# Work inside DIR so that the final mv is a rename within one file system.
work=$(mktemp -d "$dir/.fetch-cc0.XXXXXX")
trap 'rm -rf "$work"' EXIT

spec=$package${SMARTLINKD_CC0_VERSION:+@$SMARTLINKD_CC0_VERSION}
echo "fetching $spec ..."
if ! tarball=$(cd "$work" && timeout 600 npm pack --loglevel=error "$spec" 2>"$work/npm.log" | tail -n 1) \
    || [[ ! -f $work/$tarball ]]; then
  echo "$0: npm pack $spec failed:" >&2
  cat "$work/npm.log" >&2
  exit 1
fi
tar -xzf "$work/$tarball" -C "$work" "package/$file" package/package.json
# The metadata marker every MaxMind DB file ends with; catches an HTML error page or a truncated download.
if ! LC_ALL=C grep -q -a 'MaxMind\.com' "$work/package/$file"; then
  echo "$0: $tarball holds no valid $file" >&2
  exit 1
fi
version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$work/package/package.json")
# npm tarballs date every file 1985; give it the time it arrived.
touch "$work/package/$file"
chmod 0644 "$work/package/$file"
mv -f "$work/package/$file" "$dir/$file"
echo "$dir/$file: $package $version ($(wc -c <"$dir/$file") bytes)"
