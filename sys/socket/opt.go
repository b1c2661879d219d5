// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package socket

import (
	"runtime"
	"strconv"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// Setsockopt is socket.setsockopt(level, optname, value[, optlen]):
// setsockopt(2) with value an integer (a C int), a bool (0 or 1), a
// []byte (the option's bytes), or nil (None) with optlen, for a NULL
// value of that length (Python 3.6's form).
func (s *Socket) Setsockopt(level, optname int, value any, optlen ...int) error {
	if s == nil {
		return errNone("setsockopt")
	}
	if len(optlen) > 1 {
		return builtins.TypeError.New("setsockopt() takes at most 4 arguments (" + strconv.Itoa(len(optlen)+3) + " given)")
	}
	fd := s.fd()
	defer runtime.KeepAlive(s)
	if value == nil {
		if len(optlen) == 0 {
			return builtins.TypeError.New("setsockopt() takes exactly 4 arguments (3 given)")
		}
		return oserror(setsockoptNull(fd, level, optname, optlen[0]))
	}
	if len(optlen) == 1 {
		return builtins.TypeError.New("setsockopt() argument 3 must be NoneType, not " + builtins.TypeName(value))
	}
	switch v := value.(type) {
	case []byte:
		return oserror(setsockoptBytes(fd, level, optname, v))
	case bool:
		b := 0
		if v {
			b = 1
		}
		return oserror(setsockoptInt(fd, level, optname, b))
	}
	n, err := pyselect.AsFileDescriptor(value) // a Python int as a C int
	if err != nil || !isInt(value) {
		return builtins.TypeError.New("a bytes-like object is required, not '" + builtins.TypeName(value) + "'")
	}
	return oserror(setsockoptInt(fd, level, optname, n))
}

// isInt reports whether v is a Go integer (what Python calls an int).
func isInt(v any) bool {
	switch v.(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, uintptr:
		return true
	}
	return false
}

// Getsockopt is socket.getsockopt(level, optname): getsockopt(2) of an
// int option. GetsockoptBytes is the three-argument form.
func (s *Socket) Getsockopt(level, optname int) (int, error) {
	if s == nil {
		return 0, errNone("getsockopt")
	}
	v, err := getsockoptInt(s.fd(), level, optname)
	runtime.KeepAlive(s)
	return v, oserror(err)
}

// GetsockoptBytes is socket.getsockopt(level, optname, buflen): the
// option's bytes, at most buflen of them; buflen must be in 1..1024
// (OSError "getsockopt buflen out of range" otherwise, as CPython).
func (s *Socket) GetsockoptBytes(level, optname, buflen int) ([]byte, error) {
	if s == nil {
		return nil, errNone("getsockopt")
	}
	if buflen <= 0 || buflen > 1024 {
		return nil, builtins.OSError.New("getsockopt buflen out of range")
	}
	buf, err := getsockoptBytes(s.fd(), level, optname, buflen)
	runtime.KeepAlive(s)
	return buf, oserror(err)
}
