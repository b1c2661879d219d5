// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package conformance_test

import (
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// pollHangup is, per situation of the table below and per OS, the
// exact revents poll(2) gives: a row cited with the kernel function that
// decides it, or unknown (support.Row). An unknown row is not asserted:
// the spec records what the kernel answered in the report, marked
// observed and unverified (conformance/PLATFORMS.md#observed-rows), and
// passes. POSIX requires POLLHUP only for "a device [that] has been
// disconnected, or a pipe or FIFO [that] has been closed by the last
// process that had it open for writing"; nothing in it asks POLLHUP of a
// socket whose peer closed, and the kernels differ there.
var pollHangup = map[string]map[string]support.Row[pyselect.Mask]{
	"pipe read end, writer closed": {
		"linux": support.Cited[pyselect.Mask](pyselect.POLLHUP, linuxPipePoll),
	},
	"pipe write end, reader closed, mask 0": {
		"linux": support.Cited[pyselect.Mask](pyselect.POLLERR, linuxPipePoll+`; fs/select.c: do_pollfd keeps EPOLLERR|EPOLLHUP whatever the mask`),
		// XNU's poll registers a kevent for each event asked for and
		// nothing for a mask of 0, so such an fd reports nothing, whatever
		// its state; CPython on macOS, a thin layer over poll(2), reports
		// the same.
		"darwin": support.Cited[pyselect.Mask](0, "apple-oss-distributions/xnu bsd/kern/sys_generic.c: poll_nocancel (a kevent per event asked for, none for a mask of 0)"),
		// DragonFly's poll is built on kqueue the same way.
		"dragonfly": support.Cited[pyselect.Mask](0, dragonflyPollCopyin),
		"illumos":   support.Unknown[pyselect.Mask]("poll(2) says POLLERR/POLLHUP are reported in revents, but whether fifo_poll reports a widowed write end to an fd polled for no event is not read yet"),
		"solaris":   support.Unknown[pyselect.Mask]("poll(2) does not say whether a widowed pipe write end polled for no event reports POLLERR or POLLHUP, and the kernel source is not public"),
	},
	"pipe write end, reader closed, POLLOUT": {
		"linux": support.Cited(pyselect.POLLOUT|pyselect.POLLERR, linuxPipePoll),
	},
	"socketpair, peer closed, default mask": {
		"linux":     support.Cited(pyselect.POLLIN|pyselect.POLLOUT|pyselect.POLLHUP, linuxUnixPoll),
		"netbsd":    support.Cited(pyselect.POLLIN|pyselect.POLLOUT, netbsdSodopoll),
		"illumos":   support.Cited(pyselect.POLLIN|pyselect.POLLOUT, illumosSotpiPoll),
		"solaris":   support.Unknown[pyselect.Mask]("Solaris 11's kernel source is not public; illumos, from the same OpenSolaris code, answers POLLIN|POLLOUT (sotpi_poll), and published poll tables list SunOS 5.x as POLLIN, without POLLHUP"),
		"dragonfly": support.Unknown[pyselect.Mask]("DragonFly's poll_copyout sets POLLHUP for EVFILT_WRITE's EV_EOF and, under #if 0, not for EVFILT_READ's (sys/kern/sys_generic.c), so this mask, which asks for both, likely gives POLLIN|POLLHUP; not yet recorded"),
	},
	"socketpair, peer closed, POLLIN only": {
		"linux":     support.Cited(pyselect.POLLIN|pyselect.POLLHUP, linuxUnixPoll),
		"netbsd":    support.Cited[pyselect.Mask](pyselect.POLLIN, netbsdSodopoll),
		"illumos":   support.Cited[pyselect.Mask](pyselect.POLLIN, illumosSotpiPoll),
		"solaris":   support.Unknown[pyselect.Mask]("Solaris 11's kernel source is not public; illumos answers POLLIN (sotpi_poll), as published poll tables list for SunOS 5.x"),
		"dragonfly": support.Unknown[pyselect.Mask]("DragonFly's poll_copyout has its EVFILT_READ EV_NODATA -> POLLHUP line under #if 0 (sys/kern/sys_generic.c), so this likely gives POLLIN alone; not yet recorded"),
	},
	"socketpair with data, default mask": {
		"linux":   support.Cited(pyselect.POLLIN|pyselect.POLLOUT, linuxUnixPoll),
		"netbsd":  support.Cited(pyselect.POLLIN|pyselect.POLLOUT, netbsdSodopoll),
		"illumos": support.Cited(pyselect.POLLIN|pyselect.POLLOUT, illumosSotpiPoll),
	},
	"pipe read end with data, default mask": {
		"linux": support.Cited[pyselect.Mask](pyselect.POLLIN, linuxPipePoll),
	},
	"pipe write end with room, default mask": {
		"linux": support.Cited[pyselect.Mask](pyselect.POLLOUT, linuxPipePoll),
	},
	"socketpair, nothing pending, POLLIN only": {
		"linux":   support.Cited[pyselect.Mask](0, linuxUnixPoll),
		"netbsd":  support.Cited[pyselect.Mask](0, netbsdSodopoll),
		"illumos": support.Cited[pyselect.Mask](0, illumosSotpiPoll),
	},
}

// The kernel functions that decide pollHangup's rows, and
// pollNeverOpenMaskZero's.
const (
	linuxPipePoll = "torvalds/linux fs/pipe.c: pipe_poll (read end: EPOLLIN if not empty, EPOLLHUP with no writer; write end: EPOLLOUT if not full, EPOLLERR with no reader)"
	linuxUnixPoll = "torvalds/linux net/unix/af_unix.c: unix_poll (EPOLLHUP at SHUTDOWN_MASK, which unix_release_sock sets on the peer of a closed stream socket; EPOLLIN at RCV_SHUTDOWN or data; EPOLLOUT while unix_writable)"
	// NetBSD: sodopoll has no POLLHUP at all; a closed peer's
	// unp_disconnect1 calls soisdisconnected on both ends, which sets
	// can't-receive and can't-send, so soreadable and sowritable hold.
	netbsdSodopoll = "NetBSD/src sys/kern/uipc_socket.c: sodopoll (POLLIN if soreadable, POLLOUT if sowritable, POLLPRI at the mark, never POLLHUP); sys/kern/uipc_usrreq.c: unp_disconnect1 (soisdisconnected on both ends)"
	// illumos: an AF_UNIX stream pair is TPI over tl. A connected peer's
	// close sends T_ORDREL_IND, not T_DISCON_IND, so the socket can no
	// longer receive but can still send; sotpi_poll adds POLLHUP only when
	// both are set. strpoll treats EOF as data (POLLIN) and gives POLLOUT
	// while the write queue is not full.
	illumosSotpiPoll    = "illumos/illumos-gate usr/src/uts/common/fs/sockfs/socktpi.c: sotpi_poll (POLLHUP only with SS_CANTRCVMORE and SS_CANTSENDMORE); usr/src/uts/common/io/tl.c: tl_co_unconnect (T_ORDREL_IND to a connected peer); usr/src/uts/common/os/streamio.c: strpoll (STREOF is POLLIN)"
	dragonflyPollCopyin = "DragonFlyBSD/DragonFlyBSD sys/kern/sys_generic.c: poll_copyin (an EVFILT_READ, EVFILT_WRITE or EVFILT_EXCEPT kevent per event class asked for, none for a mask of 0)"
)

// pollNeverOpenMaskZero is what poll(2) reports for an fd that was never
// open and is registered with mask 0. POSIX's POLLNVAL ("The specified fd
// value is invalid. This flag is only valid in the revents member") is
// what the kernels that look the fd up before the mask give; XNU and
// DragonFly register nothing for a zero mask, so the bad fd is never
// looked up.
var pollNeverOpenMaskZero = support.Rows[pyselect.Mask]{
	Name:    "pollNeverOpenMaskZero",
	GoValue: maskGo,
	OS: map[string]support.Row[pyselect.Mask]{
		"linux":     support.Cited[pyselect.Mask](pyselect.POLLNVAL, "torvalds/linux fs/select.c: do_pollfd (EPOLLNVAL when fdget finds no file, before the mask is looked at)"),
		"freebsd":   support.Cited[pyselect.Mask](pyselect.POLLNVAL, "freebsd/freebsd-src sys/kern/sys_generic.c: pollscan (POLLNVAL when fget_unlocked fails, before fo_poll)"),
		"netbsd":    support.Cited[pyselect.Mask](pyselect.POLLNVAL, "NetBSD/src sys/kern/sys_generic.c: pollscan (POLLNVAL when fd_getfile finds no file)"),
		"darwin":    support.Cited[pyselect.Mask](0, "apple-oss-distributions/xnu bsd/kern/sys_generic.c: poll_nocancel (a kevent per event asked for, none for a mask of 0)"),
		"dragonfly": support.Cited[pyselect.Mask](0, dragonflyPollCopyin),
	},
}

// A maskName is a poll event and its name in package pyselect.
type maskName struct {
	bit  pyselect.Mask
	name string
}

// maskNames are the poll events maskGo names; poll_poll_rdhup_test.go adds
// POLLRDHUP where the OS has it.
var maskNames = []maskName{
	{pyselect.POLLIN, "POLLIN"}, {pyselect.POLLPRI, "POLLPRI"}, {pyselect.POLLOUT, "POLLOUT"},
	{pyselect.POLLERR, "POLLERR"}, {pyselect.POLLHUP, "POLLHUP"}, {pyselect.POLLNVAL, "POLLNVAL"},
}

// maskGo writes a poll mask as Go source: its POLL* names or'd, for an
// observed row to be pasted back as it reads in this file.
func maskGo(m pyselect.Mask) string {
	if m == 0 {
		return "0"
	}
	var names []string
	for _, b := range maskNames {
		if m&b.bit != 0 {
			names = append(names, "pyselect."+b.name)
			m &^= b.bit
		}
	}
	if m != 0 {
		names = append(names, "pyselect.Mask("+strconv.FormatInt(int64(m), 10)+")")
	}
	return strings.Join(names, " | ")
}

// pollOnce polls p without waiting.
func pollOnce(p *pyselect.Poll) []pyselect.Event {
	GinkgoHelper()
	evs, err := p.Poll(0)
	Expect(err).NotTo(HaveOccurred())
	return evs
}

// reventsOnce polls p, which holds fd alone, without waiting, and returns
// fd's revents: 0 if poll reported nothing.
func reventsOnce(p *pyselect.Poll, fd int) pyselect.Mask {
	GinkgoHelper()
	evs := pollOnce(p)
	if len(evs) == 0 {
		return 0
	}
	Expect(evs).To(HaveLen(1))
	Expect(evs[0].Fd).To(Equal(fd))
	return evs[0].Events
}

func fdsOf(evs []pyselect.Event) []int {
	fds := []int{}
	for _, e := range evs {
		fds = append(fds, e.Fd)
	}
	return fds
}

// fdsMatching is test_poll.py's find_ready_matching: the fds of evs
// whose events include one of flag's bits, in order.
func fdsMatching(evs []pyselect.Event, flag pyselect.Mask) []int {
	var fds []int
	for _, e := range evs {
		if e.Events&flag != 0 {
			fds = append(fds, e.Fd)
		}
	}
	return fds
}

// unopenedFd returns a descriptor number at or above 10000 that is not open.
func unopenedFd() int {
	for fd := 10000; ; fd++ {
		if _, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err != nil {
			return fd
		}
	}
}

// pollInBackground starts p.Poll(timeout) in a goroutine and returns the
// channel its result arrives on. The spec must make it return.
type pollResult struct {
	evs []pyselect.Event
	err error
}

func pollInBackground(p *pyselect.Poll, timeout any) <-chan pollResult {
	ch := make(chan pollResult, 1)
	go func() {
		evs, err := p.Poll(timeout)
		ch <- pollResult{evs, err}
	}()
	return ch
}

var _ = describe("select.poll", "", Label("api:poll"), func() {
	// Source: test_poll.py::test_poll1: 12 pipes; register(rd) then
	// modify(rd, POLLIN), register(wr, POLLOUT); poll()/write/poll()/read
	// round-trips every message, then close and unregister both ends.
	It("round-trips a message through each of 12 pipes chosen from poll()'s ready lists", func(ctx SpecContext) {
		p := pyselect.NewPoll()
		msg := []byte(" This is a test.")
		r2w := map[int]int{}
		var writers []int
		for range 12 {
			rd, wr := support.Pipe()
			Expect(p.Register(rd)).To(Succeed())
			Expect(p.Modify(rd, pyselect.POLLIN)).To(Succeed())
			Expect(p.Register(wr, pyselect.POLLOUT)).To(Succeed())
			r2w[rd] = wr
			writers = append(writers, wr)
		}
		var bufs [][]byte
		for len(writers) > 0 {
			ready, err := p.Poll(nil)
			Expect(err).NotTo(HaveOccurred())
			readyWriters := fdsMatching(ready, pyselect.POLLOUT)
			Expect(readyWriters).NotTo(BeEmpty(), "no pipes ready for writing")
			support.Write(readyWriters[rand.IntN(len(readyWriters))], msg)

			ready, err = p.Poll(nil)
			Expect(err).NotTo(HaveOccurred())
			readyReaders := fdsMatching(ready, pyselect.POLLIN)
			Expect(readyReaders).NotTo(BeEmpty(), "no pipes ready for reading")
			rd := readyReaders[rand.IntN(len(readyReaders))]
			buf := make([]byte, len(msg))
			n, err := unix.Read(rd, buf)
			Expect(err).NotTo(HaveOccurred())
			Expect(n).To(Equal(len(msg)))
			bufs = append(bufs, buf)
			wr := r2w[rd]
			unix.Close(wr)
			unix.Close(rd)
			Expect(p.Unregister(wr)).To(Succeed())
			Expect(p.Unregister(rd)).To(Succeed())
			for i, w := range writers {
				if w == wr {
					writers = append(writers[:i], writers[i+1:]...)
					break
				}
			}
		}
		Expect(bufs).To(HaveLen(12))
		for _, b := range bufs {
			Expect(b).To(Equal(msg))
		}
	}, SpecTimeout(10*time.Second))

	Describe("test_poll.py::test_poll_unit_tests", func() {
		// Source: test_poll.py::test_poll_unit_tests "returns NVAL for
		// invalid file descriptor"; poll(2) "POLLNVAL Invalid request: fd
		// not open".
		It("reports (fd, POLLNVAL) for a registered fd that is closed", func(ctx SpecContext) {
			fd := support.ClosedFd()
			p := pyselect.NewPoll()
			Expect(p.Register(fd)).To(Succeed())
			evs, err := p.Poll(nil)
			Expect(err).NotTo(HaveOccurred())
			Expect(evs[0]).To(Equal(pyselect.Event{Fd: fd, Events: pyselect.POLLNVAL}))
		}, SpecTimeout(10*time.Second))

		// Source: test_poll.py::test_poll_unit_tests: "p.register(f); r =
		// p.poll(); assertEqual(r[0][0], fd)"; after the file closes,
		// "(fd, POLLNVAL)".
		It("reports a file registered by object under its fd, and POLLNVAL after the file is closed", func(ctx SpecContext) {
			f, err := os.CreateTemp("", "pyselect-poll-")
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(os.Remove, f.Name())
			DeferCleanup(func() { f.Close() })
			fd := support.ConnFd(f)
			p := pyselect.NewPoll()
			Expect(p.Register(f)).To(Succeed())
			evs, err := p.Poll(nil)
			Expect(err).NotTo(HaveOccurred())
			Expect(evs[0].Fd).To(Equal(fd))
			Expect(f.Close()).To(Succeed())
			evs, err = p.Poll(nil)
			Expect(err).NotTo(HaveOccurred())
			Expect(evs[0]).To(Equal(pyselect.Event{Fd: fd, Events: pyselect.POLLNVAL}))
		}, SpecTimeout(10*time.Second))

		// Source: test_poll.py::test_poll_unit_tests "type error for invalid
		// arguments": register(p), unregister(p).
		It("rejects the poll object itself as an fd with TypeError", func() {
			p := pyselect.NewPoll()
			Expect(p.Register(p)).To(support.Raise(builtins.TypeError, "argument must be an int, or have a fileno() method."))
			Expect(p.Unregister(p)).To(support.Raise(builtins.TypeError, "argument must be an int, or have a fileno() method."))
		})

		// Source: test_poll.py::test_poll_unit_tests "can't unregister
		// non-existent object": unregister(3) -> KeyError; str(KeyError(3))
		// is "3".
		It("fails to unregister an fd it never registered with KeyError 3", func() {
			Expect(pyselect.NewPoll().Unregister(3)).To(support.Raise(builtins.KeyError, "3"))
		})

		// Source: test_poll.py::test_poll_unit_tests: register(Nope(), 0)
		// and register(Almost(), 0) -> TypeError.
		It("rejects Nope and Almost with TypeError", func() {
			p := pyselect.NewPoll()
			Expect(p.Register(support.Nope{}, 0)).To(support.Raise(builtins.TypeError, "argument must be an int, or have a fileno() method."))
			Expect(p.Register(support.Almost{}, 0)).To(support.Raise(builtins.TypeError, ""))
		})
	})

	// Source: test_poll.py::test_poll2: a shell loop's output read via
	// poll(tout) in ms, 0, 1000, ... then -1 x 10; POLLHUP with an empty
	// read ends it, POLLIN gives "testing...\n" lines. The loop sleeps
	// 0.02 s instead of 1 s to keep the suite fast.
	It("reads a child process's output through POLLIN and POLLHUP to EOF", func(ctx SpecContext) {
		pipe := support.Shell("for i in 0 1 2 3 4 5 6 7 8 9; do echo testing...; sleep 0.02; done")
		fd := support.ConnFd(pipe)
		p := pyselect.NewPoll()
		Expect(p.Register(pipe, pyselect.POLLIN)).To(Succeed())
		timeouts := []any{0, 1000, 2000, 4000, 8000, 16000}
		var got []byte
		buf := make([]byte, 4096)
		eof := false
		for i := 0; i < 100 && !eof; i++ {
			timeout := any(-1)
			if i < len(timeouts) {
				timeout = timeouts[i]
			}
			evs, err := p.Poll(timeout)
			Expect(err).NotTo(HaveOccurred())
			if len(evs) == 0 {
				continue
			}
			Expect(evs[0].Fd).To(Equal(fd))
			Expect(evs[0].Events&(pyselect.POLLIN|pyselect.POLLHUP)).NotTo(BeZero(), "unexpected revents %#x", evs[0].Events)
			n, err := unix.Read(fd, buf)
			if err == unix.EAGAIN {
				continue
			}
			Expect(err).NotTo(HaveOccurred())
			if n == 0 {
				eof = true
			}
			got = append(got, buf[:n]...)
		}
		Expect(eof).To(BeTrue(), "EOF reached")
		Expect(string(got)).To(Equal(strings.Repeat("testing...\n", 10)))
	}, SpecTimeout(20*time.Second))

	// Source: test_poll.py::test_poll3 (issues #15989, #17919):
	// poll(1<<64) -> OverflowError; register(0, -1), modify(1, -1) ->
	// ValueError; register(0, 1<<64), modify(1, 1<<64) -> OverflowError.
	// Go's int cannot hold 1<<64: math.MaxInt stands for it (CPython:
	// "Python int too large for C unsigned short" for 2**63-1, probed).
	It("rejects out-of-range timeouts and eventmasks with OverflowError and negative masks with ValueError", func() {
		p := pyselect.NewPoll()
		Expect(p.Register(1)).To(Succeed())
		_, err := p.Poll(uint64(math.MaxUint64))
		Expect(err).To(support.Raise(builtins.OverflowError, ""))
		Expect(p.Register(0, -1)).To(support.Raise(builtins.ValueError, "value must be positive"))
		Expect(p.Register(0, math.MaxInt)).To(support.Raise(builtins.OverflowError, "Python int too large for C unsigned short"))
		Expect(p.Modify(1, -1)).To(support.Raise(builtins.ValueError, "value must be positive"))
		Expect(p.Modify(1, math.MaxInt)).To(support.Raise(builtins.OverflowError, "Python int too large for C unsigned short"))
	})

	// Source: test_poll.py::test_poll_c_limits: register/modify(USHRT_MAX
	// + 1) and poll(INT_MAX + 1), poll(UINT_MAX + 1) -> OverflowError.
	It("rejects USHRT_MAX+1 masks and INT_MAX+1 / UINT_MAX+1 timeouts with OverflowError", func() {
		p := pyselect.NewPoll()
		Expect(p.Register(1)).To(Succeed())
		Expect(p.Register(0, math.MaxUint16+1)).To(support.Raise(builtins.OverflowError, "Python int too large for C unsigned short"))
		Expect(p.Modify(1, math.MaxUint16+1)).To(support.Raise(builtins.OverflowError, "Python int too large for C unsigned short"))
		_, err := p.Poll(int64(math.MaxInt32) + 1)
		Expect(err).To(support.Raise(builtins.OverflowError, "timeout is too large"))
		_, err = p.Poll(int64(math.MaxUint32) + 1)
		Expect(err).To(support.Raise(builtins.OverflowError, "timeout is too large"))
	})

	// Source: test_poll.py::test_threaded_poll: a thread blocks in poll();
	// the main thread unregisters every fd and registers w (allowed), and
	// its own poll() raises RuntimeError; a write releases the thread.
	// SEMANTICS.md#poll-concurrency (the timeout is converted before the concurrency
	// check; the running flag is cleared however the call ends).
	It("raises RuntimeError for a second concurrent poll() while registration changes are allowed", func(ctx SpecContext) {
		r, w := support.Pipe()
		var rfds []int
		for range 10 {
			fd, err := unix.Dup(r)
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(unix.Close, fd)
			rfds = append(rfds, fd)
		}
		p := pyselect.NewPoll()
		for _, fd := range rfds {
			Expect(p.Register(fd, pyselect.POLLIN)).To(Succeed())
		}
		done := pollInBackground(p, nil)
		Consistently(done).WithTimeout(100*time.Millisecond).ShouldNot(Receive(), "the first poll() blocks")
		for _, fd := range rfds {
			Expect(p.Unregister(fd)).To(Succeed())
		}
		Expect(p.Register(w, pyselect.POLLOUT)).To(Succeed())
		_, err := p.Poll(0)
		Expect(err).To(support.Raise(builtins.RuntimeError, "concurrent poll() invocation"))
		_, err = p.Poll("x")
		Expect(err).To(support.Raise(builtins.TypeError, "timeout must be an integer or None"), "the timeout is checked before the concurrency")
		support.Write(w, []byte("spam"))
		var res pollResult
		Eventually(done).WithTimeout(5 * time.Second).Should(Receive(&res))
		Expect(res.err).NotTo(HaveOccurred())
		Expect(fdsOf(res.evs)).To(Equal(rfds), "the running call polls the fds it started with")
		Expect(pollOnce(p)).To(Equal([]pyselect.Event{{Fd: w, Events: pyselect.POLLOUT}}), "the next poll() sees the new registrations")
	}, SpecTimeout(10*time.Second))

	// Source: test_poll.py::test_poll_blocks_with_negative_ms: for
	// timeout_ms in [None, -1000, -1, -1.0, -0.1, -1e-100] poll() is
	// still blocked after 0.1 s and returns after a write; SEMANTICS.md#timeout-poll adds -2**31.
	DescribeTable("blocks on a None or negative timeout until an fd is ready",
		func(ctx SpecContext, timeout any) {
			r, w := support.Pipe()
			p := pyselect.NewPoll()
			Expect(p.Register(r, pyselect.POLLIN)).To(Succeed())
			done := pollInBackground(p, timeout)
			Consistently(done).WithTimeout(100 * time.Millisecond).ShouldNot(Receive())
			support.Write(w, []byte("spam"))
			var res pollResult
			Eventually(done).WithTimeout(5 * time.Second).Should(Receive(&res))
			Expect(res.err).NotTo(HaveOccurred())
			Expect(res.evs).To(Equal([]pyselect.Event{{Fd: r, Events: pyselect.POLLIN}}))
		},
		Entry("When the timeout is nil (None), it blocks", nil, SpecTimeout(10*time.Second)),
		Entry("When the timeout is -1000, it blocks", -1000, SpecTimeout(10*time.Second)),
		Entry("When the timeout is -1, it blocks", -1, SpecTimeout(10*time.Second)),
		Entry("When the timeout is -1.0, it blocks", -1.0, SpecTimeout(10*time.Second)),
		Entry("When the timeout is -0.1, it blocks", -0.1, SpecTimeout(10*time.Second)),
		Entry("When the timeout is -1e-100, it blocks", -1e-100, SpecTimeout(10*time.Second)),
		Entry("When the timeout is -2**31 (C INT_MIN), it blocks", int64(math.MinInt32), SpecTimeout(10*time.Second)),
	)

	// Source: test_select.py::test_disallow_instantiation: type(poll())()
	// is TypeError in Python. Go cannot forbid a zero value, so the claim
	// is the Go one: a zero pyselect.Poll is an empty poll object, usable
	// like NewPoll(), never a panic.
	It("makes the zero Poll an empty, usable poll object, never a panic (Go's counterpart of test_select.py::test_disallow_instantiation)", func() {
		_, w := support.Pipe()
		var p pyselect.Poll
		Expect(func() { Expect(p.Register(w, pyselect.POLLOUT)).To(Succeed()) }).NotTo(Panic())
		Expect(pollOnce(&p)).To(Equal([]pyselect.Event{{Fd: w, Events: pyselect.POLLOUT}}))
		Expect(p.Unregister(w)).To(Succeed())
		var q pyselect.Poll
		Expect(func() { Expect(q.Unregister(w)).To(support.Raise(builtins.KeyError, "")) }).NotTo(Panic())
		Expect(func() { Expect(q.Modify(w, 1)).To(support.RaiseErrno(builtins.FileNotFoundError, unix.ENOENT)) }).NotTo(Panic())
		var z pyselect.Poll
		Expect(pollOnce(&z)).To(BeEmpty())
	})
})

var _ = describe("select.poll.register", "", Label("api:poll"), func() {
	// Source: Python docs poll.register "eventmask ... If not specified,
	// the default value used will check for all 3 types of events"
	// (POLLIN | POLLPRI | POLLOUT); probed: a socketpair end with data ->
	// revents 5.
	It("watches POLLIN|POLLPRI|POLLOUT by default", func() {
		a, b := support.SocketPair(unix.SOCK_STREAM)
		support.Write(b, []byte("x"))
		p := pyselect.NewPoll()
		Expect(p.Register(a)).To(Succeed())
		Expect(pollOnce(p)).To(Equal([]pyselect.Event{{Fd: a, Events: pyselect.POLLIN | pyselect.POLLOUT}}))
	})

	// Source: Python docs poll.register "Registering a file descriptor
	// that's already registered is not an error, and has the same effect
	// as registering the descriptor exactly once"; SEMANTICS.md#poll-register (it overwrites the
	// mask ... The dict position is kept) (probed).
	It("replaces the mask of an fd registered again and keeps its place in the results", func() {
		a, b := support.SocketPair(unix.SOCK_STREAM)
		support.Write(b, []byte("x"))
		_, w := support.Pipe()
		p := pyselect.NewPoll()
		Expect(p.Register(a, pyselect.POLLIN)).To(Succeed())
		Expect(p.Register(w)).To(Succeed())
		Expect(p.Register(a, pyselect.POLLOUT)).To(Succeed())
		Expect(pollOnce(p)).To(Equal([]pyselect.Event{{Fd: a, Events: pyselect.POLLOUT}, {Fd: w, Events: pyselect.POLLOUT}}))
	})

	// Source: SEMANTICS.md#poll-poll (Returns a list of (fd, revents) ... in registration
	// (dict insertion) order) (probed).
	It("returns events in registration order, not fd order", func() {
		w1, w2, w3 := readyWriter(), readyWriter(), readyWriter()
		p := pyselect.NewPoll()
		for _, fd := range []int{w3, w1, w2} {
			Expect(p.Register(fd, pyselect.POLLOUT)).To(Succeed())
		}
		Expect(fdsOf(pollOnce(p))).To(Equal([]int{w3, w1, w2}))
	})

	// Source: SEMANTICS.md#poll-register (positional only); probed: 3 args is
	// "TypeError: register expected at most 2 arguments, got 3".
	It("rejects a second eventmask with CPython's argument-count TypeError", func() {
		Expect(pyselect.NewPoll().Register(1, 1, 2)).To(support.Raise(builtins.TypeError, "register expected at most 2 arguments, got 3"))
	})

	// Source: SEMANTICS.md#poll-register (the fd is never validated at register time; an
	// unopened fd such as 10000 is accepted (see POLLNVAL)); poll(2)
	// POLLNVAL ("only valid in the revents member"); with mask 0, what
	// pollNeverOpenMaskZero's row for this OS cites (probed on Linux).
	It("accepts an fd that was never open and reports it as POLLNVAL, with mask 0 too where the kernel looks the fd up", func() {
		fd := unopenedFd()
		p := pyselect.NewPoll()
		Expect(p.Register(fd, pyselect.POLLIN)).To(Succeed())
		Expect(pollOnce(p)).To(Equal([]pyselect.Event{{Fd: fd, Events: pyselect.POLLNVAL}}))
		Expect(p.Modify(fd, 0)).To(Succeed())
		pollNeverOpenMaskZero.Expect(reventsOnce(p, fd))
	})
})

// Source: _PyLong_UnsignedShort_Converter: eventmask is a C unsigned short;
// SEMANTICS.md#poll-register table (probed, test_poll.py::test_poll3, ::test_poll_c_limits).
var _ = describe("select.poll.register", "", Label("api:poll"), func() {
	DescribeTable("and modify take any eventmask a C unsigned short holds",
		func(mask int, cls builtins.Exception, msg string) {
			_, w := support.Pipe()
			p := pyselect.NewPoll()
			for _, call := range []func() error{
				func() error { return p.Register(w, pyselect.Mask(mask)) },
				func() error { return p.Modify(w, pyselect.Mask(mask)) },
			} {
				var err error
				Expect(func() { err = call() }).NotTo(Panic())
				if cls == "" {
					Expect(err).NotTo(HaveOccurred())
				} else {
					Expect(err).To(support.Raise(cls, msg))
					Expect(p.Register(w)).To(Succeed()) // for Modify
				}
			}
		},
		Entry("When it is -1, it fails with ValueError: value must be positive", -1, builtins.ValueError, "value must be positive"),
		Entry("When it is math.MinInt, it fails with ValueError: value must be positive", math.MinInt, builtins.ValueError, "value must be positive"),
		Entry("When it is 65536 (USHRT_MAX+1), it fails with OverflowError", 65536, builtins.OverflowError, "Python int too large for C unsigned short"),
		Entry("When it is 2**31-1, it fails with OverflowError", math.MaxInt32, builtins.OverflowError, "Python int too large for C unsigned short"),
		Entry("When it is 65535 (USHRT_MAX), it is accepted", 65535, builtins.Exception(""), ""),
		Entry("When it is 0, it is accepted", 0, builtins.Exception(""), ""),
	)
})

var _ = describe("select.poll.register", "", Label("api:poll"), func() {
	When("the eventmask is 0", func() {
		// Source: SEMANTICS.md#poll-register (0: accepted; only POLLERR/POLLHUP/POLLNVAL can be
		// reported); poll(2) "revents ... POLLERR, POLLHUP, or POLLNVAL ...
		// meaningless in events, set in revents whenever the condition".
		It("reports nothing for a ready pipe", func() {
			r, w := support.Pipe()
			support.Write(w, []byte("x"))
			p := pyselect.NewPoll()
			Expect(p.Register(r, 0)).To(Succeed())
			Expect(p.Register(w, 0)).To(Succeed())
			Expect(pollOnce(p)).To(BeEmpty())
		})
	})
})

var _ = describe("select.poll.modify", "", Label("api:poll"), func() {
	// Source: Python docs poll.modify "Attempting to modify a file
	// descriptor that was never registered causes an OSError exception
	// with errno ENOENT to be raised"; SEMANTICS.md#poll-modify FileNotFoundError "[Errno 2]
	// No such file or directory" (probed).
	It("fails for an fd that is not registered with FileNotFoundError [Errno 2] (ENOENT), also fs.ErrNotExist", func() {
		err := pyselect.NewPoll().Modify(readyWriter(), pyselect.POLLIN)
		Expect(err).To(support.RaiseErrno(builtins.FileNotFoundError, unix.ENOENT))
		Expect(err).To(support.Raise(builtins.FileNotFoundError, "[Errno 2] No such file or directory"))
		Expect(err).To(MatchError(fs.ErrNotExist))
	})

	// Source: SEMANTICS.md#poll-modify (Otherwise it behaves like register: mask replaced,
	// position kept) (probed).
	It("replaces the mask and keeps the fd's place in the results", func() {
		w1, w2 := readyWriter(), readyWriter()
		p := pyselect.NewPoll()
		Expect(p.Register(w1, pyselect.POLLIN)).To(Succeed())
		Expect(p.Register(w2, pyselect.POLLOUT)).To(Succeed())
		Expect(fdsOf(pollOnce(p))).To(Equal([]int{w2}))
		Expect(p.Modify(w1, pyselect.POLLOUT)).To(Succeed())
		Expect(fdsOf(pollOnce(p))).To(Equal([]int{w1, w2}))
	})
})

var _ = describe("select.poll.unregister", "", Label("api:poll"), func() {
	// Source: SEMANTICS.md#poll-unregister (Not registered -> KeyError(fd_int). The fd is the
	// converted int, even when an object was passed: unregister(F(999))
	// -> KeyError: 999) (probed).
	It("fails with KeyError naming the converted fd when given an unregistered object", func() {
		Expect(pyselect.NewPoll().Unregister(support.FilenoObj(999))).To(support.Raise(builtins.KeyError, "999"))
	})

	// Source: SEMANTICS.md#poll-unregister (Unregister followed by register moves the fd to the
	// end of the result order) (probed).
	It("forgets the fd's place: registering it again puts it last", func() {
		w1, w2 := readyWriter(), readyWriter()
		p := pyselect.NewPoll()
		Expect(p.Register(w1, pyselect.POLLOUT)).To(Succeed())
		Expect(p.Register(w2, pyselect.POLLOUT)).To(Succeed())
		Expect(p.Unregister(w1)).To(Succeed())
		Expect(fdsOf(pollOnce(p))).To(Equal([]int{w2}))
		Expect(p.Register(w1, pyselect.POLLOUT)).To(Succeed())
		Expect(fdsOf(pollOnce(p))).To(Equal([]int{w2, w1}))
	})

	// Source: Python docs poll.unregister "Attempting to remove a file
	// descriptor that was never registered causes a KeyError".
	It("fails with KeyError for an fd unregistered twice", func() {
		w := readyWriter()
		p := pyselect.NewPoll()
		Expect(p.Register(w)).To(Succeed())
		Expect(p.Unregister(w)).To(Succeed())
		Expect(p.Unregister(w)).To(support.Raise(builtins.KeyError, strconv.Itoa(w)))
	})
})

var _ = describe("select.poll.poll", "", Label("api:poll"), func() {
	When("nothing is registered", func() {
		// Source: SEMANTICS.md#poll-poll (With nothing registered, poll(0) -> [], and
		// poll(10) sleeps ~10 ms) (probed).
		It("returns an empty list at once for 0, and after the timeout for 10 ms", func(ctx SpecContext) {
			p := pyselect.NewPoll()
			Expect(pollOnce(p)).To(And(BeEmpty(), Not(BeNil())))
			start := time.Now()
			evs, err := p.Poll(10)
			Expect(err).NotTo(HaveOccurred())
			Expect(evs).To(BeEmpty())
			Expect(time.Since(start)).To(BeNumerically(">=", 10*time.Millisecond))
		}, SpecTimeout(5*time.Second))
	})

	// Source: SEMANTICS.md#poll-events table "Other observed revents" (probed CPython 3.11.7
	// on Linux); per OS, the kernel function each row of pollHangup cites
	// (an OS whose row is unknown records its answer, see pollHangup).
	// POSIX poll(2) requires POLLIN when "data other than high-priority
	// data may be read without blocking" and POLLOUT when "normal data may
	// be written without blocking": anyOf, checked on every OS.
	DescribeTable("reports the kernel's revents",
		func(situation string, setup func() (fd int, mask pyselect.Mask), anyOf pyselect.Mask) {
			fd, mask := setup()
			p := pyselect.NewPoll()
			Expect(p.Register(fd, mask)).To(Succeed())
			got := reventsOnce(p, fd)
			Expect(got).To(BeNumerically("<=", 0xffff))
			if anyOf != 0 {
				Expect(got&anyOf).NotTo(BeZero(), "revents %#x has none of %#x", got, anyOf)
			}
			support.Rows[pyselect.Mask]{Name: "pollHangup[" + strconv.Quote(situation) + "]", OS: pollHangup[situation], GoValue: maskGo}.Expect(got)
		},
		Entry("When a pipe's writer has closed, the read end reports POLLHUP", "pipe read end, writer closed", func() (int, pyselect.Mask) {
			r, w := support.Pipe()
			unix.Close(w)
			return r, pyselect.POLLIN | pyselect.POLLPRI | pyselect.POLLOUT
		}, pyselect.Mask(0)),
		Entry("When a pipe's reader closed, mask 0 on the write end gets POLLERR (Linux), POLLHUP or nothing (kqueue)", "pipe write end, reader closed, mask 0", func() (int, pyselect.Mask) {
			r, w := support.Pipe()
			unix.Close(r)
			return w, 0
		}, pyselect.Mask(0)),
		Entry("When a pipe's reader has closed, the write end asked for POLLOUT reports POLLOUT|POLLERR (Linux)", "pipe write end, reader closed, POLLOUT", func() (int, pyselect.Mask) {
			r, w := support.Pipe()
			unix.Close(r)
			return w, pyselect.POLLOUT
		}, pyselect.Mask(0)),
		Entry("When a socketpair peer closed, the default mask gets hang-ups (Linux 21, NetBSD/illumos no POLLHUP)", "socketpair, peer closed, default mask", func() (int, pyselect.Mask) {
			a, b := support.SocketPair(unix.SOCK_STREAM)
			unix.Close(b)
			return a, pyselect.POLLIN | pyselect.POLLPRI | pyselect.POLLOUT
		}, pyselect.Mask(0)),
		Entry("When a socketpair peer has closed, POLLIN alone reports POLLIN, and POLLHUP on Linux", "socketpair, peer closed, POLLIN only", func() (int, pyselect.Mask) {
			a, b := support.SocketPair(unix.SOCK_STREAM)
			unix.Close(b)
			return a, pyselect.POLLIN
		}, pyselect.Mask(0)),
		Entry("When a socketpair end has data, the default mask reports POLLIN|POLLOUT (5)", "socketpair with data, default mask", func() (int, pyselect.Mask) {
			a, b := support.SocketPair(unix.SOCK_STREAM)
			support.Write(b, []byte("x"))
			return a, pyselect.POLLIN | pyselect.POLLPRI | pyselect.POLLOUT
		}, pyselect.Mask(pyselect.POLLIN)),
		Entry("When a pipe's read end has data, the default mask reports POLLIN", "pipe read end with data, default mask", func() (int, pyselect.Mask) {
			r, w := support.Pipe()
			support.Write(w, []byte("x"))
			return r, pyselect.POLLIN | pyselect.POLLPRI | pyselect.POLLOUT
		}, pyselect.Mask(pyselect.POLLIN)),
		Entry("When a pipe's write end has room, the default mask reports POLLOUT", "pipe write end with room, default mask", func() (int, pyselect.Mask) {
			_, w := support.Pipe()
			return w, pyselect.POLLIN | pyselect.POLLPRI | pyselect.POLLOUT
		}, pyselect.Mask(pyselect.POLLOUT)),
		Entry("When a socketpair has nothing pending and only POLLIN is asked, it reports nothing", "socketpair, nothing pending, POLLIN only", func() (int, pyselect.Mask) {
			a, _ := support.SocketPair(unix.SOCK_STREAM)
			return a, pyselect.POLLIN
		}, pyselect.Mask(0)),
	)

	// Source: SEMANTICS.md#poll-concurrency (register/modify/unregister from other threads are
	// allowed while a poll is running. They take effect on the next poll
	// ... Changes made during a poll do not affect the in-flight call).
	It("lets another goroutine register while it blocks; the blocked call keeps its fds and the next one sees the new fd", func(ctx SpecContext) {
		r1, w1 := support.Pipe()
		r2, w2 := support.Pipe()
		p := pyselect.NewPoll()
		Expect(p.Register(r1, pyselect.POLLIN)).To(Succeed())
		done := pollInBackground(p, nil)
		Consistently(done).WithTimeout(50 * time.Millisecond).ShouldNot(Receive())
		Expect(p.Register(r2, pyselect.POLLIN)).To(Succeed())
		support.Write(w2, []byte("x"))
		Consistently(done).WithTimeout(100*time.Millisecond).ShouldNot(Receive(), "r2 is not part of the running call")
		support.Write(w1, []byte("x"))
		var res pollResult
		Eventually(done).WithTimeout(5 * time.Second).Should(Receive(&res))
		Expect(res.err).NotTo(HaveOccurred())
		Expect(res.evs).To(Equal([]pyselect.Event{{Fd: r1, Events: pyselect.POLLIN}}))
		Expect(fdsOf(pollOnce(p))).To(Equal([]int{r1, r2}))
	}, SpecTimeout(10*time.Second))

	Describe("pipes (kernel semantics)", func() {
		// Source: pipe(7) (a full pipe blocks writers); poll(2) "POLLOUT
		// Writing is now possible". A drained pipe is writable again.
		It("does not report POLLOUT for a full pipe, and reports it again after a drain", func() {
			r, w := support.NonblockingPipe()
			p := pyselect.NewPoll()
			Expect(p.Register(w, pyselect.POLLOUT)).To(Succeed())
			Expect(support.Fill(w)).To(BeNumerically(">", 0))
			Expect(pollOnce(p)).To(BeEmpty())
			Expect(support.Drain(r)).To(BeNumerically(">", 0))
			Expect(pollOnce(p)).To(Equal([]pyselect.Event{{Fd: w, Events: pyselect.POLLOUT}}))
		})

		// Source: https://docs.python.org/3/library/select.html#select.PIPE_BUF
		// (bytes writable without blocking once poll() reports a pipe ready
		// for writing); pipe(7) PIPE_BUF atomicity.
		It("reports POLLOUT on a full pipe only once PIPE_BUF bytes fit; then a PIPE_BUF write goes through whole", func() {
			expectPipeBufAtomic(func(w int) bool {
				p := pyselect.NewPoll()
				Expect(p.Register(w, pyselect.POLLOUT)).To(Succeed())
				return len(pollOnce(p)) == 1
			})
		})
	})
})
