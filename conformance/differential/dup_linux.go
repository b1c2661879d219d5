// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package differential

import "golang.org/x/sys/unix"

// dupOnto is dup2(fd, to) with close-on-exec, as the harness's fds are: dup3(2), which every Linux
// architecture has (dup2 is missing on arm64, riscv64 and loong64). dup3 refuses fd == to with
// EINVAL, where dup2 (record.py's os.dup2) does nothing once fd is found open, so that case is
// dup2's: EBADF for a closed fd, else nothing.
func dupOnto(fd, to int) error {
	if fd == to {
		_, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
		return err
	}
	return unix.Dup3(fd, to, unix.O_CLOEXEC)
}
