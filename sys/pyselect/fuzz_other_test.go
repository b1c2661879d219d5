// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package pyselect

import "testing"

// No epoll here: the fuzzers check select and poll alone.

func epollReadyCall(int, any) (int, error, bool) { return 0, nil, false }

func fuzzEpollFd(*testing.T, any, int, *Error, uint32) {}
