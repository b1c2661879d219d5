// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package differential

// kqueue will run select.kqueue and select.kevent steps once pyselect has
// its kqueue port; until then a kqueue recording fails to replay.
func (r *replayer) kqueue(st *Step) (any, error) {
	return nil, scenarioErr("%s: pyselect has no kqueue port yet", st.Op)
}
