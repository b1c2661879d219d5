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
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// Errors: every failure is a *builtins.Error with CPython's class and
// message (SEMANTICS.md#errors-classes, SEMANTICS.md#errors-index); errors.Is answers
// isinstance, and an OSError keeps its errno.

var _ = describe("builtins.OSError", "", Label("api:errors"), func() {
	// Source: PEP 3151 "Compatibility concerns"/errno mapping and CPython
	// Objects/exceptions.c errnomap; every row probed with CPython 3.11.7:
	// type(OSError(errno.X, '')).__mro__ (SEMANTICS.md#errors-classes).
	DescribeTable("maps an errno as PyErr_SetFromErrno does",
		func(errno syscall.Errno, cls, parent builtins.Exception) {
			Expect(builtins.ExceptionOf(errno)).To(Equal(cls))
			Expect(cls.IsSubclass(parent)).To(BeTrue(), "%s derives from %s", cls, parent)
			Expect(cls.IsSubclass(builtins.OSError)).To(BeTrue())
			Expect(cls.IsSubclass(builtins.BaseException)).To(BeTrue())
			Expect(cls.IsSubclass(builtins.ValueError)).To(BeFalse())
		},
		Entry("When the errno is EEXIST, it is FileExistsError", unix.EEXIST, builtins.FileExistsError, builtins.OSError),
		Entry("When the errno is ENOENT, it is FileNotFoundError", unix.ENOENT, builtins.FileNotFoundError, builtins.OSError),
		Entry("When the errno is EPERM, it is PermissionError", unix.EPERM, builtins.PermissionError, builtins.OSError),
		Entry("When the errno is EACCES, it is PermissionError", unix.EACCES, builtins.PermissionError, builtins.OSError),
		Entry("When the errno is EINTR, it is InterruptedError", unix.EINTR, builtins.InterruptedError, builtins.OSError),
		Entry("When the errno is EAGAIN, it is BlockingIOError", unix.EAGAIN, builtins.BlockingIOError, builtins.OSError),
		Entry("When the errno is EALREADY, it is BlockingIOError", unix.EALREADY, builtins.BlockingIOError, builtins.OSError),
		Entry("When the errno is EINPROGRESS, it is BlockingIOError", unix.EINPROGRESS, builtins.BlockingIOError, builtins.OSError),
		Entry("When the errno is ECHILD, it is ChildProcessError", unix.ECHILD, builtins.ChildProcessError, builtins.OSError),
		Entry("When the errno is EPIPE, it is BrokenPipeError, a ConnectionError", unix.EPIPE, builtins.BrokenPipeError, builtins.ConnectionError),
		Entry("When the errno is ESHUTDOWN, it is BrokenPipeError, a ConnectionError", unix.ESHUTDOWN, builtins.BrokenPipeError, builtins.ConnectionError),
		Entry("When the errno is ECONNABORTED, it is ConnectionAbortedError", unix.ECONNABORTED, builtins.ConnectionAbortedError, builtins.ConnectionError),
		Entry("When the errno is ECONNREFUSED, it is ConnectionRefusedError", unix.ECONNREFUSED, builtins.ConnectionRefusedError, builtins.ConnectionError),
		Entry("When the errno is ECONNRESET, it is ConnectionResetError", unix.ECONNRESET, builtins.ConnectionResetError, builtins.ConnectionError),
		Entry("When the errno is EISDIR, it is IsADirectoryError", unix.EISDIR, builtins.IsADirectoryError, builtins.OSError),
		Entry("When the errno is ENOTDIR, it is NotADirectoryError", unix.ENOTDIR, builtins.NotADirectoryError, builtins.OSError),
		Entry("When the errno is ESRCH, it is ProcessLookupError", unix.ESRCH, builtins.ProcessLookupError, builtins.OSError),
		Entry("When the errno is ETIMEDOUT, it is TimeoutError", unix.ETIMEDOUT, builtins.TimeoutError, builtins.OSError),
		Entry("When the errno is EBADF, it is plain OSError", unix.EBADF, builtins.OSError, builtins.OSError),
		Entry("When the errno is EINVAL, it is plain OSError", unix.EINVAL, builtins.OSError, builtins.OSError),
		Entry("When the errno is ENOMEM, it is plain OSError", unix.ENOMEM, builtins.OSError, builtins.OSError),
		Entry("When the errno is EMFILE, it is plain OSError", unix.EMFILE, builtins.OSError, builtins.OSError),
	)

	When("select(2) fails with EBADF", func() {
		// Source: test_select.py::test_errno; SEMANTICS.md#errors-classes (The message is [Errno
		// N] strerror); probed: "OSError: [Errno 9] Bad file descriptor".
		It("is an OSError with errno EBADF, errors.Is both, printed as Python prints it", func() {
			if why, ok := selectSkipEBADF[runtime.GOOS]; ok {
				Skip(why)
			}
			_, _, _, err := pyselect.Select([]int{support.ClosedFd()}, nil, nil, 0)
			Expect(errors.Is(err, builtins.OSError)).To(BeTrue())
			Expect(errors.Is(err, unix.EBADF)).To(BeTrue())
			Expect(errors.Is(err, builtins.ValueError)).To(BeFalse())
			var e *builtins.Error
			Expect(errors.As(err, &e)).To(BeTrue())
			Expect(*e).To(Equal(builtins.Error{Exception: builtins.OSError, Message: "[Errno 9] Bad file descriptor", Errno: unix.EBADF}))
			Expect(err.Error()).To(Equal("OSError: [Errno 9] Bad file descriptor"))
			Expect(builtins.ExceptionOf(err)).To(Equal(builtins.OSError))
		})
	})

	When("poll.modify fails with ENOENT", func() {
		// Source: Python docs poll.modify (OSError with errno ENOENT); PEP
		// 3151 FileNotFoundError; Go io/fs: syscall.ENOENT is fs.ErrNotExist.
		It("is a FileNotFoundError that is also an OSError, unix.ENOENT and fs.ErrNotExist", func() {
			err := pyselect.NewPoll().Modify(0, pyselect.POLLIN)
			Expect(errors.Is(err, builtins.FileNotFoundError)).To(BeTrue())
			Expect(errors.Is(err, builtins.OSError)).To(BeTrue())
			Expect(errors.Is(err, unix.ENOENT)).To(BeTrue())
			Expect(errors.Is(err, fs.ErrNotExist)).To(BeTrue())
			Expect(errors.Is(err, fs.ErrExist)).To(BeFalse())
			Expect(err.Error()).To(Equal("FileNotFoundError: [Errno 2] No such file or directory"))
		})
	})
})

