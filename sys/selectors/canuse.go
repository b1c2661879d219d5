// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package selectors

import "sync"

// onceCanUse is Lib/selectors.py's _can_use(method), asked once, as at
// import: whether make, which makes and closes an object of the method,
// succeeds.
func onceCanUse(make func() error) func() bool {
	return sync.OnceValue(func() bool { return make() == nil })
}
