// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect

import (
	"time"
	"unsafe"

	"github.com/pyselect/pyselect/sys/builtins"
	"golang.org/x/sys/unix"
)

// FD_SETSIZE is the number of descriptors an fd_set holds: fds 0 to
// FD_SETSIZE-1 can be passed to Select (CPython's _PyIsSelectable_fd). It
// is the C library's FD_SETSIZE: 1024 on Linux, macOS, FreeBSD, OpenBSD and
// DragonFly, 256 on NetBSD, 65536 on 64-bit illumos and Solaris, and 65534
// on AIX, whose fd_set has room for 65536. Python does not export it.
//
//lint:ignore ST1003 C's name, as the select module's constants keep theirs.
const FD_SETSIZE = unix.FD_SETSIZE

// x/sys's FdSet holds FD_SETSIZE bits; fdSet.add relies on it.
var _ [unsafe.Sizeof(unix.FdSet{})*8 - FD_SETSIZE]struct{}

// errFdOutOfRange is _PyIsSelectable_fd's failure.
func errFdOutOfRange() *builtins.Error {
	return builtins.ValueError.New("filedescriptor out of range in select()")
}

// An fdSet is select(2)'s fd_set, a bitmap.
type fdSet struct{ unix.FdSet }

// add sets fd's bit. unix.FdSet.Set panics past the end of the set, so the
// bound is checked first, with CPython's error (_PyIsSelectable_fd).
func (s *fdSet) add(fd int) error {
	if uint(fd) >= uint(FD_SETSIZE) {
		return errFdOutOfRange()
	}
	s.Set(fd)
	return nil
}

func (s *fdSet) isSet(fd int) bool { return s.IsSet(fd) }

// fdSet is the set to hand select(2): none (NULL) for no set.
func (s *fdSet) fdSet() *unix.FdSet {
	if s == nil {
		return nil
	}
	return &s.FdSet
}

// sysSelect is select(2) with a timeval rounded up from d; d < 0 blocks.
// Linux writes the time left into the timeval; it is made afresh for
// every call.
func sysSelect(nfd int, r, w, x *fdSet, d time.Duration) (int, error) {
	var tv *unix.Timeval
	if d >= 0 {
		tv = new(unix.Timeval)
		*tv = timeval(d)
	}
	n, err := unix.Select(nfd, r.fdSet(), w.fdSet(), x.fdSet(), tv)
	return n, sysErr(err)
}

// timeval rounds d, at most selectMaxWait, up to the microsecond.
func timeval(d time.Duration) unix.Timeval {
	return unix.NsecToTimeval(divCeil(int64(d), 1e3) * 1e3)
}
