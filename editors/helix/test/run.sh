#!/usr/bin/env bash
# Checks languages.toml (required: python3 >= 3.11 for tomllib) and, when hx
# can be had from Debian sid/trixie, drives it under tmux (optional).
set -uo pipefail
source "$(dirname "$0")/../../lib/common.sh"
dir=$EDITORS_DIR/helix
bin=$(server_bin_dir) || { tally_fail "helix: could not build the server"; summary helix; exit 1; }
py=""
for c in python3 /usr/bin/python3; do
  if command -v "$c" >/dev/null && "$c" -c 'import tomllib' 2>/dev/null; then py=$c; break; fi
done
if [[ -n $py ]]; then
  tally_run "helix languages.toml" "$py" "$dir/test/check_toml.py" "$dir/languages.toml" "$bin/dockerfile-ls"
else
  tally_fail "helix: no python3 with tomllib (3.11+) to parse languages.toml"
fi
if ! command -v tmux >/dev/null; then
  tally_fail "helix: tmux is not installed (apt-get install -y tmux)"
elif root=$(newer_debian hx 2>"${TMPDIR:-/tmp}/dls-why.$$"); then
  tally_run "hx under tmux" timeout 120 bash "$dir/test/hx_tmux.sh" "$root" "$bin"
else
  tally_skip "hx (Helix) from sid/trixie: could not be downloaded: $(tail -1 "${TMPDIR:-/tmp}/dls-why.$$")"; rm -f "${TMPDIR:-/tmp}/dls-why.$$"
fi
rm -f "${TMPDIR:-/tmp}/dls-why.$$"
summary helix
