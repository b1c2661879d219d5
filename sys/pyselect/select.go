// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package pyselect

import (
	"math"
	"sync"
	"syscall"
	"time"
)

// Select is select.select(rlist, wlist, xlist[, timeout]): it waits until
// some of the file descriptors in rlist are ready for reading, in wlist for
// writing, or in xlist have an "exceptional condition", and returns the
// three subsets.
//
//   - Python: [select.select]
//   - Kernel: [select(2)]; on Windows, Winsock's [select]
//
// Each element is an fd argument as Python takes one: a Go integer, a
// Filenoer, or a syscall.Conn such as *os.File or *net.TCPConn (see
// Filenoer). T is the element type: []int, []*os.File, or []any for a
// mixed list as Python allows. The results hold the caller's own elements,
// not fds, in input order with duplicates kept, as CPython's do.
//
// timeout is optional, in seconds: left out or nil (None) it blocks, 0
// polls; a time.Duration is that duration. It is rounded up to the
// microsecond, so a positive timeout never becomes 0; a negative one is
// ValueError "timeout must be non-negative". An interrupted wait is
// resumed with the time left, and returns three empty lists once none is
// (PEP 475).
//
// Errors, as CPython: an element that is no fd is TypeError; a negative fd
// is ValueError; an fd of FD_SETSIZE or more is ValueError "filedescriptor
// out of range in select()" (never a write past the fd_set); more than
// FD_SETSIZE elements in one list is ValueError "too many file descriptors
// in select()"; a closed fd is OSError EBADF.
//
// On Windows, Python's select takes sockets only, and so does Select: it
// calls Winsock's select with CPython's Windows rules.
// Any other handle is OSError "[WinError 10038] ..."; handle values are not
// range-checked; a list holds at most FD_SETSIZE (512) elements; three
// empty lists are OSError "[WinError 10022] ..." whatever the timeout.
//
// Differences from Python: Python takes any iterable and re-reads a list
// that fileno() mutates (test_select_mutated); Go takes slices, read once.
//
// [select.select]: https://docs.python.org/3/library/select.html#select.select
// [select(2)]: https://man7.org/linux/man-pages/man2/select.2.html
// [select]: https://learn.microsoft.com/windows/win32/api/winsock2/nf-winsock2-select
func Select[T any](rlist, wlist, xlist []T, timeout ...any) (r, w, x []T, err error) {
	t, err := optional(timeout, 3, atMost("select", 4))
	if err != nil {
		return nil, nil, nil, err
	}
	d, err := selectTimeout(t)
	if err != nil {
		return nil, nil, nil, err
	}
	// The fds of all three lists, in order, so each element is converted
	// once (converting a syscall.Conn is a call into the runtime). A list
	// holds at most FD_SETSIZE of them (fill stops at the next): nothing
	// is allocated by a list's length before its elements are checked.
	var small [64]int32
	fds := small[:0]
	if n := min(len(rlist), FD_SETSIZE) + min(len(wlist), FD_SETSIZE) + min(len(xlist), FD_SETSIZE); n > len(small) {
		p := scratchFds.Get().(*[]int32)
		defer scratchFds.Put(p)
		if cap(*p) < n {
			*p = make([]int32, 0, n)
		}
		fds = (*p)[:0]
	}
	var in [3]fdSet
	nfd := 0
	for i, list := range [3][]T{rlist, wlist, xlist} {
		if fds, err = fill(&in[i], list, fds, &nfd); err != nil {
			return nil, nil, nil, err
		}
	}
	// An empty list is passed as no set at all, as CPython passes
	// "imax ? &ifdset : NULL" (Modules/selectmodule.c:
	// select_select_impl): the kernel then neither copies nor scans it.
	var out [3]fdSet
	var sets [3]*fdSet
	for i, list := range [3][]T{rlist, wlist, xlist} {
		if len(list) > 0 {
			sets[i] = &out[i]
		}
	}
	_, err = wait(d, selectMaxWait, func(d time.Duration) (int, error) {
		// The kernel rewrites the sets, so each try starts from a copy.
		out = in
		var n int
		var err error
		if selectFake == nil {
			n, err = sysSelect(nfd, sets[0], sets[1], sets[2], d)
		} else {
			n, err = selectFake()
		}
		if err == syscall.EINTR {
			// Unmodified input: cleared, so that a wait given up at the
			// deadline returns three empty lists (bpo-35310).
			out = [3]fdSet{}
		}
		return n, err
	})
	if err != nil {
		return nil, nil, nil, err
	}
	// The sets are converted back whatever the count, as CPython does:
	// after a timeout (0) Linux leaves set the bits of fds at or above the
	// process's fd table size, which it neither checks nor writes back
	// (core_sys_select in fs/select.c), so an fd that was never opened can
	// be reported.
	var counts [3]int
	rest := fds
	for i, list := range [3][]T{rlist, wlist, xlist} {
		for range list {
			if out[i].isSet(int(rest[0])) {
				counts[i]++
			}
			rest = rest[1:]
		}
	}
	all := make([]T, counts[0]+counts[1]+counts[2])
	var res [3][]T
	rest = fds
	for i, list := range [3][]T{rlist, wlist, xlist} {
		res[i], all = all[:0:counts[i]], all[counts[i]:]
		for _, v := range list {
			if out[i].isSet(int(rest[0])) {
				res[i] = append(res[i], v)
			}
			rest = rest[1:]
		}
	}
	return res[0], res[1], res[2], nil
}

// fill is CPython's seq2set: it converts each element of list (fdOf), adds
// it to s (which checks the fd against the set's bounds), appends it to
// fds, and raises *nfd to the largest fd + 1. A list longer than
// FD_SETSIZE is ValueError; like CPython, that is checked after the
// element itself.
func fill[T any](s *fdSet, list []T, fds []int32, nfd *int) ([]int32, error) {
	for i, v := range list {
		fd, err := elemFd(v)
		if err != nil {
			return fds, err
		}
		if err := s.add(fd); err != nil {
			return fds, err
		}
		if i >= FD_SETSIZE {
			return fds, errTooManyFds()
		}
		*nfd = max(*nfd, fd+1)
		fds = append(fds, int32(fd))
	}
	return fds, nil
}

// selectMaxWait is the longest timeout one select(2) is given: where
// tv_sec has 32 bits (linux/386, linux/arm, Winsock's long) a timeval holds
// no more. Longer timeouts are waited out in several calls (see wait).
const selectMaxWait = math.MaxInt32 * time.Second

// selectFake, when set by a test, is called instead of select(2) and
// leaves the sets as they were given. It takes no pointer to them: a
// function value that did would move them to the heap on every call.
var selectFake func() (int, error)

// scratchFds keeps the fds array of Select calls with more elements than
// its stack array holds, so that the result is a call's one allocation.
var scratchFds = sync.Pool{New: func() any { return new([]int32) }}

// elemFd is fdOf(v) for a list element. An int element, the common case,
// is converted without passing it as an interface: boxing an int of 256
// or more allocates, once per element per call.
func elemFd[T any](v T) (int, error) {
	if fd, ok := any(v).(int); ok {
		return checkFd(int64(fd), false)
	}
	return fdOf(v)
}
