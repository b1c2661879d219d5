#!/usr/bin/env bash
# race.sh: every package's tests under the race detector (make race): the
# unit tests with go test -race, then the conformance suite with its report
# (.ci/conformance.sh --race). The race detector needs cgo and a C compiler;
# without one, race.sh says so and runs the same tests without it.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
unit=$($GO list ./... | grep -v '/conformance$')
cc=$($GO env CC)
if ! command -v "${cc%% *}" >/dev/null; then
  echo "race: no C compiler ($cc) for the race detector: running the tests without -race"
  # shellcheck disable=SC2086 # a list of packages
  CGO_ENABLED=0 $GO test -count=1 $unit
  exec bash .ci/conformance.sh
fi
# shellcheck disable=SC2086 # a list of packages
CGO_ENABLED=1 $GO test -race -count=1 $unit
exec bash .ci/conformance.sh --race
