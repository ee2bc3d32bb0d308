#!/usr/bin/env bash
# Starts the standalone server jar the way the README says and checks it answers health.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=fake-services/target/serverless-stack-server.jar
PORT=${SMOKE_PORT:-4566}
LOG=$(mktemp)
java -jar "$JAR" --port "$PORT" >"$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -f "$LOG"' EXIT

for _ in $(seq 1 100); do
  if grep -q "ready on" "$LOG"; then
    break
  fi
  sleep 0.1
done
cat "$LOG"
curl -fsS "http://127.0.0.1:$PORT/_stack/health"
echo
