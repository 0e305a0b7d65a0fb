#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/pg-cluster.sh run COMMAND [ARG…]
#
# Runs COMMAND beside a throwaway PostgreSQL/PostGIS cluster: initdb in a
# temporary folder, listening on a Unix socket in that folder only (no TCP
# port, no system service), a database "atlas" with the postgis extension,
# a superuser "platsatlas" with a password and a read-only role "lasare".
# COMMAND sees:
#   PGSERVICEFILE               a pg_service.conf with the service "platsatlas-test"
#   PGPASSFILE                  the passwords (~/.pgpass format)
#   PLATSATLAS_TEST_PG_SERVICE  platsatlas-test
#   PGHOST PGPORT PGUSER PGDATABASE
# The cluster is stopped and its folder removed when COMMAND ends, however
# it ends. When no cluster can be started (PostgreSQL or PostGIS missing),
# COMMAND still runs, with PLATSATLAS_TEST_PG_UNAVAILABLE saying why, so
# that tests and benchmarks can skip with that reason. Run as root, the
# server runs as the user "nobody" (initdb refuses root).
set -u

if [ "${1:-}" != run ] || [ $# -lt 2 ]; then
  echo "usage: $0 run COMMAND [ARG…]" >&2
  exit 2
fi
shift

dir=
unavailable() {
  export PLATSATLAS_TEST_PG_UNAVAILABLE="$1"
  echo "# pg-cluster: $1" >&2
}

as_server() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

cleanup() {
  if [ -n "$dir" ] && [ -d "$dir" ]; then
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_server "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
    fi
    rm -rf "$dir"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

start() {
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    unavailable "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; make deps installs it)"
    return 1
  fi
  version=$(basename "$(dirname "$bindir")")
  if [ ! -f "/usr/share/postgresql/$version/extension/postgis.control" ]; then
    unavailable "PostGIS is not installed for PostgreSQL $version (postgresql-$version-postgis-3; make deps installs it)"
    return 1
  fi

  dir=$(mktemp -d "${TMPDIR:-/tmp}/platsatlas-pg.XXXXXX") || return 1
  chmod 755 "$dir"
  port=$((20000 + $$ % 20000))
  password=platsatlas-test-$$
  printf '%s\n' "$password" > "$dir/password"
  if [ "$(id -u)" = 0 ]; then
    chown nobody "$dir" "$dir/password"
  fi

  if ! as_server "$bindir/initdb" -D "$dir/data" -U platsatlas -E UTF8 --locale=C.UTF-8 \
         --auth-local=scram-sha-256 --auth-host=reject --pwfile="$dir/password" >"$dir/initdb.log" 2>&1; then
    unavailable "initdb failed: $(tail -n 1 "$dir/initdb.log")"
    return 1
  fi
  if ! as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
         -o "-c listen_addresses= -k $dir -p $port -c fsync=off -c lc_messages=C" start >/dev/null 2>&1; then
    unavailable "the server did not start: $(tail -n 1 "$dir/server.log" 2>/dev/null)"
    return 1
  fi

  printf '%s:%s:*:platsatlas:%s\n%s:%s:*:lasare:%s-r\n' "$dir" "$port" "$password" "$dir" "$port" "$password" > "$dir/pgpass"
  chmod 600 "$dir/pgpass"
  printf '[platsatlas-test]\nhost=%s\nport=%s\ndbname=atlas\nuser=platsatlas\n\n[platsatlas-test-reader]\nhost=%s\nport=%s\ndbname=atlas\nuser=lasare\n' \
    "$dir" "$port" "$dir" "$port" > "$dir/pg_service.conf"
  export PGSERVICEFILE="$dir/pg_service.conf" PGPASSFILE="$dir/pgpass"
  export PGHOST="$dir" PGPORT="$port" PGUSER=platsatlas PGDATABASE=atlas
  export PLATSATLAS_TEST_PG_SERVICE=platsatlas-test

  if ! "$bindir/psql" -X -q -d postgres -c "CREATE DATABASE atlas" >"$dir/psql.log" 2>&1 ||
     ! "$bindir/psql" -X -q -c "CREATE EXTENSION postgis" \
         -c "CREATE ROLE lasare LOGIN PASSWORD '$password-r'" >>"$dir/psql.log" 2>&1; then
    unavailable "the test database could not be set up: $(tail -n 1 "$dir/psql.log")"
    unset PLATSATLAS_TEST_PG_SERVICE
    return 1
  fi
  return 0
}

start
"$@"
