#!/usr/bin/env bash
# Installs Suricata 7 (the engine family AWS Network Firewall runs) from Debian's bookworm-backports suite.
# The backports suite is added on the same mirror the machine already uses (read from debian.sources).
set -euo pipefail
if command -v suricata >/dev/null 2>&1 && suricata -V 2>/dev/null | grep -q 'version 7\.'; then
  suricata -V
  exit 0
fi
sources=/etc/apt/sources.list.d/debian.sources
uri=$(awk '/^URIs:/ {print $2; exit}' "$sources")
if [ -z "$uri" ]; then
  echo "install-suricata: no URIs: line found in $sources" >&2
  exit 1
fi
list=/etc/apt/sources.list.d/bookworm-backports.sources
if [ ! -f "$list" ]; then
  cat >"$list" <<SRC
Types: deb
URIs: $uri
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq -t bookworm-backports suricata >/dev/null
suricata -V
