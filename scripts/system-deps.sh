#!/usr/bin/env bash
# Install the Debian packages named on the command line when they are missing (only as root).
# graphviz: the graph page's layout (on the server) and SVG/PNG export; chromium: the browser tests.
set -u
missing=()
for pkg in "$@"; do
  case "$pkg" in
    graphviz) command -v dot >/dev/null 2>&1 || missing+=(graphviz) ;;
    chromium) [ -x /usr/bin/chromium ] || missing+=(chromium) ;;
    *) dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg") ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "note: missing Debian packages: ${missing[*]} (install them as root: apt-get install ${missing[*]})" >&2
  exit 0
fi
echo "installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
