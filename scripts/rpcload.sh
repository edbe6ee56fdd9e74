#!/usr/bin/env bash
# A bounded load run of the identity JSON-RPC on loopback, for the performance figures.
#
#   scripts/rpcload.sh
#
# It builds the binary, starts `idconnect serve --dev` on a free 127.0.0.1 port in a
# temporary data dir, gives a fresh wallet an identity and a KYC claim from the demo
# issuer (`go run ./cmd/loadrun claim`), and loads POST /rpc with that owner's wallet
# token at CONNS connections with wrk: id_verifyClaim, then id_getClaim, each a warm-up
# (which fills the server's chain cache: "warm") and a measured run. wrk is installed
# from Debian when missing and run as root.
#
# Knobs (environment): WARMUP=5s DURATION=20s CONNS=32 THREADS=1 KEEP=1 (keep the temp dir)
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP="${WARMUP:-5s}"
DURATION="${DURATION:-20s}"
CONNS="${CONNS:-32}"
THREADS="${THREADS:-1}"

die() { echo "rpcload.sh: $*" >&2; exit 1; }

if ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  echo "installing wrk from Debian..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >/dev/null 2>&1 ||
    { apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >/dev/null 2>&1; } || true
fi
command -v wrk >/dev/null 2>&1 || die "wrk is needed (apt-get install wrk)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/idconnect-rpcload.XXXXXX")"
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill -INT "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

go build -o "$tmp/idconnect" ./cmd/idconnect
go build -o "$tmp/loadrun" ./cmd/loadrun
addr="$("$tmp/loadrun" freeaddr)"
issuer="http://$addr"
"$tmp/idconnect" serve --dev --addr "$addr" --data-dir "$tmp/data" --dev-rpc-addr "" --demo-addr "" \
  >"$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 600); do
  curl -fsS -o /dev/null "$issuer/healthz" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/server.log" >&2; die "the server exited"; }
  sleep 0.1
done
curl -fsS -o /dev/null "$issuer/healthz" || die "the server never became healthy"

read -r identity token < <(timeout 180 "$tmp/loadrun" claim -issuer "$issuer" -data-dir "$tmp/data")
[ -n "$token" ] || die "no wallet token"

for method in id_verifyClaim id_getClaim; do
  body="{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$method\",\"params\":{\"identity\":\"$identity\",\"topic\":1}}"
  curl -fsS -H "Authorization: Bearer $token" -H "Content-Type: application/json" -d "$body" "$issuer/rpc" \
    | grep -q '"valid"' || die "$method does not answer valid: $(curl -sS -H "Authorization: Bearer $token" -H "Content-Type: application/json" -d "$body" "$issuer/rpc")"
  cat >"$tmp/$method.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA
  echo "== $method, $CONNS connections (warm-up $WARMUP, measured $DURATION)"
  timeout 120 wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" -s "$tmp/$method.lua" "$issuer/rpc" >/dev/null
  timeout 120 wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$tmp/$method.lua" "$issuer/rpc" | tee "$tmp/$method.txt"
  if grep -q "Non-2xx" "$tmp/$method.txt"; then
    die "$method: some answers were not 200"
  fi
done
