// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package socket

import (
	"reflect"
	"runtime"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
)

// A Socket is a socket.socket object.
//
//   - Python: [socket.socket]
//   - Kernel: [socket(2)], [socket(7)]
//
// As in CPython, a Socket holds its descriptor and nothing else: every
// method is the system call CPython makes, on that number. Close sets the
// number to -1 before it closes it, so that a later call fails as
// CPython's does, with OSError EBADF (Fileno returns -1; on Windows the
// call gets INVALID_SOCKET and the error is WSAENOTSOCK). A Socket
// dropped without Close is closed when collected, as CPython closes one
// on dealloc. The zero Socket and a nil *Socket are closed sockets.
//
// [socket.socket]: https://docs.python.org/3/library/socket.html#socket-objects
// [socket(2)]: https://man7.org/linux/man-pages/man2/socket.2.html
// [socket(7)]: https://man7.org/linux/man-pages/man7/socket.7.html
type Socket struct {
	fd1     atomic.Int64 // the descriptor plus one: 0 once closed, and in the zero Socket
	timeout atomic.Int64 // a time.Duration; noTimeout in blocking mode
	closed  atomic.Bool  // Python's _closed: Close or Detach was called
	family  AddressFamily
	kind    SocketKind
	proto   int
	cleanup runtime.Cleanup
}

// NewSocket is socket.socket(family=-1, type=-1, proto=-1, fileno=None).
// Without fileno it makes a socket with socket(2) and
// SOCK_CLOEXEC, as CPython does (on Windows WSASocketW, not inheritable);
// -1 means AF_INET, SOCK_STREAM and 0.
// With fileno (a Go integer: as CPython, no fileno() method is called)
// the Socket owns that descriptor, which must be a socket (getsockname(2) checks it, as
// CPython does; a negative one is ValueError "negative file descriptor"),
// and -1 arguments are read from it. The new socket's timeout is the
// default timeout (SetDefaultTimeout).
func NewSocket(family AddressFamily, kind SocketKind, proto int, fileno ...any) (*Socket, error) {
	if len(fileno) > 1 {
		return nil, builtins.TypeError.New("socket() takes at most 4 arguments (" + strconv.Itoa(len(fileno)+3) + " given)")
	}
	if len(fileno) == 0 || fileno[0] == nil {
		if family == -1 {
			family = AF_INET
		}
		if kind == -1 {
			kind = SOCK_STREAM
		}
		if proto == -1 {
			proto = 0
		}
		fd, err := newSocketFd(int(family), int(kind), proto)
		if err != nil {
			return nil, oserror(err)
		}
		return newSocket(fd, family, kind, proto)
	}
	fd, ok := cInt(fileno[0])
	if !ok {
		return nil, builtins.TypeError.New("'" + builtins.TypeName(fileno[0]) + "' object cannot be interpreted as an integer")
	}
	return fromFd(fd, family, kind, proto)
}

// cInt is a Python int read as CPython reads a SOCKET_T: a C int, to which
// a larger value is truncated. ok is false for a value that is no integer
// (CPython takes no fileno() method here).
func cInt(v any) (int, bool) {
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return int(int32(r.Int())), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return int(int32(r.Uint())), true
	}
	return 0, false
}

// fromFd is socket.socket(family, type, proto, fileno=fd): fd is checked
// with getsockname(2), and an argument of -1 is read from the socket. A
// failed getsockname is an error when fd is no socket, or when the family
// was to be read from it (an unbound socket fails it on Windows).
func fromFd(fd int, family AddressFamily, kind SocketKind, proto int) (*Socket, error) {
	if negativeFd(fd) {
		return nil, builtins.ValueError.New("negative file descriptor")
	}
	a, err := getsockname(fd)
	if err != nil && (family == -1 || notSocket(err)) {
		return nil, oserror(err)
	}
	if family == -1 {
		family = familyOf(a)
	}
	if kind == -1 {
		t, err := getsockoptInt(fd, SOL_SOCKET, SO_TYPE)
		if err != nil {
			return nil, oserror(err)
		}
		kind = SocketKind(t)
	}
	if proto == -1 {
		if proto, err = socketProtocol(fd); err != nil {
			return nil, oserror(err)
		}
	}
	return newSocket(fd, family, kind, proto)
}

// newSocket is CPython's init_sockobject: the Socket owns fd, its type
// without the SOCK_NONBLOCK and SOCK_CLOEXEC flags, and its timeout is 0
// for SOCK_NONBLOCK, else the default timeout, for which a socket in
// timeout or non-blocking mode is made non-blocking. If that fails, fd
// is closed.
func newSocket(fd int, family AddressFamily, kind SocketKind, proto int) (*Socket, error) {
	s := &Socket{family: family, kind: kind &^ typeFlags, proto: proto}
	s.fd1.Store(int64(fd) + 1)
	s.cleanup = runtime.AddCleanup(s, closeFd, fd)
	t := time.Duration(defaultTimeout.Load())
	if kind&sockNonblock != 0 {
		t = 0
	} else if t >= 0 {
		if err := setBlocking(fd, false); err != nil {
			s.Close()
			return nil, oserror(err)
		}
	}
	s.timeout.Store(int64(t))
	return s, nil
}

func closeFd(fd int) { closeSocket(fd) }

