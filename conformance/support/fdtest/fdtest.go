// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

// Package fdtest gives plain Go tests the descriptors they wait on, closed
// when the test ends. The Ginkgo suite's helpers are in package support.
package fdtest

import (
	"testing"

	"golang.org/x/sys/unix"
)

// Pipe returns the read and write ends of a new pipe(2), both blocking;
// t's cleanup closes them. It fails t if the pipe cannot be made.
func Pipe(t testing.TB) (r, w int) {
	t.Helper()
	var p [2]int
	if err := unix.Pipe(p[:]); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Close(p[0]); unix.Close(p[1]) })
	return p[0], p[1]
}
