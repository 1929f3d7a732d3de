#!/usr/bin/env bash
# Prints the directory of an installed code-server setup (see
# install-code-server.sh), or exits 1.
cache=${EDITORS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dockerfile-ls-editors}
dir=$cache/code-server
[[ -f $dir/.complete && -x /usr/bin/chromium ]] || exit 1
echo "$dir"
