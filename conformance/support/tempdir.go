// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package support

import (
	"os"
	"testing"
)

// TempDir is t.TempDir for a test that also runs under Wine (make wine):
// Wine 8 fails Go's RemoveAll of a folder that holds files ("Invalid
// function"), and t.TempDir's cleanup would fail the test for it. The
// folder is removed when the test ends where that works, and left, with a
// log line, where it does not.
func TempDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "pyselect")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := os.RemoveAll(dir); err != nil {
			t.Logf("leaving %s: %v", dir, err)
		}
	})
	return dir
}
