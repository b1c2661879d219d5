#!/usr/bin/env bash
# qemu.sh [GOARCH...]: cross-compile the test binary of every package that has
# tests (go list, CGO_ENABLED=0, static) for linux/GOARCH and run it under
# qemu-user, then print one summary line per arch.
#
# qemu-user: Debian 12's qemu 7.2 crashes linux/386 Go binaries at their first
# signal ("bad g in signal handler"); qemu 10 from bookworm-backports runs them.
# Its qemu-user .deb is static with no dependencies, so it is unpacked with
# dpkg -x into $QEMU_CACHE (installed nowhere else) the first time, as root;
# later runs find it there and need no network. On a Debian newer than 12 the
# distribution's own qemu-user (10 on Debian 13) is unpacked the same way.
#
# Every arch is built first (one at a time: the go command already uses every
# core), then the binaries run, $QEMU_JOBS arches at once (default 1): the
# suite has timing specs (a 1 s wait may take 1.2 s at most), and a compiler
# or a second emulator on the same 2 cores makes them miss. A test binary
# runs in its package's folder, as go test runs it. A Ginkgo suite also writes
# its JSON report next to its log: $OUT/qemu/<arch>/<package>.{log,json}.
#
# The binaries run with -test.short: the reliability specs then take
# their qemu-user sizes and bounds (5,000 leak cycles instead of 100,000, a
# signal storm of >= 1 kHz instead of 10 kHz with a 500 ms overrun bound
# instead of 100 ms), because every system call and signal is emulated.
#
# Expect EINTR: Go's preemption signal interrupts blocking calls far more
# often under emulation, and the library must retry them.
set -euo pipefail
cd "$(dirname "$0")/.."

QEMU_CACHE=${QEMU_CACHE:-/var/cache/pyselect-qemu}
QEMU_JOBS=${QEMU_JOBS:-1}
# Each unit-test binary's -test.timeout under emulation: native runs take
# at most 25 s (3m in make unit); emulated system calls and signals are
# several times slower.
QEMU_TIMEOUT=${QEMU_TIMEOUT:-10m}
OUT=${OUT:-out}
GO=${GO:-go}
arches=${*:-$(sed 's/#.*//' .ci/qemu-arches)}

# qemu-user's binary name for a GOARCH.
qemu_name() {
  case $1 in
    386) echo qemu-i386 ;;
    amd64) echo qemu-x86_64 ;;
    arm) echo qemu-arm ;;
    arm64) echo qemu-aarch64 ;;
    loong64) echo qemu-loongarch64 ;;
    mips64le) echo qemu-mips64el ;;
    mipsle) echo qemu-mipsel ;;
    mips | mips64 | ppc64 | ppc64le | riscv64 | s390x) echo "qemu-$1" ;;
    *) echo "qemu.sh: no qemu-user for GOARCH $1" >&2; return 1 ;;
  esac
}

# install_qemu unpacks qemu-user into $QEMU_CACHE unless it is already there.
install_qemu() {
  if [ -x "$QEMU_CACHE/usr/bin/qemu-i386" ]; then return; fi
  if [ "$(id -u)" != 0 ]; then
    echo "qemu.sh: $QEMU_CACHE has no qemu-user; run once as root to install it there" >&2
    exit 1
  fi
  # shellcheck source=/dev/null
  . /etc/os-release
  local pkg=qemu-user
  if [ "${VERSION_CODENAME:-}" = bookworm ]; then
    pkg=qemu-user/bookworm-backports
    if ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
      cat >/etc/apt/sources.list.d/pyselect-bookworm-backports.sources <<'EOF'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    fi
  fi
  echo "qemu.sh: installing $pkg into $QEMU_CACHE"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  local tmp; tmp=$(mktemp -d)
  chown _apt "$tmp" 2>/dev/null || true # apt downloads as the _apt user
  (cd "$tmp" && apt-get download -qq "$pkg")
  rm -rf "$QEMU_CACHE.new"
  dpkg -x "$tmp"/qemu-user_*.deb "$QEMU_CACHE.new"
  rm -rf "$tmp" "$QEMU_CACHE"
  mv "$QEMU_CACHE.new" "$QEMU_CACHE"
}

