#!/usr/bin/env bash
# cross.sh "VET_TARGETS" "BUILD_TARGETS": go vet every target, and go test -c
# every package for each build target, all with CGO_ENABLED=0, two at a time
# (the machine has 2 cores). A cold cache costs 20-40 s a target.
set -euo pipefail
vet_targets=$1 build_targets=$2
export CGO_ENABLED=0
jobs=$(nproc)
# pkgs OS ARCH [FORMAT]: the packages of the module for a target (go list
# -f FORMAT). On aix, those that need Ginkgo are left out: Ginkgo v2 does
# not build there (its internal package defines PROGRESS_SIGNALS for
# linux, solaris, the BSDs, windows and wasm only).
pkgs() {
  local os=$1 arch=$2 format=${3:-'{{.ImportPath}}'} skip=
  if [ "$os" = aix ]; then
    skip=$(GOOS=$os GOARCH=$arch go list -test -f '{{.ImportPath}} {{join .Deps " "}}' ./... |
      awk '/ github\.com\/onsi\/ginkgo\/v2( |$)/ {sub(/\.test$/, "", $1); print $1}' | sort -u)
  fi
  GOOS=$os GOARCH=$arch go list -f "$format" ./... | grep -vxF "${skip:-//}" || true
}
export -f pkgs
one() {
  local mode=$1 t=$2 os=${2%/*} arch=${2#*/}
  if [ "$mode" = vet ]; then
    # shellcheck disable=SC2046 # one word per package
    GOOS=$os GOARCH=$arch go vet $(pkgs "$os" "$arch") >"$tmp/$os-$arch.vet" 2>&1 || { echo "FAIL go vet $t"; cat "$tmp/$os-$arch.vet"; return 1; }
    echo "ok   go vet $t"
  else
    local pkgs; pkgs=$(pkgs "$os" "$arch" '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}')
    for p in $pkgs; do
      GOOS=$os GOARCH=$arch go test -c -o /dev/null "$p" >"$tmp/$os-$arch.build" 2>&1 || { echo "FAIL go test -c $t $p"; cat "$tmp/$os-$arch.build"; return 1; }
    done
    echo "ok   go test -c $t ($(echo "$pkgs" | wc -w) packages)"
  fi
}
export -f one
tmp=$(mktemp -d); export tmp
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2016 # $0 and $1 are the inner bash's arguments
{ for t in $vet_targets; do echo "vet $t"; done; for t in $build_targets; do echo "build $t"; done; } |
  xargs -P "$jobs" -L 1 bash -c 'one "$0" "$1"'
