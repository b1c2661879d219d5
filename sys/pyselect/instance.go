// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !solaris

package pyselect

import (
	"syscall"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
)

// What an Epoll and a Kqueue share beyond the pollFD: both are an
// instance made by one system call or adopted by fromfd, waited on with
// a timeout of their own kind, and read into a kept event array.

// maxWait is the longest timeout given to one kernel wait; the package's
// wait resumes a longer one with the time left, so that no timeout is
// shortened by a kernel's limit: macOS refuses kevent(2) timeouts past
// 1e8 s with EINVAL (Go's runtime/netpoll_kqueue.go caps its own at 1e6 s
// for it), epoll_wait(2) takes an int of milliseconds (24.8 days), and a
// 32-bit time_t ends in 2038.
const maxWait = 1e6 * time.Second

// keptEvents is the most events an Epoll or Kqueue keeps an array for
// between calls, whatever maxevents a call asked for.
const keptEvents = FD_SETSIZE

// openPollFD is the tail of every constructor (CPython's newPyEpoll_Object
// and newKqueue_Object): fd -1 is a new instance made by create, another
// negative fd is OSError "[Errno 0] Error", and any other fd is owned as
// it is. The object is made with its waker and closed when collected
// unless Close comes first.
func openPollFD[T any](fd int, create func() (int, error), pfd func(*T) *pollFD) (*T, error) {
	made := fd == -1
	if made {
		var err error
		if fd, err = create(); err != nil {
			return nil, sysErr(err)
		}
	} else if fd < 0 {
		return nil, builtins.AsError(syscall.Errno(0))
	}
	obj, err := newPollFD(fd, pfd)
	if err != nil {
		if made {
			syscall.Close(fd)
		}
		return nil, sysErr(err)
	}
	return obj, nil
}
