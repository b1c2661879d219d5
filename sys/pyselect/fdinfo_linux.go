// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"bytes"
	"strconv"

	"golang.org/x/sys/unix"
)

// interestSize is the number of entries in the interest list of the
// epoll instance fd, read from /proc/self/fdinfo/fd: proc(5) shows one
// "tfd:" line per entry, after the pos, flags and mnt_id lines. ok is
// false when it cannot be read (no /proc). It reads through a fixed
// buffer, so it allocates nothing proportional to the list.
func interestSize(fd int) (n int, ok bool) {
	f, err := unix.Open("/proc/self/fdinfo/"+strconv.Itoa(fd), unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return 0, false
	}
	defer unix.Close(f)
	var buf [4096]byte
	const tag = "\ntfd:"
	carry := 0 // bytes of a possible tag kept from the last read
	for {
		m, err := unix.Read(f, buf[carry:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return 0, false
		}
		if m == 0 {
			return n, true
		}
		b := buf[:carry+m]
		n += bytes.Count(b, []byte(tag))
		carry = min(len(tag)-1, len(b))
		copy(buf[:], b[len(b)-carry:])
	}
}
