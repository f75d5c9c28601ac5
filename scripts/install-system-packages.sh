#!/usr/bin/env bash
# Install the Debian packages equalocal needs (scripts/system-packages.txt, one list for
# `make run`, `make test` and `.ci/run`). Runs apt-get when it can (root, or sudo without a
# password); otherwise prints the one command that does it and exits 1.
#   scripts/install-system-packages.sh           install what is missing
#   scripts/install-system-packages.sh --check   only say what is missing (exit 1 if anything)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
list="$here/system-packages.txt"
extra_list=()
check_only=false
for arg in "$@"; do
  case "$arg" in
    --check) check_only=true ;;
    --with-bench) extra_list+=("$here/system-packages-bench.txt") ;;
    *) echo "usage: $0 [--check] [--with-bench]" >&2; exit 2 ;;
  esac
done

wanted=$(grep -hv '^\s*#' "$list" "${extra_list[@]}" | awk 'NF {print $1}')

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "equalocal: this is not a Debian-based system; install the equivalents of:" >&2
  echo "  $(echo $wanted)" >&2
  exit 1
fi

missing=()
for package in $wanted; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done

[ ${#missing[@]} -eq 0 ] && exit 0

command_line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if $check_only; then
  echo "equalocal: missing system packages: ${missing[*]}" >&2
  echo "  fix with: sudo sh -c '$command_line'   (or: scripts/install-system-packages.sh)" >&2
  exit 1
fi

if [ "$(id -u)" = 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo -n)
else
  echo "equalocal: these system packages are missing: ${missing[*]}" >&2
  echo "Install them with this one command, then run make again:" >&2
  echo "  sudo sh -c '$command_line'" >&2
  exit 1
fi

echo "equalocal: installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq
"${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
