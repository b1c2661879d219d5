// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package builtins

import (
	"errors"
	"syscall"
	"testing"
)

// Python 3.11: str(ExceptionGroup("m", [e])) is "m (1 sub-exception)",
// with two "m (2 sub-exceptions)"; an ExceptionGroup is an Exception and
// no OSError, whatever it holds ("except OSError:" does not catch it).
func TestExceptionGroupError(t *testing.T) {
	refused := &Error{Exception: ConnectionRefusedError, Message: "[Errno 111] Connection refused", Errno: syscall.ECONNREFUSED}
	for _, c := range []struct {
		errs []error
		str  string
	}{
		{[]error{refused}, "m (1 sub-exception)"},
		{[]error{refused, refused}, "m (2 sub-exceptions)"},
	} {
		var err error = &ExceptionGroupError{Message: "m", Exceptions: c.errs}
		if got := Str(err); got != c.str {
			t.Errorf("Str = %q, want %q", got, c.str)
		}
		if got := err.Error(); got != "ExceptionGroup: "+c.str {
			t.Errorf("Error() = %q", got)
		}
		if ExceptionOf(err) != ExceptionGroup || AsError(err).Errno != 0 {
			t.Errorf("AsError = %#v, want an ExceptionGroup without errno", AsError(err))
		}
		if !errors.Is(err, ExceptionGroup) || !Except(err, PyException) {
			t.Errorf("%v is no ExceptionGroup, or no Exception", err)
		}
		if Except(err, OSError, ConnectionRefusedError) || errors.Is(err, syscall.ECONNREFUSED) {
			t.Errorf("%v is caught as what it holds", err)
		}
	}
}
