#!/usr/bin/env bash
# Drives the real Helix (hx) under tmux with editors/helix/languages.toml as
# the user's config: opens a Dockerfile, waits for the server's diagnostic
# text on screen, asks for hover (Space k) and completion (Ctrl-x), quits.
#
#   hx_tmux.sh HX_ROOT SERVER_BIN_DIR
# HX_ROOT: a private root with usr/bin/hx unpacked from Debian (see
# editors/lib/debian-newer.sh); SERVER_BIN_DIR holds `dockerfile-ls`.
# Prints one line per check and "N passed, N failed, N skipped".
set -uo pipefail
R=${1:?hx root}; BIN=${2:?server bin dir}
here=$(cd "$(dirname "$0")/.." && pwd)
strict=${EDITORS_STRICT:-0}
W=$(mktemp -d /tmp/dls-hx.XXXXXX)
sock=dls-hx-$$
passed=0 failed=0 skipped=0
hxv=$("$R/usr/bin/hx" --version 2>/dev/null | awk '{print $2}')
tag="hx ${hxv:-?}"
ok() { passed=$((passed+1)); echo "ok - $tag: $1"; }
bad() { failed=$((failed+1)); echo "not ok - $tag: $1"; }
skip() { skipped=$((skipped+1)); echo "skip - $tag: $1"; }
pending() { # capability what name
  if [[ $strict == 1 ]]; then bad "$3: server does not advertise $1 ($2 not landed)"; else skip "$3 (server does not advertise $1 yet; $2 not landed)"; fi
}
cleanup() { tmux -L "$sock" kill-server 2>/dev/null; }
trap cleanup EXIT

mkdir -p "$W/config/helix" "$W/proj"
cp "$here/languages.toml" "$W/config/helix/languages.toml"
cat >"$W/config/helix/config.toml" <<'TOML'
[editor]
end-of-line-diagnostics = "hint"
TOML
printf 'FROM alpine as build\nMAINTAINER someone\n\nRUN echo hi\n' >"$W/proj/Dockerfile"

pane() { tmux -L "$sock" capture-pane -p -t dls 2>/dev/null; }
wait_for() { # regex seconds -> 0 when the pane matches
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    pane >"$W/pane.txt"
    grep -Eq "$1" "$W/pane.txt" && return 0
    sleep 0.2
  done
  return 1
}
wait_log() { # regex seconds
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    grep -Eq "$1" "$W/hx.log" 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}
keys() { tmux -L "$sock" send-keys -t dls "$@"; sleep 0.3; }

tmux -L "$sock" -f /dev/null new-session -d -s dls -x 120 -y 30 \
  env -i HOME="$W" TERM=xterm-256color PATH="$BIN:/usr/bin:/bin" XDG_CONFIG_HOME="$W/config" \
  HELIX_RUNTIME="$R/usr/lib/hx/runtime" \
  bash -c "cd '$W/proj' && '$R/usr/bin/hx' -v --log '$W/hx.log' Dockerfile; echo HX-EXITED \$?; sleep 30"

if wait_for 'Maintainer instruction is deprecated' 20; then
  ok "the MaintainerDeprecated diagnostic text appears on screen"
else
  bad "no diagnostic text on screen after 20 s (pane in $W/pane.txt, log in $W/hx.log)"
  cat "$W/pane.txt"
fi

if grep -q '"languageId":"dockerfile"' "$W/hx.log" && grep -Eq 'dockerfile-ls.*initialize|"serverInfo":\{"name":"dockerfile-ls"' "$W/hx.log"; then
  ok "hx started dockerfile-ls from languages.toml and opened the file as languageId dockerfile"
else
  bad "the log shows no dockerfile-ls initialize/didOpen (log in $W/hx.log)"
fi
enc=$(grep -o '"positionEncoding":"[^"]*"' "$W/hx.log" | head -1)
echo "# $tag negotiated ${enc:-no positionEncoding}"

if grep -q '"hoverProvider"' "$W/hx.log"; then
  keys Escape; keys g g; keys l
  keys Space; keys k
  # On screen: a popup over the buffer, so FROM shows on more than its own line.
  if wait_log 'textDocument/hover' 5 && wait_log '"kind":"markdown"' 5 && grep '"kind":"markdown"' "$W/hx.log" | grep -q 'FROM' &&
     wait_for 'FROM' 1 && (($(grep -c FROM "$W/pane.txt") >= 2)); then
    ok "Space k shows the server's markdown hover for FROM in a popup"
  else
    bad "hover: no markdown hover mentioning FROM in the log (pane in $W/pane.txt)"
    pane
  fi
  keys Escape
else
  pending hoverProvider hover "hover on FROM (Space k)"
fi

if grep -q '"completionProvider"' "$W/hx.log"; then
  keys Escape; keys g g; keys j; keys j; keys i; keys C-x
  # The menu shows the first items only: COPY on screen, RUN in the answer.
  if wait_for 'COPY +keyword' 5 && wait_log '"label":"RUN"' 2 && wait_log '"label":"COPY"' 1; then
    ok "Ctrl-x on the empty line after FROM opens a menu with COPY (and RUN in the answer)"
  else
    bad "completion: RUN/COPY not shown (pane in $W/pane.txt)"
    cat "$W/pane.txt"
  fi
  keys Escape; keys Escape
else
  pending completionProvider completion "completion on the empty line (Ctrl-x)"
fi

keys Escape
keys ':q!' Enter
if wait_for 'HX-EXITED 0' 10; then
  ok "hx quits cleanly with the server attached"
else
  bad "hx did not quit (pane in $W/pane.txt)"
fi

echo "$passed passed, $failed failed, $skipped skipped"
((failed == 0)) && rm -rf "$W"
((failed == 0))
