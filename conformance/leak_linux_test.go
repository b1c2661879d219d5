// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import "github.com/pyselect/pyselect/sys/pyselect"

// openProcessWide makes pyselect open what it holds once per process, so
// that the leak check does not take it for a leak: on Linux the
// /proc/self/task descriptor with which Epoll.Close finds the threads to
// wake (opened with the first Epoll, at fd 1024 or above).
func openProcessWide() {
	if ep, err := pyselect.NewEpoll(-1, 0); err == nil {
		ep.Close()
	}
}
