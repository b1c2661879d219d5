#!/usr/bin/env bash
# conformance.sh [--race]: the conformance suite on this OS (make
# conformance), randomized, with Ginkgo's JSON and JUnit reports in $OUT; then
# the readable report of conformance/cmd/report. Exits 1 if a spec failed.
# --race runs the suite under the race detector (cgo and a C compiler).
# The suite runs under .ci/memcap.sh's memory cap.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
OUT=${OUT:-out}
GO=${GO:-go}
mkdir -p "$OUT"
cgo=0 race=()
if [ "${1:-}" = --race ]; then cgo=1 race=(--race); fi
CGO_ENABLED=$cgo sh .ci/memcap.sh "$GO" tool ginkgo "${race[@]}" --randomize-all --keep-going --timeout=20m \
  --json-report=conformance.json --junit-report=conformance.xml --output-dir="$OUT" ./conformance
status=$?
CGO_ENABLED=0 $GO run ./conformance/cmd/report "$OUT/conformance.json" || status=1
exit $status
