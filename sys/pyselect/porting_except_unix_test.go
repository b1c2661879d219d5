// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect_test

import (
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/socket"
)

// The errors a Python networking program catches, made for real with
// Go's net package: each is a *net.OpError around an *os.SyscallError
// around the errno, never a *builtins.Error.

// resetErr is the error of a read from a TCP connection whose peer closed
// with SO_LINGER 0, which sends a RST: ECONNRESET.
func resetErr(t *testing.T) error {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(t, err)
	defer ln.Close()
	c, err := net.Dial("tcp", ln.Addr().String())
	check(t, err)
	defer c.Close()
	s, err := ln.Accept()
	check(t, err)
	check(t, s.(*net.TCPConn).SetLinger(0))
	s.Close()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err = c.Read(make([]byte, 1))
	return err
}

// refusedErr is the error of a connect to a port of 127.0.0.1 that no one
// listens on: ECONNREFUSED.
func refusedErr(t *testing.T) error {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(t, err)
	addr := ln.Addr().String()
	ln.Close()
	c, err := net.Dial("tcp", addr)
	if err == nil {
		c.Close()
		t.Fatalf("connected to %s after its listener closed", addr)
	}
	return err
}

// brokenPipeErr is the error of a write to a stream socket whose peer has
// closed: EPIPE (Go ignores the SIGPIPE for sockets).
func brokenPipeErr(t *testing.T) error {
	t.Helper()
	ln, err := net.Listen("unix", filepath.Join(t.TempDir(), "s"))
	check(t, err)
	defer ln.Close()
	c, err := net.Dial("unix", ln.Addr().String())
	check(t, err)
	defer c.Close()
	s, err := ln.Accept()
	check(t, err)
	s.Close()
	_, err = c.Write([]byte("x"))
	return err
}

// wantException checks err's class, str(e) and errno as AsError gives them.
func wantException(t *testing.T, err error, cls builtins.Exception, errno unix.Errno, str string) {
	t.Helper()
	e := builtins.AsError(err)
	if e == nil || e.Exception != cls || e.Errno != errno || e.Message != str || builtins.Str(err) != str {
		t.Fatalf("AsError(%#v) = %+v, want %s %q (errno %d)", err, e, cls, str, errno)
	}
	if !builtins.Except(err, cls) || !builtins.Except(err, builtins.PyException) || builtins.ExceptionOf(err) != cls {
		t.Fatalf("Except(%v, %s) is false", err, cls)
	}
}

// errnoStr is CPython's str(OSError(errno, strerror(errno))).
func errnoStr(errno unix.Errno) string {
	s := errno.Error()
	return "[Errno " + strconv.Itoa(int(errno)) + "] " + string(s[0]-'a'+'A') + s[1:]
}

