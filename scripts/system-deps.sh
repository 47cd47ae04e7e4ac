#!/usr/bin/env bash
# Install the Debian packages named on the command line when they are missing (only as root).
# graphviz: the graph page's layout (on the server) and SVG/PNG export; chromium: the browser tests;
# nginx: the reverse proxy in front of several app servers (tests/e2e/test_replicas.py, deploy/nginx/).
set -u
missing=()
for pkg in "$@"; do
  case "$pkg" in
    graphviz) command -v dot >/dev/null 2>&1 || missing+=(graphviz) ;;
    chromium) [ -x /usr/bin/chromium ] || missing+=(chromium) ;;
    nginx) [ -x /usr/sbin/nginx ] || missing+=(nginx) ;;
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
# Debian's nginx starts a server on port 80 as it installs, where the init system allows it. The tests start
# their own on loopback, so while installing, a policy-rc.d (Debian's switch for that) starts no service.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy"
  trap 'rm -f "$policy"' EXIT
fi
apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
