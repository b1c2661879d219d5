// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !linux

package pyselect

import (
	"testing"

	"github.com/pyselect/pyselect/sys/builtins"
	"golang.org/x/sys/unix"
)

// No epoll here: the fuzzers check select and poll alone.

func epollReadyCall(int, any) (int, error, bool) { return 0, nil, false }

func fuzzEpollFd(*testing.T, any, int, *builtins.Error, Mask) {}

// dupOnto makes dst refer to src's file, close-on-exec (dup2(2); not
// every BSD has dup3).
func dupOnto(src, dst int) error {
	if err := unix.Dup2(src, dst); err != nil {
		return err
	}
	unix.CloseOnExec(dst)
	return nil
}
