#!/usr/bin/env bash
# Fetch a package (and everything it depends on) from a newer Debian suite
# (sid, trixie) of the mirror this machine already uses, and unpack it into a
# private root, without touching the system's dpkg database.
#
#   debian-newer.sh SUITE PACKAGE ROOT
#
# Exits 0 with ROOT populated (a marker ROOT/.complete lists the .debs), or
# non-zero with a one-line reason on stderr when the suite cannot be reached.
# Idempotent: a ROOT with .complete is reused (refreshed when a week old).
#
# Programs in ROOT need the newer glibc that comes with them. patchelf
# (Debian's package) points each ROOT/usr/bin program at ROOT's own loader and
# libraries, so it runs like an installed program: ROOT/usr/bin/PROGRAM. This
# matters beyond starting it: Neovim finds its runtime and its tree-sitter
# parsers (ROOT/usr/lib/nvim) from its own path, and its UI re-runs its own
# executable with --embed; started through the loader, it is the loader that
# gets --embed.
set -euo pipefail
suite=${1:?suite}; pkg=${2:?package}; root=${3:?root}

# patch_root: makes ROOT/usr/bin's programs use ROOT's loader and libraries
# (idempotent; run again after ROOT moves).
patch_root() {
  command -v patchelf >/dev/null || { echo "patchelf is not installed (apt-get install patchelf)" >&2; return 1; }
  local ld=$root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 f interp
  for f in "$root"/usr/bin/*; do
    f=$(readlink -f "$f") # usr/bin/hx is a link into usr/lib/hx
    [[ $f == "$root"/* && -f $f ]] || continue
    interp=$(patchelf --print-interpreter "$f" 2>/dev/null) || continue # not a dynamic ELF
    [[ $interp == "$ld" ]] && continue
    patchelf --set-interpreter "$ld" --force-rpath --set-rpath "$root/usr/lib/x86_64-linux-gnu" "$f"
  done
}

# Reuse a complete root for a week (sid moves); after that refresh it, and
# keep the old one if the refresh fails.
if [[ -f $root/.complete && -n $(find "$root/.complete" -mtime -7 2>/dev/null) ]]; then patch_root; exit 0; fi
if [[ -f $root/.complete && ${DEBIAN_NEWER_REFRESHING:-0} != 1 ]]; then
  if DEBIAN_NEWER_REFRESHING=1 bash "$0" "$suite" "$pkg" "$root.new" 2>/dev/null; then
    rm -rf "$root" "$root.new.apt" && mv "$root.new" "$root"
  else
    rm -rf "$root.new" "$root.new.apt"; touch "$root/.complete"
  fi
  patch_root; exit 0
fi

mirror=""
for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list.d/*.sources; do
  [[ -f $f ]] || continue
  mirror=$(awk '/^URIs:/{for(i=2;i<=NF;i++) if ($i ~ /\/debian\/?$/) {print $i; exit}}' "$f")
  [[ -n $mirror ]] && break
done
if [[ -z $mirror && -f /etc/apt/sources.list ]]; then
  mirror=$(awk '$1=="deb" && $2 !~ /^\[/ && $2 ~ /\/debian\/?$/ {print $2; exit}' /etc/apt/sources.list)
fi
mirror=${mirror:-http://deb.debian.org/debian}

apt=$root.apt
rm -rf "$root" "$apt"
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$root"
: >"$apt/status"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
echo "deb [arch=amd64 signed-by=$keyring] $mirror $suite main" >"$apt/sources.list"
O=(-o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
   -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/dev/null
   -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache"
   -o "Dir::State::status=$apt/status" -o APT::Architectures::=amd64
   -o Debug::NoLocking=1 -o Acquire::Retries=1 -o Acquire::http::Timeout=30)

if ! timeout 300 apt-get "${O[@]}" -qq update >"$apt/update.log" 2>&1; then
  echo "apt-get update for $suite failed: $(tail -1 "$apt/update.log")" >&2; exit 1
fi
if ! timeout 600 apt-get "${O[@]}" -qq install --download-only --no-install-recommends -y "$pkg" \
    >"$apt/install.log" 2>&1; then
  echo "downloading $pkg from $suite failed: $(tail -1 "$apt/install.log")" >&2; exit 1
fi
shopt -s nullglob
debs=("$apt"/cache/archives/*.deb)
if (( ${#debs[@]} == 0 )); then echo "no .deb downloaded for $pkg from $suite" >&2; exit 1; fi
for d in "${debs[@]}"; do dpkg -x "$d" "$root"; done
rm -rf "$apt/cache/archives" "$apt/lists"
patch_root
printf '%s\n' "${debs[@]##*/}" >"$root/.complete"
