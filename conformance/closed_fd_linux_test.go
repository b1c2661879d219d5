// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"math"
	"sort"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// sortedEvents is epoll.poll(0) sorted by fd, then events, as CPython's
// tests compare sorted(ep.poll()).
func sortedEvents(ep *pyselect.Epoll) []pyselect.Event {
	GinkgoHelper()
	evs, err := ep.Poll(0, -1)
	Expect(err).NotTo(HaveOccurred())
	sort.Slice(evs, func(i, j int) bool {
		return evs[i].Fd < evs[j].Fd || evs[i].Fd == evs[j].Fd && evs[i].Events < evs[j].Events
	})
	return evs
}

// What the caller sees when an fd is closed between register and poll.
//
// Source: epoll(7), Q6: closing a file descriptor removes it from every
// interest list only once every descriptor referring to the open file
// description is closed; until then events keep coming under the number
// it was registered with. Python docs, epoll.unregister: "Changed in
// version 3.9: The method no longer ignores the EBADF error."
// SEMANTICS.md#epoll-modify-unregister (probed), SEMANTICS.md#epoll-closed-fd.
var _ = describe("select.epoll.register", "closing a registered fd", Label("reliability", "os:linux"), Label("api:epoll"), func() {
	It("forgets the fd when its file is gone: no event, and unregister is OSError EBADF", func() {
		ep := support.NewEpoll()
		a, b := support.OnceSocketPair(unix.SOCK_STREAM)
		support.Write(b.Fd, []byte("x"))
		Expect(ep.Register(a.Fd, pyselect.EPOLLIN)).To(Succeed())
		Expect(sortedEvents(ep)).To(Equal([]pyselect.Event{{Fd: a.Fd, Events: pyselect.EPOLLIN}}))
		fd := a.Fd
		a.Close()
		Expect(sortedEvents(ep)).To(BeEmpty())
		Expect(ep.Unregister(fd)).To(support.RaiseErrno(builtins.OSError, unix.EBADF))
		Expect(ep.Modify(fd, pyselect.EPOLLIN)).To(support.RaiseErrno(builtins.OSError, unix.EBADF))
	})

	It("keeps reporting the old number while a dup holds the file open; unregister is EBADF", func() {
		ep := support.NewEpoll()
		a, b := support.OnceSocketPair(unix.SOCK_STREAM)
		Expect(ep.Register(a.Fd, pyselect.EPOLLIN)).To(Succeed())
		dup, err := unix.FcntlInt(uintptr(a.Fd), unix.F_DUPFD_CLOEXEC, 0)
		Expect(err).NotTo(HaveOccurred())
		d := support.Own(dup)
		old := a.Fd
		a.Close()
		support.Write(b.Fd, []byte("x"))
		Expect(sortedEvents(ep)).To(Equal([]pyselect.Event{{Fd: old, Events: pyselect.EPOLLIN}}))
		Expect(ep.Unregister(old)).To(support.RaiseErrno(builtins.OSError, unix.EBADF))
		Expect(ep.Unregister(dup)).To(support.RaiseErrno(builtins.FileNotFoundError, unix.ENOENT), "registered under the old number only")
		d.Close()
		Expect(sortedEvents(ep)).To(BeEmpty(), "the file is gone")
	})

	It("treats a reused number as a new fd: both report under it; unregister removes the new one", func() {
		ep := support.NewEpoll()
		pair, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
		Expect(err).NotTo(HaveOccurred())
		num, b := pair[0], support.Own(pair[1])
		Expect(ep.Register(num, pyselect.EPOLLIN)).To(Succeed())
		dup, err := unix.FcntlInt(uintptr(num), unix.F_DUPFD_CLOEXEC, 0)
		Expect(err).NotTo(HaveOccurred())
		support.Own(dup)
		c, d := support.OnceSocketPair(unix.SOCK_STREAM)
		// The number now refers to c's file: dup3 closes the old fd,
		// whose file the dup keeps open.
		Expect(unix.Dup3(c.Fd, num, unix.O_CLOEXEC)).To(Succeed())
		support.Own(num)
		Expect(ep.Register(num, pyselect.EPOLLIN)).To(Succeed(), "another file: not EEXIST")
		support.Write(b.Fd, []byte("x"))
		support.Write(d.Fd, []byte("y"))
		Expect(sortedEvents(ep)).To(Equal([]pyselect.Event{{Fd: num, Events: pyselect.EPOLLIN}, {Fd: num, Events: pyselect.EPOLLIN}}))
		Expect(ep.Unregister(num)).To(Succeed())
		Expect(sortedEvents(ep)).To(Equal([]pyselect.Event{{Fd: num, Events: pyselect.EPOLLIN}}), "the old file's registration stays")
	})
})

