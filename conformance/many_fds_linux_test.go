// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"fmt"
	"slices"
	"syscall"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// manyPairs raises RLIMIT_NOFILE's soft limit to its hard limit (restored
// when the spec ends) and opens as many socket pairs as fit under it,
// leaving room for the process's other descriptors. It returns the ends
// and the limit it got.
func manyPairs() (ends []int, limit uint64) {
	GinkgoHelper()
	var old syscall.Rlimit
	Expect(syscall.Getrlimit(syscall.RLIMIT_NOFILE, &old)).To(Succeed())
	raised := old
	raised.Cur = raised.Max
	if raised.Cur > 1<<20 {
		raised.Cur = 1 << 20 // an "unlimited" hard limit: stay reasonable
	}
	Expect(syscall.Setrlimit(syscall.RLIMIT_NOFILE, &raised)).To(Succeed())
	DeferCleanup(syscall.Setrlimit, syscall.RLIMIT_NOFILE, &old)

	room := int(raised.Cur) - len(support.OpenFds()) - 64
	if testing.Short() {
		room = min(room, 4000)
	}
	DeferCleanup(func() {
		for _, fd := range ends {
			unix.Close(fd)
		}
	})
	for len(ends)+2 <= room {
		p, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
		Expect(err).NotTo(HaveOccurred())
		ends = append(ends, p[0], p[1])
	}
	return ends, raised.Cur
}

// sparseReady writes a byte into every 97th pair, so that the other end of
// each becomes readable, and returns those readable fds in ascending order.
func sparseReady(ends []int) []int {
	var ready []int
	for i := 0; i+1 < len(ends); i += 2 * 97 {
		support.Write(ends[i], []byte{1})
		ready = append(ready, ends[i+1])
	}
	slices.Sort(ready)
	return ready
}

// Source: epoll(7) ("scales well to large numbers of watched file
// descriptors"); poll(2) (nfds up to RLIMIT_NOFILE); Python docs,
// epoll.poll: maxevents. A sparse ready subset must come back exact.
var _ = describe("select.epoll.poll", "many descriptors", Label("reliability", "os:linux"), func() {
	It("gets exactly the ready subset of every socket pair end that fits under RLIMIT_NOFILE from one Epoll and one Poll", Label("api:epoll", "api:poll"), SpecTimeout(2*time.Minute), func(ctx SpecContext) {
		ends, limit := manyPairs()
		Expect(len(ends)).To(BeNumerically(">", pyselect.FD_SETSIZE), "too few fds to test anything past FD_SETSIZE")
		want := sparseReady(ends)
		AddReportEntry("many fds", fmt.Sprintf("RLIMIT_NOFILE %d: %d socket pair ends registered, %d ready", limit, len(ends), len(want)))

		ep := support.NewEpoll()
		for _, fd := range ends {
			Expect(ep.Register(fd, pyselect.EPOLLIN)).To(Succeed())
		}
		evs, err := ep.Poll(0, len(ends))
		Expect(err).NotTo(HaveOccurred())
		var got []int
		for _, e := range evs {
			Expect(e.Events).To(Equal(pyselect.EPOLLIN), "fd %d", e.Fd)
			got = append(got, e.Fd)
		}
		slices.Sort(got)
		Expect(got).To(Equal(want), "epoll.poll(0, %d)", len(ends))

		p := pyselect.NewPoll()
		for _, fd := range ends {
			Expect(p.Register(fd, pyselect.POLLIN)).To(Succeed())
		}
		pevs, err := p.Poll(0)
		Expect(err).NotTo(HaveOccurred())
		got = got[:0]
		for _, e := range pevs {
			Expect(e.Events).To(Equal(pyselect.POLLIN), "fd %d", e.Fd)
			got = append(got, e.Fd)
		}
		// Registration order is ascending pair order, not fd order.
		slices.Sort(got)
		Expect(got).To(Equal(want), "poll.poll(0)")
	})
})

// Source: CPython test_select.py and SEMANTICS.md#select-limits: an fd of
// FD_SETSIZE or more is ValueError "filedescriptor out of range in
// select()", never a write past the fd_set (x/sys's FdSet.Set panics
// there); a list longer than FD_SETSIZE is "too many file descriptors
// in select()".
var _ = describe("select.select", "many descriptors", Label("reliability", "os:linux"), func() {
	It("makes Select with an fd at or past FD_SETSIZE a ValueError, never a panic", Label("api:select"), SpecTimeout(time.Minute), func(ctx SpecContext) {
		ends, _ := manyPairs()
		high := slices.Max(ends)
		Expect(high).To(BeNumerically(">=", pyselect.FD_SETSIZE))
		low := slices.Min(ends)
		for _, lists := range [][3][]int{{{high}, nil, nil}, {nil, {low, high}, nil}, {nil, nil, {high}}, {{pyselect.FD_SETSIZE}, nil, nil}} {
			Expect(func() {
				r, w, x, err := pyselect.Select(lists[0], lists[1], lists[2], 0)
				Expect(err).To(support.Raise(builtins.ValueError, "filedescriptor out of range in select()"))
				Expect([][]int{r, w, x}).To(Equal([][]int{nil, nil, nil}))
			}).NotTo(Panic())
		}
		tooMany := make([]int, pyselect.FD_SETSIZE+1)
		for i := range tooMany {
			tooMany[i] = low
		}
		_, _, _, err := pyselect.Select(tooMany, nil, nil, 0)
		Expect(err).To(support.Raise(builtins.ValueError, "too many file descriptors in select()"))
	})
})
