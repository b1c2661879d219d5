// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import "golang.org/x/sys/unix"

// POLLRDHUP is FreeBSD's (since 13.0): the peer shut down writing.
//
//lint:ignore ST1003 the name Python gives it.
const POLLRDHUP Mask = unix.POLLRDHUP
