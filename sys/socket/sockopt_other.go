// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux

package socket

import "golang.org/x/sys/unix"

// setsockoptNull and getsockoptBytes go through x/sys's string forms,
// since its raw getsockopt and setsockopt are not exported: the value
// is zeros rather than NULL, and the bytes end at the first NUL.
func setsockoptNull(fd, level, optname, optlen int) error {
	return unix.SetsockoptString(fd, level, optname, string(make([]byte, optlen)))
}

func getsockoptBytes(fd, level, optname, buflen int) ([]byte, error) {
	s, err := unix.GetsockoptString(fd, level, optname)
	if err != nil {
		return nil, err
	}
	return []byte(s[:min(len(s), buflen)]), nil
}
