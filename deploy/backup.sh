#!/usr/bin/env bash
# Backs up every service's database from the running stack, with each service's audit head
# at that moment, into one directory (default deploy/backups/<UTC time>):
#   <service>.dump       pg_dump -Fc of its database
#   audit-heads.txt      "<service> <entries>:<head>" of each audit chain, taken just before
#                        the dumps; deploy/restore.sh checks every chain against them
# Needs the office's token (deploy/secrets/tokens/office.token, or $RECTIFY_OFFICE_TOKEN_FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/lib.sh

dir="${1:-deploy/backups/$(date -u +%Y%m%dT%H%M%SZ)}"
token_file="${RECTIFY_OFFICE_TOKEN_FILE:-$RECTIFY_SECRETS/tokens/office.token}"
token=$(cat "$token_file")
umask 077
mkdir -p "$dir"

: >"$dir/audit-heads.txt.partial"
for service in $SERVICES; do
  report=$(rectifyctl audit verify --endpoint "$(url_of "$service")" --token "$token")
  # "audit chain intact: N entries, head N:HASH" (and the --expect-head line to keep)
  anchor=$(grep -oE 'intact: [0-9]+ entries, head ([0-9]+:)?[0-9a-f]{64}' <<<"$report" \
    | sed -E 's/intact: ([0-9]+) entries, head ([0-9]+:)?([0-9a-f]{64})/\1:\3/' | head -n 1)
  [ -n "$anchor" ] || { echo "$service: $report" >&2; exit 1; }
  echo "$service $anchor" >>"$dir/audit-heads.txt.partial"
done
mv "$dir/audit-heads.txt.partial" "$dir/audit-heads.txt"

postgres=$(container_of postgres)
for service in $SERVICES; do
  docker exec -u postgres "$postgres" pg_dump -Fc "$service" >"$dir/$service.dump.partial"
  mv "$dir/$service.dump.partial" "$dir/$service.dump"
done
echo "backed up $SERVICES into $dir"
