#!/usr/bin/env bash
# lint.sh: staticcheck ($STATICCHECK, a pinned module@version) for this
# machine's target and for one target of each other OS (make lint). On AIX
# only the libraries (./sys/...): Ginkgo, which the other packages' tests
# need, does not build there.
# staticcheck is built once for this machine into bin/; GOOS/GOARCH then only
# choose what it analyses.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
mkdir -p bin
GOBIN=$(pwd)/bin CGO_ENABLED=0 $GO install "$STATICCHECK"
echo "staticcheck $($GO env GOOS)/$($GO env GOARCH)"
CGO_ENABLED=0 bin/staticcheck ./...
for t in linux/386 linux/arm64 freebsd/amd64 darwin/arm64 netbsd/amd64 openbsd/amd64 dragonfly/amd64 windows/amd64 illumos/amd64 solaris/amd64; do
  echo "staticcheck $t"
  GOOS=${t%/*} GOARCH=${t#*/} CGO_ENABLED=0 bin/staticcheck ./...
done
echo "staticcheck aix/ppc64 ./sys/..."
GOOS=aix GOARCH=ppc64 CGO_ENABLED=0 bin/staticcheck ./sys/...
