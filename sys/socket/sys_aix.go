// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package socket

import "golang.org/x/sys/unix"

// AIX: x/sys has neither F_DUPFD_CLOEXEC nor a getsockopt of bytes there.

func dupCloexec(fd uintptr) (int, error) {
	nfd, err := unix.Dup(int(fd))
	if err == nil {
		unix.CloseOnExec(nfd)
	}
	return nfd, err
}

func setsockoptNull(fd, level, optname, optlen int) error {
	return unix.SetsockoptString(fd, level, optname, string(make([]byte, optlen)))
}

// getsockoptBytes fails with EOPNOTSUPP (OSError): not implemented for
// AIX.
func getsockoptBytes(fd, level, optname, buflen int) ([]byte, error) {
	return nil, unix.EOPNOTSUPP
}
