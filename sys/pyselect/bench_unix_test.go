// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect

// Micro-benchmarks: each pyselect call runs next to its raw x/sys twin, the
// code a caller would write without pyselect, in the same run, so that
// `go tool benchstat -col /impl` compares them. The twin does the same
// useful work: it builds what the kernel overwrites and scans the result.
// Benchmarks check the ready count of every call and never assert a time;
// conformance/bench runs them and writes BENCHMARKS.md.

import (
	"fmt"
	"sync"
	"testing"

	"golang.org/x/sys/unix"
)

// benchReady is how many of the watched fds are ready in the scaling runs.
const benchReady = 10

var raiseNofile sync.Once

// watchedFds returns n descriptors, ready of them (spread evenly) readable
// and the rest not, closed when b ends. They are dups of the read ends of
// two pipes, one holding a byte and one empty, so n costs n descriptors
// (not 2n) and all stay below FD_SETSIZE for n up to about 1000.
func watchedFds(b *testing.B, n, ready int) []int {
	b.Helper()
	raiseNofile.Do(func() {
		// The soft limit to the hard one, as Go's os package does at
		// start-up; 10,000 watched fds need it where the soft limit is 1024.
		var lim unix.Rlimit
		if unix.Getrlimit(unix.RLIMIT_NOFILE, &lim) == nil && lim.Cur < lim.Max {
			lim.Cur = lim.Max
			unix.Setrlimit(unix.RLIMIT_NOFILE, &lim)
		}
	})
	var full, empty [2]int
	for _, p := range []*[2]int{&full, &empty} {
		if err := unix.Pipe(p[:]); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := unix.Write(full[1], []byte{1}); err != nil {
		b.Fatal(err)
	}
	fds := make([]int, 0, n)
	b.Cleanup(func() {
		for _, fd := range append(fds, full[0], full[1], empty[0], empty[1]) {
			unix.Close(fd)
		}
	})
	for i := range n {
		src := empty[0]
		if ready > 0 && i%(n/ready) == 0 && i/(n/ready) < ready {
			src = full[0]
		}
		fd, err := unix.Dup(src)
		if err != nil {
			b.Skipf("%d watched fds: %v (raise the fd limit)", n, err)
		}
		fds = append(fds, fd)
	}
	return fds
}

// checkReady fails b when a call reported the wrong number of ready fds.
func checkReady(b *testing.B, got, want int, err error) {
	if err != nil || got != want {
		b.Fatalf("ready: got %d, %v; want %d", got, err, want)
	}
}

// BenchmarkPoll is Poll.Poll(0) against unix.Poll over the same pollfd
// array, with benchReady of fds ready.
func BenchmarkPoll(b *testing.B) {
	for _, n := range []int{10, 100, 1000, 10000} {
		b.Run(fmt.Sprintf("fds=%d", n), func(b *testing.B) { benchPoll(b, watchedFds(b, n, benchReady)) })
	}
}

func benchPoll(b *testing.B, fds []int) {
	b.Run("impl=raw", func(b *testing.B) {
		pfds := make([]unix.PollFd, len(fds))
		for i, fd := range fds {
			pfds[i] = unix.PollFd{Fd: int32(fd), Events: unix.POLLIN}
		}
		b.ReportAllocs()
		for b.Loop() {
			_, err := unix.Poll(pfds, 0)
			got := 0
			for _, p := range pfds {
				if p.Revents != 0 {
					got++
				}
			}
			checkReady(b, got, benchReady, err)
		}
	})
	b.Run("impl=pyselect", func(b *testing.B) {
		p := NewPoll()
		for _, fd := range fds {
			if err := p.Register(fd, POLLIN); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportAllocs()
		for b.Loop() {
			evs, err := p.Poll(0)
			checkReady(b, len(evs), benchReady, err)
		}
	})
}

// BenchmarkSelect is Select(rlist, nil, nil, 0) against unix.Select with
// an FdSet built from the same list for each call (the kernel overwrites
// it) and scanned with IsSet, with benchReady of the fds ready.
func BenchmarkSelect(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("fds=%d", n), func(b *testing.B) { benchSelect(b, watchedFds(b, n, benchReady)) })
	}
}

func benchSelect(b *testing.B, fds []int) {
	if fds[len(fds)-1] >= FD_SETSIZE {
		b.Skipf("fd %d is past FD_SETSIZE", fds[len(fds)-1])
	}
	b.Run("impl=raw", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var set unix.FdSet
			nfd := 0
			for _, fd := range fds {
				set.Set(fd)
				nfd = max(nfd, fd+1)
			}
			tv := unix.Timeval{}
			_, err := unix.Select(nfd, &set, nil, nil, &tv)
			got := 0
			for _, fd := range fds {
				if set.IsSet(fd) {
					got++
				}
			}
			checkReady(b, got, benchReady, err)
		}
	})
	b.Run("impl=pyselect", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r, _, _, err := Select(fds, nil, nil, 0)
			checkReady(b, len(r), benchReady, err)
		}
	})
}

// BenchmarkPollRegistry registers n fds in a Poll and unregisters them in
// registration order (a teardown loop, FIFO churn): one op is the n
// Registers and n Unregisters. Each must be O(1) amortized, as a Python
// dict's insertion and deletion are. The fds are numbers only: Poll does
// not look at them until Poll.Poll. It has no raw twin: x/sys has no
// registry.
func BenchmarkPollRegistry(b *testing.B) {
	for _, n := range []int{20000, 80000} {
		b.Run(fmt.Sprintf("fds=%d/impl=pyselect", n), func(b *testing.B) {
			fds := make([]any, n) // boxed once: the Poll's cost, not the caller's
			for i := range fds {
				fds[i] = i
			}
			p := NewPoll()
			b.ReportAllocs()
			for b.Loop() {
				for _, fd := range fds {
					if err := p.Register(fd, POLLIN); err != nil {
						b.Fatal(err)
					}
				}
				for _, fd := range fds {
					if err := p.Unregister(fd); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
