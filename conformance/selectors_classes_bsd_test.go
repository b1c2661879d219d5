// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package conformance_test

import (
	. "github.com/onsi/ginkgo/v2"

	"github.com/pyselect/pyselect/sys/selectors"
)

// selectorsOnOS: macOS and the BSDs have select, poll and kqueue;
// DefaultSelector is KqueueSelector.
var selectorsOnOS = []selectorClass{
	{name: "DefaultSelector", make: selectors.NewDefaultSelector[any], labels: Label("api:kqueue"),
		skipModify: "CPython skips test_modify_unregister for KqueueSelector, the DefaultSelector here: its modify is an unregister and a register"},
	{name: "SelectSelector", make: selectors.NewSelectSelector[any], labels: Label("api:select"),
		skipModify: "CPython skips test_modify_unregister for SelectSelector: its modify is an unregister and a register"},
	{name: "PollSelector", make: selectors.NewPollSelector[any], labels: Label("api:poll"), scalable: true,
		skipModify: "poll.modify of a registered fd cannot fail (poll(2) checks fds only when polling); CPython makes it fail with a mock, which cannot be injected into a PollSelector from outside: sys/selectors' TestPollLikeModifyUnregistersOnFailure covers it"},
	{name: "EpollSelector", absent: "Test needs selectors.EpollSelector: epoll is Linux only", labels: Label("api:epoll"), scalable: true},
	{name: "KqueueSelector", make: selectors.NewKqueueSelector[any], labels: Label("api:kqueue"), scalable: true,
		skipModify: "CPython skips test_modify_unregister for KqueueSelector: its modify is an unregister and a register"},
	{name: "DevpollSelector", absent: "Test needs selectors.DevpollSelector: /dev/poll exists only on Solaris and illumos", labels: Label("api:devpoll"), scalable: true},
}
