// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package socket

import (
	"strconv"

	"github.com/pyselect/pyselect/sys/builtins"
)

// An Address is a socket address as Python writes it: one Go type per
// family, each printing as Python's str() of the value.
//
//	Python                         Go
//	('127.0.0.1', 8000)            socket.Inet("127.0.0.1", 8000)
//	('::1', 8000, 0, 0)            socket.AddrInet6{Host: "::1", Port: 8000}
//	'/tmp/sock'                    AddrUnix("/tmp/sock")
//	b'\x00name' (Linux abstract)   AddrUnix("\x00name")
//
// A call that returns no address (recvfrom on a connected stream socket)
// returns a nil Address, Python's None.
type Address interface {
	String() string
	address() // only this package's types
}

// AddrInet is an AF_INET address, Python's (host, port). Host is a
// dotted quad, a name to look up, "" (INADDR_ANY) or "<broadcast>".
type AddrInet struct {
	Host string
	Port int
}

// AddrInet6 is an AF_INET6 address, Python's (host, port, flowinfo,
// scope_id). An AddrInet is taken where an AF_INET6 address is wanted, as
// Python takes a pair, with flowinfo and scope_id 0.
type AddrInet6 struct {
	Host     string
	Port     int
	Flowinfo int
	ScopeID  int
}

// AddrUnix is an AF_UNIX address, Python's str path; a path that starts
// with a NUL byte is in Linux's abstract namespace, which Python gives as
// bytes. The empty AddrUnix is an unnamed socket's address.
type AddrUnix string

// Inet is the AF_INET address (host, port): AddrInet{host, port}, which
// go vet would have written with field names outside this package.
func Inet(host string, port int) AddrInet { return AddrInet{host, port} }

func (AddrInet) address()  {}
func (AddrInet6) address() {}
func (AddrUnix) address()  {}

// String is Python's str(('127.0.0.1', 8000)).
func (a AddrInet) String() string {
	return "(" + builtins.Repr(a.Host) + ", " + strconv.Itoa(a.Port) + ")"
}

// String is Python's str(('::1', 8000, 0, 0)).
func (a AddrInet6) String() string {
	return "(" + builtins.Repr(a.Host) + ", " + strconv.Itoa(a.Port) + ", " +
		strconv.Itoa(a.Flowinfo) + ", " + strconv.Itoa(a.ScopeID) + ")"
}

// String is Python's str() of the path, or of the bytes of an abstract
// address (b'\x00name').
func (a AddrUnix) String() string {
	if len(a) > 0 && a[0] == 0 {
		return builtins.Repr([]byte(a))
	}
	return string(a)
}

// pyTypeName is the name of the Python type an Address stands for, for
// CPython's TypeErrors.
func pyTypeName(a Address) string {
	switch a.(type) {
	case AddrUnix:
		return "str"
	case nil:
		return "NoneType"
	}
	return "tuple"
}
