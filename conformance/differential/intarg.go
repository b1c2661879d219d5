// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package differential

// intArg converts a value for a Go int parameter (maxevents, sizehint,
// a selector's fd): built where the epoll, kqueue or selectors scenarios
// are replayed, which AIX has none of.
func (w *World) intArg(v any) (int, error) {
	x, err := w.value(v)
	if err != nil {
		return 0, err
	}
	switch i := x.(type) {
	case int:
		return i, nil
	case int64, uint64:
		return 0, &NarrowIntError{Value: i}
	}
	return 0, scenarioErr("%v (%T) cannot be passed as a Go int", v, x)
}
