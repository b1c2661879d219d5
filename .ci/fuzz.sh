#!/usr/bin/env bash
# fuzz.sh FUZZTIME: each fuzz target of sys/pyselect and sys/selectors for
# FUZZTIME (make fuzz), one after another; prints each target's executions
# and stops at the first crash, with the end of its log (go test leaves the
# crashing input in the package's testdata/fuzz). Logs: $OUT/fuzz-<target>.log, $OUT/fuzz.log.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-out}
GO=${GO:-go}
fuzztime=${1:-1m}
mkdir -p "$OUT"
: >"$OUT/fuzz.log"
total=0
for pkg in ./sys/pyselect ./sys/selectors; do
for t in $($GO test -list '^Fuzz' "$pkg" | grep '^Fuzz'); do
  echo "fuzz $t for $fuzztime"
  rc=0
  CGO_ENABLED=0 $GO test -run '^$' -fuzz "^$t\$" -fuzztime "$fuzztime" "$pkg" >"$OUT/fuzz-$t.log" 2>&1 || rc=$?
  n=$(grep -o 'execs: [0-9]*' "$OUT/fuzz-$t.log" | tail -1 | cut -d' ' -f2 || true)
  echo "$t execs=${n:-0} rc=$rc" | tee -a "$OUT/fuzz.log"
  if [ "$rc" -ne 0 ]; then
    tail -30 "$OUT/fuzz-$t.log"
    exit 1
  fi
  total=$((total + ${n:-0}))
done
done
echo "fuzz total: $total executions, 0 crashes"
