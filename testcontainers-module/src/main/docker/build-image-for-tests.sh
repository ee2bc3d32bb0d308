#!/usr/bin/env bash
# Called by the Maven build before the container tests: builds the server image
# (build-image.sh makes the offline base too when that is the base and it is missing).
# Without a Docker engine the container tests are skipped, except under CI=true,
# where a missing engine must fail the build rather than silently skip tests.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
JAR=$1
IMAGE=$2
BASE_IMAGE=$3

if ! docker info >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    echo "build-image: no Docker engine answers and CI=true; run .ci/docker-engine.sh" >&2
    exit 1
  fi
  echo "build-image: no Docker engine; container tests will be skipped" >&2
  exit 0
fi

BASE_IMAGE="$BASE_IMAGE" bash "$HERE/build-image.sh" "$JAR" "$IMAGE"
