// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package selectors

import "strings"

// Hasattr is Python's hasattr(selectors, name) on this platform: whether
// Lib/selectors.py, imported on this OS, defines a class or constant of
// that name. Every OS has BaseSelector, DefaultSelector, SelectorKey,
// SelectSelector, EVENT_READ and EVENT_WRITE; PollSelector is there on
// every Unix (not on Windows), EpollSelector on Linux, KqueueSelector on
// macOS and the BSDs, DevpollSelector on Solaris and illumos, as select
// has poll, epoll, kqueue and devpoll. The names selectors imports (math,
// select, sys, namedtuple, ...) and the underscore ones are not modelled.
// Each name it knows is exported here on this OS (a class X as NewX).
//
// Python's "_PopenSelector = selectors.PollSelector if hasattr(selectors,
// 'PollSelector') else selectors.SelectSelector" is
//
//	popenSelector := selectors.NewSelectSelector[any]
//	if selectors.Hasattr("PollSelector") {
//		popenSelector = selectors.NewPollSelector[any] // in a file built for unix
//	}
//
// since every constructor has one shape; Go compiles no call to a function
// that does not exist, so a branch naming PollSelector stays in a file
// built for the OSes that have it, and the rest compiles everywhere.
// (pyselect.Hasattr answers for the select module: it has poll, not
// PollSelector.)
//
// Python: https://docs.python.org/3/library/functions.html#hasattr
func Hasattr(name string) bool { return moduleNames[name] }

// moduleNames is the set of classes and constants this OS's selectors
// defines.
var moduleNames = func() map[string]bool {
	m := map[string]bool{}
	for _, name := range strings.Fields("BaseSelector DefaultSelector EVENT_READ EVENT_WRITE SelectSelector SelectorKey " + classes) {
		m[name] = true
	}
	return m
}()
