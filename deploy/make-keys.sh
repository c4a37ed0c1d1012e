#!/usr/bin/env bash
# Makes everything secret the intranet stack needs, into deploy/secrets/ (git-ignored, never
# in an image), keeping whatever exists already:
#   issuer/issuer.pem    the token issuer's private key: move it off the servers afterwards
#   jwks.json            its public key set, which the services verify tokens against
#   <service>.pgpass     each service's PostgreSQL login (`*:*:<db>:<role>:<password>`)
#   <service>.key        each service's own signing key: it mints itself short-lived tokens (kind
#                        `service`) to follow feeds and call peers, and renews them, so they never
#                        run out; its public half is in jwks.json
#   dashboard.token      the dashboard's office token, to read the coordinator and the registry
#   tokens/<party>.token a token per bureau, township, office and supervision system, for its IT staff
#   tls/ca.pem           the county CA (`rectifyctl tls init`): public, give it to every bureau
#                        system; its key tls/ca-key.pem stays here (keep a copy offline)
#   tls/<service>.pem    each service's TLS certificate (names: the compose service name,
#                        localhost, 127.0.0.1 and each --tls-host) and its key <service>-key.pem
#   tls/<party>-system.pem  a client certificate (and -key.pem) per party, for its system when
#                        the services require client certificates (mutual TLS)
# Usage: deploy/make-keys.sh [--ttl 365d] [--campaign campaigns/huachuan-2021.toml]
#                            [--tls-host rectify.county.internal]...
#        deploy/make-keys.sh --rotate     a new issuer key beside the old one (README: rotate a key)
# The CA and the certificates are made once and kept (--rotate leaves them): --tls-host counts
# only on the first run.
# rectifyctl runs from the rectify image (offline), or from $RECTIFYCTL when set.
set -euo pipefail
cd "$(dirname "$0")/.."

SECRETS="${RECTIFY_SECRETS:-deploy/secrets}"
TTL=365d
CAMPAIGN=campaigns/huachuan-2021.toml
ROTATE=false
TLS_HOSTS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --ttl) TTL="$2"; shift 2 ;;
    --campaign) CAMPAIGN="$2"; shift 2 ;;
    --rotate) ROTATE=true; shift ;;
    --tls-host) TLS_HOSTS+=(--host "$2"); shift 2 ;;
    *) echo "usage: $0 [--ttl 365d] [--campaign FILE] [--tls-host NAME]... [--rotate]" >&2; exit 2 ;;
  esac
done
SERVICES="registry licensing utilities land safety environment coordinator"
# The user the service containers run as (deploy/Dockerfile): it must read its own secrets.
SERVICE_UID=10001

umask 077
mkdir -p "$SECRETS/tokens"
chmod 700 "$SECRETS"
abs_secrets=$(cd "$SECRETS" && pwd)

rectifyctl() {
  if [ -n "${RECTIFYCTL:-}" ]; then
    (cd "$abs_secrets" && "$RECTIFYCTL" "$@")
  else
    docker run --rm --network none --user "$(id -u):$(id -g)" \
      -v "$abs_secrets:/secrets" -w /secrets \
      "rectify/rectify:${RECTIFY_VERSION:-latest}" rectifyctl "$@"
  fi
}

# A secret a service container reads: owned by its user, readable by it alone.
hand_to_service() {
  if chown "$SERVICE_UID:$SERVICE_UID" "$1" 2>/dev/null; then
    chmod 400 "$1"
  else
    echo "warning: cannot give $1 to uid $SERVICE_UID (not root?); making it world-readable" >&2
    chmod 444 "$1"
  fi
}

if $ROTATE; then
  compgen -G "$SECRETS/issuer*/jwks.json" >/dev/null || { echo "no key to rotate: run $0 first" >&2; exit 1; }
  rectifyctl keys init --dir "issuer-$(date -u +%Y%m%d%H%M%S)"
elif ! compgen -G "$SECRETS/issuer*/jwks.json" >/dev/null; then
  rectifyctl keys init --dir issuer
fi

# The newest key signs every token from now on (issuer < issuer-<time>, and times sort).
signing=$(cd "$SECRETS" && ls -d issuer* | sort | tail -n 1)

