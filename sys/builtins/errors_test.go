// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package builtins

import (
	"testing"
)

func TestExceptionHierarchy(t *testing.T) {
	for _, c := range []struct {
		sub, base Exception
		want      bool
	}{
		{FileExistsError, OSError, true},
		{BrokenPipeError, ConnectionError, true},
		{BrokenPipeError, OSError, true},
		{KeyError, LookupError, true},
		{OverflowError, ArithmeticError, true},
		{ValueError, BaseException, true},
		{OSError, BaseException, true},
		{OSError, PyException, true},
		{AttributeError, PyException, true},
		{PyException, BaseException, true},
		{BaseException, PyException, false},
		{ValueError, OSError, false},
		{OSError, FileExistsError, false},
		{KeyError, ValueError, false},
	} {
		if got := c.sub.IsSubclass(c.base); got != c.want {
			t.Errorf("issubclass(%s, %s) = %v", c.sub, c.base, got)
		}
	}
	// Each name is its Python class's name.
	if BaseException != "BaseException" || PyException != "Exception" {
		t.Errorf("BaseException is %q, PyException %q", BaseException, PyException)
	}
}
