#!/usr/bin/env bash
# read-aliases.sh REGISTRY_URL MODEL
# Prints MODEL/aliases.json from a Blob model registry (https://<account>.blob.core.windows.net/<container>)
# with the signed-in az identity, or nothing when it does not exist yet. The retraining pipeline compares it
# before and after training to know whether `production` moved.
set -euo pipefail
url=${1:?usage: read-aliases.sh REGISTRY_URL MODEL}
model=${2:?usage: read-aliases.sh REGISTRY_URL MODEL}
[[ $url =~ ^https://([^.]+)\.blob\.core\.windows\.net/([^/]+)/?$ ]] || { echo "read-aliases: not a Blob container URL: $url" >&2; exit 2; }
account=${BASH_REMATCH[1]}
container=${BASH_REMATCH[2]}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
if az storage blob download --auth-mode login --account-name "$account" --container-name "$container" \
  --name "$model/aliases.json" --file "$tmp" --only-show-errors >/dev/null 2>&1; then
  cat "$tmp"
fi
