#!/usr/bin/env bash
# testbins.sh GOOS GOARCH DIR: go test -c (CGO_ENABLED=0, so static wherever
# the OS allows it) of every package that has tests, for GOOS/GOARCH, into DIR,
# plus DIR/list with one line per binary: "name dir kind", where dir is the
# package's folder relative to the repository root and kind is "ginkgo" for a
# Ginkgo suite and "go" otherwise. .ci/runtests.sh runs what this builds, on
# another machine or under qemu-user: the target needs no Go.
#
# Plain `go test -c`, never `go tool ginkgo build`: with GOOS set, the go
# command builds the ginkgo CLI itself for the target and then cannot run it.
set -euo pipefail
goos=$1 goarch=$2 dir=$3
cd "$(dirname "$0")/.."
GO=${GO:-go}
export CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch
module=$($GO list -m)
rm -rf "$dir" && mkdir -p "$dir"
: >"$dir/list"
$GO list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}} {{join .TestImports ","}},{{join .XTestImports ","}}{{end}}' ./... |
  while read -r pkg imports; do
    rel=${pkg#"$module"} rel=${rel#/} kind=go
    name=${rel//\//_}
    case ",$imports," in *,github.com/onsi/ginkgo/v2,*) kind=ginkgo ;; esac
    $GO test -c -o "$dir/$name.test" "$pkg" >"$dir/$name.build.log" 2>&1 ||
      { echo "FAIL go test -c $goos/$goarch $pkg"; cat "$dir/$name.build.log"; exit 1; }
    rm -f "$dir/$name.build.log"
    echo "$name ${rel:-.} $kind" >>"$dir/list"
  done
