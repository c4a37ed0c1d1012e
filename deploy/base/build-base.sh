#!/usr/bin/env bash
# Builds the Debian base image every rectify image starts from, from Debian's own packages
# (debootstrap minbase), and imports it as rectify/debian-base:bookworm. Needs root and a
# Debian mirror (the host's, from /etc/apt); no image registry.
#   deploy/base/build-base.sh            build unless the image exists
#   deploy/base/build-base.sh --force    build again
set -euo pipefail

IMAGE="${RECTIFY_BASE_IMAGE:-rectify/debian-base:bookworm}"
SUITE=bookworm

if [ "${1:-}" != "--force" ] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "base image $IMAGE exists"
  exit 0
fi

# The mirror the host itself installs from, so that the build works wherever apt does.
mirror() {
  local uri
  uri=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | awk '{print $2}' | grep -v security | head -n 1 || true)
  [ -n "$uri" ] || uri=$(grep -hsE '^deb ' /etc/apt/sources.list 2>/dev/null \
    | awk '{print $2}' | grep -v security | head -n 1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}
MIRROR="${RECTIFY_DEBIAN_MIRROR:-$(mirror)}"

root=$(mktemp -d /var/tmp/rectify-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
echo "debootstrap $SUITE from $MIRROR"
debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR" >/dev/null

# apt inside the image uses the same mirror (and security updates beside it).
cat >"$root/etc/apt/sources.list" <<SOURCES
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb ${MIRROR%/debian}/debian-security $SUITE-security main
SOURCES
# Slim: no package lists or caches in the image.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb

tar -C "$root" -c . | docker import \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["/bin/bash"]' \
  - "$IMAGE" >/dev/null
echo "imported $IMAGE"
