// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build solaris

package conformance_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// Every test of CPython 3.11's Lib/test/test_devpoll.py, ported. Go's int
// cannot hold 1<<64: math.MaxInt (a mask) and math.MaxUint64 (a timeout)
// stand for it, as in the test_poll.py port.

var _ = describe("select.devpoll", "", dpLabels, func() {
	// Source: test_devpoll.py::test_devpoll1: 12 pipes; register(rd) then
	// modify(rd, POLLIN), register(wr, POLLOUT); poll() gives the ready
	// writers, one chosen at random is written, and the next poll() gives
	// exactly its reader ("self.assertEqual([w2r[wr]], ready_readers)");
	// then both ends are closed and unregistered.
	It("round-trips a message through each of 12 pipes, the next poll() reporting exactly the reader written to (test_devpoll1)", func(ctx SpecContext) {
		dp := newDp()
		msg := []byte(" This is a test.")
		r2w, w2r := map[int]int{}, map[int]int{}
		ends := map[int]*support.OnceFd{} // closed early, each once
		var writers []int
		for range 12 {
			rd, wr := support.OncePipe()
			ends[rd.Fd], ends[wr.Fd] = rd, wr
			Expect(dp.Register(rd.Fd)).To(Succeed())
			Expect(dp.Modify(rd.Fd, pyselect.POLLIN)).To(Succeed())
			Expect(dp.Register(wr.Fd, pyselect.POLLOUT)).To(Succeed())
			r2w[rd.Fd], w2r[wr.Fd] = wr.Fd, rd.Fd
			writers = append(writers, wr.Fd)
		}
		var bufs [][]byte
		for len(writers) > 0 {
			ready, err := dp.Poll(nil)
			Expect(err).NotTo(HaveOccurred())
			readyWriters := fdsMatching(ready, pyselect.POLLOUT)
			Expect(readyWriters).NotTo(BeEmpty(), "no pipes ready for writing")
			wr := readyWriters[rand.IntN(len(readyWriters))]
			support.Write(wr, msg)

			ready, err = dp.Poll(nil)
			Expect(err).NotTo(HaveOccurred())
			readyReaders := fdsMatching(ready, pyselect.POLLIN)
			Expect(readyReaders).To(Equal([]int{w2r[wr]}), "no pipes ready for reading, or more than the one written")
			rd := readyReaders[0]
			buf := make([]byte, len(msg))
			n, err := unix.Read(rd, buf)
			Expect(err).NotTo(HaveOccurred())
			Expect(n).To(Equal(len(msg)))
			bufs = append(bufs, buf)
			ends[r2w[rd]].Close()
			ends[rd].Close()
			Expect(dp.Unregister(r2w[rd])).To(Succeed())
			Expect(dp.Unregister(rd)).To(Succeed())
			writers = slices.DeleteFunc(writers, func(w int) bool { return w == r2w[rd] })
		}
		Expect(bufs).To(HaveLen(12))
		for _, b := range bufs {
			Expect(b).To(Equal(msg))
		}
	}, SpecTimeout(20*time.Second))

	// Source: test_devpoll.py::test_timeout_overflow: "w, r = os.pipe();
	// pollster.register(w)" registers os.pipe()'s first fd with the
	// default mask, which illumos and Solaris report writable at once
	// (pipe(2): "both opened for reading and writing"), so poll(-1)
	// returns; poll(-2), poll(-1 << 31), poll(-1 << 64) and poll(1 << 31),
	// poll(1 << 63), poll(1 << 64) raise OverflowError; poll(0), poll(1),
	// poll(1 << 30) do not. Modules/selectmodule.c:
	// select_devpoll_poll_impl: "if (ms < -1 || ms > INT_MAX)".
	It("accepts timeouts from -1 to 1 << 30 ms and raises OverflowError below -1 and above INT_MAX (test_devpoll.py::test_timeout_overflow)", func(ctx SpecContext) {
		dp := newDp()
		first, _ := support.Pipe()
		Expect(dp.Register(first)).To(Succeed())

		Expect(dp.Poll(-1)).NotTo(BeEmpty(), "pipe(2)'s first fd is writable")
		for _, t := range []any{-2, int64(-1) << 31, int64(math.MinInt64)} {
			_, err := dp.Poll(t)
			Expect(err).To(support.Raise(builtins.OverflowError, ""), "poll(%v)", t)
		}
		for _, t := range []any{0, 1, 1 << 30} {
			_, err := dp.Poll(t)
			Expect(err).NotTo(HaveOccurred(), "poll(%v)", t)
		}
		for _, t := range []any{int64(1) << 31, uint64(1) << 63, uint64(math.MaxUint64)} {
			_, err := dp.Poll(t)
			Expect(err).To(support.Raise(builtins.OverflowError, ""), "poll(%v)", t)
		}
		_, err := dp.Poll(int64(1) << 31)
		Expect(err).To(support.Raise(builtins.OverflowError, "timeout is too large"))
		_, err = dp.Poll(-2)
		Expect(err).To(support.Raise(builtins.OverflowError, "timeout is too large"))
	}, SpecTimeout(10*time.Second))

	// Source: test_devpoll.py::test_close: fileno() is an int and closed
	// is False; after close() closed is True and fileno() raises
	// ValueError; "close() can be called more than once"; "operations must
	// fail with ValueError("I/O operation on closed ...")": modify(fd,
	// POLLIN), poll(), register(fd, POLLIN), unregister(fd), fd being an
	// open file's. Modules/selectmodule.c: devpoll_err_closed.
	It("raises ValueError from fileno(), modify(), poll(), register() and unregister() once closed, and closes twice (test_close)", func(ctx SpecContext) {
		fd := support.TempFile()
		dp, err := pyselect.NewDevpoll()
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(dp.Close)
		Expect(dp.Fileno()).To(BeNumerically(">=", 0))
		Expect(dp.Closed()).To(BeFalse())

		Expect(dp.Close()).To(Succeed())
		Expect(dp.Closed()).To(BeTrue())
		_, err = dp.Fileno()
		Expect(err).To(support.Raise(builtins.ValueError, devpollClosedMsg))

		Expect(dp.Close()).To(Succeed())

		Expect(dp.Modify(fd, pyselect.POLLIN)).To(support.Raise(builtins.ValueError, devpollClosedMsg))
		_, err = dp.Poll(nil)
		Expect(err).To(support.Raise(builtins.ValueError, devpollClosedMsg))
		Expect(dp.Register(fd, pyselect.POLLIN)).To(support.Raise(builtins.ValueError, devpollClosedMsg))
		Expect(dp.Unregister(fd)).To(support.Raise(builtins.ValueError, devpollClosedMsg))
	}, SpecTimeout(10*time.Second))

	// Source: test_devpoll.py::test_fd_non_inheritable:
	// "os.get_inheritable(devpoll.fileno())" is False, i.e. FD_CLOEXEC is
	// set (Modules/selectmodule.c: newDevPollObject opens it with _Py_open).
	It("has a non-inheritable (close-on-exec) descriptor (test_devpoll.py::test_fd_non_inheritable)", func() {
		dp := newDp()
		flags, err := unix.FcntlInt(uintptr(dpFileno(dp)), unix.F_GETFD, 0)
		Expect(err).NotTo(HaveOccurred())
		Expect(flags & unix.FD_CLOEXEC).To(Equal(unix.FD_CLOEXEC))
	})

	// Source: test_devpoll.py::test_events_mask_overflow (bpo-17919):
	// register(0, -1) and modify(1, -1) raise ValueError; register(0,
	// 1 << 64) and modify(1, 1 << 64) OverflowError. The eventmask is
	// Argument Clinic's unsigned_short, as poll's (SEMANTICS.md#poll-eventmask).
	It("rejects negative eventmasks with ValueError and huge ones with OverflowError (test_devpoll.py::test_events_mask_overflow)", func() {
		dp := newDp()
		_, w := support.Pipe()
		Expect(dp.Register(w)).To(Succeed())
		Expect(dp.Register(0, -1)).To(support.Raise(builtins.ValueError, "value must be positive"))
		Expect(dp.Register(0, math.MaxInt)).To(support.Raise(builtins.OverflowError, "Python int too large for C unsigned short"))
		Expect(dp.Modify(1, -1)).To(support.Raise(builtins.ValueError, "value must be positive"))
		Expect(dp.Modify(1, math.MaxInt)).To(support.Raise(builtins.OverflowError, "Python int too large for C unsigned short"))
	})

	// Source: test_devpoll.py::test_events_mask_overflow_c_limits
	// (bpo-17919): register(0, USHRT_MAX + 1) and modify(1, USHRT_MAX + 1)
	// raise OverflowError.
	It("rejects USHRT_MAX+1 eventmasks with OverflowError (test_devpoll.py::test_events_mask_overflow_c_limits)", func() {
		dp := newDp()
		_, w := support.Pipe()
		Expect(dp.Register(w)).To(Succeed())
		Expect(dp.Register(0, math.MaxUint16+1)).To(support.Raise(builtins.OverflowError, "Python int too large for C unsigned short"))
		Expect(dp.Modify(1, math.MaxUint16+1)).To(support.Raise(builtins.OverflowError, "Python int too large for C unsigned short"))
		Expect(dp.Register(0, math.MaxUint16)).To(Succeed(), "USHRT_MAX itself fits")
	})
})
