// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build aix || solaris

package conformance_test

import (
	. "github.com/onsi/ginkgo/v2"

	"github.com/pyselect/pyselect/sys/selectors"
)

// selectorsOnOS: Solaris and illumos have select, poll and /dev/poll
// (DefaultSelector is DevpollSelector there); AIX select and poll.
var selectorsOnOS = []selectorClass{
	{name: "DefaultSelector", make: selectors.NewDefaultSelector[any], labels: Label("api:poll"),
		skipModify: "the DefaultSelector's poller cannot be made to fail from outside here: sys/selectors' TestPollLikeModifyUnregistersOnFailure covers the rule"},
	{name: "SelectSelector", make: selectors.NewSelectSelector[any], labels: Label("api:select"),
		skipModify: "CPython skips test_modify_unregister for SelectSelector: its modify is an unregister and a register"},
	{name: "PollSelector", make: selectors.NewPollSelector[any], labels: Label("api:poll"), scalable: true,
		skipModify: "poll.modify of a registered fd cannot fail (poll(2) checks fds only when polling); CPython makes it fail with a mock, which cannot be injected into a PollSelector from outside: sys/selectors' TestPollLikeModifyUnregistersOnFailure covers it"},
	{name: "EpollSelector", absent: "Test needs selectors.EpollSelector: epoll is Linux only", labels: Label("api:epoll"), scalable: true},
	{name: "KqueueSelector", absent: "Test needs selectors.KqueueSelector: kqueue exists on macOS and the BSDs", labels: Label("api:kqueue"), scalable: true},
	devpollClass,
}
