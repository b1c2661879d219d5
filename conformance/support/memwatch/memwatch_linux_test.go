// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package memwatch

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pyselect/pyselect/conformance/support/waitfor"
)

func TestWatchFires(t *testing.T) {
	vm, err := VmSize()
	if err != nil || vm == 0 {
		t.Fatalf("VmSize() = %d, %v", vm, err)
	}
	fired := make(chan uint64, 1)
	go watch(1<<20, time.Millisecond, func(rss uint64) { fired <- rss })
	if got := waitfor.Recv(t, fired, 5*time.Second, "the watch to fire"); got <= 1<<20 {
		t.Errorf("fired at %d bytes resident, not past 1 MiB", got)
	}
}

var hoard [][]byte

// TestRunawayIsNamed: a test binary started under an RLIMIT_AS 4 GiB
// above its address space, whose test allocates without end, panics
// naming that test before the limit kills it: the watch fires at a
// quarter of the limit, 1.3 GiB resident (1.5 GiB under -race, where
// the limit would end the child at about 2.4 GiB).
func TestRunawayIsNamed(t *testing.T) {
	if os.Getenv("MEMWATCH_RUNAWAY") == "1" {
		for {
			b := make([]byte, 16<<20)
			for i := 0; i < len(b); i += 4096 {
				b[i] = 1
			}
			hoard = append(hoard, b)
			time.Sleep(5 * time.Millisecond)
		}
	}
	if testing.Short() {
		t.Skip("re-executes the test binary under a shell's ulimit -v")
	}
	vm, err := VmSize()
	if err != nil {
		t.Fatal(err)
	}
	limit := strconv.FormatUint((vm+4<<30)>>10, 10)
	cmd := waitfor.Command(t, 2*time.Minute, "/bin/sh", "-c", `ulimit -v "$0" && exec "$1" -test.run='^TestRunawayIsNamed$'`, limit, os.Args[0])
	cmd.Env = append(os.Environ(), "MEMWATCH_RUNAWAY=1")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the runaway child passed:\n%s", out)
	}
	for _, want := range []string{"panic: memwatch: ", "memwatch.TestRunawayIsNamed("} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the child's output lacks %q:\n%.3000s", want, out)
		}
	}
}
