// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect_test

import (
	"net"
	"os"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// tcpPair returns a listener and a connected pair of TCP sockets on
// 127.0.0.1, closed when the test ends.
func tcpPair(t *testing.T) (ln *net.TCPListener, c, s *net.TCPConn) {
	t.Helper()
	ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	check(t, err)
	c, err = net.DialTCP("tcp", nil, ln.Addr().(*net.TCPAddr))
	check(t, err)
	s, err = ln.AcceptTCP()
	check(t, err)
	t.Cleanup(func() { ln.Close(); c.Close(); s.Close() })
	return ln, c, s
}

func isOpen(fd int) bool {
	_, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
	return err == nil
}

var _ = addRows(
	portingRow{"sock.fileno()", "pyselect.Fileno(sock)", func(t *testing.T) {
		_, c, _ := tcpPair(t)
		fd := pyselect.Fileno(c)
		if !isOpen(fd) {
			t.Fatalf("fd %d is not open", fd)
		}
		c.Close()
		if fd := pyselect.Fileno(c); fd != -1 {
			t.Fatalf("a closed socket's fileno() is -1 in Python, got %d", fd)
		}
		if fd, err := pyselect.FilenoErr(c); fd != -1 || err != nil {
			t.Fatalf("a closed socket's fileno() raises nothing in Python: %d, %v", fd, err)
		}
	}},
	portingRow{"fd_to_socket = {server.fileno(): server}", "fdToSocket := map[int]any{pyselect.Fileno(server): server}", func(t *testing.T) {
		server, c, _ := tcpPair(t)
		fdToSocket := map[int]any{pyselect.Fileno(server): server}
		fdToSocket[pyselect.Fileno(c)] = c
		if len(fdToSocket) != 2 || fdToSocket[pyselect.Fileno(server)] != server {
			t.Fatal(fdToSocket)
		}
	}},
	portingRow{"fd = sock.fileno(); del fdmap[fd]", "fd := pyselect.Fileno(sock); err := builtins.Del(fdmap, fd)", func(t *testing.T) {
		_, c, _ := tcpPair(t)
		fdmap := map[int]*net.TCPConn{pyselect.Fileno(c): c}
		c.Close()
		fd := pyselect.Fileno(c)
		err := builtins.Del(fdmap, fd)
		if !builtins.Except(err, builtins.KeyError) || err.Error() != "KeyError: -1" || len(fdmap) != 1 {
			t.Fatalf("got %v, Python raises KeyError: -1", err)
		}
	}},
	portingRow{"key = fd_to_key.pop(fd)", "key, err := builtins.Pop(fdToKey, fd)", func(t *testing.T) {
		fdToKey := map[int]string{3: "k"}
		key, err := builtins.Pop(fdToKey, 3)
		if key != "k" || err != nil || len(fdToKey) != 0 {
			t.Fatal(key, err)
		}
		if _, err := builtins.Pop(fdToKey, 3); err == nil || err.Error() != "KeyError: 3" {
			t.Fatal(err)
		}
	}},
	portingRow{"f.fileno()", "fd, err := pyselect.FilenoErr(f)", func(t *testing.T) {
		f, err := os.Open(os.DevNull)
		check(t, err)
		fd, err := pyselect.FilenoErr(f)
		if err != nil || !isOpen(fd) {
			t.Fatal(fd, err)
		}
		f.Close()
		fd, err = pyselect.FilenoErr(f)
		if fd != -1 || err == nil || err.Error() != "ValueError: I/O operation on closed file" || pyselect.Fileno(f) != -1 {
			t.Fatalf("a closed file: %d, %v; Python raises ValueError: I/O operation on closed file", fd, err)
		}
	}},
	portingRow{"(no Python form: an fd argument as select converts it)", "fd, err := pyselect.AsFileDescriptor(sock)", func(t *testing.T) {
		_, c, _ := tcpPair(t)
		if fd, err := pyselect.AsFileDescriptor(c); err != nil || fd != pyselect.Fileno(c) {
			t.Fatal(fd, err)
		}
		c.Close()
		if _, err := pyselect.AsFileDescriptor(c); err == nil || err.Error() != "ValueError: file descriptor cannot be a negative integer (-1)" {
			t.Fatal(err)
		}
		if _, err := pyselect.AsFileDescriptor("x"); !builtins.Except(err, builtins.TypeError) {
			t.Fatal(err)
		}
	}},
)

// TestFileno: every kind of value, as Python's fileno() answers for the
// object it stands for (probed with CPython 3.11).
func TestFileno(t *testing.T) {
	type fd int
	for _, c := range []struct {
		name string
		v    any
		fd   int
		err  string
	}{
		{"an int is itself", 7, 7, ""},
		{"a negative int is itself", -5, -5, ""},
		{"a named int type", fd(9), 9, ""},
		{"nil", nil, -1, "AttributeError: 'NoneType' object has no attribute 'fileno'"},
		{"a nil *net.TCPConn", (*net.TCPConn)(nil), -1, "AttributeError: 'NoneType' object has no attribute 'fileno'"},
		{"a nil *os.File", (*os.File)(nil), -1, "AttributeError: 'NoneType' object has no attribute 'fileno'"},
		{"a string", "x", -1, "AttributeError: 'str' object has no attribute 'fileno'"},
		{"a uint64 past int", uint64(1 << 63), -1, "OverflowError: Python int too large to convert to C int"},
	} {
		got, err := pyselect.FilenoErr(c.v)
		if got != c.fd || (err == nil) != (c.err == "") || (err != nil && err.Error() != c.err) || pyselect.Fileno(c.v) != c.fd {
			t.Errorf("%s: FilenoErr(%#v) = %d, %v; want %d, %s", c.name, c.v, got, err, c.fd, c.err)
		}
	}
}
