#!/bin/sh
# runtests.sh BINDIR REPORTDIR [WRAPPER]: run every test binary that
# .ci/testbins.sh built into BINDIR, each in its package's folder (as go test
# runs it), optionally through WRAPPER (a qemu-user binary). Run it from the
# repository root; paths must have no spaces. Writes REPORTDIR/<name>.log for
# each binary, and the Ginkgo JSON report REPORTDIR/<name>.json for a Ginkgo
# suite; prints one line per binary and exits 1 if any failed.
#
# Plain POSIX sh, because it also runs inside BSD VMs that have no bash and no
# Go, and on Solaris, whose date may lack %s (an illumos addition) and whose
# grep may lack GNU's -a and -o: so only POSIX date conversions, and awk with
# nothing the oldest awk lacks (patterns, fields, loops, END). TEST_TIMEOUT
# (default 3m, as make unit's) is each unit-test binary's -test.timeout and
# SUITE_TIMEOUT (default 10m) the conformance suite's; TEST_FLAGS (default
# none) are more flags for every binary (qemu.sh: -test.short).
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
# now: seconds since the start of the year, from POSIX date conversions only
# (awk reads "08" as 8, where sh arithmetic would take it for octal).
now() { date -u '+%j %H %M %S' | awk '{ print ((($1 - 1) * 24 + $2) * 60 + $3) * 60 + $4 }'; }
# summary KIND LOG: the tally of a test binary's log. A Ginkgo suite ends
# with "N Passed | N Failed | N Pending | N Skipped"; go test -test.v prints
# one "--- PASS" (FAIL, SKIP) line per top-level test.
summary() {
  if [ "$1" = ginkgo ]; then
    awk '{ for (i = 2; i + 9 <= NF; i++) if ($i == "Passed" && $(i + 3) == "Failed" && $(i + 6) == "Pending" && $(i + 9) == "Skipped") s = $(i - 1) " Passed | " $(i + 2) " Failed | " $(i + 5) " Pending | " $(i + 8) " Skipped" } END { print s }' "$2"
  else
    awk '/^--- PASS/ { p++ } /^--- FAIL/ { f++ } /^--- SKIP/ { s++ } END { print p + 0 " Passed | " f + 0 " Failed | " s + 0 " Skipped" }' "$2"
  fi
}
while read -r name dir kind; do
  log=$reportdir/$name.log
  if [ "$kind" = ginkgo ]; then
    flags="-ginkgo.no-color -ginkgo.json-report=$reportdir/$name.json" limit=${SUITE_TIMEOUT:-10m}
  else
    flags=-test.v limit=${TEST_TIMEOUT:-3m}
  fi
  start=$(now)
  # shellcheck disable=SC2086 # wrapper and flags are word lists
  (cd "$root/$dir" && exec $wrapper "$bindir/$name.test" $flags ${TEST_FLAGS:-} -test.timeout="$limit") >"$log" 2>&1
  rc=$?
  what=$(summary "$kind" "$log")
  took=$(($(now) - start))
  # A run across New Year's Eve: the year before had 365 or 366 days.
  if [ "$took" -lt 0 ]; then took=$((took + 365 * 86400)); fi
  if [ $rc = 0 ]; then status=ok; else status=FAIL failed=$((failed + 1)); fi
  echo "$status $name ${took}s: ${what:-no test summary (exit $rc), see $log}"
done <"$bindir/list"
[ $failed = 0 ]
