// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package memwatch

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"time"

	"golang.org/x/sys/unix"
)

func init() {
	var lim unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_AS, &lim) != nil || lim.Cur == unix.RLIM_INFINITY {
		return
	}
	max := lim.Cur / 4
	go watch(max, 100*time.Millisecond, func(rss uint64) {
		// runtime.Stack(all) stops the world, so it has the stack of a
		// goroutine running on another thread too (the runaway one, most
		// likely), which a panic's own traceback prints as "stack
		// unavailable".
		stacks := make([]byte, 1<<20)
		stacks = stacks[:runtime.Stack(stacks, true)]
		panic(fmt.Sprintf("memwatch: the test binary has had %d MiB resident, past %d MiB (a quarter of its RLIMIT_AS): a runaway test? Every goroutine, the running tests' among them:\n\n%s", rss>>20, max>>20, stacks))
	})
}

// watch calls fire once the process's peak resident set passes max bytes,
// and returns. It reads getrusage(2)'s ru_maxrss, not /proc: a watch that
// opened a file would take a descriptor from under the tests that count
// or exhaust them.
func watch(max uint64, every time.Duration, fire func(rss uint64)) {
	for range time.Tick(every) {
		var ru unix.Rusage
		if unix.Getrusage(unix.RUSAGE_SELF, &ru) != nil {
			return
		}
		if rss := uint64(ru.Maxrss) << 10; rss > max { // Linux counts kB
			fire(rss)
			return
		}
	}
}

// VmSize is this process's address space in bytes, which RLIMIT_AS
// bounds: VmSize in /proc/self/status (proc(5)). A test that sets
// RLIMIT_AS for itself or a child sets it relative to this.
func VmSize() (uint64, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	_, v, ok := bytes.Cut(b, []byte("\nVmSize:"))
	if !ok {
		return 0, errors.New("no VmSize in /proc/self/status")
	}
	v, _, _ = bytes.Cut(v, []byte("kB"))
	kb, err := strconv.ParseUint(string(bytes.TrimSpace(v)), 10, 64)
	return kb << 10, err
}
