// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package pyselect

import (
	"strconv"

	"github.com/pyselect/pyselect/sys/builtins"
)

// Optional arguments (the rule doc.go states): Python's optional
// arguments at the end of a call are one Go variadic parameter when they
// share a Go type, and an optional argument that one of another type
// follows is explicit, passed as Python's default. optional reads a
// variadic of one optional argument.

// optional is the optional last argument of a call, as its variadic
// holds it: nil (None, the default of every optional any here) when left
// out, the one passed otherwise. More than one is the TypeError that
// tooMany makes of the number of arguments given, fixed of them before
// the variadic.
func optional(args []any, fixed int, tooMany func(given int) *builtins.Error) (any, error) {
	switch len(args) {
	case 0:
		return nil, nil
	case 1:
		return args[0], nil
	}
	return nil, tooMany(fixed + len(args))
}

// atMost is the TypeError of a function of Argument Clinic's
// positional-only form that takes at most n arguments:
// "poll expected at most 1 argument, got 2".
func atMost(name string, n int) func(given int) *builtins.Error {
	return func(given int) *builtins.Error {
		s := "s"
		if n == 1 {
			s = ""
		}
		return builtins.TypeError.New(name + " expected at most " + strconv.Itoa(n) + " argument" + s + ", got " + strconv.Itoa(given))
	}
}
