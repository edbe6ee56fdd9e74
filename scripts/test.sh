#!/usr/bin/env bash
# Runs every test with real parts: a throwaway PostgreSQL cluster on a loopback port
# (stopped on exit), geth --dev nodes and the in-process chain (started by the tests).
set -euo pipefail
cd "$(dirname "$0")/.."

pgdir="$(mktemp -d "${TMPDIR:-/tmp}/idconnect-pg.XXXXXX")"
rmdir "$pgdir"
cleanup() { scripts/postgres.sh stop "$pgdir" >/dev/null 2>&1 || true; }
trap cleanup EXIT
IDCONNECT_TEST_POSTGRES_DSN="$(scripts/postgres.sh start "$pgdir" | tail -n 1)"
export IDCONNECT_TEST_POSTGRES_DSN

unformatted="$(gofmt -l $(git ls-files '*.go' | grep -v '_templ\.go$'))"
if [ -n "$unformatted" ]; then
  echo "gofmt would change:" >&2
  echo "$unformatted" >&2
  exit 1
fi
go vet ./...
go test -count=1 -timeout 20m "$@" ./...

# The flow and store packages hold the rules that concurrent requests race on
# (single-use nonces and grants, group commit, caches): keep them clean under -race.
race_pkgs=()
for p in ./store/... ./challenge/ ./identity/ ./consent/ ./signin/ ./notify/ ./authz/ ./granttoken/ ./issuer/ ./rpc/ ./screening/; do
  [ -e "${p%/...}" ] && race_pkgs+=("$p")
done
go test -race -count=1 -timeout 20m "$@" "${race_pkgs[@]}"
