// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build amd64

package pyselect

// The values conformance/PLATFORMS.md gives for 64-bit illumos and
// Solaris (the solaris build tag holds on both), checked when the tests
// are compiled for them (make cross, go vet): each line is a compile error
// ("constant ... overflows uint") unless the two are equal.
const (
	_ = -uint(PIPE_BUF ^ 5120)
	_ = -uint(FD_SETSIZE ^ 65536)
)
