#!/usr/bin/env bash
# race.sh PACKAGE...: every package's tests under the race detector (make
# race): the unit tests of PACKAGE... with go test -race, then the
# conformance suite with its report
# (.ci/conformance.sh --race). The race detector needs cgo and a C compiler;
# without one, race.sh says so and runs the same tests without it.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
cc=$($GO env CC)
if ! command -v "${cc%% *}" >/dev/null; then
  echo "race: no C compiler ($cc) for the race detector: running the tests without -race"
  CGO_ENABLED=0 $GO test -count=1 "$@"
  exec bash .ci/conformance.sh
fi
CGO_ENABLED=1 $GO test -race -count=1 "$@"
exec bash .ci/conformance.sh --race
