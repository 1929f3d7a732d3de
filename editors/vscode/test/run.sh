#!/usr/bin/env bash
# Runs the extension's tests (npm test: typecheck, esbuild bundle, .vsix
# contents, the client path against the real server) and, with
# EDITORS_WORKBENCH=1, the real workbench test (code-server + Chromium).
# Needs: node_modules (npm ci), unzip. Env: DOCKERFILE_LS.
set -uo pipefail
source "$(dirname "$0")/../../lib/common.sh"
dir=$EDITORS_DIR/vscode
bin=$(server_bin_dir) || { tally_fail "vscode: could not build the server"; summary vscode; exit 1; }
export DOCKERFILE_LS=$bin/dockerfile-ls
if [[ ! -d $dir/node_modules ]]; then
  tally_fail "vscode: node_modules missing (run npm ci in editors/vscode)"
else
  log=$(mktemp)
  (cd "$dir" && timeout 300 npm test --silent) 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  count() { grep -E "^(ℹ|#) $1 [0-9]+" "$log" | tail -1 | grep -oE '[0-9]+$' || echo 0; }
  if ! grep -qE "^(ℹ|#) pass [0-9]+" "$log"; then
    tally_fail "vscode npm test: no test summary (exit $rc)"
  else
    p=$(count pass) f=$(count fail) s=$(count skipped) t=$(count todo)
    T_PASSED=$((T_PASSED + p)); T_FAILED=$((T_FAILED + f)); T_SKIPPED=$((T_SKIPPED + s + t))
    if ((rc != 0 && f == 0)); then tally_fail "vscode npm test exited $rc"; fi
  fi
  rm -f "$log"
fi
# The workbench test is opt-in (EDITORS_WORKBENCH=1, with which editors/test.sh
# first installs code-server): it is slow and drives a browser UI.
if [[ ${EDITORS_WORKBENCH:-0} != 1 ]]; then
  tally_skip "vscode workbench test: not requested (EDITORS_WORKBENCH=1 installs code-server, ~600 MB, and runs it)"
elif cs=$(bash "$dir/scripts/find-code-server.sh" 2>/dev/null); then
  tally_run "vscode workbench (code-server)" timeout 300 node "$dir/scripts/workbench-test.mjs" "$cs"
else
  tally_skip "vscode workbench test: code-server is not installed (scripts/install-code-server.sh failed?)"
fi
summary vscode
