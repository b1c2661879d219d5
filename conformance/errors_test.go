// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package conformance_test

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"syscall"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// Errors: every failure is a *pyselect.Error with CPython's class and
// message (SEMANTICS.md#errors-classes, SEMANTICS.md#errors-index); errors.Is answers
// isinstance, and an OSError keeps its errno.

var _ = Describe("errors (PEP 3151 OSError subclasses)", Label("api:errors"), func() {
	// Source: PEP 3151 "Compatibility concerns"/errno mapping and CPython
	// Objects/exceptions.c errnomap; every row probed with CPython 3.11.7:
	// type(OSError(errno.X, '')).__mro__ (SEMANTICS.md#errors-classes).
	DescribeTable("maps an errno to the class CPython's PyErr_SetFromErrno raises, a subclass of OSError",
		func(errno syscall.Errno, cls, parent pyselect.Exception) {
			Expect(pyselect.ExceptionOf(errno)).To(Equal(cls))
			Expect(cls.IsSubclass(parent)).To(BeTrue(), "%s derives from %s", cls, parent)
			Expect(cls.IsSubclass(pyselect.OSError)).To(BeTrue())
			Expect(cls.IsSubclass(pyselect.BaseException)).To(BeTrue())
			Expect(cls.IsSubclass(pyselect.ValueError)).To(BeFalse())
		},
		Entry("When the errno is EEXIST, it is FileExistsError", unix.EEXIST, pyselect.FileExistsError, pyselect.OSError),
		Entry("When the errno is ENOENT, it is FileNotFoundError", unix.ENOENT, pyselect.FileNotFoundError, pyselect.OSError),
		Entry("When the errno is EPERM, it is PermissionError", unix.EPERM, pyselect.PermissionError, pyselect.OSError),
		Entry("When the errno is EACCES, it is PermissionError", unix.EACCES, pyselect.PermissionError, pyselect.OSError),
		Entry("When the errno is EINTR, it is InterruptedError", unix.EINTR, pyselect.InterruptedError, pyselect.OSError),
		Entry("When the errno is EAGAIN, it is BlockingIOError", unix.EAGAIN, pyselect.BlockingIOError, pyselect.OSError),
		Entry("When the errno is EALREADY, it is BlockingIOError", unix.EALREADY, pyselect.BlockingIOError, pyselect.OSError),
		Entry("When the errno is EINPROGRESS, it is BlockingIOError", unix.EINPROGRESS, pyselect.BlockingIOError, pyselect.OSError),
		Entry("When the errno is ECHILD, it is ChildProcessError", unix.ECHILD, pyselect.ChildProcessError, pyselect.OSError),
		Entry("When the errno is EPIPE, it is BrokenPipeError, a ConnectionError", unix.EPIPE, pyselect.BrokenPipeError, pyselect.ConnectionError),
		Entry("When the errno is ESHUTDOWN, it is BrokenPipeError, a ConnectionError", unix.ESHUTDOWN, pyselect.BrokenPipeError, pyselect.ConnectionError),
		Entry("When the errno is ECONNABORTED, it is ConnectionAbortedError", unix.ECONNABORTED, pyselect.ConnectionAbortedError, pyselect.ConnectionError),
		Entry("When the errno is ECONNREFUSED, it is ConnectionRefusedError", unix.ECONNREFUSED, pyselect.ConnectionRefusedError, pyselect.ConnectionError),
		Entry("When the errno is ECONNRESET, it is ConnectionResetError", unix.ECONNRESET, pyselect.ConnectionResetError, pyselect.ConnectionError),
		Entry("When the errno is EISDIR, it is IsADirectoryError", unix.EISDIR, pyselect.IsADirectoryError, pyselect.OSError),
		Entry("When the errno is ENOTDIR, it is NotADirectoryError", unix.ENOTDIR, pyselect.NotADirectoryError, pyselect.OSError),
		Entry("When the errno is ESRCH, it is ProcessLookupError", unix.ESRCH, pyselect.ProcessLookupError, pyselect.OSError),
		Entry("When the errno is ETIMEDOUT, it is TimeoutError", unix.ETIMEDOUT, pyselect.TimeoutError, pyselect.OSError),
		Entry("When the errno is EBADF, it is plain OSError", unix.EBADF, pyselect.OSError, pyselect.OSError),
		Entry("When the errno is EINVAL, it is plain OSError", unix.EINVAL, pyselect.OSError, pyselect.OSError),
		Entry("When the errno is ENOMEM, it is plain OSError", unix.ENOMEM, pyselect.OSError, pyselect.OSError),
		Entry("When the errno is EMFILE, it is plain OSError", unix.EMFILE, pyselect.OSError, pyselect.OSError),
	)

	When("select(2) fails with EBADF", func() {
		// Source: test_select.py::test_errno; SEMANTICS.md#errors-classes (The message is [Errno
		// N] strerror); probed: "OSError: [Errno 9] Bad file descriptor".
		It("is an OSError carrying errno EBADF, matching errors.Is for both, printed as Python prints it", func() {
			if why, ok := selectSkipEBADF[runtime.GOOS]; ok {
				Skip(why)
			}
			_, _, _, err := pyselect.Select([]int{support.ClosedFd()}, nil, nil, 0)
			Expect(errors.Is(err, pyselect.OSError)).To(BeTrue())
			Expect(errors.Is(err, unix.EBADF)).To(BeTrue())
			Expect(errors.Is(err, pyselect.ValueError)).To(BeFalse())
			var e *pyselect.Error
			Expect(errors.As(err, &e)).To(BeTrue())
			Expect(*e).To(Equal(pyselect.Error{Exception: pyselect.OSError, Message: "[Errno 9] Bad file descriptor", Errno: unix.EBADF}))
			Expect(err.Error()).To(Equal("OSError: [Errno 9] Bad file descriptor"))
			Expect(pyselect.ExceptionOf(err)).To(Equal(pyselect.OSError))
		})
	})

	When("poll.modify fails with ENOENT", func() {
		// Source: Python docs poll.modify (OSError with errno ENOENT); PEP
		// 3151 FileNotFoundError; Go io/fs: syscall.ENOENT is fs.ErrNotExist.
		It("is a FileNotFoundError that is also an OSError, unix.ENOENT and fs.ErrNotExist", func() {
			err := pyselect.NewPoll().Modify(0, pyselect.POLLIN)
			Expect(errors.Is(err, pyselect.FileNotFoundError)).To(BeTrue())
			Expect(errors.Is(err, pyselect.OSError)).To(BeTrue())
			Expect(errors.Is(err, unix.ENOENT)).To(BeTrue())
			Expect(errors.Is(err, fs.ErrNotExist)).To(BeTrue())
			Expect(errors.Is(err, fs.ErrExist)).To(BeFalse())
			Expect(err.Error()).To(Equal("FileNotFoundError: [Errno 2] No such file or directory"))
		})
	})
})

