// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package conformance_test

import (
	"errors"
	"io"
	"net"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// The forms a line-by-line port relies on (the README's porting table):
// fileno() as a value, "except" on the errors of net and os, masks in
// variables, poll and epoll behind one interface, hasattr, and the empty
// select.

var _ = describe("socket.fileno() and io.IOBase.fileno()", "", Label("api:fileno"), func() {
	// Source: https://docs.python.org/3/library/socket.html#socket.socket.fileno
	// "Return the socket's file descriptor (a small integer), or -1 on failure."
	// Python: test_socket.py::GeneralModuleTests::test_socket_fileno
	When("the socket is open", func() {
		It("is its descriptor, the one select watches", func() {
			client, _ := support.TCPPair()
			fd := pyselect.Fileno(client)
			Expect(pyselect.AsFileDescriptor(client)).To(Equal(fd))
			_, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
			Expect(err).NotTo(HaveOccurred(), "fd %d is open", fd)
		})
	})
	When("the socket is closed", func() {
		It("is -1, with no exception, as Python's socket.fileno()", func() {
			client, _ := support.TCPPair()
			client.Close()
			fd, err := pyselect.FilenoErr(client)
			Expect(err).NotTo(HaveOccurred())
			Expect(fd).To(Equal(-1))
			Expect(pyselect.Fileno(client)).To(Equal(-1))
		})
		It("is KeyError: -1 when its fd is looked up in a dict (del fdmap[fd])", func() {
			client, _ := support.TCPPair()
			fdmap := map[int]net.Conn{pyselect.Fileno(client): client}
			client.Close()
			Expect(builtins.Del(fdmap, pyselect.Fileno(client))).To(support.Raise(builtins.KeyError, "-1"))
			Expect(fdmap).To(HaveLen(1))
		})
		It("is ValueError for an fd argument, as PyObject_AsFileDescriptor refuses -1", func() {
			// Source: Objects/fileobject.c: PyObject_AsFileDescriptor
			client, _ := support.TCPPair()
			client.Close()
			_, err := pyselect.AsFileDescriptor(client)
			Expect(err).To(support.Raise(builtins.ValueError, "file descriptor cannot be a negative integer (-1)"))
		})
	})
	When("the file is closed", func() {
		// Source: https://docs.python.org/3/library/io.html#io.IOBase.fileno
		// Python: test_io.py::IOTest::test_closefd_attr (closed file ops raise ValueError)
		It("raises ValueError: I/O operation on closed file, and Fileno is -1", func() {
			r, w := support.FilePipe()
			w.Close()
			r.Close()
			_, err := pyselect.FilenoErr(r)
			Expect(err).To(support.Raise(builtins.ValueError, "I/O operation on closed file"))
			Expect(pyselect.Fileno(r)).To(Equal(-1))
		})
	})
	When("the value is nil", func() {
		It("raises AttributeError, as None.fileno()", func() {
			_, err := pyselect.FilenoErr((*net.TCPConn)(nil))
			Expect(err).To(support.Raise(builtins.AttributeError, "'NoneType' object has no attribute 'fileno'"))
		})
	})
})

// netErrors are errors of Go's net package carrying an errno, made for
// real on loopback, with the class and errno CPython raises for the same
// socket operation.
var netErrors = map[string]struct {
	make  func() error
	cls   builtins.Exception
	errno syscall.Errno
}{
	"a read after an RST": {func() error {
		client, server := support.TCPPair()
		Expect(server.SetLinger(0)).To(Succeed())
		server.Close()
		client.SetReadDeadline(time.Now().Add(10 * time.Second))
		_, err := client.Read(make([]byte, 1))
		return err
	}, builtins.ConnectionResetError, unix.ECONNRESET},
	"a connect to a closed port": {func() error {
		ln, err := net.Listen("tcp4", "127.0.0.1:0")
		Expect(err).NotTo(HaveOccurred())
		addr := ln.Addr().String()
		ln.Close()
		c, err := net.Dial("tcp4", addr)
		if err == nil {
			c.Close()
		}
		return err
	}, builtins.ConnectionRefusedError, unix.ECONNREFUSED},
	"a write after the peer closed": {func() error {
		ln, err := net.Listen("unix", filepath.Join(GinkgoT().TempDir(), "s"))
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(ln.Close)
		c, err := net.Dial("unix", ln.Addr().String())
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(c.Close)
		s, err := ln.Accept()
		Expect(err).NotTo(HaveOccurred())
		s.Close()
		_, err = c.Write([]byte("x"))
		return err
	}, builtins.BrokenPipeError, unix.EPIPE},
}

var _ = describe("builtins.OSError", "sockets", Label("api:errors"), func() {
	// Source: PEP 3151 (the errno selects the OSError subclass);
	// https://docs.python.org/3/library/exceptions.html#os-exceptions
	// Python: test_exceptions.py::ExceptionTests::testAttributes
	for what, c := range netErrors {
		When(what, func() {
			It("matches except "+string(c.cls)+", ConnectionError, OSError; str(e) \"[Errno N] strerror\"", func() {
				err := c.make()
				var op *net.OpError
				Expect(errors.As(err, &op)).To(BeTrue(), "a *net.OpError, not pyselect's: %#v", err)
				Expect(builtins.Except(err, c.cls)).To(BeTrue())
				Expect(builtins.Except(err, builtins.ConnectionError, builtins.OSError)).To(BeTrue())
				Expect(builtins.Except(err, builtins.ValueError, builtins.TimeoutError)).To(BeFalse())
				e := builtins.AsError(err)
				Expect(e).To(support.RaiseErrno(c.cls, c.errno))
				Expect(builtins.Str(err)).To(Equal(e.Message))
				Expect(e.Message).To(HavePrefix("[Errno "))
			})
		})
	}
	When("a read or write deadline passes", func() {
		// Python: a socket with a timeout raises TimeoutError("timed out"), errno None
		// (https://docs.python.org/3/library/socket.html#socket.timeout).
		It("is TimeoutError: timed out, with no errno", func() {
			client, _ := support.TCPPair()
			client.SetReadDeadline(time.Now())
			_, err := client.Read(make([]byte, 1))
			Expect(builtins.AsError(err)).To(support.Raise(builtins.TimeoutError, "timed out"))
			Expect(builtins.AsError(err).Errno).To(BeZero())
		})
	})
	When("the socket was closed by this program", func() {
		It("is OSError EBADF, as recv on a closed Python socket", func() {
			client, _ := support.TCPPair()
			client.Close()
			_, err := client.Read(make([]byte, 1))
			Expect(builtins.AsError(err)).To(support.RaiseErrno(builtins.OSError, unix.EBADF))
		})
	})
	When("the peer closed politely", func() {
		It("raises nothing: io.EOF is Python's b''", func() {
			client, server := support.TCPPair()
			server.Close()
			_, err := client.Read(make([]byte, 1))
			Expect(err).To(Equal(io.EOF))
			Expect(builtins.AsError(err)).To(BeNil())
			Expect(builtins.Except(err, builtins.OSError)).To(BeFalse())
		})
	})
	When("the error has no Python class", func() {
		It("is still caught by except Exception", func() {
			err := errors.New("a Go error")
			Expect(builtins.Except(err, builtins.PyException)).To(BeTrue())
			Expect(builtins.Except(err, builtins.OSError)).To(BeFalse())
			Expect(builtins.Str(err)).To(Equal("a Go error"))
		})
	})
	When("a caller edits the *Error it got through errors.As", func() {
		It("leaves the next call's error as CPython raises it", func() {
			call := func() error { _, _, _, err := pyselect.Select([]any{"x"}, nil, nil, 0); return err }
			var e *builtins.Error
			Expect(errors.As(call(), &e)).To(BeTrue())
			e.Exception, e.Message = builtins.KeyError, "edited"
			Expect(call()).To(support.Raise(builtins.TypeError, "argument must be an int, or have a fileno() method."))
		})
	})
})

var _ = describe("select.poll.poll", "masks", Label("api:poll"), func() {
	// Source: https://docs.python.org/3/library/select.html#select.poll.register
	// Python: test_poll.py::PollTests::test_poll1 (masks built with |)
	When("a mask is held in a variable and combined with events", func() {
		It("flows into register and modify and compares with Event.Events", func() {
			readOnly := pyselect.POLLIN | pyselect.POLLPRI
			r, w := support.Pipe()
			p := pyselect.NewPoll()
			Expect(p.Register(r, readOnly)).To(Succeed())
			Expect(p.Register(w, readOnly)).To(Succeed())
			support.Write(w, []byte("x"))
			evs, err := p.Poll(0)
			Expect(err).NotTo(HaveOccurred())
			Expect(evs).To(ConsistOf(pyselect.Event{Fd: r, Events: pyselect.POLLIN}))
			Expect(p.Modify(w, evs[0].Events|pyselect.POLLOUT)).To(Succeed())
			evs, err = p.Poll(0)
			Expect(err).NotTo(HaveOccurred())
			Expect(evs).To(ContainElement(pyselect.Event{Fd: w, Events: pyselect.POLLOUT}))
		})
	})
})

var _ = describe("select", "hasattr(select, name)", Label("api:select"), func() {
	// Source: https://docs.python.org/3/library/select.html ("Availability" of each object)
	When("code picks epoll or poll", func() {
		It("gets epoll exactly where hasattr(select, 'epoll'), and either answers the Poller calls", func() {
			impl, err := pyselect.NewPoller()
			Expect(err).NotTo(HaveOccurred())
			if c, ok := impl.(interface{ Close() error }); ok {
				DeferCleanup(c.Close)
			}
			// An epoll object has a descriptor to close; a poll object has none.
			_, isEpoll := impl.(interface{ Close() error })
			Expect(isEpoll).To(Equal(pyselect.HasEpoll))
			Expect(pyselect.Hasattr("epoll")).To(Equal(pyselect.HasEpoll))
			_, w := support.Pipe()
			Expect(impl.Register(w, pyselect.POLLOUT)).To(Succeed())
			evs, err := impl.Poll(0)
			Expect(err).NotTo(HaveOccurred())
			Expect(evs).To(Equal([]pyselect.Event{{Fd: w, Events: pyselect.POLLOUT}}))
			Expect(impl.Unregister(w)).To(Succeed())
		})
	})
	When("the name is no attribute of the module", func() {
		It("is false", func() {
			Expect(pyselect.Hasattr("kqueue_not")).To(BeFalse())
			Expect(slices.ContainsFunc([]string{"select", "poll", "error", "POLLIN", "PIPE_BUF"}, func(n string) bool { return !pyselect.Hasattr(n) })).To(BeFalse())
		})
	})
})

var _ = describe("select.select", "", Label("api:select"), func() {
	// Source: select(2) "Some code calls select() with all three sets empty,
	// nfds zero, and a non-NULL timeout as a fairly portable way to sleep".
	// Python: test_select.py::SelectTestCase::test_returned_list_identity
	When("all three lists are empty", func() {
		It("sleeps for the timeout and returns three empty lists", SpecTimeout(10*time.Second), func(ctx SpecContext) {
			start := time.Now()
			r, w, x, err := pyselect.Select[int](nil, nil, nil, 0.02)
			Expect(err).NotTo(HaveOccurred())
			Expect(time.Since(start)).To(BeNumerically(">=", 20*time.Millisecond))
			Expect([][]int{r, w, x}).To(Equal([][]int{{}, {}, {}}))
		})
	})
})