# Each service's own signing key (RECTIFY_SERVICE_KEY_FILE), made in the signing issuer's
# directory so that its key set names it; made anew with --rotate. The registry calls no one.
for service in $SERVICES; do
  [ "$service" = registry ] && continue
  if $ROTATE || [ ! -s "$SECRETS/$signing/service-$service.pem" ]; then
    rectifyctl keys service --dir "$signing" --name "$service" >/dev/null
  fi
  cp "$SECRETS/$signing/service-$service.pem" "$SECRETS/$service.key"
  hand_to_service "$SECRETS/$service.key"
done

# The services' key set: every issuer and service key still trusted (old and new while rotating).
python3 - "$SECRETS" <<'PY'
import json, pathlib, sys
secrets = pathlib.Path(sys.argv[1])
keys, seen = [], set()
for jwks in sorted(secrets.glob("issuer*/jwks.json")):
    for key in json.loads(jwks.read_text())["keys"]:
        if key["kid"] not in seen:
            seen.add(key["kid"])
            keys.append(key)
(secrets / "jwks.json").write_text(json.dumps({"keys": keys}, indent=2) + "\n")
PY
hand_to_service "$SECRETS/jwks.json"
chmod 444 "$SECRETS/jwks.json"

need_signing() {
  [ -e "$SECRETS/$signing/issuer.pem" ] && return 0
  echo "$1 is missing and $SECRETS/$signing/issuer.pem is not on this machine: bring it back to make tokens" >&2
  exit 1
}

for service in $SERVICES; do
  pgpass="$SECRETS/$service.pgpass"
  if [ ! -s "$pgpass" ]; then
    password=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)
    printf '*:*:%s:%s:%s\n' "$service" "$service" "$password" >"$pgpass"
  fi
  hand_to_service "$pgpass"
done

# TLS: the county CA and every service's server certificate, made once (a new CA would make
# every bureau system's copy of ca.pem useless). A service reads its own certificate and key;
# the certificates and the CA's are public.
if [ ! -s "$SECRETS/tls/ca.pem" ]; then
  [ ! -e "$SECRETS/tls/ca-key.pem" ] || { echo "$SECRETS/tls/ca-key.pem without ca.pem: put ca.pem back" >&2; exit 1; }
  rectifyctl tls init --dir tls "${TLS_HOSTS[@]}" >/dev/null
fi
for service in $SERVICES; do
  [ -s "$SECRETS/tls/$service.pem" ] || { echo "$SECRETS/tls/$service.pem is missing" >&2; exit 1; }
  hand_to_service "$SECRETS/tls/$service-key.pem"
  chmod 444 "$SECRETS/tls/$service.pem"
done
chmod 444 "$SECRETS/tls/ca.pem"

# The dashboard (served by the coordinator) reads the coordinator and the registry as the office.
token="$SECRETS/dashboard.token"
if $ROTATE || [ ! -s "$token" ]; then
  need_signing "$token"
  rectifyctl token --keys "$signing" --party office --kind office --role pii \
    --subject dashboard --ttl "$TTL" >"$token.new"
  mv "$token.new" "$token"
fi
hand_to_service "$token"

# One token per party of the campaign, for that party's own system.
python3 - "$CAMPAIGN" <<'PY' >"$SECRETS/tokens/.parties"
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    for party in tomllib.load(f)["parties"]:
        print(party["code"], party["kind"])
PY
while read -r party kind; do
  token="$SECRETS/tokens/$party.token"
  if $ROTATE || [ ! -s "$token" ]; then
    need_signing "$token"
    roles=()
    [ "$kind" = office ] && roles=(--role pii)
    rectifyctl token --keys "$signing" --party "$party" --kind "$kind" "${roles[@]}" \
      --subject "$party-system" --ttl "$TTL" >"$token.new"
    mv "$token.new" "$token"
  fi
  # Its client certificate, for when the services require one (RECTIFY_TLS_CLIENT_CA).
  if [ ! -s "$SECRETS/tls/$party-system.pem" ]; then
    rectifyctl tls client --dir tls --name "$party-system" >/dev/null
  fi
done <"$SECRETS/tokens/.parties"
rm -f "$SECRETS/tokens/.parties"

echo "secrets in $SECRETS (signing key: $signing/issuer.pem — keep a copy offline, then remove it from this server)"
echo "county CA: $SECRETS/tls/ca.pem (give it to every bureau system); its key tls/ca-key.pem: keep a copy offline"
