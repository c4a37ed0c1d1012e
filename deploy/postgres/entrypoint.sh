#!/bin/bash
# Starts PostgreSQL as the `postgres` user. On the first start (an empty data directory) it
# creates the cluster and then, through init-databases.sh, one database and one login role per
# service. The superuser has no password and logs in only over the local socket.
set -euo pipefail

as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }
port="${PGPORT:-5432}"
listen="${PG_LISTEN_ADDRESSES:-*}"

mkdir -p "$PGDATA" /run/postgresql
chown postgres:postgres "$PGDATA" /run/postgresql
chmod 700 "$PGDATA"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "rectify-postgres: first start, creating the cluster"
  as_postgres initdb --pgdata="$PGDATA" --username=postgres --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  as_postgres sh -c 'cat >"$PGDATA/pg_hba.conf"' <<'HBA'
local all postgres peer
host  all all 0.0.0.0/0 scram-sha-256
host  all all ::/0      scram-sha-256
HBA
  as_postgres pg_ctl --pgdata="$PGDATA" -o "-c listen_addresses='' -c port=$port" -w start >/dev/null
  # The passwords come from secrets only root may read: read here, handed over on a pipe.
  /usr/local/lib/rectify-postgres/init-databases.sh collect \
    | as_postgres /usr/local/lib/rectify-postgres/init-databases.sh apply
  as_postgres pg_ctl --pgdata="$PGDATA" -m fast -w stop >/dev/null
  echo "rectify-postgres: cluster ready"
fi

exec setpriv --reuid=postgres --regid=postgres --init-groups \
  postgres -D "$PGDATA" -c listen_addresses="$listen" -c port="$port" "$@"
