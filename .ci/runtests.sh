#!/bin/sh
# runtests.sh BINDIR REPORTDIR [WRAPPER]: run every test binary that
# .ci/testbins.sh built into BINDIR, each in its package's folder (as go test
# runs it), optionally through WRAPPER (a qemu-user binary). Run it from the
# repository root; paths must have no spaces. Writes REPORTDIR/<name>.log for
# each binary, and the Ginkgo JSON report REPORTDIR/<name>.json for a Ginkgo
# suite; prints one line per binary and exits 1 if any failed.
#
# Plain POSIX sh, because it also runs inside BSD VMs that have no bash and no
# Go. TEST_TIMEOUT (default 3m, as make unit's) is each unit-test binary's
# -test.timeout and SUITE_TIMEOUT (default 10m) the conformance suite's;
# TEST_FLAGS (default none) are more flags for every binary (qemu.sh:
# -test.short).
set -u
bindir=$(cd "$1" && pwd) && mkdir -p "$2" && reportdir=$(cd "$2" && pwd) || exit 2
wrapper=${3:-}
# A test that must know it runs emulated (an emulator's system call layer
# answers, not the host kernel) reads PYSELECT_EMULATOR: the wrapper's name.
if [ -n "$wrapper" ]; then
  PYSELECT_EMULATOR=${wrapper##*/}
  export PYSELECT_EMULATOR
fi
root=$(pwd)
failed=0
while read -r name dir kind; do
  log=$reportdir/$name.log
  if [ "$kind" = ginkgo ]; then
    flags="-ginkgo.no-color -ginkgo.json-report=$reportdir/$name.json" limit=${SUITE_TIMEOUT:-10m}
  else
    flags=-test.v limit=${TEST_TIMEOUT:-3m}
  fi
  start=$(date +%s)
  # shellcheck disable=SC2086 # wrapper and flags are word lists
  (cd "$root/$dir" && exec $wrapper "$bindir/$name.test" $flags ${TEST_FLAGS:-} -test.timeout="$limit") >"$log" 2>&1
  rc=$?
  if [ "$kind" = ginkgo ]; then
    what=$(grep -aoE '[0-9]+ Passed \| [0-9]+ Failed \| [0-9]+ Pending \| [0-9]+ Skipped' "$log" | tail -n 1)
  else
    what="$(grep -ac '^--- PASS' "$log") Passed | $(grep -ac '^--- FAIL' "$log") Failed | $(grep -ac '^--- SKIP' "$log") Skipped"
  fi
  if [ $rc = 0 ]; then status=ok; else status=FAIL failed=$((failed + 1)); fi
  echo "$status $name $(($(date +%s) - start))s: ${what:-no test summary (exit $rc), see $log}"
done <"$bindir/list"
[ $failed = 0 ]