var _ = Describe("errors (library exceptions)", Label("api:errors"), func() {
	// Source: Python's exception hierarchy
	// (https://docs.python.org/3/library/exceptions.html#exception-hierarchy):
	// KeyError < LookupError, OverflowError < ArithmeticError, all <
	// Exception; ValueError and RuntimeError are not OSError.
	DescribeTable("matches errors.Is against its class and every base class, and no other",
		func(err func() error, is, isNot []pyselect.Exception) {
			e := err()
			Expect(e).To(HaveOccurred())
			for _, cls := range is {
				Expect(errors.Is(e, cls)).To(BeTrue(), "isinstance(err, %s)", cls)
			}
			for _, cls := range isNot {
				Expect(errors.Is(e, cls)).To(BeFalse(), "not isinstance(err, %s)", cls)
			}
			var pe *pyselect.Error
			Expect(errors.As(e, &pe)).To(BeTrue())
			Expect(pe.Errno).To(BeZero(), "exc.errno is None for a library-level exception")
			Expect(errors.Unwrap(e)).To(BeNil())
		},
		Entry("When poll.unregister raises KeyError, it is a LookupError and an Exception, not a ValueError",
			func() error { return pyselect.NewPoll().Unregister(3) },
			[]pyselect.Exception{pyselect.KeyError, pyselect.LookupError, pyselect.BaseException},
			[]pyselect.Exception{pyselect.ValueError, pyselect.OSError, pyselect.TypeError}),
		Entry("When the timeout overflows, it is an OverflowError and an ArithmeticError, not a ValueError",
			func() error { _, err := pyselect.NewPoll().Poll(int64(1) << 40); return err },
			[]pyselect.Exception{pyselect.OverflowError, pyselect.ArithmeticError, pyselect.BaseException},
			[]pyselect.Exception{pyselect.ValueError, pyselect.OSError, pyselect.LookupError}),
		Entry("When an fd is negative, it is a ValueError, not an OSError",
			func() error { _, _, _, err := pyselect.Select([]int{-1}, nil, nil, 0); return err },
			[]pyselect.Exception{pyselect.ValueError, pyselect.BaseException},
			[]pyselect.Exception{pyselect.OSError, pyselect.TypeError, pyselect.ArithmeticError}),
		Entry("When an fd has the wrong type, it is a TypeError",
			func() error { _, _, _, err := pyselect.Select([]any{"x"}, nil, nil, 0); return err },
			[]pyselect.Exception{pyselect.TypeError, pyselect.BaseException},
			[]pyselect.Exception{pyselect.ValueError, pyselect.OSError}),
	)

	// Source: SEMANTICS.md#errors-classes; the ExceptionOf doc (any error answers
	// "which Python exception is this?" with the class name).
	DescribeTable("ExceptionOf names the Python class of any error",
		func(err error, want pyselect.Exception) {
			Expect(pyselect.ExceptionOf(err)).To(Equal(want))
		},
		Entry("When it is a *pyselect.Error, it gives its class", pyselect.NewPoll().Unregister(3), pyselect.KeyError),
		Entry("When it wraps a *pyselect.Error (fmt.Errorf %w), it gives that class", fmt.Errorf("context: %w", pyselect.NewPoll().Unregister(3)), pyselect.KeyError),
		Entry("When it is a bare syscall.Errno, it gives the PEP 3151 class", error(unix.EEXIST), pyselect.FileExistsError),
		Entry("When it is some other error, it gives \"\"", errors.New("other"), pyselect.Exception("")),
		Entry("When it is nil, it gives \"\"", nil, pyselect.Exception("")),
	)

	// Source: Python prints "KeyError: 3" and str(KeyError(3)) == "3";
	// "ValueError: file descriptor cannot be a negative integer (-1)"
	// (SEMANTICS.md#fd-conversion, SEMANTICS.md#poll-unregister).
	It("prints as the last line of Python's traceback: \"Class: message\"", func() {
		Expect(pyselect.NewPoll().Unregister(3).Error()).To(Equal("KeyError: 3"))
		_, _, _, err := pyselect.Select([]int{-1}, nil, nil, 0)
		Expect(err.Error()).To(Equal("ValueError: file descriptor cannot be a negative integer (-1)"))
		Expect(pyselect.ValueError.Error()).To(Equal("ValueError"))
	})
})
