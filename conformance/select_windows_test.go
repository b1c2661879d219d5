// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"bufio"
	"io"
	"math"
	"net"
	"os"
	"strconv"
	"syscall"
	"time"
	"unsafe"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/windows"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// select.select on Windows, over loopback TCP sockets: the only kind of
// handle Winsock's select takes. CPython's own test_select.py is skipped
// on Windows ("can't easily test on this system": its tests use pipes);
// the specs below port what applies to sockets, and check the Windows
// rules of Modules/selectmodule.c (the MS_WINDOWS and _MSC_VER branches)
// and of Winsock's select:
// https://learn.microsoft.com/windows/win32/api/winsock2/nf-winsock2-select
//
// Windows' clock ticks every 15.6 ms by default, and both Winsock's
// timeout and Go's time.Now move in those steps: elapsed times are checked
// to within one tick below the timeout.

const (
	msgTooMany     = "too many file descriptors in select()"
	msgNotFileno   = "argument must be an int, or have a fileno() method."
	msgWinNegative = "timeout must be non-negative"
	winTick        = 16 * time.Millisecond
	// winFdSetSize is FD_SETSIZE as CPython's select module defines it
	// on Windows (Modules/selectmodule.c), not read from pyselect.
	winFdSetSize = 512
)

// underWine reports whether this Windows is Wine, whose ntdll exports
// wine_get_version. Where Wine differs from Windows, the expected value is
// data for both, or the spec is skipped under Wine with the reason.
var underWine = windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil

// winMessages holds the system's text for a Winsock error, as CPython
// shows it after "[WinError N] " (FormatMessageW, trailing dots and line
// breaks removed): Windows' (English, as on windows-latest) and Wine 8's,
// which words some codes its own way and has no text for others (CPython
// then shows "Windows Error 0x...").
var winMessages = map[syscall.Errno]struct{ windows, wine string }{
	windows.WSAEINVAL:   {"An invalid argument was supplied", "Invalid argument"},
	windows.WSAENOTSOCK: {"An operation was attempted on something that is not a socket", "Windows Error 0x2736"},
}

// winError is the message of CPython's OSError for the Winsock error
// errno: "[WinError 10022] An invalid argument was supplied" on Windows.
func winError(errno syscall.Errno) string {
	text := winMessages[errno].windows
	if underWine {
		text = winMessages[errno].wine
	}
	return "[WinError " + strconv.Itoa(int(errno)) + "] " + text
}

// handle is c's socket handle as an int, what Python's socket.fileno()
// returns on Windows.
func handle(c syscall.Conn) int {
	GinkgoHelper()
	rc, err := c.SyscallConn()
	Expect(err).NotTo(HaveOccurred())
	h := -1
	Expect(rc.Control(func(s uintptr) { h = int(s) })).To(Succeed())
	return h
}

// skipUnderWine skips the spec under Wine, where it would check Wine's
// deviation from Windows rather than pyselect; windows-latest runs it.
func skipUnderWine(why string) {
	GinkgoHelper()
	if underWine {
		Skip("under Wine: " + why + "; the spec runs on Windows (CI's windows-latest job)")
	}
}

// pySocket stands for a Python object with a fileno() method.
type pySocket struct{ h int }

func (s pySocket) Fileno() int { return s.h }

// rawSocket opens a TCP socket with Winsock directly, outside Go's I/O
// completion port, closed when the spec ends.
func rawSocket() windows.Handle {
	GinkgoHelper()
	s, err := windows.Socket(windows.AF_INET, windows.SOCK_STREAM, windows.IPPROTO_TCP)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(windows.Closesocket, s)
	return s
}

// setNonblocking is ioctlsocket(s, FIONBIO, 1).
func setNonblocking(s windows.Handle) {
	GinkgoHelper()
	const fionbio = 0x8004667e // _IOW('f', 126, u_long), winsock2.h
	on := uint32(1)
	var n uint32
	Expect(windows.WSAIoctl(s, fionbio, (*byte)(unsafe.Pointer(&on)), 4, nil, 0, &n, nil, 0)).To(Succeed())
}

// loopback is 127.0.0.1:port as a Winsock address.
func loopback(port int) *windows.SockaddrInet4 {
	return &windows.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}}
}