install_qemu
echo "qemu.sh: $("$QEMU_CACHE/usr/bin/qemu-i386" --version | head -1), $QEMU_JOBS arch(es) at a time"
for a in $arches; do
  [ -x "$QEMU_CACHE/usr/bin/$(qemu_name "$a")" ] || { echo "qemu.sh: $QEMU_CACHE has no $(qemu_name "$a")" >&2; exit 1; }
done

# build ARCH: the test binaries for linux/ARCH (.ci/testbins.sh).
build() { bash .ci/testbins.sh linux "$1" "$OUT/qemu/$1"; }

# run ARCH: every binary for ARCH under its qemu (.ci/runtests.sh); writes
# ARCH/result: "pass|FAIL linux/ARCH SECONDS", then runtests.sh's lines.
run() {
  local arch=$1 dir=$OUT/qemu/$1 start status=pass
  start=$(date +%s)
  TEST_FLAGS="-test.short${TEST_FLAGS:+ $TEST_FLAGS}" TEST_TIMEOUT=$QEMU_TIMEOUT \
    sh .ci/runtests.sh "$dir" "$dir" "$QEMU_CACHE/usr/bin/$(qemu_name "$arch")" >"$dir/runtests.txt" 2>&1 || status=FAIL
  { printf '%-4s linux/%-8s run %4ss\n' "$status" "$arch" "$(($(date +%s) - start))"; sed 's/^/       /' "$dir/runtests.txt"; } >"$dir/result"
}

total_start=$(date +%s)
declare -A build_secs
built=()
for a in $arches; do
  t=$(date +%s)
  if build "$a"; then
    built+=("$a")
    echo "built linux/$a in $(($(date +%s) - t))s ($(wc -l <"$OUT/qemu/$a/list") test binaries)"
  else
    echo "FAIL linux/$a: go test -c failed (above)" >"$OUT/qemu/$a/result"
  fi
  build_secs[$a]=$(($(date +%s) - t))
done
for a in "${built[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$QEMU_JOBS" ]; do wait -n || true; done
  echo "running linux/$a under $(qemu_name "$a")"
  run "$a" &
done
wait

# failures LOG: what a failed binary said: Ginkgo's failure blocks and
# summary, or go test's failed tests with the lines they logged.
failures() {
  if grep -aq 'Summarizing [0-9]* Failure' "$1"; then
    awk '/^• \[(FAILED|PANICKED|TIMEDOUT|INTERRUPTED)\]/ {p = 1} p {print} /^------------------------------$/ {p = 0} /^Summarizing [0-9]+ Failure/ {s = 1} s {print}' "$1"
  else
    grep -a -B 12 -A 3 -E '^\s*--- FAIL|^panic:|^fatal error:|^FAIL$' "$1"
  fi | head -n 120 || true # head closes the pipe early: SIGPIPE is expected
}

echo
echo "qemu-user summary (build = go test -c of every package with tests; run = its binaries under qemu):"
npass=0 nfail=0
for a in $arches; do
  r=$(cat "$OUT/qemu/$a/result" 2>/dev/null || echo "FAIL linux/$a: no result")
  printf 'build %4ss  %s\n' "${build_secs[$a]}" "$r"
  case $r in
    pass*) npass=$((npass + 1)) ;;
    *)
      nfail=$((nfail + 1))
      for log in "$OUT"/qemu/"$a"/*.log; do
        grep -aqE '^(--- FAIL|FAIL|panic:|fatal error:)|\[FAIL' "$log" || continue
        echo "--- linux/$a $(basename "$log"):"
        failures "$log"
      done
      ;;
  esac
done
echo "qemu total $(($(date +%s) - total_start))s; logs and Ginkgo JSON reports in $OUT/qemu/<arch>/"
echo "qemu: $npass passed, $nfail failed"
[ "$nfail" = 0 ]
