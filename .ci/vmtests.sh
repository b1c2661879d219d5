#!/bin/sh
# vmtests.sh BINDIR REPORTDIR: what a BSD VM of bsd.yml runs. Records the
# VM's uname in REPORTDIR/uname.txt, runs .ci/runtests.sh BINDIR REPORTDIR,
# and writes its exit status to REPORTDIR/status instead of failing, so that
# the VM action copies the reports back; the next step of the job fails on it.
# Plain POSIX sh: the VMs have no bash and no Go.
mkdir -p "$2" || exit 2
uname -a | tee "$2/uname.txt"
rc=0
sh .ci/runtests.sh "$1" "$2" || rc=$?
echo "$rc" >"$2/status"
