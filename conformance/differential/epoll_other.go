// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux

package differential

// epoll is Linux-only in Python and in pyselect; its scenarios are never
// recorded elsewhere, so reaching this is a fixture bug.
func (r *replayer) epoll(st *Step) (any, error) {
	return nil, scenarioErr("%s: epoll exists only on Linux", st.Op)
}
