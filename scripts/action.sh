#!/usr/bin/env bash
# The body of action.yml, kept in a file so that it is tested (test/unit/action.test.ts). Runs why403 from this
# checkout of the action: annotations in the log, a summary on the run page, SARIF for code scanning.
# Environment: WHY403_CONFIG, WHY403_FAIL_ON, WHY403_LOCAL_DIR, WHY403_SARIF, GITHUB_STEP_SUMMARY.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ ! -f "$here/dist/commands/check.js" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund >&2) || exit 70
fi
args=(check --fail-on "${WHY403_FAIL_ON:-violation}")
[[ -n "${WHY403_CONFIG:-}" ]] && args+=(--config "$WHY403_CONFIG")
[[ -n "${WHY403_LOCAL_DIR:-}" ]] && args+=(--local-dir "$WHY403_LOCAL_DIR")
status=0
node "$here/bin/run.js" "${args[@]}" --annotations --format markdown >> "${GITHUB_STEP_SUMMARY:-/dev/stdout}" || status=$?
if [[ -n "${WHY403_SARIF:-}" ]]; then
  node "$here/bin/run.js" "${args[@]}" --format sarif --output "$WHY403_SARIF" || true
fi
exit "$status"
