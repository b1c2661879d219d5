// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux

package differential

import "golang.org/x/sys/unix"

// dupOnto is dup2(fd, to) with close-on-exec, as the harness's fds are.
func dupOnto(fd, to int) error {
	if err := unix.Dup2(fd, to); err != nil {
		return err
	}
	unix.CloseOnExec(to)
	return nil
}
