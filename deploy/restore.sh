#!/usr/bin/env bash
# Restores every service's database from a directory written by deploy/backup.sh, into the
# stack's PostgreSQL (its roles made from the secrets, e.g. after `docker-compose down -v` and
# a new volume), starts the services again, and checks every service's audit chain: intact, and
# holding the head recorded at the backup unchanged. Exit status 1 when a chain does not verify.
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/lib.sh

dir="${1:?usage: $0 BACKUP_DIR}"
token_file="${RECTIFY_OFFICE_TOKEN_FILE:-$RECTIFY_SECRETS/tokens/office.token}"
for service in $SERVICES; do
  [ -s "$dir/$service.dump" ] || { echo "$dir/$service.dump is missing" >&2; exit 1; }
done

# Nothing may write while the databases are replaced.
# shellcheck disable=SC2086
compose stop $SERVICES >/dev/null 2>&1 || true
compose up -d postgres
wait_healthy postgres
postgres=$(container_of postgres)
for service in $SERVICES; do
  docker exec -i -u postgres "$postgres" psql -v ON_ERROR_STOP=1 -q -d postgres -v name="$service" <<'SQL'
DROP DATABASE IF EXISTS :"name" WITH (FORCE);
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
  docker exec -i -u postgres "$postgres" pg_restore --exit-on-error -d "$service" <"$dir/$service.dump"
  echo "restored $service"
done

compose up -d
wait_healthy

token=$(cat "$token_file")
broken=0
while read -r service anchor; do
  if report=$(rectifyctl audit verify --endpoint "$(url_of "$service")" \
      --token "$token" --expect-head "$anchor"); then
    echo "$service: $(head -n 1 <<<"$report")"
  else
    echo "$service: audit chain does not verify: $report" >&2
    broken=1
  fi
done <"$dir/audit-heads.txt"
exit $broken
