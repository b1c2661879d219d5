// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package differential

import "golang.org/x/sys/unix"

// thread identifies the OS thread the replay is locked to.
func thread() int { return unix.Gettid() }

// signalMain interrupts the replay's thread with SIGUSR2, as record.py's
// signal.pthread_kill does for CPython's main thread. The Go runtime
// catches SIGUSR2 (nobody asked to be notified, so it does nothing else),
// and the wait in progress fails with EINTR.
func (r *replayer) signalMain() error {
	return unix.Tgkill(unix.Getpid(), r.tid, unix.SIGUSR2)
}
