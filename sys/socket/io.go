// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package socket

import (
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
)

// Recv is socket.recv(bufsize[, flags]): recv(2) of at most bufsize
// bytes, returned in a new slice of the length received. At the end of
// the stream it returns an empty slice and no error, as Python returns
// b"" (never io.EOF). In non-blocking mode with nothing to read it is
// BlockingIOError (EAGAIN); in timeout mode TimeoutError "timed out". A
// negative bufsize is ValueError "negative buffersize in recv".
func (s *Socket) Recv(bufsize int, flags ...int) ([]byte, error) {
	if s == nil {
		return nil, errNone("recv")
	}
	f, err := optFlags("recv", 2, flags)
	if err != nil {
		return nil, err
	}
	if bufsize < 0 {
		return nil, builtins.ValueError.New("negative buffersize in recv")
	}
	if bufsize > pooledSize {
		buf := make([]byte, bufsize)
		n, err := s.recvInto(buf, f)
		if err != nil {
			return nil, err
		}
		return buf[:n:n], nil
	}
	p := recvBufs.Get().(*[pooledSize]byte)
	n, err := s.recvInto(p[:bufsize], f)
	data := append(make([]byte, 0, n), p[:n]...)
	recvBufs.Put(p)
	if err != nil {
		return nil, err
	}
	return data, nil
}

// Recv reads into a pooled buffer and returns a copy of what it received,
// as CPython receives into a bytes object of bufsize and shrinks it to
// the length received: a recv(4096) of 16 bytes costs 16 bytes, not 4096,
// which is most of the allocation of a server that echoes short messages.
// A larger bufsize is received in place.
const pooledSize = 64 << 10

var recvBufs = sync.Pool{New: func() any { return new([pooledSize]byte) }}

// RecvInto is socket.recv_into(buffer[, nbytes[, flags]]): recv(2) into
// buffer, of at most nbytes bytes (0, the default: len(buffer)); it
// returns how many it received. nbytes above len(buffer) is ValueError
// "buffer too small for requested bytes", below 0 ValueError "negative
// buffersize in recv_into".
func (s *Socket) RecvInto(buffer []byte, nbytesAndFlags ...int) (int, error) {
	if s == nil {
		return 0, errNone("recv_into")
	}
	var nbytes, f int
	switch len(nbytesAndFlags) {
	case 2:
		f = nbytesAndFlags[1]
		fallthrough
	case 1:
		nbytes = nbytesAndFlags[0]
	case 0:
	default:
		return 0, builtins.TypeError.New("recv_into() takes at most 3 arguments (" + strconv.Itoa(len(nbytesAndFlags)+1) + " given)")
	}
	switch {
	case nbytes < 0:
		return 0, builtins.ValueError.New("negative buffersize in recv_into")
	case nbytes == 0:
		nbytes = len(buffer)
	case nbytes > len(buffer):
		return 0, builtins.ValueError.New("buffer too small for requested bytes")
	}
	return s.recvInto(buffer[:nbytes], f)
}

// recvInto is CPython's sock_recv_guts: recv(2) into p, in the socket's
// mode. A request of 0 bytes returns 0 at once, without a system call,
// even on a closed socket, as sock_recv_guts does ("If 0 bytes were
// requested, do nothing").
func (s *Socket) recvInto(p []byte, flags int) (n int, err error) {
	if len(p) == 0 {
		return 0, nil
	}
	fd := s.fd()
	err = call(fd, false, false, s.getTimeout(), func() (err error) {
		n, err = recv(fd, p, flags)
		return err
	})
	runtime.KeepAlive(s)
	return n, oserror(err)
}

// Recvfrom is socket.recvfrom(bufsize[, flags]): recvfrom(2), returning
// the data and the sender's address, nil (None) where the kernel gives
// none (a connected stream socket).
func (s *Socket) Recvfrom(bufsize int, flags ...int) ([]byte, Address, error) {
	if s == nil {
		return nil, nil, errNone("recvfrom")
	}
	f, err := optFlags("recvfrom", 2, flags)
	if err != nil {
		return nil, nil, err
	}
	if bufsize < 0 {
		return nil, nil, builtins.ValueError.New("negative buffersize in recvfrom")
	}
	buf := make([]byte, bufsize)
	fd := s.fd()
	var n int
	var from Address
	err = call(fd, false, false, s.getTimeout(), func() (err error) {
		n, from, err = recvfrom(fd, buf, f)
		return err
	})
	runtime.KeepAlive(s)
	if err != nil {
		return nil, nil, oserror(err)
	}
	return buf[:n:n], from, nil
}

// Send is socket.send(data[, flags]): send(2), returning how many bytes
// the kernel took, which may be fewer than len(data). A broken
// connection is BrokenPipeError (EPIPE): Go's runtime, like CPython,
// does not let SIGPIPE end the program for a socket.
func (s *Socket) Send(data []byte, flags ...int) (int, error) {
	if s == nil {
		return 0, errNone("send")
	}
	f, err := optFlags("send", 2, flags)
	if err != nil {
		return 0, err
	}
	return s.send(data, f, s.getTimeout())
}

func (s *Socket) send(data []byte, flags int, timeout time.Duration) (n int, err error) {
	fd := s.fd()
	err = call(fd, true, false, timeout, func() (err error) {
		n, err = sendto(fd, data, flags)
		return err
	})
	runtime.KeepAlive(s)
	return n, oserror(err)
}

// Sendall is socket.sendall(data[, flags]): send(2) until all of data is
// sent. In timeout mode the timeout bounds the whole call (TimeoutError
// "timed out" once it has passed, with part of data sent).
func (s *Socket) Sendall(data []byte, flags ...int) error {
	if s == nil {
		return errNone("sendall")
	}
	f, err := optFlags("sendall", 2, flags)
	if err != nil {
		return err
	}
	timeout := s.getTimeout()
	var deadline time.Time
	if timeout > 0 {
		deadline = time.Now().Add(timeout)
	}
	for {
		n, err := s.send(data, f, timeout)
		if err != nil {
			return err
		}
		if data = data[n:]; len(data) == 0 {
			return nil
		}
		if timeout > 0 {
			if timeout = time.Until(deadline); timeout <= 0 {
				return errTimedOut()
			}
		}
	}
}

// Sendto is socket.sendto(data, address): sendto(2) to address, of the
// socket's family, returning how many bytes were sent. SendtoFlags is
// sendto(data, flags, address).
func (s *Socket) Sendto(data []byte, address Address) (int, error) {
	return s.SendtoFlags(data, 0, address)
}

// SendtoFlags is socket.sendto(data, flags, address).
func (s *Socket) SendtoFlags(data []byte, flags int, address Address) (int, error) {
	if s == nil {
		return 0, errNone("sendto")
	}
	sa, err := sockaddr(s.family, address, "sendto")
	if err != nil {
		return 0, err
	}
	fd := s.fd()
	var n int
	err = call(fd, true, false, s.getTimeout(), func() (err error) {
		n, err = sendtoAddr(fd, data, flags, sa)
		return err
	})
	runtime.KeepAlive(s)
	return n, oserror(err)
}

// optFlags is the optional flags argument of a method taking at most max
// arguments: 0 when absent; more than one is CPython's TypeError.
func optFlags(method string, max int, flags []int) (int, error) {
	switch len(flags) {
	case 0:
		return 0, nil
	case 1:
		return flags[0], nil
	}
	return 0, builtins.TypeError.New(method + "() takes at most " + strconv.Itoa(max) + " arguments (" + strconv.Itoa(max-1+len(flags)) + " given)")
}
