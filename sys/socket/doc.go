// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Package socket is the part of Python's socket module that programs
// built on select, poll, epoll, kqueue and selectors use, in Go without
// cgo: the same calls, in the same order, with the same arguments,
// units, results and failures as CPython 3.11's Modules/socketmodule.c
// and Lib/socket.py, over golang.org/x/sys.
//
//	Python                                 Go                                           system calls (Linux)
//	s = socket.socket(AF_INET, SOCK_STREAM) s, err := socket.NewSocket(AF_INET, SOCK_STREAM, 0) socket(SOCK_CLOEXEC)
//	s.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1) s.Setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)  setsockopt
//	s.bind(('127.0.0.1', 8000))            s.Bind(socket.Inet("127.0.0.1", 8000))   bind
//	s.listen(100)                          s.Listen(100)                                listen
//	s.setblocking(False)                   s.SetBlocking(false)                         ioctl(FIONBIO)
//	conn, addr = s.accept()                conn, addr, err := s.Accept()                accept4, getsockname
//	data = conn.recv(1024)                 data, err := conn.Recv(1024)                 recvfrom
//	n = conn.send(data)                    n, err := conn.Send(data)                    sendto
//	conn.close()                           conn.Close()                                 close
//
// A socket is a file object for every call of pyselect and selectors:
// *Socket has Fileno.
//
// # Blocking, non-blocking and timeouts
//
// As in CPython a socket is in one of three modes, set by SetBlocking,
// SetTimeout or the default timeout (SetDefaultTimeout): blocking
// (timeout None), where each call is one blocking system call;
// non-blocking (timeout 0), where a call that would block fails with
// BlockingIOError (EAGAIN) at once; and timeout mode, where the
// descriptor is non-blocking and each call first waits with poll(2) for
// the time left, failing with TimeoutError "timed out" (CPython's
// sock_call_ex). EINTR is retried as PEP 475 says. A blocking call holds
// its goroutine's thread in the kernel, as CPython's holds its thread: Go's
// runtime lends the processor to other goroutines meanwhile.
//
// # What differs from Go's net
//
// The calls are the kernel's, not net's: Nagle's algorithm stays on (net
// sets TCP_NODELAY on every connection), recv at end of stream returns an
// empty slice (net returns io.EOF), a non-blocking call fails with
// BlockingIOError where net would park the goroutine, and a listener's
// backlog is the one given to Listen. NetConn and NetListener hand a
// socket to code written for net; FromConn takes one back.
//
// # Platforms
//
// The package builds on every Unix pyselect supports and on Windows. On
// Linux each call is made as glibc makes it, so that a ported program
// makes CPython's system calls (the conformance suite traces both to
// check it); on the other Unix systems the calls go through x/sys, which
// makes the same calls but for details each file names (sendmsg for
// sendto, fcntl for FIONBIO).
//
// On Windows the calls are Winsock's, as CPython's MS_WINDOWS branches make
// them, through golang.org/x/sys/windows and ws2_32.dll without cgo: a
// socket is WSASocketW(WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT),
// setblocking is ioctlsocket(FIONBIO), a timeout waits in select() (Windows
// has no poll for CPython to use), and Fileno is the SOCKET handle. A
// failure is "[WinError N] text" with the Winsock code N (WSAEWOULDBLOCK is
// BlockingIOError, a call on a closed Socket WSAENOTSOCK). As in Python on
// Windows there is no AF_UNIX, MSG_DONTWAIT or SO_REUSEPORT; Socketpair is
// Lib/socket.py's emulation over a TCP connection on 127.0.0.1 (family
// AF_INET or AF_INET6); create_server does not set SO_REUSEADDR; and only
// a fileno of -1 (INVALID_SOCKET) is ValueError "negative file
// descriptor". NetConn, NetListener and FromConn are Unix only: Go's
// net.FileConn and net.FileListener are not implemented on Windows.
//
// # Examples
//
// Each example is a Python program ported line by line, with the Python
// line above the Go statement that ports it: ExampleSocket_Recv drains a
// non-blocking socket until BlockingIOError and reads b"" at the end of
// the stream; ExampleSocket_Send fills a non-blocking socket, seeing a
// short count and then BlockingIOError; Example_selectEchoServer serves
// an echo with select.select. The servers of the select, epoll and kqueue
// tutorials are written on this package in pyselect's examples, and the
// selectors documentation's echo server in selectors'.
//
// # Errors
//
// Every failure is a *builtins.Error with CPython's class, message and
// errno, so that builtins.Except(err, builtins.BlockingIOError) is
// Python's "except BlockingIOError:". socket.timeout is TimeoutError, as in
// Python 3.10 and later; socket.error is OSError; socket.gaierror is
// Gaierror, an OSError.
package socket
