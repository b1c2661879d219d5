// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package socket

import (
	"net"

	"github.com/pyselect/pyselect/sys/builtins"
)

// Gaierror is socket.gaierror, the OSError subclass a failed address
// lookup raises, with getaddrinfo(3)'s error code in its message:
// "[Errno -2] Name or service not known" (glibc's codes and texts, on
// every OS).
const Gaierror builtins.Exception = "gaierror"

// lookupError is the gaierror of a failed lookup of host: the one
// builtins.AsError makes of Go's *net.DNSError, whose fields choose the
// EAI_* code getaddrinfo would have returned (EAI_NONAME for an unknown
// name, EAI_AGAIN for a timeout).
func lookupError(host string, err error) error {
	if e := builtins.AsError(err); e != nil {
		return e
	}
	return builtins.AsError(&net.DNSError{Err: "no such host", Name: host, IsNotFound: true})
}

// errAddrFamily is getaddrinfo's EAI_ADDRFAMILY, for a numeric host of the
// other family: ("::1", 0) for an AF_INET socket.
func errAddrFamily() error {
	return Gaierror.New("[Errno -9] Address family for hostname not supported")
}
