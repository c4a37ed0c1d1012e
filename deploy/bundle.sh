#!/usr/bin/env bash
# Carries the images to an intranet without a registry.
#   deploy/bundle.sh save [FILE]   on the build site: every image docker-compose.yml names
#                                  that exists here, into one file (default
#                                  deploy/bundle/rectify-images-$RECTIFY_VERSION.tar.gz)
#   deploy/bundle.sh load FILE     on the intranet server: `docker load` it
# Copy the file, docker-compose.yml and deploy/ (without deploy/secrets) to the server.
set -euo pipefail
cd "$(dirname "$0")/.."

TAG="${RECTIFY_VERSION:-latest}"
IMAGES=("rectify/rectify:$TAG" "rectify/postgres:15")
OPTIONAL=("jaegertracing/all-in-one:1.62.0")

case "${1:-}" in
  save)
    file="${2:-deploy/bundle/rectify-images-$TAG.tar.gz}"
    mkdir -p "$(dirname "$file")"
    images=("${IMAGES[@]}")
    for image in "${OPTIONAL[@]}"; do
      if docker image inspect "$image" >/dev/null 2>&1; then
        images+=("$image")
      else
        echo "note: $image is not here; the tracing profile will not start on the intranet" >&2
      fi
    done
    docker save "${images[@]}" | gzip -1 >"$file.partial"
    mv "$file.partial" "$file"
    (cd "$(dirname "$file")" && sha256sum "$(basename "$file")" >"$(basename "$file").sha256")
    echo "saved ${images[*]} into $file ($(du -h "$file" | cut -f1)); check it there with sha256sum -c $file.sha256"
    ;;
  load)
    file="${2:?usage: $0 load FILE}"
    if [ -e "$file.sha256" ]; then
      (cd "$(dirname "$file")" && sha256sum -c --quiet "$(basename "$file").sha256")
    fi
    gunzip -c "$file" | docker load
    ;;
  *)
    echo "usage: $0 save [FILE] | load FILE" >&2
    exit 2
    ;;
esac