// Source: poll(2): POLLNVAL "Invalid request: fd not open"; CPython
// test_poll.py::test_poll_unit_tests; SEMANTICS.md#poll-events. poll keeps its
// registrations by number.
var _ = describe("select.poll.poll", "closing a registered fd", Label("reliability", "os:linux"), Label("api:poll"), func() {
	It("reports POLLNVAL for the closed number, then the new file's events once it is reused", func() {
		p := pyselect.NewPoll()
		a, _ := support.OnceSocketPair(unix.SOCK_STREAM)
		c, d := support.OnceSocketPair(unix.SOCK_STREAM) // opened first: not on a's number
		num := a.Fd
		Expect(p.Register(num, pyselect.POLLIN)).To(Succeed())
		a.Close()
		Expect(p.Poll(0)).To(Equal([]pyselect.Event{{Fd: num, Events: pyselect.POLLNVAL}}))
		Expect(unix.Dup3(c.Fd, num, unix.O_CLOEXEC)).To(Succeed())
		support.Own(num)
		Expect(p.Poll(0)).To(BeEmpty())
		support.Write(d.Fd, []byte("x"))
		Expect(p.Poll(0)).To(Equal([]pyselect.Event{{Fd: num, Events: pyselect.POLLIN}}))
	})
})

// Source: SEMANTICS.md#timeout-messages (probed messages) and SEMANTICS.md#epoll-maxevents;
// epoll_wait(2) EINVAL for maxevents above EP_MAX_EVENTS. Every bad
// value is CPython's error, never a panic.
var _ = describe("select.epoll.poll", "bad input", Label("reliability", "os:linux"), func() {
	It("answers invalid timeouts and absurd maxevents with CPython's error, never a panic", Label("api:select", "api:poll", "api:epoll"), SpecTimeout(30*time.Second), func(ctx SpecContext) {
		r, _ := support.Pipe()
		p := pyselect.NewPoll()
		Expect(p.Register(r, pyselect.POLLIN)).To(Succeed())
		ep := support.NewEpoll()
		cases := []struct {
			what string
			call func() error
			cls  builtins.Exception
			msg  string
		}{
			{"select NaN", func() error { _, _, _, err := pyselect.Select([]int{r}, nil, nil, math.NaN()); return err }, builtins.ValueError, "Invalid value NaN (not a number)"},
			{"select -1", func() error { _, _, _, err := pyselect.Select([]int{r}, nil, nil, -1); return err }, builtins.ValueError, "timeout must be non-negative"},
			{"select +inf", func() error { _, _, _, err := pyselect.Select([]int{r}, nil, nil, math.Inf(1)); return err }, builtins.OverflowError, "timestamp out of range for platform time_t"},
			{"select 'x'", func() error { _, _, _, err := pyselect.Select([]int{r}, nil, nil, "x"); return err }, builtins.TypeError, "timeout must be a float or None"},
			{"poll 2**31 ms", func() error { _, err := p.Poll(int64(1) << 31); return err }, builtins.OverflowError, "timeout is too large"},
			{"poll 2**63 ms", func() error { _, err := p.Poll(uint64(1) << 63); return err }, builtins.OverflowError, "timestamp too large to convert to C _PyTime_t"},
			{"poll -inf", func() error { _, err := p.Poll(math.Inf(-1)); return err }, builtins.OverflowError, "timestamp out of range for platform time_t"},
			{"epoll 2147483.648 s", func() error { _, err := ep.Poll(2147483.648, -1); return err }, builtins.OverflowError, "timeout is too large"},
			{"epoll []byte", func() error { _, err := ep.Poll([]byte("1"), -1); return err }, builtins.TypeError, "timeout must be an integer or None"},
			{"epoll maxevents 0", func() error { _, err := ep.Poll(0, 0); return err }, builtins.ValueError, "maxevents must be greater than 0, got 0"},
			{"epoll maxevents -2", func() error { _, err := ep.Poll(0, -2); return err }, builtins.ValueError, "maxevents must be greater than 0, got -2"},
			{"epoll maxevents 2**31-1", func() error { _, err := ep.Poll(0, math.MaxInt32); return err }, builtins.OSError, "[Errno 22] Invalid argument"},
		}
		if big := int64(math.MaxInt32) + 1; strconv.IntSize == 64 {
			cases = append(cases, struct {
				what string
				call func() error
				cls  builtins.Exception
				msg  string
			}{"epoll maxevents 2**31", func() error { _, err := ep.Poll(0, int(big)); return err }, builtins.OverflowError, "Python int too large to convert to C int"})
		}
		for _, c := range cases {
			var err error
			Expect(func() { err = c.call() }).NotTo(Panic(), c.what)
			Expect(err).To(support.Raise(c.cls, c.msg), c.what)
		}
	})
})
