// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build solaris || windows

package socket

// illumos, Solaris and Windows have no SO_REUSEPORT: create_server
// refuses reuse_port, as Python there does (Python on Windows has no
// socket.SO_REUSEPORT either).
const (
	haveReusePort = false
	soReuseport   = 0
)
