#!/usr/bin/env bash
# wine.sh: cross-compile the windows/amd64 test binary of every package that
# has tests (CGO_ENABLED=0) and run each under Wine, in its package's folder
# as go test runs it; fail if any fails. `make wine` runs this.
#
# Wine is a fast local check of the Windows port, not Windows: the same
# binaries run natively on a windows-latest CI runner. What Wine does
# differently is listed in conformance/PLATFORMS.md, section Windows.
#
# On a fresh Debian 12 machine it installs, as root, what is missing:
#   wine64                       Wine 8.0 (/usr/lib/wine/wine64, not on PATH)
#   gcc-mingw-w64-x86-64-win32   MinGW, to build the stand-in DLL below
# Go >= 1.22 programs need ProcessPrng from bcryptprimitives.dll, which Wine 8
# lacks; .ci/wine/bcryptprimitives.c is a stand-in over RtlGenRandom, built
# once into the Wine prefix's system32 and loaded with
# WINEDLLOVERRIDES=bcryptprimitives=n.
#
# The Wine prefix lives in $PYSELECT_WINEPREFIX (default
# /var/cache/pyselect-wine as root, else ~/.cache/pyselect-wine); it is made
# once (wineboot, without the Mono and Gecko installers) and reused.
# The test binaries are built by .ci/testbins.sh into $OUT/wine/bin and run
# by .ci/runtests.sh with wine64 as the wrapper; logs and the Ginkgo JSON
# report go to $OUT/wine/report, and conformance/cmd/report prints the
# latter.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-out}
GO=${GO:-go}
GOARCH_WINE=amd64
# Each unit-test binary's -test.timeout under Wine: twice make unit's (the
# tests take about 20 s in all under Wine).
WINE_TIMEOUT=${WINE_TIMEOUT:-6m}
WINE=/usr/lib/wine/wine64
if [ "$(id -u)" = 0 ]; then
  default_prefix=/var/cache/pyselect-wine
else
  default_prefix=${XDG_CACHE_HOME:-$HOME/.cache}/pyselect-wine
fi
export WINEPREFIX=${PYSELECT_WINEPREFIX:-$default_prefix}
export WINEARCH=win64
# Wine's debug channels: keep errors, drop the fixme lines and the winediag
# notes about there being no display (the tests open no window).
export WINEDEBUG=${WINEDEBUG:-fixme-all,err-winediag,err-systray,err-ole}
dir=$OUT/wine
mkdir -p "$dir"
t0=$(date +%s)
say() { echo "wine.sh: $* (+$(($(date +%s) - t0))s)"; }

# install adds the Debian packages that are missing.
install() {
  local need=()
  [ -x "$WINE" ] || need+=(wine64)
  command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64-win32)
  [ ${#need[@]} = 0 ] && return
  if [ "$(id -u)" != 0 ]; then
    echo "wine.sh: missing ${need[*]}; run once as root to install them" >&2
    exit 1
  fi
  say "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >"$dir/apt.log" 2>&1 ||
    { cat "$dir/apt.log" >&2; exit 1; }
}

# prefix makes the Wine prefix once and puts the stand-in DLL into it.
prefix() {
  local dll=$dir/bcryptprimitives.dll src=.ci/wine/bcryptprimitives.c
  if [ ! -f "$dll" ] || [ "$src" -nt "$dll" ]; then
    x86_64-w64-mingw32-gcc -shared -O2 -Wall -Werror -o "$dll" "$src" -ladvapi32
  fi
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    say "making the Wine prefix $WINEPREFIX"
    mkdir -p "$WINEPREFIX"
    # mscoree and mshtml disabled: no offer to download Mono or Gecko.
    WINEDLLOVERRIDES="mscoree,mshtml=" "$WINE" wineboot --init >"$dir/wineboot.log" 2>&1 ||
      { cat "$dir/wineboot.log" >&2; exit 1; }
    /usr/lib/wine/wineserver -w
  fi
  local sys32=$WINEPREFIX/drive_c/windows/system32
  cmp -s "$dll" "$sys32/bcryptprimitives.dll" || cp "$dll" "$sys32/bcryptprimitives.dll"
}

install
prefix
say "building the windows/$GOARCH_WINE test binaries"
bash .ci/testbins.sh windows $GOARCH_WINE "$dir/bin"
say "running them under Wine"
status=0
rm -rf "$dir/report"
WINEDLLOVERRIDES=bcryptprimitives=n TEST_TIMEOUT=$WINE_TIMEOUT \
  sh .ci/runtests.sh "$dir/bin" "$dir/report" "$WINE" || status=1
for log in "$dir"/report/*.log; do
  if ! grep -qaE '^(PASS|ok)' "$log"; then
    echo "--- $log"
    tail -n 60 "$log"
  fi
done
for json in "$dir"/report/*.json; do
  [ -f "$json" ] && { $GO run ./conformance/cmd/report "$json" || status=1; }
done
say "done"
exit $status
