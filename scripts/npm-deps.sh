#!/usr/bin/env bash
# Installs the pinned npm packages used to compile the contracts (solc) and to run the
# identity suite against the official ONCHAINID artifacts into a cache outside the
# repository, and prints the node_modules path. Nothing from it is ever committed.
set -euo pipefail

cache="${IDCONNECT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/idconnect}"
dir="$cache/npm"
pkgs=(solc@0.8.28 @onchain-id/solidity@2.2.1 @onchain-id/identity-sdk@1.5.1)
stamp="$dir/.installed-$(printf '%s\n' "${pkgs[@]}" | sha256sum | cut -c1-16)"

mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9
if [ ! -f "$stamp" ]; then
  command -v npm >/dev/null || { echo "npm-deps: npm is not installed (apt-get install nodejs npm)" >&2; exit 1; }
  cd "$dir"
  [ -f package.json ] || echo '{"private": true}' > package.json
  npm install --no-audit --no-fund --save-exact --loglevel=error "${pkgs[@]}" >&2
  touch "$stamp"
fi
echo "$dir/node_modules"
