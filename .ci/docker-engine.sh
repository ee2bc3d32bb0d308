#!/usr/bin/env bash
# Makes sure a Docker engine answers on this machine, for container-mode tests.
# Machines come with only the docker client, so CI must install and start the
# engine itself. Safe to run repeatedly: does nothing when an engine already answers.
set -euo pipefail

LOG=/tmp/dockerd.log
WAIT_SECONDS=${DOCKER_ENGINE_WAIT_SECONDS:-60}

if docker info >/dev/null 2>&1; then
  exit 0
fi

# Root is needed to install and run the engine; sudo covers a non-root developer.
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  SUDO=(sudo)
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "docker-engine: installing docker.io from Debian packages" >&2
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io >&2
fi

# A dockerd may have been started earlier and still be coming up; only start
# another one if none is running, or the second one would fight over the socket.
if ! pgrep -x dockerd >/dev/null 2>&1; then
  echo "docker-engine: starting dockerd (log: $LOG)" >&2
  # setsid + nohup: the engine must outlive this script and the calling shell.
  "${SUDO[@]}" setsid nohup dockerd >"$LOG" 2>&1 </dev/null &
fi

for _ in $(seq 1 "$WAIT_SECONDS"); do
  if docker info >/dev/null 2>&1; then
    echo "docker-engine: engine ready" >&2
    exit 0
  fi
  sleep 1
done

echo "docker-engine: FAILED - docker info still fails after ${WAIT_SECONDS}s; last lines of $LOG:" >&2
tail -n 40 "$LOG" >&2 || true
exit 1
