// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package conformance_test

import (
	"math"
	"net"
	"os"
	"strconv"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// fd conversion: every fd argument of select.select, poll.register,
// poll.modify and poll.unregister goes through PyObject_AsFileDescriptor
// (SEMANTICS.md#fd-conversion). Each path below is checked with the
// same inputs: what one accepts, all accept; what one rejects, all reject
// with the same class and message.

// fdconvPath is one API that takes an fd argument. use hands it v and
// reports the fd it ended up watching (for a valid v) or the error.
type fdconvPath struct {
	api    string
	labels Labels
	// use passes v, which stands for fd (a pipe's write end, open and
	// writable) and reports what fd the API saw, or the error.
	use func(v any, fd int) (int, error)
}

var fdconvPaths = []fdconvPath{
	{"select.select", Label("api:select"), func(v any, fd int) (int, error) {
		// Source: CPython Modules/selectmodule.c seq2set: each element
		// through PyObject_AsFileDescriptor; the result holds the element.
		_, w, _, err := pyselect.Select(nil, []any{v}, nil, 0)
		if err != nil {
			return -1, err
		}
		Expect(w).To(HaveLen(1), "a writable pipe end is reported in wlist")
		Expect(w[0]).To(BeIdenticalTo(v), "the result holds the caller's own element")
		return fd, nil
	}},
	{"select.poll.register", Label("api:poll"), func(v any, fd int) (int, error) {
		p := pyselect.NewPoll()
		if err := p.Register(v, pyselect.POLLOUT); err != nil {
			return -1, err
		}
		return polledFd(p)
	}},
	{"select.poll.modify", Label("api:poll"), func(v any, fd int) (int, error) {
		p := pyselect.NewPoll()
		Expect(p.Register(fd, pyselect.POLLIN)).To(Succeed())
		if err := p.Modify(v, pyselect.POLLOUT); err != nil {
			return -1, err
		}
		return polledFd(p)
	}},
	{"select.poll.unregister", Label("api:poll"), func(v any, fd int) (int, error) {
		p := pyselect.NewPoll()
		Expect(p.Register(fd, pyselect.POLLOUT)).To(Succeed())
		if err := p.Unregister(v); err != nil {
			return -1, err
		}
		Expect(p.Poll(0)).To(BeEmpty(), "nothing is left registered")
		return fd, nil
	}},
}

// polledFd polls p without waiting and returns the one fd it reports
// POLLOUT for.
func polledFd(p *pyselect.Poll) (int, error) {
	GinkgoHelper()
	evs, err := p.Poll(0)
	Expect(err).NotTo(HaveOccurred())
	Expect(evs).To(HaveLen(1))
	Expect(evs[0].Events & pyselect.POLLOUT).NotTo(BeZero())
	return evs[0].Fd, nil
}

// fdconvValid is an input CPython accepts: make returns the value to pass
// for a writable descriptor, and that descriptor.
type fdconvValid struct {
	what string
	make func() (v any, fd int)
}

func osPipeW() (*os.File, int) {
	GinkgoHelper()
	_, w := support.FilePipe()
	return w, support.ConnFd(w)
}

var fdconvValids = []fdconvValid{
	{"an int", func() (any, int) { w := readyWriter(); return w, w }},
	{"an int8", func() (any, int) { w := readyWriter(); return int8(w), w }},
	{"an int16", func() (any, int) { w := readyWriter(); return int16(w), w }},
	{"an int32", func() (any, int) { w := readyWriter(); return int32(w), w }},
	{"an int64", func() (any, int) { w := readyWriter(); return int64(w), w }},
	{"a uint", func() (any, int) { w := readyWriter(); return uint(w), w }},
	{"a uint8", func() (any, int) { w := readyWriter(); return uint8(w), w }},
	{"a uint16", func() (any, int) { w := readyWriter(); return uint16(w), w }},
	{"a uint32", func() (any, int) { w := readyWriter(); return uint32(w), w }},
	{"a uint64", func() (any, int) { w := readyWriter(); return uint64(w), w }},
	{"a uintptr", func() (any, int) { w := readyWriter(); return uintptr(w), w }},
	{"a named integer type (Python: an int subclass)", func() (any, int) { w := readyWriter(); return support.NamedFd(w), w }},
	{"a Filenoer (Python: an object with fileno())", func() (any, int) { w := readyWriter(); return support.FilenoObj(w), w }},
	{"a value whose Fileno() returns a uintptr", func() (any, int) {
		w := readyWriter()
		return support.FilenoUintptr{Handle: uintptr(w)}, w
	}},
	{"a *os.File", func() (any, int) { return osPipeW() }},
	{"a *net.TCPConn", func() (any, int) {
		c, _ := support.TCPPair()
		return c, support.ConnFd(c)
	}},
	{"a net.Conn interface value", func() (any, int) {
		c, _ := support.TCPPair()
		var conn net.Conn = c
		return conn, support.ConnFd(c)
	}},
}

// fdconvInvalid is an input CPython rejects, with the class and message
// it raises (probed with CPython 3.11.7, SEMANTICS.md#fd-conversion).
type fdconvInvalid struct {
	what string
	make func() any
	cls  builtins.Exception
	msg  string
	// needs64 marks a value a 32-bit int cannot hold.
	needs64 bool
}

const errNotFileno = "argument must be an int, or have a fileno() method."

var fdconvInvalids = []fdconvInvalid{
	{what: "-1", make: func() any { return -1 }, cls: builtins.ValueError, msg: "file descriptor cannot be a negative integer (-1)"},
	{what: "-2**31 (C INT_MIN)", make: func() any { return int64(math.MinInt32) }, cls: builtins.ValueError, msg: "file descriptor cannot be a negative integer (-2147483648)"},
	{what: "2**31 (one past C INT_MAX)", make: func() any { return int64(math.MaxInt32) + 1 }, cls: builtins.OverflowError, msg: "Python int too large to convert to C int"},
	{what: "-2**31-1 (one below C INT_MIN)", make: func() any { return int64(math.MinInt32) - 1 }, cls: builtins.OverflowError, msg: "Python int too large to convert to C int"},
	{what: "2**64-1 as a uint64", make: func() any { return uint64(math.MaxUint64) }, cls: builtins.OverflowError, msg: "Python int too large to convert to C int"},
	{what: "2**32 as a uint32-wrapping uint64", make: func() any { return uint64(1) << 32 }, cls: builtins.OverflowError, msg: "Python int too large to convert to C int"},
	{what: "a Filenoer whose Fileno() is -5", make: func() any { return support.FilenoObj(-5) }, cls: builtins.ValueError, msg: "file descriptor cannot be a negative integer (-5)"},
	{what: "a Filenoer whose Fileno() is 2**31", make: func() any { big := int64(math.MaxInt32) + 1; return support.FilenoObj(big) }, cls: builtins.OverflowError, msg: "Python int too large to convert to C int", needs64: true},
	{what: "a float64", make: func() any { return 3.0 }, cls: builtins.TypeError, msg: errNotFileno},
	{what: "a string", make: func() any { return "3" }, cls: builtins.TypeError, msg: errNotFileno},
	{what: "nil (None)", make: func() any { return nil }, cls: builtins.TypeError, msg: errNotFileno},
	{what: "an object with no Fileno (test_select.py's Nope)", make: func() any { return support.Nope{} }, cls: builtins.TypeError, msg: errNotFileno},
	{what: "test_select.py's Almost (Fileno returns a string)", make: func() any { return support.Almost{} }, cls: builtins.TypeError, msg: "fileno() returned a non-integer"},
	{what: "a poll object (test_poll.py: register(p))", make: func() any { return pyselect.NewPoll() }, cls: builtins.TypeError, msg: errNotFileno},
	{what: "a slice of ints", make: func() any { return []int{3} }, cls: builtins.TypeError, msg: errNotFileno},
}

func init() {
	for _, path := range fdconvPaths {
		describe(path.api, "fd arguments", path.labels, func() {
			valid := []TableEntry{}
			// Source: https://docs.python.org/3/library/select.html#select.select
			// "objects with a fileno() method ... or raw file descriptors";
			// SEMANTICS.md#fd-conversion (probed CPython 3.11.7).
			for _, in := range fdconvValids {
				valid = append(valid, Entry("When the fd is "+in.what+", it watches it", in))
			}
			DescribeTable("accepts",
				func(in fdconvValid) {
					v, fd := in.make()
					Expect(path.use(v, fd)).To(Equal(fd))
				}, valid)

			invalid := []TableEntry{}
			// Source: SEMANTICS.md#fd-conversion, probed CPython 3.11.7:
			// select([-1],[],[]) -> ValueError "file descriptor cannot be a
			// negative integer (-1)"; select([2**31],[],[]) -> OverflowError
			// "Python int too large to convert to C int"; select([1.0],[],[])
			// -> TypeError "argument must be an int, or have a fileno()
			// method."; test_select.py::test_error_conditions and
			// test_poll.py::test_poll_unit_tests (Nope, Almost, register(p));
			// Objects/fileobject.c: PyObject_AsFileDescriptor ("fileno()
			// returned a non-integer" for Almost).
			for _, in := range fdconvInvalids {
				desc := "When the fd is " + in.what + ", it raises " + string(in.cls)
				invalid = append(invalid, Entry(desc, in))
			}
			DescribeTable("rejects",
				func(in fdconvInvalid) {
					if in.needs64 && strconv.IntSize < 64 {
						Skip("a Fileno() int cannot hold 2**31 on a 32-bit GOARCH")
					}
					w := readyWriter()
					var err error
					Expect(func() { _, err = path.use(in.make(), w) }).NotTo(Panic())
					Expect(err).To(support.Raise(in.cls, in.msg))
				}, invalid)

			// Source: Go os.File.Fd doc ("the file descriptor is put into
			// blocking mode"); SEMANTICS.md#fd-conversion-go: SyscallConn().Control instead.
			It("leaves a non-blocking *os.File non-blocking (reads the fd with SyscallConn, never Fd)", func() {
				f, fd := osPipeW()
				_, err := path.use(f, fd)
				Expect(err).NotTo(HaveOccurred())
				fl, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
				Expect(err).NotTo(HaveOccurred())
				Expect(fl & unix.O_NONBLOCK).NotTo(BeZero())
			})

			// Source: probed CPython 3.11.7: f = open(...); f.close();
			// select([f],[],[],0) -> ValueError "I/O operation on closed
			// file" (raised by fileno(), propagated by
			// PyObject_AsFileDescriptor, SEMANTICS.md#fd-conversion).
			It("fails with ValueError \"I/O operation on closed file\" when given a closed *os.File", func() {
				f, fd := osPipeW()
				Expect(f.Close()).To(Succeed())
				var err error
				Expect(func() { _, err = path.use(f, fd) }).NotTo(Panic())
				Expect(err).To(support.Raise(builtins.ValueError, "I/O operation on closed file"))
			})

			// Source: probed CPython 3.11.7: class LogFile(io.FileIO): pass;
			// f = LogFile(w, 'w'); f.close(); select([],[f],[],0) ->
			// ValueError "I/O operation on closed file" (a file class of the
			// program's own is a file; SEMANTICS.md#fd-conversion).
			It("fails with ValueError \"I/O operation on closed file\" when given a closed value that embeds an *os.File", func() {
				f, fd := osPipeW()
				logFile := struct{ *os.File }{f}
				Expect(logFile.Close()).To(Succeed())
				var err error
				Expect(func() { _, err = path.use(logFile, fd) }).NotTo(Panic())
				Expect(err).To(support.Raise(builtins.ValueError, "I/O operation on closed file"))
			})

			// Source: probed CPython 3.11.7: s = socket.socket(); s.close();
			// select([s],[],[],0) -> ValueError "file descriptor cannot be a
			// negative integer (-1)" (a closed socket's fileno() is -1).
			It("fails with ValueError \"file descriptor cannot be a negative integer (-1)\" when given a closed net.Conn", func() {
				c, _ := support.TCPPair()
				Expect(c.Close()).To(Succeed())
				var err error
				Expect(func() { _, err = path.use(c, readyWriter()) }).NotTo(Panic())
				Expect(err).To(support.Raise(builtins.ValueError, "file descriptor cannot be a negative integer (-1)"))
			})
		})
	}

	// Source: probed CPython 3.11.7: select([True],[],[]) returns [True];
	// bool is an int subclass, True is fd 1 and False fd 0 (SEMANTICS.md#fd-conversion).
	describe("select.poll.unregister", "fd arguments", Label("api:poll"), func() {
		When("the fd is a bool", func() {
			It("treats true as fd 1 and false as fd 0, as Python's True and False", func() {
				p := pyselect.NewPoll()
				Expect(p.Register(1, pyselect.POLLIN)).To(Succeed())
				Expect(p.Unregister(false)).To(support.Raise(builtins.KeyError, "0"))
				Expect(p.Unregister(true)).To(Succeed())
				Expect(p.Register(false, pyselect.POLLIN)).To(Succeed())
				Expect(p.Unregister(0)).To(Succeed())
			})
		})
	})
}
