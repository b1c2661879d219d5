// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package selectors

import (
	"slices"

	"github.com/pyselect/pyselect/sys/pyselect"
)

// sysSelect is SelectSelector._select on Windows: select.select(r, w, w,
// timeout), where the writers are also watched for exceptions, because
// Winsock reports a failed non-blocking connect there and not as
// writable; an fd in either list is writable. Its results sorted.
func sysSelect(r, w []int, timeout any) (rr, ww []int, err error) {
	rr, ww, xx, err := pyselect.Select(r, w, w, timeout)
	ww = append(ww, xx...)
	slices.Sort(rr)
	slices.Sort(ww)
	return rr, ww, err
}
