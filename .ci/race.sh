#!/usr/bin/env bash
# race.sh PACKAGE...: every package's tests under the race detector (make
# race): the unit tests of PACKAGE... with go test -race, then the
# conformance suite with its report
# (.ci/conformance.sh --race), which runs and reports even when a unit test
# failed. The race detector needs cgo and a C compiler; without one, race.sh
# says so and runs the same tests without it. Each package's test binary
# fails after UNIT_TIMEOUT (default 3m; the slowest takes 25 s under -race),
# and runs under .ci/memcap.sh's memory cap, as the suite does.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
cc=$($GO env CC)
cgo=1 race=(-race) suite=(--race)
if ! command -v "${cc%% *}" >/dev/null; then
  echo "race: no C compiler ($cc) for the race detector: running the tests without -race"
  cgo=0 race=() suite=()
fi
# The suite runs even if a unit test failed, so that its report is written.
rc=0
CGO_ENABLED=$cgo sh .ci/memcap.sh "$GO" test "${race[@]}" -count=1 -timeout "${UNIT_TIMEOUT:-3m}" "$@" || rc=1
bash .ci/conformance.sh "${suite[@]}" || rc=1
exit $rc
