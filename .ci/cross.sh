#!/usr/bin/env bash
# cross.sh "VET_TARGETS" "BUILD_TARGETS": go vet every target, and go test -c
# every package for each build target, all with CGO_ENABLED=0, two at a time
# (the machine has 2 cores). A cold cache costs 20-40 s a target.
set -euo pipefail
vet_targets=$1 build_targets=$2
export CGO_ENABLED=0
jobs=$(nproc)
one() {
  local mode=$1 t=$2 os=${2%/*} arch=${2#*/}
  if [ "$mode" = vet ]; then
    GOOS=$os GOARCH=$arch go vet ./... >"$tmp/$os-$arch.vet" 2>&1 || { echo "FAIL go vet $t"; cat "$tmp/$os-$arch.vet"; return 1; }
    echo "ok   go vet $t"
  else
    local pkgs; pkgs=$(GOOS=$os GOARCH=$arch go list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}' ./...)
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
