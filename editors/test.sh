#!/usr/bin/env bash
# Runs every editor integration test against a freshly built dockerfile-ls.
#
#   bash editors/test.sh [vscode] [neovim] [helix] [emacs]     (default: all)
#
# Installs what the tests need, idempotently (run as root on Debian 12):
#   apt: neovim emacs-nox elpa-eglot elpa-lsp-mode elpa-dockerfile-mode elpa-markdown-mode
#        tmux unzip python3 patchelf (patchelf: to run the newer Neovim/Helix)
#   npm: npm ci in editors/vscode
#   optional, into $EDITORS_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/dockerfile-ls-editors):
#     Neovim and Helix (hx) from Debian sid/trixie; code-server when
#     EDITORS_WORKBENCH=1. Optional tests skip when their download fails.
# Environment:
#   EDITORS_SKIP_INSTALL=1  install nothing
#   EDITORS_NO_DOWNLOAD=1   skip the optional sid/trixie downloads
#   EDITORS_STRICT=1        fail (not skip) checks for server features that
#                           the server does not advertise (hover, completion)
#   EDITORS_WORKBENCH=1     install code-server (~600 MB) for the VS Code workbench test
# Prints "EDITOR: N passed, N failed, N skipped" per editor, then the total;
# exits non-zero when a test failed.
set -uo pipefail
EDITORS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(dirname "$EDITORS_DIR")
export EDITORS_DIR REPO_ROOT
export EDITORS_CACHE=${EDITORS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dockerfile-ls-editors}
editors=("$@")
((${#editors[@]})) || editors=(vscode neovim helix emacs)
start=$SECONDS
say() { echo "== $*"; }

# Everything the installers print goes to $INSTALL_LOG; a step that fails
# prints the log's tail.
INSTALL_LOG=$EDITORS_CACHE/install.log
step() { # step WHAT CMD...: runs CMD into the install log
  local what=$1; shift
  echo "== $what" >>"$INSTALL_LOG"
  "$@" >>"$INSTALL_LOG" 2>&1 && return 0
  echo "$what failed; the last lines of $INSTALL_LOG:"; tail -15 "$INSTALL_LOG" | sed 's/^/  /'
  return 1
}

install_deps() {
  mkdir -p "$EDITORS_CACHE"; : >"$INSTALL_LOG"
  local want=(tmux unzip python3)
  local e
  for e in "${editors[@]}"; do
    case $e in
      neovim) want+=(neovim patchelf) ;;
      helix) want+=(patchelf) ;;
      emacs) want+=(emacs-nox elpa-eglot elpa-lsp-mode elpa-dockerfile-mode elpa-markdown-mode) ;;
    esac
  done
  local missing=() p
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    say "apt-get install ${missing[*]} (log: $INSTALL_LOG)"
    local sudo=""; ((EUID == 0)) || sudo=sudo
    step "apt-get update" $sudo apt-get update -qq || true
    step "apt-get install ${missing[*]}" env DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" ||
      echo "the tests that need ${missing[*]} will fail"
  fi
  if [[ " ${editors[*]} " == *" vscode "* ]]; then
    local v=$EDITORS_DIR/vscode
    if [[ ! -f $v/node_modules/.package-lock.json || $v/package-lock.json -nt $v/node_modules/.package-lock.json ]]; then
      say "npm ci in editors/vscode (log: $INSTALL_LOG)"
      step "npm ci in editors/vscode" bash -c 'cd "$1" && npm ci --no-audit --no-fund --loglevel=error' _ "$v"
    fi
    if [[ ${EDITORS_WORKBENCH:-0} == 1 ]]; then
      say "installing code-server for the workbench test (log: $INSTALL_LOG)"
      step "code-server install" bash "$v/scripts/install-code-server.sh" || echo "the workbench test will be skipped"
    fi
  fi
  # Optional newer editors, fetched in parallel (each skips on failure, and
  # its runner says why).
  if [[ ${EDITORS_NO_DOWNLOAD:-0} != 1 ]]; then
    local pids=()
    source "$EDITORS_DIR/lib/common.sh"
    [[ " ${editors[*]} " == *" neovim "* ]] && { newer_debian neovim >>"$INSTALL_LOG" 2>&1 & pids+=($!); }
    [[ " ${editors[*]} " == *" helix "* ]] && { newer_debian hx >>"$INSTALL_LOG" 2>&1 & pids+=($!); }
    ((${#pids[@]})) && { say "fetching newer Neovim/Helix from Debian sid/trixie (optional)"; wait "${pids[@]}"; }
  fi
  return 0
}

[[ ${EDITORS_SKIP_INSTALL:-0} == 1 ]] || install_deps
say "setup took $((SECONDS - start)) s"

DLS_BIN_DIR=$(mktemp -d /tmp/dls-bin.XXXXXX)
export DLS_BIN_DIR
say "go build -o $DLS_BIN_DIR/dockerfile-ls ."
if ! (cd "$REPO_ROOT" && go build -o "$DLS_BIN_DIR/dockerfile-ls" .); then
  echo "building the server failed"
  echo "0 passed, 1 failed"
  exit 1
fi
export DOCKERFILE_LS=$DLS_BIN_DIR/dockerfile-ls

total_p=0 total_f=0 total_s=0 lines=()
for e in "${editors[@]}"; do
  if [[ ! -f $EDITORS_DIR/$e/test/run.sh ]]; then
    lines+=("$e: 0 passed, 1 failed, 0 skipped (no such editor)"); total_f=$((total_f + 1)); continue
  fi
  t0=$SECONDS
  say "$e"
  log=$(mktemp)
  bash "$EDITORS_DIR/$e/test/run.sh" 2>&1 | tee "$log"
  line=$(grep -E "^$e: [0-9]+ passed, [0-9]+ failed" "$log" | tail -1)
  rm -f "$log"
  if [[ -z $line ]]; then line="$e: 0 passed, 1 failed, 0 skipped (runner printed no result)"; fi
  [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)? ]]
  total_p=$((total_p + BASH_REMATCH[1])); total_f=$((total_f + BASH_REMATCH[2])); total_s=$((total_s + ${BASH_REMATCH[4]:-0}))
  lines+=("$line ($((SECONDS - t0)) s)")
done
rm -rf "$DLS_BIN_DIR"

say "editor tests done in $((SECONDS - start)) s"
printf '%s\n' "${lines[@]}"
echo "$total_p passed, $total_f failed, $total_s skipped"
((total_f == 0))
