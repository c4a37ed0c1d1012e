#!/usr/bin/env bash
# Builds the images docker-compose.yml runs: the Debian base (deploy/base/build-base.sh),
# PostgreSQL from Debian's package (deploy/postgres), and rectify with every binary.
#   deploy/build-images.sh                       rectify built inside Docker (needs a Rust image
#                                                and crates.io: a build site, not the intranet)
#   deploy/build-images.sh --from-host release   from binaries already built on this host
#                                                (cargo build --release --bins): target/release
# The tag is $RECTIFY_VERSION (default latest).
set -euo pipefail
cd "$(dirname "$0")/.."

TAG="${RECTIFY_VERSION:-latest}"
BINARIES="registry licensing utilities land safety environment coordinator rectifyctl rectify"

deploy/base/build-base.sh
docker build -q -t rectify/postgres:15 deploy/postgres >/dev/null
echo "built rectify/postgres:15"

if [ "${1:-}" = "--from-host" ]; then
  profile="${2:-release}"
  stage=deploy/.build/bin
  rm -rf "$stage" && mkdir -p "$stage"
  for bin in $BINARIES; do
    [ -x "target/$profile/$bin" ] || { echo "target/$profile/$bin is missing: cargo build --bins first" >&2; exit 1; }
    # Debug information stays on the build host; the image gets the code only.
    objcopy --strip-debug "target/$profile/$bin" "$stage/$bin"
  done
  docker build -q -f deploy/Dockerfile --target runtime-from-host -t "rectify/rectify:$TAG" . >/dev/null
else
  docker build -f deploy/Dockerfile --target runtime -t "rectify/rectify:$TAG" .
fi
echo "built rectify/rectify:$TAG"
