#!/usr/bin/env bash
# Copies the canonical alert rules and Grafana dashboard into the Helm chart, which can only package files
# inside its own folder. test/delivery/monitoring-files.e2e-spec.ts fails while the copies differ.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
files=$root/helm/demand-forecast/files
copy() {
  [[ -f $root/$1 ]] || { echo "sync-chart-files: $1 does not exist" >&2; exit 1; }
  cp "$root/$1" "$files/$2"
  echo "sync-chart-files: $1 -> helm/demand-forecast/files/$2"
}
copy monitoring/prometheus/rules.yml prometheus-rules.yml
copy monitoring/grafana/demand-forecast-dashboard.json grafana-dashboard.json
