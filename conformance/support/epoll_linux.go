// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package support

import (
	. "github.com/onsi/ginkgo/v2"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/pyselect"
)

// NewEpoll is select.epoll(), closed when the spec ends.
func NewEpoll() *pyselect.Epoll {
	GinkgoHelper()
	ep, err := pyselect.NewEpoll(-1, 0)
	if err != nil {
		Fail("select.epoll(): " + err.Error())
	}
	DeferCleanup(ep.Close)
	return ep
}

// EpollFileno is ep.fileno() for an Epoll that must be open.
func EpollFileno(ep *pyselect.Epoll) int {
	GinkgoHelper()
	fd, err := ep.Fileno()
	must(err)
	return fd
}

// OnceSocketPair is a non-blocking AF_UNIX pair of type typ whose ends
// may be closed early.
func OnceSocketPair(typ int) (a, b *OnceFd) {
	GinkgoHelper()
	p, err := unix.Socketpair(unix.AF_UNIX, typ|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	must(err)
	return Own(p[0]), Own(p[1])
}

// Eventfds opens n eventfds, each always writable (EPOLLOUT), closed when
// the spec ends.
func Eventfds(n int) []int {
	GinkgoHelper()
	fds := make([]int, 0, n)
	for range n {
		fd, err := unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK)
		must(err)
		fds = append(fds, Own(fd).Fd)
	}
	return fds
}

// EventMap turns epoll.poll()'s list into fd -> events, OR-ing repeated
// fds (a dup registered under one number may report twice).
func EventMap(evs []pyselect.Event) map[int]pyselect.Mask {
	m := make(map[int]pyselect.Mask, len(evs))
	for _, e := range evs {
		m[e.Fd] |= e.Events
	}
	return m
}

// An EpollAccumulator ORs the events of successive non-blocking polls, so
// that edge-triggered events that arrive in separate calls are all seen
// (as CPython 3.13's test_control_and_wait does with busy_retry).
type EpollAccumulator struct {
	ep   *pyselect.Epoll
	seen map[int]pyselect.Mask
}

// Accumulate starts an EpollAccumulator on ep.
func Accumulate(ep *pyselect.Epoll) *EpollAccumulator {
	return &EpollAccumulator{ep: ep, seen: map[int]pyselect.Mask{}}
}

// Poll polls once without blocking and returns every event seen so far.
func (a *EpollAccumulator) Poll() (map[int]pyselect.Mask, error) {
	evs, err := a.ep.Poll(0, -1)
	for fd, e := range EventMap(evs) {
		a.seen[fd] |= e
	}
	return a.seen, err
}
