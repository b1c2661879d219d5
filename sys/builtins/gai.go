// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package builtins

import (
	"net"
	"strconv"
)

// dnsError is the socket.gaierror CPython raises where Go's net returns
// a *net.DNSError: socket_getaddrinfo's set_gaierror, the OSError
// subclass whose errno is getaddrinfo's EAI_* code and whose message is
// "[Errno code] gai_strerror(code)". Go's resolver reports no EAI code;
// the DNSError's fields choose the one getaddrinfo returns for the same
// failure:
//
//	DNSError                            getaddrinfo
//	Err "unknown port" (a service)      EAI_SERVICE
//	IsNotFound (no such host)           EAI_NONAME
//	IsTimeout or IsTemporary            EAI_AGAIN
//	any other (a server failure)        EAI_FAIL
//
// A port out of range in an address Go parses (*net.AddrError "invalid
// port") is getaddrinfo's EAI_SERVICE too, as for
// socket.create_connection(('127.0.0.1', -1)).
//
// The codes and texts are glibc's (resolv/netdb.h, posix/gai_strerror.c),
// as CPython on Linux prints them; other C libraries number and word them
// otherwise (conformance/DIFFERENCES.md). The code is in the message only:
// Error.Errno is a syscall.Errno, and EAI codes are no errnos (glibc's are
// negative).
func dnsError(dns *net.DNSError) *Error {
	switch {
	case dns.Err == "unknown port":
		return gai(eaiService)
	case dns.IsNotFound:
		return gai(eaiNoname)
	case dns.IsTimeout, dns.IsTemporary:
		return gai(eaiAgain)
	}
	return gai(eaiFail)
}

// gaierror is socket.gaierror, the OSError subclass of a failed name
// lookup (getaddrinfo), which AsError makes of a *net.DNSError. The socket
// package exports it; the class is its name, as for every Exception.
const gaierror Exception = "gaierror"

// gai is the socket.gaierror of an EAI_* code.
func gai(code int) *Error {
	return gaierror.New("[Errno " + strconv.Itoa(code) + "] " + gaiStrerror[code])
}

// glibc's EAI_* codes (resolv/netdb.h) and gai_strerror texts.
const (
	eaiNoname  = -2
	eaiAgain   = -3
	eaiFail    = -4
	eaiService = -8
)

var gaiStrerror = map[int]string{
	eaiNoname:  "Name or service not known",
	eaiAgain:   "Temporary failure in name resolution",
	eaiFail:    "Non-recoverable failure in name resolution",
	eaiService: "Servname not supported for ai_socktype",
}
