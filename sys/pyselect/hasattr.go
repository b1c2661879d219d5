// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package pyselect

import "strings"

// Hasattr is Python's hasattr(select, name) on this platform: whether
// CPython's select module built for this OS has an object or constant of
// that name ("epoll", "poll", "kqueue", "devpoll", "POLLRDHUP",
// "EPOLLEXCLUSIVE", ...). Dunder names (__doc__, ...) are not modelled.
// Each name it knows is exported by this package in Go case on this OS
// (select.epoll is NewEpoll, select.error is Error, the constants keep
// their names), and none other is.
//
// Python code that tests for a facility at run time ("if hasattr(select,
// 'epoll'):") ports to the constants HasEpoll, HasPoll, HasKqueue and
// HasDevpoll, which Go can use in constant expressions; the code that
// calls the facility stays in a file built for the OSes that have it
// (//go:build linux for epoll), since Go compiles no call to a function that does not
// exist. NewPoller is the common "epoll if there is one, else poll".
//
// Python: https://docs.python.org/3/library/functions.html#hasattr
func Hasattr(name string) bool { return moduleAttrs[name] }

// moduleAttrs is the set of the names in attrs, this OS's dir(select).
var moduleAttrs = func() map[string]bool {
	m := map[string]bool{}
	for _, name := range strings.Fields(attrs) {
		m[name] = true
	}
	return m
}()
