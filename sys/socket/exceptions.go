// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package socket

import "github.com/pyselect/pyselect/sys/builtins"

// The socket module's aliases of builtin exceptions: socket.error is OSError
// (Python 3.3) and socket.timeout is TimeoutError (Python 3.10), so
// "except socket.timeout:" is builtins.Except(err, socket.Timeout).
//
// Python: https://docs.python.org/3/library/socket.html#exceptions
const (
	Error   = builtins.OSError
	Timeout = builtins.TimeoutError
)
