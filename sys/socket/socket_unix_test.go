// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package socket_test

import (
	"strings"
	"syscall"
	"testing"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/socket"
	"golang.org/x/sys/unix"
)

// The tests of what only Unix has: AF_UNIX, socketpair(2), and Go's
// net.FileConn.

// must2 is must for a call with two results.
func must2[A, B any](a A, b B, err error) (A, B) {
	if err != nil {
		panic(err)
	}
	return a, b
}

type rawConn = syscall.RawConn

func TestReprAndAddressesUnix(t *testing.T) {
	a, b := must2(socket.Socketpair(socket.AF_UNIX, socket.SOCK_STREAM))
	defer a.Close()
	defer b.Close()
	if got := must(a.Getsockname()); got != socket.AddrUnix("") {
		t.Errorf("unnamed AF_UNIX getsockname: %q", got)
	}
	if got, want := a.String(), "<socket.socket fd="+itoa(a.Fileno())+", family=1, type=1, proto=0>"; got != want {
		t.Errorf("socketpair repr: %s, want %s", got, want)
	}
	u := must(socket.NewSocket(socket.AF_UNIX, socket.SOCK_STREAM, 0))
	defer u.Close()
	if err := u.Bind(socket.AddrUnix("\x00pyselect-test-" + itoa(unix.Getpid()))); err != nil {
		t.Fatal(err)
	}
	if got := must(u.Getsockname()).String(); got != `b'\x00pyselect-test-`+itoa(unix.Getpid())+`'` {
		t.Errorf("abstract address: %s", got)
	}
}

// The Unix checks of fromfd's fileno: every negative one is ValueError.
func TestFromfdNegative(t *testing.T) {
	_, err := socket.NewSocket(-1, -1, -1, -3)
	wantErr(t, err, builtins.ValueError, "negative file descriptor")
}

// Address errors of AF_UNIX, and of a lookup (glibc's codes and texts).
func TestAddressErrorsUnix(t *testing.T) {
	inet := must(socket.NewSocket(socket.AF_INET, socket.SOCK_STREAM, 0))
	defer inet.Close()
	wantErr(t, inet.Bind(socket.Inet("::1", 0)), socket.Gaierror, "[Errno -9] Address family for hostname not supported")
	err := inet.Bind(socket.Inet("x.invalid", 1))
	wantErr(t, err, socket.Gaierror, "[Errno -2] Name or service not known")
	if !builtins.Except(err, builtins.OSError) {
		t.Fatal("gaierror is not an OSError")
	}
	un := must(socket.NewSocket(socket.AF_UNIX, socket.SOCK_STREAM, 0))
	defer un.Close()
	wantErr(t, un.Bind(socket.Inet("127.0.0.1", 0)), builtins.TypeError, "a bytes-like object is required, not 'tuple'")
	wantErr(t, un.Bind(socket.AddrUnix(strings.Repeat("x", 200))), builtins.OSError, "AF_UNIX path too long")
}

// Go's net and a Socket, both ways.
func TestNetConversions(t *testing.T) {
	c, s := connected(t)
	nc := must(c.NetConn())
	defer nc.Close()
	if c.Fileno() != -1 {
		t.Fatal("NetConn left the socket open")
	}
	nc.Write([]byte("z"))
	s.SetTimeout(5.0)
	if got := must(s.Recv(1)); string(got) != "z" {
		t.Fatalf("%q", got)
	}
	back := must(socket.FromConn(nc.(interface {
		SyscallConn() (rawConn, error)
	})))
	defer back.Close()
	if back.Family() != socket.AF_INET || back.Type() != socket.SOCK_STREAM || back.GetBlocking() {
		t.Fatalf("FromConn: %v", back)
	}
}