var _ = describe("select.select", "", Label("api:select", "os:windows"), func() {
	When("a connected TCP socket has nothing to read", func() {
		// Source: Winsock select: writefds "Data can be sent"; readfds
		// only when data, a pending connection or a close arrives.
		It("reports it in wlist and nowhere else (timeout 0)", func() {
			client, server := support.TCPPair()
			r, w, x, err := pyselect.Select([]*net.TCPConn{server}, []*net.TCPConn{client}, []*net.TCPConn{server}, 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(r).To(BeEmpty())
			Expect(w).To(Equal([]*net.TCPConn{client}))
			Expect(x).To(BeEmpty())
		})
	})

	When("data has arrived", func() {
		// Source: Winsock select: readfds "Data is available for reading";
		// Python docs: "rlist: wait until ready for reading".
		It("reports the receiving socket in rlist, before the timeout", func(ctx SpecContext) {
			client, server := support.TCPPair()
			Expect(client.Write([]byte("x"))).To(Equal(1))
			r, _, _, err := pyselect.Select([]*net.TCPConn{server, client}, nil, nil, 5)
			Expect(err).NotTo(HaveOccurred())
			Expect(r).To(Equal([]*net.TCPConn{server}))
		}, SpecTimeout(10*time.Second))
	})

	When("the peer has closed the connection", func() {
		// Source: Winsock select: readfds "Connection has been closed/
		// reset/terminated"; test_select.py::test_select reads until EOF.
		It("reports the socket in rlist, and a read returns EOF", func(ctx SpecContext) {
			client, server := support.TCPPair()
			Expect(client.Close()).To(Succeed())
			r, _, _, err := pyselect.Select([]*net.TCPConn{server}, nil, nil, 5)
			Expect(err).NotTo(HaveOccurred())
			Expect(r).To(Equal([]*net.TCPConn{server}))
			_, err = server.Read(make([]byte, 1))
			Expect(err).To(MatchError(io.EOF))
		}, SpecTimeout(10*time.Second))
	})

	When("a connection is pending on a listening socket", func() {
		// Source: Winsock select: readfds "If listen has been called and a
		// connection is pending, accept will succeed".
		It("reports the listening socket in rlist", func(ctx SpecContext) {
			ln, err := net.ListenTCP("tcp4", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(ln.Close)
			r, _, _, err := pyselect.Select([]*net.TCPListener{ln}, nil, nil, 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(r).To(BeEmpty(), "no connection yet")
			c, err := net.DialTCP("tcp4", nil, ln.Addr().(*net.TCPAddr))
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(c.Close)
			r, _, _, err = pyselect.Select([]*net.TCPListener{ln}, nil, nil, 5)
			Expect(err).NotTo(HaveOccurred())
			Expect(r).To(Equal([]*net.TCPListener{ln}))
		}, SpecTimeout(10*time.Second))
	})

	When("out-of-band data has arrived (SO_OOBINLINE off, the default)", func() {
		// Source: Winsock select: exceptfds "OOB data is available for
		// reading (only if SO_OOBINLINE is disabled)"; Python docs: "xlist:
		// wait for an exceptional condition".
		It("reports the receiving socket in xlist", func(ctx SpecContext) {
			ln, err := net.ListenTCP("tcp4", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(ln.Close)
			sender := rawSocket()
			Expect(windows.Connect(sender, loopback(ln.Addr().(*net.TCPAddr).Port))).To(Succeed())
			server, err := ln.AcceptTCP()
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(server.Close)
			_, _, x, err := pyselect.Select(nil, nil, []*net.TCPConn{server}, 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(x).To(BeEmpty(), "no urgent data yet")
			b := byte('!')
			var sent uint32
			Expect(windows.WSASend(sender, &windows.WSABuf{Len: 1, Buf: &b}, 1, &sent, windows.MSG_OOB, nil, nil)).To(Succeed())
			_, _, x, err = pyselect.Select(nil, nil, []*net.TCPConn{server}, 5)
			Expect(err).NotTo(HaveOccurred())
			Expect(x).To(Equal([]*net.TCPConn{server}))
		}, SpecTimeout(10*time.Second))
	})

	When("a non-blocking connect is refused", func() {
		// Source: Winsock select: exceptfds "If processing a connect call
		// (nonblocking), connection attempt failed"; writefds only "connection
		// has succeeded". (Unix reports a failed connect as writable.)
		// Windows retries a refused SYN to loopback for about 2 s.
		It("reports the socket in xlist and not in wlist", func(ctx SpecContext) {
			ln, err := net.ListenTCP("tcp4", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
			Expect(err).NotTo(HaveOccurred())
			port := ln.Addr().(*net.TCPAddr).Port
			Expect(ln.Close()).To(Succeed()) // nothing listens on port now
			s := rawSocket()
			setNonblocking(s)
			Expect(windows.Connect(s, loopback(port))).To(MatchError(windows.WSAEWOULDBLOCK))
			h := int(s)
			_, w, x, err := pyselect.Select(nil, []int{h}, []int{h}, 10)
			Expect(err).NotTo(HaveOccurred())
			Expect(x).To(Equal([]int{h}))
			Expect(w).To(BeEmpty())
		}, SpecTimeout(20*time.Second))
	})

	// Source: Modules/selectmodule.c set2list: each result list holds the
	// objects the caller passed, in input order, duplicates kept;
	// PyObject_AsFileDescriptor takes an int or an object with fileno().
	It("returns the caller's own elements (conns, int and windows.Handle handles, fileno() objects) in input order, duplicates kept", func() {
		client, server := support.TCPPair()
		h := handle(client)
		in := []any{client, h, pySocket{h}, windows.Handle(h), uintptr(h), client, server}
		_, w, _, err := pyselect.Select(nil, in, nil, 0)
		Expect(err).NotTo(HaveOccurred())
		Expect(w).To(HaveLen(len(in)))
		for i := range in {
			Expect(w[i]).To(BeIdenticalTo(in[i]))
		}
	})

	When("all three lists are empty", func() {
		// Source: Python docs, select.select: "Empty iterables are allowed,
		// but acceptance of three empty iterables is platform-dependent. (It
		// is known to work on Unix but not on Windows.)"; Winsock select:
		// WSAEINVAL "all three descriptor parameters were NULL"; CPython
		// passes NULL for an empty list and raises the Winsock error.
		DescribeTable("fails at once with OSError [WinError 10022], whatever the timeout",
			func(ctx SpecContext, timeout any) {
				_, _, _, err := pyselect.Select[int](nil, []int{}, nil, timeout)
				Expect(err).To(support.Raise(builtins.OSError, winError(windows.WSAEINVAL)))
				Expect(err).To(MatchError(windows.WSAEINVAL))
			},
			Entry("timeout 0", 0, SpecTimeout(5*time.Second)),
			Entry("timeout 0.5", 0.5, SpecTimeout(5*time.Second)),
			Entry("timeout nil (None): it does not block", nil, SpecTimeout(5*time.Second)),
		)
	})

	When("an element is not a socket", func() {
		// Source: Modules/selectmodule.c, select's docstring: "On Windows,
		// only sockets are supported"; Winsock select: WSAENOTSOCK "One of
		// the descriptor sets contains an entry that is not a socket";
		// CPython: PyErr_SetExcFromWindowsErr(PyExc_OSError,
		// WSAGetLastError()). test_select.py::test_errno is the Unix form
		// (a closed fd is EBADF).
		DescribeTable("fails with OSError [WinError 10038]",
			func(element func() any) {
				client, _ := support.TCPPair()
				_, _, _, err := pyselect.Select([]any{client, element()}, nil, nil, 0)
				Expect(err).To(support.Raise(builtins.OSError, winError(windows.WSAENOTSOCK)))
				Expect(err).To(MatchError(windows.WSAENOTSOCK))
			},
			Entry("a file (*os.File)", func() any {
				skipUnderWine("Wine 8 fails a file handle with WSAEOPNOTSUPP (10045), not WSAENOTSOCK")
				f, err := os.CreateTemp(GinkgoT().TempDir(), "select")
				Expect(err).NotTo(HaveOccurred())
				DeferCleanup(f.Close)
				return f
			}),
			Entry("a pipe's read end", func() any {
				skipUnderWine("Wine 8 fails a pipe handle with WSAEOPNOTSUPP (10045), not WSAENOTSOCK")
				r, w, err := os.Pipe()
				Expect(err).NotTo(HaveOccurred())
				DeferCleanup(r.Close)
				DeferCleanup(w.Close)
				return r
			}),
			Entry("the handle of a closed socket (test_select.py::test_errno)", func() any {
				ln, err := net.ListenTCP("tcp4", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
				Expect(err).NotTo(HaveOccurred())
				h := handle(ln)
				Expect(ln.Close()).To(Succeed())
				return h
			}),
			Entry("a handle past FD_SETSIZE that is no socket (no range check)", func() any {
				return 1 << 20
			}),
		)
	})

	When("one list holds more than FD_SETSIZE (512) elements", func() {
		// Source: Modules/selectmodule.c: FD_SETSIZE is defined as 512 on
		// Windows; seq2set: "too many file descriptors in select()" once a
		// list has more; duplicates count.
		DescribeTable("fails with ValueError",
			func(list int) {
				client, _ := support.TCPPair()
				lists := [3][]*net.TCPConn{}
				for range winFdSetSize + 1 {
					lists[list] = append(lists[list], client)
				}
				_, _, _, err := pyselect.Select(lists[0], lists[1], lists[2], 0)
				Expect(err).To(support.Raise(builtins.ValueError, msgTooMany))
			},
			Entry("rlist", 0),
			Entry("wlist", 1),
			Entry("xlist", 2),
		)

		It("takes exactly 512 elements of one socket, and pyselect.FD_SETSIZE says 512", func() {
			Expect(pyselect.FD_SETSIZE).To(Equal(winFdSetSize))
			client, _ := support.TCPPair()
			w := make([]*net.TCPConn, winFdSetSize)
			for i := range w {
				w[i] = client
			}
			_, got, _, err := pyselect.Select(nil, w, nil, 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(got).To(Equal(w))
		})
	})

	When("one list holds 512 distinct sockets", func() {
		// Source: Modules/selectmodule.c: FD_SETSIZE 512 on Windows, and
		// no _PyIsSelectable_fd range check under _MSC_VER: the fd_set is
		// an array of handles, whatever their values.
		// The sockets are UDP sockets made with Winsock directly: Go's
		// net.ListenUDP fails under Wine 8 (its WSAIoctl
		// SIO_UDP_CONNRESET is WSAEOPNOTSUPP there).
		It("reports all 512 writable, handle values of 512 and more included", func(ctx SpecContext) {
			socks := make([]int, winFdSetSize)
			maxHandle := 0
			for i := range socks {
				s, err := windows.Socket(windows.AF_INET, windows.SOCK_DGRAM, windows.IPPROTO_UDP)
				Expect(err).NotTo(HaveOccurred())
				DeferCleanup(windows.Closesocket, s)
				Expect(windows.Bind(s, loopback(0))).To(Succeed())
				socks[i] = int(s)
				maxHandle = max(maxHandle, int(s))
			}
			Expect(maxHandle).To(BeNumerically(">=", winFdSetSize), "some handle value is past FD_SETSIZE")
			_, w, _, err := pyselect.Select(nil, socks, nil, 5)
			Expect(err).NotTo(HaveOccurred())
			Expect(w).To(Equal(socks))
		}, SpecTimeout(60*time.Second))
	})

	// Source: PyObject_AsFileDescriptor (Objects/fileobject.c), the same
	// on Windows; test_select.py::test_error_conditions ([Nope()]).
	DescribeTable("converts each element as CPython's PyObject_AsFileDescriptor",
		func(element any, cls builtins.Exception, msg string) {
			client, _ := support.TCPPair()
			_, _, _, err := pyselect.Select([]any{client}, []any{element}, nil, 0)
			Expect(err).To(support.Raise(cls, msg))
		},
		Entry("When an element has no fileno(), it fails with TypeError", struct{}{}, builtins.TypeError, msgNotFileno),
		Entry("When an element is a negative int, it fails with ValueError", -1, builtins.ValueError, "file descriptor cannot be a negative integer (-1)"),
		Entry("When an element is past C int, it fails with OverflowError", int64(math.MaxInt32)+1, builtins.OverflowError, "Python int too large to convert to C int"),
	)

	// Source: Modules/selectmodule.c: the same _PyTime_FromSecondsObject
	// and _PyTime_AsTimeval(ROUND_TIMEOUT) as on Unix; messages as probed
	// with CPython 3.11.7 (SEMANTICS.md#timeout-messages);
	// test_select.py::test_error_conditions ("not a number", -1). An
	// accepted timeout is checked with a writable socket, so the call
	// returns at once whatever the timeout.
	DescribeTable("converts its timeout (seconds) as on Unix",
		func(timeout any, cls builtins.Exception, msg string) {
			client, _ := support.TCPPair()
			_, w, _, err := pyselect.Select(nil, []*net.TCPConn{client}, nil, timeout)
			if cls != "" {
				Expect(err).To(support.Raise(cls, msg))
				return
			}
			Expect(err).NotTo(HaveOccurred())
			Expect(w).To(Equal([]*net.TCPConn{client}))
		},
		Entry("When the timeout is nil (None), it is accepted", nil, builtins.Exception(""), ""),
		Entry("When the timeout is 1e-9 (rounds up to 1 µs), it is accepted", 1e-9, builtins.Exception(""), ""),
		Entry("When the timeout is 2**31 s (past Winsock's 32-bit tv_sec: clamped), it is accepted", int64(1)<<31, builtins.Exception(""), ""),
		Entry("When the timeout is -1, it fails with ValueError", -1, builtins.ValueError, msgWinNegative),
		Entry("When the timeout is -1e-300, it fails with ValueError", -1e-300, builtins.ValueError, msgWinNegative),
		Entry("When the timeout is NaN, it fails with ValueError", math.NaN(), builtins.ValueError, "Invalid value NaN (not a number)"),
		Entry("When the timeout is +inf, it fails with OverflowError", math.Inf(1), builtins.OverflowError, "timestamp out of range for platform time_t"),
		Entry("When the timeout is 9223372037, it fails with OverflowError", int64(9223372037), builtins.OverflowError, "timestamp too large to convert to C _PyTime_t"),
		Entry(`When the timeout is "not a number", it fails with TypeError`, "not a number", builtins.TypeError, "timeout must be a float or None"),
	)

	When("nothing becomes ready", func() {
		// Source: Python docs: "The return value is a triple of lists of
		// objects that are ready ... the empty triple on timeout"; Winsock
		// select: "The maximum time for select to wait".
		It("returns three empty lists after the timeout, within [timeout - 16 ms, timeout + 500 ms]", func(ctx SpecContext) {
			_, server := support.TCPPair()
			start := time.Now()
			r, w, x, err := pyselect.Select([]*net.TCPConn{server}, nil, []*net.TCPConn{server}, 0.2)
			elapsed := time.Since(start)
			Expect(err).NotTo(HaveOccurred())
			Expect(r).To(BeEmpty())
			Expect(w).To(BeEmpty())
			Expect(x).To(BeEmpty())
			Expect(elapsed).To(BeNumerically(">=", 200*time.Millisecond-winTick))
			Expect(elapsed).To(BeNumerically("<", 700*time.Millisecond))
		}, SpecTimeout(5*time.Second))
	})

	When("the timeout is nil (None) and data arrives later", func() {
		// Source: Python docs: "When the timeout argument is omitted the
		// function blocks until at least one file descriptor is ready".
		It("blocks until the socket is readable", func(ctx SpecContext) {
			client, server := support.TCPPair()
			write := time.AfterFunc(100*time.Millisecond, func() { client.Write([]byte("x")) })
			DeferCleanup(write.Stop)
			start := time.Now()
			r, _, _, err := pyselect.Select([]*net.TCPConn{server}, nil, nil, nil)
			Expect(err).NotTo(HaveOccurred())
			Expect(r).To(Equal([]*net.TCPConn{server}))
			Expect(time.Since(start)).To(BeNumerically(">=", 100*time.Millisecond-winTick))
		}, SpecTimeout(10*time.Second))
	})

	When("a peer writes ten lines and closes (test_select over a socket)", func() {
		// Source: test_select.py::test_select: select with timeouts 0, 1,
		// 2, 4, 8, 16 then None; each result is ([], [], []) or exactly
		// ([reader], [], []), the same object; read lines until EOF.
		It("reports the reader in rlist only when a line or EOF is there", func(ctx SpecContext) {
			client, server := support.TCPPair()
			done := make(chan struct{})
			go func() {
				defer GinkgoRecover()
				defer close(done)
				defer client.Close()
				for range 10 {
					_, err := client.Write([]byte("testing...\n"))
					Expect(err).NotTo(HaveOccurred())
					time.Sleep(20 * time.Millisecond) // the peer's pace, as the test's shell loop
				}
			}()
			DeferCleanup(func() { <-done })
			timeouts := []any{0, 1, 2, 4, 8, 16}
			for range 30 {
				timeouts = append(timeouts, nil)
			}
			in := bufio.NewReader(server)
			lines := 0
			for _, t := range timeouts {
				r, w, x, err := pyselect.Select([]*net.TCPConn{server}, nil, nil, t)
				Expect(err).NotTo(HaveOccurred())
				Expect(w).To(BeEmpty())
				Expect(x).To(BeEmpty())
				if len(r) == 0 {
					continue
				}
				Expect(r).To(HaveExactElements(BeIdenticalTo(server)))
				line, err := in.ReadString('\n')
				if err == io.EOF {
					Expect(line).To(BeEmpty())
					Expect(lines).To(Equal(10))
					return
				}
				Expect(err).NotTo(HaveOccurred())
				Expect(line).To(Equal("testing...\n"))
				lines++
			}
			Fail("no EOF after 36 selects")
		}, SpecTimeout(30*time.Second))
	})
})

// What Python's select module does on Unix but not on Windows: kept in
// the catalogue, skipped here with the reason, so the report shows them.
var _ = describe("select.select", "", Label("api:select", "os:windows"), func() {
	// Python: test_select.py::test_select
	It("reports a pipe readable once data is written", func() {
		Skip("Windows select() takes sockets only: a pipe is WSAENOTSOCK (checked above); test_select runs above over a socket")
	})
	// Python: test_select.py::test_errno
	It("fails with OSError EBADF for a closed fd", func() {
		Skip("Winsock has no EBADF: a closed socket handle is WSAENOTSOCK, [WinError 10038] (checked above)")
	})
	It(`fails with ValueError "filedescriptor out of range in select()" for an fd >= FD_SETSIZE`, func() {
		Skip("CPython skips the fd range check on Windows (_MSC_VER): any handle value goes into the array (checked above)")
	})
	It("waits out the timeout when all three lists are empty", func() {
		Skip("Winsock fails three empty sets with WSAEINVAL, [WinError 10022] (checked above)")
	})
	It("reports a regular file always readable and writable", func() {
		Skip("Windows select() takes sockets only: a file is WSAENOTSOCK (checked above)")
	})
})

var _ = describe("select.PIPE_BUF", "", Label("api:select", "os:windows"), func() {
	// Source: https://docs.python.org/3/library/select.html#select.PIPE_BUF (Availability: Unix)
	It("is the number of bytes a pipe write is atomic up to", func() {
		Skip("Unix only: Python's select module on Windows has no PIPE_BUF, nor has pyselect (sys/pyselect/api_windows_test.go)")
	})
})

var _ = describe("select.poll", "", Label("api:poll", "os:windows"), func() {
	// Source: https://docs.python.org/3/library/select.html#select.poll "(Not supported by all operating systems.)": Windows has none
	It("exists", func() {
		Skip("Python on Windows has no select.poll; pyselect.Poll is not built on windows (sys/pyselect/api_windows_test.go)")
	})
})

var _ = describe("select.epoll", "", Label("api:epoll", "os:windows"), func() {
	// Source: https://docs.python.org/3/library/select.html#select.epoll "(Only supported on Linux 2.5.44 and newer.)"
	It("exists", func() {
		Skip("Linux only; pyselect.Epoll is not built on windows (sys/pyselect/api_windows_test.go)")
	})
})

var _ = describe("select.kqueue", "", Label("api:kqueue", "os:windows"), func() {
	// Source: https://docs.python.org/3/library/select.html#select.kqueue "(Only supported on BSD.)"
	It("exists", func() {
		Skip("BSD and macOS only; pyselect.Kqueue is not built on windows (sys/pyselect/api_windows_test.go)")
	})
})