// fd is the descriptor, -1 once closed (CPython's INVALID_SOCKET, which
// every system call refuses with EBADF).
func (s *Socket) fd() int {
	if s == nil {
		return -1
	}
	return int(s.fd1.Load()) - 1
}

// Fileno is socket.fileno(): the descriptor, or -1 once closed or
// detached (never an error, as in Python).
func (s *Socket) Fileno() int { return s.fd() }

// Family is socket.family.
func (s *Socket) Family() AddressFamily {
	if s == nil {
		return 0
	}
	return s.family
}

// Type is socket.type.
func (s *Socket) Type() SocketKind {
	if s == nil {
		return 0
	}
	return s.kind
}

// Proto is socket.proto.
func (s *Socket) Proto() int {
	if s == nil {
		return 0
	}
	return s.proto
}

// Close is socket.close(): the descriptor is set to -1, then closed.
// Closing a closed socket does nothing. Like CPython, Close reports the
// error of close(2), except ECONNRESET, which it ignores (a peer's reset
// is no failure to close).
func (s *Socket) Close() error {
	if s == nil {
		return errNone("close")
	}
	s.closed.Store(true)
	fd1 := s.fd1.Swap(0)
	if fd1 == 0 {
		return nil
	}
	s.cleanup.Stop()
	if err := closeSocket(int(fd1) - 1); err != nil && err != eCONNRESET {
		return oserror(err)
	}
	return nil
}

// Detach is socket.detach(): the Socket is closed without closing the
// descriptor, which it returns (-1 if it was closed already).
func (s *Socket) Detach() int {
	if s == nil {
		return -1
	}
	s.closed.Store(true)
	fd1 := s.fd1.Swap(0)
	if fd1 != 0 {
		s.cleanup.Stop()
	}
	return int(fd1) - 1
}

// GetBlocking is socket.getblocking(): false in non-blocking mode
// (timeout 0), true in blocking and timeout mode.
func (s *Socket) GetBlocking() bool { return s.getTimeout() != 0 }

// GetTimeout is socket.gettimeout(): nil (None) in blocking mode, else
// the timeout in seconds, a float64 (0.0 in non-blocking mode).
func (s *Socket) GetTimeout() any { return timeoutValue(s.getTimeout()) }

func (s *Socket) getTimeout() time.Duration {
	if s == nil {
		return noTimeout
	}
	return time.Duration(s.timeout.Load())
}

// SetBlocking is socket.setblocking(flag): blocking mode (timeout None)
// or non-blocking mode (timeout 0). As CPython, it sets O_NONBLOCK with
// ioctl(FIONBIO) where the system has it, fcntl(2) elsewhere, and
// ioctlsocket(FIONBIO) on Windows.
func (s *Socket) SetBlocking(flag bool) error {
	if s == nil {
		return errNone("setblocking")
	}
	t := time.Duration(0)
	if flag {
		t = noTimeout
	}
	s.timeout.Store(int64(t))
	return oserror(setBlocking(s.fd(), flag))
}

// SetTimeout is socket.settimeout(value): nil (None) is blocking mode, 0
// non-blocking mode, and a positive number of seconds (or a
// time.Duration) timeout mode, where each call waits at most that long
// and then fails with TimeoutError "timed out". The value's rules are
// CPython's (see SetDefaultTimeout).
func (s *Socket) SetTimeout(value any) error {
	if s == nil {
		return errNone("settimeout")
	}
	t, err := parseTimeout(value)
	if err != nil {
		return err
	}
	s.timeout.Store(int64(t))
	return oserror(setBlocking(s.fd(), t < 0))
}

// String is repr(socket), as Lib/socket.py writes it:
// "<socket.socket fd=3, family=2, type=1, proto=0, laddr=('127.0.0.1', 8000)>",
// with " [closed]" after a Close and the addresses only while open.
func (s *Socket) String() string {
	if s == nil {
		return "None"
	}
	closed := s.closed.Load()
	b := []byte("<socket.socket")
	if closed {
		b = append(b, " [closed]"...)
	}
	b = append(b, " fd="...)
	b = strconv.AppendInt(b, int64(s.fd()), 10)
	b = append(b, ", family="+s.family.String()+", type="+s.kind.String()+", proto="...)
	b = strconv.AppendInt(b, int64(s.proto), 10)
	if !closed {
		if a, err := s.Getsockname(); err == nil && truthy(a) {
			b = append(b, ", laddr="+a.String()...)
		}
		if a, err := s.Getpeername(); err == nil && truthy(a) {
			b = append(b, ", raddr="+a.String()...)
		}
	}
	return string(append(b, '>'))
}

// truthy is Python's bool() of an address: false for None and the empty
// AF_UNIX name.
func truthy(a Address) bool { return a != nil && a != AddrUnix("") }

// Dup is socket.dup(): a new Socket for a duplicate of the descriptor
// (fcntl(F_DUPFD_CLOEXEC); on Windows WSADuplicateSocketW and
// WSASocketW), with the same family, type, proto and timeout.
func (s *Socket) Dup() (*Socket, error) {
	if s == nil {
		return nil, errNone("dup")
	}
	nfd, err := dupCloexec(uintptr(s.fd()))
	runtime.KeepAlive(s)
	if err != nil {
		return nil, oserror(err)
	}
	d, err := fromFd(nfd, s.family, s.kind, s.proto)
	if err != nil {
		closeSocket(nfd)
		return nil, err
	}
	return d, d.SetTimeout(s.GetTimeout())
}
