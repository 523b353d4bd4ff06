#!/usr/bin/env bash
# Starts throwaway PostgreSQL and Redis servers on free loopback ports in a
# temp dir, for the test command and the benchmark. Source it:
#   source scripts/services.sh && services_up && ... (services_down runs on exit)
# Skips either one when DATABASE_URL / REDIS_URL is already set.

services_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

services_need() {
  # $1 = command to look for, $2 = Debian package
  local found
  found=$(command -v "$1" || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$found" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "[services] installing $2 with apt-get" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2") >&2 || return 1
      found=$(command -v "$1" || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -1 || true)
    else
      echo "[services] $1 is missing: install Debian's $2 (sudo apt-get install $2), or set DATABASE_URL / REDIS_URL to servers of your own." >&2
      return 1
    fi
  fi
  echo "$found"
}

services_up() {
  SERVICES_DIR=$(mktemp -d /tmp/baton-services.XXXXXX)
  chmod 755 "$SERVICES_DIR"
  trap services_down EXIT
  if [ -z "${DATABASE_URL:-}" ]; then
    # Debian's postgresql package ships the binaries under /usr/lib/postgresql/N/bin.
    local initdb pgctl bindir port runas=()
    initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1 || true)
    [ -n "$initdb" ] || { services_need postgres postgresql >/dev/null || return 1; initdb=$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1); }
    bindir=$(dirname "$initdb")
    port=$(services_free_port)
    mkdir -p "$SERVICES_DIR/pg"
    # PostgreSQL refuses to run as root: run it as the postgres user.
    if [ "$(id -u)" = 0 ]; then
      id postgres >/dev/null 2>&1 || useradd -r -M postgres
      chown postgres "$SERVICES_DIR/pg"
      runas=(runuser -u postgres --)
    fi
    "${runas[@]}" "$bindir/initdb" -D "$SERVICES_DIR/pg/data" -U baton --auth=trust -E UTF8 --locale=C.UTF-8 >"$SERVICES_DIR/pg-init.log" 2>&1 \
      || { cat "$SERVICES_DIR/pg-init.log" >&2; return 1; }
    "${runas[@]}" "$bindir/pg_ctl" -D "$SERVICES_DIR/pg/data" -l "$SERVICES_DIR/pg/server.log" -w -t 30 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $SERVICES_DIR/pg -c max_connections=200 -c shared_buffers=256MB -c fsync=on" start >/dev/null \
      || { cat "$SERVICES_DIR/pg/server.log" >&2; return 1; }
    SERVICES_PG_CTL=("${runas[@]}" "$bindir/pg_ctl" -D "$SERVICES_DIR/pg/data")
    export DATABASE_URL="postgres://baton@127.0.0.1:$port/postgres"
    export BATON_PG_BINDIR="$bindir"
    echo "[services] PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
  fi
  if [ -z "${REDIS_URL:-}" ]; then
    local redis port
    redis=$(services_need redis-server redis-server) || return 1
    port=$(services_free_port)
    "$redis" --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --pidfile "$SERVICES_DIR/redis.pid" --logfile "$SERVICES_DIR/redis.log" --dir "$SERVICES_DIR" >/dev/null
    for _ in $(seq 50); do [ -s "$SERVICES_DIR/redis.pid" ] && break; sleep 0.1; done
    export REDIS_URL="redis://127.0.0.1:$port"
    export BATON_REDIS_SERVER="$redis"
    echo "[services] Redis on 127.0.0.1:$port" >&2
  fi
}

services_down() {
  [ -n "${SERVICES_DIR:-}" ] || return 0
  if [ -n "${SERVICES_PG_CTL:-}" ]; then "${SERVICES_PG_CTL[@]}" -m fast stop >/dev/null 2>&1 || true; fi
  if [ -s "$SERVICES_DIR/redis.pid" ]; then kill "$(cat "$SERVICES_DIR/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$SERVICES_DIR"
  SERVICES_DIR=
}
