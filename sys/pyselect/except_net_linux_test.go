// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect_test

import (
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
	"golang.org/x/sys/unix"
)

// TestConnectTimeoutIsTimeoutError: a connect that times out is
// TimeoutError "timed out" whichever of its two errors Go's net returns
// (the poller's os.ErrDeadlineExceeded, or the context's deadline as
// net's "i/o timeout"; a race inside net picks one). The server is a
// loopback socket that listens with a backlog of 0 and never accepts:
// once its queue is full Linux drops further SYNs, so connects hang until
// their timeout.
//
// Python: socket.create_connection(addr, timeout=0.05) to such a server
// raises TimeoutError "timed out" every time.
func TestConnectTimeoutIsTimeoutError(t *testing.T) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	check(t, err)
	defer unix.Close(fd)
	check(t, unix.Bind(fd, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}))
	check(t, unix.Listen(fd, 0))
	sa, err := unix.Getsockname(fd)
	check(t, err)
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(sa.(*unix.SockaddrInet4).Port))
	timeouts := 0
	for range 20 { // at most 20 * 50 ms
		c, err := net.DialTimeout("tcp", addr, 50*time.Millisecond)
		if err == nil {
			defer c.Close() // fills the queue
			continue
		}
		timeouts++
		wantException(t, err, builtins.TimeoutError, 0, "timed out")
	}
	if timeouts == 0 {
		t.Fatal("no connect timed out")
	}
}
