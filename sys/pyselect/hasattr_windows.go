// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

// What hasattr(select, name) answers on Windows: select alone (with
// select.error); FD_SETSIZE is pyselect's, not a name of the module.
const (
	HasSelect  = true
	HasPoll    = false
	HasEpoll   = false
	HasKqueue  = false
	HasDevpoll = false

	attrs = "error select"
)
