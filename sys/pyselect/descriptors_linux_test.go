// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import "testing"

// TestEpollIsTwoDescriptors: an Epoll holds its wake source from birth,
// so it is two descriptors (the instance and an eventfd), as
// conformance/DIFFERENCES.md says; Close closes both.
func TestEpollIsTwoDescriptors(t *testing.T) {
	checkDescriptors(t, 2, func() (interface{ Close() error }, error) { return NewEpoll(-1, 0) })
}