var _ = addRows(
	portingRow{"except ConnectionResetError:", "builtins.Except(err, builtins.ConnectionResetError)", func(t *testing.T) {
		err := resetErr(t)
		var op *net.OpError
		if !errors.As(err, &op) || errors.Is(err, builtins.ConnectionResetError) {
			t.Fatalf("%#v: want a *net.OpError that errors.Is cannot match", err)
		}
		wantException(t, err, builtins.ConnectionResetError, unix.ECONNRESET, errnoStr(unix.ECONNRESET))
		if !builtins.Except(err, builtins.ConnectionError, builtins.OSError) || builtins.Except(err, builtins.BrokenPipeError, builtins.ValueError) {
			t.Fatal("Except does not follow the class hierarchy")
		}
	}},
	portingRow{"except (ConnectionResetError, BrokenPipeError):", "builtins.Except(err, builtins.ConnectionResetError, builtins.BrokenPipeError)", func(t *testing.T) {
		for _, err := range []error{resetErr(t), brokenPipeErr(t)} {
			if !builtins.Except(err, builtins.ConnectionResetError, builtins.BrokenPipeError) {
				t.Fatalf("%v: not caught", err)
			}
		}
		wantException(t, brokenPipeErr(t), builtins.BrokenPipeError, unix.EPIPE, errnoStr(unix.EPIPE))
		if err := refusedErr(t); builtins.Except(err, builtins.ConnectionResetError, builtins.BrokenPipeError) {
			t.Fatalf("%v: caught by the wrong clause", err)
		}
	}},
	portingRow{"except ConnectionRefusedError:", "builtins.Except(err, builtins.ConnectionRefusedError)", func(t *testing.T) {
		wantException(t, refusedErr(t), builtins.ConnectionRefusedError, unix.ECONNREFUSED, errnoStr(unix.ECONNREFUSED))
	}},
	portingRow{"except OSError as e: e.errno", "if e := builtins.AsError(err); e.Is(builtins.OSError) { errno := e.Errno }", func(t *testing.T) {
		_, _, _, own := pyselect.Select([]int{closedFd(t)}, nil, nil, 0)
		for err, errno := range map[error]unix.Errno{own: unix.EBADF, resetErr(t): unix.ECONNRESET, refusedErr(t): unix.ECONNREFUSED, unix.EAGAIN: unix.EAGAIN} {
			if e := builtins.AsError(err); !e.Is(builtins.OSError) || e.Errno != errno {
				t.Fatalf("%v: %+v, want errno %d", err, e, errno)
			}
		}
		if e := builtins.AsError(io.EOF); e.Is(builtins.OSError) {
			t.Fatal("io.EOF is no exception in Python: recv returns b''")
		}
	}},
	portingRow{"logging.error('%s', e)", "log.Printf(\"%s\", builtins.Str(err))", func(t *testing.T) {
		if s := builtins.Str(resetErr(t)); s != errnoStr(unix.ECONNRESET) {
			t.Fatal(s)
		}
		_, _, _, err := pyselect.Select([]int{-1}, nil, nil, 0)
		if s := builtins.Str(err); s != "file descriptor cannot be a negative integer (-1)" {
			t.Fatal(s)
		}
	}},
	portingRow{"except socket.timeout:", "builtins.Except(err, socket.Timeout)", func(t *testing.T) {
		a, b := net.Pipe()
		defer a.Close()
		defer b.Close()
		a.SetReadDeadline(time.Now())
		_, err := a.Read(make([]byte, 1))
		wantException(t, err, socket.Timeout, 0, "timed out")
		if !builtins.Except(unix.ETIMEDOUT, socket.Timeout) {
			t.Fatal("ETIMEDOUT is TimeoutError too")
		}
	}},
	portingRow{"except socket.gaierror:", "builtins.Except(err, socket.Gaierror)", func(t *testing.T) {
		_, err := net.LookupPort("tcp", "nosuchservice")
		wantException(t, err, socket.Gaierror, 0, "[Errno -8] Servname not supported for ai_socktype")
		if !builtins.Except(err, builtins.OSError) {
			t.Fatal("gaierror is an OSError")
		}
	}},
	portingRow{"raise ValueError('bad fd')", "return builtins.ValueError.New(\"bad fd\")", func(t *testing.T) {
		err := error(builtins.ValueError.New("bad fd"))
		if !builtins.Except(err, builtins.ValueError) || builtins.Str(err) != "bad fd" || err.Error() != "ValueError: bad fd" || builtins.AsError(err).Errno != 0 {
			t.Fatalf("%#v: want ValueError 'bad fd' with no errno", err)
		}
	}},
	portingRow{"except Exception:", "builtins.Except(err, builtins.PyException)", func(t *testing.T) {
		_, _, _, own := pyselect.Select([]int{-1}, nil, nil, 0)
		for _, err := range []error{own, resetErr(t), errors.New("any Go error")} {
			if !builtins.Except(err, builtins.PyException) || !builtins.Except(err, builtins.BaseException) {
				t.Fatalf("%v: not an Exception", err)
			}
		}
		if builtins.Except(nil, builtins.PyException) {
			t.Fatal("nil raised something")
		}
	}},
)

// TestAsErrorOfClosed: what a socket or file used after Close raises in
// Python (both probed with CPython 3.11).
func TestAsErrorOfClosed(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(t, err)
	defer ln.Close()
	a, err := net.Dial("tcp", ln.Addr().String())
	check(t, err)
	a.Close()
	_, err = a.Read(make([]byte, 1))
	if !errors.Is(err, net.ErrClosed) {
		t.Fatalf("net.Pipe read after Close: %v", err)
	}
	wantException(t, err, builtins.OSError, unix.EBADF, errnoStr(unix.EBADF))
	f, err := os.Open(os.DevNull)
	check(t, err)
	f.Close()
	_, err = f.Read(make([]byte, 1))
	wantException(t, err, builtins.ValueError, 0, "I/O operation on closed file.")
	if e := builtins.AsError(errors.New("x")); e != nil {
		t.Fatalf("a foreign error has no class: %v", e)
	}
}

var _ = addRows(
	portingRow{"except BlockingIOError:", "builtins.Except(err, builtins.BlockingIOError)", func(t *testing.T) {
		a, c, err := socket.Socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
		check(t, err)
		defer a.Close()
		defer c.Close()
		check(t, c.SetBlocking(false))
		_, err = c.Recv(1)
		if !builtins.Except(err, builtins.BlockingIOError) || builtins.Str(err) != errnoStr(unix.EAGAIN) {
			t.Fatalf("a read with no data: %v, want BlockingIOError", err)
		}
	}},
)
