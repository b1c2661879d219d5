// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

// AIX's values, as conformance/PLATFORMS.md gives them, checked when the
// package's tests are compiled for AIX (make cross, go vet): each line is
// a compile error ("constant ... overflows uint") unless the two are
// equal. No AIX machine runs the tests, so the check is at compile time.
const (
	_ = -uint(POLLOUT ^ 0x2)
	_ = -uint(POLLERR ^ 0x4000)
	_ = -uint(POLLHUP ^ 0x2000)
	_ = -uint(POLLNVAL ^ 0x8000)
	_ = -uint(PIPE_BUF ^ 32768)
	_ = -uint(FD_SETSIZE ^ 65534)
)
