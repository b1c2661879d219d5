// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package selectors_test

import (
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/selectors"
)

// fmClasses are the selector classes FuzzSelectorModel drives here
// (KqueueSelector's filters are not modelled: its conformance specs and
// differential scenarios cover it).
var fmClasses = []fmClass{
	{name: "SelectSelector", new: selectors.NewSelectSelector[int]},
	{name: "PollSelector", new: selectors.NewPollSelector[int], pollLike: true},
}

// fmDupOnto is dup2(fd, to) with close-on-exec.
func fmDupOnto(fd, to int) error {
	if err := unix.Dup2(fd, to); err != nil {
		return err
	}
	unix.CloseOnExec(to)
	return nil
}
