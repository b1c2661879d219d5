// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !solaris && !illumos

package socket

import "golang.org/x/sys/unix"

// SO_REUSEPORT, where the system has it (not illumos or Solaris, whose
// Python lacks socket.SO_REUSEPORT).
const SO_REUSEPORT = unix.SO_REUSEPORT

const (
	haveReusePort = true
	soReuseport   = SO_REUSEPORT
)
