// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package socket

import "golang.org/x/sys/unix"

// MSG_DONTWAIT makes one call non-blocking (AIX has no such flag).
const MSG_DONTWAIT = unix.MSG_DONTWAIT
