#!/bin/bash
# One database and one login role per service, each role owning only its own database, and no
# one else (PUBLIC) allowed to connect to it.
#   init-databases.sh collect   (root) print "name password" for every service whose secret
#                               /run/secrets/<name>_pgpass exists (a pgpass line
#                               `*:*:<name>:<name>:<password>`)
#   init-databases.sh apply     (postgres) read those lines on stdin and create the roles and
#                               databases on the running server
set -euo pipefail

case "${1:-}" in
  collect)
    for secret in /run/secrets/*_pgpass; do
      [ -e "$secret" ] || continue
      name=$(basename "$secret" _pgpass)
      IFS=: read -r _host _port db user password <"$secret"
      if [ "$db" != "$name" ] || [ "$user" != "$name" ] || [ -z "$password" ]; then
        echo "rectify-postgres: $secret must be one line *:*:$name:$name:<password>" >&2
        exit 1
      fi
      printf '%s %s\n' "$name" "$password"
    done
    ;;
  apply)
    count=0
    while read -r name password; do
      case "$name" in
        *[!a-z0-9_]* | "") echo "rectify-postgres: bad service name '$name'" >&2; exit 1 ;;
      esac
      # The password goes through psql's variable quoting (:'password'), never into the SQL text.
      psql -v ON_ERROR_STOP=1 -q -d postgres -v name="$name" -v password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
      psql -v ON_ERROR_STOP=1 -q -d "$name" -v name="$name" <<'SQL'
REVOKE ALL ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO :"name";
SQL
      echo "rectify-postgres: database and role $name"
      count=$((count + 1))
    done
    if [ "$count" = 0 ]; then
      echo "rectify-postgres: no /run/secrets/<service>_pgpass secret given" >&2
      exit 1
    fi
    ;;
  *)
    echo "usage: init-databases.sh collect|apply" >&2
    exit 2
    ;;
esac
