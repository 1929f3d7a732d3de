#!/usr/bin/env bash
# Runs the Eglot batch test (Debian's emacs-nox + elpa-eglot +
# elpa-dockerfile-mode) in its modes. Env: DOCKERFILE_LS.
set -uo pipefail
source "$(dirname "$0")/../../lib/common.sh"
dir=$EDITORS_DIR/emacs
bin=$(server_bin_dir) || { tally_fail "emacs: could not build the server"; summary emacs; exit 1; }
if ! command -v emacs >/dev/null; then
  tally_fail "emacs: emacs is not installed (apt-get install -y emacs-nox elpa-eglot elpa-dockerfile-mode)"
else
  for mode in default settings-off; do
    # Emacs' own progress messages go to stderr; keep only the test's lines.
    tally_run "emacs eglot $mode" bash -c 'env PATH="$1:$PATH" DLS_EMACS_DIR="$2" DLS_MODE="$3" timeout 120 \
      emacs --batch -q -l "$2/test/test-eglot.el" 2>&1 | grep -Ev "^(Loading |\[eglot\]|\[jsonrpc\])"; exit ${PIPESTATUS[0]}' \
      _ "$bin" "$dir" "$mode"
  done
  if [[ -f $dir/test/test-lsp-mode.el ]] && emacs --batch -q --eval '(kill-emacs (if (locate-library "lsp-mode") 0 1))' 2>/dev/null; then
    tally_run "emacs lsp-mode" bash -c 'env PATH="$1:$PATH" DLS_EMACS_DIR="$2" timeout 120 \
      emacs --batch -q -l "$2/test/test-lsp-mode.el" 2>&1 | grep -E "^(ok|not ok|skip|todo) - |^[0-9]+ passed"; exit ${PIPESTATUS[0]}' \
      _ "$bin" "$dir"
  fi
fi
summary emacs
