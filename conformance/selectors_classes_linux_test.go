// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"net"

	. "github.com/onsi/ginkgo/v2"

	"github.com/pyselect/pyselect/sys/selectors"
)

// closeUnder closes the socket, so that epoll_ctl(2)'s EPOLL_CTL_MOD of
// its registered fd fails with EBADF: the real failure that stands for
// test_modify_unregister's mocked one.
func closeUnder(rd net.Conn) { rd.Close() }

// selectorsOnOS: Linux has select, poll and epoll; DefaultSelector is
// EpollSelector.
var selectorsOnOS = []selectorClass{
	{name: "DefaultSelector", make: selectors.NewDefaultSelector[any], labels: Label("api:epoll"), modifyFails: closeUnder},
	{name: "SelectSelector", make: selectors.NewSelectSelector[any], labels: Label("api:select"),
		skipModify: "CPython skips test_modify_unregister for SelectSelector: its modify is an unregister and a register"},
	{name: "PollSelector", make: selectors.NewPollSelector[any], labels: Label("api:poll"), scalable: true,
		skipModify: "poll.modify of a registered fd cannot fail (poll(2) checks fds only when polling); CPython makes it fail with a mock, which cannot be injected into a PollSelector from outside: sys/selectors' TestPollLikeModifyUnregistersOnFailure covers it"},
	{name: "EpollSelector", make: selectors.NewEpollSelector[any], labels: Label("api:epoll", "os:linux"), scalable: true, modifyFails: closeUnder},
	{name: "KqueueSelector", absent: "Test needs selectors.KqueueSelector: kqueue exists on macOS and the BSDs, not Linux", labels: Label("api:kqueue"), scalable: true},
	{name: "DevpollSelector", absent: "Test needs selectors.DevpollSelector: /dev/poll exists only on Solaris and illumos", labels: Label("api:devpoll"), scalable: true},
}
