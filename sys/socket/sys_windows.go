// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package socket

import (
	"math"
	"net/netip"
	"syscall"
	"unsafe"

	"github.com/pyselect/pyselect/sys/builtins"
	"golang.org/x/sys/windows"
)

// The Winsock calls CPython makes on Windows (Modules/socketmodule.c, the
// MS_WINDOWS branches), by the names the shared files use. A descriptor
// is a SOCKET handle, as socket.fileno() gives it; a closed Socket's -1
// is INVALID_SOCKET, which every call refuses with WSAENOTSOCK. An error
// is the Winsock code (WSAGetLastError), which builtins.AsError raises as
// CPython's set_error does: "[WinError 10035] A non-blocking socket
// operation could not be completed immediately", BlockingIOError.

// The Winsock codes CPython's socket calls test for (CHECK_ERRNO(EINTR)
// is WSAGetLastError() == WSAEINTR on Windows).
const (
	eINTR       = windows.WSAEINTR
	eWOULDBLOCK = windows.WSAEWOULDBLOCK // also connect_ex's timeout
	eINPROGRESS = windows.WSAEWOULDBLOCK // a non-blocking connect (SOCK_INPROGRESS_ERR)
	eISCONN     = windows.WSAEISCONN
	eCONNRESET  = windows.WSAECONNRESET
)

// Winsock's values of C names x/sys/windows does not define (winsock2.h).
const (
	fionbio          = 0x8004667e
	fromProtocolInfo = -1 // FROM_PROTOCOL_INFO
)

const (
	// afUnix is Winsock's AF_UNIX, to which an AddrUnix would belong:
	// CPython on Windows is built without AF_UNIX (socketmodule.h undefines
	// it where there is no sys/un.h), so socket.AF_UNIX is absent.
	afUnix = windows.AF_UNIX

	// Winsock has no flags in socket's type argument.
	typeFlags    = 0
	sockNonblock = 0

	// serverReuseAddr is whether create_server sets SO_REUSEADDR: not on
	// Windows, where the option lets another socket bind the same
	// address (Lib/socket.py).
	serverReuseAddr = false

	sizeofSockaddrAny = int32(unsafe.Sizeof(windows.RawSockaddrAny{}))
)

// x/sys/windows has no accept (its Accept fails with EWINDOWS), and its
// send, recv, sendto and ioctlsocket do not report what CPython reads.
var (
	ws2           = windows.NewLazySystemDLL("ws2_32.dll")
	procAccept    = ws2.NewProc("accept")
	procBind      = ws2.NewProc("bind")
	procConnect   = ws2.NewProc("connect")
	procRecv      = ws2.NewProc("recv")
	procRecvfrom  = ws2.NewProc("recvfrom")
	procSend      = ws2.NewProc("send")
	procSendto    = ws2.NewProc("sendto")
	procIoctl     = ws2.NewProc("ioctlsocket")
	procGetsock   = ws2.NewProc("getsockname")
	procGetpeer   = ws2.NewProc("getpeername")
	procSelect    = ws2.NewProc("select")
	errWSAStartup = startup()
)

// startup is WSAStartup(2.2), which CPython's socket module calls when it
// is imported; it is never undone, as in CPython and Go's net.
func startup() error {
	var d windows.WSAData
	return windows.WSAStartup(0x202, &d)
}

// wsaCall makes a Winsock call that returns SOCKET_ERROR, an int -1 (or
// accept's INVALID_SOCKET, whose low 32 bits no handle has), on failure,
// with WSAGetLastError as its error.
func wsaCall(p *windows.LazyProc, args ...uintptr) (uintptr, error) {
	r, _, e := syscall.SyscallN(p.Addr(), args...)
	if int32(r) == -1 {
		if e == 0 {
			e = windows.WSAEINVAL
		}
		return r, e
	}
	return r, nil
}

// newSocketFd is WSASocketW(family, type, proto, NULL, 0,
// WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT), as CPython makes a
// socket on Windows.
func newSocketFd(family, kind, proto int) (int, error) {
	if errWSAStartup != nil {
		return -1, errWSAStartup
	}
	h, err := windows.WSASocket(int32(family), int32(kind), int32(proto), nil, 0, windows.WSA_FLAG_OVERLAPPED|windows.WSA_FLAG_NO_HANDLE_INHERIT)
	if err != nil {
		return -1, err
	}
	return int(h), nil
}

