// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package pyselect

import "golang.org/x/sys/unix"

// sysPoll is poll(2), as CPython's poll_poll calls it: every registered fd
// in one array, nfds its length.
func sysPoll(fds []unix.PollFd, ms int) (int, error) { return unix.Poll(fds, ms) }
