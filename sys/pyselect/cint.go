// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !solaris

package pyselect

import "github.com/pyselect/pyselect/sys/internal/pyobj"

// cInt is the range check of an argument CPython parses as a C int (the
// "i" format, _PyLong_AsInt): outside it, OverflowError "Python int too
// large to convert to C int" (for large negative values too).
func cInt[T int | int64](i T) error {
	if !pyobj.IsCInt(int64(i)) {
		return errIntOverflow()
	}
	return nil
}
