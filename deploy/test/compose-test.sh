#!/usr/bin/env bash
# The intranet deployment, run for real: Docker from Debian's packages (installed when absent,
# dockerd started when not running and stopped again at the end), every image built here
# (no registry), the whole stack brought up from docker-compose.yml through its host-network
# variant (deploy/host-network.py: traffic stays on loopback, PostgreSQL on 25432, the services
# on 20050-20056, the dashboard on 28080), then:
#   1. configuration: every variable the compose file gives a service is one its binary reads
#      (and a misspelt one is caught); no secret in the repository
#   2. every healthcheck passes (over TLS); every gRPC port serves TLS alone: a plaintext call
#      to it is refused; a close case runs to sign-off through the coordinator over TLS with
#      the county CA (examples/python/close_case.py, grpcio); the registry refuses a bad report
#      in Chinese; the Node.js example (examples/node, @grpc/grpc-js) reports over TLS, its
#      field errors shown in Chinese, and its retried request_id is answered once (the feed
#      holds the report once); the dashboard (served by the coordinator, calling it and the
#      registry over TLS) answers its login page and lists the closed workshop on its public page
#   3. a service's database role cannot connect to another service's database
#   4. backup (deploy/backup.sh)
#   5. offline bundle: docker save -> remove the images -> docker load -> the stack comes up
#   6. drop everything (down -v), restore (deploy/restore.sh): every audit chain verifies
#      against the heads recorded at the backup, and the coordinator's projection is the same
#   7. rotate the issuer key: new tokens under the new key, old ones still accepted
#   8. mutual TLS (RECTIFY_TLS_CLIENT_CA uncommented in common.env): healthy again, a caller
#      without a client certificate is refused, the Python and Node.js examples with their
#      party's certificate get through, the dashboard still reads the registry
#   9. docker-compose down -v
# Prints how long each step took. RECTIFY_DEPLOY_PROFILE=dev|release (default release) picks
# the cargo profile of the binaries put in the image.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
T0=$SECONDS
step() { echo; echo "== [$((SECONDS - T0)) s] $*"; }

PROFILE="${RECTIFY_DEPLOY_PROFILE:-release}"
TARGET_DIR="target/$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")"
# Below the range the kernel hands out to outgoing connections (32768-60999), so that no
# client on this host holds them by chance.
PG_PORT=25432
export RECTIFY_PORT_BASE=20000
BUILD=deploy/.build
export RECTIFY_SECRETS="$BUILD/test-secrets"
export RECTIFY_COMPOSE="docker-compose -f $BUILD/compose.host.yml -p rectifytest"
export RECTIFYCTL="$ROOT/$TARGET_DIR/rectifyctl"
export RECTIFY_VERSION=test
. deploy/lib.sh

