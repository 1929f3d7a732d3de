# Shared helpers for the editor test runners (sourced, not executed).
# A runner calls tally_* for each sub-run and `summary NAME` at the end, which
# prints "NAME: N passed, N failed, N skipped" and returns non-zero on failure.

EDITORS_DIR=${EDITORS_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
REPO_ROOT=${REPO_ROOT:-$(dirname "$EDITORS_DIR")}
EDITORS_CACHE=${EDITORS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dockerfile-ls-editors}
T_PASSED=0 T_FAILED=0 T_SKIPPED=0

# server_bin_dir: a directory holding an executable named dockerfile-ls,
# from $DOCKERFILE_LS or built from the repository root.
server_bin_dir() {
  if [[ -n ${DLS_BIN_DIR:-} && -x $DLS_BIN_DIR/dockerfile-ls ]]; then echo "$DLS_BIN_DIR"; return; fi
  DLS_BIN_DIR=$(mktemp -d /tmp/dls-bin.XXXXXX)
  if [[ -n ${DOCKERFILE_LS:-} ]]; then
    ln -s "$(readlink -f "$DOCKERFILE_LS")" "$DLS_BIN_DIR/dockerfile-ls"
  else
    (cd "$REPO_ROOT" && go build -o "$DLS_BIN_DIR/dockerfile-ls" .) >&2 || return 1
  fi
  export DLS_BIN_DIR
  echo "$DLS_BIN_DIR"
}

# tally_run LABEL CMD...: runs CMD, shows its output, adds the counts of its
# last "N passed, N failed[, N skipped]" line. A run that prints no such line
# or exits non-zero with no failure counted counts as one failure. CMD's
# stderr (an editor's own messages and warnings) is kept apart, so it cannot
# land inside a result line, and shown only when the run failed.
tally_run() {
  local label=$1; shift
  local log err; log=$(mktemp); err=$(mktemp)
  "$@" 2>"$err" | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line; line=$(grep -E '^([A-Za-z0-9._-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  rm -f "$log"
  if [[ -s $err && ( -z $line || $rc != 0 ) ]]; then
    echo "# stderr of $label (last 40 lines):"; tail -40 "$err" | sed 's/^/#   /'
  fi
  rm -f "$err"
  if [[ -z $line ]]; then
    T_FAILED=$((T_FAILED + 1)); echo "not ok - $label: exited $rc without a result line"; return
  fi
  local p f s
  p=$(sed -E 's/.*\b([0-9]+) passed.*/\1/' <<<"$line")
  f=$(sed -E 's/.*\b([0-9]+) failed.*/\1/' <<<"$line")
  s=0; [[ $line =~ ([0-9]+)\ skipped ]] && s=${BASH_REMATCH[1]}
  T_PASSED=$((T_PASSED + p)); T_FAILED=$((T_FAILED + f)); T_SKIPPED=$((T_SKIPPED + s))
  if ((rc != 0 && f == 0)); then T_FAILED=$((T_FAILED + 1)); echo "not ok - $label: exited $rc"; fi
}

tally_skip() { T_SKIPPED=$((T_SKIPPED + 1)); echo "skip - $1"; }
tally_fail() { T_FAILED=$((T_FAILED + 1)); echo "not ok - $1"; }
tally_ok() { T_PASSED=$((T_PASSED + 1)); echo "ok - $1"; }

summary() {
  echo "$1: $T_PASSED passed, $T_FAILED failed, $T_SKIPPED skipped"
  ((T_FAILED == 0))
}

# newer_debian PACKAGE: unpacks PACKAGE from sid (else trixie) into a cache
# root and prints the root; non-zero with the reason on stderr when neither
# suite can be had. EDITORS_NO_DOWNLOAD=1 skips the download.
newer_debian() {
  local pkg=$1 suite why=""
  if [[ ${EDITORS_NO_DOWNLOAD:-0} == 1 ]]; then echo "downloads disabled (EDITORS_NO_DOWNLOAD=1)" >&2; return 1; fi
  for suite in ${EDITORS_NEWER_SUITES:-sid trixie}; do
    if why=$(bash "$EDITORS_DIR/lib/debian-newer.sh" "$suite" "$pkg" "$EDITORS_CACHE/$suite-$pkg" 2>&1); then
      echo "$EDITORS_CACHE/$suite-$pkg"; return 0
    fi
    echo "$pkg from $suite: $why" >&2
  done
  return 1
}

