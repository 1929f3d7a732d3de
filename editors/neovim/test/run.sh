#!/usr/bin/env bash
# Runs test/test.lua on Debian's Neovim (required) and on a newer Neovim
# from Debian sid/trixie unpacked into a private root (optional: skipped when
# it cannot be downloaded). Needs: neovim (apt). Env: DOCKERFILE_LS.
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

if command -v nvim >/dev/null; then
  modes="module module-legacy example-legacy settings-off"
  if nvim --headless -u NONE -c 'lua io.stdout:write(vim.fn.has("nvim-0.11"))' -c q 2>/dev/null | grep -q 1; then
    modes="$modes example-0.11 runtime-lsp"
  fi
  run_modes "nvim $(nvim --version | head -1)" nvim
else
  tally_fail "neovim: nvim is not installed (apt-get install -y neovim)"
fi

if root=$(newer_debian neovim 2>"${TMPDIR:-/tmp}/dls-why.$$"); then
  wrapper=$(mktemp /tmp/dls-nvim.XXXXXX)
  cat >"$wrapper" <<SH
#!/bin/sh
VIMRUNTIME="$root/usr/share/nvim/runtime" exec "$root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" \\
  --library-path "$root/usr/lib/x86_64-linux-gnu" "$root/usr/bin/nvim" "\$@"
SH
  chmod +x "$wrapper"
  modes="module example-0.11 runtime-lsp module-legacy example-legacy settings-off"
  run_modes "nvim $("$wrapper" --version | head -1)" "$wrapper"
  rm -f "$wrapper"
else
  tally_skip "newer Neovim (sid/trixie): could not be downloaded: $(tail -1 "${TMPDIR:-/tmp}/dls-why.$$")"; rm -f "${TMPDIR:-/tmp}/dls-why.$$"
fi
rm -f "${TMPDIR:-/tmp}/dls-why.$$"
summary neovim
