// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build !windows

package selectors

import (
	"slices"

	"github.com/pyselect/pyselect/sys/pyselect"
)

// sysSelect is SelectSelector._select: select.select(r, w, [], timeout),
// its results sorted.
func sysSelect(r, w []int, timeout any) (rr, ww []int, err error) {
	rr, ww, _, err = pyselect.Select(r, w, nil, timeout)
	slices.Sort(rr)
	slices.Sort(ww)
	return rr, ww, err
}
