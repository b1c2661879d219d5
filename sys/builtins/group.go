// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package builtins

import "strconv"

// An ExceptionGroupError is Python's ExceptionGroup(message, exceptions)
// (PEP 654): several errors raised as one, such as every failed attempt
// of socket.create_connection(..., all_errors=True).
//
// Its class is ExceptionGroup, an Exception but no OSError, whatever it
// holds: as Python's "except OSError:" does not catch the group,
// Except(err, OSError) and errors.Is(err, OSError) are false, and
// Except(err, ExceptionGroup) and errors.Is(err, ExceptionGroup) true.
// AsError gives its *Error, whose message is str(eg): "create_connection
// failed (2 sub-exceptions)". The errors it holds are Exceptions, in
// order, as eg.exceptions; Python's "except*" is a loop over them.
//
// Python: https://docs.python.org/3/library/exceptions.html#ExceptionGroup
type ExceptionGroupError struct {
	Message    string  // eg.message
	Exceptions []error // eg.exceptions
}

// Error returns the last line of the traceback Python would print, as
// *Error does: "ExceptionGroup: create_connection failed (1 sub-exception)".
func (g *ExceptionGroupError) Error() string { return g.Unwrap().Error() }

// Unwrap returns the group as an *Error: class ExceptionGroup, message
// str(eg), no errno. The errors it holds are not in its chain.
func (g *ExceptionGroupError) Unwrap() error {
	n := len(g.Exceptions)
	sub := " sub-exceptions)"
	if n == 1 {
		sub = " sub-exception)"
	}
	return &Error{Exception: ExceptionGroup, Message: g.Message + " (" + strconv.Itoa(n) + sub}
}
