// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package fdconv_test

import (
	"testing"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/internal/fdconv"
)

// TestInt64: the fd before Fileno's checks.
func TestInt64(t *testing.T) {
	if fd, err := fdconv.Int64(-5); fd != -5 || err != nil {
		t.Errorf("Int64(-5) = %d, %v", fd, err)
	}
	if fd, err := fdconv.Int64(int64(1) << 40); fd != 1<<40 || err != nil {
		t.Errorf("Int64(2**40) = %d, %v", fd, err)
	}
	if _, err := fdconv.Int64("x"); builtins.ExceptionOf(err) != builtins.TypeError {
		t.Errorf("Int64('x'): %v", err)
	}
}
