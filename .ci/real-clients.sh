#!/usr/bin/env bash
# Installs the real non-Java AWS clients the tests drive: Debian's AWS CLI v2 and boto3.
# Safe to run repeatedly: does nothing when both are already there.
set -euo pipefail

if [ -x /usr/bin/aws ] && /usr/bin/python3 -c 'import boto3' >/dev/null 2>&1; then
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  SUDO=(sudo)
fi
echo "real-clients: installing awscli and python3-boto3 from Debian packages" >&2
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  awscli python3-boto3 >&2
/usr/bin/aws --version >&2
