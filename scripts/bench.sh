#!/usr/bin/env bash
# Runs the benchmarks behind the README's performance section (median of COUNT runs;
# compare runs with benchstat). PostgreSQL is started for the store benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."

pgdir="$(mktemp -d "${TMPDIR:-/tmp}/idconnect-pg.XXXXXX")"
rmdir "$pgdir"
trap 'scripts/postgres.sh stop "$pgdir" >/dev/null 2>&1 || true' EXIT
IDCONNECT_TEST_POSTGRES_DSN="$(scripts/postgres.sh start "$pgdir" | tail -n 1)"
export IDCONNECT_TEST_POSTGRES_DSN

go test -run '^$' -bench . -benchmem -count "${COUNT:-5}" -benchtime "${BENCHTIME:-1s}" ./identity/ ./store/... ./issuer/
# The identity JSON-RPC and the issuer console over loopback HTTP, against serve --dev in-process.
go test -run '^$' -bench 'VerifyClaim|ReviewQueuePage' -count "${COUNT:-5}" -benchtime "${BENCHTIME:-1s}" ./cmd/idconnect/
