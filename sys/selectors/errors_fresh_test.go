// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package selectors_test

import (
	"errors"
	"testing"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/selectors"
)

// TestErrorsAreFresh: editing the *Error of one call leaves the next
// call's error as CPython raises it.
func TestErrorsAreFresh(t *testing.T) {
	sel, err := selectors.NewDefaultSelector[any]()
	if err != nil {
		t.Fatal(err)
	}
	sel.Close()
	var e *builtins.Error
	if _, err := sel.GetKey(0); !errors.As(err, &e) {
		t.Fatalf("GetKey after Close: %v", err)
	}
	e.Message = "edited"
	if _, err := sel.GetKey(0); err == nil || err.Error() != "RuntimeError: Selector is closed" {
		t.Fatalf("the next call gives %v", err)
	}
}
