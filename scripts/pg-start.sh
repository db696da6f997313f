#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1:${PGPORT:-54329} (installing it if missing) and prints
# the DATABASE_URL for it. Used by .ci/run and the benchmarks.
set -eu
PGPORT=${PGPORT:-54329}
PGDATA=${PGDATA_DIR:-/tmp/huiwu-pg-$PGPORT}
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q postgresql >/dev/null 2>&1 || { apt-get update -q >/dev/null; apt-get install -y -q postgresql >/dev/null; }
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
run_pg() { if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if ! run_pg "$BIN/pg_ctl -D $PGDATA status" >/dev/null 2>&1; then
  rm -rf "$PGDATA"; mkdir -p "$PGDATA"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$PGDATA"
  run_pg "$BIN/initdb -D $PGDATA -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  run_pg "$BIN/pg_ctl -D $PGDATA -l $PGDATA/log -w -o '-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off' start" >/dev/null
fi
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='huiwu'" | grep -q 1 || \
  psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE ROLE huiwu LOGIN SUPERUSER PASSWORD 'huiwu'"
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='huiwu'" | grep -q 1 || \
  psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE huiwu OWNER huiwu"
echo "postgres://huiwu:huiwu@127.0.0.1:$PGPORT/huiwu"
