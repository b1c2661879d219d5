// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package socket

import "golang.org/x/sys/unix"

// dupCloexec is os.dup: fcntl(F_DUPFD_CLOEXEC).
func dupCloexec(fd uintptr) (int, error) { return unix.FcntlInt(fd, unix.F_DUPFD_CLOEXEC, 0) }
