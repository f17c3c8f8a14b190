#!/usr/bin/env bash
# local-smoke.sh: starts the built app (`node dist/main.js`, after `npm run build`) on free local ports,
# runs smoke-test.sh against it, then stops it with SIGTERM and expects a clean exit.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
export PORT=${PORT:-18080} METRICS_PORT=${METRICS_PORT:-19464} HOST=127.0.0.1
export MODEL_REGISTRY_URL=${MODEL_REGISTRY_URL:-file:$root/registry}
log=$(mktemp)
node "$root/dist/main.js" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; cat "$log"' EXIT
"$here/smoke-test.sh" "http://127.0.0.1:$PORT" 180
kill -TERM "$pid"
wait "$pid" && status=0 || status=$?
trap - EXIT
[[ $status == 0 ]] || { cat "$log"; echo "local-smoke: app exited $status after SIGTERM" >&2; exit 1; }
echo "local-smoke: passed, clean shutdown"