started_dockerd=""
cleanup() {
  local status=$?
  set +e
  if [ -e "$BUILD/compose.host.yml" ] && command -v docker-compose >/dev/null; then
    if [ $status != 0 ]; then
      compose ps
      compose logs --no-color --tail 40 2>&1 | cut -c1-400
    fi
    compose down -v --remove-orphans >/dev/null 2>&1
  fi
  rm -rf "$RECTIFY_SECRETS" "$BUILD/backup" "$BUILD/bundle" "$BUILD"/*.out "$BUILD"/misspelt.* \
    "$BUILD"/summary.* "$BUILD/office.old.token" "$BUILD"/mtls.* "$BUILD"/*.feed
  if [ -n "$started_dockerd" ]; then
    echo "stopping the dockerd this test started"
    kill "$started_dockerd" && wait "$started_dockerd" 2>/dev/null
  fi
  echo "compose test: $([ $status = 0 ] && echo passed || echo FAILED) in $((SECONDS - T0)) s"
  exit $status
}
trap cleanup EXIT

step "Docker from Debian's packages"
if ! command -v dockerd >/dev/null || ! command -v docker-compose >/dev/null \
    || ! command -v debootstrap >/dev/null || ! command -v objcopy >/dev/null; then
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io docker-compose debootstrap \
    binutils >/dev/null
fi
mkdir -p "$BUILD"
if ! docker info >/dev/null 2>&1; then
  dockerd >"$ROOT/$BUILD/dockerd.log" 2>&1 &
  started_dockerd=$!
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start" >&2; cat "$BUILD/dockerd.log" >&2; exit 1; }
  echo "started dockerd ($started_dockerd)"
fi
docker-compose version --short

step "Python client environment (grpcio) and the Node.js example's packages"
mkdir -p "$BUILD"
[ -x "$BUILD/venv/bin/python" ] || python3 -m venv "$BUILD/venv"
"$BUILD/venv/bin/pip" install -q -r deploy/test/requirements.txt
PY="$ROOT/$BUILD/venv/bin/python"
command -v node >/dev/null || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >/dev/null; }
# .ci/run has done `npm ci`; outside it, once.
[ -d examples/node/node_modules/@grpc/grpc-js ] || (cd examples/node && npm ci --no-audit --no-fund)
node --version

step "Binaries ($PROFILE) and images"
cargo build -j2 --profile "$PROFILE" --bins
deploy/build-images.sh --from-host "$(basename "$TARGET_DIR")"

step "Configuration against the binaries' flags"
"$PY" deploy/test/check-config.py --bin-dir "$TARGET_DIR" --skip-repository
sed 's/^RECTIFY_REGISTRY_URL=/RECTIFY_REGISTY_URL=/' deploy/env/licensing.env >"$BUILD/misspelt.env"
sed "s#deploy/env/licensing.env#$ROOT/$BUILD/misspelt.env#" docker-compose.yml >"$BUILD/misspelt.yml"
if "$PY" deploy/test/check-config.py --bin-dir "$TARGET_DIR" --compose "$BUILD/misspelt.yml" \
    --skip-repository >"$BUILD/misspelt.out" 2>&1; then
  echo "a misspelt variable was not caught" >&2; exit 1
fi
grep -q "RECTIFY_REGISTY_URL" "$BUILD/misspelt.out" || { cat "$BUILD/misspelt.out" >&2; exit 1; }
echo "a misspelt RECTIFY_REGISTY_URL is refused"

step "Secrets (deploy/make-keys.sh into $RECTIFY_SECRETS) and the host-network variant"
rm -rf "$RECTIFY_SECRETS"
RECTIFYCTL="" deploy/make-keys.sh --ttl 1d >/dev/null
ls "$RECTIFY_SECRETS" "$RECTIFY_SECRETS/tokens" | tr '\n' ' '; echo
echo "$RECTIFY_SECRETS/tls: $(cd "$RECTIFY_SECRETS/tls" && ls | grep -v -- '-system' | tr '\n' ' ')and $(ls "$RECTIFY_SECRETS/tls" | grep -c -- '-system.pem') client certificates (<party>-system.pem)"
CA="$ROOT/$RECTIFY_CA_FILE"
TLS="$ROOT/$RECTIFY_SECRETS/tls"
echo "no secret in the repository (PEM keys, JWTs, and every value just made):"
"$PY" deploy/test/check-config.py --bin-dir "$TARGET_DIR" | tail -n 1
"$PY" deploy/host-network.py docker-compose.yml --postgres-port "$PG_PORT" \
  --port-base "$RECTIFY_PORT_BASE" --secrets-dir "$RECTIFY_SECRETS" -o "$BUILD/compose.host.yml"
compose config -q
for port in $(for s in $SERVICES; do port_of "$s"; done) $((RECTIFY_PORT_BASE + 8080)) "$PG_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is taken on this host: the stack cannot start" >&2; exit 1
  fi
done

step "docker-compose up -d: every healthcheck (rectifyctl probe over TLS)"
compose up -d
wait_healthy
docker inspect -f '{{range .State.Health.Log}}{{.Output}}{{end}}' "$(container_of registry)" \
  | grep -m 1 "https://127.0.0.1:$(port_of registry) SERVING"

step "Every gRPC port serves TLS alone: plaintext is refused"
for service in $SERVICES; do
  rectifyctl probe --endpoint "$(url_of "$service")" >/dev/null
  if rectifyctl probe --endpoint "http://127.0.0.1:$(port_of "$service")" >"$BUILD/plain.out" 2>&1; then
    echo "$service answered a plaintext call" >&2; exit 1
  fi
done
echo "every service: SERVING over https with the county CA; plaintext refused ($(tail -n 1 "$BUILD/plain.out" | cut -c1-160))"
# The same with the example client: grpcio in plain text to the registry's TLS port.
"$PY" - "http://127.0.0.1:$(port_of registry)" "$RECTIFY_SECRETS/tokens/yuelai.token" <<'PY' | tee "$BUILD/plain.out"
import sys
sys.path.insert(0, "examples/python")
import rectify_client
from rectify.registry.v1 import registry_pb2, registry_pb2_grpc
client = rectify_client.Client(sys.argv[1], rectify_client.token_from(sys.argv[2]), attempts=2,
                               timeout=10)
try:
    client.call(client.stub(registry_pb2_grpc.RegistryServiceStub).GetCampaign,
                registry_pb2.GetCampaignRequest())
except rectify_client.Refused as refused:
    print(f"plaintext call refused: {refused.code.name}: {refused.message}")
    sys.exit(0 if refused.code.name == "UNAVAILABLE" else 1)
sys.exit("the registry answered a plaintext call")
PY

step "Close case to sign-off through the coordinator over TLS (examples/python/close_case.py)"
"$PY" examples/python/report_finding.py --endpoint "$(url_of registry)" --ca "$CA" \
  --token-file "$RECTIFY_SECRETS/tokens/yuelai.token" | tee "$BUILD/report.out"
grep -q "字段" "$BUILD/report.out" || { echo "no field error shown in Chinese" >&2; exit 1; }
"$PY" examples/python/close_case.py --tokens "$RECTIFY_SECRETS/tokens" --ca "$CA" \
  --port-base "$RECTIFY_PORT_BASE" | tee "$BUILD/close.out"
grep -q "signed off through the coordinator: LIFECYCLE_STATE_UNDER_WATCH" "$BUILD/close.out"

# The Node.js example (examples/node/report_finding.js) as a township's system, over TLS with
# the county CA and the client certificate given in the remaining arguments (VAR=value), as
# tests/node_example.rs runs it: each bad field shown in Chinese, and the corrected report sent
# twice with one request_id answered once, so the registry's feed holds that report once.
node_example() {
  local out="$1" workshop="$2"; shift 2
  env RECTIFY_ENDPOINT="127.0.0.1:$(port_of registry)" RECTIFY_CA="$CA" \
    RECTIFY_TOKEN="$(cat "$RECTIFY_SECRETS/tokens/yuelai.token")" RECTIFY_JURISDICTION=yuelai \
    RECTIFY_WORKSHOP="$workshop" "$@" node examples/node/report_finding.js | tee "$out"
  for shown in "finding.credit_code：统一社会信用代码应为18位" "finding.location：坐标不在本县范围内" \
      "得到同一答复，未重复登记"; do
    grep -qF "$shown" "$out" || { echo "the Node.js example did not show $shown" >&2; exit 1; }
  done
  request_id=$("$PY" - "$out" <<'PY'
import json, sys
line = next(l for l in open(sys.argv[1], encoding="utf-8") if l.startswith("RESULT "))
result = json.loads(line.removeprefix("RESULT "))
assert result["reason"] == "INVALID_ARGUMENT", result
fields = [f["field"] for f in result["fields"]]
assert fields == ["finding.credit_code", "finding.location"], fields
assert result["first"] == result["again"], "the retry got another answer"
print(result["request_id"])
PY
)
  # Wait until the registry has numbered the report's changes, then count them on its feed.
  local reported=0
  for _ in $(seq 1 30); do
    rectifyctl feed tail --endpoint "$(url_of registry)" \
      --token "$(cat "$RECTIFY_SECRETS/tokens/office.token")" >"$out.feed"
    reported=$(awk -F'\t' -v id="$request_id" '$6 == id && $4 ~ /\.FindingReported$/' "$out.feed" | wc -l)
    [ "$reported" -ge 1 ] && break
    sleep 1
  done
  [ "$reported" = 1 ] || { echo "the report of $request_id is on the feed $reported times" >&2; exit 1; }
  echo "request_id $request_id: sent twice, answered once; FindingReported once on the registry's feed ($(awk -F'\t' -v id="$request_id" '$6 == id' "$out.feed" | wc -l) changes with it)"
}

step "The Node.js example client over TLS (examples/node/report_finding.js)"
node_example "$BUILD/node.out" "悦来镇节点米业-$RANDOM"

step "The dashboard"
rectifyctl probe --http "http://127.0.0.1:$((RECTIFY_PORT_BASE + 8080))/login"
# Its public list reads the registry: the workshop just closed is on it.
curl -fsS "http://127.0.0.1:$((RECTIFY_PORT_BASE + 8080))/public" >"$BUILD/public.html"
grep -q "悦来镇鑫源塑料颗粒加工点" "$BUILD/public.html" \
  || { echo "the dashboard's public list does not show the closed workshop" >&2; exit 1; }
# It read its office token from the secret (RECTIFY_DASHBOARD_TOKEN_FILE): no warning about it.
if docker logs "$(container_of coordinator)" 2>&1 | grep -q "RECTIFY_DASHBOARD_TOKEN"; then
  echo "the coordinator's dashboard has no token" >&2
  exit 1
fi

step "A service's role cannot read another service's database"
postgres=$(container_of postgres)
registry_password=$(cut -d: -f5 "$RECTIFY_SECRETS/registry.pgpass")
docker exec -e PGPASSWORD="$registry_password" "$postgres" \
  psql -h 127.0.0.1 -p "$PG_PORT" -U registry -d registry -tAc "SELECT current_user" | grep -qx registry
if docker exec -e PGPASSWORD="$registry_password" "$postgres" \
    psql -h 127.0.0.1 -p "$PG_PORT" -U registry -d licensing -tAc "SELECT 1" >"$BUILD/isolation.out" 2>&1; then
  echo "registry's role read licensing's database" >&2; exit 1
fi
grep -q "permission denied for database \"licensing\"" "$BUILD/isolation.out" \
  || { cat "$BUILD/isolation.out" >&2; exit 1; }
echo "refused: $(grep -o 'permission denied.*' "$BUILD/isolation.out" | head -n 1)"

step "Backup (deploy/backup.sh)"
"$PY" deploy/test/summary.py --endpoint "$(url_of coordinator)" --ca "$CA" --token-file "$RECTIFY_SECRETS/tokens/office.token" --stable >"$BUILD/summary.before"
cat "$BUILD/summary.before"
deploy/backup.sh "$BUILD/backup"
cat "$BUILD/backup/audit-heads.txt"

step "Offline bundle: docker save, remove the images, docker load, up again"
deploy/bundle.sh save "$BUILD/bundle/images.tar.gz"
compose down
docker rmi "rectify/rectify:$RECTIFY_VERSION" rectify/postgres:15 >/dev/null
if docker image inspect "rectify/rectify:$RECTIFY_VERSION" >/dev/null 2>&1; then
  echo "the image is still here" >&2; exit 1
fi
deploy/bundle.sh load "$BUILD/bundle/images.tar.gz"
compose up -d
wait_healthy
"$PY" deploy/test/summary.py --endpoint "$(url_of coordinator)" --ca "$CA" --token-file "$RECTIFY_SECRETS/tokens/office.token" >"$BUILD/summary.loaded"
diff "$BUILD/summary.before" "$BUILD/summary.loaded"
echo "the stack is back from the bundle with its data"

step "Drop everything (down -v), restore (deploy/restore.sh)"
compose down -v
compose up -d postgres
wait_healthy postgres
deploy/restore.sh "$BUILD/backup"
"$PY" deploy/test/summary.py --endpoint "$(url_of coordinator)" --ca "$CA" --token-file "$RECTIFY_SECRETS/tokens/office.token" --wait-for "$BUILD/summary.before" >"$BUILD/summary.after"
diff "$BUILD/summary.before" "$BUILD/summary.after"
echo "the coordinator's projection after the restore is the one before the backup"

step "Rotate the issuer key (deploy/make-keys.sh --rotate)"
kid_of() {
  "$PY" -c 'import base64, json, sys
head = open(sys.argv[1]).read().split(".")[0]
print(json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))["kid"])' "$1"
}
cp "$RECTIFY_SECRETS/tokens/office.token" "$BUILD/office.old.token"
old_kid=$(kid_of "$BUILD/office.old.token")
RECTIFYCTL="" deploy/make-keys.sh --rotate --ttl 1d >/dev/null
new_kid=$(kid_of "$RECTIFY_SECRETS/tokens/office.token")
[ -n "$old_kid" ] && [ -n "$new_kid" ] && [ "$old_kid" != "$new_kid" ] \
  || { echo "tokens not re-issued under a new key ($old_kid -> $new_kid)" >&2; exit 1; }
# shellcheck disable=SC2086
compose up -d --force-recreate $SERVICES
wait_healthy
for token in "$BUILD/office.old.token" "$RECTIFY_SECRETS/tokens/office.token"; do
  rectifyctl audit verify --endpoint "$(url_of utilities)" --token "$(cat "$token")" >/dev/null
done
echo "key $new_kid signs now; tokens of $old_kid are still accepted until it is removed"

step "Mutual TLS: RECTIFY_TLS_CLIENT_CA uncommented in common.env"
sed 's/^# RECTIFY_TLS_CLIENT_CA=/RECTIFY_TLS_CLIENT_CA=/' deploy/env/common.env >"$BUILD/mtls.common.env"
grep -q "^RECTIFY_TLS_CLIENT_CA=" "$BUILD/mtls.common.env"
# A copy of docker-compose.yml in $BUILD reading that common.env: its other relative paths made
# absolute (host-network.py reads them against the file's own directory).
sed -e "s#deploy/env/common.env#$ROOT/$BUILD/mtls.common.env#" -e "s#\([[ ]\)deploy/#\1$ROOT/deploy/#g" \
  -e "s#context: \.\$#context: $ROOT#" docker-compose.yml >"$BUILD/mtls.compose.yml"
"$PY" deploy/test/check-config.py --bin-dir "$TARGET_DIR" --compose "$BUILD/mtls.compose.yml" \
  --skip-repository >/dev/null
"$PY" deploy/host-network.py "$BUILD/mtls.compose.yml" --postgres-port "$PG_PORT" \
  --port-base "$RECTIFY_PORT_BASE" --secrets-dir "$RECTIFY_SECRETS" -o "$BUILD/mtls.host.yml"
# The same project, its services recreated with the new setting (healthy: the probe presents
# the service's own certificate).
# shellcheck disable=SC2086
RECTIFY_COMPOSE="docker-compose -f $BUILD/mtls.host.yml -p rectifytest" compose up -d $SERVICES
wait_healthy
for service in $SERVICES; do
  if RECTIFY_CLIENT_CERT=/nonexistent rectifyctl probe --endpoint "$(url_of "$service")" \
      >"$BUILD/mtls.out" 2>&1; then
    echo "$service answered a caller without a client certificate" >&2; exit 1
  fi
  rectifyctl probe --endpoint "$(url_of "$service")" >/dev/null
done
echo "every service: a caller without a client certificate is refused ($(tail -n 1 "$BUILD/mtls.out" | cut -c1-160)); with the office's, SERVING"
"$PY" examples/python/report_finding.py --endpoint "$(url_of registry)" --ca "$CA" \
  --cert "$TLS/yuelai-system.pem" --key "$TLS/yuelai-system-key.pem" \
  --token-file "$RECTIFY_SECRETS/tokens/yuelai.token" --name "悦来镇双向认证塑料加工点" | tail -n 1
node_example "$BUILD/node.mtls.out" "悦来镇双向认证米业-$RANDOM" \
  RECTIFY_CERT="$TLS/yuelai-system.pem" RECTIFY_KEY="$TLS/yuelai-system-key.pem"
# The dashboard reads the registry presenting the coordinator's certificate.
curl -fsS "http://127.0.0.1:$((RECTIFY_PORT_BASE + 8080))/public" >"$BUILD/public.html"
grep -q "悦来镇鑫源塑料颗粒加工点" "$BUILD/public.html" \
  || { echo "under mutual TLS the dashboard's public list does not show the closed workshop" >&2; exit 1; }
echo "the dashboard still lists the closed workshop"

step "docker-compose down -v"
compose down -v
