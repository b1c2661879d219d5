// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import "testing"

// TestEpollIsOneDescriptor: an Epoll is the instance alone, as CPython's
// (Close wakes waiters with a signal, see waker); Close closes it.
func TestEpollIsOneDescriptor(t *testing.T) {
	checkDescriptors(t, 1, func() (interface{ Close() error }, error) { return NewEpoll(-1, 0) })
}
