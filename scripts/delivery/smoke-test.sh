#!/usr/bin/env bash
# smoke-test.sh BASE_URL [TIMEOUT_SECONDS]
# Waits until BASE_URL/health/ready answers 200, then asks for one forecast and checks it answers 2xx with
# JSON. Used by the pipeline against a local `node dist/main.js` and against the cluster.
set -euo pipefail
base=${1:?usage: smoke-test.sh BASE_URL [TIMEOUT_SECONDS]}
timeout=${2:-120}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
deadline=$((SECONDS + timeout))
until [[ $(curl -s -o /dev/null -w '%{http_code}' "$base/health/ready") == 200 ]]; do
  if ((SECONDS >= deadline)); then
    echo "smoke-test: $base/health/ready not 200 after ${timeout}s:" >&2
    curl -s "$base/health/ready" >&2 || true
    exit 1
  fi
  sleep 2
done
echo "smoke-test: $base/health/ready is 200"
response=$(curl -sS --fail-with-body -X POST "$base/v1/forecast" \
  -H 'content-type: application/json' --data-binary "@$here/forecast-request.json")
echo "$response" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{JSON.parse(s);})' \
  || { echo "smoke-test: /v1/forecast did not answer JSON: $response" >&2; exit 1; }
echo "smoke-test: /v1/forecast answered ${response:0:200}"
