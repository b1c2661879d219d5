// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package conformance_test

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// kqReadable returns a pipe's read end with n bytes waiting.
func kqReadable(n int) (r, w int) {
	r, w = support.Pipe()
	support.Write(w, make([]byte, n))
	return r, w
}

// kqPortingRows are the rows of the README's kqueue porting table.
var kqPortingRows = []readmeRow{
	{"`select.kqueue()`", "`pyselect.NewKqueue()`", func() {
		kq, err := pyselect.NewKqueue()
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(kq.Close)
		Expect(kq.Closed()).To(BeFalse())
		Expect(kq.Fileno()).To(BeNumerically(">=", 0))
		Expect(kq.Control(nil, 1, 0)).To(BeEmpty())
	}},
	{"`select.kqueue.fromfd(fd)`", "`pyselect.KqueueFromFd(fd)`", func() {
		kq := newKq()
		fd, err := kq.Fileno()
		Expect(err).NotTo(HaveOccurred())
		dup, err := unix.Dup(fd)
		Expect(err).NotTo(HaveOccurred())
		kq2, err := pyselect.KqueueFromFd(dup)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(kq2.Close)
		r, _ := kqReadable(1)
		Expect(kq2.Control([]pyselect.Kevent{kev(r)}, 0)).To(BeEmpty())
		evs, err := kq.Control(nil, 1, 0)
		Expect(err).NotTo(HaveOccurred())
		Expect(evs).To(HaveLen(1), "one kernel queue: a change through the fromfd object is seen by the other")
		Expect(evs[0].Ident).To(Equal(uint64(r)))
	}},
	{"`select.kevent(sock)`", "`pyselect.NewKevent(sock)` (filter `KQ_FILTER_READ`, flags `KQ_EV_ADD`: Python's defaults)", func() {
		client, _ := support.TCPPair()
		ev := kev(client)
		Expect(ev.Ident).To(Equal(uint64(pyselect.Fileno(client))))
		Expect(ev.Filter).To(Equal(int64(pyselect.KQ_FILTER_READ)))
		Expect(ev.Flags).To(Equal(uint32(pyselect.KQ_EV_ADD)))
	}},
	{"`select.kevent(fd, select.KQ_FILTER_WRITE, select.KQ_EV_ADD \\| select.KQ_EV_ONESHOT)`", "`pyselect.NewKevent(fd, pyselect.KQ_FILTER_WRITE, pyselect.KQ_EV_ADD\\|pyselect.KQ_EV_ONESHOT)`", func() {
		kq := newKq()
		_, w := support.Pipe()
		ev, err := pyselect.NewKevent(w, pyselect.KQ_FILTER_WRITE, pyselect.KQ_EV_ADD|pyselect.KQ_EV_ONESHOT)
		Expect(err).NotTo(HaveOccurred())
		evs, err := kq.Control([]pyselect.Kevent{ev}, 1, 0)
		Expect(err).NotTo(HaveOccurred())
		Expect(evs).To(HaveLen(1))
		Expect(evs[0].Filter).To(Equal(int64(pyselect.KQ_FILTER_WRITE)))
		Expect(kq.Control(nil, 1, 0)).To(BeEmpty(), "EV_ONESHOT: reported once")
	}},
	{"`ev.ident, ev.filter, ev.flags, ev.fflags, ev.data, ev.udata`", "`ev.Ident, ev.Filter, ev.Flags, ev.Fflags, ev.Data, ev.Udata`", func() {
		kq := newKq()
		r, _ := kqReadable(3)
		evs, err := kq.Control([]pyselect.Kevent{kev(r, pyselect.KQ_FILTER_READ, pyselect.KQ_EV_ADD, 0, 0, 42)}, 1, 0)
		Expect(err).NotTo(HaveOccurred())
		Expect(evs).To(HaveLen(1))
		ev := evs[0]
		Expect(ev.Ident).To(Equal(uint64(r)))
		Expect(ev.Filter).To(Equal(int64(pyselect.KQ_FILTER_READ)))
		Expect(ev.Flags & pyselect.KQ_EV_ADD).NotTo(BeZero())
		Expect(ev.Fflags).To(BeZero())
		Expect(ev.Data).To(Equal(int64(3)), "the bytes waiting")
		Expect(ev.Udata).To(Equal(uint64(42)))
	}},
	{"`ev1 == ev2`, `ev1 < ev2`", "`ev1.Equal(ev2)`, `ev1.Less(ev2)` (`ev1.Compare(ev2)`)", func() {
		a, b := kev(1), kev(2)
		Expect(a.Equal(kev(1))).To(BeTrue())
		Expect(a.Equal(b)).To(BeFalse())
		Expect(a.Less(b)).To(BeTrue())
		Expect(b.Less(a)).To(BeFalse())
		Expect(a.Compare(b)).To(Equal(-1))
		Expect(b.Compare(a)).To(Equal(1))
		Expect(a.Compare(kev(1))).To(Equal(0))
	}},
	{"`kq.control([ev], 0)`", "`kq.Control([]pyselect.Kevent{ev}, 0)`", func() {
		kq := newKq()
		r, _ := kqReadable(1)
		Expect(kq.Control([]pyselect.Kevent{kev(r)}, 0)).To(BeEmpty(), "maxevents 0: the change is applied, nothing returned")
		Expect(kq.Control(nil, 1, 0)).To(HaveLen(1))
	}},
	{"`events.append(select.kevent(fd, select.KQ_FILTER_READ, flags))`", "`events = append(events, pyselect.KeventOf(fd, pyselect.KQ_FILTER_READ, flags))` (never fails: out-of-range values are truncated as `ev.ident = ...` would; `NewKevent` raises as `select.kevent` does)", func() {
		r, _ := support.Pipe()
		flags := pyselect.KQ_EV_ADD | pyselect.KQ_EV_ONESHOT
		var events []pyselect.Kevent
		events = append(events, pyselect.KeventOf(r, pyselect.KQ_FILTER_READ, flags))
		Expect(events[0].Equal(kev(r, pyselect.KQ_FILTER_READ, int64(flags)))).To(BeTrue())
		Expect(pyselect.KeventOf(-1, pyselect.KQ_FILTER_READ).Ident).To(Equal(uint64(^uintptr(0))), "truncated as a C cast")
		_, err := pyselect.NewKevent(-1, pyselect.KQ_FILTER_READ)
		Expect(err).To(HaveOccurred(), "select.kevent(-1) raises")
	}},
	{"`kq.control(None, 4, 1.5)`", "`kq.Control(nil, 4, 1.5)`", func() {
		kq := newKq()
		start := time.Now()
		Expect(kq.Control(nil, 4, 0.05)).To(BeEmpty())
		Expect(time.Since(start)).To(BeNumerically(">=", 45*time.Millisecond), "the timeout is in seconds")
		for range 5 {
			r, _ := kqReadable(1)
			Expect(kq.Control([]pyselect.Kevent{kev(r)}, 0)).To(BeEmpty())
		}
		Expect(kq.Control(nil, 4, 1.5)).To(HaveLen(4), "at most maxevents of the 5 ready")
	}},
	{"`kq.close()`, `kq.closed`, `kq.fileno()`", "`kq.Close()`, `kq.Closed()`, `kq.Fileno()`", func() {
		kq, err := pyselect.NewKqueue()
		Expect(err).NotTo(HaveOccurred())
		Expect(kq.Fileno()).To(BeNumerically(">=", 0))
		Expect(kq.Close()).To(Succeed())
		Expect(kq.Closed()).To(BeTrue())
		_, err = kq.Fileno()
		Expect(err).To(support.Raise(builtins.ValueError, "I/O operation on closed kqueue object"))
		Expect(kq.Close()).To(Succeed(), "close() is idempotent")
	}},
}

var _ = describe("the README's kqueue porting table", "", kqLabels, func() {
	// Source: README.md "### kqueue (macOS and the BSDs)": each row's Go
	// form does what its Python form does (Python docs
	// https://docs.python.org/3/library/select.html#kqueue-objects and
	// #kevent-objects; test_kqueue.py::test_create_event, test_queue_event).
	readmeTableSpecs("### kqueue (macOS and the BSDs)", kqPortingRows)
})
