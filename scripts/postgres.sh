#!/usr/bin/env bash
# Runs a throwaway PostgreSQL cluster for the store tests.
#
#   scripts/postgres.sh start DIR   creates (or restarts) a cluster in DIR, listening only on
#                                   127.0.0.1 on a free port, and prints its DSN as the last
#                                   line of stdout (also written to DIR/dsn).
#   scripts/postgres.sh stop DIR    stops it and removes DIR.
#
# The cluster trusts every local connection and runs with fsync=off: it is for tests only.
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
set -euo pipefail

readonly marker=".idconnect-postgres"
readonly superuser="postgres"

die() { echo "postgres.sh: $*" >&2; exit 1; }

usage() {
  echo "usage: $0 start DIR | stop DIR" >&2
  exit 2
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# as_owner runs a command as the cluster's owner, from / so that a cwd the owner cannot
# read (such as /root) does not break initdb or pg_ctl.
as_owner() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# find_bindir prints the directory holding initdb and pg_ctl: PATH first, then the newest
# Debian versioned directory.
find_bindir() {
  local p d
  if p="$(command -v pg_ctl 2>/dev/null)" && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$p")"
    return 0
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

bindir() {
  local d
  if d="$(find_bindir)"; then
    echo "$d"
    return 0
  fi
  is_root || die "initdb/pg_ctl not found; install PostgreSQL (apt-get install postgresql) or put its bin directory on PATH"
  echo "postgres.sh: installing PostgreSQL with apt-get" >&2
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >&2
  d="$(find_bindir)" || die "PostgreSQL was installed but initdb/pg_ctl are still not found"
  echo "$d"
}

ensure_postgres_user() {
  is_root || return 0
  id -u postgres >/dev/null 2>&1 && return 0
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin postgres || die "cannot create the postgres system user"
}

# port_in_use is true when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pick_port stays below the kernel's ephemeral range: a client that dials a
# stopped cluster's port can be given that same port as its own local port
# (a TCP self-connect), which would keep the cluster from starting again there.
pick_port() {
  local p i low=32768
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
  [ "$low" -gt 21000 ] 2>/dev/null || low=32768
  for i in $(seq 1 200); do
    p=$((20000 + RANDOM % (low - 20000)))
    if ! port_in_use "$p"; then
      echo "$p"
      return 0
    fi
  done
  die "no free TCP port found on 127.0.0.1"
}

running() {
  local bin="$1" dir="$2"
  [ -f "$dir/data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

prepare_dir() {
  local dir="$1"
  if [ -e "$dir" ] && [ ! -f "$dir/$marker" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
    die "$dir exists, is not empty and was not made by this script; refusing to use it"
  fi
  mkdir -p "$dir"
  touch "$dir/$marker"
  if is_root; then
    chown -R postgres:postgres "$dir"
    chmod 700 "$dir"
    runuser -u postgres -- test -w "$dir" ||
      die "user postgres cannot write $dir; choose a DIR whose parents are world-searchable (e.g. under /tmp)"
  fi
}

init_cluster() {
  local bin="$1" dir="$2"
  [ -f "$dir/data/PG_VERSION" ] && return 0
  mkdir -p "$dir/sock"
  is_root && chown postgres:postgres "$dir/sock"
  if ! as_owner "$bin/initdb" -D "$dir/data" -U "$superuser" --auth=trust -E UTF8 \
    --locale=C --no-sync >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    die "initdb failed"
  fi
  echo "include = 'idconnect-test.conf'" >>"$dir/data/postgresql.conf"
}

# write_conf sets the listening port; the other settings trade durability for speed.
write_conf() {
  local dir="$1" port="$2"
  cat >"$dir/data/idconnect-test.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
  is_root && chown postgres:postgres "$dir/data/idconnect-test.conf"
  return 0
}

start() {
  local dir="$1" bin port attempt
  bin="$(bindir)"
  ensure_postgres_user
  prepare_dir "$dir"
  dir="$(cd "$dir" && pwd -P)"
  # Two starts racing on one DIR must not both run initdb.
  exec 9>"$dir/.lock"
  flock 9
  if running "$bin" "$dir" && [ -f "$dir/dsn" ]; then
    echo "postgres.sh: already running in $dir" >&2
    cat "$dir/dsn"
    return 0
  fi
  init_cluster "$bin" "$dir"
  # A port can be taken between the probe and the bind, so retry with another one.
  for attempt in 1 2 3 4 5; do
    port="$(pick_port)"
    write_conf "$dir" "$port"
    # 9>&-: the server must not inherit (and hold forever) the start lock.
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 start >&2 9>&-; then
      local dsn="postgres://$superuser@127.0.0.1:$port/postgres?sslmode=disable"
      echo "$dsn" >"$dir/dsn"
      echo "$dsn"
      return 0
    fi
    echo "postgres.sh: start on port $port failed (attempt $attempt)" >&2
  done
  tail -n 20 "$dir/data/server.log" >&2 || true
  die "could not start PostgreSQL in $dir"
}

kill_postmaster() {
  local dir="$1" pid
  pid="$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    echo "postgres.sh: pg_ctl stop failed; sending SIGKILL to postmaster $pid" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

stop() {
  local dir="$1" bin
  [ -e "$dir" ] || return 0
  [ -f "$dir/$marker" ] || die "$dir was not made by this script; refusing to remove it"
  if bin="$(find_bindir)" && running "$bin" "$dir"; then
    if ! as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >&2; then
      # A postmaster that ignores SIGQUIT (or is a zombie nobody reaps) must not keep
      # its directory alive: the cluster is throwaway.
      kill_postmaster "$dir"
    fi
  fi
  rm -rf "$dir"
}

main() {
  [ $# -eq 2 ] || usage
  [ -n "$2" ] || usage
  case "$1" in
  start) start "$2" ;;
  stop) stop "$2" ;;
  *) usage ;;
  esac
}

main "$@"
