#!/usr/bin/env bash
# Runs test/test.lua on Debian's Neovim (required) and on a newer Neovim
# from Debian sid/trixie unpacked into a private root (optional: skipped when
# it cannot be downloaded). Needs: neovim (apt); patchelf for the newer one.
# Env: DOCKERFILE_LS. Neovim's own messages (stderr) go to a log that is
# printed only when a run fails.
set -uo pipefail
source "$(dirname "$0")/../../lib/common.sh"
dir=$EDITORS_DIR/neovim
bin=$(server_bin_dir) || { tally_fail "neovim: could not build the server"; summary neovim; exit 1; }

run_modes() { # label nvim-command... ; modes from $modes
  local label=$1; shift
  for mode in $modes; do
    tally_run "$label $mode" env PATH="$bin:$PATH" DLS_NVIM_DIR="$dir" DLS_MODE="$mode" \
      timeout 120 "$@" --headless -u NONE -i NONE -n -c "luafile $dir/test/test.lua"
  done
}
is_011() { "$1" --headless -u NONE -c 'lua io.stdout:write(vim.fn.has("nvim-0.11"))' -c q 2>/dev/null | grep -q 1; }

if command -v nvim >/dev/null; then
  modes="module module-legacy example-legacy settings-off"
  if is_011 nvim; then modes="$modes example-0.11 runtime-lsp utf-32"; fi
  run_modes "nvim $(nvim --version | head -1)" nvim
else
  tally_fail "neovim: nvim is not installed (apt-get install -y neovim)"
fi

# The newer Neovim runs as an installed one would (debian-newer.sh points it
# at its root's libraries): its runtime and tree-sitter parsers come from its
# own path, and its UI works, which ui_smoke below checks.
why=$(mktemp)
if root=$(newer_debian neovim 2>"$why"); then
  nvim_new=$root/usr/bin/nvim
  modes="module module-legacy example-legacy settings-off"
  if is_011 "$nvim_new"; then modes="$modes example-0.11 runtime-lsp utf-32"; fi
  run_modes "nvim $("$nvim_new" --version | head -1)" "$nvim_new"
else
  tally_skip "newer Neovim (sid/trixie): could not be had: $(tail -1 "$why")"
fi
rm -f "$why"

# The TUI, not only --headless: under tmux, K on FROM puts the hover on the
# screen (for each Neovim that is here).
if command -v tmux >/dev/null; then
  for n in nvim ${nvim_new:+"$nvim_new"}; do
    command -v "$n" >/dev/null || continue
    tally_run "$n in tmux" timeout 60 bash "$dir/test/tui.sh" "$n" "$bin"
  done
else
  tally_fail "neovim: tmux is not installed (apt-get install -y tmux)"
fi
summary neovim
