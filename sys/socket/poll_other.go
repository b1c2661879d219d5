// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !(linux && !arm64 && !riscv64 && !loong64)

package socket

import "golang.org/x/sys/unix"

// poll is poll(2); Linux on arm64, riscv64 and loong64 has only ppoll,
// which glibc's poll calls there too.
func poll(fds []unix.PollFd, ms int) (int, error) { return unix.Poll(fds, ms) }
