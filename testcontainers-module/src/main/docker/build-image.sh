#!/usr/bin/env bash
# Builds the serverless-stack server image from a server jar, offline.
#
# usage: build-image.sh SERVER_JAR [TAG]    (TAG default serverless-stack/server:0.1.0-SNAPSHOT)
# env:   BASE_IMAGE  base to build FROM (default serverless-stack/jre-base:17); when it
#                    is missing it is built by build-offline-base.sh next to this script
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  sed -n '2,6p' "$0" >&2
  exit 2
fi
JAR=$1
TAG=${2:-serverless-stack/server:0.1.0-SNAPSHOT}
BASE_IMAGE=${BASE_IMAGE:-serverless-stack/jre-base:17}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ ! -f "$JAR" ]; then
  echo "build-image: no such jar: $JAR" >&2
  exit 1
fi

# The offline base cannot be pulled, so when it is the base asked for and it is
# missing, it is made here; any other base is docker build's to find.
if [ "$BASE_IMAGE" = "serverless-stack/jre-base:17" ] \
    && ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  "$HERE/build-offline-base.sh" "$BASE_IMAGE"
fi

# A context of just these two files: sending the module's whole folder to the
# engine would be slow, and the jar's name must be fixed for the Dockerfile.
CONTEXT=$(mktemp -d "${TMPDIR:-/tmp}/server-image.XXXXXX")
trap 'rm -rf "$CONTEXT"' EXIT
cp "$HERE/Dockerfile" "$CONTEXT/Dockerfile"
cp "$JAR" "$CONTEXT/serverless-stack-server.jar"

docker build --quiet --build-arg "BASE_IMAGE=$BASE_IMAGE" --tag "$TAG" "$CONTEXT" >/dev/null

SIZE=$(docker image inspect --format '{{.Size}}' "$TAG")
echo "build-image: built $TAG, $SIZE bytes ($(( (SIZE + 500000) / 1000000 )) MB)"
