#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: Debian's package, listening on localhost only,
# its data in a temporary folder that `stop` deletes.
#   bash .ci/postgres.sh start   # prints the URL to export as EVENTCODER_TEST_POSTGRES
#   bash .ci/postgres.sh stop
# Runs as root (CI) through the `postgres` system user, or as any other user directly.
set -euo pipefail
STATE=${EVENTCODER_PG_STATE:-/tmp/eventcoder-ci-postgres}
PORT=${EVENTCODER_PG_PORT:-54329}
DB=eventcoder_test
ROLE=eventcoder

bin_dir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)" && return 0
    return 1
}

as_owner() {  # run a command as the user that owns the data folder
    if [ "$(id -u)" = 0 ]; then
        su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    else
        "$@"
    fi
}

start() {
    if ! bin_dir >/dev/null; then
        echo "installing PostgreSQL (Debian package)" >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    fi
    local bin
    bin=$(bin_dir)
    stop_quietly
    mkdir -p "$STATE"
    if [ "$(id -u)" = 0 ]; then chown postgres "$STATE"; fi
    as_owner "$bin/initdb" -D "$STATE/data" -U "$ROLE" --auth=trust -E UTF8 --locale=C.UTF-8 >"$STATE/initdb.log"
    as_owner "$bin/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w -t 60 \
        -o "-c listen_addresses=localhost -p $PORT -k $STATE -c fsync=off" start >&2
    as_owner "$bin/createdb" -h localhost -p "$PORT" -U "$ROLE" "$DB"
    echo "postgresql://$ROLE@localhost:$PORT/$DB"
}

stop_quietly() {
    local bin
    bin=$(bin_dir) || return 0
    if [ -f "$STATE/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$STATE/data" -m fast -w stop >&2 || true
    fi
    rm -rf "$STATE"
}

case "${1:-}" in
    start) start ;;
    stop) stop_quietly ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
