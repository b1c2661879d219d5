// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect_test

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/socket"
)

// TestExpiredContextIsTimeoutError: a connect whose context's deadline
// has passed fails with net's own "i/o timeout" error, which is
// errors.Is(err, context.DeadlineExceeded) and not os.ErrDeadlineExceeded;
// CPython's connect with a timeout raises TimeoutError "timed out".
//
// Python: socket.create_connection(addr, timeout=...) past its timeout
// (Lib/socket.py; Modules/socketmodule.c: sock_call_ex's "timed out").
func TestExpiredContextIsTimeoutError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(t, err)
	defer ln.Close()
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	_, err = (&net.Dialer{}).DialContext(ctx, "tcp", ln.Addr().String())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("dial with an expired context: %v", err)
	}
	wantException(t, err, builtins.TimeoutError, 0, "timed out")
	if !builtins.Except(err, builtins.OSError) {
		t.Error("TimeoutError is an OSError")
	}
}

// TestDNSErrorIsGaierror: a failed lookup is socket.gaierror, an OSError,
// with glibc's getaddrinfo code and text (CPython 3.11 on Linux:
// getaddrinfo('127.0.0.1', 'nosuchservice') is "[Errno -8] Servname not
// supported for ai_socktype", getaddrinfo('x.invalid', 80) "[Errno -2]
// Name or service not known", create_connection(('127.0.0.1', -1))
// "[Errno -8] ...").
func TestDNSErrorIsGaierror(t *testing.T) {
	_, err := net.LookupPort("tcp", "nosuchservice")
	wantException(t, err, socket.Gaierror, 0, "[Errno -8] Servname not supported for ai_socktype")
	if !builtins.Except(err, builtins.OSError) || err == nil || builtins.AsError(err).Error() != "socket.gaierror: [Errno -8] Servname not supported for ai_socktype" {
		t.Errorf("gaierror: %v", builtins.AsError(err))
	}
	_, err = net.Dial("tcp", "127.0.0.1:-1")
	wantException(t, err, socket.Gaierror, 0, "[Errno -8] Servname not supported for ai_socktype")
	for _, c := range []struct {
		dns  net.DNSError
		want string
	}{
		{net.DNSError{Err: "no such host", Name: "x.invalid", IsNotFound: true}, "[Errno -2] Name or service not known"},
		{net.DNSError{Err: "i/o timeout", Name: "x.invalid", IsTimeout: true}, "[Errno -3] Temporary failure in name resolution"},
		{net.DNSError{Err: "server misbehaving", Name: "x.invalid", IsTemporary: true}, "[Errno -3] Temporary failure in name resolution"},
		{net.DNSError{Err: "cannot unmarshal DNS message", Name: "x.invalid"}, "[Errno -4] Non-recoverable failure in name resolution"},
	} {
		err := &net.OpError{Op: "dial", Net: "tcp", Err: &c.dns}
		wantException(t, err, socket.Gaierror, 0, c.want)
	}
	// A real lookup of a name that cannot exist (RFC 6761): gaierror,
	// whether the resolver answers (-2) or cannot be reached (-3).
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_, err = net.DefaultResolver.LookupHost(ctx, "nonexistent.invalid")
	if !builtins.Except(err, socket.Gaierror) || !builtins.Except(err, builtins.OSError) {
		t.Errorf("lookup of nonexistent.invalid: %v is %v", err, builtins.AsError(err))
	}
}

// TestPathErrorNamesTheFile: an OSError of a call on a path shows the
// path, as CPython's PyErr_SetFromErrnoWithFilenameObjects does; a call
// on an open file does not (probed with CPython 3.11: open('/x') and
// os.rename('/x', '/y')).
func TestPathErrorNamesTheFile(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing")
	_, err := os.Open(missing)
	wantException(t, err, builtins.FileNotFoundError, unix.ENOENT, "[Errno 2] No such file or directory: '"+missing+"'")
	err = os.Rename(missing, filepath.Join(dir, "y"))
	wantException(t, err, builtins.FileNotFoundError, unix.ENOENT, "[Errno 2] No such file or directory: '"+missing+"' -> '"+filepath.Join(dir, "y")+"'")
	err = os.Mkdir(dir, 0o700)
	wantException(t, err, builtins.FileExistsError, unix.EEXIST, "[Errno 17] File exists: '"+dir+"'")
	f, err := os.Open(dir)
	check(t, err)
	defer f.Close()
	_, err = f.Read(make([]byte, 1)) // read(2) of a directory: EISDIR, no filename in Python
	wantException(t, err, builtins.IsADirectoryError, unix.EISDIR, "[Errno 21] Is a directory")
}

// TestTypedNilError: a nil *Error held in an error is no exception, and
// nothing panics on it.
func TestTypedNilError(t *testing.T) {
	var e *builtins.Error
	var err error = e
	if s := err.Error(); s != "<nil>" {
		t.Errorf("Error() = %q", s)
	}
	if builtins.Str(err) != "" || builtins.AsError(err) != nil || builtins.Except(err, builtins.PyException) || builtins.ExceptionOf(err) != "" {
		t.Error("a nil *Error is an exception")
	}
	if errors.Unwrap(err) != nil {
		t.Error("a nil *Error unwraps to something")
	}
	var op *net.OpError // a nil *net.OpError, whose Unwrap would panic
	err = op
	if builtins.AsError(err) != nil || builtins.Str(err) != "" {
		t.Error("a nil *net.OpError is an exception")
	}
}

// TestErrorsWithoutPythonClass: the errors of net and os that have no
// Python counterpart (conformance/DIFFERENCES.md) are no Python class,
// and still an Exception, as every error is to "except Exception:".
func TestErrorsWithoutPythonClass(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(t, err)
	defer ln.Close()
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	f, err := os.Open(t.TempDir())
	check(t, err)
	defer f.Close()
	for what, call := range map[string]func() error{
		"an address with no port":   func() error { _, err := net.Dial("tcp", "127.0.0.1"); return err },
		"an unknown network":        func() error { _, err := net.Dial("tcp5", ln.Addr().String()); return err },
		"a canceled context":        func() error { _, err := (&net.Dialer{}).DialContext(canceled, "tcp", ln.Addr().String()); return err },
		"a deadline on a directory": func() error { return f.SetDeadline(time.Now()) },
	} {
		err := call()
		if err == nil || builtins.AsError(err) != nil || !builtins.Except(err, builtins.PyException) || builtins.Except(err, builtins.OSError) {
			t.Errorf("%s: %v is %v; want no Python class", what, err, builtins.AsError(err))
		}
	}
}