// dupCloexec is socket.dup on Windows: WSADuplicateSocketW for this
// process, WSASocketW(FROM_PROTOCOL_INFO, ..., WSA_FLAG_OVERLAPPED) and
// SetHandleInformation to make the new handle non-inheritable.
func dupCloexec(fd uintptr) (int, error) {
	var info windows.WSAProtocolInfo
	if err := windows.WSADuplicateSocket(windows.Handle(fd), windows.GetCurrentProcessId(), &info); err != nil {
		return -1, err
	}
	h, err := windows.WSASocket(fromProtocolInfo, fromProtocolInfo, fromProtocolInfo, &info, 0, windows.WSA_FLAG_OVERLAPPED)
	if err != nil {
		return -1, err
	}
	if err := windows.SetHandleInformation(h, windows.HANDLE_FLAG_INHERIT, 0); err != nil {
		windows.Closesocket(h)
		return -1, err
	}
	return int(h), nil
}

// acceptFd is accept(), then SetHandleInformation to make the new
// socket non-inheritable, as CPython's sock_accept on Windows.
func acceptFd(fd int) (int, Address, error) {
	var rsa windows.RawSockaddrAny
	l := sizeofSockaddrAny
	r, err := wsaCall(procAccept, uintptr(fd), uintptr(unsafe.Pointer(&rsa)), uintptr(unsafe.Pointer(&l)))
	if err != nil {
		return -1, nil, err
	}
	if err := windows.SetHandleInformation(windows.Handle(r), windows.HANDLE_FLAG_INHERIT, 0); err != nil {
		windows.Closesocket(windows.Handle(r))
		return -1, nil, err
	}
	return int(r), makeAddress(&rsa, l), nil
}

// notSocket reports whether getsockname failed because fd is no socket:
// WSAENOTSOCK, which Winsock gives for a closed handle too (an unbound
// socket fails with WSAEINVAL, which CPython lets pass).
func notSocket(err error) bool { return err == windows.WSAENOTSOCK }

func getsockname(fd int) (Address, error) { return nameCall(procGetsock, fd) }

func getpeername(fd int) (Address, error) { return nameCall(procGetpeer, fd) }

func nameCall(p *windows.LazyProc, fd int) (Address, error) {
	var rsa windows.RawSockaddrAny
	l := sizeofSockaddrAny
	if _, err := wsaCall(p, uintptr(fd), uintptr(unsafe.Pointer(&rsa)), uintptr(unsafe.Pointer(&l))); err != nil {
		return nil, err
	}
	return makeAddress(&rsa, l), nil
}

// makeAddress is CPython's makesockaddr for the l bytes of rsa: None for
// none, and for a family this package has no Address for.
func makeAddress(rsa *windows.RawSockaddrAny, l int32) Address {
	if l == 0 {
		return nil
	}
	switch rsa.Addr.Family {
	case windows.AF_INET:
		sa := (*windows.RawSockaddrInet4)(unsafe.Pointer(rsa))
		return AddrInet{netip.AddrFrom4(sa.Addr).String(), int(ntohs(sa.Port))}
	case windows.AF_INET6:
		sa := (*windows.RawSockaddrInet6)(unsafe.Pointer(rsa))
		return AddrInet6{netip.AddrFrom16(sa.Addr).String(), int(ntohs(sa.Port)), int(ntohl(sa.Flowinfo)), int(sa.Scope_id)}
	}
	return nil
}

// raw is the struct sockaddr of a, as getsockaddrarg fills it.
func (a sockAddr) raw() (unsafe.Pointer, int32) {
	if a.family == AF_INET6 {
		sa := &windows.RawSockaddrInet6{Family: windows.AF_INET6, Port: ntohs(uint16(a.port)),
			Flowinfo: ntohl(a.flowinfo), Addr: a.ip.As16(), Scope_id: a.scopeID}
		return unsafe.Pointer(sa), int32(unsafe.Sizeof(*sa))
	}
	sa := &windows.RawSockaddrInet4{Family: windows.AF_INET, Port: ntohs(uint16(a.port)), Addr: a.ip.As4()}
	return unsafe.Pointer(sa), int32(unsafe.Sizeof(*sa))
}

// ntohs and ntohl swap to and from network byte order (Windows runs
// little-endian only).
func ntohs(v uint16) uint16 { return v<<8 | v>>8 }

func ntohl(v uint32) uint32 { return v<<24 | v>>24 | (v>>8)&0xff00 | (v<<8)&0xff0000 }

func bind(fd int, a sockAddr) error {
	p, l := a.raw()
	_, err := wsaCall(procBind, uintptr(fd), uintptr(p), uintptr(l))
	return err
}

func connect(fd int, a sockAddr) error {
	p, l := a.raw()
	_, err := wsaCall(procConnect, uintptr(fd), uintptr(p), uintptr(l))
	return err
}

// buf is a buffer as Winsock takes it: a pointer and a C int length,
// clamped to INT_MAX as CPython clamps it.
func buf(p []byte) (uintptr, uintptr) {
	if len(p) == 0 {
		return 0, 0
	}
	return uintptr(unsafe.Pointer(&p[0])), uintptr(min(len(p), math.MaxInt32))
}

