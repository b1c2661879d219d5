// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package builtins

import "github.com/pyselect/pyselect/sys/internal/pyobj"

// Repr is Python's repr(v), for messages that show a value as CPython's
// "{!r}".format(v) does. Values that stand for Python's own types are
// rendered exactly as Python renders them: nil, and a Go nil of any type,
// is None; a bool True or False; every Go integer kind (named ones too)
// decimal; a float Python's shortest round-trip form (1.0, 1e+16, inf,
// nan); a string Python's quoted str repr; a []byte a bytes literal. Any
// other value, which Python would show as its own object's repr, is its
// String() where it has one, "<T object at 0xADDR>" for a pointer, func,
// map, chan or slice (Python's default object repr), and "T(v)" for other
// values (a value of `type FD struct{...}` reads as a constructor call). A
// nil pointer's String is never called: with a value receiver it would
// panic.
func Repr(v any) string { return pyobj.Repr(v) }

// TypeName is Python's type(v).__name__ for a value a Go caller passes
// where Python takes an object: "NoneType" for nil, "int" for every Go
// integer kind, "float", "bool", "str", "bytes", else the Go type.
func TypeName(v any) string { return pyobj.TypeName(v) }
