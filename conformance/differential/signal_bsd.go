// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux

package differential

import "golang.org/x/sys/unix"

func thread() int { return 0 }

// signalMain sends SIGUSR2 to the process: x/sys has no portable way to
// signal one thread on the BSDs, so the replay's wait is interrupted only
// if the kernel picks its thread.
func (r *replayer) signalMain() error {
	return unix.Kill(unix.Getpid(), unix.SIGUSR2)
}
