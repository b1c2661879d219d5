// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux || solaris

package differential

// kqueue exists only on the BSDs and macOS; its scenarios are never
// recorded on Linux, so reaching this is a fixture bug.
func (r *replayer) kqueue(st *Step) (any, error) {
	return nil, scenarioErr("%s: kqueue exists only on the BSDs and macOS", st.Op)
}
