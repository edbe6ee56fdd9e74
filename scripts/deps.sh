#!/usr/bin/env bash
# Installs what the test suites start, on a fresh Debian machine: Node.js and npm (for
# the pinned solc and the official ONCHAINID artifacts), Chromium for the browser tests, PostgreSQL's server binaries,
# and geth v1.14.13 (built from the Go module proxy into a cache). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

cache="${IDCONNECT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/idconnect}"
apt_updated=""

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "deps.sh: missing $*; install it (apt-get install $*) or run as root" >&2
    exit 1
  fi
  [ -n "$apt_updated" ] || { apt-get update -qq >&2; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
command -v gcc >/dev/null || apt_install gcc libc6-dev
command -v chromium >/dev/null || apt_install chromium
if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt_install postgresql
fi

scripts/npm-deps.sh >/dev/null

if ! "$cache/bin/geth" version 2>/dev/null | grep -q '^Version: 1.14.13'; then
  echo "deps.sh: building geth v1.14.13 into $cache/bin (about two minutes on a cold cache)" >&2
  mkdir -p "$cache/bin"
  (cd / && GOBIN="$cache/bin" go install github.com/ethereum/go-ethereum/cmd/geth@v1.14.13)
fi
