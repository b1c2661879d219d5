// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Package builtins is the part of Python's builtins that a port of a
// select, selectors or socket program needs: the exception classes and
// the statements around them (except, str(e), isinstance), repr and
// type(v).__name__ for messages, and del and pop on a dict.
//
//	Python                                   Go
//	except (ConnectionResetError, OSError):  if builtins.Except(err, builtins.ConnectionResetError, builtins.OSError) {
//	except OSError as e: e.errno             if e := builtins.AsError(err); e.Is(builtins.OSError) { e.Errno }
//	raise ValueError('bad fd')               return builtins.ValueError.New("bad fd")
//	str(e)                                   builtins.Str(err)
//	type(e).__name__                         builtins.ExceptionOf(err)
//	repr(v)                                  builtins.Repr(v)
//	del fdmap[fd]                            err := builtins.Del(fdmap, fd)
//	fdmap.pop(fd)                            v, err := builtins.Pop(fdmap, fd)
//	deadline = monotonic() + timeout         t, ok, err := builtins.Seconds(timeout)
//
// Every error the packages under sys return is an *Error, with CPython's
// class and message; AsError gives the same for the errors of Go's net,
// os and syscall packages, so that one "except" clause catches both. The
// exceptions a module defines for itself live in its package
// (socket.Gaierror; select.error and socket.error are OSError, as in
// Python).
//
// Python: https://docs.python.org/3/library/exceptions.html
package builtins