var _ = describe("builtins.Except", "", Label("api:errors"), func() {
	// Source: Python's exception hierarchy
	// (https://docs.python.org/3/library/exceptions.html#exception-hierarchy):
	// KeyError < LookupError, OverflowError < ArithmeticError, all <
	// Exception; ValueError and RuntimeError are not OSError.
	DescribeTable("errors.Is matches class and bases",
		func(err func() error, is, isNot []builtins.Exception) {
			e := err()
			Expect(e).To(HaveOccurred())
			for _, cls := range is {
				Expect(errors.Is(e, cls)).To(BeTrue(), "isinstance(err, %s)", cls)
			}
			for _, cls := range isNot {
				Expect(errors.Is(e, cls)).To(BeFalse(), "not isinstance(err, %s)", cls)
			}
			var pe *builtins.Error
			Expect(errors.As(e, &pe)).To(BeTrue())
			Expect(pe.Errno).To(BeZero(), "exc.errno is None for a library-level exception")
			Expect(errors.Unwrap(e)).To(BeNil())
		},
		Entry("When poll.unregister raises KeyError, it is a LookupError and an Exception, not a ValueError",
			func() error { return pyselect.NewPoll().Unregister(3) },
			[]builtins.Exception{builtins.KeyError, builtins.LookupError, builtins.BaseException},
			[]builtins.Exception{builtins.ValueError, builtins.OSError, builtins.TypeError}),
		Entry("When the timeout overflows, it is an OverflowError and an ArithmeticError, not a ValueError",
			func() error { _, err := pyselect.NewPoll().Poll(int64(1) << 40); return err },
			[]builtins.Exception{builtins.OverflowError, builtins.ArithmeticError, builtins.BaseException},
			[]builtins.Exception{builtins.ValueError, builtins.OSError, builtins.LookupError}),
		Entry("When an fd is negative, it is a ValueError, not an OSError",
			func() error { _, _, _, err := pyselect.Select([]int{-1}, nil, nil, 0); return err },
			[]builtins.Exception{builtins.ValueError, builtins.BaseException},
			[]builtins.Exception{builtins.OSError, builtins.TypeError, builtins.ArithmeticError}),
		Entry("When an fd has the wrong type, it is a TypeError",
			func() error { _, _, _, err := pyselect.Select([]any{"x"}, nil, nil, 0); return err },
			[]builtins.Exception{builtins.TypeError, builtins.BaseException},
			[]builtins.Exception{builtins.ValueError, builtins.OSError}),
	)

	// Source: SEMANTICS.md#errors-classes; the ExceptionOf doc (any error answers
	// "which Python exception is this?" with the class name).
	DescribeTable("ExceptionOf names the Python class of any error",
		func(err error, want builtins.Exception) {
			Expect(builtins.ExceptionOf(err)).To(Equal(want))
		},
		Entry("When it is a *builtins.Error, it gives its class", pyselect.NewPoll().Unregister(3), builtins.KeyError),
		Entry("When it wraps a *builtins.Error (fmt.Errorf %w), it gives that class", fmt.Errorf("context: %w", pyselect.NewPoll().Unregister(3)), builtins.KeyError),
		Entry("When it is a bare syscall.Errno, it gives the PEP 3151 class", error(unix.EEXIST), builtins.FileExistsError),
		Entry("When it is some other error, it gives \"\"", errors.New("other"), builtins.Exception("")),
		Entry("When it is nil, it gives \"\"", nil, builtins.Exception("")),
	)

	// Source: Python prints "KeyError: 3" and str(KeyError(3)) == "3";
	// "ValueError: file descriptor cannot be a negative integer (-1)"
	// (SEMANTICS.md#fd-conversion, SEMANTICS.md#poll-unregister).
	It("prints as the last line of Python's traceback: \"Class: message\"", func() {
		Expect(pyselect.NewPoll().Unregister(3).Error()).To(Equal("KeyError: 3"))
		_, _, _, err := pyselect.Select([]int{-1}, nil, nil, 0)
		Expect(err.Error()).To(Equal("ValueError: file descriptor cannot be a negative integer (-1)"))
		Expect(builtins.ValueError.Error()).To(Equal("ValueError"))
	})
})
