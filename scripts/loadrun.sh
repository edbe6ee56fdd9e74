#!/usr/bin/env bash
# A bounded /userinfo load run on loopback, for the performance figures.
#
#   scripts/loadrun.sh
#
# It builds the binary, starts `idconnect serve --dev` on free 127.0.0.1 ports in a
# temporary data dir, registers a public client, completes a persistent grant over HTTP
# with `go run ./cmd/loadrun grant` (a fresh wallet key signs the SIWE login and
# consent), then loads GET /userinfo with that token: a warm-up, then the measured run,
# at CONNS connections. It uses wrk (installed from Debian when missing and run as root)
# or else loadrun's Go generator. Finally it stops the server with SIGINT, as an operator
# would, and checks that the usage log holds every read that was served.
#
# With wrk, unless PAUSE_MS=0, a second wrk run makes each connection pause PAUSE_MS after
# every response, which over 32 connections offers about 8,000 requests/s: the latency of
# a server that keeps up, where the first run's is that of a saturated one (every
# connection always busy).
#
# Then, unless RATE=0, loadrun's Go generator offers exactly RATE requests/s over the same
# CONNS connections for DURATION and reports the latency at that rate, counted from when
# each request was due (open loop, so a stall is never hidden). It shares the two cores
# with the server and costs about three times what wrk does per request, and its own
# wake-up delays count as latency, so its tail is an upper bound.
#
# Knobs (environment): WARMUP=5s DURATION=20s CONNS=32 THREADS=1 PAUSE_MS=2 RATE=8000
#   SCOPES="openid profile email offline_access" KEEP=1 (keep the temp dir)
# One wrk thread drives 32 connections at well over 10,000 requests/s; on a two-core
# machine a second thread only takes CPU from the server it measures.
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP="${WARMUP:-5s}"
DURATION="${DURATION:-20s}"
CONNS="${CONNS:-32}"
THREADS="${THREADS:-1}"
RATE="${RATE:-8000}"
PAUSE_MS="${PAUSE_MS:-2}"
SCOPES="${SCOPES:-openid profile email offline_access}"
readonly redirect="http://127.0.0.1:9/callback"

die() { echo "loadrun.sh: $*" >&2; exit 1; }
loadrun() { go run ./cmd/loadrun "$@"; }

if ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  echo "installing wrk from Debian..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >/dev/null 2>&1 ||
    { apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >/dev/null 2>&1; } ||
    echo "wrk could not be installed; using the Go load generator" >&2
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/idconnect-loadrun.XXXXXX")"
pid=""
stop_server() {
  [ -n "$pid" ] || return 0
  kill -INT "$pid" 2>/dev/null || true
  for _ in $(seq 150); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; pid=""; return 0; }
    sleep 0.1
  done
  echo "the server did not stop within 15s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
}
cleanup() {
  stop_server
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

go build -o "$tmp/idconnect" ./cmd/idconnect
addr="$(loadrun freeaddr)"
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

client="$("$tmp/idconnect" client create --dev --data-dir "$tmp/data" --name loadrun --public \
  --redirect-uri "$redirect" --json | sed -n 's/.*"client_id":"\([^"]*\)".*/\1/p')"
[ -n "$client" ] || die "no client id"
token="$(timeout 180 go run ./cmd/loadrun grant -issuer "$issuer" -client "$client" \
  -redirect-uri "$redirect" -scopes "$SCOPES")"
[ -n "$token" ] || die "no access token"

TIMEFORMAT="%U %S"
# cpu_ticks is the server's CPU time so far (user+system, clock ticks).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz="$(getconf CLK_TCK)"
echo "scopes: $SCOPES; $CONNS connections; warm-up $WARMUP, measured $DURATION"
echo "before: $(uptime)"
served=1 # the grant step's own check read
phases=0 # runs that may stop with reads in flight
if command -v wrk >/dev/null 2>&1; then
  wrk_run() {
    local d="$1"
    shift
    timeout 120 wrk -t"$THREADS" -c"$CONNS" -d"$d" --latency -H "Authorization: Bearer $token" "$@" "$issuer/userinfo"
  }
  # completed 2xx responses of a wrk report
  ok_count() {
    local total bad
    total="$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$1")"
    bad="$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$1")"
    echo $((total - ${bad:-0}))
  }
  wrk_run "$WARMUP" >"$tmp/warmup.txt"
  served=$((served + $(ok_count "$tmp/warmup.txt")))
  phases=$((phases + 2))
  t0="$(cpu_ticks)"
  { time wrk_run "$DURATION" >"$tmp/run.txt"; } 2>"$tmp/wrk.time"
  t1="$(cpu_ticks)"
  cat "$tmp/run.txt"
  gen_cpu="$(awk '{print $1 + $2}' "$tmp/wrk.time")"
  served=$((served + $(ok_count "$tmp/run.txt")))
  requests="$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$tmp/run.txt")"
  if [ "$PAUSE_MS" != 0 ]; then
    echo "paced by pauses: every connection waits ${PAUSE_MS} ms after each response (wrk)"
    printf 'function delay()\n  return %d\nend\n' "$PAUSE_MS" >"$tmp/pause.lua"
    wrk_run "$DURATION" -s "$tmp/pause.lua" >"$tmp/paused.txt"
    cat "$tmp/paused.txt"
    served=$((served + $(ok_count "$tmp/paused.txt")))
    phases=$((phases + 1))
  fi
  if grep -q "Socket errors" "$tmp"/*.txt; then
    echo "note: wrk reports socket errors; a timed-out read may be served but not counted" >&2
  fi
else
  t0="$(cpu_ticks)"
  timeout 120 go run ./cmd/loadrun load -url "$issuer/userinfo" -token "$token" -c "$CONNS" \
    -d "$DURATION" -warmup "$WARMUP" | tee "$tmp/run.txt"
  t1="$(cpu_ticks)"
  requests="$(sed -n 's/^\([0-9]*\) requests in .*/\1/p' "$tmp/run.txt")"
  served="" # the Go generator's warm-up reads are not counted exactly
