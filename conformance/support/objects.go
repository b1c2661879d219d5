// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package support

// The objects CPython's tests pass where an fd is expected, in Go.

// FilenoObj is an object with a fileno() method that returns the number it
// holds: a pyselect.Filenoer.
type FilenoObj int

// Fileno returns the number.
func (f FilenoObj) Fileno() int { return int(f) }

// Nope is test_select.py's and test_poll.py's Nope: an object with no
// fileno() at all.
type Nope struct{}

// Almost is test_select.py's and test_poll.py's Almost, whose fileno()
// returns the string "fileno": in Go its method has the wrong signature,
// so it is not a pyselect.Filenoer, and CPython's "fileno() returned a
// non-integer" is what calling it gives.
type Almost struct{}

// Fileno returns a string, not an fd.
func (Almost) Fileno() string { return "fileno" }

// NamedFd is a named integer type, as a Go program may declare for
// descriptors; Python's int subclasses are its counterpart.
type NamedFd int32

// FilenoUintptr is an object whose Fileno method returns a uintptr, as a
// Go type wrapping a handle may declare it: not a pyselect.Filenoer, but
// Python takes any fileno() that returns an int.
type FilenoUintptr struct{ Handle uintptr }

// Fileno returns the handle.
func (f FilenoUintptr) Fileno() uintptr { return f.Handle }
