// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package pyselect

import (
	"runtime"
	"testing"
)

// kqueueDescriptors is how many descriptors a Kqueue is: the queue and a
// private kqueue for its wake source, and on NetBSD and OpenBSD a pipe
// too (x/sys exports no EVFILT_USER there).
var kqueueDescriptors = map[string]int{"netbsd": 4, "openbsd": 4}

// TestKqueueDescriptors checks the count conformance/DIFFERENCES.md gives.
func TestKqueueDescriptors(t *testing.T) {
	want, ok := kqueueDescriptors[runtime.GOOS]
	if !ok {
		want = 2
	}
	checkDescriptors(t, want, func() (interface{ Close() error }, error) { return NewKqueue() })
}
