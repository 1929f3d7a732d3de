#!/usr/bin/env bash
# Drives Neovim's real terminal UI under tmux, set up as the README says
# (this folder on the runtimepath, require('dockerfile_ls').setup()): opens a
# Dockerfile, presses K on FROM and reads the hover off the screen, then
# <C-x><C-o> on the empty line and reads the completion menu.
#
#   tui.sh NVIM SERVER_BIN_DIR
# Prints one line per check and "N passed, N failed, N skipped".
set -uo pipefail
NVIM=${1:?nvim}; BIN=${2:?server bin dir}
dir=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d /tmp/dls-nvim-tui.XXXXXX)
sock=dls-nvim-$$
passed=0 failed=0
ver=$("$NVIM" --version | head -1)
ok() { passed=$((passed + 1)); echo "ok - $ver tui: $1"; }
bad() { failed=$((failed + 1)); echo "not ok - $ver tui: $1"; }
screen() { tmux -L "$sock" capture-pane -p -t t; }
# wait_screen SECONDS REGEX: polls the screen until it matches.
wait_screen() {
  local until=$((SECONDS + $1))
  while ((SECONDS < until)); do
    screen | grep -qE "$2" && return 0
    sleep 0.2
  done
  return 1
}
cleanup() { tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT

mkdir -p "$W/proj" "$W/xdg"
printf 'FROM alpine as build\nMAINTAINER someone\n\nRUN echo hi\n' >"$W/proj/Dockerfile"
cat >"$W/init.lua" <<LUA
vim.opt.runtimepath:prepend('$dir')
require('dockerfile_ls').setup({
  settings = { locale = 'en' },
  on_attach = function() vim.fn.writefile({ 'attached' }, '$W/attached') end,
})
LUA
# A private config/data/state, so the user's own Neovim setup plays no part.
tmux -L "$sock" new-session -d -s t -x 100 -y 30 \
  "cd '$W/proj' && env PATH='$BIN:$PATH' XDG_CONFIG_HOME='$W/xdg' XDG_DATA_HOME='$W/xdg' XDG_STATE_HOME='$W/xdg' \
   '$NVIM' -u '$W/init.lua' -i NONE -n Dockerfile 2>'$W/stderr'; echo NVIM-EXITED \$?; sleep 30"

if wait_screen 10 'MAINTAINER someone'; then ok "the UI starts and shows the Dockerfile"; else
  bad "the UI did not show the Dockerfile: $(screen | grep -v '^~' | head -5 | tr '\n' '|') $(head -c 300 "$W/stderr")"
  echo "$passed passed, $failed failed, 0 skipped"; exit 1
fi
for _ in $(seq 50); do [[ -f $W/attached ]] && break; sleep 0.2; done
if [[ -f $W/attached ]]; then ok "the server attaches (on_attach ran)"; else bad "no on_attach within 10 s"; fi

tmux -L "$sock" send-keys -t t gg K
if wait_screen 10 'Starts a new build stage'; then
  ok "K on FROM shows the hover on screen"
  if screen | grep -q '```'; then bad "the hover shows raw code fences (markdown not rendered): $(screen | grep -m1 '```')"
  else ok "the hover's markdown is rendered (no raw code fences on screen)"; fi
else
  bad "K on FROM showed no hover: $(screen | grep -v '^~' | head -8 | tr '\n' '|')"
fi

# Moving the cursor closes the hover; only then is COPY on screen the menu's.
tmux -L "$sock" send-keys -t t 3G
gone=0
for _ in $(seq 50); do screen | grep -q 'Starts a new build stage' || { gone=1; break; }; sleep 0.2; done
((gone)) || bad "the hover stayed open after the cursor moved"
tmux -L "$sock" send-keys -t t i C-x C-o
if wait_screen 10 'COPY'; then
  if screen | grep -q "RUN"; then ok "<C-x><C-o> on the empty line shows RUN and COPY in the menu"; else bad "menu without RUN: $(screen | tr "\n" "|")"; fi
else
  bad "<C-x><C-o> showed no completion menu: $(screen | grep -v '^~' | head -8 | tr '\n' '|')"
fi
tmux -L "$sock" send-keys -t t C-e Escape ':qa!' Enter
if wait_screen 5 'NVIM-EXITED 0'; then ok "quits cleanly"; else bad "did not quit: $(screen | tail -3 | tr '\n' '|')"; fi
echo "$passed passed, $failed failed, 0 skipped"
((failed == 0))
