// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"strconv"

	"github.com/pyselect/pyselect/sys/builtins"
)

// NewEpoll is select.epoll(sizehint=-1, flags=0). Both arguments are
// optional and ints, so they are one variadic (the package's rule for
// optional arguments):
// NewEpoll() is select.epoll(), NewEpoll(-1, EPOLL_CLOEXEC)
// select.epoll(-1, select.EPOLL_CLOEXEC), and a third argument is
// TypeError "epoll() takes at most 2 arguments (3 given)".
//
// The descriptor is made with epoll_create1(EPOLL_CLOEXEC), so it is not
// inherited across exec, whatever flags says. As CPython: sizehint must
// be -1 or positive (it is otherwise ignored), else ValueError "negative
// sizehint"; flags must be 0 or EPOLL_CLOEXEC, else OSError "invalid
// flags" (with no errno).
func NewEpoll(args ...int) (*Epoll, error) {
	sizehint, flags := -1, 0
	switch len(args) {
	case 2:
		flags = args[1]
		fallthrough
	case 1:
		sizehint = args[0]
	case 0:
	default:
		return nil, builtins.TypeError.New("epoll() takes at most 2 arguments (" + strconv.Itoa(len(args)) + " given)")
	}
	return epollOf(sizehint, flags)
}
