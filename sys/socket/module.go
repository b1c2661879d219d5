// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package socket

import (
	"strconv"
	"strings"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// Fromfd is socket.fromfd(fd, family, type, proto=0): a Socket for a
// duplicate of fd (fcntl(F_DUPFD_CLOEXEC), as os.dup), which fd keeps
// its own; fd is an fd argument, as pyselect takes.
func Fromfd(fd any, family AddressFamily, kind SocketKind, proto ...int) (*Socket, error) {
	p, err := optFlags("fromfd", 4, proto)
	if err != nil {
		return nil, err
	}
	n, err := pyselect.AsFileDescriptor(fd)
	if err != nil {
		return nil, err
	}
	nfd, err := dupCloexec(uintptr(n))
	if err != nil {
		return nil, oserror(err)
	}
	s, err := fromFd(nfd, family, kind, p)
	if err != nil {
		closeSocket(nfd)
	}
	return s, err
}

// ConnectionOptions are socket.create_connection's keyword-only
// arguments. The zero value is Python's default.
type ConnectionOptions struct {
	// AllErrors, if set, makes the failure of every address one
	// ExceptionGroup "create_connection failed" holding each attempt's
	// error in order (a *builtins.ExceptionGroupError); unset, the error
	// is the last address's.
	AllErrors bool
}

// CreateConnection is socket.create_connection(address, timeout,
// source_address, *, all_errors=False): a TCP connection to address, a
// (host, port) pair whose host may be a name, tried at each of its
// addresses in turn (as getaddrinfo(3) orders them) until one connects.
//
// The optional arguments are Python's, in its order, each of which may
// be left out from the end: the timeout (SetTimeout's forms; the socket
// is set to it before it connects, and keeps it; without it the socket
// keeps the default timeout), the source address (nil is None; a
// non-empty one is bound before the connect, as Lib/socket.py does), and
// last, as CreateServer takes its keywords, a ConnectionOptions:
// CreateConnection(addr, 5.0, nil, ConnectionOptions{AllErrors: true}) is
// create_connection(addr, 5.0, None, all_errors=True).
//
// An OSError of an address (of its socket, bind or connect) moves on to
// the next one; any other error (a bad timeout or source address) is
// returned at once, as Python raises it.
func CreateConnection(address AddrInet, args ...any) (*Socket, error) {
	var kw ConnectionOptions
	if n := len(args); n > 0 {
		if o, ok := args[n-1].(ConnectionOptions); ok {
			kw, args = o, args[:n-1]
		}
	}
	if len(args) > 2 {
		return nil, builtins.TypeError.New("create_connection() takes from 1 to 3 positional arguments but " + strconv.Itoa(len(args)+1) + " were given")
	}
	var source any
	if len(args) == 2 {
		source = args[1]
	}
	addrs, err := lookup(address.Host)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, a := range addrs {
		s, err := connectFrom(a.family, AddrInet{a.host, address.Port}, args[:min(len(args), 1)], source)
		if err == nil {
			return s, nil
		}
		if !builtins.Except(err, builtins.OSError) {
			return nil, err
		}
		if !kw.AllErrors {
			errs = errs[:0] // only the last address's error
		}
		errs = append(errs, err)
	}
	if len(errs) == 0 {
		return nil, builtins.OSError.New("getaddrinfo returns an empty list")
	}
	if kw.AllErrors {
		return nil, &builtins.ExceptionGroupError{Message: "create_connection failed", Exceptions: errs}
	}
	return nil, errs[0]
}

// connectFrom is one attempt of CreateConnection: a socket of family,
// set to the timeout if one is given, bound to source if it is a
// non-empty address, connected to address; closed if any step fails.
func connectFrom(family AddressFamily, address AddrInet, timeout []any, source any) (*Socket, error) {
	s, err := NewSocket(family, SOCK_STREAM, IPPROTO_TCP)
	if err != nil {
		return nil, err
	}
	if err := s.connectFrom(family, address, timeout, source); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Socket) connectFrom(family AddressFamily, address AddrInet, timeout []any, source any) error {
	if len(timeout) == 1 {
		if err := s.SetTimeout(timeout[0]); err != nil {
			return err
		}
	}
	switch src := source.(type) {
	case nil:
	case Address:
		// Python's "if source_address:": an empty str is not bound.
		if src != AddrUnix("") {
			if err := s.Bind(src); err != nil {
				return err
			}
		}
	default:
		fam := "AF_INET"
		if family == AF_INET6 {
			fam = "AF_INET6"
		}
		return builtins.TypeError.New("bind(): " + fam + " address must be tuple, not " + builtins.TypeName(source))
	}
	return s.Connect(address)
}

// ServerOptions are socket.create_server's keyword arguments. The zero
// value is Python's defaults.
type ServerOptions struct {
	Family        AddressFamily // 0 is AF_INET
	Backlog       any           // nil (None) for Listen's default, or an int
	ReusePort     bool
	DualstackIPv6 bool
}

// CreateServer is socket.create_server(address, *, family=AF_INET,
// backlog=None, reuse_port=False, dualstack_ipv6=False): a listening TCP
// socket, with SO_REUSEADDR set (not on Windows, where it would let a
// second socket bind the address), as Lib/socket.py makes it (on an
// AF_INET6 socket also IPV6_V6ONLY, unless dualstack_ipv6). A failed bind
// is OSError "[Errno N] <strerror> (while attempting to bind on address
// <addr>)", of the failure's class and errno (on Windows the errno
// winerror_to_errno gives the Winsock error, as OSError.errno has it).
func CreateServer(address Address, kw ...ServerOptions) (*Socket, error) {
	var o ServerOptions
	switch len(kw) {
	case 0:
	case 1:
		o = kw[0]
	default:
		return nil, builtins.TypeError.New("create_server() takes 1 positional argument and one ServerOptions")
	}
	if o.Family == 0 {
		o.Family = AF_INET
	}
	if o.ReusePort && !haveReusePort {
		return nil, builtins.ValueError.New("SO_REUSEPORT not supported on this platform")
	}
	if o.DualstackIPv6 && o.Family != AF_INET6 {
		return nil, builtins.ValueError.New("dualstack_ipv6 requires AF_INET6 family")
	}
	s, err := NewSocket(o.Family, SOCK_STREAM, 0)
	if err != nil {
		return nil, err
	}
	if err := s.createServer(address, o); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Socket) createServer(address Address, o ServerOptions) error {
	if serverReuseAddr {
		s.Setsockopt(SOL_SOCKET, SO_REUSEADDR, 1) // as Python: a failure shows at bind
	}
	if o.ReusePort {
		if err := s.Setsockopt(SOL_SOCKET, soReuseport, 1); err != nil {
			return err
		}
	}
	if o.Family == AF_INET6 {
		v6only := 1
		if o.DualstackIPv6 {
			v6only = 0
		}
		if err := s.Setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, v6only); err != nil {
			return err
		}
	}
	if err := s.Bind(address); err != nil {
		e := builtins.AsError(err)
		if e == nil || e.Errno == 0 {
			return err
		}
		return &builtins.Error{
			Exception: e.Exception,
			Message:   "[Errno " + strconv.Itoa(int(errnoOf(e))) + "] " + strerror(e) + " (while attempting to bind on address " + address.String() + ")",
			Errno:     errnoOf(e),
		}
	}
	if o.Backlog == nil {
		return s.Listen()
	}
	n, ok := o.Backlog.(int)
	if !ok {
		return builtins.TypeError.New("'" + builtins.TypeName(o.Backlog) + "' object cannot be interpreted as an integer")
	}
	return s.Listen(n)
}

// strerror is an OSError's strerror: its message without "[Errno N] "
// (Windows: "[WinError N] ").
func strerror(e *builtins.Error) string {
	if _, after, ok := strings.Cut(e.Message, "] "); ok && (strings.HasPrefix(e.Message, "[Errno ") || strings.HasPrefix(e.Message, "[WinError ")) {
		return after
	}
	return e.Message
}
