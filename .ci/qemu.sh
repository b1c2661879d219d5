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
# Each arch's binaries are built one arch at a time (the go command already
# uses every core) and run in the background while the next arch builds, at
# most $QEMU_JOBS arches at once. A test binary runs in its package's folder,
# as go test runs it. A Ginkgo suite also writes its JSON report next to its
# log: $OUT/qemu/<arch>/<package>.{log,json}.
#
# Expect EINTR: Go's preemption signal interrupts blocking calls far more
# often under emulation, and the library must retry them.
set -euo pipefail
cd "$(dirname "$0")/.."

QEMU_CACHE=${QEMU_CACHE:-/var/cache/pyselect-qemu}
QEMU_JOBS=${QEMU_JOBS:-2}
QEMU_TIMEOUT=${QEMU_TIMEOUT:-10m}
OUT=${OUT:-out}
GO=${GO:-go}
arches=${*:-386 arm arm64 riscv64 ppc64le s390x loong64}

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
  apt-get update -qq
  local tmp; tmp=$(mktemp -d)
  chown _apt "$tmp" 2>/dev/null || true # apt downloads as the _apt user
  (cd "$tmp" && apt-get download -qq "$pkg")
  rm -rf "$QEMU_CACHE.new"
  dpkg -x "$tmp"/qemu-user_*.deb "$QEMU_CACHE.new"
  rm -rf "$tmp" "$QEMU_CACHE"
  mv "$QEMU_CACHE.new" "$QEMU_CACHE"
}

install_qemu
echo "qemu.sh: $("$QEMU_CACHE/usr/bin/qemu-i386" --version | head -1), at most $QEMU_JOBS arches at once"
for a in $arches; do
  [ -x "$QEMU_CACHE/usr/bin/$(qemu_name "$a")" ] || { echo "qemu.sh: $QEMU_CACHE has no $(qemu_name "$a")" >&2; exit 1; }
done

root=$PWD module=$($GO list -m)
export CGO_ENABLED=0 GOOS=linux

# count PATTERN FILE: how many lines of FILE match (0 is not an error here).
count() { grep -acE "$1" "$2" || true; }

# build ARCH: go test -c of every package with tests into $OUT/qemu/ARCH.
# Prints "pkg dir binary ginkgo|go" lines into ARCH/list.
build() {
  local arch=$1 dir=$OUT/qemu/$1
  rm -rf "$dir" && mkdir -p "$dir"
  GOARCH=$arch $GO list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}} {{.Dir}} {{join .TestImports ","}},{{join .XTestImports ","}}{{end}}' ./... |
    while read -r pkg pkgdir imports; do
      local name=${pkg#"$module"/} kind=go
      name=${name//\//_}
      case ",$imports," in *,github.com/onsi/ginkgo/v2,*) kind=ginkgo ;; esac
      GOARCH=$arch $GO test -c -o "$dir/$name.test" "$pkg" >"$dir/$name.log" 2>&1 ||
        { echo "FAIL build linux/$arch $pkg"; cat "$dir/$name.log"; return 1; }
      echo "$name $pkgdir $kind" >>"$dir/list"
    done
}

# run ARCH: run every binary built for ARCH under its qemu; writes ARCH/result.
run() {
  local arch=$1 dir=$root/$OUT/qemu/$1 q start status=pass passed=0 failed=0 detail=""
  q=$QEMU_CACHE/usr/bin/$(qemu_name "$arch")
  start=$(date +%s)
  while read -r name pkgdir kind; do
    local args=(-test.timeout="$QEMU_TIMEOUT")
    if [ "$kind" = ginkgo ]; then
      args+=(-ginkgo.json-report="$dir/$name.json" -ginkgo.no-color)
    else
      args+=(-test.v)
    fi
    if (cd "$pkgdir" && "$q" "$dir/$name.test" "${args[@]}") >"$dir/$name.log" 2>&1; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1)) status=FAIL
    fi
    # What ran: Ginkgo's closing line, or go test's count of top-level tests.
    if [ "$kind" = ginkgo ]; then
      detail+=" $name[$({ grep -aoE '[0-9]+ Passed \| [0-9]+ Failed \| [0-9]+ Pending \| [0-9]+ Skipped' "$dir/$name.log" || true; } | tail -1)]"
    else
      detail+=" $name[$(count '^--- PASS' "$dir/$name.log") passed, $(count '^--- FAIL' "$dir/$name.log") failed, $(count '^--- SKIP' "$dir/$name.log") skipped]"
    fi
  done <"$dir/list"
  printf '%-4s linux/%-8s %3ss  run %d packages: %d passed, %d failed;%s\n' \
    "$status" "$arch" "$(($(date +%s) - start))" "$((passed + failed))" "$passed" "$failed" "$detail" >"$dir/result"
  [ "$status" = pass ]
}

total_start=$(date +%s)
declare -A build_secs
pids=()
for a in $arches; do
  t=$(date +%s)
  build "$a"
  build_secs[$a]=$(($(date +%s) - t))
  echo "built linux/$a in ${build_secs[$a]}s ($(wc -l <"$OUT/qemu/$a/list") test binaries); running under $(qemu_name "$a")"
  while [ "$(jobs -rp | wc -l)" -ge "$QEMU_JOBS" ]; do wait -n || true; done
  run "$a" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || true; done

echo
echo "qemu-user summary (build = go test -c; run = all test binaries under qemu):"
fail=0 npass=0 nfail=0
for a in $arches; do
  r=$(cat "$OUT/qemu/$a/result" 2>/dev/null || echo "FAIL linux/$a no result")
  printf 'build %3ss  %s\n' "${build_secs[$a]}" "$r"
  case $r in
    pass*) npass=$((npass + 1)) ;;
    *)
      fail=1 nfail=$((nfail + 1))
      for log in "$OUT"/qemu/"$a"/*.log; do
        grep -aqE '^(--- FAIL|FAIL|panic:|fatal error:)|\[FAIL\]' "$log" || continue
        echo "--- linux/$a $(basename "$log"): last 60 lines"
        tail -n 60 "$log"
      done
      ;;
  esac
done
echo "qemu total $(($(date +%s) - total_start))s; logs and Ginkgo JSON reports in $OUT/qemu/<arch>/"
echo "qemu: $npass passed, $nfail failed"
exit $fail