// count is the byte count of a call that returns one: 0 if it failed.
func count(r uintptr, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	return int(int32(r)), nil
}

// recv is recv(), as sock_recv_guts calls it.
func recv(fd int, p []byte, flags int) (int, error) {
	b, n := buf(p)
	return count(wsaCall(procRecv, uintptr(fd), b, n, uintptr(flags)))
}

// recvfrom is recvfrom() with room for the sender's address.
func recvfrom(fd int, p []byte, flags int) (int, Address, error) {
	var rsa windows.RawSockaddrAny
	l := sizeofSockaddrAny
	b, n := buf(p)
	r, err := wsaCall(procRecvfrom, uintptr(fd), b, n, uintptr(flags), uintptr(unsafe.Pointer(&rsa)), uintptr(unsafe.Pointer(&l)))
	if err != nil {
		return 0, nil, err
	}
	return int(int32(r)), makeAddress(&rsa, l), nil
}

// sendto is send(), as sock_send_impl calls it.
func sendto(fd int, p []byte, flags int) (int, error) {
	b, n := buf(p)
	return count(wsaCall(procSend, uintptr(fd), b, n, uintptr(flags)))
}

func sendtoAddr(fd int, p []byte, flags int, a sockAddr) (int, error) {
	b, n := buf(p)
	sa, l := a.raw()
	return count(wsaCall(procSendto, uintptr(fd), b, n, uintptr(flags), uintptr(sa), uintptr(l)))
}

// setBlocking is CPython's internal_setblocking on Windows:
// ioctlsocket(FIONBIO).
func setBlocking(fd int, block bool) error {
	var v uint32 = 1
	if block {
		v = 0
	}
	_, err := wsaCall(procIoctl, uintptr(fd), fionbio, uintptr(unsafe.Pointer(&v)))
	return err
}

// socketProtocol is 0: Winsock has no SO_PROTOCOL, and CPython reads a
// fileno's proto as 0 there.
func socketProtocol(int) (int, error) { return 0, nil }

// negativeFd reports whether socket(fileno=fd) is ValueError "negative
// file descriptor": on Windows only INVALID_SOCKET (-1) is; another
// negative number is a SOCKET_T handle that getsockname refuses.
func negativeFd(fd int) bool { return fd == -1 }

func closeSocket(fd int) error { return windows.Closesocket(windows.Handle(fd)) }

func listen(fd, backlog int) error { return windows.Listen(windows.Handle(fd), backlog) }

func shutdown(fd, how int) error { return windows.Shutdown(windows.Handle(fd), how) }

func getsockoptInt(fd, level, opt int) (int, error) {
	return windows.GetsockoptInt(windows.Handle(fd), level, opt)
}

func setsockoptInt(fd, level, opt, v int) error {
	return windows.SetsockoptInt(windows.Handle(fd), level, opt, v)
}

func setsockoptBytes(fd, level, opt int, v []byte) error {
	var p *byte
	if len(v) > 0 {
		p = &v[0]
	}
	return windows.Setsockopt(windows.Handle(fd), int32(level), int32(opt), p, int32(len(v)))
}

// setsockoptNull is setsockopt with a NULL value of length optlen.
func setsockoptNull(fd, level, optname, optlen int) error {
	return windows.Setsockopt(windows.Handle(fd), int32(level), int32(optname), nil, int32(optlen))
}

// getsockoptBytes is getsockopt into a buflen-byte buffer.
func getsockoptBytes(fd, level, optname, buflen int) ([]byte, error) {
	b := make([]byte, buflen)
	l := int32(buflen)
	if err := windows.Getsockopt(windows.Handle(fd), int32(level), int32(optname), &b[0], &l); err != nil {
		return nil, err
	}
	return b[:l:l], nil
}

// unixSockaddr is getsockaddrarg for a family it has no case for: CPython
// on Windows is built without AF_UNIX.
func unixSockaddr(_ Address, caller string) (sockAddr, error) {
	return sockAddr{}, builtins.OSError.New(caller + "(): bad family")
}

// errnoOf is an OSError's errno attribute: winerror_to_errno of the
// Winsock code, which is the code itself but for the six that are the C
// runtime's errno + 10000 (winsock2.h).
func errnoOf(e *builtins.Error) syscall.Errno {
	switch e.Errno {
	case windows.WSAEINTR, windows.WSAEBADF, windows.WSAEACCES,
		windows.WSAEFAULT, windows.WSAEINVAL, windows.WSAEMFILE:
		return e.Errno - 10000
	}
	return e.Errno
}
