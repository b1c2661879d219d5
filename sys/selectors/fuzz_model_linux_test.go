// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package selectors_test

import (
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/selectors"
)

// fmClasses are the selector classes FuzzSelectorModel drives here.
var fmClasses = []fmClass{
	{name: "SelectSelector", new: selectors.NewSelectSelector[int]},
	{name: "PollSelector", new: selectors.NewPollSelector[int], pollLike: true},
	{name: "EpollSelector", new: selectors.NewEpollSelector[int], pollLike: true, epoll: true},
}

// fmDupOnto is dup2(fd, to) with close-on-exec: dup3(2), which every
// Linux architecture has.
func fmDupOnto(fd, to int) error { return unix.Dup3(fd, to, unix.O_CLOEXEC) }