fi
echo "after: $(uptime)"
if [ "$RATE" != 0 ] && [ -n "$served" ]; then
  echo "paced: $RATE requests/s over $CONNS connections for $DURATION (Go generator, latency from when due)"
  # Built rather than run with `go run`, so that its CPU time is its own.
  go build -o "$tmp/loadrun" ./cmd/loadrun
  { time GOMAXPROCS=1 timeout 120 "$tmp/loadrun" load -url "$issuer/userinfo" -token "$token" -c "$CONNS" \
    -d "$DURATION" -warmup 2s -rate "$RATE" >"$tmp/paced.txt"; } 2>"$tmp/paced.time"
  cat "$tmp/paced.txt"
  echo "after paced: $(uptime)"
  warm_ok="$(sed -n 's/^warm-up: \([0-9]*\) ok.*/\1/p' "$tmp/paced.txt")"
  paced_total="$(sed -n 's/^\([0-9]*\) requests in .*/\1/p' "$tmp/paced.txt")"
  paced_bad="$(sed -n 's/.*, \([0-9]*\) non-2xx or failed$/\1/p' "$tmp/paced.txt")"
  served=$((served + warm_ok + paced_total - paced_bad)) # it counts every request it sent
  phases=$((phases + 2))
  echo "generator CPU: $(awk -v n="$((warm_ok + paced_total))" '{ printf "%.0f µs per request", ($1 + $2) * 1e6 / n }' "$tmp/paced.time")"
fi
if [ -n "${requests:-}" ] && [ "$requests" -gt 0 ]; then
  echo "server CPU: $(awk -v t="$((t1 - t0))" -v hz="$hz" -v n="$requests" \
    'BEGIN { printf "%.0f µs per request (user+system, all threads)", t / hz * 1e6 / n }')"
  if [ -n "${gen_cpu:-}" ]; then
    echo "wrk CPU: $(awk -v s="$gen_cpu" -v n="$requests" 'BEGIN { printf "%.0f µs per request", s * 1e6 / n }')"
  fi
fi

stop_server
loadrun usage -data-dir "$tmp/data" -token "$token" | tee "$tmp/usage.txt"
if [ -n "$served" ]; then
  logged="$(sed -n 's/.*usage log rows \([0-9]*\).*/\1/p' "$tmp/usage.txt")"
  count="$(sed -n 's/.*usage_count \([0-9]*\),.*/\1/p' "$tmp/usage.txt")"
  # A generator stops counting at its deadline: up to CONNS reads per phase are served
  # and logged but not counted.
  slack=$((phases * CONNS))
  if [ "$count" = "$logged" ] && [ "$logged" -ge "$served" ] && [ "$logged" -le $((served + slack)) ]; then
    echo "usage log: complete ($logged reads logged and counted; the generators counted $served, plus up to $slack in flight at their deadlines)"
  else
    echo "usage log: MISMATCH ($served reads counted by the generators, $count counted, $logged logged)" >&2
    exit 1
  fi
fi
