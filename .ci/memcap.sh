#!/bin/sh
# memcap.sh COMMAND [ARG...]: run COMMAND under a memory cap, so that a
# runaway test binary fails with its name instead of starving the machine:
# make unit, .ci/race.sh and .ci/conformance.sh run go test and ginkgo
# through it, and every process they start (the go command, the compiler,
# each test binary and its children) inherits the cap.
#
# The cap is RLIMIT_AS (ulimit -v), MEMCAP_KB kilobytes of address space per
# process (default 8 GiB). It needs no cgroup, works as root and as any
# user (lowering a limit needs no privilege), and the Go runtime reports
# it: a binary that reaches it dies of "runtime: out of memory" with the
# stack of the goroutine that allocated, which names the test. Under -race
# ThreadSanitizer's own allocation may fail first, printing no test name,
# so each test binary also imports conformance/support/memwatch, which panics with
# every goroutine's stack once the resident set passes a quarter of the
# cap. The race detector maps its shadow memory as the heap grows, not up
# front, so the cap works under -race. Measured with go test -race -exec
# of a VmPeak sampler: every unit-test binary peaks at 1.9 to 2.1 GB of
# address space (at most 73 MB resident), the conformance suite at 2.8 GB
# (242 MB resident); without -race a Go test binary starts at 1.3 GB. So
# 8 GiB is about three times the largest, the watch's 2 GiB eight times
# the largest resident set, and two binaries at the cap (go test runs two
# packages at once on two cores) leave a third of a 24 GiB machine free.
# Tests that lower RLIMIT_AS for a child of their own set it relative to
# the child's VmSize, below this cap.
#
# A lower limit already in place is kept; MEMCAP_KB=unlimited turns the cap
# off. Linux only: elsewhere (the BSD VMs, macOS, Windows) COMMAND runs as
# is.
set -eu
if [ "$(uname -s)" = Linux ]; then
  # shellcheck disable=SC3045 # dash, bash, busybox and BSD sh all have -v
  ulimit -v "${MEMCAP_KB:-8388608}" 2>/dev/null ||
    echo "memcap.sh: the address-space limit stays $(ulimit -v) kB (a lower hard limit is set)" >&2
fi
exec "$@"
