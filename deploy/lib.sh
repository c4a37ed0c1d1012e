# What the scripts under deploy/ share; sourced, never run.
#   RECTIFY_COMPOSE  the compose command (default `docker-compose`; the compose test runs its
#                    host-network variant under its own project name)
#   RECTIFYCTL       a rectifyctl binary; default: the one in the rectify image
#   RECTIFY_HOST     where the services' published ports are (default 127.0.0.1)
#   RECTIFY_SECRETS  the secrets directory (default deploy/secrets)
#   RECTIFY_PORT_BASE  where the services' ports were moved (P to BASE + P % 10000: the compose
#                    test's host-network variant uses 20000); unset: the published ports
#   RECTIFY_CA_FILE  the county CA the services' TLS certificates are verified with (default
#                    $RECTIFY_SECRETS/tls/ca.pem); the services serve https only
#   RECTIFY_CLIENT_CERT, RECTIFY_CLIENT_KEY  the client certificate rectifyctl presents when the
#                    services require one (default: the office's, tls/office-system.pem)

SERVICES="registry licensing utilities land safety environment coordinator"
RECTIFY_HOST="${RECTIFY_HOST:-127.0.0.1}"
RECTIFY_SECRETS="${RECTIFY_SECRETS:-deploy/secrets}"
RECTIFY_CA_FILE="${RECTIFY_CA_FILE:-$RECTIFY_SECRETS/tls/ca.pem}"
RECTIFY_CLIENT_CERT="${RECTIFY_CLIENT_CERT:-$RECTIFY_SECRETS/tls/office-system.pem}"
RECTIFY_CLIENT_KEY="${RECTIFY_CLIENT_KEY:-$RECTIFY_SECRETS/tls/office-system-key.pem}"

compose() {
  # shellcheck disable=SC2086
  ${RECTIFY_COMPOSE:-docker-compose} "$@"
}

# rectifyctl, reaching the services over https with the county CA (RECTIFYCTL_CA) and, where
# they require one, the client certificate (RECTIFYCTL_CERT, RECTIFYCTL_KEY).
rectifyctl() {
  local files=() file
  [ -e "$RECTIFY_CA_FILE" ] && files+=(RECTIFYCTL_CA="$RECTIFY_CA_FILE")
  if [ -e "$RECTIFY_CLIENT_CERT" ] && [ -e "$RECTIFY_CLIENT_KEY" ]; then
    files+=(RECTIFYCTL_CERT="$RECTIFY_CLIENT_CERT" RECTIFYCTL_KEY="$RECTIFY_CLIENT_KEY")
  fi
  if [ -n "${RECTIFYCTL:-}" ]; then
    env "${files[@]}" "$RECTIFYCTL" "$@"
  else
    local mounts=()
    for file in "${files[@]}"; do
      mounts+=(-v "$(cd "$(dirname "${file#*=}")" && pwd)/$(basename "${file#*=}"):/run/rectify/${file%%=*}:ro"
        -e "${file%%=*}=/run/rectify/${file%%=*}")
    done
    docker run --rm --network host --user "$(id -u):$(id -g)" "${mounts[@]}" \
      "rectify/rectify:${RECTIFY_VERSION:-latest}" rectifyctl "$@"
  fi
}

# Where a client on this host calls a service: https://HOST:PORT.
url_of() {
  echo "https://$RECTIFY_HOST:$(port_of "$1")"
}

port_of() {
  local port
  case "$1" in
    coordinator) port=50050 ;; registry) port=50051 ;; licensing) port=50052 ;;
    utilities) port=50053 ;; land) port=50054 ;; safety) port=50055 ;; environment) port=50056 ;;
    *) echo "unknown service $1" >&2; return 1 ;;
  esac
  if [ -n "${RECTIFY_PORT_BASE:-}" ]; then port=$((RECTIFY_PORT_BASE + port % 10000)); fi
  echo "$port"
}

# Waits until every container of the stack (or of the services named) reports healthy.
wait_healthy() {
  local limit="${WAIT_SECONDS:-300}" started=$SECONDS ids id state waiting
  while :; do
    ids=$(compose ps -q "$@")
    waiting=""
    for id in $ids; do
      state=$(docker inspect -f '{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id")
      case "$state" in *" healthy") ;; *) waiting="$waiting ${state#/}" ;; esac
    done
    if [ -n "$ids" ] && [ -z "$waiting" ]; then
      echo "healthy: $(echo "$ids" | wc -w) containers after $((SECONDS - started)) s"
      return 0
    fi
    if [ $((SECONDS - started)) -ge "$limit" ]; then
      echo "not healthy after $limit s:$waiting" >&2
      compose ps >&2
      compose logs --tail 30 >&2
      return 1
    fi
    sleep 2
  done
}

# The container of a compose service.
container_of() {
  local id
  id=$(compose ps -q "$1")
  [ -n "$id" ] || { echo "no running $1 container" >&2; return 1; }
  echo "$id"
}
